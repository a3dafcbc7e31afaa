#include "sim/world/config.h"

#include <set>

namespace fl::world {

namespace {

void check_inside(Problems& p, const std::string& path, double x_km, double y_km, const AreaConfig& a) {
  p.check_range(join_path(path, "x_km"), x_km, 0, a.width_km);
  p.check_range(join_path(path, "y_km"), y_km, 0, a.height_km);
}

void check_duration(Problems& p, const std::string& path, const DurationConfig& d) {
  p.check_positive(join_path(path, "median_h"), d.median_h);
  p.check_range(join_path(path, "beta"), d.beta, 0, 2);
}

void check_fragility(Problems& p, const std::string& path, const FragilityConfig& f) {
  p.check_positive(join_path(path, "median_mps"), f.median_mps);
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
  p.check_range("area.coast_y_km", a.coast_y_km, 0, a.height_km);
  p.check_non_negative("area.coast_amplitude_km", a.coast_amplitude_km);
  p.check_positive("area.coast_wavelength_km", a.coast_wavelength_km);
  p.check_non_negative("area.rural_customers_per_cell", a.rural_customers_per_cell);
  p.check_non_negative("area.remote_customers_per_cell", a.remote_customers_per_cell);
  p.check_range("area.rural_empty_pct", a.rural_empty_pct, 0, 100);
  p.check_range("area.remote_empty_pct", a.remote_empty_pct, 0, 100);
  p.check_range("area.commercial_pct", a.commercial_pct, 0, 100);
  p.check_range("area.industrial_pct", a.industrial_pct, 0, 100 - a.commercial_pct);
  p.check_range("area.hospitals", a.hospitals, 0, 1000);
  p.check_range("area.water_works", a.water_works, 0, 1000);
  p.check_range("area.government", a.government, 0, 1000);
  p.check_range("area.life_support", a.life_support, 0, 100000);
  p.check_non_negative("area.trees_per_km_urban", a.trees_per_km_urban);
  p.check_non_negative("area.trees_per_km_rural", a.trees_per_km_rural);
  p.check_non_negative("area.trees_per_km_remote", a.trees_per_km_remote);
  p.check_range("area.tree_height_median_m", a.tree_height_median_m, 2, 60);
  p.check_range("area.tree_height_beta", a.tree_height_beta, 0, 1.5);
  p.check_range("area.road_spacing_cells", a.road_spacing_cells, 1, 40);
  std::set<std::string> names;
  for (std::size_t i = 0; i < a.cities.size(); ++i) {
    const std::string path = index_path("area.cities", i);
    check_inside(p, path, a.cities[i].x_km, a.cities[i].y_km, a);
    p.check_positive(join_path(path, "radius_km"), a.cities[i].radius_km);
    p.check_non_negative(join_path(path, "customers_per_cell"), a.cities[i].customers_per_cell);
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

  if (typhoon.enabled) typhoon.validate(p, "typhoon");

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
  p.check_positive("crews.urban_speed_kmph", c.urban_speed_kmph);
  p.check_positive("crews.rural_speed_kmph", c.rural_speed_kmph);
  p.check_positive("crews.remote_speed_kmph", c.remote_speed_kmph);
  p.check_positive("crews.highway_speed_kmph", c.highway_speed_kmph);
  p.check_positive("crews.drive_wind_limit_mps", c.drive_wind_limit_mps);
  p.check_positive("crews.elevated_wind_limit_mps", c.elevated_wind_limit_mps);
  p.check_positive("crews.patrol_speed_kmph", c.patrol_speed_kmph);
  p.check_positive("crews.patrol_highway_kmph", c.patrol_highway_kmph);
  p.check_positive("crews.patrol_urban_kmph", c.patrol_urban_kmph);
  p.check_positive("crews.patrol_rural_kmph", c.patrol_rural_kmph);
  p.check_positive("crews.patrol_track_kmph", c.patrol_track_kmph);
  p.check_range("crews.damage_report_delay_min", c.damage_report_delay_min, 1, 10000);
  p.check_non_negative("crews.calls_pinpoint_customers", c.calls_pinpoint_customers);
  p.check_range("crews.calls_pinpoint_factor", c.calls_pinpoint_factor, 0.01, 1);
  p.check_positive("crews.road_clear_median_h", c.road_clear_median_h);
  check_duration(p, "crews.repair_pole", c.repair_pole);
  check_duration(p, "crews.repair_conductor", c.repair_conductor);
  check_duration(p, "crews.repair_tree_clearing", c.repair_tree_clearing);
  check_duration(p, "crews.repair_tree_line", c.repair_tree_line);
  check_duration(p, "crews.repair_transformer", c.repair_transformer);
  check_duration(p, "crews.repair_fuse", c.repair_fuse);

  p.check_range("dispatcher.mutual_aid_trigger_pct", dispatcher.mutual_aid_trigger_pct, 0, 100);
  p.check_non_negative("dispatcher.important_weight", dispatcher.important_weight);
}

}  // namespace fl::world
