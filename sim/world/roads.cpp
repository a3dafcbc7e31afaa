#include "sim/world/roads.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace fl::world {

void Roads::build(const Area& area, const CrewsConfig& crews, int spacing_cells) {
  spacing_ = std::max(1, spacing_cells);
  cell_m_ = area.cell_m;
  nx_ = (area.nx - 1) / spacing_ + 1;
  ny_ = (area.ny - 1) / spacing_ + 1;
  lattice_.assign(static_cast<std::size_t>(nx_ * ny_), UINT32_MAX);
  auto cell_of = [&](int i, int j) { return static_cast<std::uint32_t>(j * spacing_ * area.nx + i * spacing_); };
  for (int j = 0; j < ny_; ++j)
    for (int i = 0; i < nx_; ++i) {
      const std::uint32_t c = cell_of(i, j);
      if (area.cells[c].terrain == Terrain::kWater) continue;
      lattice_[static_cast<std::size_t>(j * nx_ + i)] = static_cast<std::uint32_t>(junctions_.size());
      junctions_.push_back({static_cast<float>(area.centre_x(c)), static_cast<float>(area.centre_y(c))});
    }
  auto link = [&](int i0, int j0, int i1, int j1) {
    const std::uint32_t a = lattice_[static_cast<std::size_t>(j0 * nx_ + i0)], b = lattice_[static_cast<std::size_t>(j1 * nx_ + i1)];
    if (a == UINT32_MAX || b == UINT32_MAX) return;
    // Every cell along the link must be land; its class is the most common along it.
    int counts[5] = {0, 0, 0, 0, 0};
    for (int k = 0; k <= spacing_; ++k) {
      const int cx = i0 * spacing_ + (i1 - i0) * k, cy = j0 * spacing_ + (j1 - j0) * k;
      if (cx >= area.nx || cy >= area.ny) return;
      const Cell& cell = area.cells[static_cast<std::size_t>(cy * area.nx + cx)];
      if (cell.terrain == Terrain::kWater) return;
      ++counts[cell.terrain == Terrain::kUrban ? 3 : cell.terrain == Terrain::kRemote ? 1 : 2];
    }
    RoadLink l;
    l.a = a;
    l.b = b;
    l.length_m = static_cast<float>(std::hypot(junctions_[a].x_m - junctions_[b].x_m, junctions_[a].y_m - junctions_[b].y_m));
    const bool highway = (i0 == i1 && i0 % 4 == 0) || (j0 == j1 && j0 % 4 == 0);
    const int best = static_cast<int>(std::max_element(counts, counts + 5) - counts);
    l.cls = static_cast<RoadClass>(best);
    if (highway && l.cls != RoadClass::kTrack) l.cls = RoadClass::kHighway;
    switch (l.cls) {
      case RoadClass::kHighway: l.speed_kmph = static_cast<float>(crews.highway_speed_kmph); break;
      case RoadClass::kUrban: l.speed_kmph = static_cast<float>(crews.urban_speed_kmph); break;
      case RoadClass::kTrack: l.speed_kmph = static_cast<float>(crews.remote_speed_kmph); break;
      default: l.speed_kmph = static_cast<float>(crews.rural_speed_kmph); break;
    }
    links_.push_back(l);
  };
  for (int j = 0; j < ny_; ++j)
    for (int i = 0; i < nx_; ++i) {
      if (i + 1 < nx_) link(i, j, i + 1, j);
      if (j + 1 < ny_) link(i, j, i, j + 1);
    }
  adj_offset_.assign(junctions_.size() + 1, 0);
  for (const RoadLink& l : links_) {
    ++adj_offset_[l.a + 1];
    ++adj_offset_[l.b + 1];
  }
  for (std::size_t i = 0; i < junctions_.size(); ++i) adj_offset_[i + 1] += adj_offset_[i];
  adj_.assign(adj_offset_.back(), 0);
  std::vector<std::uint32_t> fill(adj_offset_.begin(), adj_offset_.end() - 1);
  for (std::uint32_t i = 0; i < links_.size(); ++i) {
    adj_[fill[links_[i].a]++] = i;
    adj_[fill[links_[i].b]++] = i;
  }
  adj_to_.resize(adj_.size());
  adj_len_m_.resize(adj_.size());
  adj_mps_.resize(adj_.size());
  for (std::uint32_t u = 0; u < junctions_.size(); ++u)
    for (std::uint32_t k = adj_offset_[u]; k < adj_offset_[u + 1]; ++k) {
      const RoadLink& l = links_[adj_[k]];
      adj_to_[k] = l.a == u ? l.b : l.a;
      adj_len_m_[k] = l.length_m;
      adj_mps_[k] = l.speed_kmph / 3.6;
      max_mps_ = std::max(max_mps_, adj_mps_[k]);
    }
  dist_.assign(junctions_.size(), 1e300);
  via_.assign(junctions_.size(), UINT32_MAX);
  seen_.assign(junctions_.size(), 0);
  closed_.assign(junctions_.size(), 0);
  // Junctions cut off by the sea (headlands, coves) are left out of routing.
  std::vector<std::uint32_t> comp(junctions_.size(), UINT32_MAX), size;
  for (std::uint32_t s0 = 0; s0 < junctions_.size(); ++s0) {
    if (comp[s0] != UINT32_MAX) continue;
    const auto id = static_cast<std::uint32_t>(size.size());
    size.push_back(0);
    std::vector<std::uint32_t> stack{s0};
    comp[s0] = id;
    while (!stack.empty()) {
      const std::uint32_t u = stack.back();
      stack.pop_back();
      ++size[id];
      for (std::uint32_t k = adj_offset_[u]; k < adj_offset_[u + 1]; ++k) {
        const RoadLink& l = links_[adj_[k]];
        const std::uint32_t v = l.a == u ? l.b : l.a;
        if (comp[v] == UINT32_MAX) {
          comp[v] = id;
          stack.push_back(v);
        }
      }
    }
  }
  const auto biggest = static_cast<std::uint32_t>(std::max_element(size.begin(), size.end()) - size.begin());
  main_.assign(junctions_.size(), 0);
  for (std::size_t j = 0; j < junctions_.size(); ++j) main_[j] = comp[j] == biggest;
}

