// Life-support households are placed among customers (per customer, not per populated cell), so
// they live where people live: in the default drill mostly in town.
#include <gtest/gtest.h>

#include <string>

#include "sim/scenario/scenario.h"
#include "sim/world/area.h"

namespace fl::world {
namespace {

TEST(Area, LifeSupportHouseholdsFollowTheResidentialCustomers) {
  Scenario s;
  Problems problems;
  const std::string path = std::string(FAULTLINE_SOURCE_DIR) + "/scenarios/coastal_city.json";
  ASSERT_TRUE(load_scenario(path, s, problems)) << problems.format(path);
  s.world.area.life_support = 400;  // enough households for a share to mean something
  const Area area = generate_area(s.world.area);
  double homes = 0, urban_homes = 0, ls = 0, urban_ls = 0;
  for (const CustomerRecord& c : area.customers) {
    if (c.important == ImportantKind::kLifeSupport) {
      EXPECT_EQ(c.cls, CustomerClass::kResidential);
      ++ls;
      urban_ls += c.terrain == Terrain::kUrban;
    }
    if (c.cls == CustomerClass::kResidential) {
      ++homes;
      urban_homes += c.terrain == Terrain::kUrban;
    }
  }
  EXPECT_EQ(ls, 400);
  std::size_t listed = 0;
  for (const ImportantPlace& p : area.important) {
    listed += p.kind == ImportantKind::kLifeSupport;
    EXPECT_EQ(area.customers[p.customer].important, p.kind);
  }
  EXPECT_EQ(listed, 400u);
  // Binomial: 400 draws, share p ~ 0.8; 4 standard deviations is about 8 points.
  EXPECT_NEAR(urban_ls / ls, urban_homes / homes, 0.08);
  EXPECT_GT(urban_ls / ls, 0.5);
}

}  // namespace
}  // namespace fl::world
