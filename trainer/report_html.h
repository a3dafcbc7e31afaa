#pragma once
/// \file Internal to the report: HTML escaping, number formatting and the report's context
/// (language, local clock, chart window), shared by report.cpp and report_debrief.cpp.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "trainer/debrief/aar.h"
#include "trainer/debrief/counterfactual.h"
#include "trainer/debrief/debrief.h"
#include "trainer/debrief/text.h"
#include "trainer/report_strings.h"

namespace fl::trainer::html {

/// Escapes &, <, > and " for HTML text and attributes.
std::string esc(std::string_view s);
/// `v` with `decimals` digits; whole numbers ≥ 10,000 grouped ("—" for NaN/inf).
inline std::string num(double v, int decimals = 0) { return debrief::format_number(v, decimals); }
/// Shortest readable form: integers without decimals, else up to 2.
std::string num_auto(double v);
/// One decimal, for SVG coordinates.
std::string f1(double v);
/// Replaces {0}, {1}, ... in `text`.
std::string fill(std::string text, const std::vector<std::string>& args);

/// Rows of one table in the appendix (decisions.html) at most: a province's automatic dispatcher
/// gives hundreds of thousands of commands, which a browser cannot open; all are in details.sqlite.
inline constexpr std::size_t kAppendixRows = 5000;

/// The report's context: language and local clock.
struct Ctx {
  std::string lang;
  debrief::Clock clk;
  double end_hours = 0;
  /// The charts' time window: the drill, extended until the last customer had supply again. The
  /// complaint follow-up after it (days of quiet) would squeeze the storm into a sliver.
  double view_hours = 0;
  std::string t(std::string_view key) const { return report_text(key, lang); }
  /// "09-15 14:30" local time for hours since the start (or "+14.5 h" without a start time).
  std::string clock(double hours) const { return clk.at(hours); }
  std::string duration_hours(double hours) const { return debrief::format_hours(hours, lang); }
  /// A finding in this report's language, escaped.
  std::string say(const debrief::Finding& f) const { return esc(debrief::render(f, lang, clk)); }
  std::string name(const std::string& n) const { return esc(debrief::localise_name(n, lang)); }
  /// The line under a top-N table that says how many rows it leaves out ("… and 1,234 more");
  /// empty when none.
  std::string more(std::size_t left_out) const;
};

}  // namespace fl::trainer::html

/// The report's sections drawn from the debrief (report_debrief.cpp).
namespace fl::trainer::sections {
/// Why this run differs from the automatic dispatcher's, from the run's data.
std::string baseline_explained(const html::Ctx& c, const debrief::Debrief& d);
/// The after-action review: overview, objectives rated, strengths, areas for improvement, plan.
std::string review(const html::Ctx& c, const debrief::Debrief& d, const debrief::Review& r);
/// The decisions that gained or cost most, and the outages restored later than the baseline.
std::string decision_costs(const html::Ctx& c, const debrief::Debrief& d, const std::vector<debrief::DecisionCost>* costs);
/// The outage map and the table of the worst `max_rows` outages (a note says what is left out,
/// linking to `href` when not empty).
std::string outages(const html::Ctx& c, const debrief::Debrief& d, const std::string& href, std::size_t max_rows);
/// The trainee's calls' transcripts (checkpoints and violations marked, then what was missed and
/// what followed): at most `max_calls`, with a note linking to `href` for the rest.
std::string call_transcripts(const html::Ctx& c, const debrief::Debrief& d, std::size_t max_calls, const std::string& href);
/// Commands in plain terms: the trainee's only, or all; at most `max_rows`, with a note (and,
/// when `href` is empty — the appendix —, where the rest are: details.sqlite).
std::string decision_table(const html::Ctx& c, const debrief::Debrief& d, bool trainee_only, std::size_t max_rows,
                           const std::string& href);
}  // namespace fl::trainer::sections
