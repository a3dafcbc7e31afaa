#pragma once
/// \file The typhoon's 1-min wind sampled once per run on a coarse space-time lattice (blocks of
/// ~2 km, 15-min steps), so damage and crew rules query it cheaply. Damage precomputation scans
/// it only for components whose capacity the storm's peak can exceed.
#include <vector>

#include "sim/core/records.h"
#include "sim/core/time.h"
#include "sim/world/area.h"
#include "sim/world/typhoon.h"

namespace fl::world {

class WindField {
 public:
  /// Samples `typhoon` (may be null: calm) over [0, end] with the area's exposures.
  void build(const Typhoon* typhoon, const Area& area, Time end, Time step, double block_m);
  /// 1-min wind at (x, y) and t: bilinear in space, linear in time; 0 outside the storm.
  double sustained(Time t, double x_m, double y_m) const;
  /// Upper bound of sustained() at (x, y) over the whole run.
  double peak_sustained(double x_m, double y_m) const;
  /// First time factor*sustained reaches `threshold` at (x, y), or kNever.
  Time first_exceed(double x_m, double y_m, double factor, double threshold) const;
  /// First time >= from at which the wind at (x, y) is at or below `threshold`.
  Time first_calm(Time from, double x_m, double y_m, double threshold) const;
  /// Largest 3-s gust sampled over land blocks.
  double peak_land_gust() const { return peak_land_gust_; }
  double peak_land_sustained() const { return peak_land_sustained_; }
  bool calm() const { return steps_ == 0; }

 private:
  struct Weights {
    int i0, j0, i1, j1;
    double wx, wy;
  };
  Weights weights(double x_m, double y_m) const;
  double at_step(int s, const Weights& w) const;
  int bx_ = 0, by_ = 0, steps_ = 0;
  double block_m_ = 2000;
  Time t0_ = 0, step_ = 15 * kMinute;
  std::vector<float> v_;     // [step][block]
  std::vector<float> peak_;  // [block]
  double peak_land_gust_ = 0, peak_land_sustained_ = 0;
};

}  // namespace fl::world
