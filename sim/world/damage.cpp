#include "sim/world/world.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/core/random.h"
#include "sim/scenario/scenario.h"
#include "sim/world/world_internal.h"

namespace fl::world {

using namespace internal;

// Damage: every component's capacity is drawn once from its own stream (common random numbers);
// its load follows the wind where it stands, lattice step by lattice step, and a failure is
// scheduled when the load first reaches the capacity. Model and sources: scenarios/docs/typhoon.md.

namespace {

/// Wind-load multipliers of a span for the 3-s gust: the load grows with V² and with the span
/// length, and only the wind component across the span loads the conductors (IEC 60826 style
/// cos²/sin² rule). The angle term never drops below sin²(20°): gust directions swing about the mean.
constexpr double kMinCross = 0.117;  // sin²(20°)

/// Steps with their effective loads, for first-crossing search.
struct Series {
  std::vector<double> gust, pole, conductor;
  int first = 0;
  double peak_gust = 0, peak_pole = 0, peak_conductor = 0;
};

/// First time the series `v` (step values from `first`) reaches `capacity`, interpolated
/// linearly between steps; kNever if it never does.
Time first_crossing(const WindField& wind, const std::vector<double>& v, int first, double capacity) {
  for (std::size_t k = 0; k < v.size(); ++k) {
    if (v[k] < capacity) continue;
    if (k == 0) return wind.step_time(first);
    const double frac = (capacity - v[k - 1]) / std::max(1e-9, v[k] - v[k - 1]);
    return wind.step_time(first + static_cast<int>(k) - 1) + static_cast<Time>(frac * static_cast<double>(wind.step()));
  }
  return kNever;
}

}  // namespace

void World::precompute_failures() {
  if (wind_.calm()) return;
  const GridConfig& g = cfg_.grid;
  const auto& nodes = grid_.nodes();
  auto schedule = [&](Time t, std::uint16_t kind, std::uint32_t id, std::uint32_t index) {
    if (t == kNever || t > end_) return;
    ctx_.queue.schedule(std::max<Time>(t, 0), Event{events::kFailure, kind, id, index, 0});
  };
  // Pole age classes: shares normalised to a cumulative table.
  std::vector<double> age_cdf;
  double share_sum = 0;
  for (const PoleAgeClassConfig& a : g.pole_ages) share_sum += a.share_pct;
  for (const PoleAgeClassConfig& a : g.pole_ages) age_cdf.push_back((age_cdf.empty() ? 0.0 : age_cdf.back()) + a.share_pct / share_sum);
  double weakest = 1e9;  // a capacity below median*exp(-5 beta) has probability 3e-7
  for (const PoleAgeClassConfig& a : g.pole_ages) weakest = std::min(weakest, a.median_mps * std::exp(-5 * a.beta));
  weakest = std::min({weakest, g.conductor.median_mps * std::exp(-5 * g.conductor.beta),
                      g.contact.median_mps * std::exp(-5 * g.contact.beta), 20.0 /* trees */});
  const double own = g.pole_own_load_pct / 100;
  Series series;
  // Fills `series` for a site; `dx, dy` the span's unit direction and `span_ratio` its length over
  // the reference span (0, 0: no direction, e.g. a road's trees only use the gust).
  auto fill = [&](const WindSite& site, double dx, double dy, double span_ratio) {
    series.gust.clear();
    series.pole.clear();
    series.conductor.clear();
    series.first = site.first_step;
    series.peak_gust = series.peak_pole = series.peak_conductor = 0;
    for (int s = site.first_step; s <= site.last_step; ++s) {
      const SiteWind w = wind_.at(s, site);
      const double cross = dx * w.toward_y - dy * w.toward_x;
      const double across = std::max(kMinCross, cross * cross);
      const double pole = w.gust_mps * std::sqrt(own + (1 - own) * across * span_ratio);
      const double conductor = w.gust_mps * std::sqrt(across * span_ratio);
      series.gust.push_back(w.gust_mps);
      series.pole.push_back(pole);
      series.conductor.push_back(conductor);
      series.peak_gust = std::max(series.peak_gust, w.gust_mps);
      series.peak_pole = std::max(series.peak_pole, pole);
      series.peak_conductor = std::max(series.peak_conductor, conductor);
    }
  };
  auto trees_at = [&](std::uint64_t source, double x0, double y0, double x1, double y1, double per_km, double max_offset,
                      Exposure exposure, bool have_series, const WindSite& site) {
    const double len = std::hypot(x1 - x0, y1 - y0);
    if (per_km <= 0 || len <= 0) return;
    RandomStream place = ctx_.stream(Purpose::kWorldTreePlacement, source);
    const std::uint64_t n = poisson(place, per_km * len / 1000);
    if (n == 0) return;
    if (!have_series) fill(site, 0, 0, 0);
    if (series.peak_gust < 20.0) return;
    const double ux = (x1 - x0) / len, uy = (y1 - y0) / len;
    for (std::uint64_t k = 0; k < n; ++k) {
      RandomStream rng = ctx_.stream(Purpose::kTreeFall, (source << 12) | k);
      const double height = std::clamp(lognormal(rng, cfg_.area.tree_height_median_m, cfg_.area.tree_height_beta), 4.0, 40.0);
      const double u = rng.uniform01();
      if (tree_failure_probability(height, series.peak_gust) <= u) continue;
      // Capacity: the gust at which this tree's failure probability reaches its draw u.
      double lo = 20, hi = series.peak_gust;
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
      const Time t = first_crossing(wind_, series.gust, series.first, hi);
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
    const Cell& cell = area_.at(mx, my);
    const WindSite site = wind_.site(mx, my);
    const double len = std::max(1.0, static_cast<double>(e.length_m));
    const int spans = std::max(1, static_cast<int>(std::lround(len / g.pole_span_m)));
    const double span_ratio = len / spans / g.reference_span_m;
    const double bound = wind_.peak_gust_bound(site) * std::sqrt(std::max(1.0, span_ratio));
    const bool exposed = bound >= weakest;
    if (exposed) fill(site, (x1 - x0) / len, (y1 - y0) / len, span_ratio);
    const std::uint64_t base = static_cast<std::uint64_t>(i) << 8;
    if (exposed) {
      for (int k = 0; k < spans; ++k) {
        // A pole: its age class, then its capacity, from its own stream.
        RandomStream rng = ctx_.stream(Purpose::kComponentCapacity, (1ULL << 48) | base | static_cast<std::uint64_t>(k));
        const double a = rng.uniform01();
        std::size_t cls = 0;
        while (cls + 1 < age_cdf.size() && a >= age_cdf[cls]) ++cls;
        const double cap = lognormal(rng, g.pole_ages[cls].median_mps, g.pole_ages[cls].beta);
        if (cap < series.peak_pole) schedule(first_crossing(wind_, series.pole, series.first, cap), kPole, i, static_cast<std::uint32_t>(k));
        // The span's conductors and crossarm.
        RandomStream crng = ctx_.stream(Purpose::kComponentCapacity, (2ULL << 48) | base | static_cast<std::uint64_t>(k));
        const double ccap = lognormal(crng, g.conductor.median_mps, g.conductor.beta);
        if (ccap < series.peak_conductor)
          schedule(first_crossing(wind_, series.conductor, series.first, ccap), kConductor, i, static_cast<std::uint32_t>(k));
      }
      const double contact_factor = e.conductor == Conductor::kCovered ? g.covered_contact_factor : 1.0;
      RandomStream rng = ctx_.stream(Purpose::kWorldContactCapacity, i);
      const double cap = contact_factor * lognormal(rng, g.contact.median_mps, g.contact.beta);
      if (cap < series.peak_conductor) schedule(first_crossing(wind_, series.conductor, series.first, cap), kContact, i, 0);
    }
    trees_at(i, x0, y0, x1, y1, cell.trees_per_km, 20.0, cell.exposure, exposed, site);
  }
  for (std::uint32_t t = 0; t < grid_.transformers().size(); ++t) {
    const Node& n = nodes[grid_.transformers()[t].node];
    const Edge& e = grid_.edges()[n.parent_edge];
    if (e.conductor != Conductor::kBare && e.conductor != Conductor::kCovered) continue;
    const WindSite site = wind_.site(n.x_m, n.y_m);
    if (wind_.peak_gust_bound(site) < g.transformer.median_mps * std::exp(-5 * g.transformer.beta)) continue;
    RandomStream rng = ctx_.stream(Purpose::kComponentCapacity, (3ULL << 48) | t);
    const double cap = lognormal(rng, g.transformer.median_mps, g.transformer.beta);
    if (cap >= wind_.peak_gust_bound(site)) continue;
    fill(site, 0, 0, 0);
    if (cap < series.peak_gust) schedule(first_crossing(wind_, series.gust, series.first, cap), kTransformerUnit, t, 0);
  }
  for (std::uint32_t l = 0; l < roads_.links().size(); ++l) {
    const RoadLink& link = roads_.links()[l];
    const Junction& a = roads_.junctions()[link.a];
    const Junction& b = roads_.junctions()[link.b];
    const double mx = 0.5 * (a.x_m + b.x_m), my = 0.5 * (a.y_m + b.y_m);
    const Cell& cell = area_.at(mx, my);
    const WindSite site = wind_.site(mx, my);
    if (wind_.peak_gust_bound(site) < 20.0) continue;
    trees_at((1ULL << 40) | l, a.x_m, a.y_m, b.x_m, b.y_m, cell.trees_per_km, 15.0, cell.exposure, false, site);
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
    // Damage in a section already dead trips nothing: a patrol still to pass finds it, otherwise
    // calls from the public report it after a while (crews.cpp, on_damage_report).
    if (ch.tripped.empty() && !patrol_notice_fault(t, edge)) {
      RandomStream rng = ctx_.stream(Purpose::kWorldDamageReport, f);
      const Time delay = static_cast<Time>(exponential(rng, cfg_.crews.damage_report_delay_min) * static_cast<double>(kMinute));
      ctx_.queue.schedule(t + kMinute + delay, Event{events::kDamageReport, 0, f, 0, 0});
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

}  // namespace fl::world
