#include "sim/session.h"

#include <gtest/gtest.h>

#include "sim/core/command.h"

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

}  // namespace
}  // namespace fl
