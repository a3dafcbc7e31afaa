#pragma once
/// \file The typhoon's wind sampled once per run. The storm's smooth part — the 10 m 1-minute wind
/// over open sea and its direction — is kept on a coarse space-time lattice (blocks of ~2 km,
/// 15-min steps: the Holland profile varies over tens of km). The terrain part is applied where
/// each component stands, per 250 m cell: its exposure's mean-wind and gust factors, the coastal
/// strip switching between onshore (off-sea) and offshore (off-land) with the wind direction.
/// Chain and sources: scenarios/docs/typhoon.md.
#include <cstdint>
#include <vector>

#include "sim/core/records.h"
#include "sim/core/time.h"
#include "sim/world/area.h"
#include "sim/world/typhoon.h"

namespace fl::world {

/// A place asked about repeatedly (a span, a pole, a tree): lattice weights and exposure, once.
struct WindSite {
  int i0 = 0, j0 = 0, i1 = 0, j1 = 0;
  double wx = 0, wy = 0;
  Exposure exposure = Exposure::kInland;   ///< the cell's class (kOffSea: the coastal strip)
  float inland_x = 0, inland_y = 1;        ///< unit normal of the coast pointing inland (coastal strip)
  int first_step = 0, last_step = -1;      ///< lattice steps where the wind there can matter
};

/// The wind at a site and lattice step.
struct SiteWind {
  double gust_mps = 0;       ///< 3-s gust at 10 m over the site's exposure (direction-resolved on the coast)
  double sustained_mps = 0;  ///< 1-min mean at 10 m over the same exposure
  double toward_x = 0, toward_y = 0;  ///< unit vector the air moves toward (0, 0 in a calm)
};

class WindField {
 public:
  /// Samples `typhoon` (may be null: calm) over [0, end] every `step` on blocks of `block_m`.
  void build(const Typhoon* typhoon, const Area& area, Time end, Time step, double block_m);
  /// Standard (open-country, 10 m) 1-min wind at (x, y) and t: the wind forecasts and crew rules
  /// use; bilinear in space, linear in time; 0 outside the storm and at sea it is the marine wind.
  double sustained(Time t, double x_m, double y_m) const;
  /// First time >= from at which sustained() at (x, y) is at or below `threshold`.
  Time first_calm(Time from, double x_m, double y_m, double threshold) const;
  /// The site of a point (exposure and coast normal from its cell).
  WindSite site(double x_m, double y_m) const;
  /// Wind at a site at lattice step s (0 <= s < steps()).
  SiteWind at(int s, const WindSite& site) const;
  /// Upper bound of the site's 3-s gust over the run (peak marine wind x the largest gust ratio).
  double peak_gust_bound(const WindSite& site) const;
  /// Number of lattice steps and the time of step s.
  int steps() const { return steps_; }
  Time step_time(int s) const { return t0_ + static_cast<Time>(s) * step_; }
  Time step() const { return step_; }
  /// Direction the air moves toward at (x, y) and t (math angle, rad; 0 in a calm).
  double toward_rad(Time t, double x_m, double y_m) const;
  /// Largest 3-s gust over the land cells (each with its own exposure), and the largest
  /// open-country 1-min wind over land.
  double peak_land_gust() const { return peak_land_gust_; }
  double peak_land_sustained() const { return peak_land_sustained_; }
  bool calm() const { return steps_ == 0; }

 private:
  double marine(int s, const WindSite& w) const;
  int bx_ = 0, by_ = 0, steps_ = 0;
  double block_m_ = 2000;
  Time t0_ = 0, step_ = 15 * kMinute;
  const Area* area_ = nullptr;
  std::vector<float> speed_, u_, v_;   // [step][block]: marine 1-min speed, toward vector (speed-weighted)
  std::vector<float> peak_;            // [block]
  std::vector<int> first_, last_;      // [block]: steps with marine speed >= kMatters
  double peak_land_gust_ = 0, peak_land_sustained_ = 0;
};

}  // namespace fl::world
