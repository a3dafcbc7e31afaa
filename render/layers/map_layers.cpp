#include "render/layers/map_layers.h"

#define GL_GLEXT_PROTOTYPES
#include <GL/gl.h>
#include <GL/glext.h>
#include <SFML/Graphics/RenderStates.hpp>
#include <SFML/Window/Context.hpp>
#include <SFML/Graphics/Sprite.hpp>
#include <SFML/Graphics/Transform.hpp>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>

#include "sim/world/world.h"

namespace fl::render {

namespace {

constexpr double kPi = 3.14159265358979323846;

sf::Color terrain_colour(Terrain t) {
  switch (t) {
    case Terrain::kUrban: return palette::kUrban;
    case Terrain::kRural: return palette::kRural;
    case Terrain::kRemote: return palette::kRemote;
    case Terrain::kWater: return palette::kWater;
  }
  return palette::kRural;
}

/// World metres to screen pixels (y flips: north is up on the screen).
sf::Transform camera_transform(const Camera& c) {
  const double s = c.pixels_per_m();
  const Vec2 vp = c.viewport();
  const Vec2 centre = c.centre();
  return sf::Transform(static_cast<float>(s), 0, static_cast<float>(vp.x / 2 - centre.x * s), 0, static_cast<float>(-s),
                       static_cast<float>(vp.y / 2 + centre.y * s), 0, 0, 1);
}

void add_line(sf::VertexArray& va, double x0, double y0, double x1, double y1, sf::Color colour) {
  va.append(sf::Vertex(sf::Vector2f(static_cast<float>(x0), static_cast<float>(y0)), colour));
  va.append(sf::Vertex(sf::Vector2f(static_cast<float>(x1), static_cast<float>(y1)), colour));
}

bool same_vertices(const sf::VertexArray& a, const sf::VertexArray& b) {
  if (a.getVertexCount() != b.getVertexCount() || a.getPrimitiveType() != b.getPrimitiveType()) return false;
  for (std::size_t i = 0; i < a.getVertexCount(); ++i)
    if (a[i].position != b[i].position || a[i].color != b[i].color) return false;
  return true;
}

void add_triangle(sf::VertexArray& va, sf::Vector2f a, sf::Vector2f b, sf::Vector2f c, sf::Color colour) {
  va.append(sf::Vertex(a, colour));
  va.append(sf::Vertex(b, colour));
  va.append(sf::Vertex(c, colour));
}

/// A fixed-size marker centred at `p` (screen pixels): shapes as in MapLayers::Item.
void add_marker(sf::VertexArray& va, sf::Vector2f p, float r, std::uint8_t shape, sf::Color colour) {
  const sf::Color outline(0, 0, 0, colour.a);
  auto quad = [&](float h, sf::Color c) {
    add_triangle(va, {p.x - h, p.y - h}, {p.x + h, p.y - h}, {p.x + h, p.y + h}, c);
    add_triangle(va, {p.x - h, p.y - h}, {p.x + h, p.y + h}, {p.x - h, p.y + h}, c);
  };
  auto diamond = [&](float h, sf::Color c) {
    add_triangle(va, {p.x, p.y - h}, {p.x + h, p.y}, {p.x, p.y + h}, c);
    add_triangle(va, {p.x, p.y - h}, {p.x, p.y + h}, {p.x - h, p.y}, c);
  };
  auto disc = [&](float h, sf::Color c) {
    constexpr int kSides = 10;
    for (int i = 0; i < kSides; ++i) {
      const double a0 = 2 * kPi * i / kSides, a1 = 2 * kPi * (i + 1) / kSides;
      add_triangle(va, p, {p.x + h * static_cast<float>(std::cos(a0)), p.y + h * static_cast<float>(std::sin(a0))},
                   {p.x + h * static_cast<float>(std::cos(a1)), p.y + h * static_cast<float>(std::sin(a1))}, c);
    }
  };
  switch (shape) {
    case 0: quad(r + 1, outline); quad(r, colour); break;
    case 1:
      add_triangle(va, {p.x, p.y - r - 2}, {p.x + r + 2, p.y + r + 1}, {p.x - r - 2, p.y + r + 1}, outline);
      add_triangle(va, {p.x, p.y - r}, {p.x + r, p.y + r}, {p.x - r, p.y + r}, colour);
      break;
    case 2: disc(r + 1, outline); disc(r, colour); break;
    case 3: diamond(r + 1.5f, outline); diamond(r, colour); break;
    case 4: {
      const float w = std::max(1.5f, r / 3);
      add_triangle(va, {p.x - r, p.y - w}, {p.x + r, p.y - w}, {p.x + r, p.y + w}, colour);
      add_triangle(va, {p.x - r, p.y - w}, {p.x + r, p.y + w}, {p.x - r, p.y + w}, colour);
      add_triangle(va, {p.x - w, p.y - r}, {p.x + w, p.y - r}, {p.x + w, p.y + r}, colour);
      add_triangle(va, {p.x - w, p.y - r}, {p.x + w, p.y + r}, {p.x - w, p.y + r}, colour);
      break;
    }
    default: {  // ring
      constexpr int kSides = 16;
      const float inner = r * 0.6f;
      for (int i = 0; i < kSides; ++i) {
        const double a0 = 2 * kPi * i / kSides, a1 = 2 * kPi * (i + 1) / kSides;
        const sf::Vector2f o0(p.x + r * static_cast<float>(std::cos(a0)), p.y + r * static_cast<float>(std::sin(a0)));
        const sf::Vector2f o1(p.x + r * static_cast<float>(std::cos(a1)), p.y + r * static_cast<float>(std::sin(a1)));
        const sf::Vector2f i0(p.x + inner * static_cast<float>(std::cos(a0)), p.y + inner * static_cast<float>(std::sin(a0)));
        const sf::Vector2f i1(p.x + inner * static_cast<float>(std::cos(a1)), p.y + inner * static_cast<float>(std::sin(a1)));
        add_triangle(va, o0, o1, i1, colour);
        add_triangle(va, o0, i1, i0, colour);
      }
    }
  }
}

}  // namespace

sf::Color crew_colour(const control::CrewStatus& crew) {
  if (!crew.present || !crew.on_shift || crew.activity == control::CrewActivity::kRest) return palette::kCrewRest;
  switch (crew.activity) {
    case control::CrewActivity::kIdle: return crew.job == control::CrewJob::kNone ? palette::kCrewIdle : palette::kCrewBusy;
    case control::CrewActivity::kTravel: return palette::kCrewTravel;
    default: return palette::kCrewBusy;
  }
}

sf::Color gust_colour(double gust_mps) {
  if (gust_mps < 10) return sf::Color(0, 0, 0, 0);
  // Beaufort-like bands: 10–17 yellow-green, 17–25 orange, 25–33 red, 33+ purple.
  const double t = std::clamp((gust_mps - 10) / 35, 0.0, 1.0);
  const auto lerp = [](double a, double b, double u) { return static_cast<sf::Uint8>(a + (b - a) * u); };
  const auto alpha = static_cast<sf::Uint8>(25 + 70 * t);  // a wash: terrain and lines stay readable
  if (t < 0.5) return sf::Color(lerp(230, 255, t * 2), lerp(230, 80, t * 2), 40, alpha);
  return sf::Color(lerp(255, 200, (t - 0.5) * 2), lerp(80, 20, (t - 0.5) * 2), lerp(40, 220, (t - 0.5) * 2), alpha);
}

void MapLayers::build_static(const world::World& world, const world::AreaConfig& area_config) {
  const world::Area& area = world.area();
  cell_m_ = area.cell_m;
  width_m_ = area.nx * area.cell_m;
  height_m_ = area.ny * area.cell_m;
  terrain_image_.create(static_cast<unsigned>(area.nx), static_cast<unsigned>(area.ny));
  for (int y = 0; y < area.ny; ++y)
    for (int x = 0; x < area.nx; ++x)
      terrain_image_.setPixel(static_cast<unsigned>(x), static_cast<unsigned>(area.ny - 1 - y),
                              terrain_colour(area.cells[static_cast<std::size_t>(y) * area.nx + x].terrain));
  ground_composed_for_.reset();

  coast_.clear();
  const double step_km = area.cell_m / 1000.0;
  for (double x_km = 0; x_km <= width_m_ / 1000 + 1e-9; x_km += step_km) {
    const double y_m = std::clamp(world::coast_y_km(area_config, x_km) * 1000, 0.0, height_m_);
    coast_.append(sf::Vertex(sf::Vector2f(static_cast<float>(x_km * 1000), static_cast<float>(y_m)), palette::kCoast));
  }

  roads_.clear();
  const world::Roads& roads = world.roads();
  for (const world::RoadLink& link : roads.links()) {
    const world::Junction& a = roads.junctions()[link.a];
    const world::Junction& b = roads.junctions()[link.b];
    const sf::Color c = link.cls == world::RoadClass::kHighway ? palette::kHighway : palette::kRoad;
    add_line(roads_, a.x_m, a.y_m, b.x_m, b.y_m, sf::Color(c.r, c.g, c.b, link.cls == world::RoadClass::kTrack ? 90 : 160));
  }

  const world::Grid& grid = world.grid();
  feeders_.clear();
  edge_vertex_.assign(grid.edges().size(), UINT32_MAX);
  edge_live_colour_.assign(grid.edges().size(), palette::kFeederLive);
  edge_child_.assign(grid.edges().size(), 0);
  children_.assign(grid.nodes().size(), {});
  for (std::uint32_t e = 0; e < grid.edges().size(); ++e) {
    const world::Edge& edge = grid.edges()[e];
    const world::Node& a = grid.nodes()[edge.child];
    const world::Node& b = grid.nodes()[edge.parent];
    edge_child_[e] = edge.child;
    const bool tie = edge.device != world::kNoId && grid.devices()[edge.device].type == world::DeviceType::kTie;
    sf::Color c = tie ? palette::kTie : palette::kFeederLive;
    if (!tie && !edge.trunk) c.a = 70;  // laterals faint: the main lines carry the picture
    edge_live_colour_[e] = c;
    edge_vertex_[e] = static_cast<std::uint32_t>(feeders_.getVertexCount());
    add_line(feeders_, a.x_m, a.y_m, b.x_m, b.y_m, c);
    if (grid.nodes()[edge.child].parent_edge == e) children_[edge.parent].push_back(e);
  }
  substations_.clear();
  for (const world::Node& n : grid.nodes())
    if (n.source) substations_.push_back({Layer::kSubstations, n.x_m, n.y_m, palette::kSubstation, 0, 5});
  devices_.clear();
  for (const world::Device& d : grid.devices()) {
    if (d.edge == world::kNoId) continue;  // transformer fuses: too many to draw
    const world::Node& at = grid.nodes()[grid.edges()[d.edge].parent];
    devices_.push_back({at.x_m, at.y_m, static_cast<std::uint8_t>(d.type)});
  }
  drawn_revision_ = 0;
  gusts_at_ = -1;
  ++ground_revision_;
  ++feeder_revision_;
  ++items_revision_;
}

sf::Color MapLayers::edge_colour(std::uint32_t edge) const {
  if (edge >= edge_vertex_.size() || edge_vertex_[edge] == UINT32_MAX) return sf::Color::Transparent;
  return feeders_[edge_vertex_[edge]].color;
}

bool MapLayers::rebuild_dynamic(const control::ControlRoomView& view, const world::World& world, bool truth, bool force) {
  const Time now = view.now();
  bool rebuilt = false;
  // The gust field changes with time, not with the view: refresh every 10 simulated minutes.
  if (gusts_at_ < 0 || std::abs(now - gusts_at_) >= 10 * kMinute) {
    build_gusts(world, now);
    rebuilt = true;
  }
  if (!force && view.revision() == drawn_revision_ && drawn_revision_ != 0) return rebuilt;
  drawn_revision_ = view.revision();

  // Feeder supply as the control room knows it: everything below a known open device is dead.
  // The backdrop is redrawn only if a colour actually changed (most revisions change none).
  std::vector<sf::Color> colours_before(edge_vertex_.size());
  for (std::uint32_t e = 0; e < edge_vertex_.size(); ++e)
    if (edge_vertex_[e] != UINT32_MAX) colours_before[e] = feeders_[edge_vertex_[e]].color;
  const world::Grid& grid = world.grid();
  for (std::uint32_t e = 0; e < edge_vertex_.size(); ++e) {
    if (edge_vertex_[e] == UINT32_MAX) continue;
    feeders_[edge_vertex_[e]].color = feeders_[edge_vertex_[e] + 1].color = edge_live_colour_[e];
  }
  std::vector<std::uint32_t> stack;
  for (const control::KnownOpenDevice& open : view.open_devices()) {
    if (open.device >= grid.devices().size()) continue;
    const world::Device& d = grid.devices()[open.device];
    if (d.edge == world::kNoId || d.type == world::DeviceType::kTie) continue;
    stack.assign(1, d.edge);
    while (!stack.empty()) {
      const std::uint32_t e = stack.back();
      stack.pop_back();
      if (edge_vertex_[e] != UINT32_MAX) {
        // Dead laterals stay as faint as live ones, so a storm's map is not one red wash.
        sf::Color dead = palette::kFeederDead;
        dead.a = edge_live_colour_[e].a;
        feeders_[edge_vertex_[e]].color = feeders_[edge_vertex_[e] + 1].color = dead;
      }
      for (std::uint32_t child : children_[edge_child_[e]]) stack.push_back(child);
    }
  }
  bool recoloured = false;
  for (std::uint32_t e = 0; e < edge_vertex_.size() && !recoloured; ++e)
    recoloured = edge_vertex_[e] != UINT32_MAX && feeders_[edge_vertex_[e]].color != colours_before[e];
  if (recoloured) ++feeder_revision_;
  const sf::VertexArray blockages_before = blockages_, track_before = track_, cone_before = cone_;
  add_items(view, world, truth);
  if (!same_vertices(blockages_, blockages_before) || !same_vertices(track_, track_before) || !same_vertices(cone_, cone_before))
    ++ground_revision_;
  ++items_revision_;
  return true;
}

void MapLayers::build_gusts(const world::World& world, Time now) {
  gusts_at_ = now;
  const auto bx = static_cast<unsigned>(std::ceil(width_m_ / gust_block_m_));
  const auto by = static_cast<unsigned>(std::ceil(height_m_ / gust_block_m_));
  if (bx == 0 || by == 0) return;
  gust_image_.create(bx, by, sf::Color::Transparent);
  const world::Area& area = world.area();
  for (unsigned j = 0; j < by; ++j)
    for (unsigned i = 0; i < bx; ++i) {
      const double x = (i + 0.5) * gust_block_m_, y = (j + 0.5) * gust_block_m_;
      const double gust = world.wind().sustained(now, x, y) * world::gust_factor(area.at(x, y).exposure);
      gust_image_.setPixel(i, by - 1 - j, gust_colour(gust));
    }
  ++gust_generation_;
  ++ground_revision_;
}

void MapLayers::add_items(const control::ControlRoomView& view, const world::World& world, bool truth) {
  items_.clear();
  routes_.clear();
  blockages_.clear();
  track_.clear();
  cone_.clear();
  const world::Grid& grid = world.grid();
  const world::Area& area = world.area();
  for (const control::KnownOpenDevice& d : view.open_devices())
    items_.push_back({Layer::kDevices, d.x_m, d.y_m, d.tripped ? palette::kTripped : palette::kOpened, 0, 4});
  for (const control::CallPrediction& p : view.predictions()) {
    if (p.device >= grid.devices().size() || grid.devices()[p.device].edge == world::kNoId) continue;
    const world::Node& n = grid.nodes()[grid.edges()[grid.devices()[p.device].edge].child];
    const float size = 4 + 2 * std::sqrt(static_cast<float>(std::min<std::uint32_t>(p.calls, 100)));
    items_.push_back({Layer::kCalls, n.x_m, n.y_m, sf::Color(palette::kPredicted.r, palette::kPredicted.g, palette::kPredicted.b, 200), 5, size});
  }
  for (const control::KnownFault& f : view.faults())
    items_.push_back({Layer::kFaults, f.x_m, f.y_m, palette::kFault, 4, 6});
  for (const CustomerRecord& c : view.important_customers())
    items_.push_back({Layer::kImportant, static_cast<float>(area.centre_x(c.cell)), static_cast<float>(area.centre_y(c.cell)),
                      palette::kImportant, 3, 3});
  const Time now = view.now();
  for (const control::OrderStatus& o : view.open_orders()) {
    if (o.customer == control::kNoneId || o.customer >= area.customers.size()) continue;
    const std::uint32_t cell = area.customers[o.customer].cell;
    const Time due = o.first_due_ms != kNever && !o.on_site ? o.first_due_ms : o.final_due_ms;
    const bool late = o.overdue || (due != kNever && due - now < 30 * kMinute);
    items_.push_back({Layer::kOrders, static_cast<float>(area.centre_x(cell)), static_cast<float>(area.centre_y(cell)),
                      late ? palette::kOrderLate : palette::kOrderOk, 0, 1.5f});
  }
  for (const control::CrewStatus& c : view.crews()) {
    if (!c.present) continue;
    const std::uint8_t shape = c.kind == control::CrewKind::kLine ? 1 : c.kind == control::CrewKind::kTree ? 2 : 3;
    items_.push_back({Layer::kCrews, c.x_m, c.y_m, crew_colour(c), shape, 5});
    if (c.job != control::CrewJob::kNone && (c.dest_x_m != c.x_m || c.dest_y_m != c.y_m))
      add_line(routes_, c.x_m, c.y_m, c.dest_x_m, c.dest_y_m, sf::Color(palette::kCrewTravel.r, palette::kCrewTravel.g, palette::kCrewTravel.b, 150));
  }
  for (const control::KnownBlockage& b : view.blockages()) add_line(blockages_, b.x0_m, b.y0_m, b.x1_m, b.y1_m, palette::kBlocked);

  // The typhoon: the observed past track and the eye now, the latest forecast and its cone.
  if (const world::Typhoon* typhoon = world.typhoon()) {
    const auto& track = typhoon->config().track;
    if (!track.empty()) {
      const Time start = static_cast<Time>(track.front().time_h * static_cast<double>(kHour));
      const Time until = std::min(now, static_cast<Time>(track.back().time_h * static_cast<double>(kHour)));
      world::EyeState prev = typhoon->eye_at(start);
      for (Time t = start + kHour; t <= until; t += kHour) {
        const world::EyeState e = typhoon->eye_at(t);
        add_line(track_, prev.x_m, prev.y_m, e.x_m, e.y_m, palette::kTrack);
        prev = e;
      }
      if (typhoon->active(now)) {
        const world::EyeState eye = typhoon->eye_at(now);
        items_.push_back({Layer::kStorm, static_cast<float>(eye.x_m), static_cast<float>(eye.y_m), palette::kEye, 5, 9});
      }
    }
  }
  const auto forecast = view.forecast();
  for (std::size_t i = 0; i + 1 < forecast.size(); ++i) {
    const control::ForecastPoint& a = forecast[i];
    const control::ForecastPoint& b = forecast[i + 1];
    add_line(track_, a.x_m, a.y_m, b.x_m, b.y_m, sf::Color(255, 255, 255, 140));
    // Cone segment: a quad between the two circles' tangent-ish sides (perpendicular offsets).
    const double dx = b.x_m - a.x_m, dy = b.y_m - a.y_m, len = std::hypot(dx, dy);
    if (len <= 0) continue;
    const double nx = -dy / len, ny = dx / len;
    const sf::Vector2f a0(static_cast<float>(a.x_m + nx * a.cone_radius_m), static_cast<float>(a.y_m + ny * a.cone_radius_m));
    const sf::Vector2f a1(static_cast<float>(a.x_m - nx * a.cone_radius_m), static_cast<float>(a.y_m - ny * a.cone_radius_m));
    const sf::Vector2f b0(static_cast<float>(b.x_m + nx * b.cone_radius_m), static_cast<float>(b.y_m + ny * b.cone_radius_m));
    const sf::Vector2f b1(static_cast<float>(b.x_m - nx * b.cone_radius_m), static_cast<float>(b.y_m - ny * b.cone_radius_m));
    add_triangle(cone_, a0, b0, b1, palette::kCone);
    add_triangle(cone_, a0, b1, a1, palette::kCone);
  }
  for (const control::ForecastPoint& p : forecast)
    items_.push_back({Layer::kStorm, p.x_m, p.y_m, sf::Color(255, 255, 255, 180), 2, 2});

  if (truth) {
    // Instructor / debrief overlay: what nobody in the control room knows.
    for (const world::Fault& f : world.faults())
      if (f.found == kNever && f.repaired == kNever && f.occurred != kNever)
        items_.push_back({Layer::kTruth, f.x_m, f.y_m, palette::kTruth, 4, 5});
    std::vector<std::uint32_t> known;
    for (const control::KnownOpenDevice& d : view.open_devices()) known.push_back(d.device);
    for (std::uint32_t d : world.open_devices()) {
      if (std::binary_search(known.begin(), known.end(), d)) continue;
      const world::Device& dev = grid.devices()[d];
      const std::uint32_t node = dev.edge != world::kNoId ? grid.edges()[dev.edge].child : grid.transformers()[dev.transformer].node;
      items_.push_back({Layer::kTruth, grid.nodes()[node].x_m, grid.nodes()[node].y_m, palette::kTruth, 5, 5});
    }
  }
}

namespace {

constexpr Layer kGroundLayers[] = {Layer::kTerrain, Layer::kGusts, Layer::kCoast, Layer::kRoads, Layer::kStorm};

}  // namespace

MapLayers::CacheKey MapLayers::ground_key(const Camera& camera, const LayerSet& layers) const {
  CacheKey key;
  const sf::Transform transform = camera_transform(camera);  // getMatrix() points into it
  const float* m = transform.getMatrix();
  std::copy(m, m + 16, key.transform.begin());
  key.viewport_w = static_cast<float>(camera.viewport().x);
  key.viewport_h = static_cast<float>(camera.viewport().y);
  for (const Layer l : kGroundLayers)
    if (layers[l]) key.toggles |= 1u << static_cast<unsigned>(l);
  key.content = ground_revision_;
  return key;
}

MapLayers::CacheKey MapLayers::backdrop_key(const Camera& camera, const LayerSet& layers) const {
  CacheKey key = ground_key(camera, layers);
  if (layers[Layer::kFeeders]) key.toggles |= 1u << static_cast<unsigned>(Layer::kFeeders);
  key.content = ground_revision_ * 1000003u + feeder_revision_;
  return key;
}

MapLayers::CacheKey MapLayers::markers_key(const Camera& camera, const LayerSet& layers) const {
  CacheKey key = ground_key(camera, layers);
  key.toggles = 0;
  for (std::size_t l = 0; l < kLayerCount; ++l)
    if (layers.on[l]) key.toggles |= 1u << l;
  key.content = items_revision_;
  return key;
}

bool MapLayers::backdrop_stale(const Camera& camera, const LayerSet& layers) const {
  return !shown_key_ || *shown_key_ != backdrop_key(camera, layers) || build_.step != BuildStep::kIdle;
}

bool MapLayers::markers_stale(const Camera& camera, const LayerSet& layers) const {
  return !markers_key_ || *markers_key_ != markers_key(camera, layers);
}

void MapLayers::draw_ground(sf::RenderTarget& target, const Camera& camera, const LayerSet& layers) {
  draw_ground_cells(target, camera, layers);
  draw_ground_lines(target, camera, layers);
}

void MapLayers::draw_ground_cells(sf::RenderTarget& target, const Camera& camera, const LayerSet& layers) {
  sf::RenderStates world_states;
  world_states.transform = camera_transform(camera);
  const bool terrain = layers[Layer::kTerrain], gusts = layers[Layer::kGusts] && gust_image_.getSize().x > 0;
  if ((terrain || gusts) && terrain_image_.getSize().x > 0) {
    const std::uint64_t composed_for = gust_generation_ * 4 + (terrain ? 2 : 0) + (gusts ? 1 : 0);
    if (!ground_texture_ || ground_composed_for_ != composed_for) {
      if (!ground_texture_) ground_texture_ = std::make_unique<sf::Texture>();
      ground_texture_->loadFromImage(compose_ground(terrain, gusts));
      ground_composed_for_ = composed_for;
    }
    sf::Sprite sprite(*ground_texture_);
    // Image row 0 is the northern edge: place it at y = height, scaled to cell size, flipped back.
    sprite.setScale(static_cast<float>(cell_m_), static_cast<float>(-cell_m_));
    sprite.setPosition(0, static_cast<float>(height_m_));
    target.draw(sprite, world_states);
  }
}

void MapLayers::draw_ground_lines(sf::RenderTarget& target, const Camera& camera, const LayerSet& layers) {
  sf::RenderStates world_states;
  world_states.transform = camera_transform(camera);
  if (layers[Layer::kCoast]) target.draw(coast_, world_states);
  if (layers[Layer::kRoads]) {
    target.draw(roads_, world_states);
    target.draw(blockages_, world_states);
  }
  // The storm's cone and track under the feeders: a faint wash the lines stay crisp on.
  if (layers[Layer::kStorm]) {
    target.draw(cone_, world_states);
    target.draw(track_, world_states);
  }
}

sf::Image MapLayers::compose_ground(bool terrain, bool gusts) const {
  const sf::Vector2u size = terrain_image_.getSize();
  sf::Image out;
  out.create(size.x, size.y, palette::kBackground);
  const sf::Vector2u blocks = gust_image_.getSize();
  for (unsigned row = 0; row < size.y; ++row)
    for (unsigned col = 0; col < size.x; ++col) {
      const sf::Color base = terrain ? terrain_image_.getPixel(col, row) : palette::kBackground;
      if (!gusts || blocks.x == 0) {
        out.setPixel(col, row, base);
        continue;
      }
      // The gust field sampled bilinearly at the cell's centre between block centres (as a
      // smoothed texture would be), then laid over the cell as a wash.
      const double u = (col + 0.5) * cell_m_ / gust_block_m_ - 0.5;
      // Block rows count from the top of the last block, which may lie north of the area.
      const double v = ((row + 0.5) * cell_m_ + (blocks.y * gust_block_m_ - height_m_)) / gust_block_m_ - 0.5;
      const double u0 = std::floor(u), v0 = std::floor(v), fu = u - u0, fv = v - v0;
      auto texel = [&](double i, double j) {
        const auto ci = static_cast<unsigned>(std::clamp(i, 0.0, static_cast<double>(blocks.x - 1)));
        const auto cj = static_cast<unsigned>(std::clamp(j, 0.0, static_cast<double>(blocks.y - 1)));
        return gust_image_.getPixel(ci, cj);
      };
      const sf::Color c00 = texel(u0, v0), c10 = texel(u0 + 1, v0), c01 = texel(u0, v0 + 1), c11 = texel(u0 + 1, v0 + 1);
      auto mix = [&](sf::Uint8 a00, sf::Uint8 a10, sf::Uint8 a01, sf::Uint8 a11) {
        return (a00 * (1 - fu) + a10 * fu) * (1 - fv) + (a01 * (1 - fu) + a11 * fu) * fv;
      };
      const double alpha = mix(c00.a, c10.a, c01.a, c11.a) / 255.0;
      auto over = [&](double wash, sf::Uint8 under) { return static_cast<sf::Uint8>(std::lround(wash * alpha + under * (1 - alpha))); };
      out.setPixel(col, row,
                   sf::Color(over(mix(c00.r, c10.r, c01.r, c11.r), base.r), over(mix(c00.g, c10.g, c01.g, c11.g), base.g),
                             over(mix(c00.b, c10.b, c01.b, c11.b), base.b)));
    }
  return out;
}

void MapLayers::draw_feeders(sf::RenderTarget& target, const Camera& camera, const LayerSet& layers,
                             const sf::VertexArray& lines, std::size_t first, std::size_t end) {
  if (!layers[Layer::kFeeders] || first >= end) return;
  sf::RenderStates world_states;
  world_states.transform = camera_transform(camera);
  target.draw(&lines[first], end - first, sf::Lines, world_states);
}

void MapLayers::build_markers(const Camera& camera, const LayerSet& layers) {
  const Vec2 vp = camera.viewport();
  const auto scale = static_cast<float>(camera.pixels_per_m());
  // Fixed-size markers in screen pixels, culled to the viewport.
  markers_.clear();
  auto visible = [&](const Vec2& s) { return s.x > -20 && s.y > -20 && s.x < vp.x + 20 && s.y < vp.y + 20; };
  if (layers[Layer::kDevices]) {
    // Line devices only when zoomed in enough to tell them apart (fuses closer still).
    for (const DeviceMark& d : devices_) {
      const bool fuse = d.type == static_cast<std::uint8_t>(world::DeviceType::kFuse);
      if (scale < (fuse ? 0.12f : 0.05f)) continue;
      const Vec2 s = camera.to_screen({d.x_m, d.y_m});
      if (!visible(s)) continue;
      const sf::Color c = d.type == static_cast<std::uint8_t>(world::DeviceType::kTie) ? palette::kTie : sf::Color(220, 220, 220);
      add_marker(markers_, sf::Vector2f(static_cast<float>(s.x), static_cast<float>(s.y)), fuse ? 1.5f : 2.0f, 0, c);
    }
  }
  if (layers[Layer::kSubstations])
    for (const Item& it : substations_) {
      const Vec2 s = camera.to_screen({it.x_m, it.y_m});
      if (visible(s)) add_marker(markers_, sf::Vector2f(static_cast<float>(s.x), static_cast<float>(s.y)), it.size_px, it.shape, it.colour);
    }
  for (const Item& it : items_) {
    if (!layers[it.layer]) continue;
    const Vec2 s = camera.to_screen({it.x_m, it.y_m});
    if (visible(s)) add_marker(markers_, sf::Vector2f(static_cast<float>(s.x), static_cast<float>(s.y)), it.size_px, it.shape, it.colour);
  }
  markers_key_ = markers_key(camera, layers);
}

bool MapLayers::copy_picture(const sf::RenderTexture& from, sf::RenderTarget& to) {
  // A framebuffer copy, not a textured quad: llvmpipe copies rows (between two pictures of one
  // format, a memcpy) instead of shading a fragment per pixel. Framebuffer objects are not
  // shared between GL contexts, so the read framebuffer is made once per context.
  if (!to.setActive(true)) return false;
  GLint destination = 0;
  glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &destination);
  unsigned& source = copy_framebuffers_[sf::Context::getActiveContextId()];
  if (source == 0) glGenFramebuffers(1, &source);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, source);
  glFramebufferTexture2D(GL_READ_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, from.getTexture().getNativeHandle(), 0);
  const bool complete = glCheckFramebufferStatus(GL_READ_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
  if (complete) {
    const auto w = static_cast<GLint>(from.getSize().x), h = static_cast<GLint>(from.getSize().y);
    glBlitFramebuffer(0, 0, w, h, 0, 0, w, h, GL_COLOR_BUFFER_BIT, GL_NEAREST);
  }
  glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(destination));  // as SFML left it
  return complete;
}

