#pragma once
/// \file Scoring a run against its commitment set, and the composite grade. Pure functions over
/// plain records (RepairRecord, ComplaintRecord, hotline and reliability figures) so tests can
/// build a run by hand and check every number. Field meanings: scenarios/docs/scorecard.md.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sim/core/calendar.h"
#include "sim/core/json_writer.h"
#include "sim/core/records.h"
#include "sim/scoring/commitment_set.h"

namespace fl::scoring {

/// One half-hour of the hotline as the hotline reports it. Service levels are fractions 0..1.
struct HotlineInterval {
  double start_hours = 0;
  double offered = 0;
  double answered = 0;
  double abandoned = 0;
  std::optional<double> service_level_20s;
  std::optional<double> service_level_5_rings;
  std::optional<double> asa_s;
};

/// Whole-run hotline figures (scorecard "hotline"); absent values stay empty, never invented.
struct HotlineFigures {
  std::optional<double> offered, answered, abandoned, answered_by_ivr;
  std::optional<double> service_level_20s, service_level_5_rings, asa_s;
  std::vector<HotlineInterval> intervals;
};

/// Reliability figures from the world (scorecard "reliability"); ASAI as a fraction 0..1.
struct ReliabilityFigures {
  std::optional<double> asai;        ///< all customers
  std::optional<double> asai_urban;  ///< urban customers only, if the world reports it
};

/// Everything the commitments are scored from. Spans must outlive the call.
struct ScoringInputs {
  std::span<const RepairRecord> repairs;
  std::span<const ComplaintRecord> complaints;
  const WorkingCalendar* calendar = nullptr;  ///< required for working-day measures
  Time end = 0;                               ///< end of the run: open cases are judged here
  std::optional<HotlineFigures> hotline;      ///< empty: the hotline reports nothing
  ReliabilityFigures reliability;
};

/// One case that missed its commitment.
struct Breach {
  Time when = 0;          ///< when the limit passed (deadline), sim ms
  std::string subject;    ///< "fault 12", "complaint 4 (customer 881)", "calls +10:00 to +10:30"
  double by = 0;          ///< how far over, in the measure's unit (working days for _working_days)
  std::optional<double> by_hours;  ///< how far over in hours, where time applies
  std::string terrain;    ///< urban / rural / remote for terrain measures
  std::uint64_t count = 1;  ///< cases this entry stands for (calls in a half-hour; else 1)
  bool open_at_end = false; ///< the case was still open when the run ended
};

/// The outcome of one commitment.
struct CommitmentResult {
  std::string id, text_en, text_zh, measure, basis, unit;
  bool by_terrain = false;
  bool higher_is_better = false;
  double target = -1;                   ///< single target, when !by_terrain
  std::array<double, 3> targets{-1, -1, -1};  ///< urban, rural, remote
  /// "mean", "max", "share_within_target_pct", "asa_s", "asai_pct" or "" when not measured.
  std::string statistic;
  std::optional<double> measured;       ///< single figure (or the overall one for terrain measures)
  std::array<std::optional<double>, 3> measured_by_terrain;
  std::array<std::uint64_t, 3> incidents_by_terrain{0, 0, 0};
  std::uint64_t incidents = 0;          ///< cases judged (closed, or open past their limit)
  std::uint64_t within_target = 0;
  std::uint64_t open_at_end = 0;        ///< judged cases still open at the end (lower bounds)
  std::uint64_t pending = 0;            ///< open cases whose limit had not yet passed: not judged
  double min_share_pct = 100;
  std::optional<bool> met;              ///< empty: not measured
  std::optional<double> score;          ///< 0..100, the grade's per-commitment score
  std::string note;                     ///< why not measured, or what the figure stands for
  std::vector<Breach> breaches;         ///< all breaches, by time then subject
  /// Arrival commitments with a storm pause: the figures of each clock. `clock` names the graded
  /// one ("as_written" or "paused"); measured, met, score and breaches above are that clock's.
  struct Clock {
    std::optional<double> measured;
    std::uint64_t incidents = 0, within_target = 0, breaches = 0;
    std::optional<bool> met;
    std::optional<double> score;
    double paused_minutes = 0;  ///< total minutes taken off the clocks (0 as written)
  };
  std::string clock;                    ///< "" (no storm pause), "as_written" or "paused"
  std::optional<Clock> as_written, paused;
  /// Set when the total is known but the list is only indicative (hotline half-hours judged by
  /// their 20 s service level because the hotline reports 5 rings for the whole run only).
  std::optional<std::uint64_t> breaches_total_override;
  std::uint64_t breaches_total() const;
};

/// Scores every commitment of `set` (in the set's order).
std::vector<CommitmentResult> score_commitments(const CommitmentSet& set, const ScoringInputs& in);
/// Smallest n >= 0 with done <= calendar.add_working_days(opened, n) ("within n working days").
int working_days_taken(const WorkingCalendar& calendar, Time opened, Time done);

/// One part of the composite grade.
struct GradeComponent {
  std::string name;             ///< commitments, restoration, hotline, complaints, important_customers
  double weight = 0;            ///< nominal weight (the weights sum to 100)
  std::optional<double> score;  ///< 0..100; empty: no data, left out and the others rescaled
  std::string formula;          ///< how score follows from inputs, in words a trainer can redo
  std::vector<std::pair<std::string, double>> inputs;
};

/// The composite grade: score = Σ weight·score / Σ weight over components that have a score.
struct Grade {
  std::optional<double> score;
  std::string letter;  ///< A ≥ 85, B ≥ 70, C ≥ 55, D ≥ 40, else E; "" without a score
  std::vector<GradeComponent> components;
};

/// What the grade is computed from.
struct GradeInputs {
  std::span<const CommitmentResult> commitments;
  std::span<const RepairRecord> repairs;
  std::span<const ImportantCustomerRecord> important;
  std::optional<double> complaints;        ///< total complaints in the run
  std::optional<double> service_level_20s; ///< fraction 0..1
  std::uint64_t customers_served = 0;
  Time end = 0;
};

/// Grade letter bands and weights, in one place so docs and code agree.
constexpr double kWeightCommitments = 40, kWeightRestoration = 20, kWeightHotline = 15, kWeightComplaints = 10,
                 kWeightImportant = 15;
/// Complaints per 1,000 interrupted customers at which the complaints component reaches 0.
constexpr double kComplaintRateForZero = 20;
/// An important customer counts as looked after when its outage minutes are at most this.
constexpr double kImportantOutageLimitMin = 240;
/// Letter for a 0..100 score.
std::string grade_letter(double score);
Grade compute_grade(const GradeInputs& in);

/// Scorecard writers ("commitments" array, "grade" object).
void write_commitments(JsonWriter& w, std::span<const CommitmentResult> results, std::size_t max_breaches = 50);
void write_grade(JsonWriter& w, const Grade& grade);
/// Name of an ImportantKind for the scorecard ("hospital", "water_works", ...).
const char* important_kind_name(ImportantKind k);
/// Name of a Terrain ("urban", "rural", "remote", "water").
const char* terrain_name(Terrain t);

/// Reads the hotline's and the world's scorecard sections (JSON text of one object); missing keys
/// stay empty. Service levels given as percentages (> 1) are converted to fractions.
HotlineFigures hotline_figures_from_json(const std::string& json_object);
ReliabilityFigures reliability_from_json(const std::string& json_object);

}  // namespace fl::scoring
