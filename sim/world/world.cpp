#include "sim/world/world.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/core/event_kinds.h"
#include "sim/core/random.h"
#include "sim/scenario/scenario.h"
#include "sim/world/world_internal.h"

namespace fl::world {

using namespace internal;

namespace internal {

const char* activity_name(Activity a) {
  switch (a) {
    case Activity::kTravel: return "travel";
    case Activity::kPatrol: return "patrol";
    case Activity::kRepair: return "repair";
    case Activity::kRest: return "rest";
    case Activity::kWait: return "wait";
    case Activity::kIdle: return "idle";
  }
  return "idle";
}

double tree_failure_probability(double height_m, double gust) {
  if (gust < 20.0) return 0;  // the logistic fit is for storm winds; calm-day falls are not modelled
  const double stem = tree_stem_break_probability(height_m, gust);
  const double uproot = tree_uproot_probability(height_m, gust);
  return 1 - (1 - stem) * (1 - uproot);
}

std::string hours_text(Time t) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f h", to_hours(t));
  return buf;
}

}  // namespace internal

const char* fault_cause_key(FaultCause c) {
  switch (c) {
    case FaultCause::kBrokenPole: return "broken_pole";
    case FaultCause::kConductorDown: return "conductor_down";
    case FaultCause::kTreeOnLine: return "tree_on_line";
    case FaultCause::kTransformer: return "transformer";
    case FaultCause::kBlownFuse: return "blown_fuse";
    case FaultCause::kSwitching: return "switching";
    case FaultCause::kOther: return "other";
  }
  return "other";
}

const char* crew_type_name(CrewType t) {
  switch (t) {
    case CrewType::kLine: return "line";
    case CrewType::kTree: return "tree";
    case CrewType::kAssessment: return "assessment";
  }
  return "line";
}

// ================================================================ construction

