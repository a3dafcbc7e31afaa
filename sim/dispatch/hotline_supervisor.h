#pragma once
/// \file The hotline supervisor: the agent holding the hotline seat when no trainee does. It
/// publishes known outages to customers with an ETR estimated from knowledge (a restoration plan
/// over the crew queue, travel, repair-class medians and the forecast), revises an ETR only when
/// the estimate moves by more than the documented threshold or the ETR passed, and answers the
/// calls routed to the empty trainee seat after the scripted stand-in delay.
/// Method: scenarios/docs/control_room.md ("ETRs").
#include <cstdint>
#include <map>
#include <vector>

#include "sim/dispatch/agent.h"

namespace fl {
struct Scenario;
}

namespace fl::dispatch {

/// The restoration plan an outage-management system simulates for storm ETRs: every known job
/// (found faults; one conductor-median fault per unpatrolled outage; a test-close per patrolled
/// outage with nothing found) in the dispatcher's priority order, each given to the line crew
/// free first (now, or when its current job ends by the medians, or when its rest or mutual-aid
/// arrival ends), with dispatch lag and travel; no work before the forecast landfall + 6 h.
struct RestorationPlan {
  /// Per known open device (ascending): the planned restoration time, absolute sim ms.
  std::vector<std::pair<std::uint32_t, Time>> done;
  /// When an outage not located yet would be restored (served after every planned job).
  Time unlocated = kNever;
  /// The planned time for `device`, or kNever when it is not a known open device.
  Time at(std::uint32_t device) const;
};

/// Builds the plan from what the view knows at view.now().
RestorationPlan plan_restoration(const control::ControlRoomView& view, const Scenario& scenario);
/// The ETR published for a planned time: a 25 % margin on the time to go, at least 1 h ahead,
/// rounded up to the next half hour (absolute sim ms).
Time etr_from_plan(Time now, Time planned);
/// The ETR published when one must move later to `estimate` (an etr_from_plan value): half as
/// much again of the time to go, rounded up to the next half hour, since an estimate that grew once
/// (more damage found) tends to grow again and each notice costs the customers' trust.
Time padded_revision(Time now, Time estimate);
/// Whether a published ETR `current` should be revised to `estimate` at `now`: `current` passed,
/// or the estimate is later by more than max(2 h, 25 % of the time to go to `current`), or
/// earlier by more than max(4 h, 50 %).
bool etr_needs_revision(Time now, Time current, Time estimate);

/// Hotline-seat agent.
class HotlineSupervisor final : public Agent {
 public:
  /// `scenario` must outlive the agent.
  explicit HotlineSupervisor(const Scenario& scenario);
  Seat seat() const override { return Seat::kHotline; }
  Time on_wake(const control::ControlRoomView& view, CommandSink& sink) override;
  void woken_for(std::uint8_t news) override { news_ = news; }

 private:
  // Publishing and ETR review; asks for its next look through publish_want_.
  void on_outage_news(const control::ControlRoomView& view, CommandSink& sink, Time t);
  // The stand-in at the empty trainee seat; returns when it wants to look again (kNever: none).
  Time answer_stand_in(const control::ControlRoomView& view, CommandSink& sink, Time t);
  const Scenario& scenario_;
  Time publish_delay_ms_ = 0;
  Time stand_in_ms_ = 0;
  Time seat_free_since_ = 0;
  bool seat_was_full_ = false;
  Time last_review_ = kNever;  // last time every published ETR was compared with the plan
  std::uint8_t news_ = kEverySeat;  // what the current wake carries (SeatBits)
  Time publish_want_ = kNever; // when the outage side asked to look again (a publish delay ending)
};

}  // namespace fl::dispatch
