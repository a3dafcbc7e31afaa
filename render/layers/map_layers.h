#pragma once
/// \file The map's layers. Static layers (terrain cells by class, the coast, roads, feeders,
/// substations) are built once from the site; dynamic layers (feeder supply as the control room
/// knows it, open devices, crews, faults, call hot spots, work orders, blockages, the typhoon, the
/// gust field) are rebuilt from a ControlRoomView only when its revision changes. Only the
/// instructor/debrief truth layer reads ground truth, and only when asked to. Building touches no
/// GL state, so tests inspect the layers without a window; draw() needs a render target.
#include <array>
#include <memory>
#include <cstdint>
#include <vector>

#include <SFML/Graphics/Color.hpp>
#include <SFML/Graphics/Image.hpp>
#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Graphics/Texture.hpp>
#include <SFML/Graphics/VertexArray.hpp>

#include "render/camera.h"
#include "sim/control/control_room.h"
#include "sim/core/time.h"

namespace fl::world {
class World;
struct AreaConfig;
}  // namespace fl::world

namespace fl::render {

/// Layers the trainee can toggle (the legend lists them in this order).
enum class Layer : std::uint8_t {
  kTerrain, kCoast, kRoads, kFeeders, kDevices, kSubstations, kGusts, kStorm, kCrews, kFaults,
  kCalls, kImportant, kOrders, kTruth, kCount
};
constexpr std::size_t kLayerCount = static_cast<std::size_t>(Layer::kCount);

/// Which layers are drawn. Everything but the truth overlay and the work orders (thousands of
/// dots in a storm; the live panel lists the urgent ones) is on by default.
struct LayerSet {
  std::array<bool, kLayerCount> on{};
  LayerSet() {
    on.fill(true);
    on[static_cast<std::size_t>(Layer::kTruth)] = false;
    on[static_cast<std::size_t>(Layer::kOrders)] = false;
  }
  bool operator[](Layer l) const { return on[static_cast<std::size_t>(l)]; }
  bool& operator[](Layer l) { return on[static_cast<std::size_t>(l)]; }
};

/// Colours shared by the map and its legend.
namespace palette {
inline const sf::Color kUrban{112, 112, 120}, kRural{96, 128, 84}, kRemote{70, 100, 64}, kWater{36, 66, 104};
inline const sf::Color kCoast{190, 220, 255}, kRoad{200, 180, 140}, kHighway{240, 210, 120};
inline const sf::Color kFeederLive{80, 220, 255}, kFeederDead{235, 60, 50}, kTie{150, 150, 150};
inline const sf::Color kSubstation{255, 255, 255}, kTripped{255, 60, 60}, kOpened{255, 170, 40};
inline const sf::Color kPredicted{255, 230, 60}, kFault{255, 90, 200}, kCrewIdle{90, 255, 120};
inline const sf::Color kCrewBusy{255, 240, 90}, kCrewTravel{120, 200, 255}, kCrewRest{150, 150, 160};
inline const sf::Color kImportant{255, 255, 255}, kOrderOk{170, 170, 255}, kOrderLate{255, 40, 40};
inline const sf::Color kBlocked{255, 40, 40}, kEye{255, 255, 255}, kTrack{255, 255, 255}, kCone{255, 255, 255, 40};
inline const sf::Color kTruth{255, 0, 255};
}  // namespace palette

/// Where a crew's marker goes and how it looks, for the legend and tests.
sf::Color crew_colour(const control::CrewStatus& crew);
/// Heat-map colour of a 3-s gust in m/s (transparent below 10 m/s, red-purple above 45 m/s).
sf::Color gust_colour(double gust_mps);

/// The map of one site: static geometry plus the dynamic picture of one view revision.
class MapLayers {
 public:
  /// Builds the static layers from the site of `world` (area, grid, roads) and the area's
  /// configuration (for the coast). Call once; the site never changes during a run.
  void build_static(const world::World& world, const world::AreaConfig& area_config);
  /// Rebuilds the dynamic layers from `view` if its revision differs from the one drawn (or
  /// `force`); the gust field and the eye come from the weather now (wind field and track at
  /// view.now()). With `truth`, also the instructor overlay (faults nobody found, undetected open
  /// devices) from the world. Returns whether anything was rebuilt.
  bool rebuild_dynamic(const control::ControlRoomView& view, const world::World& world, bool truth, bool force = false);
  /// Draws the enabled layers through `camera` (its viewport must match the target's size).
  void draw(sf::RenderTarget& target, const Camera& camera, const LayerSet& layers);

  // ---- inspection (tests, legend) ----
  /// Terrain raster: one pixel per cell, north up.
  const sf::Image& terrain_image() const { return terrain_image_; }
  /// Road and feeder line vertices (sf::Lines, world metres).
  const sf::VertexArray& roads() const { return roads_; }
  const sf::VertexArray& feeders() const { return feeders_; }
  /// Colour of grid edge `edge` in the feeder layer (live or known dead).
  sf::Color edge_colour(std::uint32_t edge) const;
  /// Revision of the view last built (0: never).
  std::uint64_t drawn_revision() const { return drawn_revision_; }
  /// Marker triangles emitted by the last draw() (screen pixels), for the frame benchmark.
  std::size_t marker_vertices() const { return markers_.getVertexCount(); }
  /// Extent of the site in metres.
  double width_m() const { return width_m_; }
  double height_m() const { return height_m_; }

 private:
  struct Item {
    Layer layer;
    float x_m, y_m;
    sf::Color colour;
    std::uint8_t shape;   // 0 square, 1 triangle, 2 circle, 3 diamond, 4 cross, 5 ring
    float size_px;
  };
  void add_items(const control::ControlRoomView& view, const world::World& world, bool truth);
  void build_gusts(const world::World& world, Time now);

  double width_m_ = 0, height_m_ = 0, cell_m_ = 250;
  sf::Image terrain_image_;
  // Textures are GL resources (an sf::Texture opens a display even unused): made in draw() only.
  std::unique_ptr<sf::Texture> terrain_texture_;
  bool terrain_uploaded_ = false;
  sf::VertexArray coast_{sf::LineStrip}, roads_{sf::Lines}, feeders_{sf::Lines};
  std::vector<std::uint32_t> edge_vertex_;           // first vertex of each grid edge in feeders_ (or UINT32_MAX)
  std::vector<sf::Color> edge_live_colour_;
  std::vector<std::vector<std::uint32_t>> children_; // per node: child edges (static tree)
  std::vector<std::uint32_t> edge_child_;            // per edge: its child node
  std::vector<Item> substations_;
  struct DeviceMark {
    float x_m, y_m;
    std::uint8_t type;  // world::DeviceType
  };
  std::vector<DeviceMark> devices_;
  // dynamic
  std::uint64_t drawn_revision_ = 0;
  Time gusts_at_ = -1;
  sf::Image gust_image_;
  std::unique_ptr<sf::Texture> gust_texture_;
  bool gust_dirty_ = false;
  double gust_block_m_ = 1000;
  std::vector<Item> items_;
  sf::VertexArray routes_{sf::Lines}, blockages_{sf::Lines}, track_{sf::Lines};  // world metres
  sf::VertexArray cone_{sf::Triangles};    // forecast cone (world metres)
  sf::VertexArray markers_{sf::Triangles}; // fixed-size markers, screen pixels, rebuilt per draw
};

}  // namespace fl::render
