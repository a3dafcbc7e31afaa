// Study plans and the study runner: validation messages, variants, Erlang seats, common random
// numbers, and results that do not depend on the thread count or the shard split.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <mutex>
#include <string>

#include "sim/hotline/erlang.h"
#include "sim/run/plan.h"
#include "sim/run/study.h"

namespace fl::run {
namespace {

const std::string kSmallPlan = std::string(FAULTLINE_SOURCE_DIR) + "/tests/data/studies/small_study.json";

LoadedPlan load_small() {
  LoadedPlan plan;
  Problems p;
  EXPECT_TRUE(load_plan(kSmallPlan, plan, p)) << p.format(kSmallPlan);
  return plan;
}

/// A run record as text with every double's bits, so NaN equals NaN and nothing is rounded.
std::string fingerprint(const RunRecord& r) {
  std::string s = std::to_string(r.variant) + "/" + std::to_string(r.replication) + " " + std::to_string(r.seed) + " " +
                  std::to_string(r.events);
  auto bits = [&](double v) {
    std::uint64_t b = 0;
    std::memcpy(&b, &v, sizeof b);
    s += " " + std::to_string(b);
  };
  bits(r.sim_hours);
  for (double v : r.kpi) bits(v);
  for (const IntervalRecord& i : r.intervals) {
    s += " |" + std::to_string(i.seats) + "," + std::to_string(i.offered) + "," + std::to_string(i.answered) + "," +
         std::to_string(i.abandoned) + "," + std::to_string(i.within_sl);
    bits(i.wait_answered_s);
  }
  for (const CommitmentRecord& c : r.commitments) {
    s += " " + c.id + ":" + std::to_string(c.met) + "," + std::to_string(c.breaches);
    bits(c.measured);
  }
  for (const auto& [reason, n] : r.complaints_by_reason) s += " " + reason + "=" + std::to_string(n);
  return s;
}

std::map<std::pair<std::uint32_t, std::uint32_t>, std::string> run_all(const LoadedPlan& plan,
                                                                       const std::vector<RunKey>& keys, unsigned threads) {
  const Forecast forecast = make_forecast(plan);
  const std::vector<Variant> variants = expand_variants(plan, forecast);
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::string> out;
  run_parallel(variants, replication_seeds(plan), keys, threads,
               [&](RunRecord&& r) { out[{r.variant, r.replication}] = fingerprint(r); }, nullptr);
  return out;
}

std::string problems_of(const std::string& json) {
  StudyPlan plan;
  Problems p;
  if (parse_plan(json, plan, p)) {
    Scenario base;
    Problems sp;
    load_scenario(std::string(FAULTLINE_SOURCE_DIR) + "/tests/data/small_storm.json", base, sp);
    validate_plan_against(plan, base, p);
  }
  return p.format("plan.json");
}

TEST(StudyPlan, ExplainsEveryMistakeWithItsPath) {
  const std::string text = problems_of(R"({"study_version": 1, "id": "x", "scenario": "s.json", "replications": 2,
    "seeds": [1], "kpis": ["complaints", "happiness"],
    "variants": [{"id": "a", "seats": {"multiplier": 2, "per_half_hour": [3]}},
                 {"id": "a", "crews": {"depots": [{"name": "Nowhere depot", "line_crews": 3}]}}]})");
  EXPECT_NE(text.find("plan.json: seeds: found 1 seeds, expected one seed per replication (2)"), std::string::npos) << text;
  EXPECT_NE(text.find("plan.json: kpis[1]: found \"happiness\", expected one of customer_minutes_out"), std::string::npos) << text;
  EXPECT_NE(text.find("plan.json: variants[0].seats: found 2 ways to set seats"), std::string::npos) << text;
  EXPECT_NE(text.find("plan.json: variants[1].id: found \"a\" a second time"), std::string::npos) << text;
}

TEST(StudyPlan, NamesAnUnknownDepotAndBaseline) {
  const std::string text = problems_of(R"({"study_version": 1, "id": "x", "scenario": "s.json", "baseline": "b/c",
    "factors": [{"id": "f", "levels": [{"id": "a", "crews": {"depots": [{"name": "Nowhere depot"}]}}]}]})");
  EXPECT_NE(text.find("factors[0].levels[0].crews.depots[0].name: found \"Nowhere depot\", expected a depot of the base "
                      "scenario: \"Xiaogang depot\""),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("baseline: found \"b/c\", expected the id of a variant"), std::string::npos) << text;
}

