#include "sim/world/area.h"

#include <algorithm>
#include <cmath>

#include "sim/core/random.h"

namespace fl::world {

namespace {

constexpr double kPi = 3.14159265358979323846;

}  // namespace

double coast_y_km(const AreaConfig& a, double x_km) {
  return a.coast_y_km + a.coast_amplitude_km * std::sin(2 * kPi * x_km / a.coast_wavelength_km) +
         0.5 * a.coast_amplitude_km * std::sin(2 * kPi * x_km / (0.37 * a.coast_wavelength_km) + 1.0);
}

namespace {

double hills_y_km(const AreaConfig& a, double x_km) { return a.hills_from_y_km + 2.0 * std::sin(2 * kPi * x_km / 17.0); }

RandomStream layout_stream(const AreaConfig& a, Purpose p, std::uint64_t entity) {
  return RandomStream(StreamKey{a.layout_seed, 0, p, entity});
}

}  // namespace

const char* terrain_name(Terrain t) {
  switch (t) {
    case Terrain::kUrban: return "urban";
    case Terrain::kRural: return "rural";
    case Terrain::kRemote: return "remote";
    case Terrain::kWater: return "water";
  }
  return "rural";
}

std::uint32_t Area::cell_at(double x_m, double y_m) const {
  int x = static_cast<int>(std::floor(x_m / cell_m));
  int y = static_cast<int>(std::floor(y_m / cell_m));
  x = std::clamp(x, 0, nx - 1);
  y = std::clamp(y, 0, ny - 1);
  return static_cast<std::uint32_t>(y * nx + x);
}

Area generate_area(const AreaConfig& config) {
  AreaConfig a = config;
  if (a.cities.empty()) {
    CityConfig c;
    c.name = "city";
    c.x_km = a.width_km / 2;
    c.y_km = std::min(a.height_km, a.coast_y_km + 5);
    a.cities.push_back(c);
  }
  Area area;
  area.cell_m = a.cell_size_m;
  area.nx = std::max(1, static_cast<int>(std::lround(a.width_km * 1000 / a.cell_size_m)));
  area.ny = std::max(1, static_cast<int>(std::lround(a.height_km * 1000 / a.cell_size_m)));
  const std::size_t n = static_cast<std::size_t>(area.nx) * static_cast<std::size_t>(area.ny);
  area.cells.resize(n);
  const int spacing = std::max(1, a.road_spacing_cells);
  std::vector<double> density(n, 0.0);

  // Terrain, roads, trees, customer density.
  for (std::uint32_t c = 0; c < n; ++c) {
    Cell& cell = area.cells[c];
    const double x_km = area.centre_x(c) / 1000, y_km = area.centre_y(c) / 1000;
    RandomStream rng = layout_stream(a, Purpose::kAreaGeneration, c);
    const double noise = uniform(rng, -1, 1);
    const double coast = coast_y_km(a, x_km);
    if (y_km < coast) {
      cell.terrain = Terrain::kWater;
      cell.exposure = Exposure::kAtSea;
      continue;
    }
    // Wind exposure (scenarios/docs/typhoon.md): the shore row and rural land within 2 km of the
    // sea are the coastal strip, cities shelter (ASCE 7 exposure B), exposed ridges of the hills
    // speed the wind up; the rest is open country. Terrain is set below; see exposure_of().
    const double slope = (coast_y_km(a, x_km + 0.05) - coast_y_km(a, x_km - 0.05)) / 0.1;
    cell.inland_rad = static_cast<float>(std::atan2(1.0, -slope));
    double urban_density = -1;
    for (const CityConfig& city : a.cities) {
      const double d = std::hypot(x_km - city.x_km, y_km - city.y_km);
      const double r = city.radius_km * (1 + 0.12 * noise);
      if (d < r) urban_density = std::max(urban_density, city.customers_per_cell * (1 - 0.8 * d / r));
    }
    if (urban_density >= 0) {
      cell.terrain = Terrain::kUrban;
      cell.trees_per_km = static_cast<float>(a.trees_per_km_urban);
      density[c] = urban_density;
    } else if (y_km > hills_y_km(a, x_km) + 1.5 * noise) {
      cell.terrain = Terrain::kRemote;
      cell.trees_per_km = static_cast<float>(a.trees_per_km_remote);
      density[c] = bernoulli(rng, a.remote_empty_pct / 100) ? 0 : a.remote_customers_per_cell;
    } else {
      cell.terrain = Terrain::kRural;
      cell.trees_per_km = static_cast<float>(a.trees_per_km_rural);
      density[c] = bernoulli(rng, a.rural_empty_pct / 100) ? 0 : a.rural_customers_per_cell;
    }
    const double from_coast_km = y_km - coast;
    if (from_coast_km < 0.5 || (cell.terrain != Terrain::kUrban && from_coast_km < 2.0)) {
      cell.exposure = Exposure::kOffSea;
    } else if (cell.terrain == Terrain::kUrban) {
      cell.exposure = Exposure::kUrban;
    } else if (cell.terrain == Terrain::kRemote && noise > 0.7) {
      cell.exposure = Exposure::kHilltop;  // a few of the hill cells stand on exposed crests
    } else {
      cell.exposure = Exposure::kInland;
    }
    const int cx = area.cell_x(c), cy = area.cell_y(c);
    const bool on_lattice = cx % spacing == 0 || cy % spacing == 0;
    const bool on_highway = cx % (4 * spacing) == 0 || cy % (4 * spacing) == 0;
    if (cell.terrain == Terrain::kUrban) {
      cell.road = on_highway ? RoadClass::kHighway : RoadClass::kUrban;
    } else if (on_lattice) {
      cell.road = cell.terrain == Terrain::kRemote ? RoadClass::kTrack : (on_highway ? RoadClass::kHighway : RoadClass::kRural);
    }
  }

  // Important customers: generated ones in suitable cells, then the named ones.
  struct Pending {
    std::uint32_t cell;
    ImportantKind kind;
    std::string name;
  };
  std::vector<Pending> pending;
  std::vector<std::uint32_t> urban_cells, populated_cells;
  for (std::uint32_t c = 0; c < n; ++c) {
    if (area.cells[c].terrain == Terrain::kUrban) urban_cells.push_back(c);
    if (density[c] > 0) populated_cells.push_back(c);
  }
  auto place = [&](int count, ImportantKind kind, const char* label, const std::vector<std::uint32_t>& from, std::uint64_t salt) {
    if (from.empty()) return;
    RandomStream rng = layout_stream(a, Purpose::kAreaGeneration, 0x1000000000ULL + salt);
    for (int i = 0; i < count; ++i)
      pending.push_back({from[uniform_index(rng, from.size())], kind, std::string(label) + " " + std::to_string(i + 1)});
  };
  const auto& city_cells = urban_cells.empty() ? populated_cells : urban_cells;
  place(a.hospitals, ImportantKind::kHospital, "Hospital", city_cells, 1);
  place(a.water_works, ImportantKind::kWaterWorks, "Water works", populated_cells, 2);
  place(a.government, ImportantKind::kGovernment, "Government office", city_cells, 3);
  // Life-support households are chosen among the residential customers below (per customer), so
  // they follow where people live: mostly in town.
  for (const NamedPlaceConfig& named : a.named) {
    ImportantKind kind = ImportantKind::kHospital;
    if (named.kind == "water_works") kind = ImportantKind::kWaterWorks;
    if (named.kind == "government") kind = ImportantKind::kGovernment;
    if (named.kind == "life_support") kind = ImportantKind::kLifeSupport;
    std::uint32_t cell = area.cell_at(named.x_km * 1000, named.y_km * 1000);
    if (area.cells[cell].terrain == Terrain::kWater) {
      // A named place on the generated sea moves to the nearest land cell north of it.
      while (cell + area.nx < n && area.cells[cell].terrain == Terrain::kWater) cell += static_cast<std::uint32_t>(area.nx);
    }
    pending.push_back({cell, kind, named.name});
  }
  std::stable_sort(pending.begin(), pending.end(), [](const Pending& l, const Pending& r) { return l.cell < r.cell; });

  // Customers, cell by cell so each cell's (and later each transformer's) ids are contiguous.
  area.customers.reserve(static_cast<std::size_t>(a.width_km * a.height_km * 120));
  std::size_t next_pending = 0;
  const double ordinary_weights[3] = {100 - a.commercial_pct - a.industrial_pct, a.commercial_pct, a.industrial_pct};
  for (std::uint32_t c = 0; c < n; ++c) {
    Cell& cell = area.cells[c];
    cell.first_customer = static_cast<std::uint32_t>(area.customers.size());
    RandomStream rng = layout_stream(a, Purpose::kAreaGeneration, 0x2000000000ULL + c);
    const std::uint64_t count = density[c] > 0 ? poisson(rng, density[c]) : 0;
    auto make = [&](CustomerClass cls, ImportantKind kind) {
      CustomerRecord r;
      r.id = static_cast<std::uint32_t>(area.customers.size());
      r.cls = cls;
      r.important = kind;
      r.terrain = cell.terrain;
      r.cell = c;
      r.x_m = static_cast<float>(area.centre_x(c) + uniform(rng, -0.45, 0.45) * area.cell_m);
      r.y_m = static_cast<float>(area.centre_y(c) + uniform(rng, -0.45, 0.45) * area.cell_m);
      area.customers.push_back(r);
    };
    for (std::uint64_t i = 0; i < count; ++i)
      make(static_cast<CustomerClass>(weighted_choice(rng, ordinary_weights)), ImportantKind::kNone);
    for (; next_pending < pending.size() && pending[next_pending].cell == c; ++next_pending) {
      const Pending& p = pending[next_pending];
      make(p.kind == ImportantKind::kLifeSupport ? CustomerClass::kResidential : CustomerClass::kImportant, p.kind);
      area.important.push_back({area.customers.back().id, p.kind, p.name});
    }
    cell.customers = static_cast<std::uint32_t>(area.customers.size()) - cell.first_customer;
  }
  // Life-support households: distinct residential customers drawn uniformly (partial Fisher-Yates).
  std::vector<std::uint32_t> homes;
  for (const CustomerRecord& r : area.customers)
    if (r.cls == CustomerClass::kResidential && r.important == ImportantKind::kNone) homes.push_back(r.id);
  {
    RandomStream rng = layout_stream(a, Purpose::kAreaGeneration, 0x1000000000ULL + 4);
    const std::size_t count = std::min<std::size_t>(static_cast<std::size_t>(std::max(0, a.life_support)), homes.size());
    std::vector<std::uint32_t> chosen;
    for (std::size_t i = 0; i < count; ++i) {
      const std::size_t j = i + uniform_index(rng, homes.size() - i);
      std::swap(homes[i], homes[j]);
      chosen.push_back(homes[i]);
    }
    std::sort(chosen.begin(), chosen.end());
    for (std::size_t i = 0; i < chosen.size(); ++i) {
      CustomerRecord& r = area.customers[chosen[i]];
      r.important = ImportantKind::kLifeSupport;
      area.important.push_back({r.id, ImportantKind::kLifeSupport, "Life-support household " + std::to_string(i + 1)});
    }
    std::stable_sort(area.important.begin(), area.important.end(),
                     [](const ImportantPlace& l, const ImportantPlace& r) { return l.customer < r.customer; });
  }
  return area;
}

}  // namespace fl::world
