#pragma once
/// \file The simulator: one deterministic run of a scenario with a seed. Owns the event queue,
/// the world and the hotline; routes events to them; applies and logs commands. A run is fully
/// defined by scenario + seed + the trainee's command log.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/control/control_room.h"
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
namespace control {
class LiveControlRoom;
}
namespace dispatch {
class Agent;
}

/// Who holds the control room's seats.
struct Seats {
  Holder dispatch = Holder::kAgent;  ///< crews, switching, mutual aid
  Holder hotline = Holder::kAgent;   ///< publishing, ETRs, the trainee's call seat
  constexpr Seats(Holder d, Holder h) : dispatch(d), hotline(h) {}
  /// true: agents in both seats; false: the trainee in both. Keeps `RunOptions{seed, 0, true}`
  /// (the former `automatic_dispatcher` flag) meaning what it meant.
  constexpr Seats(bool automatic = true)  // NOLINT(google-explicit-constructor)
      : dispatch(automatic ? Holder::kAgent : Holder::kTrainee), hotline(dispatch) {}
  /// Both seats held by agents (the headless drill, the baseline).
  static constexpr Seats agents() { return {Holder::kAgent, Holder::kAgent}; }
  /// Both seats held by the trainee (nothing automatic on the control room's side).
  static constexpr Seats trainee() { return {Holder::kTrainee, Holder::kTrainee}; }
  /// Agents hold both seats (true) or the trainee holds both (false): the old single flag.
  static constexpr Seats from_flag(bool automatic) { return automatic ? agents() : trainee(); }
  bool all_agents() const { return dispatch == Holder::kAgent && hotline == Holder::kAgent; }
  friend bool operator==(const Seats&, const Seats&) = default;
};

/// How a run is set up beyond its scenario.
struct RunOptions {
  std::uint64_t seed = 1;
  std::uint32_t replication = 0;
  Seats seats = Seats::agents();
};

/// One command as it was applied, for the session log and the decision timeline.
struct LoggedCommand {
  Command command;
  CommandResult result;
  /// Events fired before it was applied: replay applies it at the same point of the event
  /// sequence (not merely at the same time), so it sees exactly the state the live run saw.
  std::uint64_t position = 0;
};

/// Told around every agent's turn in a wake (e.g. a benchmark timing each seat's share of a run).
/// The simulator itself never reads a clock.
class WakeObserver {
 public:
  virtual ~WakeObserver() = default;
  /// Around one agent's on_wake (the seat it holds), its commands included.
  virtual void before_agent(Seat seat) = 0;
  virtual void after_agent(Seat seat) = 0;
  /// Around each command an agent submits inside a wake (its effect on the world, not the
  /// agent's deciding): lets a benchmark split the two.
  virtual void before_command() {}
  virtual void after_command() {}
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
  /// The window's frame step: like run_until(t), but past end_time() it continues into the
  /// complaint follow-up (as run_to_end() does) up to t. Idempotent for t <= now().
  void advance_to(Time t);
  /// Runs to end_time(), then fast-forwards while the hotline still has complaint orders to follow
  /// to closure or overdue (Hotline::follow_up_until); now() may then pass end_time().
  void run_to_end();
  /// Time of the next pending event (it may lie past horizon()), or kNever when none is pending.
  Time next_event_time();
  /// Applies `c` at now() (its time is overwritten); logs it whatever the outcome. Commands of a
  /// trainee (by_trainee) are what a session records.
  CommandResult submit(Command c) override;
  /// The trainee's entry point: applies `c` at now() on behalf of the trainee holding `seat`
  /// (marks it by_trainee). Refused if `seat` does not match the command's kind.
  CommandResult submit(Seat seat, Command c);
  /// Replay: fires events (ignoring the horizon) until `position` have fired, then moves the
  /// clock to `time` (which must not precede the next pending event). For session replay.
  void replay_to(std::uint64_t position, Time time);

  /// What the control room knows now (valid until the next advance or submit).
  const control::ControlRoomView& control_room() const;
  /// Agent wakes handled so far, and the share of them in which the dispatcher looked at jobs.
  std::uint64_t agent_wakes() const { return agent_wakes_; }
  /// Observes agent wakes (null: none). Not owned; must outlive the run.
  void set_wake_observer(WakeObserver* observer) { wake_observer_ = observer; }

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
  /// Like set_trainee_desk, but the simulator owns `desk` (destroyed before the world it reads):
  /// for a replayed or resumed session whose desk nobody else holds.
  void own_trainee_desk(std::unique_ptr<hotline::TraineeDesk> desk);
  /// The desk holding the hotline's trainee seat (owned or not), or nullptr.
  const hotline::TraineeDesk* trainee_desk() const;

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
  class SeatSink;
  void dispatch(const FiredEvent& e);
  void sample(Time t);
  void wake(Time t, std::uint8_t seats);
  CommandResult apply_and_log(Command c);
  struct Waker final : AgentWaker {
    Simulator* sim = nullptr;
    void wake_agents(Time t, std::uint8_t seats) override;
  };

  Scenario scenario_;
  RunOptions options_;
  WorkingCalendar calendar_;
  EventQueue queue_;
  SimContext context_;
  std::unique_ptr<world::World> world_;
  std::unique_ptr<hotline::Hotline> hotline_;
  std::unique_ptr<control::LiveControlRoom> view_;
  std::vector<std::unique_ptr<dispatch::Agent>> agents_;
  Waker waker_;
  // Times with an agent wake scheduled, ascending, with the seats (SeatBits) it is for.
  std::vector<std::pair<Time, std::uint8_t>> wakes_pending_;
  Time wake_repeat_time_ = kNever;   // same-time re-wakes requested by agents (bounded)
  int wake_repeats_ = 0;
  bool in_wake_ = false;
  std::uint64_t agent_wakes_ = 0;
  WakeObserver* wake_observer_ = nullptr;
  std::vector<LoggedCommand> log_;
  Time end_time_ = 0;
  Time horizon_ = 0;
  std::uint64_t samples_ = 0;     // sample ticks fired; tick k fires at k * 15 min
  bool sample_pending_ = false;
  std::optional<scoring::RunTotals> baseline_;
  // Last: destroyed first, while the scenario, calendar and world it reads still exist.
  std::unique_ptr<hotline::TraineeDesk> owned_desk_;
};

}  // namespace fl
