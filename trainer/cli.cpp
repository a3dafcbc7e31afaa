#include "trainer/cli.h"

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>
#include <spdlog/sinks/stdout_color_sinks.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <exception>
#include <iostream>

#include "sim/calls/civil_language.h"
#include "sim/calls/script.h"
#include "sim/run/plan.h"
#include "sim/scenario/json_reader.h"
#include "sim/scenario/scenario.h"
#include "sim/scoring/commitment_set.h"
#include "trainer/damage_curve_command.h"
#include "trainer/debrief_command.h"
#include "trainer/headless.h"
#include "trainer/input_folders.h"
#include "trainer/practise_command.h"
#include "trainer/play_command.h"
#include "trainer/replay_command.h"
#include "trainer/report.h"
#include "trainer/report_strings.h"
#include "trainer/storm_command.h"
#include "trainer/study_command.h"

namespace fl::trainer {

namespace {

const char* kDefaultScenario = "scenarios/coastal_city.json";

/// Loads and validates a scenario, printing every problem to stderr. Returns false on errors.
bool load_or_report(const std::string& path, Scenario& scenario) {
  Problems problems;
  const bool ok = load_scenario(path, scenario, problems, fallback_commitment_dirs());
  const std::string text = problems.format(path);
  if (!text.empty()) std::cerr << text;
  if (!ok) std::cerr << path << ": " << problems.error_count() << " error(s); the scenario was not run\n";
  return ok;
}

void set_log_level(const std::string& level) {
  // Log to stderr so stdout carries only results (scorecard paths, CSV, OK).
  auto logger = spdlog::get("faultline");
  if (!logger) logger = spdlog::stderr_color_mt("faultline");
  spdlog::set_default_logger(logger);
  spdlog::set_pattern("[%l] %v");
  spdlog::set_level(spdlog::level::from_str(level));
}

}  // namespace

int run_cli(int argc, char** argv) {
  CLI::App app{"Faultline — a drill simulator for the 95598 hotline and typhoon outage response."};
  app.require_subcommand(0, 1);
  app.fallthrough();  // global options such as --log-level may follow the subcommand
  std::string log_level = "info";
  app.add_option("--log-level", log_level, "Logging detail: trace, debug, info, warn, error, off")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}))
      ->capture_default_str();

  // faultline run
  auto* run = app.add_subcommand("run", "Run a scenario (headless: to its end, writing scorecard.json).");
  std::string run_scenario = kDefaultScenario;
  bool headless = false;
  std::uint64_t seed = 0;
  std::string out_dir = "out";
  std::string language = "en";
  run->add_option("scenario", run_scenario, "Scenario file (JSON)")->capture_default_str();
  run->add_flag("--headless", headless, "Run without a window; the automatic dispatcher takes the trainee's seat");
  // NonNegativeNumber: CLI11 would otherwise wrap "-1" to 18446744073709551615 without a word.
  auto* seed_opt = run->add_option("--seed", seed, "Random seed, 0 to 18446744073709551615 (default: the scenario's)")
                       ->check(CLI::Validator(
                           [](const std::string& text) -> std::string {
                             const std::string max = "18446744073709551615";
                             if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos ||
                                 text.size() > max.size() || (text.size() == max.size() && text > max))
                               return "found " + text + ", expected a whole number from 0 to 18446744073709551615";
                             return {};
                           },
                           "SEED"));
  run->add_option("--out", out_dir, "Folder for scorecard.json and report.html")->capture_default_str();
  run->add_option("--lang", language, "Language of the summary and report")
      ->check(CLI::IsMember({"en", "zh"}))
      ->capture_default_str();

  // faultline validate
  auto* validate = app.add_subcommand("validate", "Check a scenario file and explain every problem with its path.");
  std::string validate_path;
  bool validate_set = false;
  validate->add_option("file", validate_path,
                       "Scenario file, study plan, commitment set, call script (in a scripts/ folder) or civil-language rules (in phrases/)")
      ->required();
  validate->add_flag("--commitment-set", validate_set,
                     "Check the file as a commitment set (automatic for files in a commitments/ folder)");

  // faultline storm
  auto* storm = app.add_subcommand("storm", "Print the typhoon's wind and warning level over time at a point or named place.");
  StormArgs storm_args;
  storm->add_option("scenario", storm_args.scenario, "Scenario file (JSON)")->required();
  storm->add_option("--at", storm_args.at, "X,Y in metres, or the name of a depot or named customer")->required();
  storm->add_option("--every", storm_args.every_min, "Minutes between rows")->check(CLI::Range(1, 24 * 60))->capture_default_str();
  storm->add_flag("--csv", storm_args.csv, "Comma-separated output for a spreadsheet");

  // faultline damage-curve
  auto* curve = app.add_subcommand("damage-curve", "Faults per 100 km of line by cause against peak gust (the scenario's storm scaled).");
  DamageCurveArgs curve_args;
  curve->add_option("scenario", curve_args.scenario, "Scenario file (JSON) with a typhoon section")->required();
  curve->add_option("--svg", curve_args.svg, "Also write the chart to this SVG file");
  curve->add_flag("--csv", curve_args.csv, "Comma-separated output for a spreadsheet");
  auto* curve_seed = curve->add_option("--seed", curve_args.seed, "Random seed (default: the scenario's)");
  curve->add_option("--from", curve_args.from_mps, "Smallest peak gust, m/s")->capture_default_str();
  curve->add_option("--to", curve_args.to_mps, "Largest peak gust, m/s")->capture_default_str();
  curve->add_option("--step", curve_args.step_mps, "Step between peak gusts, m/s")->capture_default_str();
  curve->add_option("--lang", curve_args.language, "Language of the table and chart")
      ->check(CLI::IsMember({"en", "zh"}))
      ->capture_default_str();

  // faultline replay
  auto* replay = app.add_subcommand("replay", "Replay a recorded session headless; --verify checks the scorecard.");
  std::string session_path;
  bool verify = false;
  std::string replay_out = "out/replay";
  std::string replay_language = "en";
  replay->add_option("session", session_path, "Session file (session.json from a run)")->required();
  replay->add_flag("--verify", verify, "Exit 1 unless the replayed scorecard equals the recorded one");
  replay->add_option("--out", replay_out, "Folder for the replayed scorecard and report")->capture_default_str();

  // faultline practise
  auto* practise = app.add_subcommand("practise", "Practise 95598 calls in the terminal with scripted callers.");
  PractiseArgs practise_args;
  practise->add_option("scenario", practise_args.scenario, "Scenario file (JSON)")->required();
  practise->add_option("--lang", practise_args.language, "Language of the calls: zh or en")
      ->check(CLI::IsMember({"en", "zh"}))
      ->capture_default_str();
  practise->add_option("--answers", practise_args.answers, "File of replies, one per line, instead of the keyboard");
  practise->add_option("--calls", practise_args.calls, "Calls to take")->check(CLI::Range(1, 200))->capture_default_str();
  practise->add_option("--routing", practise_args.routing, "Override the calls routed to the trainee seat")
      ->check(CLI::IsMember({"outage", "complaint", "important", "all"}));
  practise->add_option("--share", practise_args.share_pct, "Override the share of matching calls, %")->check(CLI::Range(0.0, 100.0));
  practise->add_option("--seed", practise_args.seed, "Random seed (default: the scenario's)");
  practise->add_option("--assets", practise_args.assets, "Folder with scripts/ and phrases/")->capture_default_str();
  practise->add_option("--out", practise_args.out_dir, "Folder for practise.json")->capture_default_str();

  // faultline study PLAN / faultline study merge DIR...
  StudyArgs study_args;
  auto* study = add_study_command(app, study_args);

  // faultline play (trainer/play_command.h)
  app::PlayOptions play_options;
  auto* play = add_play_command(app, play_options);

  // faultline debrief
  auto* debrief = app.add_subcommand("debrief", "Debrief a session: replay it, compare with the automatic dispatcher, weigh each decision.");
  DebriefArgs debrief_args;
  debrief->add_option("session", debrief_args.session_path, "Session file (session.json from a run)")->required();
  debrief->add_option("--out", debrief_args.out_dir, "Folder for report.html and decisions.html")->capture_default_str();
  debrief->add_option("--lang", debrief_args.language, "Language of the summary and report")->check(CLI::IsMember({"en", "zh"}));
  debrief->add_option("--threads", debrief_args.threads, "Replays in parallel (0: one per core)");
  debrief->add_flag("--no-weigh{false}", debrief_args.weigh, "Skip the counterfactual replays");
  replay->add_option("--lang", replay_language, "Language of the summary and report")->check(CLI::IsMember({"en", "zh"}));

  // faultline report
  auto* report = app.add_subcommand("report", "Render the report of a run's output folder from its scorecard.json and details.sqlite.");
  std::string report_dir, report_out, report_language = "en";
  report->add_option("folder", report_dir, "Output folder of a run (holding scorecard.json and details.sqlite)")->required();
  report->add_option("--out", report_out, "HTML file to write (the folder's own report.html is left alone)")->required();
  report->add_option("--lang", report_language, "Language of the report")->check(CLI::IsMember({"en", "zh"}))->capture_default_str();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  set_log_level(log_level);

  try {
    if (*validate) {
      if (validate_set || std::filesystem::path(validate_path).parent_path().filename() == "commitments") {
        scoring::CommitmentSet set;
        Problems problems;
        const bool ok = scoring::load_commitment_set(validate_path, set, problems);
        std::cerr << problems.format(validate_path);
        if (!ok) return 1;
        std::cout << "OK\n";
        return 0;
      }
      std::string probe_text;
      Problems probe_problems;  // unreadable files are reported by the scenario loader below
      if (read_input_file(validate_path, probe_text, probe_problems, "a file") &&
          run::looks_like_plan(probe_text)) {  // a study plan: check it and its base scenario
        run::LoadedPlan plan;
        Problems problems;
        const bool ok = run::load_plan(validate_path, plan, problems);
        std::cerr << problems.format(validate_path);
        if (!ok) return 1;
        std::cout << "OK\n";
        return 0;
      }
      // Call scripts (assets/scripts/) and the civil-language rules (assets/phrases/) by folder.
      const std::string folder = std::filesystem::path(validate_path).parent_path().filename().string();
      if (folder == "scripts" || folder == "phrases") {
        Problems problems;
        bool ok = false;
        if (folder == "scripts") {
          calls::Script script;
          ok = calls::load_script(validate_path, script, problems);
        } else {
          calls::CivilLanguage rules;
          ok = calls::load_civil_language(validate_path, rules, problems);
        }
        std::cerr << problems.format(validate_path);
        if (!ok) return 1;
        std::cout << "OK\n";
        return 0;
      }
      Scenario scenario;
      if (!load_or_report(validate_path, scenario)) return 1;
      std::cout << "OK\n";
      return 0;
    }
    if (*study) {
      if (study_merge_selected(*study)) return run_study_merge(study_args, std::cout, std::cerr);
      return run_study_command(study_args, std::cout, std::cerr);
    }
    if (*storm) return run_storm_command(storm_args, std::cout, std::cerr);
    if (*curve) {
      curve_args.seed_given = curve_seed->count() > 0;
      return run_damage_curve_command(curve_args, std::cout, std::cerr);
    }
    if (*practise) {
      if (practise_args.answers.empty()) return run_practise_command(practise_args, std::cin, std::cout, std::cerr);
      std::ifstream answers(practise_args.answers);
      if (!answers) {
        std::cerr << practise_args.answers << ": cannot open the file, expected a file of replies (one per line)\n";
        return 1;
      }
      return run_practise_command(practise_args, answers, std::cout, std::cerr);
    }
    if (*play) return run_play_command(play_options, std::cout, std::cerr);
    if (*replay) return run_replay_command(session_path, replay_out, verify, std::cout, std::cerr, replay_language);
    if (*debrief) return run_debrief_command(debrief_args, std::cout, std::cerr);
    if (*report) {
      try {
        write_file_atomically(report_out, render_report_from_folder(report_dir, report_language));
      } catch (const std::runtime_error& e) {  // the user's files: said on stderr whatever the log level
        std::cerr << e.what() << "\n";
        return 1;
      }
      std::cout << report_text("summary_report", report_language) << " " << report_out << "\n";
      return 0;
    }
    if (*run || app.get_subcommands().empty()) {
      if (!*run) headless = true;  // bare `faultline`: the default drill
      if (!headless && app::display_available()) {
        spdlog::info("a display is present: opening the dispatcher's window (use --headless to run without it)");
        play_options.scenario_path = run_scenario;
        play_options.language = language;
        play_options.out_dir = out_dir;
        if (*seed_opt) play_options.seed = seed;
        return run_play_command(play_options, std::cout, std::cerr);
      }
      if (!headless) spdlog::info("no display: running headless with the automatic dispatcher");
      Scenario scenario;
      if (!load_or_report(run_scenario, scenario)) return 1;
      HeadlessOptions options;
      if (*seed_opt) options.seed = seed;
      options.out_dir = out_dir;
      options.language = language;
      options.scenario_path = run_scenario;
      options.scenario_text = scenario.source_text;  // exactly what was validated
      const HeadlessResult result = run_headless(scenario, options);
      std::cout << result.summary << report_text("summary_scorecard", language) << " " << result.scorecard_path << "\n"
                << report_text("summary_details", language) << " " << result.details_path << "\n"
                << report_text("summary_report", language) << " " << result.report_path << "\n"
                << report_text("summary_session", language) << " " << result.session_path << "\n";
      return 0;
    }
  } catch (const std::exception& e) {
    spdlog::error("{}", e.what());
    return 1;
  }
  return 0;
}

}  // namespace fl::trainer