/// Copies `from` over all of `to` (same size): a framebuffer copy where possible, else a sprite.
void MapLayers::copy_or_draw(const sf::RenderTexture& from, sf::RenderTarget& to) {
  if (copy_picture(from, to)) return;
  to.draw(sf::Sprite(from.getTexture()), sf::RenderStates(sf::BlendNone));
}

void MapLayers::advance_build(const Camera& camera, const LayerSet& layers, const sf::View& screen_view) {
  switch (build_.step) {
    case BuildStep::kIdle: return;
    case BuildStep::kGroundCells:
      ground_key_.reset();  // half drawn until kGroundLines
      ground_->setView(screen_view);
      ground_->clear(palette::kBackground);
      draw_ground_cells(*ground_, camera, layers);
      build_.step = BuildStep::kGroundLines;
      break;
    case BuildStep::kGroundLines:
      draw_ground_lines(*ground_, camera, layers);
      ground_->display();
      ground_key_ = build_.ground;
      build_.step = BuildStep::kFeedersFirstHalf;
      break;
    case BuildStep::kFeedersFirstHalf: {
      back_->setView(screen_view);
      copy_or_draw(*ground_, *back_);
      const std::size_t half = build_.feeders.getVertexCount() / 4 * 2;  // whole lines
      draw_feeders(*back_, camera, layers, build_.feeders, 0, half);
      build_.step = BuildStep::kFeedersSecondHalf;
      break;
    }
    case BuildStep::kFeedersSecondHalf: {
      const std::size_t half = build_.feeders.getVertexCount() / 4 * 2;
      draw_feeders(*back_, camera, layers, build_.feeders, half, build_.feeders.getVertexCount());
      back_->display();
      std::swap(shown_, back_);
      shown_key_ = build_.backdrop;
      build_.step = BuildStep::kIdle;
      break;
    }
  }
  ++backdrop_redraws_;
}

