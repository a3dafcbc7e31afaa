#include "sim/run/plan.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "sim/run/study.h"
#include "sim/scenario/json_reader.h"

namespace fl::run {

namespace {

std::string fnv1a_hex(const std::string& a, const std::string& b) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const std::string* s : {&a, &b})
    for (unsigned char c : *s) {
      h ^= c;
      h *= 0x100000001b3ULL;
    }
  char buf[24];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

bool valid_id(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
           c == '.' || c == '+';
  });
}

void check_unset_or_range(Problems& p, const std::string& path, double v, double lo, double hi) {
  if (v != kUnset) p.check_range(path, v, lo, hi);
}

/// Checks a variant (or factor level) on its own: ranges and that the seat forms are exclusive.
void validate_variant(const VariantSpec& v, const std::string& path, Problems& p) {
  if (!valid_id(v.id))
    p.error(join_path(path, "id"), "found \"" + v.id + "\"", "1–64 characters from A–Z a–z 0–9 _ - . +");
  const SeatsSpec& s = v.seats;
  const int forms = (!s.per_half_hour.empty() ? 1 : 0) + (s.multiplier != kUnset ? 1 : 0) + (s.erlang.set() ? 1 : 0);
  if (forms > 1)
    p.error(join_path(path, "seats"), "found " + std::to_string(forms) + " ways to set seats",
            "one of per_half_hour, multiplier or erlang");
  for (std::size_t i = 0; i < s.per_half_hour.size(); ++i)
    p.check_range(index_path(join_path(path, "seats.per_half_hour"), i), s.per_half_hour[i], 0, 100000);
  check_unset_or_range(p, join_path(path, "seats.multiplier"), s.multiplier, 0, 100);
  check_unset_or_range(p, join_path(path, "seats.erlang.target_pct"), s.erlang.target_pct, 1, 99.9);
  check_unset_or_range(p, join_path(path, "seats.erlang.max_abandon_pct"), s.erlang.max_abandon_pct, 0.1, 100);
  p.check_range(join_path(path, "seats.erlang.within_s"), s.erlang.within_s, 0, 3600);
  p.check_range(join_path(path, "seats.erlang.min_seats"), s.erlang.min_seats, 0, 100000);
  check_unset_or_range(p, join_path(path, "shrinkage_pct"), v.shrinkage_pct, 0, 95);
  check_unset_or_range(p, join_path(path, "ivr.ivr_s"), v.ivr.ivr_s, 0, 600);
  check_unset_or_range(p, join_path(path, "ivr.informed_hangup_pct"), v.ivr.informed_hangup_pct, 0, 100);
  check_unset_or_range(p, join_path(path, "ivr.self_service_pct"), v.ivr.self_service_pct, 0, 100);
  check_unset_or_range(p, join_path(path, "publish_delay_min"), v.publish_delay_min, 0, 24 * 60);
  check_unset_or_range(p, join_path(path, "crews.multiplier"), v.crews.multiplier, 0, 20);
  for (std::size_t i = 0; i < v.crews.depots.size(); ++i) {
    const DepotCrews& d = v.crews.depots[i];
    const std::string dp = index_path(join_path(path, "crews.depots"), i);
    if (d.line_crews != -1) p.check_range(join_path(dp, "line_crews"), d.line_crews, 0, 10000);
    if (d.tree_crews != -1) p.check_range(join_path(dp, "tree_crews"), d.tree_crews, 0, 10000);
    if (d.assessment_crews != -1) p.check_range(join_path(dp, "assessment_crews"), d.assessment_crews, 0, 10000);
  }
  check_unset_or_range(p, join_path(path, "mutual_aid.trigger_pct"), v.mutual_aid.trigger_pct, 0, 100);
  check_unset_or_range(p, join_path(path, "mutual_aid.lead_time_h"), v.mutual_aid.lead_time_h, 0, 24 * 14);
  check_unset_or_range(p, join_path(path, "mutual_aid.size_multiplier"), v.mutual_aid.size_multiplier, 0, 20);
}

template <class T>
void check_unique_ids(const std::vector<T>& items, const std::string& path, Problems& p) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < items.size(); ++i)
    if (!seen.insert(items[i].id).second)
      p.error(index_path(path, i) + ".id", "found \"" + items[i].id + "\" a second time", "a unique id");
}