World::World(const SimContext& ctx) : ctx_(ctx), cfg_(ctx.scenario.world) {
  area_ = generate_area(cfg_.area);
  grid_ = build_grid(area_, cfg_.grid);
  roads_.build(area_, cfg_.crews, cfg_.area.road_spacing_cells);
  end_ = static_cast<Time>(std::llround(ctx.scenario.duration_hours * static_cast<double>(kHour)));

  geometry_ = std::make_unique<Geometry>();
  const auto& nodes = grid_.nodes();
  for (std::uint32_t i = 0; i < grid_.edges().size(); ++i) {
    const Edge& e = grid_.edges()[i];
    if (e.conductor != Conductor::kBare && e.conductor != Conductor::kCovered) continue;
    geometry_->add_span(i, nodes[e.child].x_m, nodes[e.child].y_m, nodes[e.parent].x_m, nodes[e.parent].y_m);
  }
  for (std::uint32_t i = 0; i < roads_.links().size(); ++i) {
    const RoadLink& l = roads_.links()[i];
    geometry_->add_road(i, roads_.junctions()[l.a].x_m, roads_.junctions()[l.a].y_m, roads_.junctions()[l.b].x_m,
                        roads_.junctions()[l.b].y_m);
  }
  for (std::uint32_t t = 0; t < grid_.transformers().size(); ++t) {
    const Node& n = nodes[grid_.transformers()[t].node];
    geometry_->add_premise(t, n.x_m - 40, n.y_m - 40, 10);
  }

  if (cfg_.typhoon.enabled) typhoon_ = std::make_unique<Typhoon>(cfg_.typhoon);
  wind_.build(typhoon_.get(), area_, end_, 15 * kMinute, 2000);
  if (typhoon_) {
    const auto& track = cfg_.typhoon.track;
    const Time t0 = std::max<Time>(0, static_cast<Time>(track.front().time_h * kHour));
    const Time t1 = std::min<Time>(end_, static_cast<Time>(track.back().time_h * kHour));
    bool was_land = true;
    for (Time t = t0; t <= t1; t += 5 * kMinute) {
      const EyeState eye = typhoon_->eye_at(t);
      const bool land = eye.y_m / 1000 >= coast_y_km(cfg_.area, eye.x_m / 1000);
      if (land && !was_land) {
        landfall_ = t;
        break;
      }
      was_land = land;
    }
  }

  // Crews.
  std::vector<DepotConfig> depots = cfg_.crews.depots;
  if (depots.empty()) {
    DepotConfig d;
    d.name = "depot";
    d.x_km = cfg_.area.cities.empty() ? cfg_.area.width_km / 2 : cfg_.area.cities.front().x_km;
    d.y_km = cfg_.area.cities.empty() ? std::min(cfg_.area.height_km, cfg_.area.coast_y_km + 5) : cfg_.area.cities.front().y_km;
    d.line_crews = 10;
    d.tree_crews = 4;
    d.assessment_crews = 2;
    depots.push_back(d);
  }
  int counts[3] = {0, 0, 0};
  auto make_crew = [&](CrewType type, double x, double y, bool aid, std::uint32_t offer) {
    Crew c;
    c.id = static_cast<std::uint32_t>(crews_.size());
    c.type = type;
    c.mutual_aid = aid;
    c.present = !aid;
    c.on_shift = !aid;
    c.offer = offer;
    c.x_m = x;
    c.y_m = y;
    char name[16];
    const char* prefix = aid ? (type == CrewType::kTree ? "MT" : "ML") : (type == CrewType::kLine ? "L" : type == CrewType::kTree ? "T" : "A");
    std::snprintf(name, sizeof name, "%s%02d", prefix, ++counts[static_cast<int>(type)]);
    c.name = name;
    crews_.push_back(std::move(c));
  };
  for (const DepotConfig& d : depots) {
    for (int i = 0; i < d.line_crews; ++i) make_crew(CrewType::kLine, d.x_km * 1000, d.y_km * 1000, false, kNoId);
    for (int i = 0; i < d.tree_crews; ++i) make_crew(CrewType::kTree, d.x_km * 1000, d.y_km * 1000, false, kNoId);
    for (int i = 0; i < d.assessment_crews; ++i) make_crew(CrewType::kAssessment, d.x_km * 1000, d.y_km * 1000, false, kNoId);
  }
  for (std::uint32_t o = 0; o < cfg_.crews.mutual_aid.size(); ++o) {
    const MutualAidConfig& m = cfg_.crews.mutual_aid[o];
    double x = m.x_km * 1000, y = m.y_km * 1000;
    for (const DepotConfig& d : depots)
      if (d.name == m.staging) {
        x = d.x_km * 1000;
        y = d.y_km * 1000;
      }
    aid_staging_m_.emplace_back(x, y);
    for (int i = 0; i < m.line_crews; ++i) make_crew(CrewType::kLine, x, y, true, o);
    for (int i = 0; i < m.tree_crews; ++i) make_crew(CrewType::kTree, x, y, true, o);
  }
  aid_requested_.assign(cfg_.crews.mutual_aid.size(), false);
  aid_requested_at_.assign(cfg_.crews.mutual_aid.size(), kNever);
  aid_arrived_offer_.assign(cfg_.crews.mutual_aid.size(), false);

  if (typhoon_) {
    std::vector<std::array<double, 2>> points;
    std::vector<Exposure> exposures;
    for (const Feeder& f : grid_.feeders()) {
      const Node& n = grid_.nodes()[f.source];
      if (!points.empty() && points.back()[0] == n.x_m && points.back()[1] == n.y_m) continue;
      points.push_back({n.x_m, n.y_m});
      exposures.push_back(area_.at(n.x_m, n.y_m).exposure);
    }
    for (const DepotConfig& d : depots) {
      points.push_back({d.x_km * 1000, d.y_km * 1000});
      exposures.push_back(area_.at(d.x_km * 1000, d.y_km * 1000).exposure);
    }
    warnings_ = typhoon_->warning_timeline(points, exposures, end_, 30 * kMinute);
  }

  std::vector<std::uint32_t> per_transformer;
  for (const Transformer& tr : grid_.transformers()) per_transformer.push_back(tr.customers);
  ledger_.reset(std::move(per_transformer), area_.customers.size());
  open_.assign(grid_.devices().size(), OpenDevice{});
  live_at_device_.assign(grid_.devices().size(), 0);
  edge_faults_.assign(grid_.edges().size(), kNoId);
  route_owner_.assign(grid_.edges().size(), kNoId);
  route_index_.assign(grid_.edges().size(), 0);
  for (const ImportantPlace& p : area_.important) {
    ImportantCustomerRecord r;
    r.customer = p.customer;
    r.kind = p.kind;
    r.name = p.name;
    r.terrain = area_.customers[p.customer].terrain;
    important_.push_back(r);
    important_transformer_.push_back(area_.customers[p.customer].transformer);
  }
}

World::~World() = default;

