#include "sim/world/world.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/core/event_kinds.h"
#include "sim/core/random.h"
#include "sim/scenario/scenario.h"

namespace fl::world {

namespace {

constexpr double kAccessSpeedMps = 25.0 / 3.6;

enum ComponentKind : std::uint16_t { kPole = 1, kConductor = 2, kTransformerUnit = 3, kContact = 4, kTree = 5 };

std::uint64_t fnv(std::uint64_t h, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) {
    h ^= (v >> (8 * i)) & 0xff;
    h *= 0x100000001b3ULL;
  }
  return h;
}

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

const char* cause_key(FaultCause c) {
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

}  // namespace

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
    for (int i = 0; i < m.line_crews; ++i) make_crew(CrewType::kLine, x, y, true, o);
    for (int i = 0; i < m.tree_crews; ++i) make_crew(CrewType::kTree, x, y, true, o);
  }
  aid_requested_.assign(cfg_.crews.mutual_aid.size(), false);

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
  edge_faults_.assign(grid_.edges().size(), kNoId);
  for (const ImportantPlace& p : area_.important) {
    ImportantCustomerRecord r;
    r.customer = p.customer;
    r.kind = p.kind;
    r.name = p.name;
    important_.push_back(r);
    important_transformer_.push_back(area_.customers[p.customer].transformer);
  }
}

World::~World() = default;

bool World::customer_energised(std::uint32_t customer) const {
  if (customer >= area_.customers.size()) return false;
  return grid_.supplied(area_.customers[customer].transformer);
}

// ================================================================ damage

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

void World::precompute_failures() {
  if (wind_.calm()) return;
  const GridConfig& g = cfg_.grid;
  const auto& nodes = grid_.nodes();
  auto schedule = [&](Time t, std::uint16_t kind, std::uint32_t id, std::uint32_t index) {
    if (t == kNever || t > end_) return;
    ctx_.queue.schedule(std::max<Time>(t, 0), Event{events::kFailure, kind, id, index, 0});
  };
  // A capacity below median*exp(-5 beta) has probability 3e-7: components whose storm peak
  // stays below that never fail and are not examined further.
  auto can_fail = [](double peak, const FragilityConfig& f) { return peak >= f.median_mps * std::exp(-5 * f.beta); };
  auto trees_at = [&](std::uint64_t source, double x0, double y0, double x1, double y1, double per_km, double max_offset,
                      Exposure exposure, double peak_gust) {
    const double len = std::hypot(x1 - x0, y1 - y0);
    if (per_km <= 0 || len <= 0 || peak_gust < 20.0) return;
    RandomStream place = ctx_.stream(Purpose::kWorldTreePlacement, source);
    const std::uint64_t n = poisson(place, per_km * len / 1000);
    const double ux = (x1 - x0) / len, uy = (y1 - y0) / len;
    for (std::uint64_t k = 0; k < n; ++k) {
      RandomStream rng = ctx_.stream(Purpose::kTreeFall, (source << 12) | k);
      const double height = std::clamp(lognormal(rng, cfg_.area.tree_height_median_m, cfg_.area.tree_height_beta), 4.0, 40.0);
      const double u = rng.uniform01();
      if (tree_failure_probability(height, peak_gust) <= u) continue;
      // Capacity: the gust at which this tree's failure probability reaches its draw u.
      double lo = 20, hi = peak_gust;
      for (int it = 0; it < 30; ++it) {
        const double mid = 0.5 * (lo + hi);
        (tree_failure_probability(height, mid) >= u ? hi : lo) = mid;
      }
      const double along = rng.uniform01() * len;
      const double side = rng.uniform01() < 0.5 ? -1 : 1;
      const double offset = uniform(rng, 1.0, max_offset);
      const double spread = normal(rng, 0, 0.35);
      Tree tree;
      tree.x_m = static_cast<float>(x0 + ux * along - uy * side * offset);
      tree.y_m = static_cast<float>(y0 + uy * along + ux * side * offset);
      tree.height_m = static_cast<float>(height);
      tree.spread_rad = static_cast<float>(spread);
      tree.exposure = exposure;
      const Time t = wind_.first_exceed(tree.x_m, tree.y_m, gust_factor(exposure), hi);
      if (t == kNever || t > end_) continue;
      trees_.push_back(tree);
      schedule(t, kTree, static_cast<std::uint32_t>(trees_.size() - 1), 0);
    }
  };
  for (std::uint32_t i = 0; i < grid_.edges().size(); ++i) {
    const Edge& e = grid_.edges()[i];
    if (e.conductor != Conductor::kBare && e.conductor != Conductor::kCovered) continue;
    const double x0 = nodes[e.parent].x_m, y0 = nodes[e.parent].y_m, x1 = nodes[e.child].x_m, y1 = nodes[e.child].y_m;
    const double mx = 0.5 * (x0 + x1), my = 0.5 * (y0 + y1);
    const Cell& cell = area_.cells[nodes[e.child].cell];
    const double gf = gust_factor(cell.exposure);
    const double peak = gf * wind_.peak_sustained(mx, my);
    const std::uint64_t base = static_cast<std::uint64_t>(i) << 8;
    if (can_fail(peak, g.pole)) {
      const int poles = std::max(1, static_cast<int>(std::lround(e.length_m / g.pole_span_m)));
      for (int k = 0; k < poles; ++k) {
        RandomStream rng = ctx_.stream(Purpose::kComponentCapacity, (1ULL << 48) | base | static_cast<std::uint64_t>(k));
        const double cap = lognormal(rng, g.pole.median_mps, g.pole.beta);
        if (cap < peak) schedule(wind_.first_exceed(mx, my, gf, cap), kPole, i, static_cast<std::uint32_t>(k));
      }
    }
    if (can_fail(peak, g.conductor)) {
      RandomStream rng = ctx_.stream(Purpose::kComponentCapacity, (2ULL << 48) | base);
      const double cap = lognormal(rng, g.conductor.median_mps, g.conductor.beta);
      if (cap < peak) schedule(wind_.first_exceed(mx, my, gf, cap), kConductor, i, 0);
    }
    const double contact_factor = e.conductor == Conductor::kCovered ? g.covered_contact_factor : 1.0;
    if (can_fail(peak, FragilityConfig{g.contact.median_mps * contact_factor, g.contact.beta})) {
      RandomStream rng = ctx_.stream(Purpose::kWorldContactCapacity, i);
      const double cap = contact_factor * lognormal(rng, g.contact.median_mps, g.contact.beta);
      if (cap < peak) schedule(wind_.first_exceed(mx, my, gf, cap), kContact, i, 0);
    }
    trees_at(i, x0, y0, x1, y1, cell.trees_per_km, 20.0, cell.exposure, peak);
  }
  for (std::uint32_t t = 0; t < grid_.transformers().size(); ++t) {
    const Node& n = nodes[grid_.transformers()[t].node];
    const Edge& e = grid_.edges()[n.parent_edge];
    if (e.conductor != Conductor::kBare && e.conductor != Conductor::kCovered) continue;
    const Cell& cell = area_.cells[n.cell];
    const double gf = gust_factor(cell.exposure);
    const double peak = gf * wind_.peak_sustained(n.x_m, n.y_m);
    if (!can_fail(peak, g.transformer)) continue;
    RandomStream rng = ctx_.stream(Purpose::kComponentCapacity, (3ULL << 48) | t);
    const double cap = lognormal(rng, g.transformer.median_mps, g.transformer.beta);
    if (cap < peak) schedule(wind_.first_exceed(n.x_m, n.y_m, gf, cap), kTransformerUnit, t, 0);
  }
  for (std::uint32_t l = 0; l < roads_.links().size(); ++l) {
    const RoadLink& link = roads_.links()[l];
    const Junction& a = roads_.junctions()[link.a];
    const Junction& b = roads_.junctions()[link.b];
    const Cell& cell = area_.at(0.5 * (a.x_m + b.x_m), 0.5 * (a.y_m + b.y_m));
    const double peak = gust_factor(cell.exposure) * wind_.peak_sustained(0.5 * (a.x_m + b.x_m), 0.5 * (a.y_m + b.y_m));
    trees_at((1ULL << 40) | l, a.x_m, a.y_m, b.x_m, b.y_m, cell.trees_per_km, 15.0, cell.exposure, peak);
  }
}

