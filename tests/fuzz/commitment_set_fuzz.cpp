// Fuzz target: commitment-set files through parse_commitment_set.
#include "sim/scoring/commitment_set.h"
#include "tests/fuzz/fuzz_target.h"

FAULTLINE_FUZZ_TARGET(commitment_set) {
  fl::scoring::CommitmentSet set;
  fl::Problems problems;
  const bool ok = fl::scoring::parse_commitment_set(text, set, problems);
  fl::fuzz::check(ok != problems.has_errors(), "parse_commitment_set's result disagrees with its problems");
  (void)problems.format("fuzz.json");
}
