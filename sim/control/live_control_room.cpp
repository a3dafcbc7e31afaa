#include "sim/control/live_control_room.h"

#include <algorithm>
#include <cmath>

#include "sim/hotline/hotline.h"
#include "sim/scenario/scenario.h"
#include "sim/world/world.h"

namespace fl::control {

namespace {

using world::kNoId;

static_assert(static_cast<int>(world::DeviceType::kTransformerFuse) == static_cast<int>(DeviceKind::kTransformerFuse));
static_assert(static_cast<int>(world::Activity::kWait) == static_cast<int>(CrewActivity::kWait));
static_assert(static_cast<int>(world::JobKind::kPreposition) == static_cast<int>(CrewJob::kPreposition));
static_assert(static_cast<int>(world::CrewType::kAssessment) == static_cast<int>(CrewKind::kAssessment));
static_assert(static_cast<int>(world::WarningLevel::kRed) == static_cast<int>(Warning::kRed));

constexpr Time kAdvisoryInterval = 6 * kHour;   // CMA issues typhoon advisories every 6 h (3 h near landfall)
constexpr Time kForecastHorizon = 72 * kHour;
constexpr Time kForecastStep = 6 * kHour;

std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
  h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  return h * 0x100000001b3ULL;
}
std::uint64_t fbits(double v) {
  std::uint64_t b = 0;
  static_assert(sizeof b == sizeof v);
  __builtin_memcpy(&b, &v, sizeof b);
  return b;
}

Importance tier_of(ImportantKind k) {
  switch (k) {
    case ImportantKind::kHospital:
    case ImportantKind::kLifeSupport: return Importance::kLifeCritical;
    case ImportantKind::kWaterWorks: return Importance::kWaterWorks;
    case ImportantKind::kGovernment: return Importance::kGovernment;
    case ImportantKind::kNone: break;
  }
  return Importance::kOrdinary;
}

Time hours_ms(double h) { return static_cast<Time>(std::llround(h * static_cast<double>(kHour))); }

}  // namespace

double forecast_cone_radius_m(Time lead_ms) { return 30000.0 + 2500.0 * to_hours(std::max<Time>(lead_ms, 0)); }

RepairClass repair_class_of(FaultCause cause) {
  switch (cause) {
    case FaultCause::kBrokenPole: return RepairClass::kPole;
    case FaultCause::kConductorDown: return RepairClass::kConductor;
    case FaultCause::kTreeOnLine: return RepairClass::kTreeOnLine;
    case FaultCause::kTransformer: return RepairClass::kTransformer;
    case FaultCause::kBlownFuse: return RepairClass::kFuse;
    default: break;
  }
  return RepairClass::kOther;
}

Time median_repair_ms(const Scenario& scenario, RepairClass c) {
  const world::CrewsConfig& k = scenario.world.crews;
  switch (c) {
    case RepairClass::kPole: return hours_ms(k.repair_pole.median_h);
    case RepairClass::kConductor: return hours_ms(k.repair_conductor.median_h);
    case RepairClass::kTreeOnLine: return hours_ms(k.repair_tree_line.median_h);
    case RepairClass::kTransformer: return hours_ms(k.repair_transformer.median_h);
    case RepairClass::kFuse: return hours_ms(k.repair_fuse.median_h);
    case RepairClass::kOther: break;
  }
  return hours_ms(k.repair_conductor.median_h);
}

LiveControlRoom::LiveControlRoom(const SimContext& ctx, const world::World* world, const hotline::Hotline* hotline)
    : ctx_(ctx), world_(world), hotline_(hotline) {
  for (int c = 0; c < 6; ++c) repair_median_ms_[c] = median_repair_ms(ctx_.scenario, static_cast<RepairClass>(c));
  tree_median_ms_ = hours_ms(ctx_.scenario.world.crews.repair_tree_clearing.median_h);
  if (!world_) return;
  for (const CustomerRecord& c : world_->customers())
    if (c.important != ImportantKind::kNone) {
      important_.push_back(c);
      important_tier_.push_back(tier_of(c.important));
    }
  const world::Grid& g = world_->grid();
  for (const world::Feeder& f : g.feeders()) {
    const std::uint32_t cell = g.nodes()[f.source].cell;
    if (staging_.empty() || staging_.back() != cell) staging_.push_back(cell);
  }
}

LiveControlRoom::~LiveControlRoom() = default;

