// details.sqlite (trainer/records_db.h): a run's per-entity rows written beside its scorecard,
// read back whole; missing or malformed files are refused with their name, never a crash.
#include "trainer/records_db.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "sim/run/details.h"
#include "sim/scenario/scenario.h"
#include "sim/simulator.h"
#include "trainer/headless.h"
#include "trainer/report.h"

namespace fl::trainer {
namespace {

Scenario small_storm() {
  Scenario s;
  Problems p;
  const std::string path = std::string(FAULTLINE_SOURCE_DIR) + "/tests/data/small_storm.json";
  EXPECT_TRUE(load_scenario(path, s, p)) << p.format(path);
  return s;
}

std::string temp_dir(const char* name) {
  const auto dir = std::filesystem::temp_directory_path() / (std::string("faultline_details_") + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// The message of the runtime_error `f` throws ("" if it throws none).
template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

void expect_same(const run::RunDetails& a, const run::RunDetails& b) {
  ASSERT_EQ(a.decisions.size(), b.decisions.size());
  for (std::size_t i = 0; i < a.decisions.size(); ++i) {
    SCOPED_TRACE("decision " + std::to_string(i));
    const run::DecisionRow &x = a.decisions[i], &y = b.decisions[i];
    EXPECT_EQ(x.seq, y.seq);
    EXPECT_EQ(x.hours, y.hours);
    EXPECT_EQ(x.kind, y.kind);
    EXPECT_EQ(x.actor, y.actor);
    EXPECT_EQ(x.target, y.target);
    EXPECT_EQ(x.value, y.value);
    EXPECT_EQ(x.by_trainee, y.by_trainee);
    EXPECT_EQ(x.accepted, y.accepted);
    EXPECT_EQ(x.reason, y.reason);
    EXPECT_EQ(x.message_key, y.message_key);
    EXPECT_EQ(x.context, y.context);
  }
  ASSERT_EQ(a.crews.size(), b.crews.size());
  for (std::size_t i = 0; i < a.crews.size(); ++i) EXPECT_EQ(a.crews[i].name, b.crews[i].name);
  ASSERT_EQ(a.crew_segments.size(), b.crew_segments.size());
  for (std::size_t i = 0; i < a.crew_segments.size(); ++i) {
    EXPECT_EQ(a.crew_segments[i].crew, b.crew_segments[i].crew);
    EXPECT_EQ(a.crew_segments[i].end_hours, b.crew_segments[i].end_hours);
    EXPECT_EQ(a.crew_segments[i].activity, b.crew_segments[i].activity);
    EXPECT_EQ(a.crew_segments[i].target, b.crew_segments[i].target);
  }
  ASSERT_EQ(a.work_orders.size(), b.work_orders.size());
  for (std::size_t i = 0; i < a.work_orders.size(); ++i) {
    EXPECT_EQ(a.work_orders[i].id, b.work_orders[i].id);
    EXPECT_EQ(a.work_orders[i].customer, b.work_orders[i].customer);
    // NULL (not reached) reads back as NaN.
    EXPECT_EQ(std::isnan(a.work_orders[i].resolved_hours), std::isnan(b.work_orders[i].resolved_hours));
  }
  ASSERT_EQ(a.complaints.size(), b.complaints.size());
  for (std::size_t i = 0; i < a.complaints.size(); ++i) EXPECT_EQ(a.complaints[i].reason, b.complaints[i].reason);
  ASSERT_EQ(a.important_customers.size(), b.important_customers.size());
  for (std::size_t i = 0; i < a.important_customers.size(); ++i) {
    const run::ImportantRow &x = a.important_customers[i], &y = b.important_customers[i];
    EXPECT_EQ(x.outage_minutes, y.outage_minutes);
    EXPECT_EQ(x.terrain, y.terrain);
    EXPECT_EQ(x.terrain_median_minutes, y.terrain_median_minutes);
    EXPECT_EQ(x.longer_than_median, y.longer_than_median);
    ASSERT_EQ(x.why.size(), y.why.size());
    for (std::size_t k = 0; k < x.why.size(); ++k) {
      EXPECT_EQ(x.why[k].reason, y.why[k].reason);
      EXPECT_EQ(x.why[k].fault, y.why[k].fault);
      EXPECT_EQ(x.why[k].amount, y.why[k].amount);
    }
  }
}

TEST(DetailsDb, ReadsBackEveryRowItWrote) {
  const Scenario scenario = small_storm();
  Simulator sim(scenario, RunOptions{scenario.seed, 0, true});
  sim.run_to_end();
  run::RunDetails written = run::collect_details(sim);
  ASSERT_GT(written.decisions.size(), 10u);
  ASSERT_GT(written.work_orders.size(), 0u);
  // Two reasons on one important customer, whatever this storm held, so the delays table is read.
  ASSERT_FALSE(written.important_customers.empty());
  written.important_customers.back().why = {{"wind_limit", 7, 2.5}, {"road_blocked", 9, 2}};
  const std::string path = temp_dir("roundtrip") + "/details.sqlite";
  write_details(path, written, {scenario.id, scenario.seed});
  expect_same(written, read_details(path));
  // Another run's key holds nothing.
  EXPECT_TRUE(read_details(path, 1, 0).decisions.empty());
}

TEST(DetailsDb, HeadlessRunWritesEveryDecisionBesideTheScorecard) {
  const Scenario scenario = small_storm();
  // Oracle: the same run in memory (the run is deterministic for its seed).
  Simulator sim(scenario, RunOptions{scenario.seed, 0, true});
  sim.run_to_end();
  const std::string out = temp_dir("headless") + "/out";
  HeadlessOptions options;
  options.out_dir = out;
  options.progress = false;
  const HeadlessResult result = run_headless(scenario, options);
  ASSERT_TRUE(std::filesystem::exists(result.details_path));
  const run::RunDetails stored = read_details(result.details_path);
  EXPECT_EQ(stored.decisions.size(), sim.command_log().size());
  expect_same(run::collect_details(sim), stored);
  // The report rendered from the folder alone matches the one written with the run in memory,
  // but for the appendix links the debrief adds.
  const std::string from_folder = render_report_from_folder(out, "en");
  EXPECT_NE(from_folder.find("class=\"chart\""), std::string::npos);
  EXPECT_EQ(read(result.scorecard_path), sim.scorecard_json());
}

TEST(DetailsDb, MissingFileIsRefusedByName) {
  const std::string path = temp_dir("missing") + "/details.sqlite";
  const std::string message = error_of([&] { read_details(path); });
  EXPECT_NE(message.find(path), std::string::npos) << message;
  EXPECT_FALSE(std::filesystem::exists(path));  // reading never creates it
}

TEST(DetailsDb, MalformedFilesAreRefusedByName) {
  const std::string dir = temp_dir("malformed");
  // Not SQLite at all.
  const std::string garbage = dir + "/garbage.sqlite";
  std::ofstream(garbage) << "this is not a database, just text that a user saved under the wrong name\n";
  std::string message = error_of([&] { read_details(garbage); });
  EXPECT_NE(message.find(garbage), std::string::npos) << message;
  // Cut short (a copy that stopped half-way).
  const Scenario scenario = small_storm();
  Simulator sim(scenario, RunOptions{scenario.seed, 0, true});
  sim.run_until(6 * kHour);
  const std::string whole = dir + "/whole.sqlite";
  write_details(whole, run::collect_details(sim), {scenario.id, scenario.seed});
  const std::string bytes = read(whole);
  const std::string cut = dir + "/cut.sqlite";
  std::ofstream(cut, std::ios::binary) << bytes.substr(0, bytes.size() / 3);
  message = error_of([&] { read_details(cut); });
  EXPECT_NE(message.find(cut), std::string::npos) << message;
  // SQLite, but another schema (a study file).
  const std::string study = dir + "/study.sqlite";
  { StudyDb db(study); }
  message = error_of([&] { read_details(study); });
  EXPECT_NE(message.find(study), std::string::npos) << message;
  EXPECT_NE(message.find("not a Faultline details file"), std::string::npos) << message;
  // The report of a folder whose details are broken says which file, and does not crash.
  const std::string folder = dir + "/run";
  std::filesystem::create_directories(folder);
  std::ofstream(folder + "/scorecard.json") << sim.scorecard_json();
  std::ofstream(folder + "/details.sqlite") << "garbage";
  message = error_of([&] { render_report_from_folder(folder, "zh"); });
  EXPECT_NE(message.find(folder + "/details.sqlite"), std::string::npos) << message;
}

}  // namespace
}  // namespace fl::trainer
