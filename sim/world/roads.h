#pragma once
/// \file The road network crews drive on: a lattice of junctions every `road_spacing_cells`
/// cells, links classed highway/urban/rural/track. Shortest-time routes (A* towards the target,
/// the same routes plain Dijkstra gives, ties included) avoid the blockages the dispatch centre
/// knows of; unknown ones are found when a crew reaches them.
#include <cstdint>
#include <vector>

#include "sim/core/time.h"
#include "sim/world/area.h"
#include "sim/world/config.h"

namespace fl::world {

struct RoadLink {
  std::uint32_t a = 0, b = 0;    ///< junction ids
  float length_m = 0;
  float speed_kmph = 40;
  RoadClass cls = RoadClass::kRural;
  Time blocked_until = 0;        ///< blocked while now < blocked_until
  bool known = false;            ///< the blockage has been reported
};

struct Junction {
  float x_m = 0, y_m = 0;
};

/// A planned route: links in order and the time to drive them (ms).
struct Route {
  std::vector<std::uint32_t> links;
  std::vector<std::uint32_t> junctions;  ///< junctions[i] is where links[i] starts
  Time drive = 0;
  bool found = false;
};

class Roads {
 public:
  void build(const Area& area, const CrewsConfig& crews, int spacing_cells);
  const std::vector<RoadLink>& links() const { return links_; }
  std::vector<RoadLink>& links() { return links_; }
  const std::vector<Junction>& junctions() const { return junctions_; }
  /// Nearest junction of the main (largest connected) road network to a point.
  std::uint32_t nearest(double x_m, double y_m) const;
  /// Shortest-time route avoiding known blockages at `now`; `speed_factor` (> 0) scales all
  /// speeds. Among equally fast routes it returns the one Dijkstra from `from` settles first
  /// (each junction reached from the predecessor with the smallest (time, junction id)), so the
  /// route does not depend on the search order. A* with a consistent lattice-distance heuristic:
  /// the search stays between the ends instead of covering the whole area. Reuses scratch
  /// buffers: not safe to call concurrently on one Roads.
  Route route(std::uint32_t from, std::uint32_t to, Time now, double speed_factor) const;

 private:
  int nx_ = 0, ny_ = 0, spacing_ = 4;
  double cell_m_ = 250;
  std::vector<Junction> junctions_;
  std::vector<std::uint32_t> lattice_;  // lattice index -> junction id or UINT32_MAX
  std::vector<RoadLink> links_;
  std::vector<std::uint32_t> adj_offset_, adj_;
  // Per adjacency entry (parallel to adj_): the far junction, the link's length and speed in m/s
  // as the double values route() computes with (static; only blockages change after build()).
  std::vector<std::uint32_t> adj_to_;
  std::vector<double> adj_len_m_, adj_mps_;
  double max_mps_ = 0;  // fastest link: the heuristic's speed bound
  // A* scratch reused between route() calls; seen_ == stamp_ marks valid dist_/via_ entries,
  // closed_ == stamp_ junctions already settled.
  mutable std::vector<double> dist_;
  mutable std::vector<std::uint32_t> via_, seen_, closed_;
  mutable std::vector<std::pair<double, std::uint32_t>> heap_;
  mutable std::uint32_t stamp_ = 0;
  std::vector<std::uint8_t> main_;  // junction is in the largest connected road network
};

}  // namespace fl::world
