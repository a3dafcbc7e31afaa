// What the issuer of a refused command is told: a key + arguments from the sim's vocabulary
// (texts in both languages: tests/trainer/strings_test.cpp), without the debrief's context.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "sim/core/command_messages.h"
#include "sim/scenario/scenario.h"
#include "tests/sim/world/world_harness.h"

namespace fl {
namespace {

bool in_vocabulary(const std::string& key) {
  const std::vector<std::string> keys = command_message_keys();
  return std::binary_search(keys.begin(), keys.end(), key);
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
  EXPECT_TRUE(in_vocabulary(r.message.key));
  // A command for the other subsystem: a key too, never English-only text.
  c.kind = static_cast<CommandKind>(250);
  r = h.submit(c);
  EXPECT_FALSE(r.accepted);
  EXPECT_EQ(r.message.key, "command.not_world");
  EXPECT_TRUE(in_vocabulary(r.message.key));
}

}  // namespace
}  // namespace fl
