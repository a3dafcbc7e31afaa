// Fallen trees against hand-made spans and roads in the Box2D world.
#include <gtest/gtest.h>

#include <cmath>

#include "sim/world/geometry.h"

namespace fl::world {
namespace {

constexpr double kNorth = 3.14159265358979323846 / 2;

class GeometryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    geo.add_span(7, 0, 20, 100, 20);   // an east-west line at y = 20 m
    geo.add_road(3, 0, 0, 100, 0);     // a road along y = 0
    geo.add_premise(5, 50, 60, 5);     // a house at (50, 60)
  }
  Geometry geo;
  SegmentHits hits;
};

TEST_F(GeometryTest, TreeThatJustReachesTheSpanFaultsIt) {
  geo.fallen_tree(50, 10, kNorth, 10.5, hits);  // base 10 m south of the line, 10.5 m tall
  EXPECT_EQ(hits.spans, (std::vector<std::uint32_t>{7}));
  EXPECT_TRUE(hits.roads.empty());
}

TEST_F(GeometryTest, TreeThatFallsShortMissesTheSpan) {
  geo.fallen_tree(50, 10, kNorth, 9.5, hits);
  EXPECT_TRUE(hits.spans.empty());
}

TEST_F(GeometryTest, TreeFallingAwayMissesTheSpan) {
  geo.fallen_tree(50, 30, kNorth, 30, hits);  // north of the line, falling further north
  EXPECT_TRUE(hits.spans.empty());
}

TEST_F(GeometryTest, TreeAcrossTheRoadBlocksIt) {
  geo.fallen_tree(50, 8, -kNorth, 12, hits);  // falls south across y = 0
  EXPECT_EQ(hits.roads, (std::vector<std::uint32_t>{3}));
  EXPECT_TRUE(hits.spans.empty());
}

TEST_F(GeometryTest, TallTreeCanHitLineAndRoad) {
  geo.fallen_tree(50, -5, kNorth, 30, hits);
  EXPECT_EQ(hits.roads, (std::vector<std::uint32_t>{3}));
  EXPECT_EQ(hits.spans, (std::vector<std::uint32_t>{7}));
  EXPECT_TRUE(hits.premises.empty());
}

TEST_F(GeometryTest, DiagonalFallUsesTheFullHeight) {
  // 45° toward the north-east from 10 m below the line: reaches it only if height >= 10·√2.
  geo.fallen_tree(50, 10, kNorth / 2, 14.0, hits);
  EXPECT_TRUE(hits.spans.empty());
  geo.fallen_tree(50, 10, kNorth / 2, 14.3, hits);
  EXPECT_EQ(hits.spans.size(), 1u);
}

TEST_F(GeometryTest, SegmentQueryFindsPremises) {
  geo.segment_hits(50, 40, 50, 80, hits);
  EXPECT_EQ(hits.premises, (std::vector<std::uint32_t>{5}));
  EXPECT_EQ(geo.shape_count(), 3u);
}

}  // namespace
}  // namespace fl::world
