#include "sim/world/track.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <limits>
#include <sstream>

#include "sim/core/calendar.h"
#include "sim/scenario/json_reader.h"

namespace fl::world {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kEarthRadiusKm = 6371.0;
constexpr double kKnot = 0.514444;      // m/s
constexpr double kNauticalMile = 1.852; // km
constexpr double kAirDensity = 1.15;    // kg/m^3, as the Holland profile (DOMAIN.md §7)
const double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string trim(const std::string& s) {
  std::size_t a = 0, b = s.size();
  while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
  while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
  return s.substr(a, b - a);
}

/// Splits one CSV line (double quotes, "" inside quotes).
std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> out;
  std::string cur;
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cur += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cur += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.push_back(trim(cur));
      cur.clear();
    } else if (c != '\r') {
      cur += c;
    }
  }
  out.push_back(trim(cur));
  return out;
}

bool is_missing(const std::string& v) { return v.empty() || v == "NA" || v == "na" || v == "NaN" || v == "nan"; }

bool parse_double(const std::string& v, double& out) {
  try {
    std::size_t used = 0;
    out = std::stod(v, &used);
    return used == v.size() && std::isfinite(out);
  } catch (const std::exception&) {
    return false;
  }
}

/// "2018-09-16T09:00:00Z", "2018-09-16 09:00:00" (IBTrACS) or "201809160900" (YYYYMMDDHHMM).
bool parse_utc(const std::string& v, std::int64_t& utc_s) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  char extra = 0;
  bool ok = false;
  if (v.size() == 12 && std::all_of(v.begin(), v.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    ok = std::sscanf(v.c_str(), "%4d%2d%2d%2d%2d", &y, &mo, &d, &h, &mi) == 5;
  } else {
    const int n = std::sscanf(v.c_str(), "%4d-%2d-%2d%*1[T ]%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &s, &extra);
    ok = n == 6 || (n == 7 && extra == 'Z');
    if (!ok) {
      extra = 0;
      const int m = std::sscanf(v.c_str(), "%4d-%2d-%2d%*1[T ]%2d:%2d%c", &y, &mo, &d, &h, &mi, &extra);
      ok = m == 5 || (m == 6 && extra == 'Z');
    }
  }
  if (!ok || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60) return false;
  CivilDate date;
  date.year = y;
  date.month = static_cast<unsigned>(mo);
  date.day = static_cast<unsigned>(d);
  const std::int64_t days = days_from_civil(date);
  // 2018-02-31 would otherwise become 3 March silently.
  const CivilDate back = civil_from_days(days);
  if (back.month != date.month || back.day != date.day) return false;
  utc_s = days * 86400 + h * 3600 + mi * 60 + s;
  return true;
}

int find_column(const std::vector<std::string>& header, std::initializer_list<const char*> names) {
  for (const char* name : names)
    for (std::size_t i = 0; i < header.size(); ++i)
      if (header[i] == name) return static_cast<int>(i);
  return -1;
}

}  // namespace

namespace {

/// The file's text through the capped reader; its problems go under `problem_path`.
bool read_track_text(const std::string& path, std::string& text, Problems& problems, const std::string& problem_path) {
  Problems io;
  if (read_input_file(path, text, io, "a readable best-track CSV")) return true;
  for (const Problem& p : io.all())
    problems.error(problem_path, "found \"" + path + "\", which " + p.found,
                   "a readable best-track CSV of at most 64 MB (relative paths are resolved from the scenario "
                   "file's folder)");
  return false;
}

}  // namespace

bool read_best_track(const std::string& path, const std::string& wind_column, std::vector<BestTrackRow>& rows,
                     std::string& wind_column_used, Problems& problems, const std::string& problem_path) {
  rows.clear();
  std::string text;
  if (!read_track_text(path, text, problems, problem_path)) return false;
  return parse_best_track(text, std::filesystem::path(path).filename().string(), wind_column, rows, wind_column_used,
                          problems, problem_path);
}