Time LiveControlRoom::now() const { return ctx_.queue.now(); }

std::uint64_t LiveControlRoom::key_of(Section s) const {
  switch (s) {
    case kDevices:
    case kFaults: {
      // Devices known through calls (predictions) come from the hotline; the rest is the world's.
      const std::uint64_t predicted = hotline_ ? hotline_->predicted_count() : 0;
      return mix(world_epoch_, predicted);
    }
    case kPredictions: return mix(key_of(kDevices), hotline_ ? hotline_->predictions_revision() : 0);
    case kCrews:
    case kAid: return world_epoch_;
    default: return epoch_;
  }
}

bool LiveControlRoom::stale(Section s) const {
  const std::uint64_t key = key_of(s);
  if (built_[s] == key) return false;
  built_[s] = key;
  return true;
}

std::uint32_t LiveControlRoom::device_edge_at_or_above(std::uint32_t edge) const {
  const world::Grid& g = world_->grid();
  if (device_edge_above_.size() != g.edges().size()) device_edge_above_.assign(g.edges().size(), kUnknownEdge);
  // The normal tree never changes: memoise, for each edge, the nearest edge at or above it that
  // carries a device, so walks up a feeder jump from device to device.
  std::uint32_t e = edge;
  std::vector<std::uint32_t> path;
  while (e != kNoId && device_edge_above_[e] == kUnknownEdge) {
    if (g.edges()[e].device != kNoId) {
      device_edge_above_[e] = e;
      break;
    }
    path.push_back(e);
    e = g.nodes()[g.edges()[e].parent].parent_edge;
  }
  const std::uint32_t found = e == kNoId ? kNoId : device_edge_above_[e];
  for (std::uint32_t p : path) device_edge_above_[p] = found;
  return edge == kNoId ? kNoId : device_edge_above_[edge];
}

std::uint32_t LiveControlRoom::device_above(std::uint32_t device) const {
  const world::Grid& g = world_->grid();
  if (device_above_.empty()) {
    // The normal tree never changes: each line device's next device up, found once.
    device_above_.assign(g.devices().size(), kNoneId);
    for (std::uint32_t d = 0; d < g.devices().size(); ++d) {
      const world::Device& dev = g.devices()[d];
      if (dev.edge == kNoId) continue;
      const std::uint32_t e = device_edge_at_or_above(g.nodes()[g.edges()[dev.edge].parent].parent_edge);
      if (e != kNoId) device_above_[d] = g.edges()[e].device;
    }
  }
  return device_above_[device];
}

std::uint32_t LiveControlRoom::section_device_of_edge(std::uint32_t edge) const {
  const world::Grid& g = world_->grid();
  const std::uint32_t e = device_edge_at_or_above(edge);
  std::uint32_t d = e == kNoId ? kNoneId : g.edges()[e].device;
  while (d != kNoneId && g.devices()[d].closed) d = device_above(d);
  return d;
}

std::uint32_t LiveControlRoom::nearest_open(std::uint32_t node) const {
  // The line devices whose normal subtree holds `node` are exactly those on its path to the
  // source, so the deepest open one is the first open one met walking up that path, device to
  // device (memoised jumps; a feeder is a handful of devices deep). No sort of the open devices.
  const world::Grid& g = world_->grid();
  const std::uint32_t e = device_edge_at_or_above(g.nodes()[node].parent_edge);
  std::uint32_t d = e == kNoId ? kNoneId : g.edges()[e].device;
  while (d != kNoneId && (g.devices()[d].closed || open_mark_[d] != open_mark_stamp_)) d = device_above(d);
  return d;
}

std::uint32_t LiveControlRoom::known_open_at_or_above(std::uint32_t device) const {
  if (!world_) return kNoneId;
  build_devices();  // refreshes topology_key_
  if (device >= behind_.size()) return known_open_at_or_above_uncached(device);
  if (behind_[device] == 0) {
    behind_[device] = known_open_at_or_above_uncached(device) + 1;
    behind_touched_.push_back(device);
  }
  return behind_[device] - 1;
}

