#include "sim/world/typhoon.h"

#include <algorithm>
#include <cmath>

#include "sim/core/random.h"

namespace fl::world {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kAirDensity = 1.15;          // kg/m^3, DOMAIN.md §7
constexpr double kEarthRotation = 7.2921e-5;  // rad/s
constexpr double kMsPerHour = 3600000.0;

double hours(Time t) { return static_cast<double>(t) / kMsPerHour; }
double logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }

}  // namespace

void TyphoonConfig::validate(Problems& problems, const std::string& path) const {
  const std::string track_path = join_path(path, "track");
  if (!track_file.empty()) {
    if (!std::isfinite(origin_lat_deg) || std::abs(origin_lat_deg) > 70)
      problems.error(join_path(path, "origin_lat_deg"), std::isfinite(origin_lat_deg) ? "found " + format_number(origin_lat_deg) : std::string("found nothing"),
                     "the latitude of the area's south-west corner (-70 to 70) when track_file is given");
    if (!std::isfinite(origin_lon_deg) || std::abs(origin_lon_deg) > 180)
      problems.error(join_path(path, "origin_lon_deg"), std::isfinite(origin_lon_deg) ? "found " + format_number(origin_lon_deg) : std::string("found nothing"),
                     "the longitude of the area's south-west corner (-180 to 180) when track_file is given");
    if (wind_averaging_min != 0 && wind_averaging_min != 1 && wind_averaging_min != 2 && wind_averaging_min != 10)
      problems.error(join_path(path, "wind_averaging_min"), "found " + std::to_string(wind_averaging_min), "0 (by agency), 1, 2 or 10");
  }
  if (track.size() < 2 && track_file.empty())
    problems.error(track_path, "found " + std::to_string(track.size()) + " point(s)",
                   "at least 2 track points with increasing time_h");
  problems.check_range(join_path(path, "ambient_pressure_hpa"), ambient_pressure_hpa, 950, 1050);
  problems.check_range(join_path(path, "latitude_deg"), latitude_deg, -60, 60);
  problems.check_range(join_path(path, "surface_factor_sea"), surface_factor_sea, 0.1, 1.0);
  problems.check_range(join_path(path, "wind_scale"), wind_scale, 0.1, 3.0);
  for (std::size_t i = 0; i < track.size(); ++i) {
    const TrackPoint& p = track[i];
    const std::string at = index_path(track_path, i);
    if (i > 0 && !(p.time_h > track[i - 1].time_h))
      problems.error(join_path(at, "time_h"), "found " + format_number(p.time_h),
                     "a time after the previous point's " + format_number(track[i - 1].time_h) + " h");
    if (problems.check_range(join_path(at, "central_pressure_hpa"), p.central_pressure_hpa, 850, 1050) &&
        p.central_pressure_hpa > ambient_pressure_hpa)
      problems.error(join_path(at, "central_pressure_hpa"), "found " + format_number(p.central_pressure_hpa),
                     "at most ambient_pressure_hpa (" + format_number(ambient_pressure_hpa) + ")");
    problems.check_range(join_path(at, "rmax_km"), p.rmax_km, 1, 500);
    problems.check_range(join_path(at, "holland_b"), p.holland_b, 1.0, 2.5);
  }
}

const char* warning_level_name(WarningLevel level) {
  switch (level) {
    case WarningLevel::kNone: return "none";
    case WarningLevel::kBlue: return "blue";
    case WarningLevel::kYellow: return "yellow";
    case WarningLevel::kOrange: return "orange";
    case WarningLevel::kRed: return "red";
  }
  return "none";
}

double holland_gradient_wind_mps(double r_km, double delta_p_hpa, double holland_b, double rmax_km,
                                 double latitude_deg) {
  if (r_km <= 0 || delta_p_hpa <= 0 || rmax_km <= 0) return 0.0;
  const double r = r_km * 1000.0;
  const double dp = delta_p_hpa * 100.0;
  // |f|: the southern hemisphere turns the other way but the speed profile is the same.
  const double f = 2.0 * kEarthRotation * std::abs(std::sin(latitude_deg * kPi / 180.0));
  const double a = std::pow(rmax_km / r_km, holland_b);
  const double half_rf = r * f / 2.0;
  return std::sqrt(holland_b * dp / kAirDensity * a * std::exp(-a) + half_rf * half_rf) - half_rf;
}

const char* exposure_name(Exposure e) {
  switch (e) {
    case Exposure::kAtSea: return "at sea";
    case Exposure::kOffSea: return "off-sea";
    case Exposure::kOffLand: return "off-land";
    case Exposure::kInland: return "inland";
    case Exposure::kUrban: return "urban";
    case Exposure::kHilltop: return "hilltop";
  }
  return "inland";
}