bool parse_best_track(const std::string& text, const std::string& file_name, const std::string& wind_column,
                      std::vector<BestTrackRow>& rows, std::string& wind_column_used, Problems& problems,
                      const std::string& problem_path) {
  rows.clear();
  const std::string at = problem_path + "(" + file_name + ")";
  std::istringstream in(text);
  std::string line;
  if (!std::getline(in, line)) {
    problems.error(at, "found an empty file", "a header row naming the columns (iso_time, lat, lon, usa_wind, ...)");
    return false;
  }
  std::vector<std::string> header = split_csv(line);
  for (auto& h : header) h = lower(h);
  const int c_time = find_column(header, {"iso_time", "date", "time"});
  const int c_lat = find_column(header, {"lat", "latitude"});
  const int c_lon = find_column(header, {"lon", "longitude"});
  int c_wind = -1;
  if (!wind_column.empty()) {
    c_wind = find_column(header, {lower(wind_column).c_str()});
  } else {
    c_wind = find_column(header, {"usa_wind", "wmo_wind", "wind"});
  }
  bool ok = true;
  auto need = [&](int c, const std::string& what) {
    if (c >= 0) return;
    problems.error(at + ".header", "found no column " + what, "a column " + what + " (names in either case)");
    ok = false;
  };
  need(c_time, "ISO_TIME (or date)");
  need(c_lat, "LAT");
  need(c_lon, "LON");
  need(c_wind, wind_column.empty() ? std::string("USA_WIND (or WMO_WIND, or name one with wind_column)") : wind_column);
  if (!ok) return false;
  wind_column_used = header[static_cast<std::size_t>(c_wind)];
  const std::string prefix = wind_column_used.size() > 5 && wind_column_used.ends_with("_wind")
                                 ? wind_column_used.substr(0, wind_column_used.size() - 5)
                                 : std::string("usa");
  const int c_pres = find_column(header, {(prefix + "_pres").c_str()});
  const int c_rmw = find_column(header, {(prefix + "_rmw").c_str(), "usa_rmw"});
  std::size_t row = 1;
  while (std::getline(in, line)) {
    ++row;
    if (trim(line).empty()) continue;
    const std::vector<std::string> f = split_csv(line);
    auto cell = [&](int c) { return c >= 0 && static_cast<std::size_t>(c) < f.size() ? f[static_cast<std::size_t>(c)] : std::string(); };
    const std::string here = at + ".row[" + std::to_string(row) + "]";
    // IBTrACS files carry a second header line with the units; its time field is blank.
    if (row == 2 && is_missing(cell(c_time))) continue;
    BestTrackRow r;
    r.row = row;
    auto number = [&](int c, double& out, bool required, const char* expected) {
      const std::string v = cell(c);
      if (is_missing(v)) {
        if (required) {
          problems.error(here + "." + header[static_cast<std::size_t>(c)], "found a missing value", expected);
          ok = false;
        }
        out = kNaN;
        return;
      }
      if (!parse_double(v, out)) {
        problems.error(here + "." + header[static_cast<std::size_t>(c)], "found \"" + v + "\"", expected);
        ok = false;
        out = kNaN;
      }
    };
    if (!parse_utc(cell(c_time), r.utc_s)) {
      problems.error(here + "." + header[static_cast<std::size_t>(c_time)], "found \"" + cell(c_time) + "\"",
                     "a UTC time such as 2018-09-16T09:00:00Z, 2018-09-16 09:00:00 or 201809160900");
      ok = false;
      continue;
    }
    number(c_lat, r.lat_deg, true, "a latitude in degrees (north positive)");
    number(c_lon, r.lon_deg, true, "a longitude in degrees (east positive)");
    number(c_wind, r.wind_kt, false, "a wind speed in knots, NA or blank");
    number(c_pres, r.pressure_hpa, false, "a pressure in hPa, NA or blank");
    number(c_rmw, r.rmw_nmi, false, "a radius in nautical miles, NA or blank");
    if (std::isfinite(r.lon_deg) && std::abs(r.lon_deg) > 360) {
      // A longitude this far out is a typo; wrapping it would put the storm somewhere arbitrary.
      problems.error(here + "." + header[static_cast<std::size_t>(c_lon)], "found " + format_number(r.lon_deg),
                     "a longitude within ±360° (east positive)");
      ok = false;
    }
    if (std::isfinite(r.lat_deg) && std::abs(r.lat_deg) > 70) {
      problems.error(here + "." + header[static_cast<std::size_t>(c_lat)], "found " + format_number(r.lat_deg), "a latitude within ±70°");
      ok = false;
    }
    if (std::isfinite(r.wind_kt) && (r.wind_kt < 0 || r.wind_kt > 250)) {
      problems.error(here + "." + header[static_cast<std::size_t>(c_wind)], "found " + format_number(r.wind_kt), "a wind of 0–250 kt");
      ok = false;
    }
    if (!rows.empty() && r.utc_s <= rows.back().utc_s) {
      problems.error(here + "." + header[static_cast<std::size_t>(c_time)], "found \"" + cell(c_time) + "\"",
                     "a time after the previous row's (rows in time order)");
      ok = false;
    }
    if (!std::isfinite(r.wind_kt)) continue;  // the weak ends of a track carry no wind: not used
    rows.push_back(r);
  }
  if (ok && rows.size() < 2)
    problems.error(at, "found " + std::to_string(rows.size()) + " row(s) with a wind value", "at least 2");
  return ok && rows.size() >= 2;
}

