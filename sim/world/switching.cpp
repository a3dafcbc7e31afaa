#include "sim/world/world.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/core/random.h"
#include "sim/scenario/scenario.h"
#include "sim/world/world_internal.h"

namespace fl::world {

using namespace internal;

// Supply changes, trips, dead regions and restoration after repair.

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
  if (!faults_.empty() && repairs_.back().reported == kNever && faults_.back().occurred == t) {
    repairs_.back().reported = o.detected;
    repairs_.back().device = d;
  }
  open_ids_.insert(std::lower_bound(open_ids_.begin(), open_ids_.end(), d), d);
  if (o.detected == t) request_dispatch(t, true);  // SCADA: the publisher sees it too
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
  index_device_faults();
  auto add_unfound = [&](std::uint32_t f) {
    if (faults_[f].found == kNever && faults_[f].repaired == kNever) out.push_back(f);
  };
  if (device < device_fault_head_.size())
    for (std::uint32_t f = device_fault_head_[device]; f != kNoId; f = next_on_device_[f]) add_unfound(f);
  for (std::size_t f = device_faults_indexed_; f < faults_.size(); ++f)
    if (faults_[f].device == device) add_unfound(static_cast<std::uint32_t>(f));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

void World::index_device_faults() const {
  if (device_fault_head_.size() != grid_.devices().size()) device_fault_head_.assign(grid_.devices().size(), kNoId);
  for (; device_faults_indexed_ < faults_.size(); ++device_faults_indexed_) {
    const Fault& f = faults_[device_faults_indexed_];
    // A transformer or blown-fuse fault is given its device right after new_fault(): a fault
    // seen before that stays unindexed (scanned directly) until it has one.
    if (f.device == kNoId && (f.cause == FaultCause::kTransformer || f.cause == FaultCause::kBlownFuse)) break;
    next_on_device_.push_back(f.device < device_fault_head_.size() ? device_fault_head_[f.device] : kNoId);
    if (f.device < device_fault_head_.size()) device_fault_head_[f.device] = f.id;
  }
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
  // region_faults() narrowed to the found ones, stopping at the first: the faults on the
  // section's spans and the found faults at the device itself (counted in live_at_device_).
  auto known_on = [&](std::uint32_t edge) {
    for (std::uint32_t f = edge_faults_[edge]; f != kNoId; f = faults_[f].next_on_edge)
      if (faults_[f].found != kNever && faults_[f].repaired == kNever) return true;
    return false;
  };
  const Device& d = grid_.devices()[device];
  if (d.edge != kNoId && known_on(d.edge)) return true;
  // Walk the section only as far as the first span with a found fault (no list, no sort).
  if (grid_.any_in_dead_region(device, [&](std::uint32_t n) {
        const std::uint32_t edge = grid_.nodes()[n].parent_edge;
        return edge != kNoId && known_on(edge);
      }))
    return true;
  return live_at_device_[device] > 0;
}

bool World::close_device(Time t, std::uint32_t device, CommandResult* refusal) {
  SupplyChanges ch;
  if (!grid_.operate(device, true, ch, refusal)) return false;
  reset_open(t, device);
  open_ids_.erase(std::remove(open_ids_.begin(), open_ids_.end(), device), open_ids_.end());
  apply_changes(t, ch, device, FaultCause::kSwitching);
  // A re-trip cuts off everyone in the section again: it carries those customers and whether an
  // important one is among them (SCADA shows the trip; its customers are the section's).
  for (std::uint32_t d : ch.tripped) {
    bool important = false;
    const std::uint32_t customers = region_customers(d, &important);
    after_trip(t, d, FaultCause::kOther, customers, important);
    open_[d].retrips = 1;
  }
  return true;
}

std::uint32_t World::region_customers(std::uint32_t device, bool* important) const {
  std::vector<std::uint32_t> nodes;
  grid_.dead_region(device, nodes);
  std::uint32_t n = 0;
  bool imp = false;
  for (std::uint32_t node : nodes) {
    const std::uint32_t tr = grid_.nodes()[node].transformer;
    if (tr == kNoId || grid_.supplied(tr)) continue;
    n += grid_.transformers()[tr].customers;
    imp |= grid_.transformers()[tr].important > 0;
  }
  if (important) *important = imp;
  return n;
}

void World::reset_open(Time t, std::uint32_t device) {
  OpenDevice& o = open_[device];
  std::vector<std::uint32_t> crews;
  for (const PatrolLeg& l : o.legs)
    if (l.crew != kNoId) crews.push_back(l.crew);
  for (std::uint32_t edge : o.route)
    if (route_owner_[edge] == device) route_owner_[edge] = kNoId;
  o = OpenDevice{};
  // Its section has supply again (or is about to be re-patrolled as a new outage): call off the
  // crews still driving it.
  for (std::uint32_t id : crews) {
    Crew& c = crews_[id];
    if (c.job == JobKind::kPatrol && c.target == device) finish_job(c, t);
  }
}

void World::restore_after_repair(Time t, const Fault& f) {
  if (f.device != kNoId) {
    const Device& d = grid_.devices()[f.device];
    if (!d.closed && !close_device(t, f.device, nullptr)) pending_reclose_.push_back(f.device);
  }
  if (f.edge == kNoId) {
    std::sort(pending_reclose_.begin(), pending_reclose_.end());
    pending_reclose_.erase(std::unique(pending_reclose_.begin(), pending_reclose_.end()), pending_reclose_.end());
    retry_recloses(t);
    return;
  }
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
    // No supply above yet, a patrol not finished (it may hide more damage), another known fault
    // below, or a refusal (a source would be overloaded): the re-close of this device and of
    // everything below it on the path becomes a standing order, retried when the reason goes.
    const bool wait = !grid_.energised(edge.parent) || (open_[d].tripped && !open_[d].patrolled) || region_has_known_fault(d);
    if (wait || !close_device(t, d, nullptr)) {
      for (auto rest = it; rest != path.rend(); ++rest) pending_reclose_.push_back(*rest);
      break;
    }
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
      else pending_reclose_.push_back(d);
    }
  }
  std::sort(pending_reclose_.begin(), pending_reclose_.end());
  pending_reclose_.erase(std::unique(pending_reclose_.begin(), pending_reclose_.end()), pending_reclose_.end());
  restore_normal_ties(t);
  retry_recloses(t);
}

