#include "trainer/input_folders.h"

#include <cstdlib>
#include <filesystem>

namespace fl::trainer {

std::string shipped_commitments_dir() {
  if (const char* data = std::getenv("FAULTLINE_DATA_DIR"); data && *data)
    return (std::filesystem::path(data) / "commitments").string();
  return std::string(FAULTLINE_SOURCE_DIR) + "/scenarios/commitments";
}

std::vector<std::string> fallback_commitment_dirs() { return {shipped_commitments_dir()}; }

}  // namespace fl::trainer
