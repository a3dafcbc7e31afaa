#pragma once
/// \file Picking: what lies under the mouse, from the control room's view (crews, known faults,
/// known open devices) and the static site (spans through the sim's Box2D geometry queries, the
/// section's device, the cell). Reads only; never changes sim state.
#include <cstdint>

#include "render/camera.h"
#include "sim/control/control_room.h"

namespace fl::world {
class World;
}

namespace fl::render {

/// Kinds of thing the trainee can point at, in picking priority order.
enum class PickKind : std::uint8_t { kNone, kCrew, kFault, kOpenDevice, kSection, kCell };

/// The result of a pick. `id` is a crew, fault or device id (kSection: the device heading the
/// section of `edge`), or the cell index.
struct Pick {
  PickKind kind = PickKind::kNone;
  std::uint32_t id = control::kNoneId;
  std::uint32_t edge = control::kNoneId;  ///< kSection: the span under the mouse
  std::uint32_t cell = control::kNoneId;  ///< the cell under the mouse (always filled inside the area)
  Vec2 world_m;                         ///< the picked point in metres
};

/// The device (switch or protective device) that heads the section containing grid edge `edge`:
/// the first device on the way up the static tree, or kNone.
std::uint32_t section_device(const world::World& site, std::uint32_t edge);

/// Picks at `screen_px`: the nearest crew (a free one among crews at one spot), then known fault, then known open device within
/// `radius_px`; else the nearest span within `radius_px` (Box2D segment queries) as its section;
/// else the cell. Outside the area: kNone.
/// With `crews` false, crews are skipped (a right-click names an order's target, not a crew).
Pick pick(const control::ControlRoomView& view, const world::World& site, const Camera& camera, Vec2 screen_px,
          double radius_px = 8, bool crews = true);

}  // namespace fl::render
