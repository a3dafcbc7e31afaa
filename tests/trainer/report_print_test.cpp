// The default drill's report printed by headless Chromium, as a trainer would print it: at most
// 8 A4 pages in either language, text on every page. Skips when Chromium or poppler is absent.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

#include "trainer/headless.h"

namespace fl::trainer {
namespace {

bool have(const char* program) {
  const std::string cmd = std::string("command -v ") + program + " >/dev/null 2>&1";
  return std::system(cmd.c_str()) == 0;
}

std::string chromium() {
  for (const char* name : {"chromium", "chromium-browser", "google-chrome"})
    if (have(name)) return name;
  return {};
}

std::string run_capture(const std::string& cmd) {
  std::string out;
  if (FILE* p = popen(cmd.c_str(), "r")) {
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
    pclose(p);
  }
  return out;
}

class ReportPrint : public ::testing::TestWithParam<const char*> {};

TEST_P(ReportPrint, DefaultDrillPrintsOnAtMostEightA4PagesWithTextOnEach) {
  const std::string browser = chromium();
  if (browser.empty() || !have("pdfinfo") || !have("pdftotext")) GTEST_SKIP() << "chromium or poppler-utils not installed";
  const std::string lang = GetParam();
  const auto dir = std::filesystem::temp_directory_path() / ("faultline_print_" + lang + "_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  Scenario scenario;
  Problems problems;
  ASSERT_TRUE(load_scenario(std::string(FAULTLINE_SOURCE_DIR) + "/scenarios/coastal_city.json", scenario, problems));
  HeadlessOptions options;
  options.out_dir = dir.string();
  options.language = lang;
  options.progress = false;
  const HeadlessResult result = run_headless(scenario, options);
  // The appendix is written beside the report, and the report links to it.
  ASSERT_TRUE(std::filesystem::exists(dir / "decisions.html"));
  std::ifstream in(result.report_path);
  std::stringstream html;
  html << in.rdbuf();
  EXPECT_NE(html.str().find("href=\"decisions.html"), std::string::npos);

  const std::string pdf = (dir / "report.pdf").string();
  const std::string print = browser + " --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf=" + pdf +
                            " file://" + result.report_path + " >/dev/null 2>&1";
  ASSERT_EQ(std::system(print.c_str()), 0) << print;
  const std::string info = run_capture("pdfinfo " + pdf);
  const auto at = info.find("Pages:");
  ASSERT_NE(at, std::string::npos) << info;
  const int pages = std::stoi(info.substr(at + 6));
  EXPECT_GE(pages, 3);
  EXPECT_LE(pages, 8) << lang << " report prints on " << pages << " pages";
  EXPECT_NE(info.find("(A4)"), std::string::npos) << "the page size: " << info;
  for (int p = 1; p <= pages; ++p) {
    const std::string text =
        run_capture("pdftotext -f " + std::to_string(p) + " -l " + std::to_string(p) + " -layout " + pdf + " -");
    std::size_t visible = 0;
    for (unsigned char ch : text) visible += (ch > ' ') ? 1 : 0;
    EXPECT_GT(visible, 200u) << lang << " page " << p << " has almost no text";
  }
  std::filesystem::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(BothLanguages, ReportPrint, ::testing::Values("en", "zh"));

}  // namespace
}  // namespace fl::trainer
