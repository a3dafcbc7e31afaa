#pragma once
/// \file The after-action report: one self-contained HTML file (inline SVG and CSS, no scripts),
/// and its appendix (the full decision log and outage list) in a second file beside it.
#include <string>
#include <vector>

#include "trainer/debrief/aar.h"
#include "trainer/debrief/counterfactual.h"
#include "trainer/debrief/debrief.h"

namespace fl::run {
struct RunDetails;
}

namespace fl::trainer {

/// What the report shows beyond the scorecard: the debrief built from the run (outages,
/// decisions in plain terms, the review) and, for a trainee session, the decisions' costs.
struct ReportExtras {
  const debrief::Debrief* debrief = nullptr;                 ///< required for the review and outages
  /// The run's per-entity rows (in memory, or read from details.sqlite): every decision, crew
  /// segment, complaint and important customer. Null: the report shows what the scorecard holds
  /// (counts and the worst important customers; scorecards written before details.sqlite still
  /// carry their arrays and are read as before).
  const run::RunDetails* details = nullptr;
  const std::vector<debrief::DecisionCost>* costs = nullptr;  ///< null: not weighed
  std::string appendix_href = "decisions.html";              ///< the appendix, relative to the report
};

/// Renders the report of a finished run from its scorecard JSON alone (no details: see
/// ReportExtras) in `language` ("en" or "zh") as an HTML document.
std::string render_report(const std::string& scorecard_json, const std::string& language);
/// The full report: the scorecard's sections plus the review, outage table and map, decision
/// costs and the comparison with the automatic dispatcher from `extras`.
std::string render_report(const std::string& scorecard_json, const std::string& language, const ReportExtras& extras);
/// The appendix: every command in plain terms and every outage with its times and delay split.
std::string render_appendix(const debrief::Debrief& debrief, const std::string& language);

/// Renders the report of the output folder `dir` from its scorecard.json and details.sqlite.
/// Throws std::runtime_error naming the file when either is missing or unreadable.
std::string render_report_from_folder(const std::string& dir, const std::string& language);

/// Writes DIR/report.html and DIR/decisions.html atomically. Throws std::runtime_error naming the
/// path when a file cannot be written.
void write_report_files(const std::string& dir, const std::string& scorecard_json, const std::string& language,
                        const ReportExtras& extras);

}  // namespace fl::trainer