std::uint32_t World::new_fault(Time t, FaultCause cause, std::uint32_t edge, double x, double y) {
  Fault f;
  f.id = static_cast<std::uint32_t>(faults_.size());
  f.cause = cause;
  f.edge = edge;
  f.x_m = static_cast<float>(x);
  f.y_m = static_cast<float>(y);
  f.terrain = area_.at(x, y).terrain;
  if (f.terrain == Terrain::kWater) f.terrain = Terrain::kRemote;
  f.occurred = t;
  f.needs_tree = cause == FaultCause::kTreeOnLine;
  RandomStream rng = ctx_.stream(Purpose::kRepair, f.id);
  const CrewsConfig& c = cfg_.crews;
  const DurationConfig* d = &c.repair_conductor;
  switch (cause) {
    case FaultCause::kBrokenPole: d = &c.repair_pole; break;
    case FaultCause::kTreeOnLine: d = &c.repair_tree_line; break;
    case FaultCause::kTransformer: d = &c.repair_transformer; break;
    case FaultCause::kBlownFuse: d = &c.repair_fuse; break;
    default: break;
  }
  f.repair_ms = static_cast<Time>(lognormal(rng, d->median_h, d->beta) * static_cast<double>(kHour));
  if (f.needs_tree)
    f.tree_ms = static_cast<Time>(lognormal(rng, c.repair_tree_clearing.median_h, c.repair_tree_clearing.beta) *
                                  static_cast<double>(kHour));
  if (edge != kNoId) {
    f.next_on_edge = edge_faults_[edge];
    edge_faults_[edge] = f.id;
  }
  faults_.push_back(f);
  ++faults_by_cause_[static_cast<int>(cause)];
  RepairRecord r;
  r.fault_id = f.id;
  r.cause = cause;
  r.terrain = f.terrain;
  r.occurred = t;
  r.x_m = f.x_m;
  r.y_m = f.y_m;
  repairs_.push_back(r);
  return f.id;
}

