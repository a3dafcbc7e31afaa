#pragma once
/// \file `faultline storm`: the forecaster's view of a scenario's typhoon at one place.
#include <iosfwd>
#include <string>

namespace fl::trainer {

/// Arguments of `faultline storm SCENARIO --at X,Y|NAME [--every MIN] [--csv]`.
struct StormArgs {
  std::string scenario;   ///< scenario file
  std::string at;         ///< "X,Y" in metres, or the name of a depot / named customer
  int every_min = 60;     ///< sampling interval, minutes
  bool csv = false;       ///< comma-separated output for a spreadsheet
};

/// Prints the time series (time, distance to the eye, 1-min wind, gust, warning level) to `out`;
/// problems go to `err`. Returns a process exit code (0 ok, 1 bad input).
int run_storm_command(const StormArgs& args, std::ostream& out, std::ostream& err);

}  // namespace fl::trainer
