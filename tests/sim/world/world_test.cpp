// The world end to end on a small generated town: area, grid, storm, crews, commands.
#include <gtest/gtest.h>

#include <set>

#include "sim/core/json_writer.h"
#include "tests/sim/world/world_harness.h"

namespace fl::world {
namespace {

using testing::Harness;
using testing::parse_or_die;

const char* kTown = R"({
  "version": 1, "id": "small_town", "start": {"local": "2024-09-15T06:00"}, "duration_hours": 48, "seed": 5,
  "area": {"width_km": 12, "height_km": 10, "coast_y_km": 2, "coast_amplitude_km": 0.5, "hills_from_y_km": 8,
           "cities": [{"name": "Town", "x_km": 6, "y_km": 4.5, "radius_km": 2.5, "customers_per_cell": 30}],
           "rural_customers_per_cell": 5, "trees_per_km_rural": 3,
           "hospitals": 2, "water_works": 1, "government": 1, "life_support": 5,
           "named": [{"name": "Town Hospital", "kind": "hospital", "x_km": 6, "y_km": 4.6}]},
  "grid": {"substations": [{"name": "North", "x_km": 6, "y_km": 7, "feeders": 3},
                           {"name": "South", "x_km": 6, "y_km": 3.5, "feeders": 3}]},
  "typhoon": {"name": "Test storm", "track": [
      {"time_h": 0, "x_km": 60, "y_km": -60, "central_pressure_hpa": 974, "rmax_km": 30},
      {"time_h": 8, "x_km": 0, "y_km": 4, "central_pressure_hpa": 978, "rmax_km": 30},
      {"time_h": 20, "x_km": -60, "y_km": 70, "central_pressure_hpa": 995, "rmax_km": 40}]},
  "crews": {"depots": [{"name": "Depot", "x_km": 6, "y_km": 5, "line_crews": 12, "tree_crews": 4, "assessment_crews": 2}],
            "mutual_aid": [{"name": "Aid", "staging": "Depot", "line_crews": 4, "lead_time_h": 6}]}
})";

std::string calm_town() {
  std::string s = kTown;
  const auto a = s.find("\"typhoon\"");
  const auto b = s.find("\"crews\"");
  return s.substr(0, a) + s.substr(b);
}

TEST(World, GeneratesAreaGridAndCustomers) {
  Harness h(parse_or_die(kTown), 1);
  const World& w = *h.world;
  ASSERT_GT(w.customers().size(), 1000u);
  std::set<Terrain> terrains;
  for (const Cell& c : w.area().cells) terrains.insert(c.terrain);
  EXPECT_EQ(terrains.size(), 4u);  // urban, rural, remote and water all appear
  EXPECT_EQ(w.grid().feeders().size(), 6u);
  std::size_t ties = 0;
  for (const Device& d : w.grid().devices()) ties += d.type == DeviceType::kTie;
  EXPECT_GE(ties, 1u);
  for (const CustomerRecord& c : w.customers()) {
    ASSERT_EQ(&c - w.customers().data(), static_cast<std::ptrdiff_t>(c.id));
    ASSERT_LT(c.transformer, w.grid().transformers().size());
    const auto chain = w.protective_chain(c.transformer);
    ASSERT_GE(chain.size(), 2u);
    EXPECT_EQ(w.grid().devices()[chain.back()].type, DeviceType::kBreaker);
    EXPECT_TRUE(w.customer_energised(c.id));
    EXPECT_NE(w.area().cells[c.cell].terrain, Terrain::kWater);
  }
  bool named = false;
  for (const ImportantCustomerRecord& r : w.important_customers()) named |= r.name == "Town Hospital";
  EXPECT_TRUE(named);
  EXPECT_EQ(w.important_customers().size(), 2u + 1u + 1u + 5u + 1u);
}