void project_to_area(double lat_deg, double lon_deg, double origin_lat_deg, double origin_lon_deg, double& x_km, double& y_km) {
  const double rad = kPi / 180;
  // The shorter way round: within ±180° however the file and the origin write longitudes.
  const double dlon = std::remainder(lon_deg - origin_lon_deg, 360.0);
  x_km = kEarthRadiusKm * std::cos(origin_lat_deg * rad) * dlon * rad;
  y_km = kEarthRadiusKm * (lat_deg - origin_lat_deg) * rad;
}

double to_one_minute_wind(double wind, int averaging_min) {
  if (averaging_min == 10) return wind / 0.93;
  if (averaging_min == 2) return wind / 0.98;
  return wind;
}

double knaff_zehr_pressure_hpa(double vmax_kt, double translation_kt, double lat_deg, double env_hpa) {
  const double vsrm = std::max(0.0, vmax_kt - 1.5 * std::pow(std::max(0.0, translation_kt), 0.63));
  const double size = 1.0;
  const double dp = 23.286 - 0.483 * vsrm - (vsrm / 24.254) * (vsrm / 24.254) - 12.587 * size - 0.483 * std::abs(lat_deg);
  return env_hpa + std::min(-1.0, dp);
}

double willoughby_rmax_km(double vmax_mps, double lat_deg) {
  return 46.4 * std::exp(-0.0155 * vmax_mps + 0.0169 * std::abs(lat_deg));
}

double powell_holland_b(double rmax_km, double lat_deg) {
  return std::clamp(1.881093 - 0.010917 * std::abs(lat_deg) - 0.005567 * rmax_km, 1.0, 2.5);
}

double holland_b_from_wind(double vmax_mps, double translation_mps, double delta_p_hpa) {
  if (delta_p_hpa <= 0) return 1.0;
  const double vg = std::max(0.5 * vmax_mps, vmax_mps - translation_mps) / 0.9;
  return std::clamp(kAirDensity * std::exp(1.0) * vg * vg / (delta_p_hpa * 100.0), 1.0, 2.5);
}

