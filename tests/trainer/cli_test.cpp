// The command line as a user meets it: help text, exit codes, files written, problems explained.
#include "trainer/cli.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace fl::trainer {
namespace {

struct CliResult {
  int code = 0;
  std::string out, err;
};

CliResult cli(std::vector<std::string> args) {
  args.insert(args.begin(), "faultline");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  testing::internal::CaptureStdout();
  testing::internal::CaptureStderr();
  CliResult r;
  r.code = run_cli(static_cast<int>(argv.size()), argv.data());
  r.out = testing::internal::GetCapturedStdout();
  r.err = testing::internal::GetCapturedStderr();
  return r;
}

std::string scenario(const char* name) { return std::string(FAULTLINE_SOURCE_DIR) + "/scenarios/" + name; }
std::string fixture(const char* name) { return std::string(FAULTLINE_SOURCE_DIR) + "/tests/data/" + name; }

std::string temp_dir(const char* name) {
  const auto dir = std::filesystem::temp_directory_path() / (std::string("faultline_cli_") + name);
  std::filesystem::remove_all(dir);
  return dir.string();
}

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(Cli, HelpListsTheCommands) {
  const CliResult r = cli({"--help"});
  EXPECT_EQ(r.code, 0);
  for (const char* command : {"run", "validate", "storm", "replay", "report"}) EXPECT_NE(r.out.find(command), std::string::npos) << command;
  const CliResult run_help = cli({"run", "--help"});
  EXPECT_EQ(run_help.code, 0);
  for (const char* option : {"--headless", "--seed", "--out"}) EXPECT_NE(run_help.out.find(option), std::string::npos) << option;
}

TEST(Cli, UnknownCommandIsAUsageError) {
  const CliResult r = cli({"fly"});
  EXPECT_EQ(r.code, 109 /* CLI11 ExtrasError */) << r.err;
}

TEST(Cli, ValidatePrintsOkForTheDefaultScenario) {
  const CliResult r = cli({"validate", scenario("coastal_city.json"), "--log-level", "off"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "OK\n");
}

TEST(Cli, ValidateExplainsABrokenScenario) {
  const std::string dir = temp_dir("validate");
  std::filesystem::create_directories(dir);
  const std::string path = dir + "/broken.json";
  std::ofstream(path) << R"({"version": 1, "id": "b", "start": {"local": "2024-09-13T16:00"}, "duration_hours": "long"})";
  const CliResult r = cli({"validate", path, "--log-level", "off"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find(path + ": duration_hours: found the string \"long\", expected a number"), std::string::npos) << r.err;
}

TEST(Cli, ValidateChecksCommitmentSets) {
  const CliResult ok = cli({"validate", scenario("commitments/regulator_2005.json"), "--log-level", "off"});
  EXPECT_EQ(ok.code, 0) << ok.err;
  EXPECT_EQ(ok.out, "OK\n");
  const std::string dir = temp_dir("commitment_set");
  std::filesystem::create_directories(dir);
  const std::string path = dir + "/mine.json";
  std::ofstream(path) << R"({"version": 1, "id": "mine", "commitments": "none"})";
  const CliResult bad = cli({"validate", "--commitment-set", path, "--log-level", "off"});
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.err.find(path + ": commitments: found the string \"none\", expected a list"), std::string::npos) << bad.err;
}

TEST(Cli, HeadlessRunWritesTheScorecardContract) {
  const std::string out = temp_dir("run");
  const CliResult r = cli({"run", fixture("small_storm.json"), "--headless", "--seed", "5", "--out", out, "--log-level", "off"});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string card = read(out + "/scorecard.json");
  // The foundation contract: these keys, in this order, at the top.
  std::size_t at = 0;
  for (const char* key : {"\"scenario\": \"small_storm\"", "\"seed\": 5", "\"sim_hours\":", "\"events\":",
                          "\"commitments\":", "\"reliability\":", "\"hotline\":", "\"complaints\":", "\"restoration_curve\":"}) {
    const std::size_t found = card.find(key, at);
    ASSERT_NE(found, std::string::npos) << key << "\n" << card.substr(0, 400);
    at = found;
  }
  EXPECT_TRUE(std::filesystem::exists(out + "/report.html"));
  EXPECT_TRUE(std::filesystem::exists(out + "/session.json"));
  EXPECT_TRUE(std::filesystem::exists(out + "/details.sqlite"));
  EXPECT_NE(r.out.find("details:   " + out + "/details.sqlite"), std::string::npos) << r.out;
  // The folder's report again, from its two files.
  const CliResult again = cli({"report", out, "--lang", "zh", "--out", out + "/report_zh.html", "--log-level", "off"});
  EXPECT_EQ(again.code, 0) << again.err;
  EXPECT_NE(read(out + "/report_zh.html").find("<html lang=\"zh-CN\""), std::string::npos);
  EXPECT_NE(r.out.find("scorecard: " + out + "/scorecard.json"), std::string::npos) << r.out;

  const CliResult replay = cli({"replay", out + "/session.json", "--verify", "--out", out + "/replay", "--log-level", "off"});
  EXPECT_EQ(replay.code, 0) << replay.err;
  EXPECT_NE(replay.out.find("verified"), std::string::npos);
}

TEST(Cli, ReportOfAFolderWithBrokenDetailsNamesTheFile) {
  const std::string out = temp_dir("broken_details");
  std::filesystem::create_directories(out);
  std::ofstream(out + "/scorecard.json") << R"({"scenario": "x", "sim_hours": 1})";
  std::ofstream(out + "/details.sqlite") << "not a database";
  const CliResult r = cli({"report", out, "--out", out + "/r.html", "--log-level", "off"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find(out + "/details.sqlite"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(out + "/r.html"));
  std::filesystem::remove(out + "/details.sqlite");
  const CliResult missing = cli({"report", out, "--out", out + "/r.html", "--log-level", "off"});
  EXPECT_EQ(missing.code, 1);
  EXPECT_NE(missing.err.find(out + "/details.sqlite: no such file"), std::string::npos) << missing.err;
}

TEST(Cli, MissingScenarioFileIsExplained) {
  const CliResult r = cli({"run", "/nonexistent/x.json", "--headless", "--log-level", "off"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("/nonexistent/x.json: cannot open the file"), std::string::npos) << r.err;
}

TEST(Cli, CorruptSessionIsExplained) {
  const std::string dir = temp_dir("session");
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/s.json") << "{\"faultline_session\": {\"version\": 1, \"seed\": ";
  const CliResult r = cli({"replay", dir + "/s.json", "--log-level", "off"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find(dir + "/s.json: malformed JSON"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace fl::trainer