bool World::customer_energised(std::uint32_t customer) const {
  if (customer >= area_.customers.size()) return false;
  return grid_.supplied(area_.customers[customer].transformer);
}

void World::start() {
  precompute_failures();
  const double on = cfg_.crews.shift_on_h, off = cfg_.crews.shift_off_h;
  const Time cycle = static_cast<Time>((on + off) * kHour);
  std::uint32_t k = 0;
  for (Crew& c : crews_) {
    if (c.mutual_aid) continue;
    const Time offset = cycle * (k++ % 3) / 3;
    const Time phase = offset % cycle;
    const Time on_ms = static_cast<Time>(on * kHour);
    if (phase < on_ms) {
      ctx_.queue.schedule(on_ms - phase, Event{events::kCrewShift, 0, c.id, c.shift_generation, 0});
    } else {
      c.on_shift = false;
      c.activity = Activity::kRest;
      c.since = 0;
      ctx_.queue.schedule(cycle - phase, Event{events::kCrewShift, 1, c.id, c.shift_generation, 0});
    }
  }
}

// ================================================================ events

void World::handle(const FiredEvent& fe) {
  const Event& e = fe.event;
  const Time t = fe.time;
  switch (e.kind) {
    case events::kFailure: on_failure(t, e.flags, e.a, e.b); break;
    case events::kCrewArrive: {
      Crew& c = crews_[e.a];
      if (c.generation != e.b) break;
      if (e.flags == 1) {
        const auto link = static_cast<std::uint32_t>(e.c & 0xffffffff);
        const auto junction = static_cast<std::uint32_t>(e.c >> 32);
        roads_.links()[link].known = true;
        if ((c.job == JobKind::kRepair || c.job == JobKind::kTree) && c.target < faults_.size()) ++faults_[c.target].blocked_trips;
        c.x_m = roads_.junctions()[junction].x_m;
        c.y_m = roads_.junctions()[junction].y_m;
        travel(c, t);
      } else {
        arrive(c, t);
      }
      break;
    }
    case events::kCrewWorkDone: {
      Crew& c = crews_[e.a];
      if (c.generation == e.b) work_done(c, t);
      break;
    }
    case events::kCrewRetry: {
      Crew& c = crews_[e.a];
      if (c.generation != e.b) break;
      if (c.at_site) begin_work(c, t);
      else travel(c, t);
      break;
    }
    case events::kCrewShift: {
      Crew& c = crews_[e.a];
      if (c.shift_generation == e.b) shift_event(c, t, e.flags == 1);
      break;
    }
    case events::kRoadCleared: {
      RoadLink& l = roads_.links()[e.a];
      if (l.blocked_until <= t) l.known = false;
      break;
    }
    case events::kMutualAidArrive: {
      if (e.a < aid_arrived_offer_.size()) aid_arrived_offer_[e.a] = true;
      for (Crew& c : crews_) {
        if (!c.mutual_aid || c.offer != e.a || c.present) continue;
        c.present = true;
        c.on_shift = true;
        c.since = t;
        ++aid_arrived_;
        ++c.shift_generation;
        ctx_.queue.schedule(t + static_cast<Time>(cfg_.crews.shift_on_h * static_cast<double>(kHour)),
                            Event{events::kCrewShift, 0, c.id, c.shift_generation, 0});
      }
      request_dispatch(t);
      break;
    }
    case events::kDetect: {
      const OpenDevice& o = open_[e.a];
      if (o.opened != kNever && o.detected == t) request_dispatch(t, true);  // and the publisher
      break;
    }
    case events::kPatrolStep: {
      Crew& c = crews_[e.a];
      if (c.generation == e.b && c.job == JobKind::kPatrol) patrol_step(c, t);
      break;
    }
    case events::kDamageReport: on_damage_report(t, e.a); break;
    case events::kWorkStop: {
      Crew& c = crews_[e.a];
      if (c.generation == e.b) work_stop(c, t);
      break;
    }
    default: break;
  }
}

std::string World::crew_refusal(const Crew& c, Time t) const {
  if (!c.present) return "crew " + c.name + " (mutual aid) has not arrived yet";
  if (!c.on_shift) return "crew " + c.name + " is off shift until " + hours_text(c.rest_until);
  (void)t;
  if (c.job != JobKind::kNone) {
    const char* what = c.job == JobKind::kPatrol ? "patrolling" : c.job == JobKind::kPreposition ? "pre-positioning" : "working on a fault";
    return "crew " + c.name + " is busy " + what + " (" + activity_name(c.activity) + ")";
  }
  return {};
}