void World::retry_recloses(Time t) {
  // Repeated until nothing changes: closing the top of a path lets the devices below it close.
  for (bool progress = !pending_reclose_.empty(); progress;) {
    progress = false;
    const std::vector<std::uint32_t> pending = pending_reclose_;
    for (std::uint32_t d : pending) {
      const Device& dev = grid_.devices()[d];
      const OpenDevice& o = open_[d];
      bool drop = dev.closed || o.opened == kNever || dev.edge == kNoId;
      bool ready = false;
      if (!drop) {
        const Edge& edge = grid_.edges()[dev.edge];
        if (grid_.energised(edge.child)) drop = true;  // fed another way (a tie): nothing to restore
        else ready = grid_.energised(edge.parent) && !(o.tripped && !o.patrolled) && !region_has_known_fault(d);
      }
      if (ready) drop = close_device(t, d, nullptr);
      if (drop) {
        pending_reclose_.erase(std::remove(pending_reclose_.begin(), pending_reclose_.end(), d), pending_reclose_.end());
        progress = true;
      }
    }
  }
}

void World::restore_normal_ties(Time t) {
  // A normally-open tie closed to back-feed a section is opened again once that section's normal
  // path is healthy: the device cut to isolate it (open, supply on both sides) is closed right
  // after the tie opens (break before make: a switching blip, not a sustained interruption).
  const auto& devices = grid_.devices();
  // Open line devices with supply on both sides (the possible cuts), in open_ids_ order; found
  // again only after a switching below changed the grid, not once per closed tie.
  std::vector<std::uint32_t> both_sides_fed;
  bool fresh = false;
  for (const std::uint32_t tie : grid_.ties()) {
    const Device& td = devices[tie];
    if (!td.closed || td.normally_closed) continue;
    const Edge& te = grid_.edges()[td.edge];
    if (!fresh) {
      both_sides_fed.clear();
      for (std::uint32_t d : open_ids_) {
        const Device& dev = devices[d];
        if (dev.edge == kNoId || dev.type == DeviceType::kTie || dev.closed) continue;
        const Edge& de = grid_.edges()[dev.edge];
        if (grid_.energised(de.parent) && grid_.energised(de.child)) both_sides_fed.push_back(d);
      }
      fresh = true;
    }
    std::uint32_t cut = kNoId;
    for (std::uint32_t d : both_sides_fed) {
      const Edge& de = grid_.edges()[devices[d].edge];
      if (!grid_.in_subtree(de.child, te.child) && !grid_.in_subtree(de.child, te.parent)) continue;
      if (cut == kNoId || grid_.order(de.child) < grid_.order(grid_.edges()[devices[cut].edge].child)) cut = d;
    }
    if (cut == kNoId) continue;
    // The normal path above the cut must carry no known unrepaired fault and be supplied.
    bool healthy = true;
    for (std::uint32_t e = devices[cut].edge; e != kNoId && healthy; e = grid_.nodes()[grid_.edges()[e].parent].parent_edge) {
      for (std::uint32_t f = edge_faults_[e]; f != kNoId; f = faults_[f].next_on_edge)
        if (faults_[f].repaired == kNever) healthy = false;
    }
    if (!healthy) continue;
    fresh = false;  // the switching below changes who is fed
    SupplyChanges ch;
    grid_.operate(tie, false, ch);
    apply_changes(t, ch, tie, FaultCause::kSwitching);
    if (!close_device(t, cut, nullptr)) {
      // The normal source cannot take the section back yet: back-feed again and try later.
      if (!close_device(t, tie, nullptr)) {
        pending_reclose_.insert(std::lower_bound(pending_reclose_.begin(), pending_reclose_.end(), cut), cut);
        pending_reclose_.erase(std::unique(pending_reclose_.begin(), pending_reclose_.end()), pending_reclose_.end());
      }
    }
  }
}

std::vector<std::uint32_t> World::open_devices_needing_job(Time now) const {
  std::vector<std::uint32_t> out;
  for (std::uint32_t d : open_ids_) {
    const OpenDevice& o = open_[d];
    const Device& dev = grid_.devices()[d];
    if (dev.closed || o.opened == kNever || o.detected > now || o.patrol_crew != kNoId) continue;
    if (std::binary_search(pending_reclose_.begin(), pending_reclose_.end(), d)) continue;
    bool above = false;
    if (dev.edge != kNoId) {
      const Edge& e = grid_.edges()[dev.edge];
      above = grid_.energised(e.parent) && !grid_.energised(e.child);
    } else {
      above = grid_.energised(grid_.transformers()[dev.transformer].node) && !grid_.supplied(dev.transformer);
    }
    if (!above || region_has_known_fault(d)) continue;
    out.push_back(d);
  }
  return out;
}

std::vector<std::uint32_t> World::open_devices() const { return open_ids_; }

}  // namespace fl::world
