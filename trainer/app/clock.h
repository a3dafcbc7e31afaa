#pragma once
/// \file The drill clock: how far the simulation should advance this frame. Wall time × speed,
/// with a frame's demand capped so a stalled frame (a window drag, a slow machine) does not make
/// the next one try to catch up minutes of simulated time at once.
#include <array>

#include "sim/core/time.h"

namespace fl::trainer::app {

/// Speeds offered: pause, 1×, 10×, 60×, 600×, 3600× (index 0 is pause).
inline constexpr std::array<int, 6> kSpeeds = {0, 1, 10, 60, 600, 3600};
/// Index of the fastest speed (3600×).
inline constexpr int kFastestSpeed = static_cast<int>(kSpeeds.size()) - 1;

class DrillClock {
 public:
  /// Speed index into kSpeeds (clamped); 0 pauses.
  void set_speed(int index);
  int speed_index() const { return speed_index_; }
  int speed() const { return kSpeeds[static_cast<std::size_t>(speed_index_)]; }
  bool paused() const { return speed_index_ == 0; }
  /// Pause keeping the speed to resume with (Space toggles).
  void toggle_pause();
  /// While paused: asks the next target() to advance by `step_ms` of sim time once.
  void request_step(Time step_ms) { step_ms_ += step_ms; }
  /// The sim time to reach this frame from `now`, `wall_dt_s` wall seconds after the last frame.
  /// At most max_frame_wall_s of wall time counts (a stall does not become a jump).
  Time target(Time now, double wall_dt_s);
  /// Wall seconds one frame may claim at most (default 0.1 s).
  void set_max_frame_wall(double seconds) { max_frame_wall_s_ = seconds; }

 private:
  int speed_index_ = 0;
  int resume_index_ = 3;   // 60× unless the trainee chose another speed
  Time step_ms_ = 0;
  double carry_ms_ = 0;    // sub-millisecond remainder so slow speeds do not lose time
  double max_frame_wall_s_ = 0.1;
};

}  // namespace fl::trainer::app
