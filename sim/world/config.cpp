#include "sim/world/config.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace fl::world {

namespace {

constexpr double kMaxCells = 400000;
constexpr double kMaxCustomers = 5000000;
constexpr double kMinRepairH = 0.01;   // 36 s
constexpr double kMaxRepairH = 240;    // ten days
constexpr double kMaxTrackHours = 2000;
constexpr double kMaxTrackKm = 20000;  // half the Earth: a projected best track may start far away

void check_inside(Problems& p, const std::string& path, double x_km, double y_km, const AreaConfig& a) {
  p.check_range(join_path(path, "x_km"), x_km, 0, a.width_km);
  p.check_range(join_path(path, "y_km"), y_km, 0, a.height_km);
}

void check_duration(Problems& p, const std::string& path, const DurationConfig& d) {
  p.check_range(join_path(path, "median_h"), d.median_h, kMinRepairH, kMaxRepairH);
  p.check_range(join_path(path, "beta"), d.beta, 0, 2);
}

void check_fragility(Problems& p, const std::string& path, const FragilityConfig& f) {
  p.check_range(join_path(path, "median_mps"), f.median_mps, 5, 200);
  p.check_range(join_path(path, "beta"), f.beta, 0, 2);
}

void check_unique(Problems& p, std::set<std::string>& seen, const std::string& path, const std::string& name) {
  if (name.empty()) {
    p.error(path, "found an empty string", "a name");
  } else if (!seen.insert(name).second) {
    p.error(path, "found \"" + name + "\" a second time", "a unique name");
  }
}

}  // namespace

