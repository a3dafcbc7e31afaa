#include "trainer/app/clock.h"

#include <algorithm>
#include <cmath>

namespace fl::trainer::app {

void DrillClock::set_speed(int index) {
  speed_index_ = std::clamp(index, 0, kFastestSpeed);
  if (speed_index_ > 0) resume_index_ = speed_index_;
}

void DrillClock::toggle_pause() { set_speed(paused() ? resume_index_ : 0); }

Time DrillClock::target(Time now, double wall_dt_s) {
  Time advance = step_ms_;
  step_ms_ = 0;
  if (!paused()) {
    const double wall = std::clamp(wall_dt_s, 0.0, max_frame_wall_s_);
    const double ms = wall * 1000.0 * speed() + carry_ms_;
    const double whole = std::floor(ms);
    carry_ms_ = ms - whole;
    advance += static_cast<Time>(whole);
  }
  return now + advance;
}

}  // namespace fl::trainer::app