void validate_plan(const StudyPlan& plan, Problems& p) {
  if (plan.study_version != kPlanVersion)
    p.error("study_version", "found " + std::to_string(plan.study_version), std::to_string(kPlanVersion));
  if (!valid_id(plan.id)) p.error("id", "found \"" + plan.id + "\"", "a short name such as \"typhoon_staffing\"");
  if (plan.scenario.empty()) p.error("scenario", "found an empty string", "the base scenario's file, relative to the plan");
  p.check_range("replications", plan.replications, 1, 100000);
  if (!plan.seeds.empty() && plan.seeds.size() != static_cast<std::size_t>(plan.replications))
    p.error("seeds", "found " + std::to_string(plan.seeds.size()) + " seeds",
            "one seed per replication (" + std::to_string(plan.replications) + ")");
  for (std::size_t i = 0; i < plan.kpis.size(); ++i)
    if (!find_kpi(plan.kpis[i])) {
      std::string known;
      for (const KpiInfo& k : kpi_catalogue()) known += (known.empty() ? "" : ", ") + std::string(k.key);
      p.error(index_path("kpis", i), "found \"" + plan.kpis[i] + "\"", "one of " + known);
    }
  p.check_range("forecast.pilot_runs", plan.forecast.pilot_runs, 1, 1000);
  check_unset_or_range(p, "forecast.aht_s", plan.forecast.aht_s, 1, 7200);
  for (std::size_t i = 0; i < plan.forecast.calls_per_half_hour.size(); ++i)
    p.check_range(index_path("forecast.calls_per_half_hour", i), plan.forecast.calls_per_half_hour[i], 0, 1e7);
  if (plan.variants.empty() == plan.factors.empty())
    p.error(plan.variants.empty() ? "variants" : "factors",
            plan.variants.empty() ? "found neither variants nor factors" : "found both variants and factors",
            "a list of variants, or a list of factors whose levels are crossed");
  check_unique_ids(plan.variants, "variants", p);
  for (std::size_t i = 0; i < plan.variants.size(); ++i) validate_variant(plan.variants[i], index_path("variants", i), p);
  check_unique_ids(plan.factors, "factors", p);
  std::size_t combinations = 1;
  for (std::size_t f = 0; f < plan.factors.size(); ++f) {
    const FactorSpec& factor = plan.factors[f];
    const std::string fp = index_path("factors", f);
    if (factor.levels.empty()) p.error(join_path(fp, "levels"), "found an empty list", "at least one level");
    check_unique_ids(factor.levels, join_path(fp, "levels"), p);
    for (std::size_t l = 0; l < factor.levels.size(); ++l)
      validate_variant(factor.levels[l], index_path(join_path(fp, "levels"), l), p);
    combinations *= std::max<std::size_t>(factor.levels.size(), 1);
  }
  if (combinations > 10000)
    p.error("factors", "found " + std::to_string(combinations) + " combinations", "at most 10000 variants");
}

void validate_against_variant(const VariantSpec& v, const std::string& path, const Scenario& base, Problems& p) {
  for (std::size_t i = 0; i < v.crews.depots.size(); ++i) {
    const std::string& name = v.crews.depots[i].name;
    const auto& depots = base.world.crews.depots;
    if (std::none_of(depots.begin(), depots.end(), [&](const world::DepotConfig& d) { return d.name == name; })) {
      std::string known;
      for (const auto& d : depots) known += (known.empty() ? "\"" : ", \"") + d.name + "\"";
      p.error(index_path(join_path(path, "crews.depots"), i) + ".name", "found \"" + name + "\"",
              known.empty() ? "no depot names: the base scenario lists no depots" : "a depot of the base scenario: " + known);
    }
  }
  if (v.mutual_aid.size_multiplier != kUnset && base.world.crews.mutual_aid.empty())
    p.warning(join_path(path, "mutual_aid.size_multiplier"), "found a size for mutual aid",
              "mutual-aid offers in the base scenario (it has none, so this changes nothing)");
}

}  // namespace

bool looks_like_plan(const std::string& json_text) {
  rapidjson::Document doc;
  Problems ignored;  // not a plan, whatever is wrong with it: the scenario loader reports it
  return parse_json(json_text, doc, ignored) && doc.IsObject() && doc.HasMember("study_version");
}

