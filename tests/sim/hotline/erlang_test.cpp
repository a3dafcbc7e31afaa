// Validation of the hotline queue against queueing theory (issue 4, item 7): the full engine on
// scenarios/hotline_steady.json must reproduce Erlang C (no abandonment) and Erlang A (exponential
// patience) within the 95 % confidence interval of a long run, estimated by batch means.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "sim/hotline/erlang.h"
#include "sim/hotline/hotline.h"
#include "sim/scenario/scenario.h"
#include "sim/simulator.h"

namespace fl::hotline {
namespace {

Scenario steady() {
  Scenario s;
  Problems p;
  EXPECT_TRUE(load_scenario(std::string(FAULTLINE_SOURCE_DIR) + "/scenarios/hotline_steady.json", s, p))
      << p.format("hotline_steady.json");
  return s;
}

struct Estimate {
  double mean = 0, half_width = 0;
  bool covers(double x) const { return std::fabs(x - mean) <= half_width; }
};

// Batch means over half-hour intervals: drop the first `warmup` intervals and the last one (calls
// still in the system), split the rest into `batches` equal batches and form a Student-t interval.
struct BatchMeans {
  std::vector<double> p_wait, asa, sl, p_abandon;
};

BatchMeans batch(const std::vector<CallStats>& iv, std::size_t warmup, std::size_t batches) {
  BatchMeans out;
  const std::size_t usable = iv.size() - warmup - 1;
  const std::size_t per = usable / batches;
  for (std::size_t b = 0; b < batches; ++b) {
    CallStats s;
    for (std::size_t i = warmup + b * per; i < warmup + (b + 1) * per; ++i) {
      s.offered += iv[i].offered;
      s.answered += iv[i].answered;
      s.abandoned += iv[i].abandoned;
      s.waited += iv[i].waited;
      s.within_sl += iv[i].within_sl;
      s.wait_answered_s += iv[i].wait_answered_s;
    }
    out.p_wait.push_back(static_cast<double>(s.waited) / static_cast<double>(s.offered));
    out.asa.push_back(s.wait_answered_s / static_cast<double>(s.answered));
    out.sl.push_back(static_cast<double>(s.within_sl) / static_cast<double>(s.offered));
    out.p_abandon.push_back(static_cast<double>(s.abandoned) / static_cast<double>(s.offered));
  }
  return out;
}

Estimate ci95(const std::vector<double>& x) {
  // Student t quantile 0.975 for 19 degrees of freedom (20 batches).
  constexpr double kT19 = 2.093;
  double m = 0;
  for (double v : x) m += v;
  m /= static_cast<double>(x.size());
  double ss = 0;
  for (double v : x) ss += (v - m) * (v - m);
  const double sd = std::sqrt(ss / static_cast<double>(x.size() - 1));
  return {m, kT19 * sd / std::sqrt(static_cast<double>(x.size()))};
}

struct Case {
  double calls_per_s, aht_s;
  int agents;
  double t_s, hours;
};

void check_erlang_c(const Case& c) {
  Scenario s = steady();
  s.hotline.customers.background_calls_per_hour = c.calls_per_s * 3600.0;
  s.hotline.hotline.aht.enquiry_s = c.aht_s;
  s.hotline.hotline.default_seats = c.agents;
  s.hotline.hotline.service_level_s = c.t_s;
  s.duration_hours = c.hours;
  Simulator sim(s, RunOptions{s.seed, 0, true});
  sim.run_to_end();
  const auto& h = sim.hotline();
  ASSERT_EQ(h.totals().abandoned, 0u);
  const BatchMeans bm = batch(h.intervals(), 4, 20);
  const QueueFigures oracle = erlang_c(c.calls_per_s, c.aht_s, c.agents, c.t_s);
  const Estimate pw = ci95(bm.p_wait), asa = ci95(bm.asa), sl = ci95(bm.sl);
  EXPECT_TRUE(pw.covers(oracle.p_wait)) << "P(wait) " << pw.mean << " ± " << pw.half_width << " vs " << oracle.p_wait;
  EXPECT_TRUE(asa.covers(oracle.asa_s)) << "ASA " << asa.mean << " ± " << asa.half_width << " vs " << oracle.asa_s;
  EXPECT_TRUE(sl.covers(oracle.service_level))
      << "SL " << sl.mean << " ± " << sl.half_width << " vs " << oracle.service_level;
  // The interval must be narrow enough to mean something.
  EXPECT_LT(pw.half_width, 0.1 * oracle.p_wait);
}

TEST(ErlangOracle, MatchesPublishedErlangCTable) {
  // DOMAIN.md §9: published examples (independent of this code).
  const QueueFigures a = erlang_c(0.2, 240, 55, 15);
  EXPECT_NEAR(a.p_wait, 0.238701, 1e-6);
  EXPECT_NEAR(a.asa_s, 8.1840, 1e-3);
  EXPECT_NEAR(a.service_level, 0.845883, 1e-6);
  const QueueFigures b = erlang_c(1000.0 / 3600, 120, 40, 20);
  EXPECT_NEAR(b.p_wait, 0.190737, 1e-6);
  EXPECT_NEAR(b.asa_s, 3.4333, 1e-3);
  EXPECT_NEAR(b.service_level, 0.937211, 1e-6);
  const QueueFigures c = erlang_c(100.0 / 1800, 180, 14, 20);
  EXPECT_NEAR(c.p_wait, 0.174132, 1e-6);
  EXPECT_NEAR(c.asa_s, 7.83594, 1e-4);
  EXPECT_NEAR(c.service_level, 0.888350, 1e-6);
}

TEST(ErlangOracle, ErlangAWithEndlessPatienceIsErlangC) {
  const QueueFigures c = erlang_c(0.2, 240, 55, 15);
  const QueueFigures a = erlang_a(0.2, 240, 55, 1e9, 15);
  EXPECT_NEAR(a.p_wait, c.p_wait, 1e-4);
  EXPECT_NEAR(a.asa_s, c.asa_s, 1e-2);
  EXPECT_LT(a.p_abandon, 1e-6);
  // Impatient callers abandon more and those answered wait less.
  const QueueFigures imp = erlang_a(0.2, 240, 55, 60, 15);
  EXPECT_GT(imp.p_abandon, 0.01);
  EXPECT_LT(imp.asa_s, c.asa_s);
}

TEST(HotlineErlangC, Case1_55AgentsAht240) { check_erlang_c({0.2, 240, 55, 15, 2000}); }
TEST(HotlineErlangC, Case2_40AgentsAht120) { check_erlang_c({1000.0 / 3600, 120, 40, 20, 1500}); }
TEST(HotlineErlangC, Case3_14AgentsAht180) { check_erlang_c({100.0 / 1800, 180, 14, 20, 6000}); }

TEST(HotlineErlangA, ExponentialPatienceMatchesBirthDeathOracle) {
  Scenario s = steady();
  const double lambda = 0.2, aht = 240, patience = 180;
  const int agents = 48;  // offered load 48 Erlang on 48 seats: heavy abandonment regime
  s.hotline.customers.background_calls_per_hour = lambda * 3600.0;
  s.hotline.hotline.aht.enquiry_s = aht;
  s.hotline.hotline.default_seats = agents;
  s.hotline.hotline.patience_distribution = "exponential";
  s.hotline.hotline.mean_patience_s = patience;
  s.duration_hours = 2000;
  Simulator sim(s, RunOptions{s.seed, 0, true});
  sim.run_to_end();
  const BatchMeans bm = batch(sim.hotline().intervals(), 4, 20);
  const QueueFigures oracle = erlang_a(lambda, aht, agents, patience, 20);
  const Estimate ab = ci95(bm.p_abandon), asa = ci95(bm.asa), pw = ci95(bm.p_wait);
  EXPECT_TRUE(ab.covers(oracle.p_abandon)) << "P(abandon) " << ab.mean << " ± " << ab.half_width << " vs " << oracle.p_abandon;
  EXPECT_TRUE(asa.covers(oracle.asa_s)) << "ASA " << asa.mean << " ± " << asa.half_width << " vs " << oracle.asa_s;
  EXPECT_TRUE(pw.covers(oracle.p_wait)) << "P(wait) " << pw.mean << " ± " << pw.half_width << " vs " << oracle.p_wait;
  EXPECT_GT(oracle.p_abandon, 0.02);  // the case really exercises abandonment
}

}  // namespace
}  // namespace fl::hotline