void MapLayers::draw(sf::RenderTarget& target, const Camera& camera, const LayerSet& layers) {
  const Vec2 vp = camera.viewport();
  const sf::View screen_view(sf::FloatRect(0, 0, static_cast<float>(vp.x), static_cast<float>(vp.y)));
  target.setView(screen_view);
  const auto width_px = static_cast<unsigned>(std::lround(vp.x)), height_px = static_cast<unsigned>(std::lround(vp.y));
  if (!backdrop_unavailable_ && width_px > 0 && height_px > 0 &&
      (!shown_ || shown_->getSize() != sf::Vector2u(width_px, height_px))) {
    ground_ = std::make_unique<sf::RenderTexture>();
    shown_ = std::make_unique<sf::RenderTexture>();
    back_ = std::make_unique<sf::RenderTexture>();
    if (!ground_->create(width_px, height_px) || !shown_->create(width_px, height_px) || !back_->create(width_px, height_px)) {
      spdlog::warn("no off-screen render target ({}x{} px): the map is drawn in full every frame", width_px, height_px);
      ground_.reset();
      shown_.reset();
      back_.reset();
      backdrop_unavailable_ = true;
    }
    ground_key_.reset();
    shown_key_.reset();
    build_.step = BuildStep::kIdle;
  }
  if (shown_) {
    const CacheKey wanted = backdrop_key(camera, layers);
    const bool camera_moved = !shown_key_ || shown_key_->transform != wanted.transform ||
                              shown_key_->viewport_w != wanted.viewport_w || shown_key_->viewport_h != wanted.viewport_h;
    if (build_.step == BuildStep::kIdle && (!shown_key_ || *shown_key_ != wanted)) {
      // Start a new picture from what the layers hold now; the feeders' colours are taken now
      // too, so a picture finished over two frames shows one moment.
      build_.ground = ground_key(camera, layers);
      build_.backdrop = wanted;
      build_.feeders = feeders_;
      build_.step = ground_key_ == build_.ground ? BuildStep::kFeedersFirstHalf : BuildStep::kGroundCells;
    }
    if (camera_moved) {
      // The trainee is panning or zooming: the picture must follow at once, whatever it costs.
      if (build_.step != BuildStep::kIdle && build_.backdrop != wanted) {
        build_.ground = ground_key(camera, layers);
        build_.backdrop = wanted;
        build_.feeders = feeders_;
        build_.step = ground_key_ == build_.ground ? BuildStep::kFeedersFirstHalf : BuildStep::kGroundCells;
      }
      while (build_.step != BuildStep::kIdle) advance_build(camera, layers, screen_view);
    } else {
      // A content change: one step per frame (each a few milliseconds under llvmpipe), the
      // old picture shown meanwhile — a few frames late, never a frame that pays for all.
      advance_build(camera, layers, screen_view);
    }
    copy_or_draw(*shown_, target);
  } else {
    target.clear(palette::kBackground);
    draw_ground(target, camera, layers);
    draw_feeders(target, camera, layers, feeders_, 0, feeders_.getVertexCount());
  }
  if (layers[Layer::kCrews]) {
    sf::RenderStates world_states;
    world_states.transform = camera_transform(camera);
    target.draw(routes_, world_states);
  }
  if (markers_stale(camera, layers)) build_markers(camera, layers);
  target.draw(markers_);
}

}  // namespace fl::render