void World::on_failure(Time t, std::uint16_t kind, std::uint32_t id, std::uint32_t) {
  SupplyChanges ch;
  const auto& nodes = grid_.nodes();
  auto line_fault = [&](FaultCause cause, std::uint32_t edge, double x, double y) {
    const std::uint32_t f = new_fault(t, cause, edge, x, y);
    grid_.add_fault(edge, ch);
    faults_[f].tripped = ch.tripped.empty() ? kNoId : ch.tripped.front();
    apply_changes(t, ch, faults_[f].tripped, cause);
    repairs_[f].customers = last_lost_;
    repairs_[f].important = last_lost_important_;
    for (std::size_t i = 0; i < ch.tripped.size(); ++i) {
      after_trip(t, ch.tripped[i], cause, i == 0 ? last_lost_ : 0, i == 0 && last_lost_important_);
    }
  };
  switch (kind) {
    case kPole:
    case kConductor: {
      const Edge& e = grid_.edges()[id];
      const double x = 0.5 * (nodes[e.child].x_m + nodes[e.parent].x_m), y = 0.5 * (nodes[e.child].y_m + nodes[e.parent].y_m);
      line_fault(kind == kPole ? FaultCause::kBrokenPole : FaultCause::kConductorDown, id, x, y);
      break;
    }
    case kTransformerUnit: {
      const Transformer& tr = grid_.transformers()[id];
      if (tr.faulted) break;
      const Node& n = nodes[tr.node];
      const std::uint32_t f = new_fault(t, FaultCause::kTransformer, kNoId, n.x_m, n.y_m);
      faults_[f].transformer = id;
      faults_[f].device = tr.fuse;
      faults_[f].tripped = tr.fuse;
      grid_.fault_transformer(id, ch);
      apply_changes(t, ch, tr.fuse, FaultCause::kTransformer);
      repairs_[f].customers = last_lost_;
      repairs_[f].important = last_lost_important_;
      after_trip(t, tr.fuse, FaultCause::kTransformer, last_lost_, last_lost_important_);
      if (!grid_.supplied(id) && last_lost_ == 0) {
        // Already dead: found by the patrol of the section above it.
      }
      break;
    }
    case kContact: {
      const Edge& e = grid_.edges()[id];
      if (e.faults > 0) break;
      const std::uint32_t d = grid_.protecting_device(id);
      if (d == kNoId) break;
      if (grid_.devices()[d].type == DeviceType::kFuse) {
        const Edge& fe = grid_.edges()[grid_.devices()[d].edge];
        const std::uint32_t f = new_fault(t, FaultCause::kBlownFuse, kNoId, nodes[fe.child].x_m, nodes[fe.child].y_m);
        faults_[f].device = d;
        grid_.operate(d, false, ch);
        apply_changes(t, ch, d, FaultCause::kBlownFuse);
        repairs_[f].customers = last_lost_;
        repairs_[f].important = last_lost_important_;
        after_trip(t, d, FaultCause::kBlownFuse, last_lost_, last_lost_important_);
      } else {
        // The recloser (or reclosing breaker) clears the temporary fault: a momentary interruption.
        ++momentary_events_;
        ledger_.momentary(grid_.customers_below_energised(d));
      }
      break;
    }
    case kTree: {
      const Tree& tree = trees_[id];
      ++trees_down_;
      const double toward = typhoon_->wind_at(t, tree.x_m, tree.y_m, tree.exposure).toward_rad + tree.spread_rad;
      SegmentHits hits;
      geometry_->fallen_tree(tree.x_m, tree.y_m, toward, tree.height_m, hits);
      for (std::uint32_t edge : hits.spans) {
        ch.clear();
        line_fault(FaultCause::kTreeOnLine, edge, tree.x_m, tree.y_m);
      }
      for (std::uint32_t link : hits.roads) {
        RoadLink& l = roads_.links()[link];
        RandomStream rng = ctx_.stream(Purpose::kWorldRoadClearing, (static_cast<std::uint64_t>(link) << 20) | (trees_down_ & 0xfffff));
        const Time until = t + static_cast<Time>(lognormal(rng, cfg_.crews.road_clear_median_h, 0.5) * static_cast<double>(kHour));
        if (l.blocked_until <= t) ++roads_blocked_;
        if (until > l.blocked_until) {
          l.blocked_until = until;
          ctx_.queue.schedule(until, Event{events::kRoadCleared, 0, link, 0, 0});
        }
      }
      break;
    }
    default: break;
  }
}