std::string World::describe_fault(const Fault& f) const {
  char buf[200];
  std::snprintf(buf, sizeof buf, "fault %u (%s, %s, found %s, ~%.0f customers)", f.id, cause_key(f.cause), terrain_name(f.terrain),
                f.found == kNever ? "no" : hours_text(f.found).c_str(), f.customers_hint);
  return buf;
}

CommandResult World::apply(const Command& cmd) {
  const Time t = cmd.time;
  CommandResult refusal;
  auto crew_ok = [&](std::uint32_t id, std::string& why) -> Crew* {
    if (id >= crews_.size()) {
      why = "unknown crew " + std::to_string(id);
      refusal = CommandResult::refused("crew.unknown", {std::to_string(id)}, why);
      return nullptr;
    }
    why = crew_refusal(crews_[id], t);
    if (!why.empty()) {
      const Crew& c = crews_[id];
      refusal = !c.present   ? CommandResult::refused("crew.not_arrived", {c.name}, why)
                : !c.on_shift ? CommandResult::refused("crew.off_shift", {c.name, std::to_string(c.rest_until)}, why)
                              : CommandResult::refused("crew.busy", {c.name, activity_name(c.activity)}, why);
    }
    return why.empty() ? &crews_[id] : nullptr;
  };
  std::string why;
  switch (cmd.kind) {
    case CommandKind::kAssignCrew: {
      Crew* c = crew_ok(cmd.actor, why);
      if (!c) return refusal;
      if (cmd.target >= faults_.size()) return CommandResult::refused("fault.unknown", {std::to_string(cmd.target)}, "unknown fault " + std::to_string(cmd.target));
      Fault& f = faults_[cmd.target];
      if (f.found == kNever) return CommandResult::refused("fault.not_located", {std::to_string(f.id)}, "fault " + std::to_string(f.id) + " has not been located yet: patrol the section first");
      if (f.repaired != kNever) return CommandResult::refused("fault.repaired", {std::to_string(f.id), std::to_string(f.repaired)}, "fault " + std::to_string(f.id) + " was already repaired at " + hours_text(f.repaired));
      if (c->type == CrewType::kAssessment) return CommandResult::refused("crew.assessment_cannot_repair", {c->name}, "crew " + c->name + " is an assessment crew and cannot repair");
      const double km = std::hypot(c->x_m - f.x_m, c->y_m - f.y_m) / 1000;
      char ctxt[300];
      if (c->type == CrewType::kTree) {
        if (!f.needs_tree || f.tree_cleared != kNever) return CommandResult::refused("fault.no_tree", {std::to_string(f.id)}, describe_fault(f) + " has no tree to clear");
        if (f.tree_crew != kNoId) return CommandResult::refused("fault.crew_assigned", {crews_[f.tree_crew].name, std::to_string(f.id)}, "tree crew " + crews_[f.tree_crew].name + " is already assigned to fault " + std::to_string(f.id));
        f.tree_crew = c->id;
        assign(*c, t, JobKind::kTree, f.id, f.x_m, f.y_m);
      } else {
        if (f.line_crew != kNoId) return CommandResult::refused("fault.crew_assigned", {crews_[f.line_crew].name, std::to_string(f.id)}, "line crew " + crews_[f.line_crew].name + " is already assigned to fault " + std::to_string(f.id));
        f.line_crew = c->id;
        assign(*c, t, JobKind::kRepair, f.id, f.x_m, f.y_m);
      }
      std::snprintf(ctxt, sizeof ctxt, "%s; crew %s %.1f km away; %llu customers out", describe_fault(f).c_str(), c->name.c_str(), km,
                    static_cast<unsigned long long>(ledger_.customers_out()));
      return CommandResult::ok(ctxt);
    }
    case CommandKind::kPatrol: {
      Crew* c = crew_ok(cmd.actor, why);
      if (!c) return refusal;
      if (c->type == CrewType::kTree) return CommandResult::refused("crew.tree_cannot_patrol", {c->name}, "crew " + c->name + " is a tree crew and does not patrol");
      if (cmd.target >= grid_.devices().size()) return CommandResult::refused("device.unknown", {std::to_string(cmd.target)}, "unknown device " + std::to_string(cmd.target));
      const OpenDevice& o = open_[cmd.target];
      if (grid_.devices()[cmd.target].closed || o.opened == kNever)
        return CommandResult::refused("device.closed_nothing_out", {grid_.device_name(cmd.target)}, "device " + grid_.device_name(cmd.target) + " is closed: nothing below it is out");
      std::vector<std::uint32_t> fs;
      region_faults(cmd.target, fs);
      OpenDevice& od = open_[cmd.target];
      double dest_x = 0, dest_y = 0;
      const char* share = "the whole section";
      if (od.legs.empty()) {
        // First (or a fresh) patrol: the route is the dead section as it is now.
        build_route(cmd.target);
        od.legs.push_back(PatrolLeg{c->id, 0, static_cast<std::uint32_t>(od.route.size()), 0, false, {}, 0});
        const Device& dev = grid_.devices()[cmd.target];
        const Node& n = grid_.nodes()[dev.edge != kNoId ? grid_.edges()[dev.edge].child : grid_.transformers()[dev.transformer].node];
        dest_x = n.x_m;
        dest_y = n.y_m;
      } else {
        // Join a patrol under way: take a share nobody drives (its crew was called off), else
        // split the leg with most spans still ahead and take its far half.
        std::size_t take = od.legs.size();
        for (std::size_t i = 0; i < od.legs.size() && take == od.legs.size(); ++i)
          if (od.legs[i].crew == kNoId) take = i;
        if (take < od.legs.size()) {
          od.legs[take].crew = c->id;
          share = "the part its last crew left";
        } else {
          std::size_t best = od.legs.size();
          std::uint32_t best_left = 0;
          for (std::size_t i = 0; i < od.legs.size(); ++i) {
            if (od.legs[i].started) patrol_advance(crews_[od.legs[i].crew], t);
            const std::uint32_t left = od.legs[i].end - od.legs[i].next;
            if (left > best_left) {
              best_left = left;
              best = i;
            }
          }
          if (best == od.legs.size() || best_left < 2)
            return CommandResult::refused("patrol.too_short_to_share", {grid_.device_name(cmd.target)},
                                          "the patrol below " + grid_.device_name(cmd.target) + " has less than two spans left to share");
          PatrolLeg& l = od.legs[best];
          const std::uint32_t mid = l.next + best_left / 2;
          const std::uint32_t end = l.end;
          l.end = mid;
          const std::uint32_t other = l.crew;
          od.legs.push_back(PatrolLeg{c->id, mid, end, mid, false, {}, 0});
          take = od.legs.size() - 1;
          if (od.legs[best].started) {
            ++crews_[other].generation;
            schedule_patrol_step(crews_[other], t);
          }
          share = "the far half of another crew's share";
        }
        const PatrolLeg& mine = od.legs[take];
        const Node& n = grid_.nodes()[grid_.edges()[od.route[std::min<std::size_t>(mine.next, od.route.size() - 1)]].parent];
        dest_x = n.x_m;
        dest_y = n.y_m;
      }
      if (od.patrol_crew == kNoId) od.patrol_crew = c->id;
      assign(*c, t, JobKind::kPatrol, cmd.target, dest_x, dest_y);
      char ctxt[400];
      std::snprintf(ctxt, sizeof ctxt, "%s open since %s, %u customers below, %.1f km of line; crew %s takes %s; %zu unrepaired faults actually there",
                    grid_.device_name(cmd.target).c_str(), hours_text(o.opened).c_str(), o.customers, od.route_m / 1000,
                    c->name.c_str(), share, fs.size());
      return CommandResult::ok(ctxt);
    }
    case CommandKind::kOperateSwitch: {
      if (cmd.target >= grid_.devices().size()) return CommandResult::refused("device.unknown", {std::to_string(cmd.target)}, "unknown device " + std::to_string(cmd.target));
      const Device& d = grid_.devices()[cmd.target];
      const std::string name = grid_.device_name(cmd.target);
      const bool close = cmd.value != 0;
      if (d.closed == close) return CommandResult::refused(close ? "device.already_closed" : "device.already_open", {name}, "device " + name + " is already " + (close ? "closed" : "open"));
      if (close) {
        if (region_has_known_fault(cmd.target))
          return CommandResult::refused("device.known_fault_below", {name}, "closing " + name + " would energise a known unrepaired fault below it");
        const std::uint64_t before = ledger_.customers_out();
        if (CommandResult refused_close; !close_device(t, cmd.target, &refused_close)) return refused_close;
        char ctxt[200];
        std::snprintf(ctxt, sizeof ctxt, "closed %s: customers out %llu -> %llu", name.c_str(), static_cast<unsigned long long>(before),
                      static_cast<unsigned long long>(ledger_.customers_out()));
        return CommandResult::ok(ctxt);
      }
      const std::uint64_t before = ledger_.customers_out();
      SupplyChanges ch;
      grid_.operate(cmd.target, false, ch);
      apply_changes(t, ch, cmd.target, FaultCause::kSwitching);
      if (d.normally_closed) {
        OpenDevice& o = open_[cmd.target];
        o = OpenDevice{};
        o.opened = t;
        o.detected = t;
        o.patrolled = true;
        o.customers = last_lost_;
        o.important = last_lost_important_;
        open_ids_.insert(std::lower_bound(open_ids_.begin(), open_ids_.end(), cmd.target), cmd.target);
      }
      char ctxt[200];
      std::snprintf(ctxt, sizeof ctxt, "opened %s: customers out %llu -> %llu", name.c_str(), static_cast<unsigned long long>(before),
                    static_cast<unsigned long long>(ledger_.customers_out()));
      return CommandResult::ok(ctxt);
    }
    case CommandKind::kSendHome: {
      if (cmd.actor >= crews_.size()) return CommandResult::refused("crew.unknown", {std::to_string(cmd.actor)}, "unknown crew " + std::to_string(cmd.actor));
      Crew& c = crews_[cmd.actor];
      if (!c.present) return CommandResult::refused("crew.not_arrived", {c.name}, "crew " + c.name + " (mutual aid) has not arrived yet");
      if (!c.on_shift) return CommandResult::refused("crew.off_shift", {c.name, std::to_string(c.rest_until)}, "crew " + c.name + " is already off shift until " + hours_text(c.rest_until));
      const std::string was = activity_name(c.activity);
      release(c, t);
      begin_rest(c, t);
      return CommandResult::ok("crew " + c.name + " was " + was + "; resting until " + hours_text(c.rest_until));
    }
    case CommandKind::kRequestMutualAid: {
      if (cmd.target >= cfg_.crews.mutual_aid.size())
        return CommandResult::refused("aid.unknown", {std::to_string(cmd.target), std::to_string(cfg_.crews.mutual_aid.size())},
                                      "unknown mutual-aid offer " + std::to_string(cmd.target) + " (the scenario has " +
                                          std::to_string(cfg_.crews.mutual_aid.size()) + ")");
      if (aid_requested_[cmd.target]) return CommandResult::refused("aid.already_requested", {cfg_.crews.mutual_aid[cmd.target].name}, "mutual aid from " + cfg_.crews.mutual_aid[cmd.target].name + " was already requested");
      aid_requested_[cmd.target] = true;
      aid_requested_at_[cmd.target] = t;
      const MutualAidConfig& m = cfg_.crews.mutual_aid[cmd.target];
      const Time at = t + static_cast<Time>(m.lead_time_h * static_cast<double>(kHour));
      ctx_.queue.schedule(at, Event{events::kMutualAidArrive, 0, cmd.target, 0, 0});
      char ctxt[200];
      std::snprintf(ctxt, sizeof ctxt, "%d line and %d tree crews from %s arrive at %s; %llu customers out", m.line_crews, m.tree_crews,
                    m.name.c_str(), hours_text(at).c_str(), static_cast<unsigned long long>(ledger_.customers_out()));
      return CommandResult::ok(ctxt);
    }
    case CommandKind::kPreposition: {
      Crew* c = crew_ok(cmd.actor, why);
      if (!c) return refusal;
      if (cmd.target >= area_.cells.size()) return CommandResult::refused("cell.unknown", {std::to_string(cmd.target)}, "unknown cell " + std::to_string(cmd.target));
      if (area_.cells[cmd.target].terrain == Terrain::kWater) return CommandResult::refused("cell.at_sea", {std::to_string(cmd.target)}, "cell " + std::to_string(cmd.target) + " is at sea");
      assign(*c, t, JobKind::kPreposition, cmd.target, area_.centre_x(cmd.target), area_.centre_y(cmd.target));
      char ctxt[160];
      std::snprintf(ctxt, sizeof ctxt, "crew %s moves to cell %u; wind there now %.1f m/s", c->name.c_str(), cmd.target,
                    wind_.sustained(t, area_.centre_x(cmd.target), area_.centre_y(cmd.target)));
      return CommandResult::ok(ctxt);
    }
    default: break;
  }
  return CommandResult::refused("command.not_world", {std::to_string(static_cast<int>(cmd.kind))},
                                "command kind " + std::to_string(static_cast<int>(cmd.kind)) + " is not a world command");
}

