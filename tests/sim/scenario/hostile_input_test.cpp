// Hostile but fair files through every loader (scenario, session, commitment set): deep nesting,
// huge or endless inputs, directories, repeated keys and invalid UTF-8 are explained, never crash.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "sim/scenario/json_reader.h"
#include "sim/scenario/scenario.h"
#include "sim/scoring/commitment_set.h"
#include "sim/session.h"

namespace fl {
namespace {

const std::string kCommitments = std::string(FAULTLINE_SOURCE_DIR) + "/scenarios/commitments";

std::string nested(std::size_t levels) { return std::string(levels, '[') + std::string(levels, ']'); }

/// The problems each loader reports for `text` (all three must refuse it when `refused`).
struct LoaderOutcome {
  bool scenario_ok, session_ok, set_ok;
  std::string scenario, session, set;
};
LoaderOutcome load_everywhere(const std::string& text) {
  LoaderOutcome r{};
  Scenario s;
  Problems ps;
  r.scenario_ok = parse_scenario(text, kCommitments, s, ps);
  r.scenario = ps.format("f.json");
  Session session;
  Problems pss;
  r.session_ok = session_from_json(text, session, pss);
  r.session = pss.format("f.json");
  scoring::CommitmentSet set;
  Problems pc;
  r.set_ok = scoring::parse_commitment_set(text, set, pc);
  r.set = pc.format("f.json");
  return r;
}

TEST(HostileInput, DeepNestingIsRefusedByEveryLoaderWithoutRecursion) {
  // 110 000 levels crashed every loader (RapidJSON's recursive parser) before.
  const LoaderOutcome r = load_everywhere(nested(110000));
  EXPECT_FALSE(r.scenario_ok);
  EXPECT_FALSE(r.session_ok);
  EXPECT_FALSE(r.set_ok);
  for (const std::string* text : {&r.scenario, &r.session, &r.set})
    EXPECT_NE(text->find("f.json: lists or objects nested deeper than 256 levels at line 1, column 257"),
              std::string::npos)
        << *text;
}

TEST(HostileInput, NestingUpToTheLimitIsOrdinaryJson) {
  // 255 levels inside an unknown field: read, the field ignored with a warning.
  const std::string text = R"({"version": 1, "id": "deep", "start": {"local": "2024-09-13T06:00"}, "duration_hours": 1,
                               "notes": )" + nested(255) + "}";
  Scenario s;
  Problems p;
  EXPECT_TRUE(parse_scenario(text, kCommitments, s, p)) << p.format("f.json");
  EXPECT_NE(p.format("f.json").find("f.json: notes: warning: unknown field, ignored"), std::string::npos);
}

TEST(HostileInput, DirectoryIsSaidToBeADirectory) {
  const std::string dir = std::filesystem::temp_directory_path().string();
  Scenario s;
  Problems p;
  EXPECT_FALSE(load_scenario(dir, s, p));
  EXPECT_EQ(p.format(dir), dir + ": is a directory, expected a readable scenario file\n");
  scoring::CommitmentSet set;
  Problems pc;
  EXPECT_FALSE(scoring::load_commitment_set(dir, set, pc));
  EXPECT_EQ(pc.format(dir), dir + ": is a directory, expected a readable commitment-set file\n");
}

TEST(HostileInput, EndlessDeviceIsRefusedAsTooLarge) {
  if (!std::filesystem::exists("/dev/zero")) GTEST_SKIP() << "no /dev/zero here";
  Scenario s;
  Problems p;
  EXPECT_FALSE(load_scenario("/dev/zero", s, p));  // read until memory ran out before
  EXPECT_EQ(p.format("/dev/zero"),
            "/dev/zero: larger than 64 MB, expected a readable scenario file (at most 64 MB)\n");
}

TEST(HostileInput, FileOverTheLimitIsRefusedAndOneAtItIsRead) {
  const auto path = std::filesystem::temp_directory_path() / "faultline_hostile_size.json";
  std::ofstream(path, std::ios::binary) << std::string(std::size_t{2} << 20, ' ') << "{}";
  std::string text;
  Problems over;
  EXPECT_FALSE(read_input_file(path.string(), text, over, "a file", std::size_t{2} << 20));
  EXPECT_EQ(over.format("x"), "x: larger than 2 MB, expected a file (at most 2 MB)\n");
  Problems at;
  EXPECT_TRUE(read_input_file(path.string(), text, at, "a file", (std::size_t{2} << 20) + 2));
  EXPECT_EQ(text.size(), (std::size_t{2} << 20) + 2);
  std::filesystem::remove(path);
}

TEST(HostileInput, RepeatedKeyIsAnErrorWithBothPositions) {
  // Before, the second value was silently ignored: this validated and ran 24 hours.
  const std::string text =
      "{\"version\": 1, \"id\": \"dup\", \"start\": {\"local\": \"2024-09-13T06:00\"},\n"
      "  \"duration_hours\": 24,\n"
      "  \"hotline\": {\"ivr_s\": 5, \"ivr_s\": 6},\n"
      "  \"duration_hours\": -3}";
  Scenario s;
  Problems p;
  EXPECT_FALSE(parse_scenario(text, kCommitments, s, p));
  const std::string out = p.format("f.json");
  EXPECT_NE(out.find("f.json: duration_hours: found this key a second time at line 4, column 3 "
                     "(first at line 2, column 3), expected each key once per object"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("f.json: hotline.ivr_s: found this key a second time at line 3, column 27 (first at line 3, column 15)"),
            std::string::npos)
      << out;
}

TEST(HostileInput, RepeatedKeyInSessionsAndSetsToo) {
  const LoaderOutcome r = load_everywhere(R"({"version": 1, "version": 1})");
  for (const std::string* text : {&r.scenario, &r.session, &r.set})
    EXPECT_NE(text->find("f.json: version: found this key a second time at line 1, column 16 (first at line 1, column 2)"),
              std::string::npos)
        << *text;
}

TEST(HostileInput, KeysWithEscapedQuotesArePlacedAtTheirOpeningQuote) {
  Problems p;
  rapidjson::Document doc;
  EXPECT_FALSE(parse_json(R"({"a\"b": 1, "a\"b": 2})", doc, p));
  EXPECT_NE(p.format("f").find("at line 1, column 13 (first at line 1, column 2)"), std::string::npos) << p.format("f");
}

TEST(HostileInput, InvalidUtf8IsRefusedWithItsPosition) {
  const std::string text = "{\"version\": 1, \"id\": \"bad\xff\"}";
  const LoaderOutcome r = load_everywhere(text);
  EXPECT_FALSE(r.scenario_ok);
  EXPECT_FALSE(r.session_ok);
  EXPECT_FALSE(r.set_ok);
  EXPECT_NE(r.scenario.find("f.json: malformed JSON at line 1, column 26: Invalid encoding in string."), std::string::npos)
      << r.scenario;
}

}  // namespace
}  // namespace fl
