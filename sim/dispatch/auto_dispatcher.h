#pragma once
/// \file The automatic dispatcher: the baseline player of the dispatch seat. It sees what a
/// dispatcher sees (ControlRoomView) and ranks jobs by estimated, not drawn, repair time.
/// Rules (scenarios/docs/control_room.md): pre-position before the forecast landfall; request
/// mutual aid once the known customers out pass the trigger; isolate found faults and back-feed
/// healthy sections; give every open device with supply above and nothing known below a job
/// (test-close when patrolled, patrol otherwise); send crews by the priority rule.
#include <cstdint>
#include <map>
#include <vector>

#include "sim/dispatch/agent.h"

namespace fl {
struct Scenario;
}

namespace fl::dispatch {

/// Customer-equivalent weight of an outage with important customers of tier `tier` behind it,
/// given the scenario's `important_weight` w: life-critical 5 w, water works 3 w, government w.
double importance_weight(control::Importance tier, double w);

/// Dispatch-seat agent. Keeps only its own memory (what it already did), never world state.
class AutoDispatcher final : public Agent {
 public:
  /// Reads the dispatcher section of `scenario` (copied values only).
  explicit AutoDispatcher(const Scenario& scenario);
  Seat seat() const override { return Seat::kDispatch; }
  Time on_wake(const control::ControlRoomView& view, CommandSink& sink) override;
  /// Dispatch rounds: news is handled at the next whole kRoundMs (control_room.md).
  Time reaction_ms() const override { return kRoundMs; }
  /// The round length: 5 minutes, the time a dispatcher takes to hear and answer a radio call.
  static constexpr Time kRoundMs = 5 * kMinute;

  /// Rounds that looked at jobs, and commands it submitted (for the bench's share report).
  std::uint64_t rounds() const { return rounds_; }

 private:
  bool isolate_faults_ = true;
  double mutual_aid_trigger_pct_ = 10;
  double important_weight_ = 1000;
  double patrol_kmph_ = 12;
  bool prepositioned_ = false;
  std::uint64_t rounds_ = 0;
  std::map<std::uint32_t, Time> close_refused_;  // device -> when a test-close was last refused
};

}  // namespace fl::dispatch
