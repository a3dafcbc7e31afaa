// Fuzz target: commitment-set files through parse_commitment_set.
#include "sim/scoring/commitment_set.h"
#include "tests/fuzz/fuzz_target.h"

FAULTLINE_FUZZ_TARGET(commitment_set) {
  fl::scoring::CommitmentSet set;
  fl::Problems problems;
  (void)fl::fuzz::loaded(fl::scoring::parse_commitment_set(text, set, problems), problems, "parse_commitment_set");
}
