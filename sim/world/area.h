#pragma once
/// \file The service area: a W×H raster of cells with terrain, roads, tree density and customers,
/// generated procedurally from scenario section "area" (deterministic in area.layout_seed only,
/// so every run seed sees the same city).
#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/grid_view.h"
#include "sim/world/config.h"
#include "sim/world/typhoon.h"

namespace fl::world {

/// Road class of a cell or road link; selects the driving speed.
enum class RoadClass : std::uint8_t { kNone = 0, kTrack = 1, kRural = 2, kUrban = 3, kHighway = 4 };

/// One cell of the service area.
struct Cell {
  Terrain terrain = Terrain::kRural;
  RoadClass road = RoadClass::kNone;
  Exposure exposure = Exposure::kInland;   ///< wind exposure class (kOffSea: the coastal strip)
  float inland_rad = 1.5707964f;           ///< direction pointing inland, away from the sea (coastal strip)
  float trees_per_km = 0;                  ///< exposed trees per km of line or road in this cell
  std::uint32_t first_customer = 0;        ///< customers of a cell are contiguous ids
  std::uint32_t customers = 0;
};

/// An important customer and its name (generated ones are named "Hospital 3" etc.).
struct ImportantPlace {
  std::uint32_t customer = 0;
  ImportantKind kind = ImportantKind::kNone;
  std::string name;
};

/// The generated area. Plain data after construction.
struct Area {
  int nx = 0, ny = 0;            ///< cells along x (east) and y (north)
  double cell_m = 250;           ///< cell edge
  std::vector<Cell> cells;       ///< row-major: index = y * nx + x
  std::vector<CustomerRecord> customers;  ///< ids dense; transformer filled in by the grid
  std::vector<ImportantPlace> important;  ///< sorted by customer id

  int cell_x(std::uint32_t c) const { return static_cast<int>(c % static_cast<std::uint32_t>(nx)); }
  int cell_y(std::uint32_t c) const { return static_cast<int>(c / static_cast<std::uint32_t>(nx)); }
  /// Centre of a cell in metres.
  double centre_x(std::uint32_t c) const { return (cell_x(c) + 0.5) * cell_m; }
  double centre_y(std::uint32_t c) const { return (cell_y(c) + 0.5) * cell_m; }
  /// Cell containing a point (clamped to the area).
  std::uint32_t cell_at(double x_m, double y_m) const;
  const Cell& at(double x_m, double y_m) const { return cells[cell_at(x_m, y_m)]; }
};

/// Northern edge of the sea at x (km), in km; land lies north of it (extends beyond the area).
double coast_y_km(const AreaConfig& config, double x_km);

/// Builds the area from its configuration (defaults filled in as documented in config.h).
Area generate_area(const AreaConfig& config);

/// Lower-case scorecard/data name of a terrain ("urban", "rural", "remote", "water").
const char* terrain_name(Terrain t);

}  // namespace fl::world