// ================================================================ sampling and output

void World::sample(Time t) {
  // Standing switching orders: refused re-closes and back-feed ties are retried every 15 min.
  restore_normal_ties(t);
  retry_recloses(t);
  update_weather_pauses(t);
  restoration_curve_.emplace_back(to_hours(t), ledger_.customers_out());
  // Pre-positioning and the mutual-aid trigger moved to the dispatcher agent (sim/dispatch),
  // which decides from what the control room knows; a sample tick wakes it (and the hotline
  // seat, which reviews its ETRs on a timer).
  request_dispatch(t, true);
  for (std::size_t i = 0; i < important_.size(); ++i) {
    important_[i].outage_minutes = ledger_.outage_minutes(important_transformer_[i], t);
    important_[i].interruptions = ledger_.interruptions(important_transformer_[i], t);
  }
}

void World::write_reliability(JsonWriter& w) const {
  const ReliabilityIndices x = indices(ctx_.queue.now());
  w.begin_object();
  w.key("saifi").value(x.saifi);
  w.key("saidi").value(x.saidi_min);
  w.key("caidi").value(x.caidi_min);
  w.key("caifi").value(x.caifi);
  w.key("asai").value(x.asai);
  w.key("momentary").value(x.momentary);
  w.key("maifi").value(x.maifi);
  w.key("units").value("saidi and caidi in minutes; momentary = customer momentary interruptions (<= 5 min)");
  w.key("customers_served").value(static_cast<std::uint64_t>(area_.customers.size()));
  w.key("customer_interruptions").value(x.customer_interruptions);
  w.key("customers_interrupted").value(x.customers_interrupted);
  w.key("customer_minutes").value(x.customer_minutes);
  w.end_object();
}

