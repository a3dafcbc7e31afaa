#pragma once
/// \file A staffing study: a plan's variants × replications, each run a deterministic Simulator,
/// results as plain records. No file I/O and no wall clock: the front end (trainer/study_command)
/// stores results, shows progress and handles Ctrl-C through the callbacks here.
///
/// Common random numbers: replication r of every variant runs with the same seed (seeds[r], or
/// first_seed + r) and replication index 0, so every variant sees the same storm, the same damage
/// draws and the same callers (every entity draws from its own stream, sim/core/random.h); only
/// what the variant changes differs. Run (variant v, replication r) is exactly
/// `faultline run <variant scenario> --seed <seed r>`.
#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "sim/run/plan.h"
#include "sim/scenario/scenario.h"

namespace fl::run {

/// Every figure stored per run. Units in the names; fractions are in per cent.
enum class Kpi : std::uint8_t {
  kCustomerMinutesOut = 0,  ///< Σ customers out × minutes (restoration curve)
  kSaidiMin,                ///< IEEE 1366 SAIDI, minutes
  kCommitmentsMet,          ///< commitments met (of those measured)
  kCommitmentsMeasured,
  kServiceLevelPct,         ///< answered within the scenario's service_level_s, % of calls to agents
  kAbandonmentPct,          ///< abandoned, % of calls to agents
  kAsaS,                    ///< mean wait of answered calls, s
  kComplaints,
  kSatisfaction,            ///< 0..100
  kAgentHours,              ///< scheduled seat-hours over the drill (shrinkage included: they are paid)
  kCrewHours,               ///< crew-hours worked (travel, patrol, repair, waiting on site)
  kGradeScore,              ///< composite grade 0..100
  kCallsOffered,            ///< attempts reaching the hotline (IVR included)
  kCallsAnswered,           ///< answered by an agent
  kCallsAbandoned,
  kPeakCustomersOut,
  kCount
};
constexpr std::size_t kKpiCount = static_cast<std::size_t>(Kpi::kCount);

/// What a KPI is called and how to read it.
struct KpiInfo {
  Kpi kpi;
  const char* key;   ///< stable identifier (plan "kpis", database column, CSV)
  const char* en;
  const char* zh;
  const char* unit;  ///< "" for counts
  bool higher_is_better;
  bool default_report;  ///< reported when the plan names no KPIs
};
/// The catalogue, in Kpi order.
const std::array<KpiInfo, kKpiCount>& kpi_catalogue();
/// The KPI with `key`, or nullptr.
const KpiInfo* find_kpi(const std::string& key);

/// One half-hour of the hotline in one run (interval k covers sim time [k, k+1) × 30 min).
struct IntervalRecord {
  std::uint32_t half_hour = 0;
  int seats = 0;         ///< scheduled seats
  int agents = 0;        ///< on the phones after shrinkage
  std::uint64_t offered = 0, answered_by_ivr = 0, answered = 0, abandoned = 0, within_sl = 0;
  double wait_answered_s = 0;  ///< Σ waits of answered calls
  std::uint64_t to_agents() const { return offered - answered_by_ivr; }
};

/// One commitment's outcome in one run.
struct CommitmentRecord {
  std::string id;
  double measured = std::numeric_limits<double>::quiet_NaN();
  int met = -1;  ///< 1 met, 0 missed, -1 not measured
  std::uint64_t incidents = 0, within_target = 0, breaches = 0;
};

/// Everything one run contributes to the study database.
struct RunRecord {
  std::uint32_t variant = 0;
  std::uint32_t replication = 0;
  std::uint64_t seed = 0;
  std::uint64_t events = 0;
  double sim_hours = 0;
  std::array<double, kKpiCount> kpi{};  ///< NaN when the run does not measure it
  std::vector<IntervalRecord> intervals;
  std::vector<CommitmentRecord> commitments;
  std::vector<std::pair<std::string, std::uint32_t>> complaints_by_reason;  ///< sorted by reason
  double value(Kpi k) const { return kpi[static_cast<std::size_t>(k)]; }
};

/// A variant made concrete: its scenario and the figures the report needs about it.
struct Variant {
  std::string id;
  LocalizedText name;
  Scenario scenario;
  std::vector<int> seats;  ///< scheduled seats per half-hour of the drill (index = half_hour)
  double agent_hours = 0;
  int crews_total = 0;     ///< own crews of every kind
  int aid_crews = 0;       ///< mutual-aid crews offered
};

/// The forecast the "erlang" seats were computed from (also shown beside the results).
struct Forecast {
  std::vector<double> calls_per_half_hour;  ///< calls reaching agents, per half-hour of the drill
  double aht_s = 0;
  std::uint32_t pilot_runs = 0;             ///< 0: given in the plan
};

/// Scheduled seats of `s` for each half-hour of its drill (the hotline's own rule: local
/// half-hours since midnight of the start day, the list repeating).
std::vector<int> seats_by_half_hour(const Scenario& s);
/// Mean handling time of a call to agents under `s`, weighting outage calls by `outage_share`
/// and background calls by their mix (IVR self-service removed).
double blended_aht_s(const Scenario& s, double outage_share);
/// The fewest scheduled seats meeting `spec` for `calls` calls in half an hour (Erlang C for the
/// service level, Erlang A for abandonment), with the scenario's shrinkage and patience.
int erlang_seats(const ErlangSeats& spec, double calls, double aht_s, const Scenario& s);

/// The seeds of replications 0..replications-1.
std::vector<std::uint64_t> replication_seeds(const LoadedPlan& plan);
/// True when some variant needs a forecast (erlang seats) that the plan does not give.
bool needs_pilot(const StudyPlan& plan);
/// The forecast: the plan's, or the mean of pilot runs of the base scenario (deterministic, the
/// same in every shard). `stop` may end the pilot early (the forecast is then empty).
Forecast make_forecast(const LoadedPlan& plan, const std::atomic<bool>* stop = nullptr);
/// Every variant of the plan (explicit, or the factors' cross product, first factor slowest),
/// applied to the base scenario. Seats from Erlang use `forecast`.
std::vector<Variant> expand_variants(const LoadedPlan& plan, const Forecast& forecast);
/// Index of the baseline variant.
std::uint32_t baseline_index(const StudyPlan& plan, const std::vector<Variant>& variants);

/// A run of the study: variant and replication. Runs are numbered replication-major
/// (index = replication × variants + variant) so a partial study holds whole replications.
struct RunKey {
  std::uint32_t variant = 0, replication = 0;
  auto operator<=>(const RunKey&) const = default;
};
/// The runs of shard k of n (1 <= k <= n): those whose index ≡ k − 1 (mod n).
std::vector<RunKey> shard_runs(std::uint32_t variants, std::uint32_t replications, std::uint32_t k, std::uint32_t n);

/// Runs one variant with one seed to its end and extracts its record.
RunRecord run_one(const Variant& variant, std::uint32_t variant_index, std::uint32_t replication, std::uint64_t seed);

/// Runs `runs` on `threads` worker threads. `on_done` is called for each finished run, one call
/// at a time (serialised), in completion order; `stop` (may be null) stops taking new runs, and
/// the runs in progress finish. Returns the number of runs finished.
std::size_t run_parallel(const std::vector<Variant>& variants, const std::vector<std::uint64_t>& seeds,
                         const std::vector<RunKey>& runs, unsigned threads,
                         const std::function<void(RunRecord&&)>& on_done, const std::atomic<bool>* stop);

/// Mean and two-sided 95 % confidence interval (Student t) of a sample; NaN values are skipped.
struct Interval {
  std::size_t n = 0;
  double mean = std::numeric_limits<double>::quiet_NaN();
  double half_width = std::numeric_limits<double>::quiet_NaN();  ///< NaN when n < 2
  double lo() const { return mean - half_width; }
  double hi() const { return mean + half_width; }
};
/// Mean and 95 % interval of `values`.
Interval mean_interval(const std::vector<double>& values);
/// Two-sided 97.5 % quantile of Student's t with `dof` degrees of freedom (dof >= 1).
double student_t_975(std::size_t dof);

/// Per variant and KPI: the mean with its interval and the paired difference from the baseline
/// (over the replications both have), with its interval.
struct KpiSummary {
  Interval value;
  Interval paired_difference;  ///< this variant − baseline, replication by replication
};
/// Summary of every variant (index as in `variants`) for every KPI.
std::vector<std::array<KpiSummary, kKpiCount>> summarise(const std::vector<RunRecord>& records,
                                                         std::size_t variants, std::uint32_t baseline);

}  // namespace fl::run
