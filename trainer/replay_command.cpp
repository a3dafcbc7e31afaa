#include "trainer/replay_command.h"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>

#include "sim/calls/practice.h"
#include "sim/scenario/json_reader.h"
#include "sim/session.h"
#include "sim/simulator.h"
#include "trainer/debrief_command.h"
#include "trainer/headless.h"
#include "trainer/input_folders.h"
#include "trainer/output_folder.h"
#include "trainer/report.h"
#include "trainer/report_strings.h"
#include "trainer/summary.h"

namespace fl::trainer {

int run_replay_command(const std::string& session_path, const std::string& out_dir, bool verify, std::ostream& out,
                       std::ostream& err, const std::string& language) {
  Session session;
  Scenario scenario;
  if (!load_session_and_scenario(session_path, session, scenario, err, true)) return 1;
  spdlog::info("replaying {} ({} trainee commands, seed {})", session_path, session.commands.size(), session.seed);
  // A call practice replays with its call desk, from the scripts and rules the session embeds.
  std::unique_ptr<calls::PracticeRun> practice;
  std::unique_ptr<Simulator> drill;
  if (session.practice) {
    calls::CallAssets assets;
    Problems asset_problems;
    if (!calls::assets_from_session(session, assets, asset_problems)) {
      err << asset_problems.format(session_path);
      return 1;
    }
    practice = calls::replay_practice_session(session, scenario, std::move(assets));
  } else {
    drill = replay_session(session, scenario, session.saved_at_ms);
  }
  const Simulator* sim = practice ? &practice->sim() : drill.get();
  const std::string scorecard = sim->scorecard_json();
  std::string scorecard_path;
  try {  // folder problems are the user's to fix: said on stderr whatever the log level
    check_output_beside(out_dir, session_path);
    OutputSet output(out_dir);
    output.write("scorecard.json", scorecard);
    const run::RunDetails details = stage_details(output, *sim);
    const debrief::Debrief debrief = debrief::build_debrief(*sim);
    ReportExtras extras;
    extras.debrief = &debrief;
    extras.details = &details;
    output.write("report.html", render_report(scorecard, language, extras));
    output.write("decisions.html", render_appendix(debrief, language));
    output.commit();
    scorecard_path = output.final_path("scorecard.json");
  } catch (const std::runtime_error& e) {
    err << e.what() << "\n";
    return 1;
  }
  out << terminal_summary(*sim, language) << report_text("summary_scorecard", language) << " " << scorecard_path << "\n";
  if (verify) {
    const std::string hash = fnv1a_hex(scorecard);
    if (hash != session.scorecard_fnv1a) {
      err << session_path << ": replay differs from the recording (scorecard hash " << hash << ", recorded "
          << session.scorecard_fnv1a << "; " << sim->events_fired() << " events replayed, " << session.events
          << " recorded)\n";
      return 1;
    }
    out << report_text("replay_verified", language) << "\n";
  }
  return 0;
}

}  // namespace fl::trainer