void World::write_restoration_curve(JsonWriter& w) const {
  w.begin_array();
  for (const auto& [hours, out] : restoration_curve_) {
    w.begin_array();
    w.value(hours);
    w.value(out);
    w.end_array();
  }
  // The curve ends at the run's end (between 15-min ticks too), so its last point is
  // customers_out_at_end.
  const double end_hours = to_hours(ctx_.queue.now());
  if (restoration_curve_.empty() || restoration_curve_.back().first < end_hours) {
    w.begin_array();
    w.value(end_hours);
    w.value(ledger_.customers_out());
    w.end_array();
  }
  w.end_array();
}

void World::write_storm(JsonWriter& w) const {
  w.begin_object();
  w.key("name").value(typhoon_ ? cfg_.typhoon.name : std::string());
  w.key("landfall_hours");
  if (landfall_ == kNever) w.null();
  else w.value(to_hours(landfall_));
  w.key("peak_gust_mps").value(wind_.peak_land_gust());
  w.key("peak_sustained_mps").value(wind_.peak_land_sustained());
  w.key("warning_timeline").begin_array();
  for (const auto& [t, level] : warnings_) {
    w.begin_object();
    w.key("hours").value(to_hours(t));
    w.key("level").value(warning_level_name(level));
    w.end_object();
  }
  w.end_array();
  w.key("faults_by_type").begin_object();
  for (FaultCause c : {FaultCause::kBrokenPole, FaultCause::kConductorDown, FaultCause::kTreeOnLine, FaultCause::kTransformer,
                       FaultCause::kBlownFuse})
    w.key(cause_key(c)).value(faults_by_cause_[static_cast<int>(c)]);
  w.end_object();
  w.key("faults").value(static_cast<std::uint64_t>(faults_.size()));
  w.key("momentary_events").value(momentary_events_);
  w.key("trees_down").value(trees_down_);
  w.key("roads_blocked").value(roads_blocked_);
  w.key("peak_customers_out").value(peak_out_);
  w.key("peak_hours").value(to_hours(peak_time_));
  w.key("customers_out_at_end").value(ledger_.customers_out());
  w.end_object();
}

