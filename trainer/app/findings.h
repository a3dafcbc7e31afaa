#pragma once
// The debrief screen's findings, weighed off the UI thread: each trainee decision's cost by
// counterfactual replay (trainer/debrief/counterfactual.h) and the trainee's calls with their
// missed checkpoints. Findings stay data (keys and arguments) so a language switch re-renders
// them. Not a public header.
#include <atomic>
#include <cstddef>
#include <mutex>
#include <thread>
#include <vector>

#include "sim/scenario/scenario.h"
#include "sim/session.h"
#include "trainer/debrief/counterfactual.h"
#include "trainer/debrief/debrief.h"

namespace fl::trainer::app {

/// What the worker found, once `ready`.
struct WeighedFindings {
  debrief::Clock clock;
  std::size_t decisions = 0;                  ///< trainee commands weighed
  std::vector<debrief::DecisionCost> top;     ///< the ten that gained or cost most, largest first
  std::vector<debrief::CallReview> calls;     ///< the trainee's calls (hotline seat)
};

/// One background weighing of a played session. Destroying it cancels runs not yet started and
/// joins the thread, so closing the window never waits for the whole weighing.
class FindingsWorker {
 public:
  FindingsWorker() = default;
  FindingsWorker(const FindingsWorker&) = delete;
  FindingsWorker& operator=(const FindingsWorker&) = delete;
  ~FindingsWorker() { stop(); }

  /// Starts weighing `session` on `scenario` (both copied); a weighing already running is
  /// cancelled first. `threads` as in weigh_decisions (0: every core).
  void start(Session session, Scenario scenario, unsigned threads);
  /// Cancels and joins (idempotent).
  void stop();
  /// Waits for the weighing to finish (no cancel).
  void wait() {
    if (thread_.joinable()) thread_.join();
  }

  bool started() const { return thread_.joinable() || ready_.load(); }
  bool ready() const { return ready_.load(); }
  /// Replays done and to do (for the progress bar); total 0 before the first report.
  std::size_t done() const { return done_.load(); }
  std::size_t total() const { return total_.load(); }
  /// The findings; only meaningful once ready() (never written again after that).
  const WeighedFindings& result() const { return result_; }
  /// An error the weighing stopped on ("" if none); only meaningful once ready().
  const std::string& error() const { return error_; }

 private:
  std::thread thread_;
  std::atomic<bool> cancel_{false}, ready_{false};
  std::atomic<std::size_t> done_{0}, total_{0};
  WeighedFindings result_;
  std::string error_;
};

}  // namespace fl::trainer::app
