#include "sim/world/world.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/core/random.h"
#include "sim/scenario/scenario.h"
#include "sim/world/world_internal.h"

namespace fl::world {

using namespace internal;

// Crews: travel, patrol, work, shifts.

void World::set_activity(Crew& c, Time t, Activity a) {
  if (c.activity != Activity::kIdle && t > c.since) c.segments.push_back({c.since, t, c.activity});
  c.activity = a;
  c.since = t;
  if (a != Activity::kIdle && a != Activity::kRest) c.used = true;
}

void World::assign(Crew& c, Time t, JobKind job, std::uint32_t target, double x, double y) {
  c.job = job;
  c.target = target;
  c.dest_x = x;
  c.dest_y = y;
  c.at_site = false;
  ++c.generation;
  travel(c, t);
}

void World::release(Crew& c) {
  if (c.job == JobKind::kPatrol && c.target != kNoId && open_[c.target].patrol_crew == c.id) open_[c.target].patrol_crew = kNoId;
  if (c.job == JobKind::kTree && faults_[c.target].tree_crew == c.id && faults_[c.target].tree_cleared == kNever)
    faults_[c.target].tree_crew = kNoId;
  if (c.job == JobKind::kRepair && faults_[c.target].line_crew == c.id && faults_[c.target].repaired == kNever)
    faults_[c.target].line_crew = kNoId;
  c.job = JobKind::kNone;
  c.target = kNoId;
  c.at_site = false;
  ++c.generation;
}

void World::travel(Crew& c, Time t) {
  const double limit = cfg_.crews.drive_wind_limit_mps;
  if (std::hypot(c.dest_x - c.x_m, c.dest_y - c.y_m) < 30) {
    arrive(c, t);
    return;
  }
  const double w = crew_wind(c, t);
  if (w > limit) {
    set_activity(c, t, Activity::kWait);
    const Time calm = std::max(wind_.first_calm(t, c.x_m, c.y_m, limit), t + kMinute);
    ctx_.queue.schedule(calm, Event{events::kCrewRetry, 0, c.id, c.generation, 0});
    return;
  }
  const double factor = 1.0 - 0.5 * std::pow(std::min(1.0, w / limit), 2);
  const std::uint32_t from = roads_.nearest(c.x_m, c.y_m), to = roads_.nearest(c.dest_x, c.dest_y);
  const Route route = roads_.route(from, to, t, factor);
  if (!route.found) {
    set_activity(c, t, Activity::kWait);
    ctx_.queue.schedule(t + kHour, Event{events::kCrewRetry, 0, c.id, c.generation, 0});
    return;
  }
  const Junction& j0 = roads_.junctions()[from];
  double acc_s = 1.3 * std::hypot(j0.x_m - c.x_m, j0.y_m - c.y_m) / (kAccessSpeedMps * factor);
  for (std::size_t i = 0; i < route.links.size(); ++i) {
    const RoadLink& l = roads_.links()[route.links[i]];
    if (l.blocked_until > t && !l.known) {
      set_activity(c, t, Activity::kTravel);
      ctx_.queue.schedule(t + from_seconds(acc_s),
                          Event{events::kCrewArrive, 1, c.id, c.generation,
                                static_cast<std::int64_t>(route.links[i]) | (static_cast<std::int64_t>(route.junctions[i]) << 32)});
      return;
    }
    acc_s += l.length_m / (l.speed_kmph / 3.6 * factor);
  }
  const Junction& j1 = roads_.junctions()[to];
  acc_s += 1.3 * std::hypot(j1.x_m - c.dest_x, j1.y_m - c.dest_y) / (kAccessSpeedMps * factor);
  set_activity(c, t, Activity::kTravel);
  ctx_.queue.schedule(t + from_seconds(acc_s), Event{events::kCrewArrive, 0, c.id, c.generation, 0});
}

void World::arrive(Crew& c, Time t) {
  c.x_m = c.dest_x;
  c.y_m = c.dest_y;
  c.at_site = true;
  if (c.job == JobKind::kPreposition || c.job == JobKind::kNone) {
    finish_job(c, t);
    return;
  }
  if (c.job == JobKind::kPatrol) {
    const OpenDevice& o = open_[c.target];
    if (grid_.devices()[c.target].closed || o.opened == kNever) {
      finish_job(c, t);
      return;
    }
    const double km = region_km(c.target);
    double hours = km / cfg_.crews.patrol_speed_kmph;
    if (o.customers >= cfg_.crews.calls_pinpoint_customers) hours *= cfg_.crews.calls_pinpoint_factor;
    set_activity(c, t, Activity::kPatrol);
    ctx_.queue.schedule(t + std::max<Time>(15 * kMinute, static_cast<Time>(hours * static_cast<double>(kHour))),
                        Event{events::kCrewWorkDone, 0, c.id, c.generation, 0});
    return;
  }
  RepairRecord& r = repairs_[c.target];
  if (r.arrived == kNever) {
    r.arrived = t;
    // The hotline stops the arrival clock of the repair orders this fault's outage raised.
    const Fault& f = faults_[c.target];
    const std::uint32_t device = f.tripped != kNoId ? f.tripped : f.device;
    if (listener_ && device != kNoId) listener_->on_crew_on_site(t, device);
  }
  begin_work(c, t);
}

void World::begin_work(Crew& c, Time t) {
  Fault& f = faults_[c.target];
  if (f.repaired != kNever || (c.job == JobKind::kTree && f.tree_cleared != kNever)) {
    finish_job(c, t);
    return;
  }
  if (c.job == JobKind::kRepair && f.needs_tree && f.tree_cleared == kNever) {
    set_activity(c, t, Activity::kWait);  // the tree crew's completion restarts us
    return;
  }
  const double limit = cfg_.crews.elevated_wind_limit_mps;
  if (wind_.sustained(t, c.x_m, c.y_m) > limit) {
    set_activity(c, t, Activity::kWait);
    const Time calm = std::max(wind_.first_calm(t, c.x_m, c.y_m, limit), t + kMinute);
    ctx_.queue.schedule(calm, Event{events::kCrewRetry, 0, c.id, c.generation, 0});
    return;
  }
  set_activity(c, t, Activity::kRepair);
  const Time dur = c.job == JobKind::kTree ? f.tree_ms : f.repair_ms;
  ctx_.queue.schedule(t + dur, Event{events::kCrewWorkDone, 0, c.id, c.generation, 0});
}

void World::patrol_done(Time t, std::uint32_t device) {
  OpenDevice& o = open_[device];
  o.patrolled = true;
  o.patrol_crew = kNoId;
  std::vector<std::uint32_t> fs;
  region_faults(device, fs);
  std::uint32_t found = 0;
  for (std::uint32_t f : fs)
    if (faults_[f].found == kNever) ++found;
  for (std::uint32_t f : fs) {
    Fault& fault = faults_[f];
    if (fault.found != kNever) continue;
    fault.found = t;
    fault.customers_hint = static_cast<double>(o.customers) / std::max<std::uint32_t>(1, found);
    fault.important_hint = o.important;
    if (repairs_[f].reported == kNever) repairs_[f].reported = t;
    live_faults_.insert(std::lower_bound(live_faults_.begin(), live_faults_.end(), f), f);
  }
  request_dispatch(t);  // the dispatcher isolates what the patrol found (sim/dispatch)
}

void World::work_done(Crew& c, Time t) {
  if (c.job == JobKind::kPatrol) {
    patrol_done(t, c.target);
    finish_job(c, t);
    return;
  }
  Fault& f = faults_[c.target];
  if (c.job == JobKind::kTree) {
    f.tree_cleared = t;
    if (f.line_crew != kNoId) {
      Crew& line = crews_[f.line_crew];
      if (line.job == JobKind::kRepair && line.target == f.id && line.at_site && line.activity == Activity::kWait) {
        ++line.generation;
        begin_work(line, t);
      }
    }
    finish_job(c, t);
    return;
  }
  f.repaired = t;
  live_faults_.erase(std::remove(live_faults_.begin(), live_faults_.end(), f.id), live_faults_.end());
  if (f.edge != kNoId) grid_.remove_fault(f.edge);
  if (f.transformer != kNoId) {
    SupplyChanges ch;
    grid_.repair_transformer(f.transformer, ch);
    open_[f.device] = OpenDevice{};
    open_ids_.erase(std::remove(open_ids_.begin(), open_ids_.end(), f.device), open_ids_.end());
    unrestored_.push_back(f.id);
    apply_changes(t, ch, f.device, FaultCause::kSwitching);
  } else {
    unrestored_.push_back(f.id);
    restore_after_repair(t, f);
  }
  // Customers may already have been back (or were never cut off by this fault).
  std::erase_if(unrestored_, [&](std::uint32_t fid) {
    if (fid != f.id) return false;
    const bool back = fault_section_supplied(faults_[fid]);
    if (back) repairs_[fid].restored = t;
    return back;
  });
  finish_job(c, t);
}

void World::begin_rest(Crew& c, Time t) {
  c.rest_pending = false;
  c.on_shift = false;
  set_activity(c, t, Activity::kRest);
  c.rest_until = t + static_cast<Time>(cfg_.crews.shift_off_h * static_cast<double>(kHour));
  ++c.shift_generation;
  ctx_.queue.schedule(c.rest_until, Event{events::kCrewShift, 1, c.id, c.shift_generation, 0});
}

void World::finish_job(Crew& c, Time t) {
  release(c);
  set_activity(c, t, Activity::kIdle);
  if (c.rest_pending) begin_rest(c, t);
  request_dispatch(t);
}

void World::shift_event(Crew& c, Time t, bool starts) {
  if (starts) {
    c.on_shift = true;
    set_activity(c, t, Activity::kIdle);
    ++c.shift_generation;
    ctx_.queue.schedule(t + static_cast<Time>(cfg_.crews.shift_on_h * static_cast<double>(kHour)),
                        Event{events::kCrewShift, 0, c.id, c.shift_generation, 0});
    request_dispatch(t);
  } else if (c.job == JobKind::kNone) {
    begin_rest(c, t);
  } else {
    c.rest_pending = true;
  }
}

}  // namespace fl::world