bool World::fault_section_supplied(const Fault& f) const {
  if (f.transformer != kNoId) return grid_.supplied(f.transformer);
  if (f.edge != kNoId) return grid_.energised(grid_.edges()[f.edge].child);
  if (f.device != kNoId) return grid_.energised(grid_.edges()[grid_.devices()[f.device].edge].child);
  return false;
}

void World::apply_changes(Time t, const SupplyChanges& ch, std::uint32_t device, FaultCause cause) {
  last_lost_ = 0;
  last_lost_important_ = false;
  const auto& trs = grid_.transformers();
  if (!ch.lost.empty()) {
    scratch_customers_.clear();
    for (std::uint32_t tr : ch.lost) {
      const std::uint32_t n = ledger_.lost(tr, t);
      if (n == 0) continue;
      last_lost_ += n;
      if (trs[tr].important) last_lost_important_ = true;
      for (std::uint32_t k = 0; k < n; ++k) scratch_customers_.push_back(trs[tr].first_customer + k);
    }
    if (ledger_.customers_out() > peak_out_) {
      peak_out_ = ledger_.customers_out();
      peak_time_ = t;
    }
    if (listener_ && !scratch_customers_.empty()) listener_->on_customers_interrupted(t, scratch_customers_, device, cause);
  }
  if (!ch.gained.empty()) {
    scratch_customers_.clear();
    for (std::uint32_t tr : ch.gained) {
      const std::uint32_t n = ledger_.restored(tr, t);
      for (std::uint32_t k = 0; k < n; ++k) scratch_customers_.push_back(trs[tr].first_customer + k);
    }
    if (listener_ && !scratch_customers_.empty()) listener_->on_customers_restored(t, scratch_customers_);
    // Repaired faults whose customers are all back.
    std::erase_if(unrestored_, [&](std::uint32_t fid) {
      const bool back = fault_section_supplied(faults_[fid]);
      if (back) repairs_[fid].restored = t;
      return back;
    });
  }
}

void World::after_trip(Time t, std::uint32_t d, FaultCause cause, std::uint32_t customers, bool important) {
  OpenDevice& o = open_[d];
  o = OpenDevice{};
  o.opened = t;
  o.tripped = true;
  o.cause = cause;
  o.customers = customers;
  o.important = important;
  const DeviceType type = grid_.devices()[d].type;
  if (type == DeviceType::kBreaker || type == DeviceType::kRecloser) {
    o.detected = t;  // SCADA
  } else {
    RandomStream rng = ctx_.stream(Purpose::kWorldFaultDetection, (static_cast<std::uint64_t>(d) << 24) | faults_.size());
    o.detected = t + static_cast<Time>(exponential(rng, 20.0) * static_cast<double>(kMinute)) + kMinute;
    ctx_.queue.schedule(o.detected, Event{events::kDetect, 0, d, 0, 0});
  }
  // The fault that caused this trip is reported when the trip is detected.
  if (!faults_.empty() && repairs_.back().reported == kNever && faults_.back().occurred == t) repairs_.back().reported = o.detected;
  open_ids_.insert(std::lower_bound(open_ids_.begin(), open_ids_.end(), d), d);
  if (o.detected == t) request_dispatch(t);
}

// ================================================================ regions and restoration

