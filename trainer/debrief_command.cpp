#include "trainer/debrief_command.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <ostream>

#include "sim/scenario/json_reader.h"
#include "sim/session.h"
#include "sim/simulator.h"
#include "trainer/baseline.h"
#include "trainer/debrief/counterfactual.h"
#include "trainer/debrief/debrief.h"
#include "trainer/headless.h"
#include "trainer/input_folders.h"
#include "trainer/output_folder.h"
#include "trainer/report.h"
#include "trainer/report_strings.h"
#include "trainer/summary.h"

namespace fl::trainer {

bool load_session_and_scenario(const std::string& path, Session& session, Scenario& scenario, std::ostream& err,
                               bool allow_practice) {
  std::string text;
  Problems problems;
  if (!read_input_file(path, text, problems, "a session file written by `faultline run`, `play` or `practise`") ||
      !session_from_json(text, session, problems)) {
    err << problems.format(path);
    return false;
  }
  if (session.practice && !allow_practice) {
    problems.error("faultline_session.practice", "found a call-practice session (faultline practise)",
                   "a drill session (faultline run or play); replay a practice with faultline replay");
    err << problems.format(path);
    return false;
  }
  // The session carries its scenario, commitment set and track file; older sessions without an
  // embedded set find it beside the recorded scenario path or among the shipped ones.
  std::vector<std::string> dirs{(std::filesystem::path(session.scenario_path).parent_path() / "commitments").string()};
  for (const std::string& dir : fallback_commitment_dirs()) dirs.push_back(dir);
  Problems scenario_problems;
  if (!scenario_from_session(session, dirs, scenario, scenario_problems)) {
    err << scenario_problems.format(path);
    return false;
  }
  return true;
}

int run_debrief_command(const DebriefArgs& args, std::ostream& out, std::ostream& err) {
  Session session;
  Scenario scenario;
  if (!load_session_and_scenario(args.session_path, session, scenario, err)) return 1;
  // The scorecard and the report go in as one set (a killed debrief leaves the old set whole).
  std::unique_ptr<OutputSet> output;
  try {
    check_output_beside(args.out_dir, args.session_path);
    output = std::make_unique<OutputSet>(args.out_dir);
  } catch (const std::exception& e) {
    err << e.what() << "\n";
    return 1;
  }
  spdlog::info("debriefing {} ({} trainee commands, seed {})", args.session_path, session.commands.size(), session.seed);
  const auto run = replay_session(session, scenario, session.saved_at_ms);
  // The automatic dispatcher on the same seed, as far as the session went.
  std::unique_ptr<Simulator> baseline;
  if (!session.automatic_dispatcher) {
    Session automatic = session;
    automatic.automatic_dispatcher = true;  // agents in both seats
    automatic.dispatch_trainee = false;
    automatic.hotline_trainee = false;
    automatic.commands.clear();
    baseline = replay_session(automatic, scenario, session.saved_at_ms);
    run->set_baseline(scoring::run_totals(*baseline));
  }
  const debrief::Debrief debrief = debrief::build_debrief(*run, baseline.get());
  std::vector<debrief::DecisionCost> costs;
  // A call's answer and replies are scored by its checkpoints; only the other decisions are weighed.
  const bool decisions = std::any_of(session.commands.begin(), session.commands.end(), debrief::weighed_by_replay);
  const bool weighed = args.weigh && decisions;
  if (weighed) {
    costs = debrief::weigh_decisions(session, scenario, args.threads, [&](std::size_t done, std::size_t total) {
      if (!args.progress) return;
      const int width = 30;
      const int filled = static_cast<int>(width * done / (total ? total : 1));
      err << "\r" << report_text("progress_weighing", args.language) << " [" << std::string(static_cast<std::size_t>(filled), '#')
          << std::string(static_cast<std::size_t>(width - filled), '.') << "] " << done << "/" << total << std::flush;
      if (done == total) err << "\n";
    });
    debrief::describe_costs(*run, costs);
  }
  const std::string scorecard = run->scorecard_json();
  ReportExtras extras;
  extras.debrief = &debrief;
  if (weighed || !decisions) extras.costs = &costs;
  output->write("scorecard.json", scorecard);
  const run::RunDetails details = stage_details(*output, *run);
  extras.details = &details;
  output->write("report.html", render_report(scorecard, args.language, extras));
  output->write(extras.appendix_href, render_appendix(debrief, args.language));
  output->commit();
  out << terminal_summary(*run, args.language);
  if (weighed) {
    out << report_text("summary_top_decisions", args.language) << "\n";
    for (const auto& c : debrief::top_decisions(costs, 5))
      out << "  " << debrief::render(debrief::cost_sentence(c), args.language, debrief.clock) << "\n";
  }
  if (!debrief.calls.empty())
    out << report_text("summary_calls", args.language) << "\n" << debrief::render_call_lines(debrief.calls, args.language, debrief.clock);
  out << report_text("summary_report", args.language) << " " << (std::filesystem::path(args.out_dir) / "report.html").string()
      << "\n";
  return 0;
}

}  // namespace fl::trainer
