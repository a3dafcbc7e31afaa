// Without a display `faultline play` explains itself instead of crashing in the window system.
#include <gtest/gtest.h>

#include <cstdlib>
#include <sstream>

#include "trainer/app/app.h"

namespace fl::trainer::app {
namespace {

TEST(PlayWithoutDisplay, SaysSoAndFails) {
  unsetenv("DISPLAY");
  unsetenv("WAYLAND_DISPLAY");
  EXPECT_FALSE(display_available());
  PlayOptions o;
  o.scenario_path = FAULTLINE_SOURCE_DIR "/tests/data/small_storm.json";
  o.out_dir = ::testing::TempDir() + "/faultline_no_display";
  std::ostringstream out, err;
  EXPECT_EQ(run_play(o, out, err), 1);
  EXPECT_NE(err.str().find("no display"), std::string::npos) << err.str();
}

}  // namespace
}  // namespace fl::trainer::app
