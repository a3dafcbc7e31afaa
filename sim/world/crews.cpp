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
  if (c.activity != Activity::kIdle && t > c.since) c.segments.push_back({c.since, t, c.activity, c.target});
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

void World::release(Crew& c, Time t) {
  if (c.job == JobKind::kPatrol && c.target != kNoId) {
    OpenDevice& o = open_[c.target];
    if (PatrolLeg* leg = leg_of(o, c.id)) {
      // Called off mid-leg: what it passed so far is known; the rest waits for another patrol.
      if (leg->started) patrol_advance(c, t);
      leg->crew = kNoId;
      leg->started = false;
      leg->pass.clear();
      if (leg->next >= leg->end) o.legs.erase(o.legs.begin() + (leg - o.legs.data()));
    }
    if (o.patrol_crew == c.id) {
      o.patrol_crew = kNoId;
      for (const PatrolLeg& l : o.legs)
        if (l.crew != kNoId && l.crew != c.id) o.patrol_crew = l.crew;
    }
  }
  if (c.job == JobKind::kTree && faults_[c.target].tree_crew == c.id && faults_[c.target].tree_cleared == kNever)
    faults_[c.target].tree_crew = kNoId;
  if (c.job == JobKind::kRepair && faults_[c.target].line_crew == c.id && faults_[c.target].repaired == kNever)
    faults_[c.target].line_crew = kNoId;
  if (c.stand_down_since != kNever) end_stand_down(c, t);
  c.job = JobKind::kNone;
  c.target = kNoId;
  c.at_site = false;
  c.work_left_ms = kNever;
  c.work_started = kNever;
  ++c.generation;
}

namespace {

/// First whole minute after `from` (up to `until`) at which the 1-min wind at (x, y) is above
/// `limit`, or kNever. The wind field is linear between its 15-min samples, so a minute grid
/// catches every crossing that lasts a minute.
Time first_above(const WindField& wind, Time from, Time until, double x, double y, double limit) {
  for (Time s = from + kMinute; s <= until; s += kMinute)
    if (wind.sustained(s, x, y) > limit) return s;
  return kNever;
}

}  // namespace

void World::update_weather_pauses(Time t, std::uint32_t only) {
  if (wind_.calm()) return;
  if (pause_checked_.size() < repairs_.size()) pause_checked_.resize(repairs_.size(), kNever);
  const double limit = cfg_.crews.drive_wind_limit_mps;
  constexpr Time kSlice = 5 * kMinute;
  const std::size_t first = only == kNoId ? 0 : only, last = only == kNoId ? repairs_.size() : only + 1;
  for (std::size_t i = first; i < last; ++i) {
    RepairRecord& r = repairs_[i];
    if (r.reported == kNever || r.arrived != kNever) continue;
    Time s = pause_checked_[i] == kNever ? r.reported : pause_checked_[i];
    // A slice counts as paused when the wind at its middle is above the driving limit.
    for (; s < t; s += kSlice) {
      const Time e = std::min(t, s + kSlice);
      if (wind_.sustained(s + (e - s) / 2, r.x_m, r.y_m) <= limit) continue;
      if (!r.weather_pauses.empty() && r.weather_pauses.back().second == s) r.weather_pauses.back().second = e;
      else r.weather_pauses.emplace_back(s, e);
    }
    pause_checked_[i] = t;
  }
}

void World::stand_down(Crew& c, Time t, bool driving) {
  set_activity(c, t, Activity::kWait);
  if (c.stand_down_since == kNever) {
    c.stand_down_since = t;
    c.stand_down_driving = driving;
  }
}

void World::end_stand_down(Crew& c, Time t) {
  if (c.stand_down_since == kNever) return;
  const Time stood = t - c.stand_down_since;
  (c.stand_down_driving ? c.stand_down_driving_ms : c.stand_down_elevated_ms) += stood;
  if ((c.job == JobKind::kRepair || c.job == JobKind::kTree) && c.target < faults_.size()) faults_[c.target].stood_down_ms += stood;
  c.stand_down_since = kNever;
  // Sheltering from the wind is rest: storm crews ride the strongest winds out under cover and go
  // to work when the wind drops (DOMAIN.md §7). A stand-down at least as long as the off-shift
  // period leaves the crew rested, so its shift starts afresh now; otherwise a shift that ran out
  // while it sheltered would send it to rest just as the work becomes possible.
  const Time off = static_cast<Time>(cfg_.crews.shift_off_h * static_cast<double>(kHour));
  if (c.on_shift && stood >= off) {
    c.rest_pending = false;
    ++c.shift_generation;
    ctx_.queue.schedule(t + static_cast<Time>(cfg_.crews.shift_on_h * static_cast<double>(kHour)),
                        Event{events::kCrewShift, 0, c.id, c.shift_generation, 0});
  }
}

