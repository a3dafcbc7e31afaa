#pragma once
/// \file Scenario sections owned by the customer side: customers, hotline, trainee.
#include <cereal/cereal.hpp>

#include "sim/scenario/optional_nvp.h"
#include "sim/scenario/problems.h"

namespace fl::hotline {

/// The hotline's part of a scenario. Every field has a documented default.
struct HotlineConfig {
  /// Reads the hotline's top-level sections of the scenario object.
  template <class Archive>
  void serialize_sections(Archive&) {}
  /// Appends every problem with its path.
  void validate(Problems&) const {}
};

}  // namespace fl::hotline
