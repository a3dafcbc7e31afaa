#include "sim/scenario/scenario.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "sim/core/calendar.h"

namespace fl {
namespace {

const std::string kCommitments = std::string(FAULTLINE_SOURCE_DIR) + "/scenarios/commitments";

const char* kMinimal = R"({
  "version": 1,
  "id": "tiny",
  "start": {"local": "2024-09-13T16:00", "utc_offset_min": 480},
  "duration_hours": 2
})";

/// Parses `json` and returns the formatted problems ("" when clean).
std::string problems_of(const std::string& json, bool* ok = nullptr) {
  Scenario s;
  Problems p;
  const bool parsed = parse_scenario(json, kCommitments, s, p);
  if (ok) *ok = parsed;
  return p.format("test.json");
}

std::string with(const std::string& from, const std::string& to) {
  std::string json = kMinimal;
  const auto at = json.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return json.replace(at, from.size(), to);
}

TEST(Scenario, MinimalScenarioIsValidWithDefaults) {
  Scenario s;
  Problems p;
  ASSERT_TRUE(parse_scenario(kMinimal, kCommitments, s, p)) << p.format("test.json");
  EXPECT_EQ(s.id, "tiny");
  EXPECT_DOUBLE_EQ(s.duration_hours, 2.0);
  EXPECT_EQ(s.commitment_set, "sgcc_2023");  // documented default
  EXPECT_EQ(s.seed, 1u);
  EXPECT_TRUE(p.all().empty());
}

TEST(Scenario, MalformedJsonGivesLineAndColumn) {
  bool ok = true;
  const std::string text = problems_of("{\n  \"version\": 1,\n  \"id\": \"x\"\n  \"start\": {}\n}", &ok);
  EXPECT_FALSE(ok);
  EXPECT_NE(text.find("test.json: malformed JSON at line 4, column 3"), std::string::npos) << text;
}

TEST(Scenario, MissingRequiredFieldNamesItsPath) {
  bool ok = true;
  const std::string text = problems_of(with(R"("local": "2024-09-13T16:00", )", ""), &ok);
  EXPECT_FALSE(ok);
  EXPECT_NE(text.find("test.json: start.local: missing, expected this required field"), std::string::npos) << text;
}

TEST(Scenario, WrongTypeSaysWhatWasFoundAndExpected) {
  bool ok = true;
  const std::string text = problems_of(with(R"("duration_hours": 2)", R"("duration_hours": "two")"), &ok);
  EXPECT_FALSE(ok);
  EXPECT_NE(text.find("duration_hours: found the string \"two\", expected a number"), std::string::npos) << text;
  const std::string text2 = problems_of(with(R"("start": {)", R"("start": 5, "x": {)"));
  EXPECT_NE(text2.find("start: found 5, expected an object"), std::string::npos) << text2;
}

TEST(Scenario, OutOfRangeValue) {
  bool ok = true;
  const std::string text = problems_of(with(R"("duration_hours": 2)", R"("duration_hours": -1)"), &ok);
  EXPECT_FALSE(ok);
  EXPECT_NE(text.find("duration_hours: found -1, expected a value from 0.25 to 1440"), std::string::npos) << text;
  const std::string text2 = problems_of(with("2024-09-13T16:00", "2024-02-30T16:00"));
  EXPECT_NE(text2.find("start.local: found \"2024-02-30T16:00\""), std::string::npos) << text2;
}

TEST(Scenario, UnknownVersionIsRefused) {
  bool ok = true;
  const std::string text = problems_of(with(R"("version": 1)", R"("version": 7)"), &ok);
  EXPECT_FALSE(ok);
  EXPECT_NE(text.find("version: found 7, expected 1"), std::string::npos) << text;
}

TEST(Scenario, ReferenceToMissingCommitmentSet) {
  bool ok = true;
  const std::string text = problems_of(with(R"("id": "tiny")", R"("id": "tiny", "commitment_set": "nonexistent")"), &ok);
  EXPECT_FALSE(ok);
  EXPECT_NE(text.find("commitment_set: found \"nonexistent\""), std::string::npos) << text;
}

TEST(Scenario, UnknownFieldIsAWarningNotAnError) {
  bool ok = false;
  const std::string text = problems_of(with(R"("id": "tiny")", R"("id": "tiny", "durration_hours": 5)"), &ok);
  EXPECT_TRUE(ok) << "a typo'd optional field must not stop the run";
  EXPECT_NE(text.find("test.json: durration_hours: warning: unknown field, ignored"), std::string::npos) << text;
}

TEST(Scenario, EveryProblemIsReportedNotJustTheFirst) {
  const std::string json = R"({"version": 1, "id": "", "start": {"local": "yesterday"}, "duration_hours": 0,
    "calendar": {"holidays": ["2024-09-16", "someday"], "work_start": "18:00", "work_end": "09:00"}})";
  bool ok = true;
  const std::string text = problems_of(json, &ok);
  EXPECT_FALSE(ok);
  for (const char* path : {"id:", "start.local:", "duration_hours:", "calendar.holidays[1]:", "calendar.work_end:"})
    EXPECT_NE(text.find(std::string("test.json: ") + path), std::string::npos) << path << "\n" << text;
}

TEST(Scenario, UnreadableFileIsAProblemNotACrash) {
  Scenario s;
  Problems p;
  EXPECT_FALSE(load_scenario("/nonexistent/dir/scenario.json", s, p));
  EXPECT_NE(p.format("f").find("cannot open the file"), std::string::npos);
}

TEST(Scenario, EveryShippedScenarioValidates) {
  int checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(FAULTLINE_SOURCE_DIR) + "/scenarios")) {
    if (entry.path().extension() != ".json") continue;
    ++checked;
    Scenario s;
    Problems p;
    const std::string path = entry.path().string();
    EXPECT_TRUE(load_scenario(path, s, p)) << p.format(path);
    for (const Problem& problem : p.all()) EXPECT_NE(problem.severity, Problem::Severity::kWarning) << p.format(path);
  }
  EXPECT_GE(checked, 1);
}

TEST(Scenario, CalendarFollowsTheScenario) {
  Scenario s;
  Problems p;
  ASSERT_TRUE(parse_scenario(with(R"("duration_hours": 2)", R"("duration_hours": 2, "calendar": {"holidays": ["2024-09-16"]})"),
                             kCommitments, s, p));
  const WorkingCalendar cal = make_calendar(s);
  EXPECT_EQ(cal.weekday(0), 4);
  EXPECT_FALSE(cal.is_working_day({2024, 9, 16}));
  EXPECT_EQ(cal.date_at(cal.add_working_days(0, 1)), (CivilDate{2024, 9, 17}));
}

}  // namespace
}  // namespace fl
