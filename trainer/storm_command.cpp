#include "trainer/storm_command.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <ostream>
#include <sstream>

#include "sim/core/calendar.h"
#include "sim/scenario/json_reader.h"
#include "sim/scenario/scenario.h"
#include "sim/world/typhoon.h"
#if __has_include("sim/world/area.h")
#include "sim/world/area.h"
#define FL_STORM_HAS_AREA 1
#else
#define FL_STORM_HAS_AREA 0
#endif

namespace fl::trainer {

namespace {

using world::Exposure;
using world::Typhoon;
using world::TyphoonConfig;
using world::WarningLevel;

/// Takes the typhoon from the world's config once WorldConfig has a `typhoon` member (the world
/// engineer owns that); returns false while it does not, so the caller reads the section itself.
template <class S>
bool typhoon_from_world(const S& scenario, TyphoonConfig& out) {
  if constexpr (requires { scenario.world.typhoon; }) {
    out = scenario.world.typhoon;
    return true;
  } else {
    return false;
  }
}

/// Interim reader for the "typhoon" section while WorldConfig does not read it: the same struct,
/// the same reader, problem paths prefixed with "typhoon". Returns false on errors.
bool read_typhoon_section(const std::string& path, TyphoonConfig& out, Problems& problems) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseCommentsFlag>(text.str().c_str(), text.str().size());
  if (doc.HasParseError() || !doc.IsObject()) return false;  // load_scenario already said why
  const auto it = doc.FindMember("typhoon");
  if (it == doc.MemberEnd()) return true;  // no section: a calm day, enabled stays false
  Problems local;
  TyphoonConfig config;
  {
    JsonReader reader(it->value, local);
    reader(config);
  }
  config.validate(local, "");
  for (const Problem& p : local.all()) {
    const std::string at = join_path("typhoon", p.path);
    if (p.severity == Problem::Severity::kError)
      problems.error(at, p.found, p.expected);
    else
      problems.warning(at, p.found, p.expected);
  }
  if (local.has_errors()) return false;
  config.enabled = true;
  out = std::move(config);
  return true;
}

std::string fixed(double v, int decimals) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

/// Parses "X,Y" (metres, area frame). Returns false for anything else (e.g. a place name).
bool parse_xy(const std::string& text, double& x, double& y) {
  const auto comma = text.find(',');
  if (comma == std::string::npos) return false;
  try {
    std::size_t used = 0;
    const std::string xs = text.substr(0, comma), ys = text.substr(comma + 1);
    x = std::stod(xs, &used);
    if (used != xs.size()) return false;
    y = std::stod(ys, &used);
    if (used != ys.size()) return false;
  } catch (const std::exception&) {
    return false;
  }
  return std::isfinite(x) && std::isfinite(y);
}

/// A place to forecast for: where it is and how exposed it is.
struct Place {
  double x_m = 0, y_m = 0;
  Exposure exposure = Exposure::kInland;
  std::string label;        ///< "x = 1000 m, y = 2000 m" or the place's name
  std::string exposure_by;  ///< where the exposure came from, for the title line
};

/// Resolves `--at` to a place: "X,Y" in metres, or the name of a depot (crews.depots), a named
/// customer (area.named) or a generated important customer ("Hospital 3"); exposure from the
/// world's generated area when the point lies inside it, else inland. The world's config and area
/// are used only when this build has them (they are the world engineer's, and may be absent).
template <class S>
bool resolve_place(const S& scenario, const std::string& at, Place& place, std::string& why) {
  bool found = parse_xy(at, place.x_m, place.y_m);
  if (found) place.label = "x = " + fixed(place.x_m, 0) + " m, y = " + fixed(place.y_m, 0) + " m";
  std::vector<std::string> names;
  auto offer = [&](const std::string& name, double x_m, double y_m) {
    names.push_back(name);
    if (found || name != at) return;
    found = true;
    place.x_m = x_m;
    place.y_m = y_m;
    place.label = name + " (x = " + fixed(x_m, 0) + " m, y = " + fixed(y_m, 0) + " m)";
  };
  if constexpr (requires { scenario.world.crews.depots; scenario.world.area.named; }) {
    for (const auto& d : scenario.world.crews.depots) offer(d.name, d.x_km * 1000, d.y_km * 1000);
    for (const auto& n : scenario.world.area.named) offer(n.name, n.x_km * 1000, n.y_km * 1000);
  }
  place.exposure = Exposure::kInland;
  place.exposure_by = "assumed; the point is outside the service area";
  const std::size_t configured_names = names.size();
#if FL_STORM_HAS_AREA
  if constexpr (requires { world::generate_area(scenario.world.area); }) {
    const world::Area area = world::generate_area(scenario.world.area);
    for (const auto& imp : area.important)
      offer(imp.name, area.customers[imp.customer].x_m, area.customers[imp.customer].y_m);
    const double width_m = area.nx * area.cell_m, height_m = area.ny * area.cell_m;
    if (found && place.x_m >= 0 && place.y_m >= 0 && place.x_m < width_m && place.y_m < height_m) {
      place.exposure = area.at(place.x_m, place.y_m).exposure;
      place.exposure_by = "from the service area's cell";
    }
  } else {
    place.exposure_by = "assumed; this build has no service area";
  }
#else
  place.exposure_by = "assumed; this build has no service area";
#endif
  if (found) return true;
  why = "expected \"X,Y\" in metres in the service area's frame";
  if (names.empty()) {
    why += " (this scenario names no depots or places)";
  } else {
    // The scenario's own names first, then the generated ones alphabetically.
    std::sort(names.begin() + static_cast<std::ptrdiff_t>(configured_names), names.end());
    why += " or one of the place names:";
    for (std::size_t i = 0; i < names.size() && i < 12; ++i) why += (i ? ", \"" : " \"") + names[i] + "\"";
    if (names.size() > 12) why += ", ... (" + std::to_string(names.size()) + " in all)";
  }
  return false;
}

std::string local_time(const WorkingCalendar& calendar, Time t) {
  const CivilDate d = calendar.date_at(t);
  const Time tod = calendar.time_of_day(t);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02u-%02u %02d:%02d", d.month, d.day, static_cast<int>(tod / kHour),
                static_cast<int>((tod % kHour) / kMinute));
  return buf;
}

}  // namespace

