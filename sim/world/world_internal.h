#pragma once
/// \file Helpers shared by the world's translation units (world, damage, switching, crews,
/// dispatcher). Internal to sim/world: not part of the world's public interface.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>

#include "sim/core/grid_view.h"
#include "sim/core/time.h"
#include "sim/world/world.h"

namespace fl::world::internal {

/// Walking speed from the nearest road junction to a site, m/s (25 km/h by vehicle on tracks).
constexpr double kAccessSpeedMps = 25.0 / 3.6;

/// Component kinds carried in the flags of a kFailure event.
enum ComponentKind : std::uint16_t { kPole = 1, kConductor = 2, kTransformerUnit = 3, kContact = 4, kTree = 5 };

/// One FNV-1a step over the 8 bytes of `v` (state hashes).
inline std::uint64_t fnv(std::uint64_t h, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) {
    h ^= (v >> (8 * i)) & 0xff;
    h *= 0x100000001b3ULL;
  }
  return h;
}

/// Scorecard name of a crew activity ("travel", "patrol", "repair", "rest", "wait", "idle").
const char* activity_name(Activity a);
/// Scorecard key of a fault cause: fl::world::fault_cause_key (world.h), under its old local name.
inline const char* cause_key(FaultCause c) { return fault_cause_key(c); }
/// Probability that a tree of `height_m` falls (stem break or uproot) in a 3-s gust of `gust_mps`.
double tree_failure_probability(double height_m, double gust_mps);
/// "12.5 h": sim time in hours since the start, for refusal and context texts.
std::string hours_text(Time t);

}  // namespace fl::world::internal
