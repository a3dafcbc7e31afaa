#include "trainer/storm_command.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace fl::trainer {
namespace {

namespace fs = std::filesystem;

/// A scenario folder in the test's temp dir with the commitment set the loader checks for.
fs::path make_dir(const std::string& name) {
  const fs::path dir = fs::path(::testing::TempDir()) / ("faultline_storm_" + name);
  fs::create_directories(dir / "commitments");
  fs::copy_file(fs::path(FAULTLINE_SOURCE_DIR) / "scenarios/commitments/sgcc_2023.json",
                dir / "commitments/sgcc_2023.json", fs::copy_options::overwrite_existing);
  return dir;
}

std::string write_scenario(const std::string& name, const std::string& typhoon_section) {
  const fs::path dir = make_dir(name);
  const fs::path file = dir / "scenario.json";
  std::ofstream(file) << R"({"version": 1, "id": "storm_test", "start": {"local": "2024-09-15T06:00"},
    "duration_hours": 72)" << typhoon_section << "}\n";
  return file.string();
}

// The eye moves east along y = 0 from x = -1000 km at 0 h to +1000 km at 100 h (20 km/h) and
// passes x = 0 at 50 h; Δp = 60 hPa, Rmax 30 km. The run lasts 72 h.
const char* kEastbound = R"(, "typhoon": {"name": "Eastbound", "ambient_pressure_hpa": 1010, "track": [
    {"time_h": 0, "x_km": -1000, "y_km": 0, "central_pressure_hpa": 950, "rmax_km": 30, "holland_b": 1.4},
    {"time_h": 100, "x_km": 1000, "y_km": 0, "central_pressure_hpa": 950, "rmax_km": 30, "holland_b": 1.4}]})";

struct Row {
  std::string local;
  double hours, distance_km, wind, gust;
  std::string level;
};

std::vector<Row> parse_csv(const std::string& text, std::string& header) {
  std::istringstream in(text);
  std::getline(in, header);
  std::vector<Row> rows;
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    Row r;
    std::string cell;
    std::getline(fields, r.local, ',');
    std::getline(fields, cell, ',');
    r.hours = std::stod(cell);
    std::getline(fields, cell, ',');
    r.distance_km = std::stod(cell);
    std::getline(fields, cell, ',');
    r.wind = std::stod(cell);
    std::getline(fields, cell, ',');
    r.gust = std::stod(cell);
    std::getline(fields, r.level, ',');
    rows.push_back(r);
  }
  return rows;
}

int rank(const std::string& level) {
  const char* order[] = {"none", "blue", "yellow", "orange", "red"};
  for (int i = 0; i < 5; ++i)
    if (level == order[i]) return i;
  ADD_FAILURE() << "unknown level " << level;
  return -1;
}

