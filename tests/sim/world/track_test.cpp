// Historic best tracks (issue 9, items 5 and 6): the IBTrACS CSV reader, the projection and the
// published relations, and scenarios/mangkhut_2018.json against its own track file.
#include "sim/world/track.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "tests/sim/world/world_harness.h"

namespace fl::world {
namespace {

std::string write_temp(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / name;
  std::ofstream(path) << text;
  return path.string();
}

TEST(BestTrack, ReadsColumnsInEitherCaseIgnoresOthersAndSkipsRowsWithoutWind) {
  const std::string path = write_temp("fl_track_upper.csv",
                                      "SID,ISO_TIME,LAT,LON,USA_WIND,USA_PRES,USA_RMW,NATURE\n"
                                      " ,,degrees_north,degrees_east,kts,mb,nmile,\n"
                                      "X,2018-09-16 06:00:00,21.5,113.5,NA,,NA,TS\n"
                                      "X,2018-09-16 09:00:00,21.9,112.5,77,955,17,TS\n"
                                      "X,2018-09-16 12:00:00,22.1,111.6,75,,,TS\n");
  std::vector<BestTrackRow> rows;
  std::string used;
  Problems p;
  ASSERT_TRUE(read_best_track(path, "", rows, used, p, "typhoon.track_file")) << p.format("t");
  EXPECT_EQ(used, "usa_wind");
  ASSERT_EQ(rows.size(), 2u);  // the units line and the row without wind are not used
  EXPECT_EQ(rows[0].row, 4u);
  EXPECT_DOUBLE_EQ(rows[0].wind_kt, 77);
  EXPECT_DOUBLE_EQ(rows[0].pressure_hpa, 955);
  EXPECT_DOUBLE_EQ(rows[0].rmw_nmi, 17);
  EXPECT_TRUE(std::isnan(rows[1].pressure_hpa));
  EXPECT_EQ(rows[1].utc_s - rows[0].utc_s, 3 * 3600);
  // 2018-09-16T09:00Z is 1537088400 s after the epoch.
  EXPECT_EQ(rows[0].utc_s, 1537088400);
}

TEST(BestTrack, ProblemsNameTheFileRowAndColumn) {
  const std::string path = write_temp("fl_track_bad.csv",
                                      "iso_time,lat,lon,usa_wind\n"
                                      "2018-09-16T09:00:00Z,21.9,112.5,77\n"
                                      "2018-09-16T12:00:00Z,22.1,111.6,fast\n"
                                      "yesterday,22.3,111.0,70\n");
  std::vector<BestTrackRow> rows;
  std::string used;
  Problems p;
  EXPECT_FALSE(read_best_track(path, "", rows, used, p, "typhoon.track_file"));
  ASSERT_EQ(p.error_count(), 2u) << p.format("s.json");
  EXPECT_EQ(p.all()[0].path, "typhoon.track_file(fl_track_bad.csv).row[3].usa_wind");
  EXPECT_EQ(p.all()[0].found, "found \"fast\"");
  EXPECT_EQ(p.all()[1].path, "typhoon.track_file(fl_track_bad.csv).row[4].iso_time");
  Problems missing;
  EXPECT_FALSE(read_best_track(write_temp("fl_track_nowind.csv", "iso_time,lat,lon\n"), "", rows, used, missing, "t"));
  EXPECT_NE(missing.format("s.json").find("USA_WIND"), std::string::npos) << missing.format("s.json");
  Problems absent;
  EXPECT_FALSE(read_best_track("/nonexistent/track.csv", "", rows, used, absent, "typhoon.track_file"));
  EXPECT_EQ(absent.all()[0].path, "typhoon.track_file");
}

TEST(BestTrack, ProjectionAndPublishedRelations) {
  double x = 0, y = 0;
  project_to_area(23, 113, 22, 112, x, y);
  EXPECT_NEAR(y, 6371 * 3.14159265358979 / 180, 1e-6);  // one degree of latitude: 111.19 km
  EXPECT_NEAR(x, 6371 * std::cos(22 * 3.14159265358979 / 180) * 3.14159265358979 / 180, 1e-6);
  EXPECT_NEAR(to_one_minute_wind(93, 10), 100, 1e-9);
  EXPECT_NEAR(to_one_minute_wind(98, 2), 100, 1e-9);
  EXPECT_NEAR(to_one_minute_wind(100, 1), 100, 1e-9);
  // Knaff & Zehr (2007), by hand: Vsrm = 100 - 1.5 * 10^0.63 = 93.601; dp = 23.286 - 0.483 Vsrm
  // - (Vsrm/24.254)^2 - 12.587 - 0.483 * 20 = -59.064 hPa.
  EXPECT_NEAR(knaff_zehr_pressure_hpa(100, 10, 20, 1010), 1010 - 59.064, 0.005);
  EXPECT_NEAR(willoughby_rmax_km(40, 22), 46.4 * std::exp(-0.62 + 0.3718), 1e-9);
  EXPECT_NEAR(powell_holland_b(30, 22), 1.881093 - 0.240174 - 0.16701, 1e-9);
  // B reproduces the peak: sqrt(B dp / (rho e)) * 0.9 + Vt = Vmax.
  const double b = holland_b_from_wind(45, 5, 50);
  EXPECT_NEAR(0.9 * std::sqrt(b * 5000 / (1.15 * std::exp(1.0))) + 5, 45, 1e-9);
  EXPECT_DOUBLE_EQ(holland_b_from_wind(80, 0, 10), 2.5);  // clamped to Holland's range
}

Scenario load_2018(const std::string& path) {
  Scenario s;
  Problems problems;
  if (!load_scenario(path, s, problems)) throw std::runtime_error(problems.format(path));
  return s;
}

TEST(Mangkhut2018, TrackFileIsFoundFromAnyWorkingDirectory) {
  const std::string file = std::string(FAULTLINE_SOURCE_DIR) + "/scenarios/mangkhut_2018.json";
  const auto before = std::filesystem::current_path();
  std::filesystem::current_path(std::filesystem::temp_directory_path());
  Scenario s;
  Problems p;
  const bool ok = load_scenario(file, s, p);
  std::filesystem::current_path(FAULTLINE_SOURCE_DIR);
  Scenario from_root;
  Problems p_root;
  const bool ok_root = load_scenario("scenarios/mangkhut_2018.json", from_root, p_root);
  std::filesystem::current_path(before);
  ASSERT_TRUE(ok) << p.format(file);
  ASSERT_TRUE(ok_root) << p_root.format("scenarios/mangkhut_2018.json");
  EXPECT_EQ(s.world.typhoon.track.size(), from_root.world.typhoon.track.size());
  EXPECT_GT(s.world.typhoon.track.size(), 80u);  // 99 rows less the 4 without wind
}

TEST(Mangkhut2018, LandfallAndPeakWindAgreeWithTheTrackFile) {
  const Scenario s = load_2018(std::string(FAULTLINE_SOURCE_DIR) + "/scenarios/mangkhut_2018.json");
  // The file: landfall fix 2018-09-16T09:00Z (77 kt, JTWC 1-min), i.e. 17:00 local = 17 h after the start.
  testing::Harness h(s, s.seed);
  const Time landfall = h.world->landfall();
  ASSERT_NE(landfall, kNever);
  EXPECT_NEAR(to_hours(landfall), 17.0, 1.5);
  // Peak 1-min wind over open water at the area's points in the 6 h around landfall, against the
  // fixes' winds in that window (the track's 1-3 h spacing there): within 10 %.
  const Typhoon& ty = *h.world->typhoon();
  double model = 0;
  for (Time t = landfall - 3 * kHour; t <= landfall + 3 * kHour; t += 10 * kMinute)
    for (double x = 0; x <= 40'000; x += 2'000)
      for (double y = 0; y <= 30'000; y += 2'000) model = std::max(model, ty.wind_at(t, x, y, Exposure::kAtSea).marine_mps);
  double track_max = 0;
  std::vector<BestTrackRow> rows;
  std::string used;
  Problems p;
  ASSERT_TRUE(read_best_track(std::string(FAULTLINE_SOURCE_DIR) + "/scenarios/tracks/mangkhut_2018.csv", "", rows, used, p, "t"));
  for (const BestTrackRow& r : rows)
    if (std::abs(static_cast<double>(r.utc_s - 1537088400)) <= 3 * 3600) track_max = std::max(track_max, r.wind_kt * 0.514444);
  ASSERT_GT(track_max, 35.0);
  EXPECT_NEAR(model, track_max, 0.10 * track_max) << "model " << model << " m/s, track " << track_max << " m/s";
  std::printf("Mangkhut 2018: landfall %.2f h after the start; peak marine 1-min wind over the area %.1f m/s, track %.1f m/s; "
              "peak land gust %.1f m/s\n", to_hours(landfall), model, track_max, h.world->wind().peak_land_gust());
}

}  // namespace
}  // namespace fl::world