void World::write_crews(JsonWriter& w) const {
  std::uint64_t used = 0;
  for (const Crew& c : crews_) used += c.used ? 1 : 0;
  const Time now = ctx_.queue.now();
  w.begin_object();
  w.key("total").value(static_cast<std::uint64_t>(crews_.size()));
  w.key("used").value(used);
  w.key("mutual_aid").value(aid_arrived_);
  // Work rules: crew-minutes waited for the wind (elevated work above the 1-min limit at the site;
  // driving and patrolling above the driving limit).
  w.key("stand_down_crew_minutes").begin_object();
  w.key("elevated_work").value(stand_down_elevated_minutes());
  w.key("driving").value(stand_down_driving_minutes());
  w.end_object();
  w.key("timeline").begin_array();
  for (const Crew& c : crews_) {
    if (!c.present && c.segments.empty()) continue;
    w.begin_object();
    w.key("crew").value(c.name);
    w.key("type").value(crew_type_name(c.type));
    w.key("mutual_aid").value(c.mutual_aid);
    w.key("segments").begin_array();
    auto seg = [&](Time s, Time e, Activity a) {
      w.begin_array();
      w.value(to_hours(s));
      w.value(to_hours(e));
      w.value(activity_name(a));
      w.end_array();
    };
    for (const Crew::Segment& s : c.segments) seg(s.start, s.end, s.activity);
    if (c.activity != Activity::kIdle && now > c.since) seg(c.since, now, c.activity);
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

std::string World::summary() const {
  std::string out;
  char line[512];
  const ReliabilityIndices x = indices(ctx_.queue.now());
  std::snprintf(line, sizeof line, "Grid: %zu customers, %zu feeders, %zu transformers; storm %s, landfall %s, peak gust %.1f m/s\n",
                area_.customers.size(), grid_.feeders().size(), grid_.transformers().size(),
                typhoon_ ? cfg_.typhoon.name.c_str() : "none", landfall_ == kNever ? "none" : hours_text(landfall_).c_str(),
                wind_.peak_land_gust());
  out += line;
  std::snprintf(line, sizeof line, "Customers out at peak: %llu at %s; still out at end: %llu\n",
                static_cast<unsigned long long>(peak_out_), hours_text(peak_time_).c_str(), static_cast<unsigned long long>(ledger_.customers_out()));
  out += line;
  std::snprintf(line, sizeof line, "Faults: %u broken pole, %u conductor down, %u tree on line, %u transformer, %u blown fuse; %llu momentary events\n",
                faults_by_cause_[0], faults_by_cause_[1], faults_by_cause_[2], faults_by_cause_[3], faults_by_cause_[4],
                static_cast<unsigned long long>(momentary_events_));
  out += line;
  std::string times;
  for (double pct : {50.0, 90.0, 99.0}) {
    const double target = static_cast<double>(peak_out_) * (1 - pct / 100);
    std::string when = "not reached";
    for (const auto& [h, n] : restoration_curve_)
      if (h >= to_hours(peak_time_) && static_cast<double>(n) <= target) {
        char b[32];
        std::snprintf(b, sizeof b, "%.1f h", h - to_hours(peak_time_));
        when = b;
        break;
      }
    times += "  " + std::to_string(static_cast<int>(pct)) + "%: " + when;
  }
  out += "Restored after the peak:" + times + "\n";
  std::uint32_t used = 0;
  for (const Crew& c : crews_) used += c.used ? 1 : 0;
  std::snprintf(line, sizeof line, "Crews used: %u of %zu (%u mutual aid arrived); SAIFI %.3f, SAIDI %.1f min, CAIDI %.1f min\n", used,
                crews_.size(), aid_arrived_, x.saifi, x.saidi_min, x.caidi_min);
  out += line;
  return out;
}

std::uint64_t World::state_hash() const {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  h = fnv(h, ledger_.customers_out());
  h = fnv(h, ledger_.indices(ctx_.queue.now()).customer_interruptions);
  h = fnv(h, faults_.size());
  h = fnv(h, ledger_.indices(ctx_.queue.now()).momentary);
  for (const Fault& f : faults_) h = fnv(h, static_cast<std::uint64_t>(f.repaired));
  for (const Crew& c : crews_) {
    h = fnv(h, static_cast<std::uint64_t>(c.activity));
    h = fnv(h, static_cast<std::uint64_t>(std::llround(c.x_m)));
    h = fnv(h, c.segments.size());
  }
  for (const Device& d : grid_.devices()) h = fnv(h, d.closed ? 1 : 0);
  return h;
}

}  // namespace fl::world
