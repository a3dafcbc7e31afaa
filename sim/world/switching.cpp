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

}  // namespace fl::world
