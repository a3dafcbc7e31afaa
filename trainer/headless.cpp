#include "trainer/headless.h"

#include <spdlog/spdlog.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "sim/session.h"
#include "sim/simulator.h"
#include "trainer/baseline.h"
#include "trainer/report.h"
#include "trainer/summary.h"

namespace fl::trainer {

void write_file_atomically(const std::string& path, const std::string& contents) {
  const std::filesystem::path target(path);
  const std::filesystem::path temp = target.string() + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + temp.string() + ": " + std::strerror(errno));
    out << contents;
    out.flush();
    if (!out) throw std::runtime_error("cannot write " + temp.string() + ": " + std::strerror(errno));
  }
  std::error_code ec;
  std::filesystem::rename(temp, target, ec);
  if (ec) throw std::runtime_error("cannot rename " + temp.string() + " to " + target.string() + ": " + ec.message());
}

HeadlessResult run_headless(const Scenario& scenario, const HeadlessOptions& options) {
  RunOptions run;
  run.seed = options.seed.value_or(scenario.seed);
  run.automatic_dispatcher = true;
  spdlog::info("headless run of '{}' with seed {}", scenario.id, run.seed);

  std::error_code ec;
  std::filesystem::create_directories(options.out_dir, ec);
  if (ec) throw std::runtime_error("cannot create output folder " + options.out_dir + ": " + ec.message());

  Simulator sim(scenario, run);
  // Run in simulated-hour slices so long runs can show progress.
  const Time slice = kHour;
  int last_percent = -1;
  for (Time t = slice; !sim.finished(); t += slice) {
    sim.run_until(t);
    const int percent = static_cast<int>(100 * sim.now() / (sim.end_time() > 0 ? sim.end_time() : 1));
    if (options.progress && percent / 10 != last_percent / 10) {
      spdlog::debug("simulated {:.0f} of {:.0f} hours", to_hours(sim.now()), to_hours(sim.end_time()));
      last_percent = percent;
    }
  }
  // Complaint orders raised late in the drill are followed to closure or overdue, as a replay does.
  sim.run_to_end();
  if (sim.now() > sim.end_time())
    spdlog::info("complaint orders followed up to {:.1f} simulated hours", to_hours(sim.now()));
  HeadlessResult result;
  result.seed = run.seed;
  result.events = sim.events_fired();
  result.scorecard_path = (std::filesystem::path(options.out_dir) / "scorecard.json").string();
  attach_baseline(sim);  // only when a trainee dispatched: replays the seed with the automatic dispatcher
  const std::string scorecard = sim.scorecard_json();
  write_file_atomically(result.scorecard_path, scorecard);
  result.report_path = (std::filesystem::path(options.out_dir) / "report.html").string();
  // The report and its appendix (decisions.html) from the scorecard and the debrief of this run.
  const debrief::Debrief debrief = debrief::build_debrief(sim);
  ReportExtras extras;
  extras.debrief = &debrief;
  write_report_files(options.out_dir, scorecard, options.language, extras);
  result.session_path = (std::filesystem::path(options.out_dir) / "session.json").string();
  write_file_atomically(result.session_path,
                        session_to_json(capture_session(sim, options.scenario_path, options.scenario_text)));
  result.summary = terminal_summary(sim, options.language);
  spdlog::info("scorecard written to {}", result.scorecard_path);
  return result;
}

}  // namespace fl::trainer
