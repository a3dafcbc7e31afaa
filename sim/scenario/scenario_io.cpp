#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <set>

#include "sim/core/calendar.h"
#include "sim/scenario/json_reader.h"
#include "sim/scenario/scenario.h"
#include "sim/world/track.h"

namespace fl {

namespace {

bool parse_clock(const std::string& text, int& minutes) {
  int hh = 0, mm = 0;
  char extra = 0;
  if (std::sscanf(text.c_str(), "%2d:%2d%c", &hh, &mm, &extra) != 2) return false;
  if (hh < 0 || hh > 24 || mm < 0 || mm > 59) return false;
  minutes = hh * 60 + mm;
  return true;
}

}  // namespace

bool parse_scenario(const std::string& json_text, const std::string& commitments_dir, Scenario& out,
                    Problems& problems, const std::string& base_dir) {
  return parse_scenario(json_text, commitments_dir.empty() ? std::vector<std::string>{}
                                                           : std::vector<std::string>{commitments_dir},
                        out, problems, base_dir);
}

bool valid_commitment_set_name(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

namespace {

/// Names of the sets in `dirs` ("a, b, c"), for the message when a name is not found.
std::string available_sets(const std::vector<std::string>& dirs) {
  std::set<std::string> names;
  for (const std::string& dir : dirs) {
    std::error_code ec;
    for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
      if (it->path().extension() == ".json" && valid_commitment_set_name(it->path().stem().string()))
        names.insert(it->path().stem().string());
  }
  std::string list;
  for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
  return list;
}

/// Finds, reads and validates the scenario's commitment set: a bare name looked up in `dirs` in
/// order (never a path, so a scenario cannot make the program read files elsewhere). Its
/// problems are reported under "commitment_set(<name>.json)." so the user sees which file is meant.
void load_named_commitment_set(Scenario& scenario, const std::vector<std::string>& dirs, Problems& problems) {
  const std::string& name = scenario.commitment_set;
  if (!valid_commitment_set_name(name)) return;  // validate_scenario said so
  for (const std::string& dir : dirs) {
    const auto file = std::filesystem::path(dir) / (name + ".json");
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) continue;
    Problems set_problems;
    std::string text;
    if (read_input_file(file.string(), text, set_problems, "a readable commitment-set file") &&
        scoring::parse_commitment_set(text, scenario.commitments, set_problems)) {
      if (scenario.commitments.id != name)
        set_problems.error("id", "found \"" + scenario.commitments.id + "\" in " + name + ".json",
                           "\"" + name + "\" (the file name)");
      scenario.commitment_set_text = std::move(text);
    }
    problems.add_under(set_problems, "commitment_set(" + file.filename().string() + ")", ".");
    return;
  }
  std::string where;
  for (const std::string& dir : dirs) where += (where.empty() ? "" : " or ") + dir;
  const std::string known = available_sets(dirs);
  problems.error("commitment_set", "found \"" + name + "\", which is not in " + where,
                 known.empty() ? "the name of a commitment set" : "one of " + known);
}

}  // namespace

bool parse_scenario(const std::string& json_text, const std::vector<std::string>& commitment_dirs, Scenario& out,
                    Problems& problems, const std::string& base_dir, const std::string* track_file_text) {
  rapidjson::Document doc;
  if (!parse_json(json_text, doc, problems)) return false;
  if (!doc.IsObject()) {
    problems.error("", "the file holds no JSON object", "one scenario object { \"version\": 1, ... }");
    return false;
  }
  // Refuse other versions before reading fields whose meaning may have changed.
  const auto version = doc.FindMember("version");
  if (version != doc.MemberEnd() && version->value.IsInt() && version->value.GetInt() != kScenarioVersion) {
    problems.error("version", "found " + std::to_string(version->value.GetInt()),
                   std::to_string(kScenarioVersion) + " (the only scenario version this build reads)");
    return false;
  }
  Scenario scenario;
  {
    JsonReader reader(doc, problems);
    reader(scenario);
  }
  if (!scenario.world.typhoon.track_file.empty()) {
    // A historic track: read it now (relative to the scenario's folder) so validation sees its points.
    CivilDate date;
    int minutes = 0, seconds = 0;
    if (parse_local_datetime(scenario.start.local, date, minutes, seconds)) {
      const std::int64_t start_utc_s =
          days_from_civil(date) * 86400 + minutes * 60 + seconds - static_cast<std::int64_t>(scenario.start.utc_offset_min) * 60;
      if (track_file_text) {
        if (world::apply_track_text(scenario.world.typhoon, *track_file_text, start_utc_s, problems))
          scenario.track_file_text = *track_file_text;
      } else {
        world::load_track_file(scenario.world.typhoon, base_dir, start_utc_s, problems, &scenario.track_file_text);
      }
    }
  }
  // A typhoon section with an empty track used to validate and run as a calm day.
  const auto typhoon = doc.FindMember("typhoon");
  if (typhoon != doc.MemberEnd() && typhoon->value.IsObject()) {
    const auto track = typhoon->value.FindMember("track");
    if (track != typhoon->value.MemberEnd() && track->value.IsArray() && track->value.Empty() &&
        scenario.world.typhoon.track_file.empty())
      problems.error("typhoon.track", "found 0 points",
                     "at least 2 track points (leave out the typhoon section for a calm day)");
  }
  validate_scenario(scenario, problems);
  if (!commitment_dirs.empty()) load_named_commitment_set(scenario, commitment_dirs, problems);
  if (problems.has_errors()) return false;
  scenario.source_text = json_text;
  out = std::move(scenario);
  return true;
}

bool load_scenario(const std::string& path, Scenario& out, Problems& problems,
                   const std::vector<std::string>& more_commitment_dirs) {
  std::string text;
  if (!read_input_file(path, text, problems, "a readable scenario file")) return false;
  const std::filesystem::path dir = std::filesystem::path(path).parent_path();
  std::vector<std::string> dirs{(dir / "commitments").string()};
  for (const std::string& more : more_commitment_dirs)
    if (std::find(dirs.begin(), dirs.end(), more) == dirs.end()) dirs.push_back(more);
  return parse_scenario(text, dirs, out, problems, dir.string());
}

void validate_scenario(const Scenario& s, Problems& problems) {
  if (!valid_commitment_set_name(s.commitment_set)) {
    // Never echo more than a short prefix of whatever the file put here.
    std::string shown = s.commitment_set.size() > 40 ? s.commitment_set.substr(0, 37) + "..." : s.commitment_set;
    while (!shown.empty() && (static_cast<unsigned char>(shown.back()) & 0xC0) == 0x80) shown.pop_back();
    problems.error("commitment_set", "found \"" + shown + "\"",
                   "the name of a commitment set (letters, digits, _ and -; no folders), e.g. \"sgcc_2023\"");
  }
  if (s.version != kScenarioVersion && s.version != 0)
    problems.error("version", "found " + std::to_string(s.version), std::to_string(kScenarioVersion));
  if (s.id.empty()) problems.error("id", "found an empty string", "a short name such as \"coastal_city\"");
  CivilDate date;
  int minutes = 0, seconds = 0;
  if (!parse_local_datetime(s.start.local, date, minutes, seconds))
    problems.error("start.local", "found \"" + s.start.local + "\"", "a local date-time \"YYYY-MM-DDTHH:MM\"");
  problems.check_range("start.utc_offset_min", s.start.utc_offset_min, -12 * 60, 14 * 60);
  problems.check_range("duration_hours", s.duration_hours, 0.25, 24.0 * 60);
  for (std::size_t i = 0; i < s.calendar.holidays.size(); ++i)
    if (!parse_date(s.calendar.holidays[i], date))
      problems.error(index_path("calendar.holidays", i), "found \"" + s.calendar.holidays[i] + "\"", "a date \"YYYY-MM-DD\"");
  for (std::size_t i = 0; i < s.calendar.extra_working_days.size(); ++i)
    if (!parse_date(s.calendar.extra_working_days[i], date))
      problems.error(index_path("calendar.extra_working_days", i), "found \"" + s.calendar.extra_working_days[i] + "\"",
                     "a date \"YYYY-MM-DD\"");
  int work_start = 0, work_end = 0;
  const bool start_ok = parse_clock(s.calendar.work_start, work_start);
  const bool end_ok = parse_clock(s.calendar.work_end, work_end);
  if (!start_ok) problems.error("calendar.work_start", "found \"" + s.calendar.work_start + "\"", "a local time \"HH:MM\"");
  if (!end_ok) problems.error("calendar.work_end", "found \"" + s.calendar.work_end + "\"", "a local time \"HH:MM\"");
  if (start_ok && end_ok && work_end <= work_start)
    problems.error("calendar.work_end", "found \"" + s.calendar.work_end + "\"", "a time after calendar.work_start");
  s.world.validate(problems);
  const auto& track = s.world.typhoon.track;
  if (s.world.typhoon.enabled && track.size() >= 2 && (track.back().time_h <= 0 || track.front().time_h >= s.duration_hours))
    problems.warning("typhoon.track",
                     "the track runs from " + format_number(track.front().time_h) + " h to " +
                         format_number(track.back().time_h) + " h, outside the drill",
                     "a track overlapping 0 to " + format_number(s.duration_hours) + " h (the storm never arrives)");
  s.hotline.validate(problems);
}

WorkingCalendar make_calendar(const Scenario& s) {
  CivilDate start;
  int minutes = 0, seconds = 0;
  parse_local_datetime(s.start.local, start, minutes, seconds);
  std::vector<CivilDate> holidays, extra;
  CivilDate d;
  for (const auto& text : s.calendar.holidays)
    if (parse_date(text, d)) holidays.push_back(d);
  for (const auto& text : s.calendar.extra_working_days)
    if (parse_date(text, d)) extra.push_back(d);
  int work_start = 8 * 60 + 30, work_end = 17 * 60 + 30;
  parse_clock(s.calendar.work_start, work_start);
  parse_clock(s.calendar.work_end, work_end);
  return WorkingCalendar(start, minutes * 60 + seconds, std::move(holidays), std::move(extra), work_start, work_end);
}

}  // namespace fl