std::uint32_t LiveControlRoom::known_open_at_or_above_uncached(std::uint32_t device) const {
  const world::Grid& g = world_->grid();
  if (device >= g.devices().size()) return kNoneId;
  const world::Device& dev = g.devices()[device];
  std::uint32_t d = kNoneId;
  if (!dev.closed) {
    // Open, but everything below it is fed from elsewhere (back-feed): no outage behind it.
    if (dev.edge != kNoId && g.energised(g.edges()[dev.edge].child)) return kNoneId;
    d = device;
  } else if (dev.edge != kNoId) {
    // Supplied below it (normally or back-fed through a tie): no outage behind it.
    if (g.energised(g.edges()[dev.edge].child)) return kNoneId;
    for (d = device_above(device); d != kNoneId && g.devices()[d].closed;) d = device_above(d);
  } else {
    if (g.supplied(dev.transformer)) return kNoneId;
    d = section_device_of_edge(g.nodes()[g.transformers()[dev.transformer].node].parent_edge);
  }
  return d != kNoneId && device_slot_[d] != kNoneId ? d : kNoneId;
}

void LiveControlRoom::build_devices() const {
  if (!stale(kDevices)) return;
  if (!world_) return;
  const world::Grid& g = world_->grid();
  const Time t = now();
  devices_.clear();
  if (device_slot_.size() != g.devices().size()) {
    device_slot_.assign(g.devices().size(), kNoneId);
    section_km_.assign(g.devices().size(), {kNever, 0.0});
    behind_.assign(g.devices().size(), 0);
  } else {
    for (const std::uint32_t d : slot_touched_) device_slot_[d] = kNoneId;
  }
  slot_touched_.clear();
  known_out_ = 0;
  // The switching state (which devices are open, who is supplied, what the control room knows
  // of them) keys the memo of known_open_at_or_above.
  std::uint64_t key = mix(0x2545f4914f6cdd1dULL, world_->customers_out());
  for (std::uint32_t d : world_->open_ids()) {
    const world::OpenDevice& o = world_->open_record(d);
    if (o.opened == kNever) continue;
    const world::Device& dev = g.devices()[d];
    KnownOpenDevice k;
    k.device = d;
    k.kind = static_cast<DeviceKind>(dev.type);
    k.feeder = dev.feeder;
    const bool scada = dev.type == world::DeviceType::kBreaker || dev.type == world::DeviceType::kRecloser;
    // Calls matter only while the detection delay has not yet revealed a fuse.
    const Time predicted = hotline_ && o.tripped && !scada && o.detected > t ? hotline_->first_predicted(d) : kNever;
    const bool by_calls = predicted != kNever && predicted >= o.opened && predicted <= t;
    if (!o.tripped) {
      k.how = Detection::kOperated;
      k.detected_ms = o.opened;
    } else if (scada) {
      k.how = Detection::kScada;
      k.detected_ms = o.opened;
    } else if (o.detected <= t || by_calls) {
      // The world's detection delay stands for the calls that reveal a fuse (see world.md).
      k.how = Detection::kCalls;
      k.detected_ms = by_calls ? (o.detected <= t ? std::min(o.detected, predicted) : predicted) : o.detected;
    } else {
      continue;  // nobody knows yet
    }
    const std::uint32_t node = dev.edge != kNoId ? g.edges()[dev.edge].child : g.transformers()[dev.transformer].node;
    k.x_m = g.nodes()[node].x_m;
    k.y_m = g.nodes()[node].y_m;
    k.tripped = o.tripped;
    k.customers_below = o.customers;
    k.important_below = o.important;
    if (dev.edge != kNoId) {
      const world::Edge& e = g.edges()[dev.edge];
      k.supply_above = g.energised(e.parent) && !g.energised(e.child);  // normal orientation
    } else {
      k.supply_above = g.energised(node) && !g.supplied(dev.transformer);
    }
    k.patrolled = o.patrolled;
    k.patrol_crew = o.patrol_crew;
    if (section_km_[d].first != o.opened) section_km_[d] = {o.opened, world_->section_km(d)};
    k.section_km = section_km_[d].second;
    device_slot_[d] = static_cast<std::uint32_t>(devices_.size());
    slot_touched_.push_back(d);
    key = mix(mix(key, d), static_cast<std::uint64_t>(k.detected_ms));
    known_out_ += k.customers_below;
    devices_.push_back(k);
  }
  // Open devices with an open record (what nearest_open() may answer), marked for this build.
  if (open_mark_.size() != g.devices().size()) open_mark_.assign(g.devices().size(), 0);
  if (++open_mark_stamp_ == 0) {
    std::fill(open_mark_.begin(), open_mark_.end(), 0);
    open_mark_stamp_ = 1;
  }
  for (std::uint32_t d : world_->open_ids()) open_mark_[d] = open_mark_stamp_;
  if (key != topology_key_) {
    topology_key_ = key;
    for (const std::uint32_t d : behind_touched_) behind_[d] = 0;
    behind_touched_.clear();
  }
  // Nesting: the known open device above each one (after all are known).
  for (KnownOpenDevice& k : devices_) {
    const world::Device& dev = g.devices()[k.device];
    const std::uint32_t query = dev.edge != kNoId ? g.edges()[dev.edge].parent : g.transformers()[dev.transformer].node;
    if (g.energised(query)) continue;
    const std::uint32_t d = nearest_open(query);
    if (d != kNoneId && d != k.device && device_slot_[d] != kNoneId) k.open_above = d;
  }
  // Importance: each important customer without supply raises the tier of the first open device
  // above it (its transformer fuse, else the nearest open device on its path to the source).
  for (std::size_t i = 0; i < important_.size(); ++i) {
    const CustomerRecord& c = important_[i];
    if (world_->customer_energised(c.id)) continue;
    const world::Transformer& tr = g.transformers()[c.transformer];
    std::uint32_t d = kNoneId;
    if (tr.fuse != kNoId && !g.devices()[tr.fuse].closed) d = tr.fuse;
    else d = section_device_of_edge(g.nodes()[tr.node].parent_edge);
    if (d == kNoneId || device_slot_[d] == kNoneId) continue;
    KnownOpenDevice& k = devices_[device_slot_[d]];
    k.important_below = true;
    k.importance = std::max(k.importance, important_tier_[i]);
  }
}

