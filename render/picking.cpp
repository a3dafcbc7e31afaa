#include "render/picking.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/world/world.h"

namespace fl::render {

namespace {

double point_segment_m(double px, double py, double x0, double y0, double x1, double y1) {
  const double dx = x1 - x0, dy = y1 - y0, len2 = dx * dx + dy * dy;
  const double t = len2 > 0 ? std::clamp(((px - x0) * dx + (py - y0) * dy) / len2, 0.0, 1.0) : 0.0;
  return std::hypot(px - (x0 + t * dx), py - (y0 + t * dy));
}

}  // namespace

std::uint32_t section_device(const world::World& site, std::uint32_t edge) {
  const world::Grid& grid = site.grid();
  for (std::uint32_t e = edge, guard = 0; e != world::kNoId && e < grid.edges().size() && guard < grid.edges().size(); ++guard) {
    const world::Edge& ed = grid.edges()[e];
    if (ed.device != world::kNoId && grid.devices()[ed.device].type != world::DeviceType::kTie) return ed.device;
    e = grid.nodes()[ed.parent].parent_edge;
  }
  return control::kNoneId;
}

Pick pick(const control::ControlRoomView& view, const world::World& site, const Camera& camera, Vec2 screen_px,
          double radius_px, bool crews_too) {
  Pick out;
  out.world_m = camera.to_world(screen_px);
  const world::Area& area = site.area();
  const double x = out.world_m.x, y = out.world_m.y;
  if (x < 0 || y < 0 || x >= area.nx * area.cell_m || y >= area.ny * area.cell_m) return out;
  out.cell = area.cell_at(x, y);
  const double radius_m = radius_px / camera.pixels_per_m();

  // Point-like things first, nearest wins within the radius (screen distance).
  auto nearest = [&](auto items, auto pos) {
    std::uint32_t best = control::kNoneId;
    double best_d = radius_m;
    for (std::size_t i = 0; i < items.size(); ++i) {
      const auto [ix, iy] = pos(items[i]);
      const double d = std::hypot(ix - x, iy - y);
      if (d <= best_d) {
        best_d = d;
        best = static_cast<std::uint32_t>(i);
      }
    }
    return best;
  };
  const auto crews = view.crews();
  // Crews stand on top of each other at a depot: there the first one free to take a job wins.
  std::uint32_t k = control::kNoneId;
  {
    double best = radius_m;
    for (std::size_t i = 0; i < crews.size() && crews_too; ++i) {
      if (!crews[i].present) continue;
      const double d = std::hypot(crews[i].x_m - x, crews[i].y_m - y) + (crews[i].available() ? 0.0 : radius_m * 0.25);
      if (d < best || (d == best && k == control::kNoneId)) {
        best = d;
        k = static_cast<std::uint32_t>(i);
      }
    }
  }
  if (k != control::kNoneId) {
    out.kind = PickKind::kCrew;
    out.id = crews[k].crew;
    return out;
  }
  const auto faults = view.faults();
  k = nearest(faults, [](const control::KnownFault& f) { return std::pair<double, double>{f.x_m, f.y_m}; });
  if (k != control::kNoneId) {
    out.kind = PickKind::kFault;
    out.id = faults[k].fault;
    return out;
  }
  const auto open = view.open_devices();
  k = nearest(open, [](const control::KnownOpenDevice& d) { return std::pair<double, double>{d.x_m, d.y_m}; });
  if (k != control::kNoneId) {
    out.kind = PickKind::kOpenDevice;
    out.id = open[k].device;
    return out;
  }

  // Spans: two short crossing segments through the point, as Box2D ray casts on the site.
  world::SegmentHits hits, more;
  site.geometry().segment_hits(x - radius_m, y, x + radius_m, y, hits);
  site.geometry().segment_hits(x, y - radius_m, x, y + radius_m, more);
  hits.spans.insert(hits.spans.end(), more.spans.begin(), more.spans.end());
  // Diagonals too, so a span parallel to one probe is still found.
  const double r2 = radius_m / std::sqrt(2.0);
  site.geometry().segment_hits(x - r2, y - r2, x + r2, y + r2, more);
  hits.spans.insert(hits.spans.end(), more.spans.begin(), more.spans.end());
  site.geometry().segment_hits(x - r2, y + r2, x + r2, y - r2, more);
  hits.spans.insert(hits.spans.end(), more.spans.begin(), more.spans.end());
  const world::Grid& grid = site.grid();
  double best_d = std::numeric_limits<double>::max();
  std::uint32_t best_edge = control::kNoneId;
  for (std::uint32_t e : hits.spans) {
    if (e >= grid.edges().size()) continue;
    const world::Node& a = grid.nodes()[grid.edges()[e].child];
    const world::Node& b = grid.nodes()[grid.edges()[e].parent];
    const double d = point_segment_m(x, y, a.x_m, a.y_m, b.x_m, b.y_m);
    if (d < best_d || (d == best_d && e < best_edge)) {
      best_d = d;
      best_edge = e;
    }
  }
  if (best_edge != control::kNoneId) {
    out.kind = PickKind::kSection;
    out.edge = best_edge;
    out.id = section_device(site, best_edge);
    return out;
  }
  out.kind = PickKind::kCell;
  out.id = out.cell;
  return out;
}

}  // namespace fl::render