TEST(World, StormInterruptsAndCrewsRestore) {
  Harness h(parse_or_die(kTown), 1);
  h.run_until(h.end);
  const World& w = *h.world;
  ASSERT_NE(w.landfall(), kNever);
  EXPECT_NEAR(to_hours(w.landfall()), 8.0, 1.0);
  // The restoration curve is sampled every 15 minutes and agrees with the listener.
  ASSERT_EQ(w.curve().size(), 48u * 4 + 1);
  for (std::size_t i = 0; i < w.curve().size(); ++i) EXPECT_DOUBLE_EQ(w.curve()[i].first, 0.25 * static_cast<double>(i));
  std::uint64_t peak = 0;
  for (const auto& [hours, out] : w.curve()) peak = std::max(peak, out);
  EXPECT_GT(peak, 100u);
  EXPECT_LT(w.customers_out(), peak / 2);
  EXPECT_EQ(h.listener.out, static_cast<std::int64_t>(w.customers_out()));
  EXPECT_FALSE(w.faults().empty());
  // Repair records are consistent in time.
  std::size_t restored = 0;
  for (const RepairRecord& r : w.repair_records()) {
    if (r.reported != kNever) {
      EXPECT_GE(r.reported, r.occurred);
    }
    if (r.arrived != kNever) {
      EXPECT_GE(r.arrived, r.occurred);
    }
    if (r.restored != kNever) {
      EXPECT_GE(r.restored, r.occurred);
      ++restored;
    }
  }
  EXPECT_GT(restored, 0u);
  // Work rules: no minute of repair or tree work above 15.6 m/s at the site (the rule holds
  // mid-job, not only at the start), the tree is cleared before the line crew repairs, and nothing
  // is repaired before it is located.
  std::size_t tree_faults_repaired = 0;
  for (const Fault& f : w.faults()) {
    if (f.repaired == kNever) continue;
    ASSERT_NE(f.found, kNever);
    EXPECT_LE(f.found, f.repaired - f.repair_ms);
    if (f.needs_tree) {
      ++tree_faults_repaired;
      ASSERT_NE(f.tree_cleared, kNever);
      EXPECT_LE(f.tree_cleared, f.repaired - f.repair_ms);
    }
  }
  std::size_t worked_minutes = 0;
  for (const Crew& c : w.crews())
    for (const Crew::Segment& s : c.segments) {
      if (s.activity != Activity::kRepair) continue;
      ASSERT_LT(s.target, w.faults().size());
      const Fault& f = w.faults()[s.target];
      for (Time m = s.start; m < s.end; m += kMinute, ++worked_minutes)
        ASSERT_LE(w.wind().sustained(m, f.x_m, f.y_m), 15.6 + 1e-9) << c.name << " at " << to_hours(m) << " h";
    }
  EXPECT_GT(worked_minutes, 600u);
  EXPECT_GT(w.stand_down_elevated_minutes(), 0.0);  // the storm did stop work
  EXPECT_GT(tree_faults_repaired, 0u);
  // Indices: SAIFI = sum Ni / NT is at least the peak share out (each of them was interrupted).
  const auto x = w.indices(h.end);
  EXPECT_GE(x.saifi, static_cast<double>(peak) / static_cast<double>(w.customers_served()) - 1e-9);
  EXPECT_NEAR(x.caidi_min, x.saidi_min / x.saifi, 1e-6);
  EXPECT_GT(x.asai, 0.0);
  EXPECT_LT(x.asai, 1.0);
  // The automatic dispatcher used commands for everything and asked for mutual aid.
  bool aid = false, patrol = false, assign = false;
  for (const auto& [c, r] : h.log) {
    aid |= c.kind == CommandKind::kRequestMutualAid && r.accepted;
    patrol |= c.kind == CommandKind::kPatrol && r.accepted;
    assign |= c.kind == CommandKind::kAssignCrew && r.accepted;
    if (r.accepted) {
      EXPECT_FALSE(r.context.empty());
    }
  }
  EXPECT_TRUE(aid);
  EXPECT_TRUE(patrol);
  EXPECT_TRUE(assign);
  JsonWriter json(false);
  w.write_storm(json);
  EXPECT_NE(json.str().find("\"warning_timeline\":[{"), std::string::npos) << json.str();
}

TEST(World, SameSeedSameRunDifferentSeedDifferentStormDamage) {
  Harness a(parse_or_die(kTown), 11), b(parse_or_die(kTown), 11), c(parse_or_die(kTown), 12);
  a.run_until(30 * kHour);
  b.run_until(30 * kHour);
  c.run_until(30 * kHour);
  EXPECT_EQ(a.world->state_hash(), b.world->state_hash());
  EXPECT_NE(a.world->state_hash(), c.world->state_hash());
  // The layout does not depend on the run seed.
  EXPECT_EQ(a.world->customers().size(), c.world->customers().size());
}

