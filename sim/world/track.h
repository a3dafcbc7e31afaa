#pragma once
/// \file Historic best tracks in the IBTrACS CSV layout, turned into the typhoon's track points:
/// rows read (column names in either case, other columns ignored, "NA" or blank for missing),
/// positions projected onto the service area's plane, the wind converted to 1-minute means, and
/// missing pressure, radius of maximum wind and Holland B estimated by published relations.
/// Relations and sources: scenarios/docs/typhoon.md ("Real tracks").
#include <cstdint>
#include <string>
#include <vector>

#include "sim/scenario/problems.h"
#include "sim/world/typhoon.h"

namespace fl::world {

/// One usable row of a best-track file (missing values are NaN).
struct BestTrackRow {
  std::size_t row = 0;        ///< 1-based line number in the file (the header is line 1)
  std::int64_t utc_s = 0;     ///< seconds since 1970-01-01 UTC
  double lat_deg = 0, lon_deg = 0;
  double wind_kt = 0;         ///< maximum sustained wind as the file gives it (its own averaging)
  double pressure_hpa = 0;    ///< NaN when absent
  double rmw_nmi = 0;         ///< NaN when absent
};

/// Parses best-track CSV `text` (the file `file_name`, for messages). `wind_column` names the wind
/// column (empty: usa_wind, then wmo_wind, then wind); the pressure and RMW columns are taken from
/// the same agency prefix (usa_pres, usa_rmw ...) when present. Rows without a wind value are
/// skipped (they are the track's weak ends); a bad value, a missing time or position, a latitude
/// beyond ±70°, a longitude beyond ±360° or rows out of time order is an error naming the file,
/// row and column. On success every row has finite coordinates and strictly increasing times.
bool parse_best_track(const std::string& text, const std::string& file_name, const std::string& wind_column,
                      std::vector<BestTrackRow>& rows, std::string& wind_column_used, Problems& problems,
                      const std::string& problem_path);
/// Reads `path` through the capped reader (a directory, an endless device or a file over 64 MB
/// is refused) and parses it with parse_best_track. Returns false on errors.
bool read_best_track(const std::string& path, const std::string& wind_column, std::vector<BestTrackRow>& rows,
                     std::string& wind_column_used, Problems& problems, const std::string& problem_path);

/// Equirectangular (local tangent-plane) projection about the area's origin (its south-west
/// corner): x = R cos(lat0) (lon − lon0), y = R (lat − lat0), R = 6371 km, angles in radians. km.
void project_to_area(double lat_deg, double lon_deg, double origin_lat_deg, double origin_lon_deg, double& x_km, double& y_km);

/// 1-minute sustained wind from a wind averaged over `averaging_min` minutes (1, 2 or 10): WMO
/// at-sea conversion (Harper et al. 2010): V1 = V10 / 0.93, V1 = V2 / 0.98.
double to_one_minute_wind(double wind, int averaging_min);
/// Knaff & Zehr (2007) wind–pressure relation: central pressure (hPa) from the 1-min maximum wind
/// (kt), translation speed (kt), latitude and environmental pressure, with size parameter S = 1.
double knaff_zehr_pressure_hpa(double vmax_kt, double translation_kt, double lat_deg, double env_hpa);
/// Willoughby, Darling & Rahn (2006) radius of maximum wind (km): 46.4 exp(−0.0155 Vmax + 0.0169 lat),
/// Vmax the 1-min maximum wind in m/s.
double willoughby_rmax_km(double vmax_mps, double lat_deg);
/// Powell et al. (2005) Holland B: 1.881093 − 0.010917 lat − 0.005567 Rmax(km), clamped to 1.0–2.5.
double powell_holland_b(double rmax_km, double lat_deg);
/// Holland B that makes the Holland (1980) peak reproduce the observed wind: B = ρ e Vg² / Δp with
/// Vg = (Vmax − Vt)/0.9 the gradient-level peak (forward motion Vt removed), clamped to 1.0–2.5.
double holland_b_from_wind(double vmax_mps, double translation_mps, double delta_p_hpa);

/// The track file settings of a scenario's typhoon section.
struct TrackFileSettings {
  std::string path;            ///< resolved file path
  std::string wind_column;     ///< empty: automatic
  int wind_averaging_min = 0;  ///< 0: by the column's agency (usa 1, cma 2, others 10)
  double origin_lat_deg = 0, origin_lon_deg = 0;
  std::int64_t start_utc_s = 0;  ///< the scenario's start instant
  double ambient_pressure_hpa = 1010;
};

/// Converts the rows into track points (time in hours since the scenario start). Each point's
/// pressure, RMW and B come from the file when given, otherwise from the relations above.
std::vector<TrackPoint> track_points_from_rows(const std::vector<BestTrackRow>& rows, const TrackFileSettings& settings,
                                               const std::string& wind_column_used);

}  // namespace fl::world

namespace fl::world {

/// Fills `typhoon.track` from `typhoon.track_file` when one is named (relative paths from
/// `base_dir`, the scenario file's folder; empty: the working directory) and sets latitude_deg to
/// the origin's. `start_utc_s` is the scenario's start instant. Problems go under "typhoon...".
/// The file's text as read goes to `*text_read` when given (sessions embed it). Returns false on
/// errors; does nothing (true) when no file is named.
bool load_track_file(TyphoonConfig& typhoon, const std::string& base_dir, std::int64_t start_utc_s, Problems& problems,
                     std::string* text_read = nullptr);
/// The same from the track file's `text` already in memory (a session's embedded copy): no file
/// is opened, whatever `typhoon.track_file` names.
bool apply_track_text(TyphoonConfig& typhoon, const std::string& text, std::int64_t start_utc_s, Problems& problems);

}  // namespace fl::world
