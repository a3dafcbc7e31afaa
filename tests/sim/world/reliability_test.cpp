// IEEE 1366 indices on a toy case computed by hand.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "sim/world/reliability.h"

namespace fl::world {
namespace {

TEST(Reliability, HandComputedToyCase) {
  // N_T = 100 customers; supply points A (10), B (5), C (20) and 65 customers never out.
  ReliabilityLedger ledger;
  ledger.reset({10, 5, 20}, 100);
  ledger.lost(0, 0);
  ledger.lost(1, 0);
  ledger.restored(1, 3 * kMinute);        // B: 3 min -> momentary, 5 customers
  ledger.restored(0, 60 * kMinute);       // A: 60 min sustained
  ledger.lost(0, 120 * kMinute);
  ledger.restored(0, 150 * kMinute);      // A again: 30 min
  ledger.lost(2, 100 * kMinute);          // C: still out at 200 min -> 100 min so far
  const ReliabilityIndices x = ledger.indices(200 * kMinute);
  // Sum Ni = 10 + 10 + 20 = 40; sum ri*Ni = 600 + 300 + 2000 = 2900 customer-minutes.
  EXPECT_EQ(x.customer_interruptions, 40u);
  EXPECT_DOUBLE_EQ(x.customer_minutes, 2900.0);
  EXPECT_DOUBLE_EQ(x.saifi, 0.4);
  EXPECT_DOUBLE_EQ(x.saidi_min, 29.0);
  EXPECT_DOUBLE_EQ(x.caidi_min, 72.5);
  EXPECT_EQ(x.customers_interrupted, 30u);  // A and C
  EXPECT_NEAR(x.caifi, 40.0 / 30.0, 1e-12);
  EXPECT_NEAR(x.asai, 1 - 2900.0 / (100 * 200), 1e-12);
  EXPECT_EQ(x.momentary, 5u);
  EXPECT_DOUBLE_EQ(x.maifi, 0.05);
  EXPECT_EQ(ledger.customers_out(), 20u);
  EXPECT_EQ(ledger.interruptions(0, 200 * kMinute), 2u);
  EXPECT_DOUBLE_EQ(ledger.outage_minutes(2, 200 * kMinute), 100.0);
}

TEST(Reliability, ExactlyFiveMinutesIsMomentary) {
  ReliabilityLedger ledger;
  ledger.reset({10}, 10);
  ledger.lost(0, 0);
  ledger.restored(0, 5 * kMinute);
  EXPECT_EQ(ledger.indices(kHour).customer_interruptions, 0u);
  EXPECT_EQ(ledger.indices(kHour).momentary, 10u);
  ledger.lost(0, 2 * kHour);
  ledger.restored(0, 2 * kHour + 5 * kMinute + kSecond);
  EXPECT_EQ(ledger.indices(3 * kHour).customer_interruptions, 10u);
}

TEST(Reliability, RepeatedNoticesAreIgnored) {
  ReliabilityLedger ledger;
  ledger.reset({10}, 10);
  EXPECT_EQ(ledger.lost(0, 0), 10u);
  EXPECT_EQ(ledger.lost(0, kMinute), 0u);
  EXPECT_EQ(ledger.restored(0, kHour), 10u);
  EXPECT_EQ(ledger.restored(0, 2 * kHour), 0u);
  EXPECT_DOUBLE_EQ(ledger.indices(2 * kHour).saidi_min, 60.0);
}

// Oracle: expand every pair into its customers, sort, and take the lower middle customer.
TEST(Reliability, TheCustomerWeightedMedianIsTheMiddleCustomersMinutes) {
  const std::vector<std::vector<std::pair<double, std::uint32_t>>> cases = {
      {{30, 1}},
      {{10, 1}, {20, 1}, {30, 1}, {40, 1}},
      {{500, 3}, {10, 1}, {90, 2}},
      {{60, 100}, {1000, 99}},
      {{60, 99}, {1000, 100}},
      {{5, 0}, {7, 4}, {7, 1}, {2, 2}},
  };
  for (const auto& c : cases) {
    std::vector<double> each;
    for (const auto& [minutes, n] : c) each.insert(each.end(), n, minutes);
    std::sort(each.begin(), each.end());
    EXPECT_DOUBLE_EQ(customer_weighted_median(c), each[(each.size() - 1) / 2]);
  }
  EXPECT_DOUBLE_EQ(customer_weighted_median({}), 0.0);
}

}  // namespace
}  // namespace fl::world