int run_storm_command(const StormArgs& args, std::ostream& out, std::ostream& err) {
  Scenario scenario;
  Problems problems;
  const bool loaded = load_scenario(args.scenario, scenario, problems);
  TyphoonConfig config;
  bool typhoon_ok = true;
  const bool from_world = typhoon_from_world(scenario, config);
  if (loaded && !from_world) typhoon_ok = read_typhoon_section(args.scenario, config, problems);
  // Report problems as `faultline validate` does; while we read the section ourselves the
  // scenario reader's "unknown field" warning about it is ours to drop.
  Problems shown;
  for (const Problem& p : problems.all()) {
    if (!from_world && p.severity == Problem::Severity::kWarning && p.path == "typhoon") continue;
    if (p.severity == Problem::Severity::kError)
      shown.error(p.path, p.found, p.expected);
    else
      shown.warning(p.path, p.found, p.expected);
  }
  err << shown.format(args.scenario);
  if (!loaded || !typhoon_ok) {
    err << args.scenario << ": " << shown.error_count() << " error(s); no forecast printed\n";
    return 1;
  }
  if (!config.enabled || config.track.size() < 2) {
    err << args.scenario << ": the scenario has no \"typhoon\" section (a calm day); nothing to forecast\n";
    return 1;
  }

  if (args.every_min < 1) {
    err << "--every: found " << args.every_min << ", expected a number of minutes >= 1\n";
    return 1;
  }
  Place place;
  std::string why;
  if (!resolve_place(scenario, args.at, place, why)) {
    err << "--at: found \"" << args.at << "\", " << why << "\n";
    return 1;
  }
  const double x_m = place.x_m, y_m = place.y_m;
  const Exposure exposure = place.exposure;
  const Typhoon typhoon(config);
  const WorkingCalendar calendar = make_calendar(scenario);
  const Time every = static_cast<Time>(args.every_min) * kMinute;
  const Time end = static_cast<Time>(std::llround(scenario.duration_hours * 3600.0)) * kSecond;
  // The warning for this place alone, from the perfect forecast, on a grid no coarser than 15 min.
  const Time warning_step = std::min<Time>(every, 15 * kMinute);
  const auto timeline = typhoon.warning_timeline({{x_m, y_m}}, {exposure}, end, warning_step);
  auto level_at = [&](Time t) {
    WarningLevel level = WarningLevel::kNone;
    for (const auto& [when, l] : timeline) {
      if (when > t) break;
      level = l;
    }
    return level;
  };

  if (args.csv) {
    out << "local_time,hours,distance_km,wind_1min_mps,gust_mps,warning\n";
  } else {
    // Scenario names often say "Typhoon …" already.
    const bool named_typhoon = config.name.rfind("Typhoon", 0) == 0;
    out << (named_typhoon ? "" : "Typhoon ") << (config.name.empty() ? "(unnamed)" : config.name) << " at " << place.label
        << "; exposure " << exposure_name(exposure) << " (" << place.exposure_by
        << "), terrain factor " << fixed(world::terrain_mean_factor(exposure), 2) << ", gust factor "
        << fixed(world::gust_factor(exposure), 2) << "; 1-min wind at 10 m, 3-s gust\n";
    char line[128];
    std::snprintf(line, sizeof line, "%-11s  %6s  %8s  %9s  %8s  %s\n", "local time", "hours", "eye km", "1-min m/s",
                  "gust m/s", "warning");
    out << line;
  }
  for (Time t = 0; t <= end; t += every) {
    const world::WindSample w = typhoon.wind_at(t, x_m, y_m, exposure);
    const char* level = world::warning_level_name(level_at(t));
    if (args.csv) {
      out << local_time(calendar, t) << ',' << fixed(to_hours(t), 2) << ',' << fixed(w.distance_km, 1) << ','
          << fixed(w.sustained_mps, 1) << ',' << fixed(w.gust_mps, 1) << ',' << level << '\n';
    } else {
      char line[128];
      std::snprintf(line, sizeof line, "%-11s  %6.2f  %8.1f  %9.1f  %8.1f  %s\n", local_time(calendar, t).c_str(),
                    to_hours(t), w.distance_km, w.sustained_mps, w.gust_mps, level);
      out << line;
    }
  }
  return 0;
}

}  // namespace fl::trainer