TEST(StudyPlan, RefusesOtherVersionsAndMalformedJson) {
  EXPECT_NE(problems_of(R"({"study_version": 2})").find("study_version: found 2, expected 1"), std::string::npos);
  EXPECT_NE(problems_of("{\"study_version\": 1,").find("malformed JSON at line 1"), std::string::npos);
  EXPECT_TRUE(looks_like_plan(R"({"study_version": 1})"));
  EXPECT_FALSE(looks_like_plan(R"({"version": 1})"));
}

TEST(StudyVariants, FactorsAreCrossedFirstFactorSlowest) {
  const LoadedPlan plan = load_small();
  const std::vector<Variant> v = expand_variants(plan, make_forecast(plan));
  ASSERT_EQ(v.size(), 6u);
  EXPECT_EQ(v[0].id, "base/c100");
  EXPECT_EQ(v[1].id, "base/c150");
  EXPECT_EQ(v[5].id, "erlang80/c150");
  EXPECT_EQ(v[1].name.en, "current seats · 50 % more crews");
  // The base depot has 4 line, 3 tree and 1 assessment crews; ×1.5 rounds to 6 and 5 (4.5 → 5).
  EXPECT_EQ(v[0].crews_total, 8);
  EXPECT_EQ(v[1].crews_total, 12);
  EXPECT_DOUBLE_EQ(v[2].agent_hours, 2 * v[0].agent_hours);  // "multiplier": 2
  EXPECT_DOUBLE_EQ(v[0].agent_hours, 12 * 24.0);             // default 12 seats for 24 h
}

TEST(StudyVariants, ErlangSeatsAreTheFewestThatMeetTheTarget) {
  const LoadedPlan plan = load_small();
  ErlangSeats spec;
  spec.target_pct = 80;
  spec.within_s = 20;
  const double shrink = plan.base.hotline.hotline.shrinkage_pct;  // 25 %
  for (double calls : {5.0, 60.0, 400.0}) {
    const int seats = erlang_seats(spec, calls, 180, plan.base);
    auto sl = [&](int s) {
      const int agents = static_cast<int>(std::lround(s * (1 - shrink / 100)));
      if (agents <= calls / 1800 * 180) return 0.0;
      return hotline::erlang_c(calls / 1800, 180, agents, 20).service_level;
    };
    EXPECT_GE(sl(seats), 0.80) << calls;
    EXPECT_LT(sl(seats - 1), 0.80) << calls;
  }
  EXPECT_EQ(erlang_seats(spec, 0, 180, plan.base), 1);  // min_seats
}

TEST(StudyRuns, EveryVariantSeesTheSameStormInReplicationR) {
  const LoadedPlan plan = load_small();
  const std::vector<Variant> v = expand_variants(plan, make_forecast(plan));
  const std::vector<std::uint64_t> seeds = replication_seeds(plan);
  ASSERT_EQ(seeds, (std::vector<std::uint64_t>{11, 12, 13}));
  const RunRecord base = run_one(v[0], 0, 0, seeds[0]);
  const RunRecord doubled = run_one(v[2], 2, 0, seeds[0]);   // only the seats differ
  const RunRecord other = run_one(v[0], 0, 1, seeds[1]);
  EXPECT_EQ(base.value(Kpi::kPeakCustomersOut), doubled.value(Kpi::kPeakCustomersOut));
  EXPECT_EQ(base.value(Kpi::kCustomerMinutesOut), doubled.value(Kpi::kCustomerMinutesOut));
  EXPECT_GT(doubled.value(Kpi::kServiceLevelPct), base.value(Kpi::kServiceLevelPct) - 1e-9);
  EXPECT_NE(base.value(Kpi::kCustomerMinutesOut), other.value(Kpi::kCustomerMinutesOut));  // another storm's damage
}

