#pragma once
/// \file Scenario sections owned by the world: area, grid, typhoon, crews, dispatcher.
#include <cereal/cereal.hpp>

#include "sim/scenario/optional_nvp.h"
#include "sim/scenario/problems.h"

namespace fl::world {

/// The world's part of a scenario. Every field has a documented default.
struct WorldConfig {
  /// Reads the world's top-level sections of the scenario object.
  template <class Archive>
  void serialize_sections(Archive&) {}
  /// Appends every problem with its path.
  void validate(Problems&) const {}
};

}  // namespace fl::world
