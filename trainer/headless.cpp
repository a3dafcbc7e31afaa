#include "trainer/headless.h"

#include <spdlog/spdlog.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "sim/session.h"
#include "sim/simulator.h"
#include "trainer/baseline.h"
#include "trainer/output_folder.h"
#include "trainer/records_db.h"
#include "trainer/report.h"
#include "trainer/summary.h"

namespace fl::trainer {

void write_file_atomically(const std::string& path, const std::string& contents) {
  const std::filesystem::path target(path);
  // A unique temporary name, so two writers of one path never share (or delete) a temp file.
  std::string temp = target.string() + ".tmp-XXXXXX";
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) throw std::runtime_error("cannot write " + target.string() + ": " + std::strerror(errno));
  std::size_t done = 0;
  int rc = 0;
  while (done < contents.size()) {
    const ssize_t n = ::write(fd, contents.data() + done, contents.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      rc = -1;
      break;
    }
    done += static_cast<std::size_t>(n);
  }
  if (rc == 0) rc = ::fchmod(fd, 0644);
  if (rc == 0) rc = ::fsync(fd);
  const int saved = errno;
  ::close(fd);
  if (rc != 0) {
    ::unlink(temp.c_str());
    throw std::runtime_error("cannot write " + target.string() + ": " + std::strerror(saved));
  }
  std::error_code ec;
  std::filesystem::rename(temp, target, ec);
  if (ec) {
    ::unlink(temp.c_str());
    throw std::runtime_error("cannot rename " + temp + " to " + target.string() + ": " + ec.message());
  }
}

run::RunDetails stage_details(OutputSet& output, const Simulator& sim) {
  run::RunDetails details = run::collect_details(sim);
  write_details(output.stage(kDetailsFileName), details, {sim.scenario().id, sim.options().seed});
  return details;
}

HeadlessResult run_headless(const Scenario& scenario, const HeadlessOptions& options) {
  RunOptions run;
  run.seed = options.seed.value_or(scenario.seed);
  run.seats = Seats::agents();
  spdlog::info("headless run of '{}' with seed {}", scenario.id, run.seed);

  // Staged before the run so a folder that cannot be written is reported before hours of work.
  OutputSet output(options.out_dir);

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
  attach_baseline(sim);  // only when a trainee dispatched: replays the seed with the automatic dispatcher
  const std::string scorecard = sim.scorecard_json();
  output.write("scorecard.json", scorecard);
  const run::RunDetails details = stage_details(output, sim);
  // The report and its appendix (decisions.html) from the scorecard, the details and the debrief
  // of this run.
  const debrief::Debrief debrief = debrief::build_debrief(sim);
  ReportExtras extras;
  extras.debrief = &debrief;
  extras.details = &details;
  output.write("report.html", render_report(scorecard, options.language, extras));
  output.write("decisions.html", render_appendix(debrief, options.language));
  output.write("session.json", session_to_json(capture_session(sim, options.scenario_path, options.scenario_text)));
  output.commit();  // the files replace the folder's old set together
  result.scorecard_path = output.final_path("scorecard.json");
  result.details_path = output.final_path(kDetailsFileName);
  result.report_path = output.final_path("report.html");
  result.session_path = output.final_path("session.json");
  result.summary = terminal_summary(sim, options.language);
  spdlog::info("scorecard written to {}", result.scorecard_path);
  return result;
}

}  // namespace fl::trainer
