#include "sim/world/damage_curve.h"

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "sim/core/calendar.h"
#include "sim/core/event_kinds.h"
#include "sim/scenario/scenario.h"
#include "sim/world/world.h"

namespace fl::world {

namespace {

/// Applies the world's own commands (the automatic dispatcher's) at once, as the simulator does.
struct DirectSink : CommandSink {
  World* world = nullptr;
  EventQueue* queue = nullptr;
  CommandResult submit(Command c) override {
    c.time = queue->now();
    return world->apply(c);
  }
};

/// One run of the world alone until `until`; returns the world for counting.
struct Run {
  Scenario scenario;
  EventQueue queue;
  WorkingCalendar calendar;
  DirectSink sink;
  std::unique_ptr<SimContext> ctx;
  std::unique_ptr<World> world;
  Run(const Scenario& s, std::uint64_t seed) : scenario(s), calendar(make_calendar(scenario)) {
    ctx = std::make_unique<SimContext>(SimContext{queue, scenario, calendar, sink, seed, 0, nullptr});  // no agents: faults only
    world = std::make_unique<World>(*ctx);
    sink.world = world.get();
    sink.queue = &queue;
  }
  void run_until(Time until) {
    queue.schedule(0, Event{core_events::kSampleTick, 0, 0, 0, 0});
    world->start();
    while (queue.next_time(until + 1) <= until) {
      FiredEvent e;
      queue.pop(e);
      if (e.event.kind == core_events::kSampleTick) {
        world->sample(e.time);
        if (e.time + 15 * kMinute <= until) queue.schedule(e.time + 15 * kMinute, Event{core_events::kSampleTick, 0, 0, 0, 0});
      } else if (e.event.kind >= kWorldEventsBegin && e.event.kind < kHotlineEventsBegin) {
        world->handle(e);
      }
    }
  }
};

}  // namespace

DamageCurve compute_damage_curve(const Scenario& scenario, std::uint64_t seed, const std::vector<double>& peak_gusts_mps) {
  if (!scenario.world.typhoon.enabled || scenario.world.typhoon.track.size() < 2)
    throw std::invalid_argument("the scenario has no \"typhoon\" section: there is no storm to scale");
  DamageCurve curve;
  const Time end = static_cast<Time>(scenario.duration_hours * static_cast<double>(kHour));
  const Time until = std::min<Time>(end, static_cast<Time>(scenario.world.typhoon.track.back().time_h * static_cast<double>(kHour)));
  double base_scale = scenario.world.typhoon.wind_scale;
  {
    const Run base(scenario, seed);
    curve.base_peak_gust_mps = base.world->wind().peak_land_gust();
    const Grid& g = base.world->grid();
    for (const Edge& e : g.edges())
      if (e.conductor == Conductor::kBare || e.conductor == Conductor::kCovered) curve.overhead_km += e.length_m / 1000.0;
  }
  if (curve.base_peak_gust_mps <= 0) throw std::invalid_argument("the storm never reaches land in the service area");
  for (double gust : peak_gusts_mps) {
    Scenario s = scenario;
    s.world.typhoon.wind_scale = base_scale * gust / curve.base_peak_gust_mps;
    Run run(s, seed);
    run.run_until(until);
    DamagePoint p;
    p.wind_scale = s.world.typhoon.wind_scale;
    p.peak_gust_mps = run.world->wind().peak_land_gust();
    for (const Fault& f : run.world->faults()) {
      ++p.faults[static_cast<std::size_t>(f.cause)];
      ++p.total_faults;
    }
    for (const auto& [h, n] : run.world->curve()) p.peak_customers_out = std::max(p.peak_customers_out, n);
    curve.points.push_back(p);
  }
  return curve;
}

}  // namespace fl::world
