#pragma once
/// \file Static geometry in a Box2D world owned by the simulation: line spans, road links and
/// premises as static shapes. A fallen tree is a segment from its base, downwind, of its height;
/// which spans it faults and which roads it blocks are Box2D ray-cast queries.
#include <cstdint>
#include <memory>
#include <vector>

class b2World;
class b2Body;

namespace fl::world {

/// What a fallen tree (or any segment) lies across, ids sorted ascending.
struct SegmentHits {
  std::vector<std::uint32_t> spans;     ///< grid edge ids
  std::vector<std::uint32_t> roads;     ///< road link ids
  std::vector<std::uint32_t> premises;  ///< transformer ids
  void clear() { spans.clear(); roads.clear(); premises.clear(); }
};

/// Owns a b2World with one static body holding every shape. Coordinates in metres.
class Geometry {
 public:
  Geometry();
  ~Geometry();
  Geometry(const Geometry&) = delete;
  Geometry& operator=(const Geometry&) = delete;

  void add_span(std::uint32_t edge, double x0, double y0, double x1, double y1);
  void add_road(std::uint32_t link, double x0, double y0, double x1, double y1);
  /// A square premise of half-size `half_m` around (x, y).
  void add_premise(std::uint32_t transformer, double x, double y, double half_m);
  /// Everything the segment (x0,y0)-(x1,y1) crosses.
  void segment_hits(double x0, double y0, double x1, double y1, SegmentHits& out) const;
  /// A tree at (x, y) of height `height_m` falling toward `toward_rad` (math angle).
  void fallen_tree(double x, double y, double toward_rad, double height_m, SegmentHits& out) const;
  std::size_t shape_count() const { return shapes_; }

 private:
  std::unique_ptr<b2World> world_;
  b2Body* body_ = nullptr;
  std::size_t shapes_ = 0;
};

}  // namespace fl::world