TEST(StormCommand, CsvPeaksWhenTheEyePassesAndLevelsRiseThenFall) {
  StormArgs args;
  args.scenario = write_scenario("csv", kEastbound);
  args.at = "0,20000";  // 20 km north of the track (its left side)
  args.every_min = 60;
  args.csv = true;
  std::ostringstream out, err;
  ASSERT_EQ(run_storm_command(args, out, err), 0) << err.str();
  std::string header;
  const std::vector<Row> rows = parse_csv(out.str(), header);
  EXPECT_EQ(header, "local_time,hours,distance_km,wind_1min_mps,gust_mps,warning");
  ASSERT_EQ(rows.size(), 73u);  // 0..72 h hourly
  EXPECT_EQ(rows[0].local, "09-15 06:00");
  EXPECT_EQ(rows[18].local, "09-16 00:00");
  EXPECT_EQ(rows[72].local, "09-18 06:00");
  EXPECT_NEAR(rows[0].distance_km, std::hypot(1000.0, 20.0), 0.05);
  EXPECT_NEAR(rows[50].distance_km, 20.0, 0.05);
  EXPECT_NEAR(rows[55].distance_km, std::hypot(100.0, 20.0), 0.05);

  std::size_t peak = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_NEAR(rows[i].hours, static_cast<double>(i), 1e-9);
    EXPECT_NEAR(rows[i].gust, rows[i].wind * 1.49, 0.05 * 1.49 + 0.05 + 1e-9) << "inland gust factor, row " << i;
    if (rows[i].gust > rows[peak].gust) peak = i;
  }
  // The strongest wind is within Rmax/speed (1.5 h) of the closest approach, rounded to the hour.
  EXPECT_LE(std::abs(rows[peak].hours - 50.0), 2.0) << "peak at " << rows[peak].hours << " h";
  // Δp 60 hPa gives well over the red thresholds near the core.
  EXPECT_GT(rows[peak].wind, 32.7);
  EXPECT_EQ(rows[peak].level, "red");
  EXPECT_EQ(rows[0].level, "none");  // 1000 km away: even blue-strength winds are > 24 h off
  for (std::size_t i = 1; i < rows.size(); ++i) {
    if (i <= peak)
      EXPECT_GE(rank(rows[i].level), rank(rows[i - 1].level)) << "row " << i;
    else
      EXPECT_LE(rank(rows[i].level), rank(rows[i - 1].level)) << "row " << i;
  }
  // Red is a 6-hour-ahead signal: it cannot start more than 6 h before the first red-strength
  // row (gust >= 41.5 or 1-min >= 32.7 m/s).
  std::size_t first_red = rows.size(), first_red_wind = rows.size();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (first_red == rows.size() && rows[i].level == "red") first_red = i;
    if (first_red_wind == rows.size() && (rows[i].gust >= 41.5 || rows[i].wind >= 32.7)) first_red_wind = i;
  }
  ASSERT_LT(first_red_wind, rows.size());
  EXPECT_LE(first_red_wind - first_red, 6u);
  EXPECT_GE(first_red_wind - first_red, 5u);  // hourly rows vs a 15-min forecast grid
}

TEST(StormCommand, TableIsReadableAndEveryControlsTheRows) {
  StormArgs args;
  args.scenario = write_scenario("table", kEastbound);
  args.at = "0,-20000";
  args.every_min = 180;
  std::ostringstream out, err;
  ASSERT_EQ(run_storm_command(args, out, err), 0) << err.str();
  const std::string text = out.str();
  EXPECT_NE(text.find("Eastbound"), std::string::npos);
  EXPECT_NE(text.find("1-min"), std::string::npos);
  EXPECT_NE(text.find("09-16 06:00"), std::string::npos);  // 24 h is a multiple of 3 h
  std::size_t lines = 0;
  for (char c : text) lines += c == '\n';
  EXPECT_EQ(lines, 2u + 25u);  // title, column heads, rows at 0, 3, ..., 72 h
}

TEST(StormCommand, ADepotNameIsTheSameAsItsCoordinates) {
  const std::string with_depot = std::string(kEastbound) +
                                 R"(, "crews": {"depots": [{"name": "North depot", "x_km": 10, "y_km": 20}]})";
  StormArgs by_name;
  by_name.scenario = write_scenario("named", with_depot);
  by_name.at = "North depot";
  by_name.csv = true;
  StormArgs by_xy = by_name;
  by_xy.at = "10000,20000";
  std::ostringstream out1, out2, err;
  ASSERT_EQ(run_storm_command(by_name, out1, err), 0) << err.str();
  ASSERT_EQ(run_storm_command(by_xy, out2, err), 0) << err.str();
  EXPECT_EQ(out1.str(), out2.str());
  StormArgs unknown = by_name;
  unknown.at = "South depot";
  std::ostringstream out3, err3;
  EXPECT_EQ(run_storm_command(unknown, out3, err3), 1);
  EXPECT_NE(err3.str().find("\"North depot\""), std::string::npos) << err3.str();  // offered as a choice
}

