#pragma once
/// \file The terminal summary of a finished run in the trainee's language. The simulator's own
/// summary (Simulator::summary) is English prose; this one is built from the run's figures with
/// the string table, so `--lang zh` prints no English.
#include <string>

namespace fl {
class Simulator;
}

namespace fl::trainer {

/// A one-screen summary of `sim` in `language` ("en" or "zh"); times are local clock times.
std::string terminal_summary(const Simulator& sim, const std::string& language);

}  // namespace fl::trainer
