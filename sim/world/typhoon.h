#pragma once
/// \file The typhoon: a forecast track interpolated in time, the Holland (1980) gradient wind with
/// surface, forward-motion and gust factors (DOMAIN.md §7), the CMA warning level the forecast
/// implies (DOMAIN.md §6), and the fragility curves the damage model draws capacities from.
/// Coordinates are the service area's frame: metres (track in km), origin at the south-west
/// corner, x east, y north. Track times are hours since the scenario start.
#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include <cereal/cereal.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>

#include "sim/core/time.h"
#include "sim/scenario/optional_nvp.h"
#include "sim/scenario/problems.h"

namespace fl::world {

/// One forecast fix of the eye (scenario: typhoon.track[i]).
struct TrackPoint {
  double time_h = 0;                   ///< required; hours since scenario start
  double x_km = 0, y_km = 0;           ///< required; eye position in the area frame
  double central_pressure_hpa = 950;   ///< minimum sea-level pressure at the eye
  double rmax_km = 30;                 ///< radius of maximum wind
  double holland_b = 1.5;              ///< Holland B shape parameter (1.0–2.5)
  template <class Archive>
  void serialize(Archive& ar) {
    ar(cereal::make_nvp("time_h", time_h), cereal::make_nvp("x_km", x_km), cereal::make_nvp("y_km", y_km),
       optional_nvp("central_pressure_hpa", central_pressure_hpa), optional_nvp("rmax_km", rmax_km),
       optional_nvp("holland_b", holland_b));
  }
};

/// Scenario section "typhoon" (absent => calm day, enabled = false).
struct TyphoonConfig {
  bool enabled = false;                ///< set true by the world when the section is present (not read)
  std::string name;                    ///< e.g. "Mangkhut-like"
  std::vector<TrackPoint> track;       ///< required; >= 2 points, strictly increasing time_h
  double ambient_pressure_hpa = 1010;  ///< environmental pressure; Δp = ambient − central
  double latitude_deg = 22;            ///< for the Coriolis parameter
  double surface_factor_sea = 0.9;     ///< 10 m 1-min wind over open sea / gradient wind (Franklin et al. 2003; CLIMADA)
  double wind_scale = 1.0;             ///< every wind speed multiplied by this (what-if: "the same storm 20 % stronger")
  // A historic best track instead of `track` (scenarios/docs/typhoon.md, "Real tracks"):
  std::string track_file;              ///< IBTrACS-layout CSV; relative paths from the scenario file's folder
  std::string wind_column;             ///< empty: usa_wind (then wmo_wind, wind)
  int wind_averaging_min = 0;          ///< the column's averaging period, 1/2/10 min; 0: by agency (usa 1, cma 2, others 10)
  double origin_lat_deg = std::numeric_limits<double>::quiet_NaN();  ///< the area's south-west corner (required with a file)
  double origin_lon_deg = std::numeric_limits<double>::quiet_NaN();
  template <class Archive>
  void serialize(Archive& ar) {
    ar(optional_nvp("name", name), optional_nvp("track", track),
       optional_nvp("ambient_pressure_hpa", ambient_pressure_hpa), optional_nvp("latitude_deg", latitude_deg),
       optional_nvp("surface_factor_sea", surface_factor_sea), optional_nvp("wind_scale", wind_scale),
       optional_nvp("track_file", track_file), optional_nvp("wind_column", wind_column),
       optional_nvp("wind_averaging_min", wind_averaging_min), optional_nvp("origin_lat_deg", origin_lat_deg),
       optional_nvp("origin_lon_deg", origin_lon_deg));
  }
  /// Appends every problem under `path` (e.g. "typhoon"); only meaningful when the section exists.
  void validate(Problems& problems, const std::string& path) const;
};

/// How the surroundings of a point shape its wind: each class has a mean-wind factor (10 m 1-min
/// wind there / over open sea, terrain_mean_factor) and a gust factor (3-s gust / 1-min mean,
/// gust_factor). The first four are the WMO classes of Harper et al. (2010); kOffSea is the coastal
/// strip with onshore wind, kOffLand the same strip with offshore wind (the world switches between
/// them with the wind direction). kUrban is ASCE 7 exposure B (suburban and urban); kHilltop open ground on an exposed ridge.
enum class Exposure : std::uint8_t { kAtSea, kOffSea, kOffLand, kInland, kUrban, kHilltop };
/// "at sea", "off-sea", "off-land", "inland", "urban", "hilltop" (never localised: data names).
const char* exposure_name(Exposure e);
/// CMA typhoon warning colours, in increasing severity (the enum order is the severity order).
enum class WarningLevel : std::uint8_t { kNone, kBlue, kYellow, kOrange, kRed };
/// "none", "blue", "yellow", "orange", "red" (scorecard data keys; never localised).
const char* warning_level_name(WarningLevel level);

/// The eye at one moment; vx/vy is the translation velocity of the current track segment (m/s).
struct EyeState {
  double x_m, y_m, central_pressure_hpa, rmax_km, holland_b, vx_mps, vy_mps;
};

/// The wind at one point and time.
struct WindSample {
  double distance_km = 0;      ///< to the eye
  double gradient_mps = 0;     ///< Holland gradient wind
  double marine_mps = 0;       ///< 1-min mean at 10 m over open sea incl. forward motion (x wind_scale)
  double sustained_mps = 0;    ///< 1-min mean at 10 m over the point's exposure
  double gust_mps = 0;         ///< sustained * gust factor(exposure)
  double toward_rad = 0;       ///< direction the wind blows TOWARD (math angle, rad, 0 = east, CCW),
                               ///< cyclonic inflow (counter-clockwise in the N hemisphere, ~20° inflow)
};

/// Holland (1980) gradient wind, DOMAIN.md §7 formula; rho = 1.15 kg/m^3, f = 2*Omega*sin(lat).
/// Returns 0 for r_km <= 0 or delta_p_hpa <= 0.
double holland_gradient_wind_mps(double r_km, double delta_p_hpa, double holland_b, double rmax_km,
                                 double latitude_deg);
/// 3-s gust / 1-min mean at 10 m: 1.11 at sea, 1.23 off-sea, 1.36 off-land, 1.49 inland (WMO,
/// Harper et al. 2010), 1.81 urban (same peak factor, urban turbulence), 1.49 hilltop.
double gust_factor(Exposure e);
/// 10 m 1-min mean wind over the exposure / over open sea (log law with a roughness change, ASCE 7
/// roughness lengths): 1 at sea, 0.88 off-sea, 0.765 off-land and inland, 0.54 urban, 0.92 hilltop.
double terrain_mean_factor(Exposure e);
/// 3-s gust over the exposure / 1-min mean over open sea: terrain_mean_factor(e) * gust_factor(e).
inline double gust_ratio(Exposure e) { return terrain_mean_factor(e) * gust_factor(e); }

/// Inflow angle of the surface wind toward the eye (radians, 20°).
constexpr double kInflowAngleRad = 20.0 * 3.14159265358979323846 / 180.0;

/// CMA thresholds (m/s) for a level: sustained (1-min, see scenarios/docs/typhoon.md) and gust,
/// and the forecast horizon within which they must be expected (24/24/12/6 h).
struct WarningRule {
  WarningLevel level;
  double sustained_mps;
  double gust_mps;
  Time horizon;
};
/// The four rules, from blue to red.
const std::array<WarningRule, 4>& warning_rules();

/// A typhoon moving along its forecast track. Immutable once built; cheap to query.
class Typhoon {
 public:
  explicit Typhoon(TyphoonConfig config);  ///< config must be valid (validate() without errors)
  bool active(Time t) const;               ///< t within the track's time span
  EyeState eye_at(Time t) const;           ///< linear interpolation; clamps outside the span
  /// Wind at a point (area frame, metres); zero wind (but the true distance) when inactive.
  WindSample wind_at(Time t, double x_m, double y_m, Exposure exposure) const;
  /// Peak gust over [t0, t1] at a point, sampled every `step` (for "can this component fail yet?").
  /// Samples t0, t0+step, ... and always t1.
  double max_gust_between(Time t0, Time t1, double x_m, double y_m, Exposure e, Time step) const;
  /// CMA warning level over a set of sample points (x_m, y_m, exposure), from the forecast (the
  /// track is treated as a perfect forecast): level L holds at t if within L's horizon
  /// (24/24/12/6 h) the sustained or gust thresholds of DOMAIN.md §6 are reached at any point.
  /// Returns the changes only: (time, new level), first entry at t = 0.
  std::vector<std::pair<Time, WarningLevel>> warning_timeline(
      const std::vector<std::array<double, 2>>& points_m, const std::vector<Exposure>& exposures,
      Time end, Time step) const;
  const TyphoonConfig& config() const { return config_; }

 private:
  TyphoonConfig config_;
};

/// Lognormal fragility: P(failure | gust) = Φ(ln(gust/median)/beta); 0 for gust <= 0.
double lognormal_fragility(double gust_mps, double median_mps, double beta);
/// Tree stem breakage probability, logistic in tree height H (m) and 3-s gust U (m/s):
/// logit = −17.28 + 0.42 H + 0.13 U (Hou & Muraleetharan 2023, DOMAIN.md §7).
double tree_stem_break_probability(double height_m, double gust_3s_mps);
/// Tree uprooting probability: logit = −2.22 − 0.43 H + 0.11 U (same source).
double tree_uproot_probability(double height_m, double gust_3s_mps);

}  // namespace fl::world
