#include "sim/world/geometry.h"

#include <box2d/box2d.h>

#include <algorithm>
#include <cmath>

namespace fl::world {

namespace {

enum Tag : std::uint64_t { kSpan = 1, kRoad = 2, kPremise = 3 };

std::uintptr_t pack(Tag tag, std::uint32_t id) { return static_cast<std::uintptr_t>((static_cast<std::uint64_t>(tag) << 32) | id); }

class Collector : public b2RayCastCallback {
 public:
  explicit Collector(SegmentHits& out) : out_(out) {}
  float ReportFixture(b2Fixture* fixture, const b2Vec2&, const b2Vec2&, float) override {
    const auto v = static_cast<std::uint64_t>(fixture->GetUserData().pointer);
    const auto id = static_cast<std::uint32_t>(v & 0xffffffffu);
    switch (v >> 32) {
      case kSpan: out_.spans.push_back(id); break;
      case kRoad: out_.roads.push_back(id); break;
      case kPremise: out_.premises.push_back(id); break;
      default: break;
    }
    return 1.0f;  // keep going: we want every shape along the segment
  }

 private:
  SegmentHits& out_;
};

void sort_unique(std::vector<std::uint32_t>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

}  // namespace

Geometry::Geometry() : world_(std::make_unique<b2World>(b2Vec2(0.0f, 0.0f))) {
  b2BodyDef def;
  def.type = b2_staticBody;
  body_ = world_->CreateBody(&def);
}

Geometry::~Geometry() = default;

void Geometry::add_span(std::uint32_t edge, double x0, double y0, double x1, double y1) {
  if (std::hypot(x1 - x0, y1 - y0) < 0.01) return;
  b2EdgeShape shape;
  shape.SetTwoSided(b2Vec2(static_cast<float>(x0), static_cast<float>(y0)), b2Vec2(static_cast<float>(x1), static_cast<float>(y1)));
  b2FixtureDef def;
  def.shape = &shape;
  def.userData.pointer = pack(kSpan, edge);
  body_->CreateFixture(&def);
  ++shapes_;
}

void Geometry::add_road(std::uint32_t link, double x0, double y0, double x1, double y1) {
  if (std::hypot(x1 - x0, y1 - y0) < 0.01) return;
  b2EdgeShape shape;
  shape.SetTwoSided(b2Vec2(static_cast<float>(x0), static_cast<float>(y0)), b2Vec2(static_cast<float>(x1), static_cast<float>(y1)));
  b2FixtureDef def;
  def.shape = &shape;
  def.userData.pointer = pack(kRoad, link);
  body_->CreateFixture(&def);
  ++shapes_;
}

void Geometry::add_premise(std::uint32_t transformer, double x, double y, double half_m) {
  b2PolygonShape shape;
  shape.SetAsBox(static_cast<float>(half_m), static_cast<float>(half_m), b2Vec2(static_cast<float>(x), static_cast<float>(y)), 0.0f);
  b2FixtureDef def;
  def.shape = &shape;
  def.userData.pointer = pack(kPremise, transformer);
  body_->CreateFixture(&def);
  ++shapes_;
}

void Geometry::segment_hits(double x0, double y0, double x1, double y1, SegmentHits& out) const {
  out.clear();
  if (std::hypot(x1 - x0, y1 - y0) < 1e-3) return;
  Collector collector(out);
  world_->RayCast(&collector, b2Vec2(static_cast<float>(x0), static_cast<float>(y0)),
                  b2Vec2(static_cast<float>(x1), static_cast<float>(y1)));
  sort_unique(out.spans);
  sort_unique(out.roads);
  sort_unique(out.premises);
}

void Geometry::fallen_tree(double x, double y, double toward_rad, double height_m, SegmentHits& out) const {
  segment_hits(x, y, x + height_m * std::cos(toward_rad), y + height_m * std::sin(toward_rad), out);
}

}  // namespace fl::world