void LiveControlRoom::build_faults() const {
  if (!stale(kFaults)) return;
  build_devices();
  if (!world_) return;
  for (KnownOpenDevice& k : devices_) k.known_faults_below = 0;
  const world::Grid& g = world_->grid();
  const auto& all = world_->faults();
  const auto& crews = world_->crews();
  faults_.clear();
  for (std::uint32_t fid : world_->live_fault_ids()) {
    const world::Fault& f = all[fid];
    KnownFault k;
    k.fault = fid;
    k.cause = f.cause;
    k.repair_class = repair_class_of(f.cause);
    k.x_m = f.x_m;
    k.y_m = f.y_m;
    k.terrain = f.terrain;
    k.found_ms = f.found;
    k.estimated_repair_ms = repair_median_ms_[static_cast<int>(k.repair_class)];
    k.needs_tree = f.needs_tree;
    k.estimated_tree_ms = f.needs_tree ? tree_median_ms_ : 0;
    k.tree_cleared = f.tree_cleared != kNever;
    k.line_crew = f.line_crew == kNoId ? kNoneId : f.line_crew;
    k.tree_crew = f.tree_crew == kNoId ? kNoneId : f.tree_crew;
    if (f.tree_crew != kNoId) {
      const world::Crew& c = crews[f.tree_crew];
      if (c.job == world::JobKind::kTree && c.target == fid && c.activity == world::Activity::kRepair) k.tree_work_started_ms = c.since;
    }
    if (f.line_crew != kNoId) {
      const world::Crew& c = crews[f.line_crew];
      if (c.job == world::JobKind::kRepair && c.target == fid && c.activity == world::Activity::kRepair) k.repair_started_ms = c.since;
    }
    k.customers = f.customers_hint;
    k.important = f.important_hint;
    if (f.device != kNoId && !g.devices()[f.device].closed) k.device = f.device;
    else if (f.edge != kNoId) k.device = nearest_open(g.edges()[f.edge].child);  // the deepest open device above
    if (k.device != kNoneId && device_slot_[k.device] != kNoneId) {
      KnownOpenDevice& d = devices_[device_slot_[k.device]];
      ++d.known_faults_below;
      k.importance = d.importance;
      k.important = k.important || d.important_below;
    }
    // Isolation: the nearest closed sectionalising device between the fault and its section's top.
    if (f.edge != kNoId && k.device != kNoneId && g.devices()[k.device].edge != kNoId) {
      const std::uint32_t top_edge = g.devices()[k.device].edge;
      for (std::uint32_t e = device_edge_at_or_above(f.edge); e != kNoId && e != top_edge;
           e = device_edge_at_or_above(g.nodes()[g.edges()[e].parent].parent_edge)) {
        const std::uint32_t device = g.edges()[e].device;
        const world::Device& d = g.devices()[device];
        if (!d.closed) break;
        if (d.type != world::DeviceType::kTie && d.type != world::DeviceType::kTransformerFuse) {
          k.isolate_with = device;
          break;
        }
      }
    }
    faults_.push_back(k);
  }
  // Back-feed below main-line faults (topology candidates cached per fault; states checked now).
  std::vector<std::pair<std::uint32_t, std::uint32_t>> fault_orders;  // (DFS order, node) of known faults
  for (KnownFault& k : faults_) {
    const world::Fault& f = all[k.fault];
    if (f.edge == kNoId || !g.edges()[f.edge].trunk || k.device == kNoneId) continue;
    auto [it, fresh] = backfeed_.try_emplace(k.fault, Backfeed{kNoId, kNoId, kNoId});
    if (fresh) {
      const std::uint32_t below = g.edges()[f.edge].child;
      std::uint32_t cut = kNoId;
      for (std::uint32_t d2 = 0; d2 < g.devices().size(); ++d2) {
        const world::Device& dev = g.devices()[d2];
        if (dev.edge == kNoId || dev.type == world::DeviceType::kTie || dev.type == world::DeviceType::kFuse ||
            dev.type == world::DeviceType::kTransformerFuse || !dev.normally_closed)
          continue;
        const world::Edge& de = g.edges()[dev.edge];
        if (!de.trunk || de.child == below || !g.in_subtree(below, de.child)) continue;
        if (cut == kNoId || g.order(de.child) < g.order(g.edges()[g.devices()[cut].edge].child)) cut = d2;
      }
      if (cut != kNoId) {
        const std::uint32_t cut_node = g.edges()[g.devices()[cut].edge].child;
        std::uint32_t tie = kNoId;
        for (std::uint32_t d2 = 0; d2 < g.devices().size() && tie == kNoId; ++d2) {
          const world::Device& dev = g.devices()[d2];
          if (dev.type != world::DeviceType::kTie) continue;
          const world::Edge& te = g.edges()[dev.edge];
          if (g.in_subtree(cut_node, te.child) || g.in_subtree(cut_node, te.parent)) tie = d2;
        }
        it->second = Backfeed{cut, tie, cut_node};
      }
    }
    const Backfeed& b = it->second;
    if (b.cut == kNoId || b.tie == kNoId) continue;
    if (g.devices()[b.tie].closed) continue;  // already back-fed (or in use)
    // A subtree is a contiguous range in DFS order: the first fault node at or after the cut
    // node's order is below the cut iff any is.
    if (fault_orders.empty() && !faults_.empty()) {
      for (const KnownFault& other : faults_) {
        const world::Fault& of = all[other.fault];
        const std::uint32_t node = of.edge != kNoId ? g.edges()[of.edge].child
                                   : of.transformer != kNoId ? g.transformers()[of.transformer].node
                                                             : kNoId;
        if (node != kNoId) fault_orders.emplace_back(g.order(node), node);
      }
      std::sort(fault_orders.begin(), fault_orders.end());
    }
    const auto first = std::lower_bound(fault_orders.begin(), fault_orders.end(),
                                        std::pair<std::uint32_t, std::uint32_t>{g.order(b.cut_node), 0});
    if (first != fault_orders.end() && g.in_subtree(b.cut_node, first->second)) continue;
    k.backfeed_cut = g.devices()[b.cut].closed ? b.cut : kNoneId;
    k.backfeed_tie = b.tie;
  }
}