std::uint32_t Roads::nearest(double x_m, double y_m) const {
  const double step = spacing_ * cell_m_;
  const int ci = std::clamp(static_cast<int>(std::lround((x_m - 0.5 * cell_m_) / step)), 0, nx_ - 1);
  const int cj = std::clamp(static_cast<int>(std::lround((y_m - 0.5 * cell_m_) / step)), 0, ny_ - 1);
  for (int r = 0; r < std::max(nx_, ny_); ++r) {
    std::uint32_t best = UINT32_MAX;
    double best_d = 1e300;
    for (int j = std::max(0, cj - r); j <= std::min(ny_ - 1, cj + r); ++j)
      for (int i = std::max(0, ci - r); i <= std::min(nx_ - 1, ci + r); ++i) {
        const std::uint32_t id = lattice_[static_cast<std::size_t>(j * nx_ + i)];
        if (id == UINT32_MAX || !main_[id]) continue;
        const double d = std::hypot(junctions_[id].x_m - x_m, junctions_[id].y_m - y_m);
        if (d < best_d) {
          best_d = d;
          best = id;
        }
      }
    if (best != UINT32_MAX) return best;
  }
  return 0;
}

Route Roads::route(std::uint32_t from, std::uint32_t to, Time now, double speed_factor) const {
  Route r;
  if (junctions_.empty()) return r;
  if (from == to) {
    r.found = true;
    return r;
  }
  if (++stamp_ == 0) {  // wrapped: forget every old mark
    std::fill(seen_.begin(), seen_.end(), 0);
    std::fill(closed_.begin(), closed_.end(), 0);
    stamp_ = 1;
  }
  const std::uint32_t s = stamp_;
  // A junction's dist_/via_ hold this call's values only once seen_ carries this call's stamp.
  auto dist = [&](std::uint32_t v) { return seen_[v] == s ? dist_[v] : 1e300; };
  // Heuristic: the lattice (Manhattan) distance to `to` at the fastest link's speed, a lower
  // bound on the time to get there (every link runs east-west or north-south, so a link changes
  // that distance by at most its length). Shrunk by one part in a million so that along every
  // link h(u) < w(u, v) + h(v) strictly, by far more than the rounding of the sums: every
  // junction on a fastest route, and each of its fastest predecessors, is settled before it,
  // with Dijkstra's times exactly.
  const double tx = junctions_[to].x_m, ty = junctions_[to].y_m;
  const double h_per_m = (1.0 - 1e-6) / (max_mps_ * speed_factor);
  auto h = [&](std::uint32_t v) { return (std::abs(junctions_[v].x_m - tx) + std::abs(junctions_[v].y_m - ty)) * h_per_m; };
  // Min-heap on (time so far + heuristic, junction).
  using Item = std::pair<double, std::uint32_t>;
  auto& heap = heap_;
  heap.clear();
  seen_[from] = s;
  dist_[from] = 0;
  via_[from] = UINT32_MAX;
  heap.push_back({h(from), from});
  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), std::greater<Item>{});
    const std::uint32_t u = heap.back().second;
    heap.pop_back();
    if (closed_[u] == s) continue;  // an older entry of a junction already settled
    closed_[u] = s;
    if (u == to) break;
    const double d = dist_[u];
    for (std::uint32_t k = adj_offset_[u]; k < adj_offset_[u + 1]; ++k) {
      const RoadLink& l = links_[adj_[k]];
      if (l.known && l.blocked_until > now) continue;
      const std::uint32_t v = adj_to_[k];
      if (closed_[v] == s) continue;
      const double nd = d + adj_len_m_[k] / (adj_mps_[k] * speed_factor);
      const double old = dist(v);
      if (nd < old) {
        seen_[v] = s;
        dist_[v] = nd;
        via_[v] = adj_[k];
        heap.push_back({nd + h(v), v});
        std::push_heap(heap.begin(), heap.end(), std::greater<Item>{});
      } else if (nd == old) {
        // Equally fast: Dijkstra keeps the predecessor it settles first, the smaller (time, id).
        const RoadLink& held = links_[via_[v]];
        const std::uint32_t p = held.a == v ? held.b : held.a;
        if (std::make_pair(d, u) < std::make_pair(dist_[p], p)) via_[v] = adj_[k];
      }
    }
  }
  if (dist(to) >= 1e299) return r;
  r.found = true;
  r.drive = static_cast<Time>(dist_[to] * 1000.0);
  for (std::uint32_t v = to; v != from;) {
    const RoadLink& l = links_[via_[v]];
    const std::uint32_t u = l.a == v ? l.b : l.a;
    r.links.push_back(via_[v]);
    r.junctions.push_back(u);
    v = u;
  }
  std::reverse(r.links.begin(), r.links.end());
  std::reverse(r.junctions.begin(), r.junctions.end());
  return r;
}

}  // namespace fl::world