bool parse_plan(const std::string& json_text, StudyPlan& out, Problems& problems) {
  rapidjson::Document doc;
  // The hardened entry point: iterative parse, depth limit, valid UTF-8, repeated keys refused.
  if (!parse_json(json_text, doc, problems)) {
    return false;
  }
  if (!doc.IsObject()) {
    problems.error("", "the file holds no JSON object", "one plan object { \"study_version\": 1, ... }");
    return false;
  }
  const auto version = doc.FindMember("study_version");
  if (version != doc.MemberEnd() && version->value.IsInt() && version->value.GetInt() != kPlanVersion) {
    problems.error("study_version", "found " + std::to_string(version->value.GetInt()),
                   std::to_string(kPlanVersion) + " (the only plan version this build reads)");
    return false;
  }
  StudyPlan plan;
  {
    JsonReader reader(doc, problems);
    reader(plan);
  }
  validate_plan(plan, problems);
  if (problems.has_errors()) return false;
  out = std::move(plan);
  return true;
}

void validate_plan_against(const StudyPlan& plan, const Scenario& base, Problems& p) {
  for (std::size_t i = 0; i < plan.variants.size(); ++i) validate_against_variant(plan.variants[i], index_path("variants", i), base, p);
  for (std::size_t f = 0; f < plan.factors.size(); ++f)
    for (std::size_t l = 0; l < plan.factors[f].levels.size(); ++l)
      validate_against_variant(plan.factors[f].levels[l], index_path(index_path("factors", f) + ".levels", l), base, p);
  if (!plan.baseline.empty()) {
    // The baseline names a variant: an explicit id, or factor level ids joined by "/".
    std::vector<std::string> ids;
    for (const VariantSpec& v : plan.variants) ids.push_back(v.id);
    if (!plan.factors.empty()) {
      ids.assign(1, "");
      for (const FactorSpec& f : plan.factors) {
        std::vector<std::string> next;
        for (const std::string& prefix : ids)
          for (const VariantSpec& l : f.levels) next.push_back(prefix.empty() ? l.id : prefix + "/" + l.id);
        ids = std::move(next);
      }
    }
    if (std::find(ids.begin(), ids.end(), plan.baseline) == ids.end())
      p.error("baseline", "found \"" + plan.baseline + "\"",
              "the id of a variant" + std::string(plan.factors.empty() ? "" : " (factor levels joined by \"/\", e.g. \"" +
                                                                               (ids.empty() ? std::string() : ids[0]) + "\")"));
  }
  const bool erlang = needs_pilot(plan) || !plan.forecast.calls_per_half_hour.empty();
  if (erlang && !plan.forecast.calls_per_half_hour.empty()) {
    const auto half_hours = static_cast<std::size_t>(std::ceil(base.duration_hours * 2.0));
    if (plan.forecast.calls_per_half_hour.size() < half_hours)
      p.error("forecast.calls_per_half_hour", "found " + std::to_string(plan.forecast.calls_per_half_hour.size()) + " values",
              std::to_string(half_hours) + " (one per half-hour of the base scenario's drill)");
  }
}

bool load_plan(const std::string& path, LoadedPlan& out, Problems& problems) {
  std::string text;
  if (!read_input_file(path, text, problems, "a readable plan file")) return false;
  LoadedPlan loaded;
  if (!parse_plan(text, loaded.plan, problems)) return false;
  loaded.plan_path = path;
  loaded.scenario_path = (std::filesystem::path(path).parent_path() / loaded.plan.scenario).lexically_normal().string();
  Problems scenario_problems;
  const bool scenario_ok = load_scenario(loaded.scenario_path, loaded.base, scenario_problems);
  problems.add_under(scenario_problems, "scenario(" + loaded.scenario_path + ")", ".");
  if (!scenario_ok) return false;
  validate_plan_against(loaded.plan, loaded.base, problems);
  if (problems.has_errors()) return false;
  loaded.fingerprint = fnv1a_hex(text, loaded.base.source_text);  // the scenario exactly as validated
  out = std::move(loaded);
  return true;
}

}  // namespace fl::run