std::span<const KnownOpenDevice> LiveControlRoom::open_devices() const {
  build_faults();  // fills known_faults_below
  return devices_;
}

std::uint64_t LiveControlRoom::known_customers_out() const {
  build_devices();
  return known_out_;
}

std::uint64_t LiveControlRoom::customers_served() const {
  return world_ ? world_->customers_served() : (hotline_ ? hotline_->customer_count() : 0);
}

std::span<const CallPrediction> LiveControlRoom::predictions() const {
  if (!hotline_) return {};
  if (stale(kPredictions)) {
    build_devices();
    predictions_.clear();
    for (const hotline::Prediction& p : hotline_->predictions()) {
      CallPrediction c;
      c.device = p.device;
      c.calls = p.calls;
      c.transformers = p.transformers;
      c.first_predicted_ms = hotline_->first_predicted(p.device);
      c.known_open = p.device < device_slot_.size() && device_slot_[p.device] != kNoneId;
      predictions_.push_back(c);
    }
  }
  return predictions_;
}

std::span<const PatrolProgress> LiveControlRoom::patrols() const {
  if (stale(kPatrols) && world_) {
    build_devices();
    patrols_.clear();
    const double kmph = ctx_.scenario.world.crews.patrol_speed_kmph;
    for (const KnownOpenDevice& d : devices_) {
      if (d.patrol_crew == kNoneId) continue;
      const world::Crew& c = world_->crews()[d.patrol_crew];
      PatrolProgress p;
      p.device = d.device;
      p.crew = d.patrol_crew;
      p.section_km = d.section_km;
      if (c.activity == world::Activity::kPatrol) {
        p.started_ms = c.since;
        p.patrolled_km = std::min(d.section_km, kmph * to_hours(now() - c.since));
      }
      patrols_.push_back(p);
    }
  }
  return patrols_;
}

