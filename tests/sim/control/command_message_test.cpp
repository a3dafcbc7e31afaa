// What the issuer of a refused command is told: a key + arguments, in both languages, without
// the debrief's context.
#include <gtest/gtest.h>

#include <string>

#include "sim/core/command_messages.h"
#include "sim/scenario/scenario.h"
#include "tests/sim/world/world_harness.h"

namespace fl {
namespace {

TEST(CommandMessage, EveryKeyHasEnglishAndChinese) {
  for (const std::string& key : command_message_keys()) {
    const std::string en = command_message_template(key, "en");
    const std::string zh = command_message_template(key, "zh");
    EXPECT_FALSE(en.empty()) << key;
    EXPECT_FALSE(zh.empty()) << key;
    if (key != "refused.text") {
      EXPECT_NE(en, zh) << key;
    }
  }
  EXPECT_EQ(format_command_message({"crew.off_shift", {"L03", "30.0 h"}}, "en"), "Crew L03 is off shift until 30.0 h.");
  EXPECT_EQ(format_command_message({"crew.off_shift", {"L03", "30.0 h"}}, "zh"), "班组L03正在轮休，30.0 h后方可出工。");
}

TEST(CommandMessage, RefusalsTellTheIssuerAKeyAndKeepTheDebriefText) {
  Scenario s;
  Problems p;
  const std::string path = std::string(FAULTLINE_SOURCE_DIR) + "/tests/data/small_storm.json";
  ASSERT_TRUE(load_scenario(path, s, p)) << p.format(path);
  world::testing::Harness h(s, 1, false);
  Command c;
  c.kind = CommandKind::kAssignCrew;
  c.actor = 9999;
  CommandResult r = h.submit(c);
  EXPECT_FALSE(r.accepted);
  EXPECT_EQ(r.message.key, "crew.unknown");
  EXPECT_EQ(r.message.args, std::vector<std::string>{"9999"});
  EXPECT_EQ(r.reason, "unknown crew 9999");  // the old text, for the report
  c.actor = 0;
  c.target = 0;
  r = h.submit(c);  // no fault 0 exists on a calm start
  EXPECT_EQ(r.message.key, "fault.unknown");
  EXPECT_TRUE(r.context.empty());
  EXPECT_NE(command_message_template(r.message.key, "zh"), nullptr);
}

}  // namespace
}  // namespace fl