void World::region_faults(std::uint32_t device, std::vector<std::uint32_t>& out) const {
  out.clear();
  std::vector<std::uint32_t> nodes;
  grid_.dead_region(device, nodes);
  auto add_edge = [&](std::uint32_t edge) {
    for (std::uint32_t f = edge_faults_[edge]; f != kNoId; f = faults_[f].next_on_edge)
      if (faults_[f].repaired == kNever) out.push_back(f);
  };
  const Device& d = grid_.devices()[device];
  if (d.edge != kNoId) add_edge(d.edge);
  for (std::uint32_t n : nodes) {
    const Node& node = grid_.nodes()[n];
    if (node.parent_edge != kNoId) add_edge(node.parent_edge);
  }
  for (std::uint32_t f : live_faults_)
    if (faults_[f].device == device) out.push_back(f);
  for (std::size_t f = 0; f < faults_.size(); ++f)
    if (faults_[f].device == device && faults_[f].found == kNever && faults_[f].repaired == kNever) out.push_back(static_cast<std::uint32_t>(f));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

double World::region_km(std::uint32_t device) const {
  std::vector<std::uint32_t> nodes;
  grid_.dead_region(device, nodes);
  double m = 0;
  for (std::uint32_t n : nodes)
    if (grid_.nodes()[n].parent_edge != kNoId) m += grid_.edges()[grid_.nodes()[n].parent_edge].length_m;
  return m / 1000;
}

bool World::region_has_known_fault(std::uint32_t device) const {
  std::vector<std::uint32_t> fs;
  region_faults(device, fs);
  for (std::uint32_t f : fs)
    if (faults_[f].found != kNever && faults_[f].repaired == kNever) return true;
  return false;
}

bool World::close_device(Time t, std::uint32_t device, std::string* why) {
  SupplyChanges ch;
  if (!grid_.operate(device, true, ch, why)) return false;
  open_[device] = OpenDevice{};
  open_ids_.erase(std::remove(open_ids_.begin(), open_ids_.end(), device), open_ids_.end());
  apply_changes(t, ch, device, FaultCause::kSwitching);
  for (std::uint32_t d : ch.tripped) after_trip(t, d, FaultCause::kOther, 0, false);
  return true;
}

void World::restore_after_repair(Time t, const Fault& f) {
  if (f.device != kNoId) {
    const Device& d = grid_.devices()[f.device];
    if (!d.closed) close_device(t, f.device, nullptr);
  }
  if (f.edge == kNoId) return;
  // Open devices on the static path from the fault up to the source, top first.
  std::vector<std::uint32_t> path;
  std::uint32_t e = f.edge;
  while (e != kNoId) {
    const Edge& edge = grid_.edges()[e];
    if (edge.device != kNoId && !grid_.devices()[edge.device].closed && open_[edge.device].opened != kNever)
      path.push_back(edge.device);
    e = grid_.nodes()[edge.parent].parent_edge;
  }
  for (auto it = path.rbegin(); it != path.rend(); ++it) {
    const std::uint32_t d = *it;
    const Edge& edge = grid_.edges()[grid_.devices()[d].edge];
    if (!grid_.energised(edge.parent)) break;
    if (region_has_known_fault(d)) break;
    if (!close_device(t, d, nullptr)) break;
  }
  // Then re-close any other switched-out section of this feeder that is now safe to energise
  // (e.g. the section below a fault that was cut off to isolate it).
  const std::uint32_t feeder = grid_.nodes()[grid_.edges()[f.edge].child].feeder;
  for (bool progress = true; progress;) {
    progress = false;
    const std::vector<std::uint32_t> open = open_ids_;
    for (std::uint32_t d : open) {
      const Device& dev = grid_.devices()[d];
      if (dev.feeder != feeder || dev.edge == kNoId || dev.closed) continue;
      const OpenDevice& o = open_[d];
      if (o.tripped && !o.patrolled) continue;
      const Edge& edge = grid_.edges()[dev.edge];
      if (!grid_.energised(edge.parent) || grid_.energised(edge.child)) continue;
      if (region_has_known_fault(d)) continue;
      if (close_device(t, d, nullptr)) progress = true;
    }
  }
}

std::vector<std::uint32_t> World::open_devices() const { return open_ids_; }

// ================================================================ crews

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
  if (ctx_.automatic_dispatcher && cfg_.dispatcher.isolate_faults) isolate(t, device);
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
      if (o.opened != kNever && o.detected == t) request_dispatch(t);
      break;
    }
    case events::kDispatch:
      dispatch_pending_ = false;
      dispatch_round(t);
      break;
    default: break;
  }
}

// ================================================================ dispatcher

void World::request_dispatch(Time t) {
  if (!ctx_.automatic_dispatcher || dispatch_pending_) return;
  dispatch_pending_ = true;
  ctx_.queue.schedule(t, Event{events::kDispatch, 0, 0, 0, 0});
}