double gust_factor(Exposure e) {
  switch (e) {
    case Exposure::kAtSea: return 1.11;
    case Exposure::kOffSea: return 1.23;
    case Exposure::kOffLand: return 1.36;
    case Exposure::kInland: return 1.49;
    // G = 1 + g*I: the in-land class's g*I = 0.49 at I = 1/ln(10/0.03) = 0.172, so g = 2.85;
    // suburban/urban roughness (z0 = 0.3 m) has I = 1/ln(10/0.3) = 0.285 and G = 1.81.
    case Exposure::kUrban: return 1.81;
    case Exposure::kHilltop: return 1.49;
  }
  return 1.49;
}

double terrain_mean_factor(Exposure e) {
  // V10(z0) / V10(sea) = (z0/z0_sea)^0.0706 * ln(10/z0) / ln(10/z0_sea), z0_sea = 0.0002 m
  // (equilibrium boundary layer after a roughness change, ESDU/Wieringa), with the ASCE 7
  // roughness lengths z0 = 0.005 m coast (exposure D), 0.03 m open country (C), 0.3 m suburban and
  // urban (B). Hilltop: open country x 1.2 (ASCE 7 K_zt of a moderate ridge).
  switch (e) {
    case Exposure::kAtSea: return 1.0;
    case Exposure::kOffSea: return 0.88;
    case Exposure::kOffLand: return 0.765;
    case Exposure::kInland: return 0.765;
    case Exposure::kUrban: return 0.54;
    case Exposure::kHilltop: return 0.92;
  }
  return 0.765;
}

const std::array<WarningRule, 4>& warning_rules() {
  static const std::array<WarningRule, 4> kRules{{
      {WarningLevel::kBlue, 10.8, 17.2, 24 * kHour},
      {WarningLevel::kYellow, 17.2, 24.5, 24 * kHour},
      {WarningLevel::kOrange, 24.5, 32.7, 12 * kHour},
      {WarningLevel::kRed, 32.7, 41.5, 6 * kHour},
  }};
  return kRules;
}

Typhoon::Typhoon(TyphoonConfig config) : config_(std::move(config)) {}

bool Typhoon::active(Time t) const {
  if (config_.track.size() < 2) return false;
  const double h = hours(t);
  return h >= config_.track.front().time_h && h <= config_.track.back().time_h;
}

EyeState Typhoon::eye_at(Time t) const {
  const auto& tr = config_.track;
  if (tr.empty()) return EyeState{0, 0, config_.ambient_pressure_hpa, 30, 1.5, 0, 0};
  auto fixed = [](const TrackPoint& p) {
    return EyeState{p.x_km * 1000.0, p.y_km * 1000.0, p.central_pressure_hpa, p.rmax_km, p.holland_b, 0, 0};
  };
  const double h = hours(t);
  // Outside the span the eye is held at the end fix and does not move.
  if (tr.size() == 1 || h < tr.front().time_h) return fixed(tr.front());
  if (h > tr.back().time_h) return fixed(tr.back());
  // Segment [i, i+1] with time_h[i] <= h < time_h[i+1]; the last fix belongs to the last segment.
  std::size_t i = 0;
  while (i + 2 < tr.size() && h >= tr[i + 1].time_h) ++i;
  const TrackPoint& a = tr[i];
  const TrackPoint& b = tr[i + 1];
  const double span_h = b.time_h - a.time_h;
  const double u = std::clamp((h - a.time_h) / span_h, 0.0, 1.0);
  auto lerp = [u](double x, double y) { return x + (y - x) * u; };
  EyeState e;
  e.x_m = lerp(a.x_km, b.x_km) * 1000.0;
  e.y_m = lerp(a.y_km, b.y_km) * 1000.0;
  e.central_pressure_hpa = lerp(a.central_pressure_hpa, b.central_pressure_hpa);
  e.rmax_km = lerp(a.rmax_km, b.rmax_km);
  e.holland_b = lerp(a.holland_b, b.holland_b);
  e.vx_mps = (b.x_km - a.x_km) * 1000.0 / (span_h * 3600.0);
  e.vy_mps = (b.y_km - a.y_km) * 1000.0 / (span_h * 3600.0);
  return e;
}

