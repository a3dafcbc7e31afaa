#include "trainer/replay_command.h"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>

#include "sim/session.h"
#include "sim/simulator.h"
#include "trainer/headless.h"
#include "trainer/report.h"
#include "trainer/report_strings.h"
#include "trainer/summary.h"

namespace fl::trainer {

int run_replay_command(const std::string& session_path, const std::string& out_dir, bool verify, std::ostream& out,
                       std::ostream& err, const std::string& language) {
  std::ifstream in(session_path, std::ios::binary);
  if (!in) {
    err << session_path << ": cannot open the file, expected a session file written by `faultline run`\n";
    return 1;
  }
  std::ostringstream text;
  text << in.rdbuf();
  Session session;
  Problems problems;
  if (!session_from_json(text.str(), session, problems)) {
    err << problems.format(session_path);
    return 1;
  }
  Scenario scenario;
  Problems scenario_problems;
  const std::string commitments =
      (std::filesystem::path(session.scenario_path).parent_path() / "commitments").string();
  if (!parse_scenario(session.scenario_text, commitments, scenario, scenario_problems)) {
    err << scenario_problems.format(session_path + " (faultline_session.scenario_text)");
    return 1;
  }
  spdlog::info("replaying {} ({} trainee commands, seed {})", session_path, session.commands.size(), session.seed);
  const auto sim = replay_session(session, scenario, session.saved_at_ms);
  const std::string scorecard = sim->scorecard_json();
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec) {
    err << out_dir << ": cannot create the folder: " << ec.message() << "\n";
    return 1;
  }
  const auto scorecard_path = (std::filesystem::path(out_dir) / "scorecard.json").string();
  write_file_atomically(scorecard_path, scorecard);
  const debrief::Debrief debrief = debrief::build_debrief(*sim);
  ReportExtras extras;
  extras.debrief = &debrief;
  write_report_files(out_dir, scorecard, language, extras);
  out << terminal_summary(*sim, language) << report_text("summary_scorecard", language) << " " << scorecard_path << "\n";
  if (verify) {
    const std::string hash = fnv1a_hex(scorecard);
    if (hash != session.scorecard_fnv1a) {
      err << session_path << ": replay differs from the recording (scorecard hash " << hash << ", recorded "
          << session.scorecard_fnv1a << ")\n";
      return 1;
    }
    out << report_text("replay_verified", language) << "\n";
  }
  return 0;
}

}  // namespace fl::trainer
