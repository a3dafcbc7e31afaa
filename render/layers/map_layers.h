#pragma once
/// \file The map's layers. Static layers (terrain cells by class, the coast, roads, feeders,
/// substations) are built once from the site; dynamic layers (feeder supply as the control room
/// knows it, open devices, crews, faults, call hot spots, work orders, blockages, the typhoon, the
/// gust field) are rebuilt from a ControlRoomView only when its revision changes. Only the
/// instructor/debrief truth layer reads ground truth, and only when asked to. Building touches no
/// GL state, so tests inspect the layers without a window; draw() needs a render target.
///
/// Frame cost: under software GL (Mesa llvmpipe) a frame's price is what it rasterises, and most
/// of the map is tens of thousands of lines that rarely change. So draw() keeps the *backdrop*
/// (everything under the markers) as an off-screen picture, copied to the window in one blit,
/// and redraws it only when the camera, the toggles or its content change: the *ground*
/// (terrain with the gust wash, coast, roads, blockages, the storm's cone and track) in a picture
/// of its own, the feeders on top of a copy of it. A content change (a gust refresh, a section
/// turning dead) builds the new picture over the next frames, one bounded step per frame, while
/// the old one stays on screen; a camera change builds it at once. The fixed-size markers are
/// rebuilt only when the items or the camera change.
#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include <SFML/Graphics/Color.hpp>
#include <SFML/Graphics/Image.hpp>
#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Graphics/RenderTexture.hpp>
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
inline const sf::Color kBackground{20, 28, 40};  ///< behind the area (the window's clear colour)
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
  /// Draws the enabled layers through `camera` (its viewport must match the target's size),
  /// covering the whole target (outside the area: palette::kBackground).
  void draw(sf::RenderTarget& target, const Camera& camera, const LayerSet& layers);

  // ---- the backdrop cache (see the file comment) ----
  /// Bumped whenever the ground's content changes: the static build, a gust refresh, a blockage,
  /// forecast or track change. Not bumped by a revision that changes only the markers.
  std::uint64_t ground_revision() const { return ground_revision_; }
  /// Bumped whenever a feeder changes colour (a revision that opens or closes nothing: not).
  std::uint64_t feeder_revision() const { return feeder_revision_; }
  /// Whether the next draw() with `camera` and `layers` redraws a cached picture (false: a blit).
  bool backdrop_stale(const Camera& camera, const LayerSet& layers) const;
  /// Whether the next draw() with `camera` and `layers` rebuilds the marker triangles.
  bool markers_stale(const Camera& camera, const LayerSet& layers) const;
  /// How many times draw() has redrawn a picture of the backdrop (benchmark, tests).
  std::uint64_t backdrop_redraws() const { return backdrop_redraws_; }

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
  /// What a cached picture was drawn for: the camera's transform and viewport, the toggles of
  /// the layers in it, and the revision of its content.
  struct CacheKey {
    std::array<float, 16> transform{};
    float viewport_w = 0, viewport_h = 0;
    std::uint32_t toggles = 0;
    std::uint64_t content = 0;
    bool operator==(const CacheKey&) const = default;
  };
  CacheKey ground_key(const Camera& camera, const LayerSet& layers) const;
  CacheKey backdrop_key(const Camera& camera, const LayerSet& layers) const;
  CacheKey markers_key(const Camera& camera, const LayerSet& layers) const;
  void add_items(const control::ControlRoomView& view, const world::World& world, bool truth);
  void build_gusts(const world::World& world, Time now);
  void draw_ground(sf::RenderTarget& target, const Camera& camera, const LayerSet& layers);
  void draw_ground_cells(sf::RenderTarget& target, const Camera& camera, const LayerSet& layers);
  void draw_ground_lines(sf::RenderTarget& target, const Camera& camera, const LayerSet& layers);
  /// Feeder line vertices [first, end) of `lines` (world metres), if the layer is on.
  void draw_feeders(sf::RenderTarget& target, const Camera& camera, const LayerSet& layers, const sf::VertexArray& lines,
                    std::size_t first, std::size_t end);
  /// One step of the backdrop picture being built (build_), if any.
  void advance_build(const Camera& camera, const LayerSet& layers, const sf::View& screen_view);
  void build_markers(const Camera& camera, const LayerSet& layers);
  /// Terrain (or the background) with the gust wash over it, one pixel per cell, north up.
  sf::Image compose_ground(bool terrain, bool gusts) const;

  double width_m_ = 0, height_m_ = 0, cell_m_ = 250;
  sf::Image terrain_image_;
  // Textures are GL resources (an sf::Texture opens a display even unused): made in draw() only.
  // The terrain with the gust wash blended in per cell, one texture: a storm frame then fills the
  // area once, not twice (composed in draw() for the toggles in `ground_composed_for_`).
  std::unique_ptr<sf::Texture> ground_texture_;
  std::optional<std::uint64_t> ground_composed_for_;
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
  sf::Image gust_image_;  // one pixel per gust block, north up
  std::uint64_t gust_generation_ = 0;
  double gust_block_m_ = 1000;
  std::vector<Item> items_;
  sf::VertexArray routes_{sf::Lines}, blockages_{sf::Lines}, track_{sf::Lines};  // world metres
  sf::VertexArray cone_{sf::Triangles};    // forecast cone (world metres)
  sf::VertexArray markers_{sf::Triangles}; // fixed-size markers, screen pixels (markers_key_)
  // caches
  std::uint64_t ground_revision_ = 1, feeder_revision_ = 1, items_revision_ = 1, backdrop_redraws_ = 0;
  std::unique_ptr<sf::RenderTexture> ground_, shown_, back_;  // GL resources: made in draw() only
  bool backdrop_unavailable_ = false;  // no off-screen targets: the layers are drawn directly
  std::optional<CacheKey> ground_key_, shown_key_, markers_key_;
  enum class BuildStep : std::uint8_t { kIdle, kGroundCells, kGroundLines, kFeedersFirstHalf, kFeedersSecondHalf };
  struct Build {
    BuildStep step = BuildStep::kIdle;
    CacheKey ground, backdrop;  // what the pictures will show when done
    sf::VertexArray feeders{sf::Lines};  // the feeders' colours when the build started
  } build_;
  std::map<std::uint64_t, unsigned> copy_framebuffers_;  // per GL context: copy_picture()'s source
  bool copy_picture(const sf::RenderTexture& from, sf::RenderTarget& to);
  void copy_or_draw(const sf::RenderTexture& from, sf::RenderTarget& to);  // ground pictures drawn (the feeders picture names the one under it)
};

}  // namespace fl::render
