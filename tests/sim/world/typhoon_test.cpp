#include "sim/world/typhoon.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <cmath>

#include "sim/scenario/json_reader.h"

namespace fl::world {
namespace {

constexpr double kPi = 3.14159265358979323846;

// The oracle: DOMAIN.md §7 written out again here, in SI units, independently of the library.
double holland_oracle(double r_km, double dp_hpa, double b, double rmax_km, double lat_deg) {
  const double r = r_km * 1e3, f = 2 * 7.2921e-5 * std::sin(lat_deg * kPi / 180);
  const double a = std::pow(rmax_km / r_km, b);
  return std::sqrt(b * dp_hpa * 100 / 1.15 * a * std::exp(-a) + r * r * f * f / 4) - r * f / 2;
}

TrackPoint fix(double h, double x_km, double y_km, double p = 960, double rmax = 30, double b = 1.3) {
  TrackPoint t;
  t.time_h = h;
  t.x_km = x_km;
  t.y_km = y_km;
  t.central_pressure_hpa = p;
  t.rmax_km = rmax;
  t.holland_b = b;
  return t;
}

TyphoonConfig config_with(std::vector<TrackPoint> track) {
  TyphoonConfig c;
  c.enabled = true;
  c.track = std::move(track);
  c.ambient_pressure_hpa = 1010;  // Δp = 50 hPa with the default 960 hPa fixes
  c.latitude_deg = 22;
  return c;
}

TEST(Holland, MatchesTheFiveReferenceValuesOfDomain7) {
  const double r_km[] = {15, 30, 60, 120, 240};
  const double expected[] = {34.04, 44.79, 37.50, 25.03, 13.37};
  for (int i = 0; i < 5; ++i)
    EXPECT_NEAR(holland_gradient_wind_mps(r_km[i], 50, 1.3, 30, 22), expected[i], 0.01) << "r = " << r_km[i] << " km";
}

TEST(Holland, NoPressureDeficitOrZeroRadiusGivesNoWind) {
  EXPECT_EQ(holland_gradient_wind_mps(30, 0, 1.3, 30, 22), 0.0);
  EXPECT_EQ(holland_gradient_wind_mps(0, 50, 1.3, 30, 22), 0.0);
}

// The chain of scenarios/docs/typhoon.md: gradient x 0.9 (open sea, 10 m, 1 min) x the terrain's
// mean-wind factor x its gust factor. Inland (open country): 0.9 x 0.765 x 1.49.
TEST(Typhoon, StationaryStormAtRmaxInlandIsSeaFactorTimesTerrainFactorTimesGustFactor) {
  const Typhoon ty(config_with({fix(0, 100, 100), fix(48, 100, 100)}));
  // A point 30 km (= Rmax) due east of the eye: V_g = 44.79 m/s (reference), no translation.
  const WindSample w = ty.wind_at(10 * kHour, 130'000, 100'000, Exposure::kInland);
  EXPECT_NEAR(w.distance_km, 30.0, 1e-9);
  EXPECT_NEAR(w.gradient_mps, 44.79, 0.01);
  EXPECT_NEAR(w.marine_mps, 0.9 * 44.7874, 0.01);
  EXPECT_NEAR(w.sustained_mps, 0.9 * 0.765 * 44.7874, 0.01);
  EXPECT_NEAR(w.gust_mps, 0.9 * 0.765 * 44.7874 * 1.49, 0.02);
  // East of the eye a counter-clockwise wind blows north, turned 20° in toward the eye (west).
  EXPECT_NEAR(w.toward_rad, (90.0 + 20.0) * kPi / 180, 1e-9);
}

TEST(Typhoon, SeaExposureUsesSeaSurfaceFactorAndAtSeaGustFactor) {
  const Typhoon ty(config_with({fix(0, 0, 0), fix(48, 0, 0)}));
  // 60 km due north: V_g = 37.50 m/s (reference); CCW there is toward the west, turned south.
  const WindSample w = ty.wind_at(5 * kHour, 0, 60'000, Exposure::kAtSea);
  EXPECT_NEAR(w.sustained_mps, 0.9 * 37.5018, 0.01);
  EXPECT_NEAR(w.gust_mps, 0.9 * 37.5018 * 1.11, 0.02);
  EXPECT_NEAR(w.toward_rad, (180.0 + 20.0 - 360.0) * kPi / 180, 1e-9);
  const WindSample off_sea = ty.wind_at(5 * kHour, 0, 60'000, Exposure::kOffSea);
  const WindSample off_land = ty.wind_at(5 * kHour, 0, 60'000, Exposure::kOffLand);
  EXPECT_NEAR(off_sea.gust_mps, 0.9 * 0.88 * 37.5018 * 1.23, 0.02);
  EXPECT_NEAR(off_land.gust_mps, 0.9 * 0.765 * 37.5018 * 1.36, 0.02);
}

TEST(Typhoon, GustFactorsAreTheDomainTable) {
  EXPECT_DOUBLE_EQ(gust_factor(Exposure::kAtSea), 1.11);
  EXPECT_DOUBLE_EQ(gust_factor(Exposure::kOffSea), 1.23);
  EXPECT_DOUBLE_EQ(gust_factor(Exposure::kOffLand), 1.36);
  EXPECT_DOUBLE_EQ(gust_factor(Exposure::kInland), 1.49);
}

TEST(Typhoon, TrackIsInterpolatedLinearlyAndClampedOutsideItsSpan) {
  const Typhoon ty(config_with({fix(2, 0, 0, 980, 40, 1.2), fix(12, 360, -180, 940, 20, 1.8), fix(20, 360, 0)}));
  EXPECT_FALSE(ty.active(1 * kHour));
  EXPECT_TRUE(ty.active(2 * kHour));
  EXPECT_TRUE(ty.active(20 * kHour));
  EXPECT_FALSE(ty.active(20 * kHour + 1));
  const EyeState mid = ty.eye_at(7 * kHour);  // halfway through the first segment
  EXPECT_NEAR(mid.x_m, 180'000, 1e-6);
  EXPECT_NEAR(mid.y_m, -90'000, 1e-6);
  EXPECT_NEAR(mid.central_pressure_hpa, 960, 1e-9);
  EXPECT_NEAR(mid.rmax_km, 30, 1e-9);
  EXPECT_NEAR(mid.holland_b, 1.5, 1e-9);
  // 360 km east and 180 km south in 10 h: 10 m/s and -5 m/s.
  EXPECT_NEAR(mid.vx_mps, 10.0, 1e-9);
  EXPECT_NEAR(mid.vy_mps, -5.0, 1e-9);
  const EyeState second = ty.eye_at(16 * kHour);  // 180 km north in 8 h = 6.25 m/s
  EXPECT_NEAR(second.vx_mps, 0.0, 1e-9);
  EXPECT_NEAR(second.vy_mps, 6.25, 1e-9);
  EXPECT_NEAR(second.y_m, -90'000, 1e-6);
  const EyeState before = ty.eye_at(0);
  EXPECT_NEAR(before.x_m, 0, 1e-9);
  EXPECT_NEAR(before.central_pressure_hpa, 980, 1e-9);
  const EyeState after = ty.eye_at(30 * kHour);
  EXPECT_NEAR(after.x_m, 360'000, 1e-6);
  EXPECT_NEAR(after.y_m, 0, 1e-6);
  // Inactive: no wind, but the distance is still reported.
  const WindSample calm = ty.wind_at(30 * kHour, 360'000, 50'000, Exposure::kInland);
  EXPECT_EQ(calm.sustained_mps, 0.0);
  EXPECT_EQ(calm.gust_mps, 0.0);
  EXPECT_NEAR(calm.distance_km, 50.0, 1e-9);
}

TEST(Typhoon, RightOfTrackIsStrongerThanLeftByTheTranslationTerm) {
  // Moving north at 36 km/h = 10 m/s; right of track is east.
  const Typhoon ty(config_with({fix(0, 0, 0), fix(10, 0, 360)}));
  const Time t = 5 * kHour;  // eye at (0, 180 km)
  const WindSample right = ty.wind_at(t, 30'000, 180'000, Exposure::kInland);
  const WindSample left = ty.wind_at(t, -30'000, 180'000, Exposure::kInland);
  EXPECT_GT(right.sustained_mps, left.sustained_mps);
  // East: wind toward 110°, motion 90° -> +10 cos 20°; west: toward 290° -> +10 cos 200°.
  // The translation adds to the marine wind, which the terrain factor (0.765 inland) then reduces.
  const double base = 0.9 * 44.7874;
  EXPECT_NEAR(right.sustained_mps, 0.765 * (base + 10 * std::cos(20 * kPi / 180)), 0.01);
  EXPECT_NEAR(left.sustained_mps, 0.765 * (base - 10 * std::cos(20 * kPi / 180)), 0.01);
  // At 2 Rmax the translation term is halved: min(1, Rmax/r) = 0.5.
  const WindSample far_right = ty.wind_at(t, 60'000, 180'000, Exposure::kInland);
  EXPECT_NEAR(far_right.sustained_mps, 0.765 * (0.9 * 37.5018 + 0.5 * 10 * std::cos(20 * kPi / 180)), 0.01);
}

TEST(Typhoon, MaxGustBetweenSeesThePeakAndNothingBeforeTheStorm) {
  // Eye moves east along y = 0 at 5 m/s (18 km/h), passing x = 0 at t = 20 h.
  const Typhoon ty(config_with({fix(10, -180, 0), fix(40, 360, 0)}));
  EXPECT_EQ(ty.max_gust_between(0, 9 * kHour, 0, 30'000, Exposure::kInland, 15 * kMinute), 0.0);
  const double peak = ty.max_gust_between(0, 40 * kHour, 0, -30'000, Exposure::kInland, 5 * kMinute);
  // South of an eastbound track is its right: when the eye is overhead-abeam (t = 20 h) the wind
  // at (0, -30 km) blows toward -90°+110° = 20°, so the gust there is 0.765 (0.9 V + 5 cos 20°) · 1.49,
  // and the peak can exceed that only by the translation term's reach.
  const double abeam = 0.765 * (0.9 * 44.7874 + 5 * std::cos(20 * kPi / 180)) * 1.49;
  EXPECT_GE(peak, abeam - 0.02);
  EXPECT_LE(peak, 0.765 * (0.9 * 44.7874 + 5) * 1.49 + 0.02);
  EXPECT_NEAR(ty.wind_at(20 * kHour, 0, -30'000, Exposure::kInland).gust_mps, abeam, 0.02);
  // The end of the window is always sampled, even off the step grid.
  EXPECT_NEAR(ty.max_gust_between(0, 20 * kHour, 0, -30'000, Exposure::kInland, 7 * kHour), abeam, 0.02);
}

TEST(Warning, StationaryStormRaisesTheLevelOneHorizonBeforeItStartsAndDropsAfter) {
  // Active from 30 h to 50 h; the point 60 km away at sea: sustained 0.9·37.50 = 33.75 (red by
  // the 32.7 mean-wind rule), gust 37.46 (below red's 41.5, orange's 32.7 reached).
  const Typhoon ty(config_with({fix(30, 0, 0), fix(50, 0, 0)}));
  const auto tl = ty.warning_timeline({{0, 60'000}}, {Exposure::kAtSea}, 72 * kHour, 15 * kMinute);
  const std::vector<std::pair<Time, WarningLevel>> expected = {
      {0, WarningLevel::kNone},
      {6 * kHour, WarningLevel::kYellow},   // blue and yellow: 24 h ahead of 30 h
      {18 * kHour, WarningLevel::kOrange},  // 12 h ahead
      {24 * kHour, WarningLevel::kRed},     // 6 h ahead
      {50 * kHour + 15 * kMinute, WarningLevel::kNone},
  };
  EXPECT_EQ(tl, expected);
}

TEST(Warning, WeakStormAtAPointOnlyReachesTheLevelItsWindsMeet) {
  // 240 km from the eye inland: 0.8·13.37 = 10.70 < 10.8 but gust 15.94 < 17.2 -> none;
  // at sea (0.9): 12.03 >= 10.8 -> blue only.
  const Typhoon ty(config_with({fix(30, 0, 0), fix(50, 0, 0)}));
  const auto inland = ty.warning_timeline({{240'000, 0}}, {Exposure::kInland}, 72 * kHour, kHour);
  ASSERT_EQ(inland.size(), 1u);
  EXPECT_EQ(inland[0].second, WarningLevel::kNone);
  const auto sea = ty.warning_timeline({{240'000, 0}}, {Exposure::kAtSea}, 72 * kHour, kHour);
  const std::vector<std::pair<Time, WarningLevel>> expected = {
      {0, WarningLevel::kNone}, {6 * kHour, WarningLevel::kBlue}, {51 * kHour, WarningLevel::kNone}};
  EXPECT_EQ(sea, expected);
  // The area level is the worst over the points.
  const auto both = ty.warning_timeline({{240'000, 0}, {0, 60'000}}, {Exposure::kAtSea, Exposure::kAtSea},
                                        72 * kHour, kHour);
  EXPECT_EQ(both.back().first, 51 * kHour);
  EXPECT_EQ(both[3].second, WarningLevel::kRed);
}

TEST(Warning, StraightTrackChangesLevelWhenTheForecastCrossesEachThreshold) {
  // Eye moves east along y = 0 at 5 m/s from x = -1000 km at t = 0 and crosses the point
  // (0, 0) at t = 1e6/5 s = 55.56 h. Constant Δp 50 hPa, B 1.3, Rmax 30 km; inland point.
  const double speed = 5.0;
  const Typhoon ty(config_with({fix(0, -1000, 0), fix(120, 1160, 0)}));
  const Time step = 15 * kMinute;
  const auto tl = ty.warning_timeline({{0, 0}}, {Exposure::kInland}, 120 * kHour, step);
  // On the track the wind at the point makes 110° with the motion before the eye arrives
  // (cos = -0.342) and 70° after (+0.342).
  auto sustained = [&](double r_km, bool approaching) {
    const double c = std::cos(70 * kPi / 180) * (approaching ? -1 : 1);
    return 0.765 * (0.9 * holland_oracle(r_km, 50, 1.3, 30, 22) + speed * std::min(1.0, 30 / r_km) * c);
  };
  const double t_pass_s = 1e6 / speed;
  // The distance (beyond Rmax) at which the mean wind reaches `s`, by bisection.
  auto radius_for = [&](double s, bool approaching) {
    double lo = 30, hi = 1000;
    for (int i = 0; i < 200; ++i) {
      const double mid = (lo + hi) / 2;
      (sustained(mid, approaching) >= s ? lo : hi) = mid;
    }
    return lo;
  };
  struct Rule {
    WarningLevel level;
    double s, g;
    Time horizon;
  };
  const Rule rules[] = {{WarningLevel::kBlue, 10.8, 17.2, 24 * kHour},
                        {WarningLevel::kYellow, 17.2, 24.5, 24 * kHour},
                        {WarningLevel::kOrange, 24.5, 32.7, 12 * kHour},
                        {WarningLevel::kRed, 32.7, 41.5, 6 * kHour}};
  auto level_at = [&](Time t) {
    WarningLevel l = WarningLevel::kNone;
    for (const auto& [when, lv] : tl)
      if (when <= t) l = lv;
    return l;
  };
  for (const Rule& rule : rules) {
    const double s_needed = std::min(rule.s, rule.g / 1.49);  // inland gust = 1.49 × mean
    // First grid time the threshold holds, minus the horizon = when the level is first issued.
    const double t_first_s = t_pass_s - radius_for(s_needed, true) * 1000 / speed;
    const Time first_grid = static_cast<Time>(std::ceil(t_first_s * 1000 / step)) * step;
    const Time issued = first_grid - rule.horizon;
    EXPECT_GE(level_at(issued), rule.level) << warning_level_name(rule.level);
    EXPECT_LT(level_at(issued - step), rule.level) << warning_level_name(rule.level);
    // Last grid time the threshold holds after the eye passed; the level ends one step later.
    const double t_last_s = t_pass_s + radius_for(s_needed, false) * 1000 / speed;
    const Time last_grid = static_cast<Time>(std::floor(t_last_s * 1000 / step)) * step;
    EXPECT_GE(level_at(last_grid), rule.level) << warning_level_name(rule.level);
    EXPECT_LT(level_at(last_grid + step), rule.level) << warning_level_name(rule.level);
  }
  // Levels rise one way and fall the other way.
  std::size_t peak = 0;
  for (std::size_t i = 0; i < tl.size(); ++i)
    if (tl[i].second > tl[peak].second) peak = i;
  EXPECT_EQ(tl[peak].second, WarningLevel::kRed);
  for (std::size_t i = 1; i < tl.size(); ++i) {
    if (i <= peak)
      EXPECT_GT(tl[i].second, tl[i - 1].second);
    else
      EXPECT_LT(tl[i].second, tl[i - 1].second);
  }
}

TEST(Fragility, LognormalCurveAtHandComputedPoints) {
  EXPECT_NEAR(lognormal_fragility(60, 60, 0.15), 0.5, 1e-9);
  EXPECT_NEAR(lognormal_fragility(60 * std::exp(0.15), 60, 0.15), 0.841345, 1e-5);       // Φ(1)
  EXPECT_NEAR(lognormal_fragility(60 * std::exp(-2 * 0.15), 60, 0.15), 0.0227501, 1e-6);  // Φ(-2)
  EXPECT_EQ(lognormal_fragility(0, 60, 0.15), 0.0);
}

TEST(Fragility, TreeLogitsOfHouAndMuraleetharan) {
  // H 20 m, U 40 m/s: stem -17.28 + 8.4 + 5.2 = -3.68 -> 1/(1+e^3.68) = 0.024602;
  // uproot -2.22 - 8.6 + 4.4 = -6.42 -> 0.0016260.
  EXPECT_NEAR(tree_stem_break_probability(20, 40), 0.024602, 1e-6);
  EXPECT_NEAR(tree_uproot_probability(20, 40), 0.0016260, 1e-7);
  // H 10 m, U 60 m/s: stem -17.28 + 4.2 + 7.8 = -5.28 -> 0.0050666; uproot -2.22 - 4.3 + 6.6 = 0.08 -> 0.519989.
  EXPECT_NEAR(tree_stem_break_probability(10, 60), 0.0050666, 1e-7);
  EXPECT_NEAR(tree_uproot_probability(10, 60), 0.519989, 1e-5);
}

TEST(TyphoonConfig, ReadsTheSectionWithDefaultsAndReportsBadTracks) {
  rapidjson::Document doc;
  doc.Parse(R"({"name": "Test", "track": [{"time_h": 0, "x_km": 1, "y_km": 2},
                {"time_h": 5, "x_km": 3, "y_km": 4, "central_pressure_hpa": 930, "rmax_km": 25, "holland_b": 1.8}],
                "latitude_deg": 21.5})");
  Problems problems;
  TyphoonConfig c;
  {
    JsonReader reader(doc, problems);
    reader(c);
  }
  c.validate(problems, "typhoon");
  EXPECT_FALSE(problems.has_errors()) << problems.format("t");
  ASSERT_EQ(c.track.size(), 2u);
  EXPECT_EQ(c.name, "Test");
  EXPECT_DOUBLE_EQ(c.track[0].central_pressure_hpa, 950);
  EXPECT_DOUBLE_EQ(c.track[0].rmax_km, 30);
  EXPECT_DOUBLE_EQ(c.track[0].holland_b, 1.5);
  EXPECT_DOUBLE_EQ(c.track[1].holland_b, 1.8);
  EXPECT_DOUBLE_EQ(c.ambient_pressure_hpa, 1010);
  EXPECT_DOUBLE_EQ(c.latitude_deg, 21.5);
  EXPECT_DOUBLE_EQ(c.surface_factor_sea, 0.9);
  EXPECT_DOUBLE_EQ(c.wind_scale, 1.0);

  TyphoonConfig bad = config_with({fix(5, 0, 0), fix(5, 10, 0, 1020)});
  Problems p2;
  bad.validate(p2, "typhoon");
  ASSERT_EQ(p2.error_count(), 2u) << p2.format("t");
  EXPECT_EQ(p2.all()[0].path, "typhoon.track[1].time_h");
  EXPECT_EQ(p2.all()[1].path, "typhoon.track[1].central_pressure_hpa");
  Problems p3;
  config_with({fix(0, 0, 0)}).validate(p3, "typhoon");
  EXPECT_EQ(p3.error_count(), 1u);
}

}  // namespace
}  // namespace fl::world
