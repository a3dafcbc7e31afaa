// Replays every committed fuzz input (seed corpus and the regressions: inputs that once crashed
// or misbehaved) through its target under the ordinary GCC + sanitizer build, so CI keeps them
// fixed even where clang and libFuzzer are not installed.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/fuzz/fuzz_target.h"

namespace fl::fuzz {
namespace {

namespace fs = std::filesystem;

const fs::path kFuzzDir = fs::path(FAULTLINE_SOURCE_DIR) / "tests" / "fuzz";

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(FuzzRegressions, EveryTargetHasASeedCorpus) {
  ASSERT_GE(targets().size(), 3u);
  for (const Target& t : targets()) {
    const fs::path corpus = kFuzzDir / "corpus" / t.name;
    EXPECT_TRUE(fs::is_directory(corpus)) << corpus;
    EXPECT_FALSE(fs::is_empty(corpus)) << corpus;
  }
}

TEST(FuzzRegressions, EveryCommittedInputRunsCleanly) {
  int replayed = 0;
  for (const Target& t : targets()) {
    for (const char* kind : {"corpus", "regressions"}) {
      const fs::path dir = kFuzzDir / kind / t.name;
      if (!fs::is_directory(dir)) continue;
      for (const auto& entry : fs::directory_iterator(dir)) {
        SCOPED_TRACE(entry.path().string());
        EXPECT_NO_THROW(t.body(read(entry.path())));
        ++replayed;
      }
    }
  }
  std::printf("replayed %d committed fuzz inputs\n", replayed);
  EXPECT_GT(replayed, 10);
}

TEST(FuzzRegressions, ARegressionFileReachesItsTarget) {
  // The harness itself: a regressions/ folder for a target that does not exist is a typo.
  const fs::path dir = kFuzzDir / "regressions";
  for (const auto& entry : fs::directory_iterator(dir)) {
    bool known = false;
    for (const Target& t : targets()) known = known || entry.path().filename() == t.name;
    EXPECT_TRUE(known) << entry.path() << " names no fuzz target";
  }
}

}  // namespace
}  // namespace fl::fuzz