void World::isolate(Time, std::uint32_t device) {
  if (grid_.devices()[device].edge == kNoId) return;  // a transformer fuse: nothing to switch
  std::vector<std::uint32_t> fs;
  region_faults(device, fs);
  const std::uint32_t top_edge = grid_.devices()[device].edge;
  for (std::uint32_t fid : fs) {
    const Fault& f = faults_[fid];
    if (f.edge == kNoId || f.found == kNever || f.repaired != kNever) continue;
    std::uint32_t e = f.edge;
    while (e != kNoId && e != top_edge) {
      const Edge& edge = grid_.edges()[e];
      if (edge.device != kNoId) {
        const Device& d = grid_.devices()[edge.device];
        if (d.closed && d.type != DeviceType::kTie && d.type != DeviceType::kTransformerFuse) {
          Command cmd;
          cmd.kind = CommandKind::kOperateSwitch;
          cmd.target = edge.device;
          cmd.value = 0;
          cmd.text = "isolate fault " + std::to_string(fid);
          ctx_.commands.submit(cmd);
          break;
        }
        if (!d.closed) break;
      }
      e = grid_.nodes()[edge.parent].parent_edge;
    }
  }
  // Back-feed the healthy part below a main-line fault through a tie: open the first main-line
  // device below the fault, then close a tie whose end lies below it (capacity permitting).
  for (std::uint32_t fid : fs) {
    const Fault& f = faults_[fid];
    if (f.edge == kNoId || f.found == kNever || f.repaired != kNever || !grid_.edges()[f.edge].trunk) continue;
    const std::uint32_t below = grid_.edges()[f.edge].child;
    std::uint32_t cut = kNoId;
    for (std::uint32_t d2 = 0; d2 < grid_.devices().size(); ++d2) {
      const Device& dev = grid_.devices()[d2];
      if (dev.edge == kNoId || dev.type == DeviceType::kTie || dev.type == DeviceType::kFuse || !dev.closed) continue;
      const Edge& de = grid_.edges()[dev.edge];
      if (!de.trunk || de.child == below || !grid_.in_subtree(below, de.child)) continue;
      if (cut == kNoId || grid_.order(de.child) < grid_.order(grid_.edges()[grid_.devices()[cut].edge].child)) cut = d2;
    }
    if (cut == kNoId) continue;
    const std::uint32_t cut_node = grid_.edges()[grid_.devices()[cut].edge].child;
    std::uint32_t tie = kNoId;
    for (std::uint32_t d2 = 0; d2 < grid_.devices().size() && tie == kNoId; ++d2) {
      const Device& dev = grid_.devices()[d2];
      if (dev.type != DeviceType::kTie || dev.closed) continue;
      const Edge& te = grid_.edges()[dev.edge];
      if (grid_.in_subtree(cut_node, te.child) || grid_.in_subtree(cut_node, te.parent)) tie = d2;
    }
    if (tie == kNoId) continue;
    Command open_cmd;
    open_cmd.kind = CommandKind::kOperateSwitch;
    open_cmd.target = cut;
    open_cmd.value = 0;
    open_cmd.text = "isolate below fault " + std::to_string(fid);
    if (!ctx_.commands.submit(open_cmd).accepted) continue;
    if (region_has_known_fault(tie)) continue;
    Command tie_cmd;
    tie_cmd.kind = CommandKind::kOperateSwitch;
    tie_cmd.target = tie;
    tie_cmd.value = 1;
    tie_cmd.text = "back-feed through tie";
    ctx_.commands.submit(tie_cmd);
  }
  const Device& d = grid_.devices()[device];
  if (!d.closed && grid_.energised(grid_.edges()[d.edge].parent) && !region_has_known_fault(device)) {
    bool blown = false;
    for (std::uint32_t fid : fs)
      if (faults_[fid].device == device && faults_[fid].repaired == kNever) blown = true;
    if (!blown) {
      Command cmd;
      cmd.kind = CommandKind::kOperateSwitch;
      cmd.target = device;
      cmd.value = 1;
      cmd.text = "restore healthy section";
      ctx_.commands.submit(cmd);
    }
  }
}

