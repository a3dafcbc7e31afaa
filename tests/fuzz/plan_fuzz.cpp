// Fuzz target: study-plan files through parse_plan; a plan that loads is checked against a small
// base scenario and, when it needs no pilot runs and is small, expanded into its variants: as
// many as the plan describes, unique ids, the baseline among them, seats never negative.
#include <algorithm>
#include <set>

#include "sim/run/plan.h"
#include "sim/run/study.h"
#include "tests/fuzz/fuzz_target.h"

namespace {

/// A base scenario with two depots, so the plans' depot names can match ("north", "south").
const fl::Scenario& base_scenario() {
  static const fl::Scenario base = [] {
    fl::Scenario s;
    fl::Problems p;
    const bool ok = fl::fuzz::loaded(fl::parse_scenario(R"({"version": 1, "id": "base", "start": {"local": "2024-09-15T06:00"},
        "duration_hours": 6,
        "area": {"width_km": 6, "height_km": 6},
        "crews": {"depots": [{"name": "north", "x_km": 2, "y_km": 4, "line_crews": 2, "tree_crews": 1},
                             {"name": "south", "x_km": 4, "y_km": 1, "line_crews": 1}]}})",
                                       std::string(), s, p), p, "parse_scenario");
    fl::fuzz::check(ok, "the plan target's base scenario does not parse");
    return s;
  }();
  return base;
}

std::size_t described_variants(const fl::run::StudyPlan& plan) {
  if (!plan.variants.empty()) return plan.variants.size();
  std::size_t n = 1;
  for (const auto& f : plan.factors) n *= f.levels.size();
  return n;
}

}  // namespace

FAULTLINE_FUZZ_TARGET(plan) {
  fl::run::StudyPlan plan;
  fl::Problems problems;
  const bool ok = fl::fuzz::loaded(fl::run::parse_plan(text, plan, problems), problems, "parse_plan");
  (void)fl::run::looks_like_plan(text);
  if (!ok) return;
  fl::Problems against;
  fl::run::validate_plan_against(plan, base_scenario(), against);
  (void)against.format("fuzz.json");
  if (against.has_errors() || fl::run::needs_pilot(plan) || described_variants(plan) > 64) return;
  fl::run::LoadedPlan loaded;
  loaded.plan = plan;
  loaded.base = base_scenario();
  const fl::run::Forecast forecast = fl::run::make_forecast(loaded);
  const std::vector<fl::run::Variant> variants = fl::run::expand_variants(loaded, forecast);
  fl::fuzz::check(variants.size() == described_variants(plan), "a plan expands to another number of variants");
  std::set<std::string> ids;
  for (const fl::run::Variant& v : variants) {
    fl::fuzz::check(ids.insert(v.id).second, "two variants share an id");
    fl::fuzz::check(std::all_of(v.seats.begin(), v.seats.end(), [](int s) { return s >= 0; }), "negative seats");
    fl::fuzz::check(v.crews_total >= 0 && v.aid_crews >= 0, "negative crews");
  }
  fl::fuzz::check(fl::run::baseline_index(plan, variants) < variants.size(), "the baseline is not a variant");
  (void)fl::run::replication_seeds(loaded);
}
