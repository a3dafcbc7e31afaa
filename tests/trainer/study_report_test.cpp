#include "trainer/study_report.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace fl::trainer {
namespace {

/// A run of `variant`, replication `rep`, with the given complaints by reason (their sum is the
/// complaints KPI) and calls answered.
run::RunRecord record(std::uint32_t variant, std::uint32_t rep, std::vector<std::pair<std::string, std::uint32_t>> reasons,
                      double answered) {
  run::RunRecord r;
  r.variant = variant;
  r.replication = rep;
  r.seed = rep + 1;
  for (double& k : r.kpi) k = 0;
  double total = 0;
  for (const auto& [reason, count] : reasons) total += count;
  r.kpi[static_cast<std::size_t>(run::Kpi::kComplaints)] = total;
  r.kpi[static_cast<std::size_t>(run::Kpi::kCallsAnswered)] = answered;
  r.complaints_by_reason = std::move(reasons);
  return r;
}

/// The English text of the "why complaints moved" list (empty when the page has none).
std::string why_section(const std::string& html) {
  const auto start = html.find("Why complaints moved");
  if (start == std::string::npos) return {};
  return html.substr(start, html.find("</ul>", start) - start);
}

class StudyReportWhy : public ::testing::Test {
 protected:
  StudyMeta meta;
  std::vector<StoredVariant> variants{{"current", "current", "现行", 100, 10, 0, 0, 0},
                                      {"plus50", "more seats", "增加座席", 150, 10, 0, 0, 0},
                                      {"same", "same", "相同", 100, 10, 0, 0, 0}};
  std::vector<run::RunRecord> runs;

  void SetUp() override {
    meta.plan_id = "p";
    meta.plan_name_en = meta.plan_name_zh = "plan";
    meta.scenario = "s";
    meta.baseline = 0;
    meta.replications = 4;
    // Baseline: 10 restore_late, 4 abandoned_call, 500 answered per run (with some spread).
    // plus50: restore_late +3, abandoned_call -1, 50 more answered: complaints +2 per run.
    // same: the baseline's own numbers: no difference to explain.
    for (std::uint32_t rep = 0; rep < 4; ++rep) {
      runs.push_back(record(0, rep, {{"abandoned_call", 4}, {"restore_late", 10 + rep}}, 500 + rep));
      runs.push_back(record(1, rep, {{"abandoned_call", 3}, {"restore_late", 13 + rep + rep % 2}}, 550 + rep));
      runs.push_back(record(2, rep, {{"abandoned_call", 4}, {"restore_late", 10 + rep}}, 500 + rep));
    }
  }
};

TEST_F(StudyReportWhy, NamesTheTriggersThatMovedAndTheAnsweredCallsBehindThem) {
  const std::string why = why_section(render_study_html(meta, variants, runs, "en"));
  ASSERT_FALSE(why.empty());
  // Paired means: restore_late +3.5 (+3, +4, +3, +4), abandoned_call -1; complaints +2.5.
  EXPECT_NE(why.find("plus50: complaints +2.5 per run"), std::string::npos) << why;
  EXPECT_NE(why.find("restoration late +3.5"), std::string::npos) << why;
  EXPECT_NE(why.find("gave up waiting \u22121.0"), std::string::npos) << why;
  EXPECT_NE(why.find("It answered 50 more calls per run"), std::string::npos) << why;
  // The variant identical to the baseline has nothing to explain.
  EXPECT_EQ(why.find("same:"), std::string::npos) << why;
}

TEST_F(StudyReportWhy, SaysNothingWhenNoVariantMovesComplaints) {
  runs.erase(std::remove_if(runs.begin(), runs.end(), [](const run::RunRecord& r) { return r.variant == 1; }),
             runs.end());
  variants.erase(variants.begin() + 1);
  for (run::RunRecord& r : runs)
    if (r.variant == 2) r.variant = 1;
  EXPECT_TRUE(why_section(render_study_html(meta, variants, runs, "en")).empty());
}

TEST_F(StudyReportWhy, ExplainsInChineseToo) {
  const std::string html = render_study_html(meta, variants, runs, "zh");
  EXPECT_NE(html.find("投诉变化的原因"), std::string::npos);
  EXPECT_NE(html.find("每次运行多接通 50 个来电"), std::string::npos);
}

}  // namespace
}  // namespace fl::trainer
