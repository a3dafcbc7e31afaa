// Fuzz target: scenario text through parse_scenario (commitment set not looked up: no files).
#include "sim/scenario/scenario.h"
#include "tests/fuzz/fuzz_target.h"

FAULTLINE_FUZZ_TARGET(scenario) {
  fl::Scenario scenario;
  fl::Problems problems;
  (void)fl::fuzz::loaded(fl::parse_scenario(text, std::string(), scenario, problems), problems, "parse_scenario");
}
