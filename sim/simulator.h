#pragma once
/// \file The simulator: one deterministic run of a scenario with a seed. Owns the event queue,
/// the world and the hotline; routes events to them; applies and logs commands. A run is fully
/// defined by scenario + seed + the trainee's command log.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/calendar.h"
#include "sim/core/command.h"
#include "sim/core/context.h"
#include "sim/core/event_queue.h"
#include "sim/core/grid_view.h"
#include "sim/core/json_writer.h"
#include "sim/scenario/scenario.h"
#include "sim/scoring/scorecard.h"

namespace fl {

namespace world {
class World;
}
namespace hotline {
class Hotline;
class TraineeDesk;
}

/// How a run is set up beyond its scenario.
struct RunOptions {
  std::uint64_t seed = 1;
  std::uint32_t replication = 0;
  bool automatic_dispatcher = true;  ///< false when a trainee dispatches
};

/// One command as it was applied, for the session log and the decision timeline.
struct LoggedCommand {
  Command command;
  CommandResult result;
};

/// A single run. Not copyable; not thread-safe (run replications in separate simulators).
class Simulator final : public CommandSink {
 public:
  /// Builds the world from `scenario` (copied) and schedules the initial events.
  Simulator(const Scenario& scenario, const RunOptions& options);
  ~Simulator() override;
  Simulator(const Simulator&) = delete;
  Simulator& operator=(const Simulator&) = delete;

  /// Fires the next event if it is due no later than horizon(); false when the run is over.
  bool step();
  /// Fires every event with time <= min(t, horizon()), then sets now() to that time.
  void run_until(Time t);
  /// Runs to end_time(), then fast-forwards while the hotline still has complaint orders to follow
  /// to closure or overdue (Hotline::follow_up_until); now() may then pass end_time().
  void run_to_end();
  /// Applies `c` at now() (its time is overwritten); logs it whatever the outcome.
  CommandResult submit(Command c) override;

  Time now() const { return queue_.now(); }
  /// The scenario's end (duration_hours) in sim ms.
  Time end_time() const { return end_time_; }
  bool finished() const { return now() >= end_time_; }
  /// The latest time events may fire: end_time(), or later during the complaint follow-up.
  Time horizon() const { return horizon_; }
  /// Events fired so far.
  std::uint64_t events_fired() const { return queue_.fired(); }
  /// A hash over the dynamic state of every subsystem (FNV-1a); equal runs give equal hashes.
  std::uint64_t state_hash() const;

  const Scenario& scenario() const { return scenario_; }
  const RunOptions& options() const { return options_; }
  const WorkingCalendar& calendar() const { return calendar_; }
  const std::vector<LoggedCommand>& command_log() const { return log_; }
  const world::World& world() const { return *world_; }
  /// The world as the customer side sees it (customers, protection, supply).
  const GridView& world_grid() const;
  const hotline::Hotline& hotline() const { return *hotline_; }
  /// Hands the hotline's trainee seat to `desk` (sim/calls; non-owning, must outlive the run or be
  /// detached with nullptr). Attach before the first step so every trainee call reaches it.
  void set_trainee_desk(hotline::TraineeDesk* desk);

  /// Adds a "baseline" section (the same scenario and seed played by the automatic dispatcher)
  /// to this run's scorecard; see trainer/baseline.h.
  void set_baseline(const scoring::RunTotals& baseline) { baseline_ = baseline; }
  /// Writes the scorecard object (the contract of scenarios/README.md).
  void write_scorecard(JsonWriter& w) const;
  /// The scorecard as a pretty-printed JSON string.
  std::string scorecard_json() const;
  /// A one-screen text summary of the run for the terminal.
  std::string summary() const;

 private:
  void dispatch(const FiredEvent& e);
  void sample(Time t);

  Scenario scenario_;
  RunOptions options_;
  WorkingCalendar calendar_;
  EventQueue queue_;
  SimContext context_;
  std::unique_ptr<world::World> world_;
  std::unique_ptr<hotline::Hotline> hotline_;
  std::vector<LoggedCommand> log_;
  Time end_time_ = 0;
  Time horizon_ = 0;
  std::uint64_t samples_ = 0;     // sample ticks fired; tick k fires at k * 15 min
  bool sample_pending_ = false;
  std::optional<scoring::RunTotals> baseline_;
};

}  // namespace fl
