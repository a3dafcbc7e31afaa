// Fuzz target: best-track CSV text (IBTrACS layout) through parse_best_track; a track that loads
// has finite positions and strictly increasing times, and its projected track points are finite,
// in time order and inside the ranges the typhoon model clamps to.
#include <cmath>

#include "sim/world/track.h"
#include "tests/fuzz/fuzz_target.h"

FAULTLINE_FUZZ_TARGET(track) {
  std::vector<fl::world::BestTrackRow> rows;
  std::string used;
  fl::Problems problems;
  const bool ok = fl::fuzz::loaded(fl::world::parse_best_track(text, "fuzz.csv", "", rows, used, problems, "typhoon.track_file"), problems, "parse_best_track");
  if (!ok) return;
  fl::fuzz::check(rows.size() >= 2, "a loaded track has fewer than 2 rows");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    fl::fuzz::check(std::isfinite(rows[i].lat_deg) && std::isfinite(rows[i].lon_deg), "a row without a finite position");
    fl::fuzz::check(std::isfinite(rows[i].wind_kt), "a used row without a wind");
    fl::fuzz::check(i == 0 || rows[i].utc_s > rows[i - 1].utc_s, "rows not in strictly increasing time");
  }
  // As scenarios/mangkhut_2018.json projects it.
  fl::world::TrackFileSettings settings;
  settings.origin_lat_deg = 21.8554;
  settings.origin_lon_deg = 112.7298;
  settings.start_utc_s = 1537056000;  // 2018-09-16T00:00Z
  settings.ambient_pressure_hpa = 1008;
  const auto points = fl::world::track_points_from_rows(rows, settings, used);
  fl::fuzz::check(points.size() == rows.size(), "track points lost or invented");
  for (std::size_t i = 0; i < points.size(); ++i) {
    const fl::world::TrackPoint& p = points[i];
    fl::fuzz::check(std::isfinite(p.time_h) && std::isfinite(p.x_km) && std::isfinite(p.y_km), "a non-finite track point");
    fl::fuzz::check(std::abs(p.x_km) <= 20100 && std::abs(p.y_km) <= 20100, "a point farther than half the Earth");
    fl::fuzz::check(i == 0 || p.time_h > points[i - 1].time_h, "track points not in time order");
    fl::fuzz::check(p.central_pressure_hpa >= 850 && p.central_pressure_hpa < settings.ambient_pressure_hpa,
                    "central pressure outside 850 hPa to ambient");
    fl::fuzz::check(p.rmax_km >= 5 && p.rmax_km <= 200, "radius of maximum wind outside 5-200 km");
    fl::fuzz::check(p.holland_b >= 1 && p.holland_b <= 2.5, "Holland B outside 1-2.5");
  }
}