TEST(StormCommand, RefusesBadInputWithAReason) {
  StormArgs args;
  args.scenario = write_scenario("bad_at", kEastbound);
  args.at = "the hospital";
  std::ostringstream out, err;
  EXPECT_EQ(run_storm_command(args, out, err), 1);
  EXPECT_NE(err.str().find("--at"), std::string::npos) << err.str();
  EXPECT_TRUE(out.str().empty());

  StormArgs calm = args;
  calm.scenario = write_scenario("calm", "");
  calm.at = "0,0";
  std::ostringstream out2, err2;
  EXPECT_EQ(run_storm_command(calm, out2, err2), 1);
  EXPECT_NE(err2.str().find("no \"typhoon\" section"), std::string::npos) << err2.str();

  StormArgs broken = args;
  broken.at = "0,0";
  broken.scenario = write_scenario("broken", R"(, "typhoon": {"track": [{"time_h": 0, "x_km": 0, "y_km": 0}]})");
  std::ostringstream out3, err3;
  EXPECT_EQ(run_storm_command(broken, out3, err3), 1);
  EXPECT_NE(err3.str().find("typhoon.track"), std::string::npos) << err3.str();

  StormArgs missing = args;
  missing.scenario = (fs::path(::testing::TempDir()) / "no_such_scenario.json").string();
  std::ostringstream out4, err4;
  EXPECT_EQ(run_storm_command(missing, out4, err4), 1);
  EXPECT_NE(err4.str().find("cannot open"), std::string::npos) << err4.str();
}

}  // namespace
}  // namespace fl::trainer

namespace fl::trainer {
namespace {

// Issue 9, item 6: a historic storm (IBTrACS track file) prints exactly as a synthetic one: the
// same title form, column heads and CSV columns, with the wind peaking at the real landfall time.
TEST(StormCommand, HistoricTrackPrintsLikeASyntheticStorm) {
  StormArgs synthetic;
  synthetic.scenario = std::string(FAULTLINE_SOURCE_DIR) + "/scenarios/mangkhut_like.json";
  synthetic.at = "Haibin depot";
  StormArgs historic;
  historic.scenario = std::string(FAULTLINE_SOURCE_DIR) + "/scenarios/mangkhut_2018.json";
  historic.at = "Guanghai depot";
  std::ostringstream s_out, s_err, h_out, h_err;
  ASSERT_EQ(run_storm_command(synthetic, s_out, s_err), 0) << s_err.str();
  ASSERT_EQ(run_storm_command(historic, h_out, h_err), 0) << h_err.str();
  std::istringstream s_lines(s_out.str()), h_lines(h_out.str());
  std::string s_title, s_head, h_title, h_head;
  std::getline(s_lines, s_title);
  std::getline(s_lines, s_head);
  std::getline(h_lines, h_title);
  std::getline(h_lines, h_head);
  EXPECT_EQ(h_title.rfind("Typhoon Mangkhut (2018) at Guanghai depot", 0), 0u) << h_title;
  EXPECT_NE(h_title.find("; exposure urban"), std::string::npos) << h_title;
  EXPECT_EQ(h_head, s_head);
  historic.csv = true;
  std::ostringstream csv, csv_err;
  ASSERT_EQ(run_storm_command(historic, csv, csv_err), 0) << csv_err.str();
  std::string header;
  const auto rows = parse_csv(csv.str(), header);
  EXPECT_EQ(header, "local_time,hours,distance_km,wind_1min_mps,gust_mps,warning");
  ASSERT_EQ(rows.size(), 101u);  // 0 … 100 h, hourly
  std::size_t peak = 0;
  for (std::size_t i = 0; i < rows.size(); ++i)
    if (rows[i].wind > rows[peak].wind) peak = i;
  // Landfall fix 2018-09-16T09:00Z = 17:00 local, 17 h after the start; the eye passes 20 km east.
  EXPECT_NEAR(rows[peak].hours, 17.0, 2.0) << rows[peak].local;
  EXPECT_GT(rows[peak].wind, 15.0);
}

}  // namespace
}  // namespace fl::trainer
