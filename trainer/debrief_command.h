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

/// Reads a session file through the capped reader and rebuilds its scenario from what it embeds
/// (scenario_from_session; older sessions find their commitment set beside the recorded scenario
/// or among the shipped sets). A call-practice session is refused unless `allow_practice`. False
/// with a message naming the file and field on `err` otherwise.
bool load_session_and_scenario(const std::string& path, Session& session, Scenario& scenario, std::ostream& err,
                               bool allow_practice = false);

}  // namespace fl::trainer
