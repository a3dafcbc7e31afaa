// The world's scenario sections: defaults, and every problem reported with its full path.
#include <gtest/gtest.h>

#include <algorithm>

#include "sim/scenario/scenario.h"

namespace fl::world {
namespace {

bool has_error(const Problems& p, const std::string& path, const std::string& expected_part) {
  return std::any_of(p.all().begin(), p.all().end(), [&](const Problem& x) {
    return x.severity == Problem::Severity::kError && x.path == path && x.expected.find(expected_part) != std::string::npos;
  });
}

TEST(WorldConfig, DefaultsWhenSectionsAreAbsent) {
  Scenario s;
  Problems p;
  ASSERT_TRUE(parse_scenario(R"({"version": 1, "id": "x", "start": {"local": "2024-09-15T06:00"}})", "", s, p)) << p.format("x");
  EXPECT_FALSE(s.world.typhoon.enabled);
  EXPECT_DOUBLE_EQ(s.world.area.cell_size_m, 250);
  EXPECT_DOUBLE_EQ(s.world.crews.elevated_wind_limit_mps, 15.6);
  EXPECT_DOUBLE_EQ(s.world.crews.shift_on_h, 16);
  // Concrete poles do not rot: one sound class, Salman et al. 2015's new-pole capacity (65/0.11, their
  // upper end) fitted to 66 with the conductor (scenarios/docs/typhoon.md, "Calibration").
  ASSERT_EQ(s.world.grid.pole_ages.size(), 1u);
  EXPECT_DOUBLE_EQ(s.world.grid.pole_ages[0].median_mps, 66);
  EXPECT_DOUBLE_EQ(s.world.grid.pole_ages[0].beta, 0.11);
  // Conductor failures start at ~40 m/s (DOMAIN.md §7), with the spread fitted on the storm events.
  EXPECT_DOUBLE_EQ(s.world.grid.conductor.median_mps, 100);
  EXPECT_DOUBLE_EQ(s.world.grid.conductor.beta, 0.30);
}

TEST(WorldConfig, ReportsProblemsWithPathsAndReferences) {
  const char* text = R"({"version": 1, "id": "x", "start": {"local": "2024-09-15T06:00"},
    "area": {"cell_size_m": 10, "named": [{"name": "H", "kind": "castle", "x_km": 1, "y_km": 1}]},
    "grid": {"substations": [{"name": "A", "x_km": 1, "y_km": 1}, {"name": "A", "x_km": 2, "y_km": 2, "feeders": 0}]},
    "typhoon": {"track": [{"time_h": 0, "x_km": 0, "y_km": 0}, {"time_h": 5, "x_km": 1, "y_km": 1}]},
    "crews": {"depots": [{"name": "D1", "x_km": 1, "y_km": 1}, {"name": "D2", "x_km": 99, "y_km": 1}],
              "mutual_aid": [{"name": "M", "staging": "Nowhere", "line_crews": 2}],
              "repair_pole": {"median_h": -1}}
  })";
  Scenario s;
  Problems p;
  EXPECT_FALSE(parse_scenario(text, "", s, p));
  EXPECT_TRUE(has_error(p, "area.cell_size_m", "")) << p.format("x");
  EXPECT_TRUE(has_error(p, "area.named[0].kind", "hospital")) << p.format("x");
  EXPECT_TRUE(has_error(p, "grid.substations[1].name", "unique")) << p.format("x");
  EXPECT_TRUE(has_error(p, "grid.substations[1].feeders", "")) << p.format("x");
  EXPECT_TRUE(has_error(p, "crews.depots[1].x_km", "")) << p.format("x");
  EXPECT_TRUE(has_error(p, "crews.mutual_aid[0].staging", "depot")) << p.format("x");
  EXPECT_TRUE(has_error(p, "crews.repair_pole.median_h", "")) << p.format("x");
}

TEST(WorldConfig, TyphoonSectionEnablesTheStorm) {
  Scenario s;
  Problems p;
  ASSERT_TRUE(parse_scenario(R"({"version": 1, "id": "x", "start": {"local": "2024-09-15T06:00"},
    "typhoon": {"track": [{"time_h": 0, "x_km": 0, "y_km": 0}, {"time_h": 5, "x_km": 1, "y_km": 1}]}})", "", s, p))
      << p.format("x");
  EXPECT_TRUE(s.world.typhoon.enabled);
  EXPECT_EQ(s.world.typhoon.track.size(), 2u);
}

TEST(WorldConfig, ShippedScenariosValidate) {
  for (const char* name : {"coastal_city.json", "mangkhut_like.json"}) {
    Scenario s;
    Problems p;
    EXPECT_TRUE(load_scenario(std::string(FAULTLINE_SOURCE_DIR) + "/scenarios/" + name, s, p)) << p.format(name);
    EXPECT_TRUE(s.world.typhoon.enabled) << name;
  }
}

}  // namespace
}  // namespace fl::world
