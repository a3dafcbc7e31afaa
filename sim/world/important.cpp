// Important customers against ordinary ones: how long the ordinary customers of each terrain
// were out (the yardstick of the priority rule, control_room.md) and, for an important customer
// out longer, what held the faults that kept it dark.
#include <algorithm>

#include "sim/world/world.h"

namespace fl::world {

namespace {

constexpr Time kFoundLate = 2 * kHour;       // found this long after it happened: knowledge held it
constexpr Time kHeld = kHour;                // wind, waiting for a tree crew or for any crew: held
constexpr std::uint32_t kSeveralFaults = 3;  // faults behind its outage: one crew cannot do them at once

}  // namespace

std::array<double, 4> World::ordinary_median_outage_minutes(Time now) const {
  // Customer-weighted median over the interrupted ordinary customers (their supply point's
  // sustained minutes), per terrain of the transformer's customers.
  std::array<std::vector<std::pair<double, std::uint32_t>>, 4> by_terrain;
  const auto& transformers = grid_.transformers();
  for (std::uint32_t i = 0; i < transformers.size(); ++i) {
    const Transformer& tr = transformers[i];
    const std::uint32_t ordinary = tr.customers - std::min(tr.customers, tr.important);
    if (ordinary == 0 || ledger_.interruptions(i, now) == 0) continue;
    const Terrain terrain = area_.customers[tr.first_customer].terrain;
    by_terrain[static_cast<std::size_t>(terrain)].emplace_back(ledger_.outage_minutes(i, now), ordinary);
  }
  std::array<double, 4> median{};
  for (std::size_t k = 0; k < by_terrain.size(); ++k) median[k] = customer_weighted_median(std::move(by_terrain[k]));
  return median;
}

std::vector<ImportantDelay> World::important_delays(std::size_t i) const {
  std::vector<ImportantDelay> out;
  if (i >= important_.size()) return out;
  const std::uint32_t node = grid_.transformers()[important_transformer_[i]].node;
  // The faults that interrupted it: those whose protective device (the one that cut customers
  // off) lies above its transformer in the normal configuration.
  std::vector<std::uint32_t> held;
  for (const RepairRecord& r : repairs_)
    if (r.device != UINT32_MAX && r.customers > 0 && grid_.statically_below(r.device, node)) held.push_back(r.fault_id);
  if (held.empty()) return out;
  const Time now = ctx_.queue.now();
  auto add = [&](ImportantDelayReason reason, std::uint32_t fault, double amount) {
    for (ImportantDelay& d : out)
      if (d.reason == reason) {
        d.amount = std::max(d.amount, amount);
        return;
      }
    out.push_back({reason, fault, amount});
  };
  // Faults sharing one protective device are worked one after another unless crews split them.
  std::uint32_t most_on_one_device = 0;
  for (const std::uint32_t fid : held) {
    std::uint32_t n = 0;
    for (const std::uint32_t other : held) n += repairs_[other].device == repairs_[fid].device;
    most_on_one_device = std::max(most_on_one_device, n);
  }
  if (most_on_one_device >= kSeveralFaults) add(ImportantDelayReason::kSeveralFaults, held.front(), most_on_one_device);
  for (const std::uint32_t fid : held) {
    const Fault& f = faults_[fid];
    const RepairRecord& r = repairs_[fid];
    const Time found = f.found != kNever ? f.found : now;
    if (found - f.occurred >= kFoundLate) add(ImportantDelayReason::kFoundLate, fid, to_hours(found - f.occurred));
    Time wind = f.stood_down_ms;
    for (const auto& [from, to] : r.weather_pauses) wind += to - from;
    if (wind >= kHeld) add(ImportantDelayReason::kWind, fid, to_hours(wind));
    if (f.blocked_trips > 0) add(ImportantDelayReason::kRoadBlocked, fid, f.blocked_trips);
    if (f.needs_tree && f.found != kNever) {
      const Time cleared = f.tree_cleared != kNever ? f.tree_cleared : now;
      if (cleared - f.found >= kHeld) add(ImportantDelayReason::kTreeCrew, fid, to_hours(cleared - f.found));
    }
    if (f.found != kNever) {
      const Time arrived = r.arrived != kNever ? r.arrived : now;
      if (arrived - f.found >= kHeld) add(ImportantDelayReason::kCrewWait, fid, to_hours(arrived - f.found));
    }
  }
  return out;
}

const char* important_delay_name(ImportantDelayReason r) {
  switch (r) {
    case ImportantDelayReason::kFoundLate: return "found_late";
    case ImportantDelayReason::kWind: return "wind_limit";
    case ImportantDelayReason::kRoadBlocked: return "road_blocked";
    case ImportantDelayReason::kTreeCrew: return "tree_crew";
    case ImportantDelayReason::kSeveralFaults: return "several_faults";
    case ImportantDelayReason::kCrewWait: return "crew_wait";
  }
  return "?";
}

}  // namespace fl::world
