#pragma once
// A hand-made feeder and a minimal simulation harness for hotline tests (no world needed).
//
//   breaker 100 ── recloser 10 ─┬─ fuse 1 ── transformers 11, 12
//                               ├─ fuse 2 ── transformer 21
//                               └─ fuse 3 ── transformer 31
//              └─ fuse 4 ── transformer 41
#include <map>
#include <memory>
#include <span>
#include <vector>

#include <algorithm>

#include "sim/control/live_control_room.h"
#include "sim/core/calendar.h"
#include "sim/dispatch/hotline_supervisor.h"
#include "sim/core/context.h"
#include "sim/core/event_kinds.h"
#include "sim/core/event_queue.h"
#include "sim/core/grid_view.h"
#include "sim/hotline/hotline.h"
#include "sim/scenario/scenario.h"

namespace fl::hotline::testing {

class FakeGrid : public GridView {
 public:
  FakeGrid() {
    chains_[11] = {1, 10, 100};
    chains_[12] = {1, 10, 100};
    chains_[21] = {2, 10, 100};
    chains_[31] = {3, 10, 100};
    chains_[41] = {4, 100};
  }
  /// Adds `n` customers of one class on `transformer`; returns the first id.
  std::uint32_t add(std::uint32_t transformer, int n, CustomerClass cls = CustomerClass::kResidential,
                    ImportantKind kind = ImportantKind::kNone, Terrain terrain = Terrain::kUrban) {
    const auto first = static_cast<std::uint32_t>(customers_.size());
    for (int i = 0; i < n; ++i) {
      CustomerRecord c;
      c.id = static_cast<std::uint32_t>(customers_.size());
      c.cls = cls;
      c.important = kind;
      c.terrain = terrain;
      c.transformer = transformer;
      customers_.push_back(c);
    }
    return first;
  }
  std::span<const CustomerRecord> customers() const override { return customers_; }
  std::span<const std::uint32_t> protective_chain(std::uint32_t transformer) const override {
    auto it = chains_.find(transformer);
    return it == chains_.end() ? std::span<const std::uint32_t>{} : std::span<const std::uint32_t>(it->second);
  }
  bool customer_energised(std::uint32_t) const override { return true; }

 private:
  std::vector<CustomerRecord> customers_;
  std::map<std::uint32_t, std::vector<std::uint32_t>> chains_;
};

/// Queue + calendar + command sink around one Hotline, like the simulator but without a world.
/// With `automatic`, a HotlineSupervisor agent holds the hotline seat (publishing, stand-in).
class Harness : public CommandSink, public AgentWaker {
 public:
  Harness(const Scenario& scenario, const GridView& grid, std::uint64_t seed, bool automatic = true)
      : scenario_(scenario),
        calendar_(make_calendar(scenario_)),
        ctx_{queue_, scenario_, calendar_, *this, seed, 0, automatic ? this : nullptr},
        hotline_(std::make_unique<Hotline>(ctx_, grid)),
        view_(ctx_, nullptr, hotline_.get()) {
    if (automatic) supervisor_ = std::make_unique<dispatch::HotlineSupervisor>(scenario_);
    hotline_->start();
  }
  // One agent here: every wake is for it, whichever seats it names.
  void wake_agents(Time t, std::uint8_t /*seats*/) override {
    const auto it = std::lower_bound(wakes_.begin(), wakes_.end(), t);
    if (it != wakes_.end() && *it == t) return;
    wakes_.insert(it, t);
    queue_.schedule(t, Event{agent_events::kWake, 0, 0, 0, 0});
  }
  CommandResult submit(Command c) override {
    c.time = queue_.now();
    CommandResult r = hotline_->apply(c);
    log.push_back({c, r});
    return r;
  }
  /// Fires hotline events up to t.
  void run_until(Time t) {
    while (queue_.next_time(t + 1) <= t) {
      FiredEvent e;
      queue_.pop(e);
      if (e.event.kind >= kHotlineEventsBegin && e.event.kind < kScoringEventsBegin) hotline_->handle(e);
      if (e.event.kind == agent_events::kWake) {
        if (auto it = std::lower_bound(wakes_.begin(), wakes_.end(), e.time); it != wakes_.end() && *it == e.time) wakes_.erase(it);
        view_.invalidate();
        const Time next = supervisor_ ? supervisor_->on_wake(view_, *this) : kNever;
        if (next != kNever && next > e.time) wake_agents(next, kEverySeat);
      }
      view_.invalidate();
    }
    if (t > queue_.now()) queue_.advance_to(t);
  }
  Hotline& hotline() { return *hotline_; }
  Time now() const { return queue_.now(); }
  const WorkingCalendar& calendar() const { return calendar_; }
  struct Logged {
    Command command;
    CommandResult result;
  };
  std::vector<Logged> log;

 private:
  Scenario scenario_;
  WorkingCalendar calendar_;
  EventQueue queue_;
  SimContext ctx_;
  std::unique_ptr<Hotline> hotline_;
  control::LiveControlRoom view_;
  std::unique_ptr<dispatch::HotlineSupervisor> supervisor_;
  std::vector<Time> wakes_;
};

/// A valid scenario with no background calls, for tests that set what they need.
inline Scenario quiet_scenario() {
  Scenario s;
  s.version = 1;
  s.id = "test";
  s.start.local = "2024-09-13T08:00";  // a Friday
  s.duration_hours = 48;
  s.hotline.customers.background_calls_per_hour = 0;
  return s;
}

}  // namespace fl::hotline::testing