std::span<const KnownFault> LiveControlRoom::faults() const {
  build_faults();
  return faults_;
}

std::span<const CrewStatus> LiveControlRoom::crews() const {
  if (stale(kCrews) && world_) {
    // Crews are never added or removed: update the records in place (names are copied once).
    const auto& all = world_->crews();
    if (crews_.size() != all.size()) {
      crews_.assign(all.size(), CrewStatus{});
      for (std::size_t i = 0; i < all.size(); ++i) crews_[i].name = all[i].name;
    }
    for (std::size_t i = 0; i < all.size(); ++i) {
      const world::Crew& c = all[i];
      CrewStatus& s = crews_[i];
      s.crew = c.id;
      s.kind = static_cast<CrewKind>(c.type);
      s.mutual_aid = c.mutual_aid;
      s.present = c.present;
      s.x_m = static_cast<float>(c.x_m);
      s.y_m = static_cast<float>(c.y_m);
      s.activity = static_cast<CrewActivity>(c.activity);
      s.since_ms = c.since;
      s.job = static_cast<CrewJob>(c.job);
      s.target = c.target == kNoId ? kNoneId : c.target;
      s.dest_x_m = static_cast<float>(c.dest_x);
      s.dest_y_m = static_cast<float>(c.dest_y);
      s.on_shift = c.on_shift;
      s.rest_pending = c.rest_pending;
      s.rest_until_ms = c.on_shift ? kNever : c.rest_until;
    }
  }
  return crews_;
}

std::span<const KnownBlockage> LiveControlRoom::blockages() const {
  if (stale(kBlockages) && world_) {
    blockages_.clear();
    const auto& links = world_->roads().links();
    const auto& js = world_->roads().junctions();
    for (std::uint32_t i = 0; i < links.size(); ++i) {
      const world::RoadLink& l = links[i];
      if (!l.known || l.blocked_until <= now()) continue;
      blockages_.push_back({i, js[l.a].x_m, js[l.a].y_m, js[l.b].x_m, js[l.b].y_m});
    }
  }
  return blockages_;
}

std::span<const MutualAidStatus> LiveControlRoom::mutual_aid() const {
  if (stale(kAid) && world_) {
    aid_.clear();
    const auto& offers = ctx_.scenario.world.crews.mutual_aid;
    for (std::uint32_t o = 0; o < offers.size(); ++o) {
      MutualAidStatus m;
      m.offer = o;
      m.name = offers[o].name;
      m.line_crews = offers[o].line_crews;
      m.tree_crews = offers[o].tree_crews;
      m.lead_time_ms = hours_ms(offers[o].lead_time_h);
      const Time at = world_->aid_requested_at(o);
      m.requested = at != kNever;
      m.expected_arrival_ms = m.requested ? at + m.lead_time_ms : kNever;
      m.arrived = world_->aid_arrived(o);
      aid_.push_back(std::move(m));
    }
  }
  return aid_;
}

