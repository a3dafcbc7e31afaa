#include "trainer/play_command.h"

#include <CLI/CLI.hpp>

namespace fl::trainer {

CLI::App* add_play_command(CLI::App& cli, app::PlayOptions& options) {
  auto* play = cli.add_subcommand("play", "Open the dispatcher's window and play a drill with the mouse.");
  options.scenario_path = "scenarios/coastal_city.json";
  play->add_option("scenario", options.scenario_path, "Scenario file (JSON)")->capture_default_str();
  play->add_option("--seat", options.seat, "The trainee's seat")
      ->check(CLI::IsMember({"dispatch", "hotline", "both"}))
      ->capture_default_str();
  play->add_option("--lang", options.language, "Interface language (switch in the window with F2)")
      ->check(CLI::IsMember({"zh", "en"}))
      ->capture_default_str();
  play->add_option("--resume", options.resume_path, "Continue a saved session (session.json)");
  play->add_option("--routing", options.routing, "Calls routed to the trainee's hotline seat (overrides the scenario)")
      ->check(CLI::IsMember({"outage", "complaint", "important", "all"}));
  play->add_option("--share", options.share_pct, "Share of the matching calls routed to the trainee's seat, %")
      ->check(CLI::Range(0.0, 100.0));
  play->add_flag("--instructor", options.instructor, "Show the ground truth overlay during the drill (F12 toggles)");
  play->add_option("--input-script", options.input_script_path, "Timed clicks and keys to play (see trainer/app/input_script.h)");
  play->add_option("--screenshot-at", options.screenshots,
                   "WHEN=FILE.png; WHEN is wall seconds, sim:36h, briefing/drill/debrief, or findings (the debrief once its findings are weighed; repeatable)");
  play->add_option("--out", options.out_dir, "Folder for session.json, scorecard.json and report.html")->capture_default_str();
  play->add_option("--seed", options.seed, "Random seed (default: the scenario's)");
  play->add_option("--max-frames", options.max_frames, "Close after this many frames (tests)");
  return play;
}

int run_play_command(const app::PlayOptions& options, std::ostream& out, std::ostream& err) {
  return app::run_play(options, out, err);
}

}  // namespace fl::trainer
