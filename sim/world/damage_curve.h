#pragma once
/// \file The damage curve: faults per 100 km of overhead line, by cause, against the storm's peak
/// 3-s gust over land — the same service area under the same storm with every wind speed scaled
/// (TyphoonConfig::wind_scale) so its peak land gust takes each asked value. Runs the world alone
/// (automatic dispatcher, no hotline) to the end of the storm's track or of the scenario.
#include <array>
#include <cstdint>
#include <vector>

#include "sim/core/grid_view.h"

namespace fl {
struct Scenario;
}

namespace fl::world {

/// Number of FaultCause values counted (kBrokenPole … kOther).
constexpr std::size_t kFaultCauses = 7;

/// One storm strength.
struct DamagePoint {
  double peak_gust_mps = 0;                     ///< peak 3-s land gust of the scaled storm (as measured)
  double wind_scale = 1;                        ///< the scale that produced it
  std::array<std::uint32_t, kFaultCauses> faults{};  ///< faults by FaultCause
  std::uint32_t total_faults = 0;
  std::uint64_t peak_customers_out = 0;
  /// Faults of one cause per 100 km of overhead line.
  double per_100km(FaultCause c, double overhead_km) const {
    return overhead_km > 0 ? 100.0 * faults[static_cast<std::size_t>(c)] / overhead_km : 0.0;
  }
};

/// The whole curve.
struct DamageCurve {
  double overhead_km = 0;            ///< bare + covered line length (cable is immune to wind)
  double base_peak_gust_mps = 0;     ///< the scenario's own storm (wind_scale as in the file)
  std::vector<DamagePoint> points;   ///< in the order of the gusts asked
  /// Total faults per 100 km of overhead line at point i.
  double total_per_100km(std::size_t i) const {
    return overhead_km > 0 ? 100.0 * points[i].total_faults / overhead_km : 0.0;
  }
};

/// Runs `scenario` (which must have a typhoon) once per gust in `peak_gusts_mps` with seed `seed`.
/// Throws std::invalid_argument when the scenario has no typhoon or its storm has no land gust.
DamageCurve compute_damage_curve(const Scenario& scenario, std::uint64_t seed, const std::vector<double>& peak_gusts_mps);

}  // namespace fl::world
