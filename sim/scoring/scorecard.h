#pragma once
/// \file The scoring part of the scorecard: run facts, commitments, grade, headline, baseline,
/// important customers, computed from a finished Simulator. Keys and their
/// meaning: scenarios/docs/scorecard.md.
#include <cstdint>
#include <optional>
#include <vector>

#include "sim/core/json_writer.h"
#include "sim/scoring/scoring.h"

namespace fl {
class Simulator;
}

namespace fl::scoring {

/// The figures a run is compared on with its automatic-dispatcher baseline.
struct RunTotals {
  double customer_hours = 0;             ///< Σ customers out × time, from the restoration curve
  std::optional<double> complaints;      ///< complaints in the run (empty: hotline reports none)
  std::uint64_t commitments_met = 0;
  std::uint64_t commitments_measured = 0;
  std::optional<double> grade;           ///< composite grade score 0..100
};

/// Computes the totals of `sim` as it stands (normally after run_to_end()).
RunTotals run_totals(const Simulator& sim);

/// A finished run's scored figures, typed (what the scorecard's "commitments", "grade" and
/// "headline" sections are written from), for studies that need them without the JSON.
struct RunScore {
  RunTotals totals;
  HotlineFigures hotline;
  ReliabilityFigures reliability;
  double peak_customers_out = 0;
  std::vector<CommitmentResult> commitments;
  Grade grade;
};
/// Scores `sim` as it stands (normally after run_to_end()).
RunScore score_run(const Simulator& sim);

/// Writes the keys "run", "commitments", "grade", "headline", "baseline" (only if `baseline`),
/// "important_summary" and "important_customers" (the worst 50; every one, and every complaint's
/// clocks, are in the run's details: sim/run/details.h) into the scorecard object being written.
void write_scoring_sections(JsonWriter& w, const Simulator& sim, const std::optional<RunTotals>& baseline);

}  // namespace fl::scoring