void World::dispatch_round(Time t) {
  if (!ctx_.automatic_dispatcher) return;
  std::vector<std::uint32_t> idle;
  for (const Crew& c : crews_)
    if (c.present && c.on_shift && !c.rest_pending && c.job == JobKind::kNone) idle.push_back(c.id);
  if (idle.empty()) return;
  struct Job {
    double priority;
    JobKind kind;
    std::uint32_t target;
    double x, y;
  };
  std::vector<Job> jobs;
  const double w_imp = cfg_.dispatcher.important_weight;
  std::size_t idle_of[3] = {0, 0, 0};
  for (std::uint32_t id : idle) ++idle_of[static_cast<int>(crews_[id].type)];
  const bool want_patrol = idle_of[0] + idle_of[2] > 0, want_tree = idle_of[1] > 0, want_line = idle_of[0] > 0;
  for (std::uint32_t d : want_patrol ? open_ids_ : std::vector<std::uint32_t>{}) {
    const OpenDevice& o = open_[d];
    if (o.opened == kNever || o.detected > t || o.patrolled || o.patrol_crew != kNoId) continue;
    const Device& dev = grid_.devices()[d];
    const Node& n = grid_.nodes()[dev.edge != kNoId ? grid_.edges()[dev.edge].child : grid_.transformers()[dev.transformer].node];
    jobs.push_back({(o.important ? w_imp : 0) + o.customers + 1, JobKind::kPatrol, d, n.x_m, n.y_m});
  }
  for (std::uint32_t fid : live_faults_) {
    const Fault& f = faults_[fid];
    const double value = (f.important_hint ? w_imp : 0) + f.customers_hint + 1;
    if (want_tree && f.needs_tree && f.tree_cleared == kNever && f.tree_crew == kNoId)
      jobs.push_back({value / (to_hours(f.tree_ms) + 0.5), JobKind::kTree, fid, f.x_m, f.y_m});
    // A line crew goes to a tree fault once the tree crew is at work there, not to wait idle.
    const bool tree_done_soon = f.tree_crew != kNoId && crews_[f.tree_crew].activity == Activity::kRepair &&
                                crews_[f.tree_crew].since + f.tree_ms - t <= 45 * kMinute;
    if (want_line && f.line_crew == kNoId && (!f.needs_tree || f.tree_cleared != kNever || tree_done_soon))
      jobs.push_back({value / (to_hours(f.repair_ms) + 0.5), JobKind::kRepair, fid, f.x_m, f.y_m});
  }
  // Only the best few jobs can be served this round: each idle crew takes at most one.
  const std::size_t keep = std::min(jobs.size(), 3 * idle.size() + 8);
  std::partial_sort(jobs.begin(), jobs.begin() + static_cast<std::ptrdiff_t>(keep), jobs.end(), [](const Job& a, const Job& b) {
    if (a.priority != b.priority) return a.priority > b.priority;
    if (a.kind != b.kind) return a.kind < b.kind;
    return a.target < b.target;
  });
  jobs.resize(keep);
  for (const Job& job : jobs) {
    if (idle.empty()) break;
    auto pick = [&](CrewType type) {
      std::size_t best = idle.size();
      double best_d = 1e300;
      for (std::size_t i = 0; i < idle.size(); ++i) {
        const Crew& c = crews_[idle[i]];
        if (c.type != type) continue;
        const double d = std::hypot(c.x_m - job.x, c.y_m - job.y);
        if (d < best_d) {
          best_d = d;
          best = i;
        }
      }
      return best;
    };
    std::size_t k = idle.size();
    Command cmd;
    if (job.kind == JobKind::kPatrol) {
      k = pick(CrewType::kAssessment);
      if (k == idle.size()) k = pick(CrewType::kLine);
      cmd.kind = CommandKind::kPatrol;
    } else if (job.kind == JobKind::kTree) {
      k = pick(CrewType::kTree);
      cmd.kind = CommandKind::kAssignCrew;
    } else {
      k = pick(CrewType::kLine);
      cmd.kind = CommandKind::kAssignCrew;
    }
    if (k == idle.size()) continue;
    cmd.actor = idle[k];
    cmd.target = job.target;
    if (ctx_.commands.submit(cmd).accepted) idle.erase(idle.begin() + static_cast<std::ptrdiff_t>(k));
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
  auto crew_ok = [&](std::uint32_t id, std::string& why) -> Crew* {
    if (id >= crews_.size()) {
      why = "unknown crew " + std::to_string(id);
      return nullptr;
    }
    why = crew_refusal(crews_[id], t);
    return why.empty() ? &crews_[id] : nullptr;
  };
  std::string why;
  switch (cmd.kind) {
    case CommandKind::kAssignCrew: {
      Crew* c = crew_ok(cmd.actor, why);
      if (!c) return CommandResult::refused(why);
      if (cmd.target >= faults_.size()) return CommandResult::refused("unknown fault " + std::to_string(cmd.target));
      Fault& f = faults_[cmd.target];
      if (f.found == kNever) return CommandResult::refused("fault " + std::to_string(f.id) + " has not been located yet: patrol the section first");
      if (f.repaired != kNever) return CommandResult::refused("fault " + std::to_string(f.id) + " was already repaired at " + hours_text(f.repaired));
      if (c->type == CrewType::kAssessment) return CommandResult::refused("crew " + c->name + " is an assessment crew and cannot repair");
      const double km = std::hypot(c->x_m - f.x_m, c->y_m - f.y_m) / 1000;
      char ctxt[300];
      if (c->type == CrewType::kTree) {
        if (!f.needs_tree || f.tree_cleared != kNever) return CommandResult::refused(describe_fault(f) + " has no tree to clear");
        if (f.tree_crew != kNoId) return CommandResult::refused("tree crew " + crews_[f.tree_crew].name + " is already assigned to fault " + std::to_string(f.id));
        f.tree_crew = c->id;
        assign(*c, t, JobKind::kTree, f.id, f.x_m, f.y_m);
      } else {
        if (f.line_crew != kNoId) return CommandResult::refused("line crew " + crews_[f.line_crew].name + " is already assigned to fault " + std::to_string(f.id));
        f.line_crew = c->id;
        assign(*c, t, JobKind::kRepair, f.id, f.x_m, f.y_m);
      }
      std::snprintf(ctxt, sizeof ctxt, "%s; crew %s %.1f km away; %llu customers out", describe_fault(f).c_str(), c->name.c_str(), km,
                    static_cast<unsigned long long>(ledger_.customers_out()));
      return CommandResult::ok(ctxt);
    }
    case CommandKind::kPatrol: {
      Crew* c = crew_ok(cmd.actor, why);
      if (!c) return CommandResult::refused(why);
      if (c->type == CrewType::kTree) return CommandResult::refused("crew " + c->name + " is a tree crew and does not patrol");
      if (cmd.target >= grid_.devices().size()) return CommandResult::refused("unknown device " + std::to_string(cmd.target));
      const OpenDevice& o = open_[cmd.target];
      if (grid_.devices()[cmd.target].closed || o.opened == kNever)
        return CommandResult::refused("device " + grid_.device_name(cmd.target) + " is closed: nothing below it is out");
      if (o.patrol_crew != kNoId) return CommandResult::refused("crew " + crews_[o.patrol_crew].name + " is already patrolling below " + grid_.device_name(cmd.target));
      std::vector<std::uint32_t> fs;
      region_faults(cmd.target, fs);
      open_[cmd.target].patrol_crew = c->id;
      const Device& dev = grid_.devices()[cmd.target];
      const Node& n = grid_.nodes()[dev.edge != kNoId ? grid_.edges()[dev.edge].child : grid_.transformers()[dev.transformer].node];
      assign(*c, t, JobKind::kPatrol, cmd.target, n.x_m, n.y_m);
      char ctxt[300];
      std::snprintf(ctxt, sizeof ctxt, "%s open since %s, %u customers below, %.1f km of line; %zu unrepaired faults actually there",
                    grid_.device_name(cmd.target).c_str(), hours_text(o.opened).c_str(), o.customers, region_km(cmd.target), fs.size());
      return CommandResult::ok(ctxt);
    }
    case CommandKind::kOperateSwitch: {
      if (cmd.target >= grid_.devices().size()) return CommandResult::refused("unknown device " + std::to_string(cmd.target));
      const Device& d = grid_.devices()[cmd.target];
      const std::string name = grid_.device_name(cmd.target);
      const bool close = cmd.value != 0;
      if (d.closed == close) return CommandResult::refused("device " + name + " is already " + (close ? "closed" : "open"));
      if (close) {
        if (region_has_known_fault(cmd.target))
          return CommandResult::refused("closing " + name + " would energise a known unrepaired fault below it");
        const std::uint64_t before = ledger_.customers_out();
        if (!close_device(t, cmd.target, &why)) return CommandResult::refused(why);
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
      if (cmd.actor >= crews_.size()) return CommandResult::refused("unknown crew " + std::to_string(cmd.actor));
      Crew& c = crews_[cmd.actor];
      if (!c.present) return CommandResult::refused("crew " + c.name + " (mutual aid) has not arrived yet");
      if (!c.on_shift) return CommandResult::refused("crew " + c.name + " is already off shift until " + hours_text(c.rest_until));
      const std::string was = activity_name(c.activity);
      release(c);
      begin_rest(c, t);
      return CommandResult::ok("crew " + c.name + " was " + was + "; resting until " + hours_text(c.rest_until));
    }
    case CommandKind::kRequestMutualAid: {
      if (cmd.target >= cfg_.crews.mutual_aid.size())
        return CommandResult::refused("unknown mutual-aid offer " + std::to_string(cmd.target) + " (the scenario has " +
                                      std::to_string(cfg_.crews.mutual_aid.size()) + ")");
      if (aid_requested_[cmd.target]) return CommandResult::refused("mutual aid from " + cfg_.crews.mutual_aid[cmd.target].name + " was already requested");
      aid_requested_[cmd.target] = true;
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
      if (!c) return CommandResult::refused(why);
      if (cmd.target >= area_.cells.size()) return CommandResult::refused("unknown cell " + std::to_string(cmd.target));
      if (area_.cells[cmd.target].terrain == Terrain::kWater) return CommandResult::refused("cell " + std::to_string(cmd.target) + " is at sea");
      assign(*c, t, JobKind::kPreposition, cmd.target, area_.centre_x(cmd.target), area_.centre_y(cmd.target));
      char ctxt[160];
      std::snprintf(ctxt, sizeof ctxt, "crew %s moves to cell %u; wind there now %.1f m/s", c->name.c_str(), cmd.target,
                    wind_.sustained(t, area_.centre_x(cmd.target), area_.centre_y(cmd.target)));
      return CommandResult::ok(ctxt);
    }
    default: break;
  }
  return CommandResult::refused("command kind " + std::to_string(static_cast<int>(cmd.kind)) + " is not a world command");
}

// ================================================================ sampling and output

void World::sample(Time t) {
  restoration_curve_.emplace_back(to_hours(t), ledger_.customers_out());
  // Pre-position: 12 h before landfall, idle line and tree crews spread over the substations so
  // they ride out the storm close to the feeders they will restore.
  if (ctx_.automatic_dispatcher && !prepositioned_ && landfall_ != kNever && t >= landfall_ - 12 * kHour && t < landfall_) {
    prepositioned_ = true;
    std::vector<std::uint32_t> sites;
    for (const Feeder& f : grid_.feeders()) {
      const std::uint32_t cell = grid_.nodes()[f.source].cell;
      if (sites.empty() || sites.back() != cell) sites.push_back(cell);
    }
    std::uint32_t k = 0;
    for (const Crew& c : crews_) {
      if (!c.present || !c.on_shift || c.job != JobKind::kNone || c.type == CrewType::kAssessment || sites.empty()) continue;
      Command cmd;
      cmd.kind = CommandKind::kPreposition;
      cmd.actor = c.id;
      cmd.target = sites[k++ % sites.size()];
      cmd.text = "pre-position before landfall";
      ctx_.commands.submit(cmd);
    }
  }
  if (ctx_.automatic_dispatcher && !aid_requested_.empty() &&
      static_cast<double>(ledger_.customers_out()) >= cfg_.dispatcher.mutual_aid_trigger_pct / 100.0 * static_cast<double>(area_.customers.size()) &&
      ledger_.customers_out() > 0) {
    for (std::uint32_t o = 0; o < aid_requested_.size(); ++o) {
      if (aid_requested_[o]) continue;
      Command cmd;
      cmd.kind = CommandKind::kRequestMutualAid;
      cmd.target = o;
      ctx_.commands.submit(cmd);
    }
  }
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
