#include "trainer/app/findings.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <exception>
#include <utility>

#include "sim/simulator.h"

namespace fl::trainer::app {

void FindingsWorker::start(Session session, Scenario scenario, unsigned threads) {
  stop();
  cancel_ = false;
  ready_ = false;
  done_ = 0;
  const auto weighed = static_cast<std::size_t>(
      std::count_if(session.commands.begin(), session.commands.end(), debrief::weighed_by_replay));
  total_ = 1 + 2 * weighed;
  result_ = {};
  error_.clear();
  thread_ = std::thread([this, session = std::move(session), scenario = std::move(scenario), threads, weighed] {
    try {
      // The session as recorded, replayed here: the window's own simulator stays the UI's.
      const auto run = replay_session(session, scenario, session.saved_at_ms);
      const debrief::Debrief d = debrief::build_debrief(*run, nullptr);
      result_.clock = d.clock;
      result_.calls = d.calls;
      result_.decisions = weighed;
      if (weighed > 0) {
        auto costs = debrief::weigh_decisions(
            session, scenario, threads,
            [this](std::size_t done, std::size_t total) {
              done_ = done;
              total_ = total;
            },
            &cancel_);
        if (cancel_) return;
        debrief::describe_costs(*run, costs);
        result_.top = debrief::top_decisions(std::move(costs), 10);
      }
      done_ = total_.load();
    } catch (const std::exception& e) {
      error_ = e.what();
      spdlog::error("debrief findings: {}", e.what());
    }
    ready_ = true;
  });
}

void FindingsWorker::stop() {
  cancel_ = true;
  if (thread_.joinable()) thread_.join();
}

}  // namespace fl::trainer::app
