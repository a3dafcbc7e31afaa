#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/core/calendar.h"
#include "sim/scenario/json_reader.h"
#include "sim/scenario/scenario.h"

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
                    Problems& problems) {
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
  validate_scenario(scenario, commitments_dir, problems);
  const auto file = std::filesystem::path(commitments_dir) / (scenario.commitment_set + ".json");
  if (!commitments_dir.empty() && std::filesystem::exists(file)) {
    // The set is part of what the run is scored against: load and validate it now, reporting its
    // problems under "commitment_set(<file>)." so the user sees which file they are in.
    Problems set_problems;
    scoring::load_commitment_set(file.string(), scenario.commitments, set_problems);
    for (const Problem& p : set_problems.all()) {
      const std::string path = "commitment_set(" + file.filename().string() + ")" + (p.path.empty() ? "" : "." + p.path);
      if (p.severity == Problem::Severity::kError) problems.error(path, p.found, p.expected);
      else problems.warning(path, p.found, p.expected);
    }
  }
  if (problems.has_errors()) return false;
  out = std::move(scenario);
  return true;
}

bool load_scenario(const std::string& path, Scenario& out, Problems& problems) {
  std::string text;
  if (!read_input_file(path, text, problems, "a readable scenario file")) return false;
  const std::filesystem::path dir = std::filesystem::path(path).parent_path();
  return parse_scenario(text, (dir / "commitments").string(), out, problems);
}

void validate_scenario(const Scenario& s, const std::string& commitments_dir, Problems& problems) {
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
  if (!commitments_dir.empty()) {
    const auto file = std::filesystem::path(commitments_dir) / (s.commitment_set + ".json");
    if (!std::filesystem::exists(file))
      problems.error("commitment_set", "found \"" + s.commitment_set + "\", but " + file.string() + " does not exist",
                     "the name of a commitment set in " + commitments_dir);
  }
  s.world.validate(problems);
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