void LiveControlRoom::build_storm() const {
  if (!stale(kStorm) || !world_) return;
  const Time t = now();
  storm_ = StormPicture{};
  const world::Typhoon* ty = world_->typhoon();
  storm_.typhoon = ty != nullptr;
  for (const auto& [at, level] : world_->warnings()) {
    if (at > t) break;
    if (static_cast<Warning>(level) != storm_.warning || storm_.warning_since_ms == kNever) {
      storm_.warning = static_cast<Warning>(level);
      storm_.warning_since_ms = at;
    }
  }
  if (!ty) {
    forecast_.clear();
    return;
  }
  const auto& track = ty->config().track;
  const Time t0 = static_cast<Time>(track.front().time_h * static_cast<double>(kHour));
  const Time t1 = static_cast<Time>(track.back().time_h * static_cast<double>(kHour));
  if (t < std::max<Time>(t0, 0) || t > t1) {
    forecast_.clear();
    forecast_built_for_ = kNever;
    return;
  }
  const Time issued = (t / kAdvisoryInterval) * kAdvisoryInterval;
  storm_.forecast_issued_ms = issued;
  if (forecast_built_for_ != issued) {
    forecast_built_for_ = issued;
    forecast_.clear();
    // Forecast error: a smooth random offset growing with lead time, the same for every run of
    // this seed (Philox stream per advisory), so the cone is honest but the track not the truth.
    RandomStream rng = ctx_.stream(Purpose::kControlForecastError, static_cast<std::uint64_t>(issued / kAdvisoryInterval));
    const double ux = normal(rng, 0, 1), uy = normal(rng, 0, 1);
    for (Time lead = 0; lead <= kForecastHorizon && issued + lead <= t1; lead += kForecastStep) {
      const world::EyeState eye = ty->eye_at(issued + lead);
      const double r = forecast_cone_radius_m(lead);
      const double scale = lead == 0 ? 0.0 : 0.5 * (r - forecast_cone_radius_m(0)) ;
      forecast_.push_back({issued + lead, static_cast<float>(eye.x_m + scale * ux), static_cast<float>(eye.y_m + scale * uy),
                           static_cast<float>(r)});
    }
  }
  // Landfall according to the advisory: the first forecast crossing from sea to land.
  const world::AreaConfig& area = ctx_.scenario.world.area;
  const Time landfall = world_->landfall();
  if (landfall != kNever && landfall <= t) {
    storm_.forecast_landfall_ms = landfall;  // observed
  } else {
    for (std::size_t i = 1; i < forecast_.size(); ++i) {
      const ForecastPoint& a = forecast_[i - 1];
      const ForecastPoint& b = forecast_[i];
      const bool land_a = a.y_m / 1000 >= world::coast_y_km(area, a.x_m / 1000);
      const bool land_b = b.y_m / 1000 >= world::coast_y_km(area, b.x_m / 1000);
      if (!land_a && land_b) {
        // Interpolate in 30-minute steps inside the segment.
        for (Time s = a.at_ms; s <= b.at_ms; s += 30 * kMinute) {
          const double u = static_cast<double>(s - a.at_ms) / static_cast<double>(b.at_ms - a.at_ms);
          const double x = a.x_m + u * (b.x_m - a.x_m), y = a.y_m + u * (b.y_m - a.y_m);
          if (y / 1000 >= world::coast_y_km(area, x / 1000)) {
            storm_.forecast_landfall_ms = std::max(s, t);
            break;
          }
        }
        break;
      }
    }
  }
}

const StormPicture& LiveControlRoom::storm() const {
  build_storm();
  return storm_;
}

std::span<const ForecastPoint> LiveControlRoom::forecast() const {
  build_storm();
  return forecast_;
}

const HotlineBoard& LiveControlRoom::hotline() const {
  if (hotline_ && stale(kBoard)) {
    board_.queue_length = static_cast<std::uint32_t>(hotline_->queue_length());
    board_.agents_staffed = hotline_->agents_staffed();
    board_.agents_busy = hotline_->agents_busy();
    board_.trainee_seats = hotline_->trainee_seats();
    board_.trainee_at_desk = hotline_->trainee_desk() != nullptr;
    board_.trainee_busy = hotline_->trainee_busy();
    board_.calls_offered = hotline_->totals().offered;
    board_.calls_answered = hotline_->totals().answered;
    board_.calls_abandoned = hotline_->totals().abandoned;
  }
  return board_;
}

std::span<const WaitingCall> LiveControlRoom::calls_waiting_for_seat() const {
  if (!hotline_) return {};
  if (stale(kWaiting)) {
    waiting_.clear();
    for (const hotline::Hotline::SeatCall& c : hotline_->calls_waiting_for_trainee())
      waiting_.push_back({c.call, static_cast<std::uint8_t>(c.reason), c.customer == UINT32_MAX ? kNoneId : c.customer, c.arrived});
  }
  return waiting_;
}

