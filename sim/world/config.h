#pragma once
/// \file Scenario sections owned by the world: area, grid, typhoon, crews, dispatcher.
/// Every field has the documented default shown here (see scenarios/docs/world.md).
#include <cstdint>
#include <string>
#include <vector>

#include <cereal/cereal.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>

#include "sim/scenario/optional_nvp.h"
#include "sim/scenario/problems.h"
#include "sim/world/typhoon.h"

namespace fl::world {

/// A city centre: urban terrain within radius_km, customer density falling off to the edge.
struct CityConfig {
  std::string name = "city";
  double x_km = 20, y_km = 10;       ///< centre in the area frame
  double radius_km = 6;              ///< urban terrain within this radius
  double customers_per_cell = 90;    ///< mean customers per cell at the centre (20 % at the edge)
  template <class Archive>
  void serialize(Archive& ar) {
    ar(optional_nvp("name", name), cereal::make_nvp("x_km", x_km), cereal::make_nvp("y_km", y_km),
       optional_nvp("radius_km", radius_km), optional_nvp("customers_per_cell", customers_per_cell));
  }
};

/// A named customer placed by the scenario (hospital, water works ...), overriding the generator.
struct NamedPlaceConfig {
  std::string name;                  ///< required, unique
  std::string kind = "hospital";     ///< hospital | water_works | government | life_support
  double x_km = 0, y_km = 0;         ///< required
  template <class Archive>
  void serialize(Archive& ar) {
    ar(cereal::make_nvp("name", name), optional_nvp("kind", kind), cereal::make_nvp("x_km", x_km),
       cereal::make_nvp("y_km", y_km));
  }
};

/// Section "area": the service-area generator.
struct AreaConfig {
  double width_km = 40, height_km = 30;   ///< area size
  double cell_size_m = 250;               ///< grid cell edge
  std::uint64_t layout_seed = 1;          ///< the layout does not change with the run seed
  double coast_y_km = 4;                  ///< sea south of this line ...
  double coast_amplitude_km = 1.5;        ///< ... which wiggles by this much
  double coast_wavelength_km = 14;
  double hills_from_y_km = 22;            ///< remote hills north of this line (± noise)
  std::vector<CityConfig> cities;         ///< empty: one city at (20, 9) km
  double rural_customers_per_cell = 7;    ///< mean customers per populated rural cell
  double remote_customers_per_cell = 2.5;
  double rural_empty_pct = 35;            ///< rural/remote cells without customers (fields, forest)
  double remote_empty_pct = 60;
  double commercial_pct = 8, industrial_pct = 2;  ///< of ordinary customers
  int hospitals = 6, water_works = 3, government = 4, life_support = 40;  ///< generated important customers
  std::vector<NamedPlaceConfig> named;    ///< named important customers (added to the generated ones)
  /// Exposed trees per km of line or road (corridors are trimmed); fitted (scenarios/docs/typhoon.md).
  double trees_per_km_urban = 0.35, trees_per_km_rural = 1.4, trees_per_km_remote = 2.8;
  double tree_height_median_m = 12, tree_height_beta = 0.3;
  int road_spacing_cells = 4;             ///< road lattice spacing (cells); highways every 4th road
  template <class Archive>
  void serialize(Archive& ar) {
    ar(optional_nvp("width_km", width_km), optional_nvp("height_km", height_km), optional_nvp("cell_size_m", cell_size_m),
       optional_nvp("layout_seed", layout_seed), optional_nvp("coast_y_km", coast_y_km),
       optional_nvp("coast_amplitude_km", coast_amplitude_km), optional_nvp("coast_wavelength_km", coast_wavelength_km),
       optional_nvp("hills_from_y_km", hills_from_y_km), optional_nvp("cities", cities),
       optional_nvp("rural_customers_per_cell", rural_customers_per_cell),
       optional_nvp("remote_customers_per_cell", remote_customers_per_cell), optional_nvp("rural_empty_pct", rural_empty_pct),
       optional_nvp("remote_empty_pct", remote_empty_pct), optional_nvp("commercial_pct", commercial_pct),
       optional_nvp("industrial_pct", industrial_pct), optional_nvp("hospitals", hospitals),
       optional_nvp("water_works", water_works), optional_nvp("government", government),
       optional_nvp("life_support", life_support), optional_nvp("named", named),
       optional_nvp("trees_per_km_urban", trees_per_km_urban), optional_nvp("trees_per_km_rural", trees_per_km_rural),
       optional_nvp("trees_per_km_remote", trees_per_km_remote), optional_nvp("tree_height_median_m", tree_height_median_m),
       optional_nvp("tree_height_beta", tree_height_beta), optional_nvp("road_spacing_cells", road_spacing_cells));
  }
};

/// A substation feeding `feeders` radial feeders.
struct SubstationConfig {
  std::string name;                  ///< required, unique
  double x_km = 0, y_km = 0;         ///< required
  int feeders = 8;
  template <class Archive>
  void serialize(Archive& ar) {
    ar(cereal::make_nvp("name", name), cereal::make_nvp("x_km", x_km), cereal::make_nvp("y_km", y_km),
       optional_nvp("feeders", feeders));
  }
};

/// Lognormal fragility in 3-s gust speed.
struct FragilityConfig {
  double median_mps = 60, beta = 0.15;
  template <class Archive>
  void serialize(Archive& ar) {
    ar(optional_nvp("median_mps", median_mps), optional_nvp("beta", beta));
  }
};

/// One age class of distribution poles: strength falls and scatters as the wood decays
/// (Salman, Li & Stewart 2015; DOMAIN.md §7: medians 57–65 m/s, β 0.11–0.20).
struct PoleAgeClassConfig {
  std::string name;                 ///< e.g. "new (< 15 y)"; for the docs and messages only
  double share_pct = 0;             ///< share of the poles in this class (shares are normalised)
  double median_mps = 60, beta = 0.15;  ///< lognormal capacity, 3-s gust, broadside wind, reference span
  template <class Archive>
  void serialize(Archive& ar) {
    ar(optional_nvp("name", name), cereal::make_nvp("share_pct", share_pct), optional_nvp("median_mps", median_mps),
       optional_nvp("beta", beta));
  }
};

/// Section "grid": substations, feeders, devices, fragility.
struct GridConfig {
  std::vector<SubstationConfig> substations;  ///< empty: four around the first city
  double pole_span_m = 50;                    ///< poles per segment = segment length / pole span
  double urban_cable_pct = 40;                ///< urban segments underground (immune to wind)
  double feeder_capacity_pct = 160;           ///< a feeder may carry this % of its normal customers via ties
  int reclosers_per_feeder = 2;               ///< on the main line
  int switch_every_segments = 6;              ///< sectionalising switches on the main line
  /// Each pole's class is drawn once. Default: every pole sound. Chinese 10 kV lines stand on concrete
  /// poles, which do not rot; Salman et al.'s older classes (mid-life 61/0.15, old 57/0.20) describe
  /// decayed wood and are for wood-pole networks. The sound class starts from their new wood pole
  /// (65/0.11, DOMAIN.md §7; the paper's table itself was not found) and is fitted to 66 with the
  /// conductor below (scenarios/docs/typhoon.md, "Calibration").
  std::vector<PoleAgeClassConfig> pole_ages{{"sound (concrete; new wood)", 100, 66, 0.11}};
  double reference_span_m = 70;               ///< span length the pole and conductor capacities refer to
  double pole_own_load_pct = 50;              ///< share of a pole's broadside wind load on the pole itself
  /// Conductor/crossarm failure per span (broadside wind, reference span): failures start at ~40 m/s
  /// (P 0.1 % at 40, 1 % at 50, 4 % at 60, 12 % at 70 m/s; DOMAIN.md §7), the spread fitted on the
  /// storm events (scenarios/docs/typhoon.md, "Calibration").
  FragilityConfig conductor{100, 0.30};
  FragilityConfig transformer{72, 0.12};      ///< pole-mounted transformer
  FragilityConfig contact{50, 0.20};          ///< temporary fault (clash, branch contact) per segment, conductor load; fitted
  double covered_contact_factor = 1.3;        ///< covered conductor: contact capacity multiplied by this
  template <class Archive>
  void serialize(Archive& ar) {
    ar(optional_nvp("substations", substations), optional_nvp("pole_span_m", pole_span_m),
       optional_nvp("urban_cable_pct", urban_cable_pct), optional_nvp("feeder_capacity_pct", feeder_capacity_pct),
       optional_nvp("reclosers_per_feeder", reclosers_per_feeder),
       optional_nvp("switch_every_segments", switch_every_segments), optional_nvp("pole_ages", pole_ages),
       optional_nvp("reference_span_m", reference_span_m), optional_nvp("pole_own_load_pct", pole_own_load_pct),
       optional_nvp("conductor", conductor), optional_nvp("transformer", transformer), optional_nvp("contact", contact),
       optional_nvp("covered_contact_factor", covered_contact_factor));
  }
};

/// A depot: crews start and rest here.
struct DepotConfig {
  std::string name;                  ///< required, unique
  double x_km = 0, y_km = 0;         ///< required
  int line_crews = 0, tree_crews = 0, assessment_crews = 0;
  template <class Archive>
  void serialize(Archive& ar) {
    ar(cereal::make_nvp("name", name), cereal::make_nvp("x_km", x_km), cereal::make_nvp("y_km", y_km),
       optional_nvp("line_crews", line_crews), optional_nvp("tree_crews", tree_crews),
       optional_nvp("assessment_crews", assessment_crews));
  }
};

/// Crews another company can lend, arriving at a staging area after a lead time.
struct MutualAidConfig {
  std::string name = "mutual aid";
  std::string staging;               ///< name of a depot used as staging area; empty: x_km, y_km
  double x_km = 0, y_km = 0;         ///< staging area when `staging` is empty
  int line_crews = 0, tree_crews = 0;
  double lead_time_h = 24;           ///< from request to arrival at staging
  template <class Archive>
  void serialize(Archive& ar) {
    ar(optional_nvp("name", name), optional_nvp("staging", staging), optional_nvp("x_km", x_km),
       optional_nvp("y_km", y_km), optional_nvp("line_crews", line_crews), optional_nvp("tree_crews", tree_crews),
       optional_nvp("lead_time_h", lead_time_h));
  }
};

/// Median and dispersion of a lognormal duration.
struct DurationConfig {
  double median_h = 1, beta = 0.4;
  template <class Archive>
  void serialize(Archive& ar) {
    ar(optional_nvp("median_h", median_h), optional_nvp("beta", beta));
  }
};

/// Section "crews".
struct CrewsConfig {
  std::vector<DepotConfig> depots;    ///< empty: one depot at the first city with 10/4/2 crews
  std::vector<MutualAidConfig> mutual_aid;
  double shift_on_h = 16, shift_off_h = 8;  ///< storm-mode shift pattern
  double urban_speed_kmph = 30, rural_speed_kmph = 45, remote_speed_kmph = 25, highway_speed_kmph = 70;
  double drive_wind_limit_mps = 25;   ///< no driving above this 1-min wind
  double elevated_wind_limit_mps = 15.6;  ///< no bucket work above this 1-min wind (35 mph)
  double patrol_speed_kmph = 12;      ///< line patrolled per hour where no road runs beside it (along the line)
  /// Line patrolled per hour where a road of that class runs in the span's cell (driving beside it).
  double patrol_highway_kmph = 25, patrol_urban_kmph = 12, patrol_rural_kmph = 20, patrol_track_kmph = 12;
  double damage_report_delay_min = 60;  ///< mean delay until calls report new damage in a dead section
  double calls_pinpoint_customers = 200;  ///< an outage with at least this many customers is pinpointed by calls ...
  double calls_pinpoint_factor = 0.5;     ///< ... and patrolled in this fraction of the time
  double road_clear_median_h = 6;     ///< municipal clearing of a road blocked by a tree
  DurationConfig repair_pole{6, 0.3}, repair_conductor{3, 0.35}, repair_tree_clearing{2, 0.4},
      repair_tree_line{1.5, 0.4}, repair_transformer{4, 0.3}, repair_fuse{0.75, 0.3};
  template <class Archive>
  void serialize(Archive& ar) {
    ar(optional_nvp("depots", depots), optional_nvp("mutual_aid", mutual_aid), optional_nvp("shift_on_h", shift_on_h),
       optional_nvp("shift_off_h", shift_off_h), optional_nvp("urban_speed_kmph", urban_speed_kmph),
       optional_nvp("rural_speed_kmph", rural_speed_kmph), optional_nvp("remote_speed_kmph", remote_speed_kmph),
       optional_nvp("highway_speed_kmph", highway_speed_kmph), optional_nvp("drive_wind_limit_mps", drive_wind_limit_mps),
       optional_nvp("elevated_wind_limit_mps", elevated_wind_limit_mps),
       optional_nvp("patrol_speed_kmph", patrol_speed_kmph), optional_nvp("patrol_highway_kmph", patrol_highway_kmph),
       optional_nvp("patrol_urban_kmph", patrol_urban_kmph), optional_nvp("patrol_rural_kmph", patrol_rural_kmph),
       optional_nvp("patrol_track_kmph", patrol_track_kmph), optional_nvp("damage_report_delay_min", damage_report_delay_min),
       optional_nvp("calls_pinpoint_customers", calls_pinpoint_customers),
       optional_nvp("calls_pinpoint_factor", calls_pinpoint_factor), optional_nvp("road_clear_median_h", road_clear_median_h),
       optional_nvp("repair_pole", repair_pole), optional_nvp("repair_conductor", repair_conductor),
       optional_nvp("repair_tree_clearing", repair_tree_clearing), optional_nvp("repair_tree_line", repair_tree_line),
       optional_nvp("repair_transformer", repair_transformer), optional_nvp("repair_fuse", repair_fuse));
  }
};

/// Section "dispatcher": the automatic dispatcher's policy parameters.
struct DispatcherConfig {
  bool isolate_faults = true;           ///< open the nearest switch above a found fault and re-close upstream
  double mutual_aid_trigger_pct = 10;   ///< request all offered mutual aid once this % of customers is out
  double important_weight = 1000;       ///< an important customer counts as this many ordinary ones
  template <class Archive>
  void serialize(Archive& ar) {
    ar(optional_nvp("isolate_faults", isolate_faults), optional_nvp("mutual_aid_trigger_pct", mutual_aid_trigger_pct),
       optional_nvp("important_weight", important_weight));
  }
};

/// The world's part of a scenario. Every field has a documented default.
struct WorldConfig {
  AreaConfig area;
  GridConfig grid;
  TyphoonConfig typhoon;   ///< enabled only when the section is present
  CrewsConfig crews;
  DispatcherConfig dispatcher;
  std::string notes;       ///< free text: how the parameters were chosen (read from "world_notes")

  /// Reads the world's top-level sections of the scenario object.
  template <class Archive>
  void serialize_sections(Archive& ar) {
    typhoon.track.clear();
    ar(optional_nvp("area", area), optional_nvp("grid", grid), optional_nvp("typhoon", typhoon),
       optional_nvp("crews", crews), optional_nvp("dispatcher", dispatcher), optional_nvp("world_notes", notes));
    typhoon.enabled = !typhoon.track.empty() || !typhoon.track_file.empty();
  }
  /// Appends every problem with its path.
  void validate(Problems& problems) const;
 private:
  /// Bounds on track times and positions (the storm's shape is TyphoonConfig::validate's).
  void validate_track_ranges(Problems& problems) const;
};

}  // namespace fl::world
