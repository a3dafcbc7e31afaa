#pragma once
/// \file A staffing study plan: a base scenario, named variants (explicit, or the cross product of
/// factors' levels), replications, seeds and the KPIs to report. One versioned JSON object read
/// with fl::JsonReader; every problem becomes "FILE: path: found …, expected …". The format is
/// documented in scenarios/studies/README.md.
#include <cstdint>
#include <string>
#include <vector>

#include <cereal/cereal.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>

#include "sim/scenario/optional_nvp.h"
#include "sim/scenario/problems.h"
#include "sim/scenario/scenario.h"

namespace fl::run {

/// The only plan format version this build reads (the plan's "study_version").
constexpr int kPlanVersion = 1;
/// Marks a field of a variant as "leave the base scenario's value" (numbers) in the plan structs.
constexpr double kUnset = -1.0;

/// Seats from queueing theory: the fewest scheduled seats per half-hour that Erlang C says answer
/// target_pct % of the half-hour's forecast calls within within_s seconds, and (if set) that
/// Erlang A says lose at most max_abandon_pct % to abandonment. Shrinkage is added on top.
struct ErlangSeats {
  double target_pct = kUnset;       ///< e.g. 80 (% answered within within_s); unset: not used
  double within_s = 20;             ///< service-level threshold, seconds
  double max_abandon_pct = kUnset;  ///< Erlang A abandonment ceiling, %; unset: no ceiling
  int min_seats = 1;                ///< never schedule fewer than this
  template <class Archive>
  void serialize(Archive& ar) {
    ar(optional_nvp("target_pct", target_pct), optional_nvp("within_s", within_s),
       optional_nvp("max_abandon_pct", max_abandon_pct), optional_nvp("min_seats", min_seats));
  }
  bool set() const { return target_pct != kUnset || max_abandon_pct != kUnset; }
};

/// How a variant schedules hotline seats: exactly one of the three forms, or none (base plan).
struct SeatsSpec {
  std::vector<int> per_half_hour;  ///< explicit plan (repeats like the scenario's seats_per_half_hour)
  double multiplier = kUnset;      ///< scales the base plan, each half-hour rounded to the nearest seat
  ErlangSeats erlang;
  template <class Archive>
  void serialize(Archive& ar) {
    ar(optional_nvp("per_half_hour", per_half_hour), optional_nvp("multiplier", multiplier),
       optional_nvp("erlang", erlang));
  }
  bool set() const { return !per_half_hour.empty() || multiplier != kUnset || erlang.set(); }
};

/// IVR settings (see scenarios/docs/hotline.md); unset fields keep the base scenario's.
struct IvrSpec {
  double ivr_s = kUnset;
  double informed_hangup_pct = kUnset;
  double self_service_pct = kUnset;
  template <class Archive>
  void serialize(Archive& ar) {
    ar(optional_nvp("ivr_s", ivr_s), optional_nvp("informed_hangup_pct", informed_hangup_pct),
       optional_nvp("self_service_pct", self_service_pct));
  }
};

/// One depot's crews in a variant; negative counts keep the base scenario's.
struct DepotCrews {
  std::string name;  ///< required: a depot of the base scenario
  int line_crews = -1, tree_crews = -1, assessment_crews = -1;
  template <class Archive>
  void serialize(Archive& ar) {
    ar(cereal::make_nvp("name", name), optional_nvp("line_crews", line_crews),
       optional_nvp("tree_crews", tree_crews), optional_nvp("assessment_crews", assessment_crews));
  }
};

/// Crews per depot: a multiplier on every depot's line and tree crews, then explicit depots.
struct CrewsSpec {
  double multiplier = kUnset;
  std::vector<DepotCrews> depots;
  template <class Archive>
  void serialize(Archive& ar) {
    ar(optional_nvp("multiplier", multiplier), optional_nvp("depots", depots));
  }
};

/// Mutual aid: when it is requested (the share of customers out that triggers the request; 0 =
/// at the start of the drill), how long it takes, and how many crews come (every offer alike).
struct MutualAidSpec {
  double trigger_pct = kUnset;
  double lead_time_h = kUnset;
  double size_multiplier = kUnset;  ///< scales each offer's line and tree crews
  template <class Archive>
  void serialize(Archive& ar) {
    ar(optional_nvp("trigger_pct", trigger_pct), optional_nvp("lead_time_h", lead_time_h),
       optional_nvp("size_multiplier", size_multiplier));
  }
};

/// A variant, or one level of a factor: what it changes in the base scenario.
struct VariantSpec {
  std::string id;  ///< required, unique among its siblings; [A-Za-z0-9_.+-]
  LocalizedText name;
  SeatsSpec seats;
  double shrinkage_pct = kUnset;
  IvrSpec ivr;
  double publish_delay_min = kUnset;  ///< outage publishing delay of the automatic dispatcher
  CrewsSpec crews;
  MutualAidSpec mutual_aid;
  template <class Archive>
  void serialize(Archive& ar) {
    ar(cereal::make_nvp("id", id), optional_nvp("name", name), optional_nvp("seats", seats),
       optional_nvp("shrinkage_pct", shrinkage_pct), optional_nvp("ivr", ivr),
       optional_nvp("publish_delay_min", publish_delay_min), optional_nvp("crews", crews),
       optional_nvp("mutual_aid", mutual_aid));
  }
};

/// A factor of a crossed design; the variants are every combination of the factors' levels.
struct FactorSpec {
  std::string id;
  LocalizedText name;
  std::vector<VariantSpec> levels;
  template <class Archive>
  void serialize(Archive& ar) {
    ar(cereal::make_nvp("id", id), optional_nvp("name", name), cereal::make_nvp("levels", levels));
  }
};

/// Where the calls behind "erlang" seats come from: an explicit forecast, or the mean over pilot
/// runs of the base scenario with their own seeds (never the study's, so no variant sees its
/// replications' storms in advance).
struct ForecastSpec {
  std::vector<double> calls_per_half_hour;  ///< explicit forecast (calls reaching agents); empty: pilot
  int pilot_runs = 3;
  std::uint64_t pilot_first_seed = 0;       ///< 0: first seed of the study + 1,000,000
  double aht_s = kUnset;                    ///< handling time for Erlang; unset: from the scenario's mix
  template <class Archive>
  void serialize(Archive& ar) {
    ar(optional_nvp("calls_per_half_hour", calls_per_half_hour), optional_nvp("pilot_runs", pilot_runs),
       optional_nvp("pilot_first_seed", pilot_first_seed), optional_nvp("aht_s", aht_s));
  }
};

/// A whole plan file.
struct StudyPlan {
  int study_version = 0;      ///< required; must equal kPlanVersion
  std::string id;             ///< required short name
  LocalizedText name;
  LocalizedText description;
  std::string scenario;       ///< required: base scenario file, relative to the plan file
  int replications = 10;
  std::uint64_t first_seed = 0;      ///< 0: the base scenario's seed; replication r uses first_seed + r
  std::vector<std::uint64_t> seeds;  ///< explicit seeds, one per replication (overrides first_seed)
  std::string baseline;              ///< variant id the others are compared with; empty: the first
  std::vector<std::string> kpis;     ///< KPI keys to report (sim/run/study.h); empty: the defaults
  ForecastSpec forecast;
  std::vector<VariantSpec> variants;  ///< explicit variants ...
  std::vector<FactorSpec> factors;    ///< ... or a crossed design (not both)
  template <class Archive>
  void serialize(Archive& ar) {
    ar(cereal::make_nvp("study_version", study_version), cereal::make_nvp("id", id), optional_nvp("name", name),
       optional_nvp("description", description), cereal::make_nvp("scenario", scenario),
       optional_nvp("replications", replications), optional_nvp("first_seed", first_seed),
       optional_nvp("seeds", seeds), optional_nvp("baseline", baseline), optional_nvp("kpis", kpis),
       optional_nvp("forecast", forecast), optional_nvp("variants", variants), optional_nvp("factors", factors));
  }
};

/// A plan with its base scenario loaded and validated, ready to expand into variants.
struct LoadedPlan {
  StudyPlan plan;
  Scenario base;
  std::string plan_path, scenario_path;  ///< as resolved (scenario: relative to the plan's folder)
  std::string fingerprint;               ///< FNV-1a of the plan's and the base scenario's text (hex)
};

/// True when `json_text` is a plan file (a JSON object with "study_version"), so `faultline
/// validate` can tell plans from scenarios.
bool looks_like_plan(const std::string& json_text);
/// Parses and validates plan JSON text (no file access; the base scenario is not loaded).
bool parse_plan(const std::string& json_text, StudyPlan& out, Problems& problems);
/// Checks a parsed plan against `base` (depots exist, seats arrays fit, baseline and KPIs known).
void validate_plan_against(const StudyPlan& plan, const Scenario& base, Problems& problems);
/// Reads the plan at `path`, then its base scenario (problems in it are reported under
/// "scenario(<file>)."), and validates both. Never throws for bad input.
bool load_plan(const std::string& path, LoadedPlan& out, Problems& problems);

}  // namespace fl::run