std::span<const OrderStatus> LiveControlRoom::open_orders() const {
  if (!hotline_) return {};
  if (stale(kOrders)) {
    orders_.clear();
    for (const hotline::WorkOrder& o : hotline_->work_orders()) {
      if (o.resolved != kNever) continue;
      orders_.push_back({o.id, static_cast<std::uint8_t>(o.type), o.customer == UINT32_MAX ? kNoneId : o.customer, o.opened,
                         o.first_due, o.final_due, o.on_site != kNever, o.overdue, o.urgings});
    }
  }
  return orders_;
}

std::span<const PublishedOutage> LiveControlRoom::published() const {
  if (!hotline_) return {};
  // Catch up with the publications that changed since the last look (kept ascending by device),
  // once per epoch: during an agent's wake the view stays the snapshot it woke to.
  if (!stale(kPublished)) return published_;
  const auto changes = hotline_->publication_changes();
  for (; publications_seen_ < changes.size(); ++publications_seen_) {
    const std::uint32_t device = changes[publications_seen_];
    const hotline::Hotline::Publication& p = hotline_->publications().at(device);
    auto it = std::lower_bound(published_.begin(), published_.end(), device,
                               [](const PublishedOutage& o, std::uint32_t d) { return o.device < d; });
    if (it == published_.end() || it->device != device) it = published_.insert(it, PublishedOutage{device});
    *it = {device, p.first_at, p.etr, p.revisions, p.etr_passed};
  }
  return published_;
}

std::uint64_t LiveControlRoom::revision() const {
  if (revision_epoch_ == epoch_) return revision_;
  revision_epoch_ = epoch_;
  // Hash everything the view returns; bump the revision only when the content changed.
  std::uint64_t h = 0x51ed270b27a3c1d5ULL;
  h = mix(h, static_cast<std::uint64_t>(now() / kMinute));  // the clock a panel shows, to the minute
  for (const KnownOpenDevice& d : open_devices())
    h = mix(mix(mix(mix(h, d.device), d.detected_ms), d.patrolled * 2 + d.supply_above), d.patrol_crew * 31ULL + d.known_faults_below);
  for (const CallPrediction& p : predictions()) h = mix(mix(h, p.device), p.calls);
  for (const PatrolProgress& p : patrols()) h = mix(mix(h, p.device), fbits(p.patrolled_km));
  for (const KnownFault& f : faults())
    h = mix(mix(mix(mix(h, f.fault), f.line_crew), f.tree_crew), f.tree_cleared * 3 + f.isolate_with + f.backfeed_tie);
  for (const CrewStatus& c : crews())
    h = mix(mix(mix(mix(h, fbits(c.x_m)), fbits(c.y_m)), static_cast<std::uint64_t>(c.activity) * 7 + static_cast<std::uint64_t>(c.job)), c.target + c.on_shift + 2 * c.present);
  for (const KnownBlockage& b : blockages()) h = mix(h, b.link);
  for (const MutualAidStatus& m : mutual_aid()) h = mix(h, m.requested * 2 + m.arrived);
  const StormPicture& s = storm();
  h = mix(mix(h, static_cast<std::uint64_t>(s.warning)), s.forecast_issued_ms);
  const HotlineBoard& b = hotline();
  h = mix(mix(mix(h, b.queue_length), b.agents_busy * 1000ULL + b.agents_staffed), b.calls_offered + b.trainee_busy);
  for (const WaitingCall& w : calls_waiting_for_seat()) h = mix(h, w.call);
  for (const OrderStatus& o : open_orders()) h = mix(mix(h, o.order), o.overdue + 2 * o.on_site + 4 * o.urgings);
  for (const PublishedOutage& p : published()) h = mix(mix(h, p.device), p.etr_ms);
  if (h != content_hash_) {
    content_hash_ = h;
    ++revision_;
  }
  return revision_;
}

TruthForDebrief LiveControlRoom::truth_for_debrief() const {
  TruthForDebrief t;
  if (!world_) return t;
  t.customers_out = world_->customers_out();
  for (const world::Fault& f : world_->faults()) t.unfound_faults += f.found == kNever && f.repaired == kNever;
  build_devices();
  for (std::uint32_t d : world_->open_ids())
    if (world_->open_record(d).opened != kNever && device_slot_[d] == kNoneId) ++t.undetected_open_devices;
  return t;
}

}  // namespace fl::control