TEST(StudyRuns, ResultsDoNotDependOnThreadsOrShards) {
  const LoadedPlan plan = load_small();
  const auto all = shard_runs(6, 3, 1, 1);
  ASSERT_EQ(all.size(), 18u);
  const auto one_thread = run_all(plan, all, 1);
  EXPECT_EQ(one_thread, run_all(plan, all, 2));
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::string> sharded;
  std::size_t total = 0;
  for (std::uint32_t k = 1; k <= 3; ++k) {
    const auto slice = shard_runs(6, 3, k, 3);
    total += slice.size();
    for (const auto& [key, text] : run_all(plan, slice, 2)) sharded[key] = text;
  }
  EXPECT_EQ(total, 18u);  // the slices partition the runs
  EXPECT_EQ(sharded, one_thread);
}

TEST(StudyRuns, StopFlagKeepsFinishedRunsOnly) {
  const LoadedPlan plan = load_small();
  const std::vector<Variant> v = expand_variants(plan, make_forecast(plan));
  std::atomic<bool> stop{false};
  std::size_t seen = 0;
  const std::size_t done = run_parallel(v, replication_seeds(plan), shard_runs(6, 3, 1, 1), 2,
                                        [&](RunRecord&&) {
                                          if (++seen == 2) stop.store(true);
                                        },
                                        &stop);
  EXPECT_EQ(done, seen);
  EXPECT_GE(done, 2u);
  EXPECT_LE(done, 3u);  // at most the run in progress on the other thread finishes too
}

TEST(StudyStatistics, MeanIntervalAndPairedDifference) {
  const Interval i = mean_interval({1, 2, 3, 4, std::nan("")});
  EXPECT_EQ(i.n, 4u);
  EXPECT_DOUBLE_EQ(i.mean, 2.5);
  EXPECT_NEAR(i.half_width, 3.182 * std::sqrt(5.0 / 3.0) / 2.0, 1e-9);  // t(3) · s / √n
  EXPECT_NEAR(student_t_975(40), 2.021, 0.002);
  std::vector<RunRecord> records;
  for (std::uint32_t rep = 0; rep < 3; ++rep)
    for (std::uint32_t var = 0; var < 2; ++var) {
      RunRecord r;
      r.variant = var;
      r.replication = rep;
      r.kpi.fill(std::nan(""));
      // Replications differ a lot, the variant adds exactly 5: the paired interval is tight.
      r.kpi[static_cast<std::size_t>(Kpi::kComplaints)] = 100.0 * rep + (var ? 5 : 0);
      records.push_back(r);
    }
  const auto s = summarise(records, 2, 0);
  const KpiSummary& c = s[1][static_cast<std::size_t>(Kpi::kComplaints)];
  EXPECT_DOUBLE_EQ(c.value.mean, 105);
  EXPECT_GT(c.value.half_width, 100);
  EXPECT_DOUBLE_EQ(c.paired_difference.mean, 5);
  EXPECT_DOUBLE_EQ(c.paired_difference.half_width, 0);
}

}  // namespace
}  // namespace fl::run

namespace fl::run {
namespace {

TEST(StudyPlan, ShippedTyphoonStaffingPlanIsValid) {
  const std::string path = std::string(FAULTLINE_SOURCE_DIR) + "/scenarios/studies/typhoon_staffing.json";
  LoadedPlan plan;
  Problems p;
  ASSERT_TRUE(load_plan(path, plan, p)) << p.format(path);
  EXPECT_EQ(p.all().size(), 0u) << p.format(path);  // no warnings either
  ASSERT_EQ(plan.plan.factors.size(), 2u);
  EXPECT_EQ(plan.plan.factors[0].levels.size() * plan.plan.factors[1].levels.size(), 12u);  // 4 seat plans × 3 crew levels
  EXPECT_EQ(plan.plan.replications, 20);
  EXPECT_EQ(plan.base.id, "coastal_city");  // the default drill
  EXPECT_TRUE(needs_pilot(plan.plan));
}

}  // namespace
}  // namespace fl::run
