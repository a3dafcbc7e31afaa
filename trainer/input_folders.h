#pragma once
/// \file Where the command line finds the inputs a scenario names but does not hold.
#include <string>
#include <vector>

namespace fl::trainer {

/// The shipped commitment sets: $FAULTLINE_DATA_DIR/commitments when that variable is set (an
/// installed copy of scenarios/), else the source tree's scenarios/commitments.
std::string shipped_commitments_dir();
/// Folders searched after a scenario's own commitments/ folder: the shipped sets.
std::vector<std::string> fallback_commitment_dirs();

}  // namespace fl::trainer
