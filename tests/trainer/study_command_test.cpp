// `faultline study`: the database, resuming, refusing another plan's folder, merging shards,
// and the summary and report written beside the database.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "trainer/records_db.h"
#include "trainer/study_command.h"
#include "trainer/study_report.h"

namespace fl::trainer {
namespace {

const std::string kPlan = std::string(FAULTLINE_SOURCE_DIR) + "/tests/data/studies/small_study.json";

std::string temp_dir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("faultline_study_" + name + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  return dir.string();
}

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

int study(const std::string& dir, const std::string& shard = "", std::string* err_text = nullptr) {
  StudyArgs args;
  args.plan = kPlan;
  args.out_dir = dir;
  args.quiet = true;
  args.threads = 2;
  args.shard = shard;
  std::ostringstream out, err;
  const int rc = run_study_command(args, out, err);
  if (err_text) *err_text = err.str();
  return rc;
}

TEST(StudyCommand, WritesDatabaseSummaryAndReport) {
  const std::string dir = temp_dir("full");
  ASSERT_EQ(study(dir), 0);
  StudyDb db(dir + "/study.sqlite", false);
  EXPECT_EQ(db.stored_runs().size(), 18u);
  const StudyMeta meta = db.read_meta();
  EXPECT_EQ(meta.plan_id, "small_study");
  EXPECT_EQ(meta.replications, 3u);
  EXPECT_EQ(meta.forecast.pilot_runs, 2u);
  EXPECT_EQ(meta.forecast.calls_per_half_hour.size(), 48u);
  const auto runs = db.read_runs();
  ASSERT_EQ(runs.size(), 18u);
  EXPECT_EQ(runs[0].intervals.size(), 48u);
  EXPECT_FALSE(runs[0].commitments.empty());
  const std::string csv = read(dir + "/summary.csv");
  EXPECT_EQ(csv.rfind("variant,variant_id,", 0), 0u);
  EXPECT_NE(csv.find("\n2,x2/c100,double seats · current crews,座席加倍 · 现有队伍,0,complaints,1,"), std::string::npos) << csv;
  const std::string html = read(dir + "/study.html");
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("排班方案比选"), std::string::npos);
  EXPECT_NE(html.find("Staffing study"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);  // self-contained, no script
  EXPECT_EQ(html.find("http"), std::string::npos);     // nothing fetched
  std::filesystem::remove_all(dir);
}

TEST(StudyCommand, ResumesSkippingStoredRunsAndGivesTheSameResults) {
  const std::string dir = temp_dir("resume");
  ASSERT_EQ(study(dir), 0);
  const std::string full_csv = read(dir + "/summary.csv");
  {
    RecordsDb raw(dir + "/study.sqlite", false);  // as if Ctrl-C had stopped it after 11 runs
    raw.exec("DELETE FROM runs WHERE rowid > 11");
  }
  EXPECT_EQ(StudyDb(dir + "/study.sqlite", false).stored_runs().size(), 11u);
  ASSERT_EQ(study(dir), 0);
  EXPECT_EQ(StudyDb(dir + "/study.sqlite", false).stored_runs().size(), 18u);
  EXPECT_EQ(read(dir + "/summary.csv"), full_csv);
  std::filesystem::remove_all(dir);
}

TEST(StudyCommand, RefusesAFolderHoldingAnotherPlansRuns) {
  const std::string dir = temp_dir("other");
  ASSERT_EQ(study(dir, "1/6"), 0);
  {
    RecordsDb raw(dir + "/study.sqlite", false);
    raw.exec("UPDATE meta SET value='0123456789abcdef' WHERE key='plan_fingerprint'");
  }
  std::string err;
  EXPECT_THROW(study(dir, "", &err), std::runtime_error);
  std::filesystem::remove_all(dir);
}

TEST(StudyCommand, MergedShardsEqualOneProcess) {
  const std::string single = temp_dir("single"), merged = temp_dir("merged");
  ASSERT_EQ(study(single), 0);
  StudyArgs merge;
  merge.out_dir = merged;
  for (const char* shard : {"1/3", "2/3", "3/3"}) {
    const std::string dir = temp_dir(std::string("shard") + shard[0]);
    ASSERT_EQ(study(dir, shard), 0);
    EXPECT_EQ(StudyDb(dir + "/study.sqlite", false).stored_runs().size(), 6u);
    merge.merge_dirs.push_back(dir);
  }
  std::ostringstream out, err;
  ASSERT_EQ(run_study_merge(merge, out, err), 0) << err.str();
  EXPECT_NE(out.str().find("merged 18 runs from 3 shard(s)"), std::string::npos) << out.str();
  EXPECT_EQ(read(merged + "/summary.csv"), read(single + "/summary.csv"));
  EXPECT_EQ(read(merged + "/study.html"), read(single + "/study.html"));
  for (const std::string& d : merge.merge_dirs) std::filesystem::remove_all(d);
  std::filesystem::remove_all(single);
  std::filesystem::remove_all(merged);
}

TEST(StudyCommand, ExplainsBadArguments) {
  unsigned k = 0, n = 0;
  std::string message;
  EXPECT_TRUE(parse_shard("2/8", k, n, message));
  EXPECT_EQ(k, 2u);
  EXPECT_FALSE(parse_shard("9/8", k, n, message));
  EXPECT_NE(message.find("found \"9/8\", expected k/n"), std::string::npos);
  StudyArgs args;
  args.plan = std::string(FAULTLINE_SOURCE_DIR) + "/tests/data/no_such_plan.json";
  std::ostringstream out, err;
  EXPECT_EQ(run_study_command(args, out, err), 1);
  EXPECT_NE(err.str().find("no_such_plan.json: cannot open the file"), std::string::npos) << err.str();
}

}  // namespace
}  // namespace fl::trainer
