#pragma once
/// \file `faultline replay SESSION [--verify]`: re-runs a recorded session headless.
#include <iosfwd>
#include <string>

namespace fl::trainer {

/// Replays the session at `session_path` to the point it was saved, writes the replayed
/// scorecard and report into `out_dir`, and with `verify` compares the scorecard with the one
/// recorded. Returns 0 on success, 1 on a bad file or a mismatch.
/// `language` ("en" or "zh") selects the report's and the summary's language.
int run_replay_command(const std::string& session_path, const std::string& out_dir, bool verify, std::ostream& out,
                       std::ostream& err, const std::string& language = "en");

}  // namespace fl::trainer
