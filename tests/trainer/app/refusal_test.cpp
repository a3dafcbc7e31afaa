// A command the sim refuses reaches the trainee in the interface language: the sim's message key
// and arguments, said through the string tables (no window needed: the app without run()).
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "sim/world/world.h"
#include "trainer/app/app_internal.h"

namespace fl::trainer::app {
namespace {

PlayOptions small_storm_options(const std::string& language) {
  PlayOptions o;
  o.scenario_path = FAULTLINE_SOURCE_DIR "/tests/data/small_storm.json";
  o.seat = "dispatch";
  o.language = language;
  o.out_dir = (std::filesystem::temp_directory_path() / ("faultline_refusal_test_" + language)).string();
  return o;
}

TEST(Refusal, ARefusedCommandShowsTheChineseText) {
  const PlayOptions options = small_storm_options("zh");
  std::ostringstream out, err;
  App app(options, out, err);
  ASSERT_TRUE(app.load(options)) << err.str();
  Command unknown_crew;
  unknown_crew.kind = CommandKind::kAssignCrew;
  unknown_crew.actor = 9999;
  app.command(unknown_crew, "assign");
  ASSERT_FALSE(app.messages_.empty());
  EXPECT_FALSE(app.messages_.front().ok);
  EXPECT_EQ(app.messages_.front().text, "指令未执行 — assign：不存在编号为9999的班组");

  // A device name as the argument: closing a closed switch.
  const auto& devices = app.sim_->world().grid().devices();
  std::uint32_t closed = 0;
  while (closed < devices.size() && (!devices[closed].closed || devices[closed].edge == world::kNoId)) ++closed;
  ASSERT_LT(closed, devices.size());
  Command close;
  close.kind = CommandKind::kOperateSwitch;
  close.target = closed;
  close.value = 1;
  app.command(close, "close");
  EXPECT_EQ(app.messages_.front().text,
            "指令未执行 — close：" + app.sim_->world().grid().device_name(closed) + "已在合位");
}

TEST(Refusal, EnglishSaysTheSameFromTheTable) {
  const PlayOptions options = small_storm_options("en");
  std::ostringstream out, err;
  App app(options, out, err);
  ASSERT_TRUE(app.load(options)) << err.str();
  Command unknown_crew;
  unknown_crew.kind = CommandKind::kAssignCrew;
  unknown_crew.actor = 9999;
  app.command(unknown_crew, "assign");
  ASSERT_FALSE(app.messages_.empty());
  EXPECT_EQ(app.messages_.front().text, "Refused — assign: there is no crew 9999");
}

}  // namespace
}  // namespace fl::trainer::app
