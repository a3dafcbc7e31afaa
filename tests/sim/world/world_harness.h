#pragma once
// Runs a World alone (no hotline) with the simulator's routing: sample ticks every 15 min,
// world events to World::handle, agent wakes to the automatic dispatcher (when `automatic`),
// which reads a LiveControlRoom over the world; commands applied at the queue's time and logged.
#include <algorithm>
#include <array>
#include <memory>
#include <string>
#include <vector>

#include "sim/control/live_control_room.h"
#include "sim/core/calendar.h"
#include "sim/dispatch/auto_dispatcher.h"
#include "sim/core/event_kinds.h"
#include "sim/scenario/scenario.h"
#include "sim/world/world.h"

namespace fl::world::testing {

/// Counts the customers the world reports as interrupted and restored.
struct CountingListener : OutageListener {
  std::int64_t out = 0, interrupted = 0, restored = 0;
  std::vector<FaultCause> causes;
  void on_customers_interrupted(Time, std::span<const std::uint32_t> c, std::uint32_t, FaultCause cause) override {
    out += static_cast<std::int64_t>(c.size());
    interrupted += static_cast<std::int64_t>(c.size());
    causes.push_back(cause);
  }
  void on_customers_restored(Time, std::span<const std::uint32_t> c) override {
    out -= static_cast<std::int64_t>(c.size());
    restored += static_cast<std::int64_t>(c.size());
  }
};

struct Harness : CommandSink, AgentWaker {
  Scenario scenario;
  EventQueue queue;
  WorkingCalendar calendar;
  std::unique_ptr<SimContext> ctx;
  std::unique_ptr<World> world;
  std::unique_ptr<control::LiveControlRoom> view;
  std::unique_ptr<dispatch::AutoDispatcher> dispatcher;  ///< null when a test dispatches itself
  std::vector<Time> wakes;
  std::vector<std::pair<Command, CommandResult>> log;
  CountingListener listener;
  Time end = 0;
  int same_time_ = 0;

  Harness(Scenario s, std::uint64_t seed, bool automatic = true) : scenario(std::move(s)), calendar(make_calendar(scenario)) {
    ctx = std::make_unique<SimContext>(SimContext{queue, scenario, calendar, *this, seed, 0, automatic ? this : nullptr});
    world = std::make_unique<World>(*ctx);
    view = std::make_unique<control::LiveControlRoom>(*ctx, world.get(), nullptr);
    if (automatic) dispatcher = std::make_unique<dispatch::AutoDispatcher>(scenario);
    world->set_listener(&listener);
    end = static_cast<Time>(scenario.duration_hours * static_cast<double>(kHour));
    queue.schedule(0, Event{core_events::kSampleTick, 0, 0, 0, 0});
    world->start();
  }
  CommandResult submit(Command c) override {
    c.time = queue.now();
    CommandResult r = world->apply(c);
    log.emplace_back(c, r);
    return r;
  }
  // One agent here: every wake is for it, whichever seats it names.
  void wake_agents(Time t, std::uint8_t /*seats*/) override {
    const auto it = std::lower_bound(wakes.begin(), wakes.end(), t);
    if (it != wakes.end() && *it == t) return;
    wakes.insert(it, t);
    queue.schedule(t, Event{agent_events::kWake, 0, 0, 0, 0});
  }
  void run_until(Time t) {
    const Time limit = std::min(t, end);
    while (queue.next_time(limit + 1) <= limit) {
      FiredEvent e;
      queue.pop(e);
      if (e.event.kind == core_events::kSampleTick) {
        world->sample(e.time);
        if (e.time + 15 * kMinute <= end) queue.schedule(e.time + 15 * kMinute, Event{core_events::kSampleTick, 0, 0, 0, 0});
      } else if (e.event.kind >= kWorldEventsBegin && e.event.kind < kHotlineEventsBegin) {
        world->handle(e);
      } else if (e.event.kind == agent_events::kWake) {
        if (auto it = std::lower_bound(wakes.begin(), wakes.end(), e.time); it != wakes.end() && *it == e.time) wakes.erase(it);
        view->invalidate();
        const Time next = dispatcher ? dispatcher->on_wake(*view, *this) : kNever;
        if (next != kNever && (next > e.time || ++same_time_ < 8)) wake_agents(std::max(next, e.time), kEverySeat);
        if (next == kNever || next > e.time) same_time_ = 0;
      }
      view->invalidate();
    }
    if (limit > queue.now()) queue.advance_to(limit);
  }
};

/// A shipped scenario, scenarios/NAME.json; throws naming the file when it does not load.
inline Scenario shipped_scenario(const std::string& name) {
  Scenario s;
  Problems problems;
  const std::string path = std::string(FAULTLINE_SOURCE_DIR) + "/scenarios/" + name + ".json";
  if (!load_scenario(path, s, problems)) throw std::runtime_error(problems.format(path));
  return s;
}

/// Share (0..1) of the customers interrupted by `now` who have supply again at `now`.
inline double restored_share(const World& w, Time now) {
  return 1.0 - static_cast<double>(w.customers_out()) / static_cast<double>(w.indices(now).customers_interrupted);
}

/// The world's faults counted by cause (index: FaultCause).
inline std::array<std::uint32_t, 7> faults_by_cause(const World& w) {
  std::array<std::uint32_t, 7> by_cause{};
  for (const Fault& f : w.faults()) ++by_cause[static_cast<std::size_t>(f.cause)];
  return by_cause;
}

/// Parses scenario JSON text (commitment set not checked); fails the test on problems.
inline Scenario parse_or_die(const std::string& text) {
  Scenario s;
  Problems problems;
  if (!parse_scenario(text, "", s, problems)) throw std::runtime_error(problems.format("inline scenario"));
  return s;
}

}  // namespace fl::world::testing
