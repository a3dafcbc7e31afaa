// A run's details (sim/run/details.h) and the lean scorecard: every per-entity row is in the
// details, the scorecard keeps their counts, and its size does not grow with the area.
#include "sim/run/details.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <cstdio>
#include <memory>
#include <string>

#include "sim/hotline/hotline.h"
#include "sim/scenario/scenario.h"
#include "sim/simulator.h"
#include "sim/world/world.h"

namespace fl::run {
namespace {

Scenario small_storm() {
  Scenario s;
  Problems p;
  const std::string path = std::string(FAULTLINE_SOURCE_DIR) + "/tests/data/small_storm.json";
  EXPECT_TRUE(load_scenario(path, s, p)) << p.format(path);
  return s;
}

/// The scenario's area repeated `factor` times eastwards with its cities, substations, depots,
/// important customers, seats and background calls (as bench/world_scale.cpp tiles the default).
Scenario tiled(Scenario s, int factor) {
  auto& area = s.world.area;
  const double w = area.width_km;
  area.width_km = w * factor;
  const auto cities = area.cities;
  const auto named = area.named;
  const auto substations = s.world.grid.substations;
  const auto depots = s.world.crews.depots;
  for (int k = 1; k < factor; ++k) {
    const double dx = w * k;
    const std::string suffix = " " + std::to_string(k + 1);
    for (auto c : cities) {
      c.name += suffix;
      c.x_km += dx;
      area.cities.push_back(c);
    }
    for (auto n : named) {
      n.name += suffix;
      n.x_km += dx;
      area.named.push_back(n);
    }
    for (auto sub : substations) {
      sub.name += suffix;
      sub.x_km += dx;
      s.world.grid.substations.push_back(sub);
    }
    for (auto d : depots) {
      d.name += suffix;
      d.x_km += dx;
      s.world.crews.depots.push_back(d);
    }
  }
  area.hospitals *= factor;
  area.water_works *= factor;
  area.government *= factor;
  area.life_support *= factor;
  for (int& seats : s.hotline.hotline.seats_per_half_hour) seats *= factor;
  s.hotline.customers.background_calls_per_hour *= factor;
  for (auto& p : s.world.typhoon.track) p.x_km += w * (factor / 2);
  return s;
}

struct Finished {
  std::unique_ptr<Simulator> sim;
  std::string card;
};

Finished finish(const Scenario& s) {
  Finished f;
  f.sim = std::make_unique<Simulator>(s, RunOptions{s.seed, 0, true});
  f.sim->run_to_end();
  f.card = f.sim->scorecard_json();
  return f;
}

rapidjson::Document parse(const std::string& json) {
  rapidjson::Document d;
  d.Parse(json.c_str());
  EXPECT_FALSE(d.HasParseError());
  return d;
}

/// The longest array anywhere in `v`, with its path.
void longest_array(const rapidjson::Value& v, const std::string& path, std::size_t& best, std::string& where) {
  if (v.IsArray()) {
    if (v.Size() > best) {
      best = v.Size();
      where = path;
    }
    for (rapidjson::SizeType i = 0; i < v.Size(); ++i) longest_array(v[i], path + "[]", best, where);
  } else if (v.IsObject()) {
    for (const auto& m : v.GetObject()) longest_array(m.value, path + "." + m.name.GetString(), best, where);
  }
}

TEST(Details, HoldEveryDecisionTheRunMade) {
  const Finished run = finish(small_storm());
  const Simulator& sim = *run.sim;
  const RunDetails d = collect_details(sim);
  // Oracle: the run's own command log, in order and field by field.
  const auto& log = sim.command_log();
  ASSERT_GT(log.size(), 10u);
  ASSERT_EQ(d.decisions.size(), log.size());
  for (std::size_t i = 0; i < log.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(d.decisions[i].seq, i);
    EXPECT_EQ(d.decisions[i].hours, to_hours(log[i].command.time));
    EXPECT_EQ(d.decisions[i].kind, static_cast<int>(log[i].command.kind));
    EXPECT_EQ(d.decisions[i].target, log[i].command.target);
    EXPECT_EQ(d.decisions[i].accepted, log[i].result.accepted);
    EXPECT_EQ(d.decisions[i].reason, log[i].result.reason);
    EXPECT_EQ(d.decisions[i].context, log[i].result.context);
  }
  EXPECT_EQ(d.complaints.size(), sim.hotline().complaint_records().size());
  EXPECT_EQ(d.work_orders.size(), sim.hotline().work_orders().size());
  EXPECT_EQ(d.important_customers.size(), sim.world().important_customers().size());
  for (std::size_t i = 1; i < d.important_customers.size(); ++i)
    EXPECT_GE(d.important_customers[i - 1].outage_minutes, d.important_customers[i].outage_minutes);
  for (const CrewSegmentRow& s : d.crew_segments) EXPECT_LE(s.start_hours, s.end_hours);

  // The scorecard carries the counts, not the rows.
  const auto card = parse(run.card);
  EXPECT_FALSE(card.HasMember("decisions"));
  EXPECT_FALSE(card.HasMember("complaint_clocks"));
  EXPECT_FALSE(card["crews"].HasMember("timeline"));
  EXPECT_FALSE(card["complaints"].HasMember("events"));
  const DetailCounts n = count_details(sim);
  EXPECT_EQ(card["details"]["decisions"].GetUint64(), d.decisions.size());
  EXPECT_EQ(card["decisions_summary"]["total"].GetUint64(), d.decisions.size());
  EXPECT_EQ(n.decisions, d.decisions.size());
  EXPECT_EQ(n.crews, d.crews.size());
  EXPECT_EQ(n.crew_segments, d.crew_segments.size());
  EXPECT_EQ(card["crews"]["segments"].GetUint64(), d.crew_segments.size());
  EXPECT_EQ(n.work_orders, d.work_orders.size());
  EXPECT_EQ(n.complaints, d.complaints.size());
  EXPECT_EQ(card["details"]["important_customers"].GetUint64(), d.important_customers.size());
  std::uint64_t by_kind = 0;
  for (const auto& k : card["decisions_summary"]["by_kind"].GetArray()) by_kind += k["count"].GetUint64();
  EXPECT_EQ(by_kind, d.decisions.size());
}

TEST(Details, ScorecardSizeDoesNotGrowWithTheArea) {
  const Scenario one = small_storm();
  const Finished small = finish(one);
  const Finished big = finish(tiled(one, 3));
  const DetailCounts a = count_details(*small.sim), b = count_details(*big.sim);
  // The tiled run has more of everything per entity ...
  ASSERT_GT(static_cast<double>(big.sim->world().customers_served()), 2.5 * static_cast<double>(small.sim->world().customers_served()));
  EXPECT_GT(b.crews, a.crews);
  EXPECT_GT(b.work_orders, a.work_orders);
  EXPECT_GT(b.important_customers, a.important_customers);
  // ... but its scorecard is about as long: no array follows the entities.
  std::printf("scorecard %zu bytes at factor 1 (%llu decisions), %zu at factor 3 (%llu decisions)\n", small.card.size(),
              static_cast<unsigned long long>(a.decisions), big.card.size(), static_cast<unsigned long long>(b.decisions));
  EXPECT_LT(static_cast<double>(big.card.size()), 1.5 * static_cast<double>(small.card.size()))
      << small.card.size() << " bytes at factor 1, " << big.card.size() << " at factor 3";
  for (const Finished* f : {&small, &big}) {
    const auto card = parse(f->card);
    std::size_t longest = 0;
    std::string where;
    longest_array(card, "", longest, where);
    // The longest arrays follow time (15-min restoration curve, half-hour intervals), never the area.
    const double hours = card["sim_hours"].GetDouble();
    EXPECT_LE(static_cast<double>(longest), 4 * hours + 2) << where;
    EXPECT_LE(card["important_customers"].Size(), 50u);
  }
}

}  // namespace
}  // namespace fl::run
