// Fuzz target: scenario text through parse_scenario (commitment set not looked up: no files).
#include "sim/scenario/scenario.h"
#include "tests/fuzz/fuzz_target.h"

FAULTLINE_FUZZ_TARGET(scenario) {
  fl::Scenario scenario;
  fl::Problems problems;
  const bool ok = fl::parse_scenario(text, std::string(), scenario, problems);
  fl::fuzz::check(ok != problems.has_errors(), "parse_scenario's result disagrees with its problems");
  (void)problems.format("fuzz.json");
}
