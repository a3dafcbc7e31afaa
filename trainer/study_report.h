#pragma once
/// \file The study's outputs from its stored records: summary.csv (per variant and KPI: mean,
/// 95 % interval, paired difference from the baseline with its interval) and study.html (one
/// self-contained page with inline SVG, English and zh-CN switchable without script).
#include <string>
#include <vector>

#include "sim/run/study.h"
#include "trainer/records_db.h"

namespace fl::trainer {

/// summary.csv: one row per variant and KPI of the catalogue (reported ones first, flagged).
std::string render_summary_csv(const StudyMeta& meta, const std::vector<StoredVariant>& variants,
                               const std::vector<run::RunRecord>& runs);
/// study.html, opening in `language` ("zh" or "en").
std::string render_study_html(const StudyMeta& meta, const std::vector<StoredVariant>& variants,
                              const std::vector<run::RunRecord>& runs, const std::string& language);

/// Per variant and half-hour: simulated service level (pooled over runs: answered within the
/// threshold / calls to agents) and the Erlang C prediction for the same seats and mean calls.
struct HalfHourComparison {
  double calls = 0;          ///< mean calls to agents
  double agents = 0;
  double simulated_pct = std::numeric_limits<double>::quiet_NaN();
  double erlang_c_pct = std::numeric_limits<double>::quiet_NaN();
};
/// The comparison for variant `v` (index into the stored variants).
std::vector<HalfHourComparison> compare_with_erlang(const StudyMeta& meta, const std::vector<run::RunRecord>& runs,
                                                    std::uint32_t v);

}  // namespace fl::trainer