void WorldConfig::validate(Problems& p) const {
  const AreaConfig& a = area;
  p.check_range("area.width_km", a.width_km, 2, 200);
  p.check_range("area.height_km", a.height_km, 2, 200);
  p.check_range("area.cell_size_m", a.cell_size_m, 50, 2000);
  // The raster, roads and damage blocks grow with the cell count: 400 000 cells (20x the default
  // area, 200 x 200 km at 316 m) is what a run builds in seconds and < 2 GB.
  const bool size_ok = a.width_km >= 2 && a.width_km <= 200 && a.height_km >= 2 && a.height_km <= 200 &&
                       a.cell_size_m >= 50 && a.cell_size_m <= 2000;
  const double cells = size_ok ? (a.width_km * 1000 / a.cell_size_m) * (a.height_km * 1000 / a.cell_size_m) : 0;
  if (cells > kMaxCells)
    p.error("area.cell_size_m",
            "found " + format_number(a.cell_size_m) + " m cells over " + format_number(a.width_km) + " x " +
                format_number(a.height_km) + " km (" + format_number(std::round(cells)) + " cells)",
            "at most " + format_number(kMaxCells) + " cells (larger cells or a smaller area)");
  p.check_range("area.coast_y_km", a.coast_y_km, 0, a.height_km);
  p.check_range("area.coast_amplitude_km", a.coast_amplitude_km, 0, 50);
  p.check_range("area.coast_wavelength_km", a.coast_wavelength_km, 0.5, 1000);
  p.check_range("area.hills_from_y_km", a.hills_from_y_km, -1000, 1000);
  p.check_range("area.rural_customers_per_cell", a.rural_customers_per_cell, 0, 500);
  p.check_range("area.remote_customers_per_cell", a.remote_customers_per_cell, 0, 500);
  p.check_range("area.rural_empty_pct", a.rural_empty_pct, 0, 100);
  p.check_range("area.remote_empty_pct", a.remote_empty_pct, 0, 100);
  p.check_range("area.commercial_pct", a.commercial_pct, 0, 100);
  p.check_range("area.industrial_pct", a.industrial_pct, 0, 100 - a.commercial_pct);
  p.check_range("area.hospitals", a.hospitals, 0, 1000);
  p.check_range("area.water_works", a.water_works, 0, 1000);
  p.check_range("area.government", a.government, 0, 1000);
  p.check_range("area.life_support", a.life_support, 0, 10000);
  p.check_range("area.trees_per_km_urban", a.trees_per_km_urban, 0, 50);
  p.check_range("area.trees_per_km_rural", a.trees_per_km_rural, 0, 50);
  p.check_range("area.trees_per_km_remote", a.trees_per_km_remote, 0, 50);
  p.check_range("area.tree_height_median_m", a.tree_height_median_m, 2, 60);
  p.check_range("area.tree_height_beta", a.tree_height_beta, 0, 1.5);
  p.check_range("area.road_spacing_cells", a.road_spacing_cells, 1, 40);
  std::set<std::string> names;
  for (std::size_t i = 0; i < a.cities.size(); ++i) {
    const std::string path = index_path("area.cities", i);
    check_inside(p, path, a.cities[i].x_km, a.cities[i].y_km, a);
    p.check_range(join_path(path, "radius_km"), a.cities[i].radius_km, 0.1, 200);
    p.check_range(join_path(path, "customers_per_cell"), a.cities[i].customers_per_cell, 0, 5000);
  }
  // An upper bound on the customers the generator places (every city disc at its centre density
  // plus every cell at the denser of rural and remote), so memory stays bounded.
  if (size_ok && cells <= kMaxCells) {
    const double cell_km2 = (a.cell_size_m / 1000) * (a.cell_size_m / 1000);
    double bound = cells * std::max(a.rural_customers_per_cell, a.remote_customers_per_cell);
    const std::vector<CityConfig> default_city(a.cities.empty() ? 1 : 0);
    for (const CityConfig& city : a.cities.empty() ? default_city : a.cities) {
      const double r_km = std::min(city.radius_km, 200.0) * 1.12;  // the edge wiggles by up to 12 %
      bound += std::min(cells, 3.15 * r_km * r_km / cell_km2) * std::min(city.customers_per_cell, 5000.0);
    }
    if (bound > kMaxCustomers)
      p.error("area", "found room for up to " + format_number(std::round(bound)) + " customers",
              "at most " + format_number(kMaxCustomers) + " (lower densities, smaller cities or a smaller area)");
  }
  for (std::size_t i = 0; i < a.named.size(); ++i) {
    const std::string path = index_path("area.named", i);
    check_unique(p, names, join_path(path, "name"), a.named[i].name);
    p.check_one_of(join_path(path, "kind"), a.named[i].kind, {"hospital", "water_works", "government", "life_support"});
    check_inside(p, path, a.named[i].x_km, a.named[i].y_km, a);
  }

  const GridConfig& g = grid;
  std::set<std::string> subs;
  for (std::size_t i = 0; i < g.substations.size(); ++i) {
    const std::string path = index_path("grid.substations", i);
    check_unique(p, subs, join_path(path, "name"), g.substations[i].name);
    check_inside(p, path, g.substations[i].x_km, g.substations[i].y_km, a);
    p.check_range(join_path(path, "feeders"), g.substations[i].feeders, 1, 40);
  }
  if (g.substations.size() > 500)
    p.error("grid.substations", "found " + std::to_string(g.substations.size()) + " substations", "at most 500");
  p.check_range("grid.pole_span_m", g.pole_span_m, 20, 200);
  p.check_range("grid.urban_cable_pct", g.urban_cable_pct, 0, 100);
  p.check_range("grid.feeder_capacity_pct", g.feeder_capacity_pct, 100, 400);
  p.check_range("grid.reclosers_per_feeder", g.reclosers_per_feeder, 0, 5);
  p.check_range("grid.switch_every_segments", g.switch_every_segments, 1, 1000);
  if (g.pole_ages.empty()) p.error("grid.pole_ages", "found an empty list", "at least one pole age class");
  double share = 0;
  for (std::size_t i = 0; i < g.pole_ages.size(); ++i) {
    const std::string path = index_path("grid.pole_ages", i);
    p.check_range(join_path(path, "share_pct"), g.pole_ages[i].share_pct, 0, 100);
    check_fragility(p, path, FragilityConfig{g.pole_ages[i].median_mps, g.pole_ages[i].beta});
    share += g.pole_ages[i].share_pct;
  }
  if (!g.pole_ages.empty() && !(share > 0))
    p.error("grid.pole_ages", "found shares summing to " + format_number(share), "shares with a positive sum");
  p.check_range("grid.reference_span_m", g.reference_span_m, 10, 500);
  p.check_range("grid.pole_own_load_pct", g.pole_own_load_pct, 0, 100);
  check_fragility(p, "grid.conductor", g.conductor);
  check_fragility(p, "grid.transformer", g.transformer);
  check_fragility(p, "grid.contact", g.contact);
  p.check_range("grid.covered_contact_factor", g.covered_contact_factor, 1, 5);

  if (typhoon.enabled) {
    typhoon.validate(p, "typhoon");
    validate_track_ranges(p);
  }

  const CrewsConfig& c = crews;
  std::set<std::string> depots;
  for (std::size_t i = 0; i < c.depots.size(); ++i) {
    const std::string path = index_path("crews.depots", i);
    check_unique(p, depots, join_path(path, "name"), c.depots[i].name);
    check_inside(p, path, c.depots[i].x_km, c.depots[i].y_km, a);
    p.check_range(join_path(path, "line_crews"), c.depots[i].line_crews, 0, 1000);
    p.check_range(join_path(path, "tree_crews"), c.depots[i].tree_crews, 0, 1000);
    p.check_range(join_path(path, "assessment_crews"), c.depots[i].assessment_crews, 0, 1000);
  }
  for (std::size_t i = 0; i < c.mutual_aid.size(); ++i) {
    const std::string path = index_path("crews.mutual_aid", i);
    check_inside(p, path, c.mutual_aid[i].x_km, c.mutual_aid[i].y_km, a);
    if (!c.mutual_aid[i].staging.empty() && !depots.count(c.mutual_aid[i].staging))
      p.error(join_path(path, "staging"), "found \"" + c.mutual_aid[i].staging + "\"",
              "the name of a depot in crews.depots");
    p.check_range(join_path(path, "line_crews"), c.mutual_aid[i].line_crews, 0, 1000);
    p.check_range(join_path(path, "tree_crews"), c.mutual_aid[i].tree_crews, 0, 1000);
    p.check_range(join_path(path, "lead_time_h"), c.mutual_aid[i].lead_time_h, 0, 240);
  }
  p.check_range("crews.shift_on_h", c.shift_on_h, 1, 24);
  p.check_range("crews.shift_off_h", c.shift_off_h, 1, 24);
  p.check_range("crews.urban_speed_kmph", c.urban_speed_kmph, 1, 200);
  p.check_range("crews.rural_speed_kmph", c.rural_speed_kmph, 1, 200);
  p.check_range("crews.remote_speed_kmph", c.remote_speed_kmph, 1, 200);
  p.check_range("crews.highway_speed_kmph", c.highway_speed_kmph, 1, 200);
  p.check_range("crews.drive_wind_limit_mps", c.drive_wind_limit_mps, 5, 100);
  p.check_range("crews.elevated_wind_limit_mps", c.elevated_wind_limit_mps, 5, 100);
  p.check_range("crews.patrol_speed_kmph", c.patrol_speed_kmph, 0.5, 100);
  p.check_range("crews.patrol_highway_kmph", c.patrol_highway_kmph, 0.5, 100);
  p.check_range("crews.patrol_urban_kmph", c.patrol_urban_kmph, 0.5, 100);
  p.check_range("crews.patrol_rural_kmph", c.patrol_rural_kmph, 0.5, 100);
  p.check_range("crews.patrol_track_kmph", c.patrol_track_kmph, 0.5, 100);
  p.check_range("crews.damage_report_delay_min", c.damage_report_delay_min, 1, 10000);
  p.check_range("crews.calls_pinpoint_customers", c.calls_pinpoint_customers, 0, 10000000);
  p.check_range("crews.calls_pinpoint_factor", c.calls_pinpoint_factor, 0.01, 1);
  p.check_range("crews.road_clear_median_h", c.road_clear_median_h, kMinRepairH, kMaxRepairH);
  check_duration(p, "crews.repair_pole", c.repair_pole);
  check_duration(p, "crews.repair_conductor", c.repair_conductor);
  check_duration(p, "crews.repair_tree_clearing", c.repair_tree_clearing);
  check_duration(p, "crews.repair_tree_line", c.repair_tree_line);
  check_duration(p, "crews.repair_transformer", c.repair_transformer);
  check_duration(p, "crews.repair_fuse", c.repair_fuse);

  p.check_range("dispatcher.mutual_aid_trigger_pct", dispatcher.mutual_aid_trigger_pct, 0, 100);
  p.check_range("dispatcher.important_weight", dispatcher.important_weight, 0, 1000000);

  // Legal but suspicious: a drill nobody can repair.
  long long repair_crews = 0;
  for (const DepotConfig& d : c.depots) repair_crews += std::max(0, d.line_crews) + std::max(0, d.tree_crews);
  for (const MutualAidConfig& m : c.mutual_aid) repair_crews += std::max(0, m.line_crews) + std::max(0, m.tree_crews);
  if (!c.depots.empty() && repair_crews == 0)
    p.warning("crews.depots", "no line or tree crews in any depot or mutual-aid offer",
              "at least one crew (faults are never repaired)");
}

void WorldConfig::validate_track_ranges(Problems& p) const {
  // TyphoonConfig::validate checks the storm's shape; these bounds keep every track time a
  // representable sim time and every position a finite distance, so winds are never NaN.
  const std::string track_path = "typhoon.track";
  for (std::size_t i = 0; i < typhoon.track.size(); ++i) {
    const TrackPoint& point = typhoon.track[i];
    const std::string at = index_path(track_path, i);
    p.check_range(join_path(at, "time_h"), point.time_h, -kMaxTrackHours, kMaxTrackHours);
    p.check_range(join_path(at, "x_km"), point.x_km, -kMaxTrackKm, kMaxTrackKm);
    p.check_range(join_path(at, "y_km"), point.y_km, -kMaxTrackKm, kMaxTrackKm);
  }
}

}  // namespace fl::world
