#include "trainer/app/interim_view.h"

#include <algorithm>

#include "sim/hotline/hotline.h"
#include "sim/simulator.h"
#include "sim/world/world.h"

namespace fl::trainer::app {

InterimControlRoom::InterimControlRoom(const Simulator& sim) : sim_(sim) {
  const world::World& w = sim.world();
  for (const world::ImportantPlace& p : w.area().important) important_.push_back(w.area().customers[p.customer]);
  refresh();
}

std::uint32_t InterimControlRoom::customers_below(std::uint32_t device) {
  if (auto it = below_cache_.find(device); it != below_cache_.end()) return it->second;
  const world::Grid& grid = sim_.world().grid();
  std::uint32_t n = 0;
  const world::Device& d = grid.devices()[device];
  if (d.type == world::DeviceType::kTransformerFuse) {
    n = grid.transformers()[d.transformer].customers;
  } else {
    for (const world::Transformer& t : grid.transformers())
      if (grid.statically_below(device, t.node)) n += t.customers;
  }
  below_cache_[device] = n;
  return n;
}

void InterimControlRoom::refresh() {
  const world::World& w = sim_.world();
  const hotline::Hotline& h = sim_.hotline();
  const world::Grid& grid = w.grid();
  now_ = sim_.now();
  // Conservative revision: anything may have changed when an event fired or a command was applied.
  const std::uint64_t key = sim_.events_fired() * 1000003ULL + sim_.command_log().size();
  if (key == content_hash_ && revision_ != 0) return;
  content_hash_ = key;
  ++revision_;

  predictions_.clear();
  for (const auto& p : h.predictions()) predictions_.push_back({p.device, p.calls, p.transformers, kNever, false});
  devices_.clear();
  for (std::uint32_t id : w.open_devices()) {
    const world::Device& d = grid.devices()[id];
    const bool scada = d.type == world::DeviceType::kBreaker || d.type == world::DeviceType::kRecloser ||
                       d.type == world::DeviceType::kSwitch;
    auto pred = std::lower_bound(predictions_.begin(), predictions_.end(), id,
                                 [](const control::CallPrediction& p, std::uint32_t dev) { return p.device < dev; });
    const bool called = pred != predictions_.end() && pred->device == id;
    if (!scada && !called) continue;
    if (called) pred->known_open = true;
    control::KnownOpenDevice k;
    k.device = id;
    k.kind = static_cast<control::DeviceKind>(d.type);
    k.feeder = d.feeder;
    const std::uint32_t node = d.edge != world::kNoId ? grid.edges()[d.edge].child : grid.transformers()[d.transformer].node;
    k.x_m = grid.nodes()[node].x_m;
    k.y_m = grid.nodes()[node].y_m;
    k.how = scada ? control::Detection::kScada : control::Detection::kCalls;
    k.tripped = d.type != world::DeviceType::kSwitch;
    k.customers_below = customers_below(id);
    devices_.push_back(k);
  }
  faults_.clear();
  for (const world::Fault& f : w.faults()) {
    if (f.found == kNever || f.repaired != kNever) continue;
    control::KnownFault k;
    k.fault = f.id;
    k.cause = f.cause;
    k.x_m = f.x_m;
    k.y_m = f.y_m;
    k.terrain = f.terrain;
    k.device = f.tripped == world::kNoId ? control::kNone : f.tripped;
    k.found_ms = f.found;
    k.needs_tree = f.needs_tree;
    k.tree_cleared = f.tree_cleared != kNever;
    k.line_crew = f.line_crew == world::kNoId ? control::kNone : f.line_crew;
    k.tree_crew = f.tree_crew == world::kNoId ? control::kNone : f.tree_crew;
    k.customers = f.customers_hint;
    k.important = f.important_hint;
    faults_.push_back(k);
  }
  crews_.clear();
  for (const world::Crew& c : w.crews()) {
    control::CrewStatus s;
    s.crew = c.id;
    s.name = c.name;
    s.kind = static_cast<control::CrewKind>(c.type);
    s.mutual_aid = c.mutual_aid;
    s.present = c.present;
    s.x_m = static_cast<float>(c.x_m);
    s.y_m = static_cast<float>(c.y_m);
    s.activity = static_cast<control::CrewActivity>(c.activity);
    s.since_ms = c.since;
    s.job = static_cast<control::CrewJob>(c.job);
    s.target = c.target == world::kNoId ? control::kNone : c.target;
    s.dest_x_m = static_cast<float>(c.dest_x);
    s.dest_y_m = static_cast<float>(c.dest_y);
    s.on_shift = c.on_shift;
    s.rest_pending = c.rest_pending;
    s.rest_until_ms = c.on_shift ? kNever : c.rest_until;
    crews_.push_back(s);
  }
  blockages_.clear();
  const world::Roads& roads = w.roads();
  for (std::uint32_t i = 0; i < roads.links().size(); ++i) {
    const world::RoadLink& l = roads.links()[i];
    if (!l.known || l.blocked_until <= now_) continue;
    blockages_.push_back({i, roads.junctions()[l.a].x_m, roads.junctions()[l.a].y_m, roads.junctions()[l.b].x_m,
                          roads.junctions()[l.b].y_m});
  }
  aid_.clear();
  const auto& offers = sim_.scenario().world.crews.mutual_aid;
  for (std::uint32_t i = 0; i < offers.size(); ++i) {
    control::MutualAidStatus a;
    a.offer = i;
    a.name = offers[i].name;
    a.line_crews = offers[i].line_crews;
    a.tree_crews = offers[i].tree_crews;
    a.lead_time_ms = static_cast<Time>(offers[i].lead_time_h * static_cast<double>(kHour));
    for (const LoggedCommand& lc : sim_.command_log())
      if (lc.command.kind == CommandKind::kRequestMutualAid && lc.command.target == i && lc.result.accepted) {
        a.requested = true;
        a.expected_arrival_ms = lc.command.time + a.lead_time_ms;
        a.arrived = now_ >= a.expected_arrival_ms;
      }
    aid_.push_back(a);
  }
  // Forecast: the track ahead every 6 h, cone growing ~70 km per day of lead time.
  forecast_.clear();
  storm_ = {};
  if (const world::Typhoon* t = w.typhoon()) {
    storm_.typhoon = true;
    storm_.forecast_landfall_ms = w.landfall();
    const Time end = static_cast<Time>(t->config().track.back().time_h * static_cast<double>(kHour));
    const Time issued = now_ - now_ % (6 * kHour);
    storm_.forecast_issued_ms = issued;
    for (Time at = issued; at <= std::min(end, issued + 72 * kHour); at += 6 * kHour) {
      const world::EyeState e = t->eye_at(at);
      forecast_.push_back({at, static_cast<float>(e.x_m), static_cast<float>(e.y_m),
                           static_cast<float>(70000.0 * to_hours(at - issued) / 24.0)});
    }
  }
  board_ = {};
  board_.queue_length = static_cast<std::uint32_t>(h.queue_length());
  board_.agents_staffed = h.agents_staffed();
  board_.agents_busy = h.agents_busy();
  board_.calls_offered = h.totals().offered;
  board_.calls_answered = h.totals().answered;
  board_.calls_abandoned = h.totals().abandoned;
  orders_.clear();
  for (const hotline::WorkOrder& o : h.work_orders()) {
    if (o.resolved != kNever) continue;
    orders_.push_back({o.id, static_cast<std::uint8_t>(o.type), o.customer == UINT32_MAX ? control::kNone : o.customer, o.opened,
                       o.first_due, o.final_due, o.on_site != kNever, o.overdue, o.urgings});
  }
  published_.clear();
  for (const LoggedCommand& lc : sim_.command_log())
    if (lc.command.kind == CommandKind::kPublishOutage && lc.result.accepted) {
      auto it = std::find_if(published_.begin(), published_.end(),
                             [&](const control::PublishedOutage& p) { return p.device == lc.command.target; });
      if (it == published_.end()) {
        published_.push_back({lc.command.target, lc.command.time, lc.command.value, 0, false});
      } else {
        it->etr_ms = lc.command.value;
        ++it->revisions;
      }
    }
  std::sort(published_.begin(), published_.end(), [](auto& a, auto& b) { return a.device < b.device; });
  for (auto& p : published_) p.etr_passed = p.etr_ms < now_;

}

std::uint64_t InterimControlRoom::known_customers_out() const {
  std::uint64_t n = 0;
  for (const control::KnownOpenDevice& d : devices_) n += d.customers_below;
  return n;
}

std::uint64_t InterimControlRoom::customers_served() const { return sim_.world().customers_served(); }

control::TruthForDebrief InterimControlRoom::truth_for_debrief() const {
  control::TruthForDebrief t;
  t.customers_out = sim_.world().customers_out();
  for (const world::Fault& f : sim_.world().faults())
    if (f.found == kNever && f.repaired == kNever && f.occurred != kNever) ++t.unfound_faults;
  t.undetected_open_devices = static_cast<std::uint32_t>(sim_.world().open_devices().size() - devices_.size());
  return t;
}

}  // namespace fl::trainer::app
