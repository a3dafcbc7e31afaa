#include "sim/scoring/commitment_set.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "sim/scenario/json_reader.h"

namespace fl::scoring {

const std::vector<MeasureInfo>& measure_catalogue() {
  // name, unit, by_terrain, higher_is_better, simulated, per_incident, average
  static const std::vector<MeasureInfo> kCatalogue = {
      {"arrears_notice_days", "days", false, true, false, true, false},
      {"arrears_reconnect_hours", "hours", false, false, false, true, false},
      {"arrival_minutes", "min", true, false, true, true, true},
      {"complaint_contact_working_days", "working_days", false, false, true, true, true},
      {"complaint_reply_working_days", "working_days", false, false, true, true, true},
      {"connection_working_days", "working_days", false, false, false, true, false},
      {"counter_payment_minutes", "min", false, false, false, true, true},
      {"counter_transaction_minutes", "min", false, false, false, true, true},
      {"first_contact_responsibility", "rule", false, true, false, true, false},
      {"hotline_hours_per_day", "hours", false, true, false, true, false},
      {"hotline_pickup_s", "s", false, false, true, true, true},
      {"important_customer_temporary_notice_hours", "hours", false, true, false, true, false},
      {"important_customer_visit_months", "months", false, false, false, true, false},
      {"meter_test_working_days", "working_days", false, false, false, true, false},
      {"planned_notice_days", "days", false, true, false, true, false},
      {"rationing_plan_only", "rule", false, true, false, true, false},
      {"reliability_rs1_pct", "pct", false, true, true, false, true},
      {"restore_after_arrival_minutes", "min", true, false, true, true, true},
      {"supply_plan_working_days", "working_days", false, false, false, true, false},
      {"voltage_compliance_pct", "pct", false, true, false, false, true},
  };
  return kCatalogue;
}

const MeasureInfo* find_measure(std::string_view name) {
  for (const MeasureInfo& m : measure_catalogue())
    if (m.name == name) return &m;
  return nullptr;
}

double max_target_for_unit(std::string_view unit) {
  if (unit == "pct") return 100;
  if (unit == "s") return 86400;             // a day
  if (unit == "min") return 100000;          // ~69 days
  if (unit == "hours") return 8760;          // a year
  if (unit == "days") return 3650;
  if (unit == "working_days") return 365;
  if (unit == "months") return 120;
  return 1;                                  // "rule": 1 = the rule holds
}

void CommitmentSet::validate(Problems& problems) const {
  if (version != kCommitmentSetVersion && version != 0)
    problems.error("version", "found " + std::to_string(version), std::to_string(kCommitmentSetVersion));
  if (id.empty()) problems.error("id", "found an empty string", "the set's name, equal to its file name");
  if (name.zh.empty()) problems.error("name.zh", "found an empty string", "a title in Chinese");
  if (name.en.empty()) problems.error("name.en", "found an empty string", "a title in English");
  if (commitments.empty()) problems.error("commitments", "found an empty list", "at least one commitment");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < commitments.size(); ++i) {
    const CommitmentSpec& c = commitments[i];
    const std::string at = index_path("commitments", i);
    if (c.id.empty()) problems.error(join_path(at, "id"), "found an empty string", "a short name such as \"arrival\"");
    else if (!seen.insert(c.id).second)
      problems.error(join_path(at, "id"), "found \"" + c.id + "\" a second time", "an id unique within the set");
    if (c.text.zh.empty()) problems.error(join_path(at, "text.zh"), "found an empty string", "the commitment in Chinese");
    if (c.text.en.empty()) problems.error(join_path(at, "text.en"), "found an empty string", "the commitment in English");
    const MeasureInfo* m = find_measure(c.measure);
    if (!m) {
      std::string names;
      for (const MeasureInfo& info : measure_catalogue()) names += (names.empty() ? "" : ", ") + std::string(info.name);
      problems.error(join_path(at, "measure"), "found \"" + c.measure + "\"", "one of " + names);
    }
    if (problems.check_one_of(join_path(at, "basis"), c.basis, {"per_incident", "average"}) && m) {
      if (c.basis == "per_incident" && !m->allows_per_incident)
        problems.error(join_path(at, "basis"), "found \"per_incident\"", "\"average\" (" + c.measure + " is a rate over the run)");
      if (c.basis == "average" && !m->allows_average)
        problems.error(join_path(at, "basis"), "found \"average\"", "\"per_incident\" (" + c.measure + " is per case)");
    }
    if (m) {
      const bool has_single = c.target >= 0;
      const bool has_terrain = c.targets.any();
      if (has_single && has_terrain)
        problems.error(join_path(at, "targets"), "found both target and targets", "only one of them");
      else if (!has_single && !has_terrain)
        problems.error(join_path(at, "target"), "missing", m->by_terrain ? "a target >= 0 or targets {urban, rural, remote}" : "a target >= 0");
      else if (has_terrain && !m->by_terrain)
        problems.error(join_path(at, "targets"), "found targets by terrain", "a single target (" + c.measure + " does not depend on terrain)");
      else if (has_terrain) {
        if (c.targets.urban < 0) problems.error(join_path(at, "targets.urban"), "missing", "a target >= 0");
        if (c.targets.rural < 0) problems.error(join_path(at, "targets.rural"), "missing", "a target >= 0");
        if (c.targets.remote < 0) problems.error(join_path(at, "targets.remote"), "missing", "a target >= 0");
      }
      // Targets become sim times (minutes x 60 000 ms ...): bound them by unit so they always fit.
      const double max_target = max_target_for_unit(m->unit);
      if (has_single) problems.check_range(join_path(at, "target"), c.target, 0, max_target);
      if (has_terrain) {
        if (c.targets.urban >= 0) problems.check_range(join_path(at, "targets.urban"), c.targets.urban, 0, max_target);
        if (c.targets.rural >= 0) problems.check_range(join_path(at, "targets.rural"), c.targets.rural, 0, max_target);
        if (c.targets.remote >= 0) problems.check_range(join_path(at, "targets.remote"), c.targets.remote, 0, max_target);
      }
    }
    problems.check_range(join_path(at, "min_share_pct"), c.min_share_pct, 0, 100);
    const StormPauseSpec& sp = c.storm_pause;
    if (problems.check_one_of(join_path(at, "storm_pause.graded"), sp.graded, {"as_written", "paused"})) {
      if (sp.above_driving_limit && c.measure != "arrival_minutes")
        problems.error(join_path(at, "storm_pause.above_driving_limit"), "found true for " + c.measure,
                       "false (only arrival_minutes has a storm pause)");
      if (sp.graded == "paused" && !sp.above_driving_limit)
        problems.error(join_path(at, "storm_pause.graded"), "found \"paused\" without a pause",
                       "\"as_written\", or above_driving_limit true");
    }
  }
}

bool parse_commitment_set(const std::string& json_text, CommitmentSet& out, Problems& problems) {
  rapidjson::Document doc;
  if (!parse_json(json_text, doc, problems)) return false;
  if (!doc.IsObject()) {
    problems.error("", "the file holds no JSON object", "one commitment-set object { \"version\": 1, ... }");
    return false;
  }
  CommitmentSet set;
  const std::size_t errors_before = problems.error_count();
  {
    JsonReader reader(doc, problems);
    reader(set);
  }
  set.validate(problems);
  if (problems.error_count() > errors_before) return false;
  out = std::move(set);
  return true;
}

bool load_commitment_set(const std::string& path, CommitmentSet& out, Problems& problems) {
  std::string text;
  if (!read_input_file(path, text, problems, "a readable commitment-set file")) return false;
  CommitmentSet set;
  if (!parse_commitment_set(text, set, problems)) return false;
  const std::string stem = std::filesystem::path(path).stem().string();
  if (set.id != stem) {
    problems.error("id", "found \"" + set.id + "\" in " + stem + ".json", "\"" + stem + "\" (the file name)");
    return false;
  }
  out = std::move(set);
  return true;
}

}  // namespace fl::scoring
