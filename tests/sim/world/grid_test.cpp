// Protection and switching on a hand-made two-feeder network where the answer is known.
//
//   S_A ─CB_A─ H ── a1 ─R─ a2 ─SW3─ a3 ─SW4─ a4 ┄┄TIE┄┄ b1 ── H_B ─CB_B─ S_B
//                  │
//                 FU
//                  │
//                 l1
// Customers: a1 10, l1 5, a2 20, a3 30, a4 40, b1 50.
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

#include "sim/world/grid.h"

namespace fl::world {
namespace {

struct Toy {
  Grid g;
  std::uint32_t H{}, a1{}, l1{}, a2{}, a3{}, a4{}, HB{}, b1{};
  std::uint32_t cb_a{}, fuse{}, recloser{}, sw3{}, sw4{}, tie{}, cb_b{};
  std::uint32_t t_a1{}, t_l1{}, t_a2{}, t_a3{}, t_a4{}, t_b1{};

  explicit Toy(double capacity_pct) {
    const std::uint32_t fa = g.add_feeder("A", 0, 0, 0, 0);
    const std::uint32_t fb = g.add_feeder("B", 1, 1000, 0, 0);
    H = g.add_node(fa, g.feeders()[fa].source, 0, 0, 0, Conductor::kNone, true);
    cb_a = g.add_device(H, DeviceType::kBreaker);
    a1 = g.add_node(fa, H, 100, 0, 0, Conductor::kBare, true);
    l1 = g.add_node(fa, a1, 100, 100, 0);
    fuse = g.add_device(l1, DeviceType::kFuse);
    a2 = g.add_node(fa, a1, 200, 0, 0, Conductor::kBare, true);
    recloser = g.add_device(a2, DeviceType::kRecloser);
    a3 = g.add_node(fa, a2, 300, 0, 0, Conductor::kBare, true);
    sw3 = g.add_device(a3, DeviceType::kSwitch);
    a4 = g.add_node(fa, a3, 400, 0, 0, Conductor::kBare, true);
    sw4 = g.add_device(a4, DeviceType::kSwitch);
    HB = g.add_node(fb, g.feeders()[fb].source, 1000, 0, 0, Conductor::kNone, true);
    cb_b = g.add_device(HB, DeviceType::kBreaker);
    b1 = g.add_node(fb, HB, 500, 0, 0, Conductor::kBare, true);
    tie = g.add_tie(a4, b1);
    t_a1 = g.add_transformer(a1, 0, 10);
    t_l1 = g.add_transformer(l1, 10, 5);
    t_a2 = g.add_transformer(a2, 15, 20);
    t_a3 = g.add_transformer(a3, 35, 30);
    t_a4 = g.add_transformer(a4, 65, 40);
    t_b1 = g.add_transformer(b1, 105, 50, 1);
    g.finalize(capacity_pct);
  }
  std::uint32_t edge_above(std::uint32_t node) const { return g.nodes()[node].parent_edge; }
  /// Customers out, computed from supply of each transformer.
  std::uint32_t out() const {
    std::uint32_t n = 0;
    for (std::uint32_t t = 0; t < g.transformers().size(); ++t)
      if (!g.supplied(t)) n += g.transformers()[t].customers;
    return n;
  }
  std::vector<std::uint32_t> dark() const {
    std::vector<std::uint32_t> v;
    for (std::uint32_t t = 0; t < g.transformers().size(); ++t)
      if (!g.supplied(t)) v.push_back(t);
    return v;
  }
};

TEST(Grid, NormalConfigurationSuppliesEveryone) {
  Toy toy(200);
  EXPECT_EQ(toy.out(), 0u);
  EXPECT_EQ(toy.g.feeders()[0].customers, 105u);
  EXPECT_EQ(toy.g.source_load(0), 105u);
  EXPECT_EQ(toy.g.source_load(1), 50u);
}

TEST(Grid, ProtectiveChainIsNearestFirstAndSkipsSwitches) {
  Toy toy(200);
  const auto chain = toy.g.protective_chain(toy.t_a4);
  ASSERT_EQ(chain.size(), 3u);
  EXPECT_EQ(chain[0], toy.g.transformers()[toy.t_a4].fuse);
  EXPECT_EQ(chain[1], toy.recloser);
  EXPECT_EQ(chain[2], toy.cb_a);
  const auto lateral = toy.g.protective_chain(toy.t_l1);
  ASSERT_EQ(lateral.size(), 3u);
  EXPECT_EQ(lateral[1], toy.fuse);
  EXPECT_EQ(lateral[2], toy.cb_a);
  EXPECT_TRUE(toy.g.statically_below(toy.recloser, toy.a4));
  EXPECT_FALSE(toy.g.statically_below(toy.recloser, toy.a1));
}

TEST(Grid, FaultTripsNearestUpstreamProtectionOnly) {
  Toy toy(200);
  SupplyChanges ch;
  toy.g.add_fault(toy.edge_above(toy.a3), ch);  // between a2 and a3
  ASSERT_EQ(ch.tripped.size(), 1u);
  EXPECT_EQ(ch.tripped[0], toy.recloser);
  EXPECT_EQ(toy.dark(), (std::vector<std::uint32_t>{toy.t_a2, toy.t_a3, toy.t_a4}));
  EXPECT_EQ(toy.out(), 90u);
  EXPECT_TRUE(toy.g.supplied(toy.t_a1));
  EXPECT_TRUE(toy.g.supplied(toy.t_l1));
  EXPECT_TRUE(toy.g.supplied(toy.t_b1));
}

TEST(Grid, LateralFaultBlowsOnlyTheFuse) {
  Toy toy(200);
  SupplyChanges ch;
  toy.g.add_fault(toy.edge_above(toy.l1), ch);
  ASSERT_EQ(ch.tripped.size(), 1u);
  EXPECT_EQ(ch.tripped[0], toy.fuse);
  EXPECT_EQ(toy.dark(), (std::vector<std::uint32_t>{toy.t_l1}));
}

TEST(Grid, IsolateReclosesUpstreamAndBackfeedsDownstream) {
  Toy toy(200);
  SupplyChanges ch;
  toy.g.add_fault(toy.edge_above(toy.a3), ch);  // recloser trips: a2, a3, a4 out
  // Open the switch at the fault's upstream end, then re-close the recloser: a2 comes back.
  ch.clear();
  ASSERT_TRUE(toy.g.operate(toy.sw3, false, ch));
  EXPECT_TRUE(ch.lost.empty());
  ch.clear();
  ASSERT_TRUE(toy.g.operate(toy.recloser, true, ch));
  EXPECT_EQ(ch.gained, (std::vector<std::uint32_t>{toy.t_a2}));
  EXPECT_TRUE(ch.tripped.empty());
  EXPECT_EQ(toy.dark(), (std::vector<std::uint32_t>{toy.t_a3, toy.t_a4}));
  // Open the switch below the fault and close the tie: a4 is fed from feeder B.
  ch.clear();
  ASSERT_TRUE(toy.g.operate(toy.sw4, false, ch));
  ch.clear();
  ASSERT_TRUE(toy.g.operate(toy.tie, true, ch));
  EXPECT_EQ(ch.gained, (std::vector<std::uint32_t>{toy.t_a4}));
  EXPECT_EQ(toy.dark(), (std::vector<std::uint32_t>{toy.t_a3}));
  EXPECT_EQ(toy.g.source_load(1), 90u);
  // Repair and close the isolating switch: everyone is back.
  toy.g.remove_fault(toy.edge_above(toy.a3));
  ch.clear();
  ASSERT_TRUE(toy.g.operate(toy.sw3, true, ch));
  EXPECT_EQ(ch.gained, (std::vector<std::uint32_t>{toy.t_a3}));
  EXPECT_EQ(toy.out(), 0u);
}

TEST(Grid, TieClosureRespectsFeederCapacity) {
  Toy toy(160);  // feeder B may carry 80 customers; B's 50 plus a4's 40 is too many
  SupplyChanges ch;
  toy.g.add_fault(toy.edge_above(toy.a3), ch);
  ASSERT_TRUE(toy.g.operate(toy.sw4, false, ch));
  ch.clear();
  CommandResult refusal;
  EXPECT_FALSE(toy.g.operate(toy.tie, true, ch, &refusal));
  EXPECT_NE(refusal.reason.find("above its limit of 80"), std::string::npos) << refusal.reason;
  EXPECT_EQ(refusal.message.key, "device.would_overload");
  ASSERT_EQ(refusal.message.args.size(), 4u);
  EXPECT_EQ(refusal.message.args[3], "80");
  EXPECT_FALSE(toy.g.devices()[toy.tie].closed);
  EXPECT_TRUE(ch.gained.empty());
  EXPECT_EQ(toy.dark(), (std::vector<std::uint32_t>{toy.t_a2, toy.t_a3, toy.t_a4}));
}

TEST(Grid, ClosingIntoAFaultTripsAgain) {
  Toy toy(200);
  SupplyChanges ch;
  toy.g.add_fault(toy.edge_above(toy.a4), ch);  // recloser trips
  ASSERT_EQ(ch.tripped, (std::vector<std::uint32_t>{toy.recloser}));
  ch.clear();
  ASSERT_TRUE(toy.g.operate(toy.recloser, true, ch));  // test close without isolating
  EXPECT_EQ(ch.tripped, (std::vector<std::uint32_t>{toy.recloser}));
  EXPECT_EQ(toy.dark(), (std::vector<std::uint32_t>{toy.t_a2, toy.t_a3, toy.t_a4}));
}

TEST(Grid, FaultInADeadSectionTripsNothing) {
  Toy toy(200);
  SupplyChanges ch;
  ASSERT_TRUE(toy.g.operate(toy.recloser, false, ch));
  ch.clear();
  toy.g.add_fault(toy.edge_above(toy.a4), ch);
  EXPECT_TRUE(ch.tripped.empty());
  EXPECT_TRUE(ch.lost.empty());
  EXPECT_EQ(toy.g.protecting_device(toy.edge_above(toy.a4)), kNoId);
}

TEST(Grid, TransformerFaultAffectsOnlyItsCustomers) {
  Toy toy(200);
  SupplyChanges ch;
  toy.g.fault_transformer(toy.t_a3, ch);
  EXPECT_EQ(ch.lost, (std::vector<std::uint32_t>{toy.t_a3}));
  EXPECT_TRUE(toy.g.energised(toy.a3));
  ch.clear();
  toy.g.repair_transformer(toy.t_a3, ch);
  EXPECT_EQ(ch.gained, (std::vector<std::uint32_t>{toy.t_a3}));
}

TEST(Grid, DeadRegionAndMomentaryCount) {
  Toy toy(200);
  EXPECT_EQ(toy.g.customers_below_energised(toy.recloser), 90u);
  EXPECT_EQ(toy.g.customers_below_energised(toy.cb_a), 105u);
  SupplyChanges ch;
  toy.g.operate(toy.recloser, false, ch);
  std::vector<std::uint32_t> region;
  toy.g.dead_region(toy.recloser, region);
  EXPECT_EQ(region, (std::vector<std::uint32_t>{toy.a2, toy.a3, toy.a4}));
}

}  // namespace
}  // namespace fl::world
