#pragma once
/// \file `faultline damage-curve SCENARIO [--svg FILE] [--csv]`: faults per 100 km of overhead
/// line, by cause, against the storm's peak land gust (the scenario's storm scaled from 30 to 75 m/s).
#include <cstdint>
#include <iosfwd>
#include <string>

#include "sim/world/damage_curve.h"

namespace fl::trainer {

/// Arguments of `faultline damage-curve`.
struct DamageCurveArgs {
  std::string scenario;      ///< scenario file with a typhoon section
  std::string svg;           ///< write the chart here (empty: no chart)
  bool csv = false;          ///< comma-separated table instead of the aligned one
  std::uint64_t seed = 0;    ///< 0: the scenario's seed
  bool seed_given = false;
  double from_mps = 30, to_mps = 75, step_mps = 5;  ///< peak gusts asked
  std::string language = "en";  ///< "en" or "zh" (table headings and chart labels)
};

/// Runs the curve and prints it to `out` (problems to `err`); returns a process exit code.
int run_damage_curve_command(const DamageCurveArgs& args, std::ostream& out, std::ostream& err);

/// The chart as a standalone SVG document (log faults/100 km against peak gust, one line per
/// cause with faults, and the total). `title` is printed above the plot.
std::string damage_curve_svg(const world::DamageCurve& curve, const std::string& title, const std::string& language);

}  // namespace fl::trainer
