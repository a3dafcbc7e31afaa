#include "sim/session.h"

#include <gtest/gtest.h>

#include "sim/core/command.h"
#include "sim/scenario/scenario.h"
#include "sim/simulator.h"

namespace fl {
namespace {

Session sample_session() {
  Session s;
  s.scenario_path = "scenarios/x.json";
  s.scenario_text = "{\"version\": 1}";
  s.seed = 99;
  s.automatic_dispatcher = false;
  Command c;
  c.time = 5 * kMinute;
  c.kind = CommandKind::kOperateSwitch;
  c.target = 12;
  c.value = 1;
  c.text = "close tie 12";
  c.by_trainee = true;
  s.commands.push_back(c);
  c.time = 7 * kMinute;
  c.kind = CommandKind::kPublishOutage;
  s.commands.push_back(c);
  return s;
}

TEST(Session, RoundTripsThroughJson) {
  const Session original = sample_session();
  Session loaded;
  Problems p;
  ASSERT_TRUE(session_from_json(session_to_json(original), loaded, p)) << p.format("s.json");
  EXPECT_EQ(loaded.seed, 99u);
  EXPECT_FALSE(loaded.automatic_dispatcher);
  EXPECT_EQ(loaded.scenario_text, original.scenario_text);
  ASSERT_EQ(loaded.commands.size(), 2u);
  EXPECT_EQ(loaded.commands[1].kind, CommandKind::kPublishOutage);
  EXPECT_EQ(loaded.commands[0].text, "close tie 12");
  EXPECT_EQ(loaded.commands[0].time, 5 * kMinute);
  EXPECT_EQ(session_to_json(loaded), session_to_json(original));
}

TEST(Session, TruncatedFileIsExplained) {
  const std::string json = session_to_json(sample_session());
  Session loaded;
  Problems p;
  EXPECT_FALSE(session_from_json(json.substr(0, json.size() / 2), loaded, p));
  EXPECT_NE(p.format("s.json").find("s.json: malformed JSON"), std::string::npos) << p.format("s.json");
}

TEST(Session, WrongFieldTypeNamesThePath) {
  std::string json = session_to_json(sample_session());
  const auto at = json.find("\"seed\": 99");
  ASSERT_NE(at, std::string::npos) << json;
  json.replace(at, 10, "\"seed\": \"x\"");
  Session loaded;
  Problems p;
  EXPECT_FALSE(session_from_json(json, loaded, p));
  EXPECT_NE(p.format("s.json").find("faultline_session.seed: found the string \"x\""), std::string::npos)
      << p.format("s.json");
}

TEST(Session, NotASessionFile) {
  Session loaded;
  Problems p;
  EXPECT_FALSE(session_from_json("{\"version\": 1, \"id\": \"coastal_city\"}", loaded, p));
  EXPECT_NE(p.format("s.json").find("expected a Faultline session file"), std::string::npos);
}


std::string replace_once(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return at == std::string::npos ? text : text.replace(at, from.size(), to);
}

TEST(Session, UnknownCommandKindIsNamedAtLoad) {
  // Before: it loaded, and replay said only that the scorecard differed.
  const std::string json = replace_once(session_to_json(sample_session()), "\"kind\": 100", "\"kind\": 57");
  Session loaded;
  Problems p;
  EXPECT_FALSE(session_from_json(json, loaded, p));
  EXPECT_NE(p.format("s.json").find("s.json: faultline_session.commands[1].kind: found 57, expected a command kind this "
                                    "build knows (0-5 for the world, 100-104 for the hotline)"),
            std::string::npos)
      << p.format("s.json");
}

TEST(Session, NegativeCommandTimeIsRefused) {
  // Before: applied at 0 without a word.
  const std::string json = replace_once(session_to_json(sample_session()), "\"time_ms\": 300000", "\"time_ms\": -5");
  Session loaded;
  Problems p;
  EXPECT_FALSE(session_from_json(json, loaded, p));
  EXPECT_NE(p.format("s.json").find("s.json: faultline_session.commands[0].time_ms: found -5, expected a time >= 0"),
            std::string::npos)
      << p.format("s.json");
}

TEST(Session, EditedScenarioTextIsCaughtByItsHash) {
  Session s = sample_session();
  s.scenario_fnv1a = fnv1a_hex(s.scenario_text);
  const std::string json = replace_once(session_to_json(s), "{\\\"version\\\": 1}", "{\\\"version\\\": 2}");
  Session loaded;
  Problems p;
  EXPECT_FALSE(session_from_json(json, loaded, p));
  EXPECT_NE(p.format("s.json").find("s.json: faultline_session.scenario_text: text whose hash is"), std::string::npos)
      << p.format("s.json");
}

TEST(Session, CarriesItsCommitmentSetSoNoFolderIsNeeded) {
  Scenario scenario;
  Problems p;
  const std::string path = std::string(FAULTLINE_SOURCE_DIR) + "/tests/data/small_storm.json";
  ASSERT_TRUE(load_scenario(path, scenario, p)) << p.format(path);
  ASSERT_FALSE(scenario.commitment_set_text.empty());
  Simulator sim(scenario, RunOptions{3, 0, true});
  sim.run_until(kHour);
  const Session recorded = capture_session(sim, "/nowhere/small_storm.json", scenario.source_text);
  EXPECT_EQ(recorded.commitment_set_fnv1a, fnv1a_hex(scenario.commitment_set_text));
  Session loaded;
  Problems pl;
  ASSERT_TRUE(session_from_json(session_to_json(recorded), loaded, pl)) << pl.format("s.json");
  Scenario rebuilt;
  Problems pr;
  ASSERT_TRUE(scenario_from_session(loaded, {}, rebuilt, pr)) << pr.format("s.json");  // no folder at all
  EXPECT_EQ(rebuilt.commitments.id, "sgcc_2023");
  EXPECT_EQ(rebuilt.commitments.commitments.size(), scenario.commitments.commitments.size());
  const auto replayed = replay_session(loaded, rebuilt, loaded.saved_at_ms);
  EXPECT_EQ(fnv1a_hex(replayed->scorecard_json()), recorded.scorecard_fnv1a);
}

}  // namespace
}  // namespace fl