double World::stand_down_elevated_minutes() const {
  double m = 0;
  const Time now = ctx_.queue.now();
  for (const Crew& c : crews_)
    m += to_minutes(c.stand_down_elevated_ms + (c.stand_down_since != kNever && !c.stand_down_driving ? now - c.stand_down_since : 0));
  return m;
}

double World::stand_down_driving_minutes() const {
  double m = 0;
  const Time now = ctx_.queue.now();
  for (const Crew& c : crews_)
    m += to_minutes(c.stand_down_driving_ms + (c.stand_down_since != kNever && c.stand_down_driving ? now - c.stand_down_since : 0));
  return m;
}

void World::travel(Crew& c, Time t) {
  end_stand_down(c, t);
  const double limit = cfg_.crews.drive_wind_limit_mps;
  if (std::hypot(c.dest_x - c.x_m, c.dest_y - c.y_m) < 30) {
    arrive(c, t);
    return;
  }
  const double w = crew_wind(c, t);
  if (w > limit) {
    stand_down(c, t, true);
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
  Time at = kNever;
  std::int64_t blocked = -1;
  double to_x = c.dest_x, to_y = c.dest_y;
  for (std::size_t i = 0; i < route.links.size(); ++i) {
    const RoadLink& l = roads_.links()[route.links[i]];
    if (l.blocked_until > t && !l.known) {
      at = t + from_seconds(acc_s);
      blocked = static_cast<std::int64_t>(route.links[i]) | (static_cast<std::int64_t>(route.junctions[i]) << 32);
      to_x = roads_.junctions()[route.junctions[i]].x_m;
      to_y = roads_.junctions()[route.junctions[i]].y_m;
      break;
    }
    acc_s += l.length_m / (l.speed_kmph / 3.6 * factor);
  }
  if (at == kNever) {
    const Junction& j1 = roads_.junctions()[to];
    acc_s += 1.3 * std::hypot(j1.x_m - c.dest_x, j1.y_m - c.dest_y) / (kAccessSpeedMps * factor);
    at = t + from_seconds(acc_s);
  }
  set_activity(c, t, Activity::kTravel);
  // Driving stops where the wind rises above the limit on the way (checked every 5 min along the
  // straight line between the ends): the crew pulls over there and waits for it to drop.
  for (Time s = t + 5 * kMinute; s < at; s += 5 * kMinute) {
    const double f = static_cast<double>(s - t) / static_cast<double>(at - t);
    const double x = c.x_m + f * (to_x - c.x_m), y = c.y_m + f * (to_y - c.y_m);
    if (wind_.sustained(s, x, y) > limit) {
      c.trip_x = x;
      c.trip_y = y;
      ctx_.queue.schedule(s, Event{events::kWorkStop, 0, c.id, c.generation, 0});
      return;
    }
  }
  if (blocked >= 0) ctx_.queue.schedule(at, Event{events::kCrewArrive, 1, c.id, c.generation, blocked});
  else ctx_.queue.schedule(at, Event{events::kCrewArrive, 0, c.id, c.generation, 0});
}

void World::work_stop(Crew& c, Time t) {
  if (c.activity == Activity::kTravel) {
    // Pulled over on the road: wait there for the wind to drop below the driving limit.
    c.x_m = c.trip_x;
    c.y_m = c.trip_y;
    stand_down(c, t, true);
    const Time calm = std::max(wind_.first_calm(t, c.x_m, c.y_m, cfg_.crews.drive_wind_limit_mps), t + kMinute);
    ctx_.queue.schedule(calm, Event{events::kCrewRetry, 0, c.id, c.generation, 0});
    return;
  }
  if (c.activity == Activity::kRepair) {
    // Elevated work stops mid-job; the work done so far is kept.
    c.work_left_ms = std::max<Time>(0, c.work_left_ms - (t - c.work_started));
    c.work_started = kNever;
    stand_down(c, t, false);
    const Time calm = std::max(wind_.first_calm(t, c.x_m, c.y_m, cfg_.crews.elevated_wind_limit_mps), t + kMinute);
    ctx_.queue.schedule(calm, Event{events::kCrewRetry, 0, c.id, c.generation, 0});
  }
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
    start_patrol(c, t);
    return;
  }
  RepairRecord& r = repairs_[c.target];
  if (r.arrived == kNever) {
    update_weather_pauses(t, c.target);
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
  end_stand_down(c, t);
  const double limit = cfg_.crews.elevated_wind_limit_mps;
  if (wind_.sustained(t, c.x_m, c.y_m) > limit) {
    stand_down(c, t, false);
    const Time calm = std::max(wind_.first_calm(t, c.x_m, c.y_m, limit), t + kMinute);
    ctx_.queue.schedule(calm, Event{events::kCrewRetry, 0, c.id, c.generation, 0});
    return;
  }
  set_activity(c, t, Activity::kRepair);
  if (c.work_left_ms == kNever) c.work_left_ms = c.job == JobKind::kTree ? f.tree_ms : f.repair_ms;
  c.work_started = t;
  // The rule holds all the time: if the wind rises above the limit before the work is done, the
  // crew comes down then (kWorkStop) and resumes with the work left when it drops again.
  const Time done = t + c.work_left_ms;
  const Time stop = first_above(wind_, t, done, c.x_m, c.y_m, limit);
  if (stop != kNever && stop < done) ctx_.queue.schedule(stop, Event{events::kWorkStop, 0, c.id, c.generation, 0});
  else ctx_.queue.schedule(done, Event{events::kCrewWorkDone, 0, c.id, c.generation, 0});
}

// ---------------------------------------------------------------- patrols, span by span

double World::patrol_span_ms(std::uint32_t edge, Time, double factor) const {
  const CrewsConfig& k = cfg_.crews;
  const Edge& e = grid_.edges()[edge];
  double kmph = k.patrol_speed_kmph;
  switch (area_.cells[grid_.nodes()[e.child].cell].road) {
    case RoadClass::kHighway: kmph = k.patrol_highway_kmph; break;
    case RoadClass::kUrban: kmph = k.patrol_urban_kmph; break;
    case RoadClass::kRural: kmph = k.patrol_rural_kmph; break;
    case RoadClass::kTrack: kmph = k.patrol_track_kmph; break;
    case RoadClass::kNone: break;
  }
  return static_cast<double>(e.length_m) / (kmph / 3.6 * factor) * 1000.0;
}

void World::build_route(std::uint32_t device) {
  OpenDevice& o = open_[device];
  for (std::uint32_t edge : o.route)
    if (route_owner_[edge] == device) route_owner_[edge] = kNoId;
  o.route.clear();
  o.route_m = o.passed_m = 0;
  o.damage_reports = 0;
  std::vector<std::uint32_t> nodes;
  grid_.dead_region(device, nodes);
  // Static DFS order is a drive from the device outward: down the main line, each lateral as it
  // branches off.
  std::sort(nodes.begin(), nodes.end(), [&](std::uint32_t a, std::uint32_t b) { return grid_.order(a) < grid_.order(b); });
  for (std::uint32_t n : nodes) {
    const std::uint32_t edge = grid_.nodes()[n].parent_edge;
    if (edge == kNoId) continue;
    route_owner_[edge] = device;
    route_index_[edge] = static_cast<std::uint32_t>(o.route.size());
    o.route.push_back(edge);
    o.route_m += grid_.edges()[edge].length_m;
  }
}

PatrolLeg* World::leg_of(OpenDevice& o, std::uint32_t crew) {
  for (PatrolLeg& l : o.legs)
    if (l.crew == crew) return &l;
  return nullptr;
}

void World::start_patrol(Crew& c, Time t) {
  const std::uint32_t d = c.target;
  OpenDevice& o = open_[d];
  PatrolLeg* leg = leg_of(o, c.id);
  if (!leg) {
    finish_job(c, t);
    return;
  }
  if (leg->first == 0 && leg->next == 0) {
    // The blown fuse or failed transformer at the device itself is seen on arrival.
    for (std::size_t f = 0; f < faults_.size(); ++f)
      if (faults_[f].device == d && faults_[f].found == kNever && faults_[f].repaired == kNever)
        find_fault(t, d, static_cast<std::uint32_t>(f), c.id);
  }
  // Pass times of the leg's spans: drive each span at the patrol speed of its road class, slowed
  // by the wind like any driving and halted while the wind is above the driving limit.
  const double limit = cfg_.crews.drive_wind_limit_mps;
  const double pinpoint = o.customers >= cfg_.crews.calls_pinpoint_customers ? cfg_.crews.calls_pinpoint_factor : 1.0;
  leg->pass.clear();
  leg->planned_from = leg->next;
  leg->started = true;
  Time now = t;
  double px = c.x_m, py = c.y_m;
  const auto& nodes = grid_.nodes();
  for (std::uint32_t i = leg->next; i < leg->end; ++i) {
    const Edge& e = grid_.edges()[o.route[i]];
    const Node& a = nodes[e.parent];
    const Node& b = nodes[e.child];
    const double mx = 0.5 * (a.x_m + b.x_m), my = 0.5 * (a.y_m + b.y_m);
    double w = wind_.sustained(now, mx, my);
    if (w > limit) {
      const Time calm = std::max(wind_.first_calm(now, mx, my, limit), now + kMinute);
      c.stand_down_driving_ms += calm - now;  // booked now: the plan is the wind field's, known in advance
      now = calm;
      w = std::min(limit, wind_.sustained(now, mx, my));
    }
    const double factor = 1.0 - 0.5 * std::pow(std::min(1.0, w / limit), 2);
    const double jump_s = 1.3 * std::hypot(a.x_m - px, a.y_m - py) / (kAccessSpeedMps * factor);
    now += from_seconds(jump_s) + static_cast<Time>(pinpoint * patrol_span_ms(o.route[i], now, factor));
    leg->pass.push_back(now);
    px = b.x_m;
    py = b.y_m;
  }
  set_activity(c, t, Activity::kPatrol);
  schedule_patrol_step(c, t);
}

void World::schedule_patrol_step(Crew& c, Time t) {
  OpenDevice& o = open_[c.target];
  PatrolLeg* leg = leg_of(o, c.id);
  if (!leg) return;
  Time at = kNever;
  for (std::uint32_t j = leg->next; j < leg->end && at == kNever; ++j)
    for (std::uint32_t f = edge_faults_[o.route[j]]; f != kNoId; f = faults_[f].next_on_edge)
      if (faults_[f].found == kNever && faults_[f].repaired == kNever) {
        at = leg->pass[j - leg->planned_from];
        break;
      }
  if (at == kNever) {
    // No fault ahead (yet): wake at the leg's end (at least 15 min for a fuse or a transformer).
    at = leg->end > leg->next ? leg->pass[leg->end - 1 - leg->planned_from] : t;
    if (o.route.empty()) at = std::max(at, c.since + 15 * kMinute);
  }
  ctx_.queue.schedule(std::max(at, t), Event{events::kPatrolStep, 0, c.id, c.generation, 0});
}

void World::patrol_advance(Crew& c, Time t) {
  OpenDevice& o = open_[c.target];
  PatrolLeg* leg = leg_of(o, c.id);
  if (!leg || !leg->started) return;
  const auto& nodes = grid_.nodes();
  while (leg->next < leg->end && leg->pass[leg->next - leg->planned_from] <= t) {
    const std::uint32_t edge = o.route[leg->next];
    for (std::uint32_t f = edge_faults_[edge]; f != kNoId; f = faults_[f].next_on_edge)
      if (faults_[f].found == kNever && faults_[f].repaired == kNever) find_fault(t, c.target, f, c.id);
    o.passed_m += grid_.edges()[edge].length_m;
    c.x_m = nodes[grid_.edges()[edge].child].x_m;
    c.y_m = nodes[grid_.edges()[edge].child].y_m;
    ++leg->next;
  }
}

void World::patrol_step(Crew& c, Time t) {
  const std::uint32_t d = c.target;
  OpenDevice& o = open_[d];
  PatrolLeg* leg = leg_of(o, c.id);
  if (!leg || grid_.devices()[d].closed || o.opened == kNever) {
    finish_job(c, t);
    return;
  }
  patrol_advance(c, t);
  const bool leg_done = leg->next >= leg->end && (!o.route.empty() || t >= c.since + 15 * kMinute);
  if (!leg_done) {
    schedule_patrol_step(c, t);
    return;
  }
  o.legs.erase(o.legs.begin() + (leg - o.legs.data()));
  if (o.patrol_crew == c.id) {
    o.patrol_crew = kNoId;
    for (const PatrolLeg& l : o.legs)
      if (l.crew != kNoId) o.patrol_crew = l.crew;
  }
  if (o.legs.empty()) patrol_done(t, d);
  finish_job(c, t);
}

void World::find_fault(Time t, std::uint32_t device, std::uint32_t fid, std::uint32_t crew) {
  Fault& f = faults_[fid];
  if (f.found != kNever) return;
  f.found = t;
  f.found_by = crew;
  OpenDevice& o = open_[device];
  o.found.push_back(fid);
  // Until the whole section is known, each found fault is expected to bring back an equal share.
  for (std::uint32_t k : o.found) {
    if (faults_[k].repaired != kNever) continue;
    faults_[k].customers_hint = static_cast<double>(o.customers) / static_cast<double>(o.found.size());
    faults_[k].important_hint = o.important;
  }
  if (repairs_[fid].reported == kNever) repairs_[fid].reported = t;
  live_faults_.insert(std::lower_bound(live_faults_.begin(), live_faults_.end(), fid), fid);
  if (f.device != kNoId) ++live_at_device_[f.device];
  request_dispatch(t);
}

bool World::patrol_notice_fault(Time t, std::uint32_t edge) {
  const std::uint32_t d = route_owner_[edge];
  if (d == kNoId) return false;
  const std::uint32_t idx = route_index_[edge];
  for (PatrolLeg& l : open_[d].legs) {
    if (idx < l.first || idx >= l.end || idx < l.next) continue;
    if (l.crew != kNoId && l.started) {
      Crew& c = crews_[l.crew];
      ++c.generation;
      schedule_patrol_step(c, t);
    }
    return true;  // a patrol still to pass this span will find it
  }
  return false;
}

void World::on_damage_report(Time t, std::uint32_t fid) {
  Fault& f = faults_[fid];
  if (f.found != kNever || f.repaired != kNever || f.edge == kNoId) return;
  // The open device whose dead section holds the damage: the first open one above it.
  std::uint32_t d = kNoId;
  for (std::uint32_t e = f.edge; e != kNoId && d == kNoId; e = grid_.nodes()[grid_.edges()[e].parent].parent_edge) {
    const std::uint32_t dev = grid_.edges()[e].device;
    if (dev != kNoId && !grid_.devices()[dev].closed && open_[dev].opened != kNever) d = dev;
  }
  if (d == kNoId) return;
  OpenDevice& o = open_[d];
  if (!o.patrolled && o.legs.empty()) return;  // the patrol still to come covers it
  f.damage_reported = t;
  if (repairs_[fid].reported == kNever) repairs_[fid].reported = t;
  ++o.damage_reports;
  o.patrolled = false;  // the section needs a new patrol
  request_dispatch(t);
}

void World::patrol_done(Time t, std::uint32_t device) {
  OpenDevice& o = open_[device];
  // Damage reported behind the crews during the patrol still needs a patrol of its own.
  o.patrolled = o.damage_reports == 0;
  o.patrol_crew = kNoId;
  for (std::uint32_t edge : o.route)
    if (route_owner_[edge] == device) route_owner_[edge] = kNoId;
  request_dispatch(t);  // the dispatcher isolates what the patrol found (sim/dispatch)
  retry_recloses(t);  // re-closes that waited for this patrol
}

void World::work_done(Crew& c, Time t) {
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
  const auto live = std::lower_bound(live_faults_.begin(), live_faults_.end(), f.id);
  if (live != live_faults_.end() && *live == f.id) {
    live_faults_.erase(live);
    if (f.device != kNoId) --live_at_device_[f.device];
  }
  if (f.edge != kNoId) grid_.remove_fault(f.edge);
  if (f.transformer != kNoId) {
    SupplyChanges ch;
    grid_.repair_transformer(f.transformer, ch);
    reset_open(t, f.device);
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
  set_activity(c, t, Activity::kIdle);  // closes the job's last segment while it still names its target
  release(c, t);
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
  } else if (c.job == JobKind::kPatrol || c.job == JobKind::kPreposition) {
    // A patrol is handed over at the shift's end: the spans not yet driven wait for a fresh crew.
    c.rest_pending = true;
    finish_job(c, t);
  } else {
    c.rest_pending = true;
  }
}

}  // namespace fl::world
