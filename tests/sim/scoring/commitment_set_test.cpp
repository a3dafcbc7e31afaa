// Commitment sets as data: the shipped sets load, and a bad custom set is explained with paths.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "sim/scenario/scenario.h"
#include "sim/scoring/commitment_set.h"

namespace fl::scoring {
namespace {

const std::string kDir = std::string(FAULTLINE_SOURCE_DIR) + "/scenarios/commitments";

const CommitmentSpec* find(const CommitmentSet& set, const std::string& id) {
  for (const auto& c : set.commitments)
    if (c.id == id) return &c;
  return nullptr;
}

TEST(CommitmentSet, ShippedSetsLoadWithoutProblems) {
  for (const char* name : {"sgcc_2023", "sgcc_legacy", "regulator_2005", "county_rules"}) {
    CommitmentSet set;
    Problems problems;
    EXPECT_TRUE(load_commitment_set(kDir + "/" + name + ".json", set, problems)) << name << "\n" << problems.format(name);
    EXPECT_EQ(problems.all().size(), 0u) << problems.format(name);
    EXPECT_EQ(set.id, name);
    for (const auto& c : set.commitments) {
      EXPECT_FALSE(c.text.zh.empty()) << name << "." << c.id;
      EXPECT_FALSE(c.text.en.empty()) << name << "." << c.id;
    }
  }
}

TEST(CommitmentSet, SetsCarryTheDomainFigures) {
  CommitmentSet sgcc, legacy, regulator, county;
  Problems p;
  ASSERT_TRUE(load_commitment_set(kDir + "/sgcc_2023.json", sgcc, p));
  ASSERT_TRUE(load_commitment_set(kDir + "/sgcc_legacy.json", legacy, p));
  ASSERT_TRUE(load_commitment_set(kDir + "/regulator_2005.json", regulator, p));
  ASSERT_TRUE(load_commitment_set(kDir + "/county_rules.json", county, p));
  // 2023: averages, restoration 3 h urban / 4 h rural after arrival.
  ASSERT_NE(find(sgcc, "arrival"), nullptr);
  EXPECT_EQ(find(sgcc, "arrival")->basis, "average");
  EXPECT_EQ(find(sgcc, "arrival")->targets.urban, 45);
  EXPECT_EQ(find(sgcc, "arrival")->targets.rural, 90);
  EXPECT_EQ(find(sgcc, "arrival")->targets.remote, 120);
  ASSERT_NE(find(sgcc, "restore"), nullptr);
  EXPECT_EQ(find(sgcc, "restore")->targets.urban, 180);
  EXPECT_EQ(find(sgcc, "restore")->targets.rural, 240);
  // Older wording: the same figures per incident, and no restoration commitment.
  EXPECT_EQ(find(legacy, "arrival")->basis, "per_incident");
  EXPECT_EQ(find(legacy, "restore"), nullptr);
  // Regulator: 60/120/240 min, complaint reply 10 working days, reliability 99 %.
  EXPECT_EQ(find(regulator, "arrival")->targets.remote, 240);
  EXPECT_EQ(find(regulator, "complaint_reply")->target, 10);
  EXPECT_EQ(find(regulator, "reliability")->target, 99.0);
  // County: 5 rings and important-customer notice.
  EXPECT_EQ(find(county, "pickup")->measure, "hotline_pickup_s");
  EXPECT_GE(find(county, "pickup")->target, 20);
  EXPECT_LE(find(county, "pickup")->target, 25);
  EXPECT_EQ(find(county, "important_temporary_notice")->target, 24);
}

TEST(CommitmentSet, UnknownMeasureAndBadTargetsAreErrorsWithPaths) {
  const std::string text = R"({"version": 1, "id": "custom", "name": {"zh": "自定义", "en": "Custom"},
    "commitments": [
      {"id": "a", "text": {"zh": "甲", "en": "A"}, "measure": "arrival_minuets", "basis": "average", "target": 45},
      {"id": "b", "text": {"zh": "乙", "en": "B"}, "measure": "reliability_rs1_pct", "basis": "per_incident", "target": 99.9},
      {"id": "c", "text": {"zh": "丙", "en": "C"}, "measure": "arrival_minutes", "basis": "average", "targets": {"urban": 45, "rural": 90}},
      {"id": "c", "text": {"zh": "丁", "en": ""}, "measure": "complaint_reply_working_days", "basis": "sometimes"}
    ]})";
  CommitmentSet set;
  Problems problems;
  EXPECT_FALSE(parse_commitment_set(text, set, problems));
  const std::string all = problems.format("custom.json");
  EXPECT_NE(all.find("commitments[0].measure: found \"arrival_minuets\""), std::string::npos) << all;
  EXPECT_NE(all.find("commitments[1].basis"), std::string::npos) << all;
  EXPECT_NE(all.find("commitments[2].targets.remote: missing"), std::string::npos) << all;
  EXPECT_NE(all.find("commitments[3].id"), std::string::npos) << all;
  EXPECT_NE(all.find("commitments[3].text.en"), std::string::npos) << all;
  EXPECT_NE(all.find("commitments[3].basis"), std::string::npos) << all;
  EXPECT_NE(all.find("commitments[3].target: missing"), std::string::npos) << all;
}

TEST(CommitmentSet, ScenarioLoadsItsNamedSetAndReportsACustomSetsProblems) {
  const auto dir = std::filesystem::temp_directory_path() / "faultline_commitment_set_test";
  std::filesystem::create_directories(dir / "commitments");
  std::filesystem::copy_file(kDir + "/regulator_2005.json", dir / "commitments" / "regulator_2005.json",
                             std::filesystem::copy_options::overwrite_existing);
  {
    std::ofstream(dir / "commitments" / "mine.json")
        << R"({"version": 1, "id": "mine", "name": {"zh": "我的", "en": "Mine"}, "commitments": [
              {"id": "x", "text": {"zh": "某", "en": "X"}, "measure": "speed_of_light", "basis": "average", "target": 1}]})";
  }
  auto write_scenario = [&](const std::string& set) {
    std::ofstream(dir / "s.json") << R"({"version": 1, "id": "s", "start": {"local": "2024-09-13T08:00"},
        "duration_hours": 1, "commitment_set": ")" + set + R"("})";
  };
  write_scenario("regulator_2005");
  Scenario s;
  Problems problems;
  ASSERT_TRUE(load_scenario((dir / "s.json").string(), s, problems)) << problems.format("s.json");
  EXPECT_EQ(s.commitments.id, "regulator_2005");
  EXPECT_EQ(s.commitments.commitments.size(), 8u);

  write_scenario("mine");
  Problems bad;
  EXPECT_FALSE(load_scenario((dir / "s.json").string(), s, bad));
  const std::string text = bad.format("s.json");
  EXPECT_NE(text.find("commitment_set(mine.json).commitments[0].measure: found \"speed_of_light\""), std::string::npos)
      << text;

  write_scenario("nowhere");
  Problems missing;
  EXPECT_FALSE(load_scenario((dir / "s.json").string(), s, missing));
  EXPECT_NE(missing.format("s.json").find("commitment_set"), std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace fl::scoring