WindSample Typhoon::wind_at(Time t, double x_m, double y_m, Exposure exposure) const {
  const EyeState eye = eye_at(t);
  const double dx = x_m - eye.x_m;
  const double dy = y_m - eye.y_m;
  WindSample s;
  const double r_m = std::hypot(dx, dy);
  s.distance_km = r_m / 1000.0;
  if (!active(t)) return s;
  // Cyclonic rotation: counter-clockwise in the N hemisphere (tangent = bearing + 90°), clockwise
  // in the S; the inflow angle turns the surface wind toward the eye in both.
  const double turn = config_.latitude_deg >= 0 ? 1.0 : -1.0;
  const double bearing = std::atan2(dy, dx);
  s.toward_rad = std::remainder(bearing + turn * (kPi / 2 + kInflowAngleRad), 2 * kPi);
  const double dp = config_.ambient_pressure_hpa - eye.central_pressure_hpa;
  s.gradient_mps = holland_gradient_wind_mps(s.distance_km, dp, eye.holland_b, eye.rmax_km, config_.latitude_deg);
  // Forward-motion asymmetry: translation adds where the wind blows along the motion (right of
  // track in the N hemisphere), fading outside Rmax.
  double asym = 0.0;
  const double speed = std::hypot(eye.vx_mps, eye.vy_mps);
  if (speed > 0 && r_m > 0) {
    const double cos_angle = std::cos(std::atan2(eye.vy_mps, eye.vx_mps) - s.toward_rad);
    asym = speed * std::min(1.0, eye.rmax_km * 1000.0 / r_m) * cos_angle;
  }
  s.marine_mps = config_.wind_scale * std::max(0.0, config_.surface_factor_sea * s.gradient_mps + asym);
  s.sustained_mps = s.marine_mps * terrain_mean_factor(exposure);
  s.gust_mps = s.sustained_mps * gust_factor(exposure);
  return s;
}

double Typhoon::max_gust_between(Time t0, Time t1, double x_m, double y_m, Exposure e, Time step) const {
  if (t1 < t0) return 0.0;
  if (step <= 0) step = std::max<Time>(t1 - t0, 1);
  double peak = 0.0;
  for (Time t = t0; t < t1; t += step) peak = std::max(peak, wind_at(t, x_m, y_m, e).gust_mps);
  return std::max(peak, wind_at(t1, x_m, y_m, e).gust_mps);
}

std::vector<std::pair<Time, WarningLevel>> Typhoon::warning_timeline(
    const std::vector<std::array<double, 2>>& points_m, const std::vector<Exposure>& exposures, Time end,
    Time step) const {
  std::vector<std::pair<Time, WarningLevel>> changes;
  if (step <= 0) step = 15 * kMinute;
  const auto& rules = warning_rules();
  Time longest = 0;
  for (const auto& r : rules) longest = std::max(longest, r.horizon);
  // Forecast grid tau_k = k*step for k = 0..n-1, covering [0, end + longest horizon].
  const std::size_t n_out = static_cast<std::size_t>(std::max<Time>(end, 0) / step) + 1;
  const std::size_t n = static_cast<std::size_t>((std::max<Time>(end, 0) + longest) / step) + 1;
  // reached[L][k]: some point meets rule L's sustained or gust threshold at tau_k.
  std::array<std::vector<char>, 4> reached;
  for (auto& v : reached) v.assign(n, 0);
  for (std::size_t k = 0; k < n; ++k) {
    const Time tau = static_cast<Time>(k) * step;
    if (!active(tau)) continue;
    double max_sustained = 0, max_gust = 0;
    for (std::size_t p = 0; p < points_m.size(); ++p) {
      const Exposure e = p < exposures.size() ? exposures[p] : Exposure::kInland;
      const WindSample w = wind_at(tau, points_m[p][0], points_m[p][1], e);
      max_sustained = std::max(max_sustained, w.sustained_mps);
      max_gust = std::max(max_gust, w.gust_mps);
    }
    for (std::size_t L = 0; L < rules.size(); ++L)
      reached[L][k] = max_sustained >= rules[L].sustained_mps || max_gust >= rules[L].gust_mps;
  }
  // next[L]: smallest k' >= k with reached[L][k'] (n when none), scanned backward.
  std::array<std::size_t, 4> next;
  next.fill(n);
  std::vector<WarningLevel> level(n_out, WarningLevel::kNone);
  for (std::size_t k = n; k-- > 0;) {
    for (std::size_t L = 0; L < rules.size(); ++L)
      if (reached[L][k]) next[L] = k;
    if (k >= n_out) continue;
    const Time t = static_cast<Time>(k) * step;
    for (std::size_t L = 0; L < rules.size(); ++L)
      if (next[L] < n && static_cast<Time>(next[L]) * step - t <= rules[L].horizon) level[k] = rules[L].level;
  }
  for (std::size_t k = 0; k < n_out; ++k)
    if (changes.empty() || changes.back().second != level[k]) changes.emplace_back(static_cast<Time>(k) * step, level[k]);
  return changes;
}

double lognormal_fragility(double gust_mps, double median_mps, double beta) {
  if (gust_mps <= 0 || median_mps <= 0) return 0.0;
  if (beta <= 0) return gust_mps >= median_mps ? 1.0 : 0.0;
  return normal_cdf(std::log(gust_mps / median_mps) / beta);
}

double tree_stem_break_probability(double height_m, double gust_3s_mps) {
  return logistic(-17.28 + 0.42 * height_m + 0.13 * gust_3s_mps);
}

double tree_uproot_probability(double height_m, double gust_3s_mps) {
  return logistic(-2.22 - 0.43 * height_m + 0.11 * gust_3s_mps);
}

}  // namespace fl::world