std::vector<TrackPoint> track_points_from_rows(const std::vector<BestTrackRow>& rows, const TrackFileSettings& s,
                                               const std::string& wind_column_used) {
  int averaging = s.wind_averaging_min;
  if (averaging == 0) {
    const std::string c = lower(wind_column_used);
    averaging = (c.starts_with("usa") || c == "wind") ? 1 : c.starts_with("cma") ? 2 : 10;
  }
  std::vector<TrackPoint> out;
  out.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const BestTrackRow& r = rows[i];
    TrackPoint p;
    p.time_h = static_cast<double>(r.utc_s - s.start_utc_s) / 3600.0;
    project_to_area(r.lat_deg, r.lon_deg, s.origin_lat_deg, s.origin_lon_deg, p.x_km, p.y_km);
    // Forward speed from the neighbouring fixes (centred where possible).
    const BestTrackRow& a = rows[i == 0 ? 0 : i - 1];
    const BestTrackRow& b = rows[i + 1 < rows.size() ? i + 1 : i];
    double ax = 0, ay = 0, bx = 0, by = 0;
    project_to_area(a.lat_deg, a.lon_deg, s.origin_lat_deg, s.origin_lon_deg, ax, ay);
    project_to_area(b.lat_deg, b.lon_deg, s.origin_lat_deg, s.origin_lon_deg, bx, by);
    const double dt_s = static_cast<double>(b.utc_s - a.utc_s);
    const double vt_mps = dt_s > 0 ? std::hypot(bx - ax, by - ay) * 1000 / dt_s : 0.0;
    const double vmax_mps = to_one_minute_wind(r.wind_kt, averaging) * kKnot;
    p.central_pressure_hpa = std::isfinite(r.pressure_hpa)
                                 ? r.pressure_hpa
                                 : knaff_zehr_pressure_hpa(vmax_mps / kKnot, vt_mps / kKnot, r.lat_deg, s.ambient_pressure_hpa);
    p.central_pressure_hpa = std::clamp(p.central_pressure_hpa, 850.0, s.ambient_pressure_hpa - 1.0);
    p.rmax_km = std::isfinite(r.rmw_nmi) && r.rmw_nmi > 0 ? r.rmw_nmi * kNauticalMile : willoughby_rmax_km(vmax_mps, r.lat_deg);
    p.rmax_km = std::clamp(p.rmax_km, 5.0, 200.0);
    p.holland_b = holland_b_from_wind(vmax_mps, vt_mps, s.ambient_pressure_hpa - p.central_pressure_hpa);
    out.push_back(p);
  }
  return out;
}

}  // namespace fl::world

namespace fl::world {

namespace {

/// The track points from parsed rows, with the scenario's projection and start instant.
void apply_rows(TyphoonConfig& typhoon, const std::vector<BestTrackRow>& rows, const std::string& used,
                const std::string& path, std::int64_t start_utc_s) {
  TrackFileSettings s;
  s.path = path;
  s.wind_column = typhoon.wind_column;
  s.wind_averaging_min = typhoon.wind_averaging_min;
  s.origin_lat_deg = typhoon.origin_lat_deg;
  s.origin_lon_deg = typhoon.origin_lon_deg;
  s.start_utc_s = start_utc_s;
  s.ambient_pressure_hpa = typhoon.ambient_pressure_hpa;
  typhoon.track = track_points_from_rows(rows, s, used);
  typhoon.latitude_deg = typhoon.origin_lat_deg;
}

/// Checks shared by both entry points; false when the file must not be applied.
bool track_file_usable(const TyphoonConfig& typhoon, Problems& problems) {
  if (typhoon.track_file.empty()) return false;
  if (!typhoon.track.empty()) {
    problems.error("typhoon.track", "found both track and track_file", "one of them: the forecast fixes or a best-track file");
    return false;
  }
  return std::isfinite(typhoon.origin_lat_deg) && std::isfinite(typhoon.origin_lon_deg);  // validate() says why not
}

}  // namespace

bool load_track_file(TyphoonConfig& typhoon, const std::string& base_dir, std::int64_t start_utc_s, Problems& problems,
                     std::string* text_read) {
  if (typhoon.track_file.empty()) return true;
  if (!track_file_usable(typhoon, problems)) return false;
  std::filesystem::path path(typhoon.track_file);
  if (path.is_relative() && !base_dir.empty()) path = std::filesystem::path(base_dir) / path;
  std::string text;
  if (!read_track_text(path.string(), text, problems, "typhoon.track_file")) return false;
  std::vector<BestTrackRow> rows;
  std::string used;
  if (!parse_best_track(text, path.filename().string(), typhoon.wind_column, rows, used, problems, "typhoon.track_file"))
    return false;
  apply_rows(typhoon, rows, used, path.string(), start_utc_s);
  if (text_read) *text_read = std::move(text);
  return true;
}

bool apply_track_text(TyphoonConfig& typhoon, const std::string& text, std::int64_t start_utc_s, Problems& problems) {
  if (typhoon.track_file.empty()) return true;
  if (!track_file_usable(typhoon, problems)) return false;
  const std::string name = std::filesystem::path(typhoon.track_file).filename().string();
  std::vector<BestTrackRow> rows;
  std::string used;
  if (!parse_best_track(text, name, typhoon.wind_column, rows, used, problems, "typhoon.track_file")) return false;
  apply_rows(typhoon, rows, used, typhoon.track_file, start_utc_s);
  return true;
}

}  // namespace fl::world
