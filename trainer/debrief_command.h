#pragma once
/// \file `faultline debrief SESSION [--lang en|zh] [--out DIR] [--threads N] [--no-weigh]`: replays
/// a recorded session, plays the automatic dispatcher on the same seed as far, weighs each
/// trainee decision by counterfactual replay and writes report.html + decisions.html.
#include <iosfwd>
#include <string>

namespace fl {
struct Session;
struct Scenario;
}  // namespace fl

namespace fl::trainer {

/// Options of the debrief command.
struct DebriefArgs {
  std::string session_path;
  std::string out_dir = "out/debrief";
  std::string language = "en";   ///< "en" or "zh"
  unsigned threads = 0;          ///< 0: one per hardware thread
  bool weigh = true;             ///< replay without / with each decision delayed
  bool progress = true;          ///< progress bar on stderr
};

/// Runs the debrief; returns 0 on success, 1 on a bad session file or an unwritable folder
/// (the message names the file and what was expected).
int run_debrief_command(const DebriefArgs& args, std::ostream& out, std::ostream& err);

/// Reads and parses a session file and its scenario; false with a message on `err` otherwise.
bool load_session_and_scenario(const std::string& path, Session& session, Scenario& scenario, std::ostream& err);

}  // namespace fl::trainer