TEST(World, RefusesImpossibleCommandsWithReasons) {
  Harness h(parse_or_die(kTown), 1, /*automatic=*/false);
  auto cmd = [&](CommandKind k, std::uint32_t actor, std::uint32_t target, std::int64_t value = 0) {
    Command c;
    c.kind = k;
    c.actor = actor;
    c.target = target;
    c.value = value;
    return h.submit(c);
  };
  CommandResult r = cmd(CommandKind::kAssignCrew, 999, 0);
  EXPECT_FALSE(r.accepted);
  EXPECT_NE(r.reason.find("unknown crew"), std::string::npos);
  r = cmd(CommandKind::kAssignCrew, 0, 0);
  EXPECT_NE(r.reason.find("unknown fault"), std::string::npos);
  const std::uint32_t breaker = h.world->grid().feeders()[0].breaker;
  r = cmd(CommandKind::kOperateSwitch, 0, breaker, 1);
  EXPECT_NE(r.reason.find("already closed"), std::string::npos);
  r = cmd(CommandKind::kPatrol, 0, breaker);
  EXPECT_NE(r.reason.find("is closed"), std::string::npos);
  // Every third crew starts the storm off shift (16 h on / 8 h off, staggered).
  r = cmd(CommandKind::kPreposition, 2, 100);
  EXPECT_FALSE(r.accepted);
  EXPECT_NE(r.reason.find("off shift"), std::string::npos) << r.reason;
  r = cmd(CommandKind::kRequestMutualAid, 0, 5);
  EXPECT_NE(r.reason.find("unknown mutual-aid offer"), std::string::npos);
  EXPECT_TRUE(cmd(CommandKind::kRequestMutualAid, 0, 0, 4).accepted);
  r = cmd(CommandKind::kRequestMutualAid, 0, 0, 4);
  EXPECT_NE(r.reason.find("already requested"), std::string::npos);
  EXPECT_NE(cmd(CommandKind::kPreposition, 0, 0).reason.find("at sea"), std::string::npos);  // cell 0 is sea
}

TEST(World, ManualSwitchingInterruptsAndRestoresExactlyTheFeeder) {
  Harness h(parse_or_die(calm_town()), 1, false);
  const World& w = *h.world;
  const Feeder& f = w.grid().feeders()[2];
  Command open;
  open.kind = CommandKind::kOperateSwitch;
  open.target = f.breaker;
  open.value = 0;
  const CommandResult r = h.submit(open);
  ASSERT_TRUE(r.accepted) << r.reason;
  EXPECT_EQ(w.customers_out(), f.customers);
  EXPECT_EQ(h.listener.out, static_cast<std::int64_t>(f.customers));
  ASSERT_FALSE(h.listener.causes.empty());
  EXPECT_EQ(h.listener.causes.back(), FaultCause::kSwitching);
  for (const CustomerRecord& c : w.customers())
    EXPECT_EQ(w.customer_energised(c.id), w.grid().nodes()[w.grid().transformers()[c.transformer].node].feeder != 2);
  h.run_until(kHour);
  Command close = open;
  close.value = 1;
  ASSERT_TRUE(h.submit(close).accepted);
  EXPECT_EQ(w.customers_out(), 0u);
  // One sustained interruption of one hour for the feeder's customers.
  const auto x = w.indices(2 * kHour);
  EXPECT_EQ(x.customer_interruptions, f.customers);
  EXPECT_NEAR(x.customer_minutes, 60.0 * f.customers, 1e-6);
}

TEST(World, CalmDayHasNoDamageAndNoLandfall) {
  Harness h(parse_or_die(calm_town()), 1);
  h.run_until(h.end);
  EXPECT_TRUE(h.world->faults().empty());
  EXPECT_EQ(h.world->customers_out(), 0u);
  JsonWriter json(false);
  h.world->write_storm(json);
  EXPECT_NE(json.str().find("\"landfall_hours\":null"), std::string::npos) << json.str();
}

}  // namespace
}  // namespace fl::world
