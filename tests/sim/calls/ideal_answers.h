#pragma once
// What a trainee on the ideal path would enter, found by a dry run of the same practice: the
// offered options are shuffled per call, so a test that plays a file of replies (or types into a
// terminal, or presses keys in the window) asks this oracle which number the ideal reply has.
#include <map>
#include <string>
#include <vector>

#include "sim/calls/practice.h"
#include "tests/sim/calls/calls_harness.h"

namespace fl::calls::testing {

/// For each of the first `calls` calls at the trainee seat of `scenario` (seed `seed`), answered
/// `answer_after_ms` after it starts ringing: the lines a trainee on the ideal path enters, one
/// per reply — the offered number (1-based) of the ideal reply, or typed[k] at reply k of a call,
/// which must be recognised as a reply serving a checkpoint so the path stays the ideal one.
inline std::vector<std::vector<std::string>> ideal_answer_lines(const Scenario& scenario, std::uint64_t seed, int calls,
                                                               Time answer_after_ms,
                                                               const std::map<int, std::string>& typed = {}) {
  CallAssets assets;
  std::string problems;
  EXPECT_TRUE(load_call_assets(std::string(FAULTLINE_SOURCE_DIR) + "/assets", assets, problems)) << problems;
  PracticeRun run(scenario, seed, std::move(assets));
  std::vector<std::vector<std::string>> out;
  for (int n = 0; n < calls && run.wait_for_ring(); ++n) {
    if (!run.answer(run.desk().ringing().front().since + answer_after_ms).accepted || !run.desk().current()) {
      --n;  // the caller gave up first: the practice waits for the next ring too
      continue;
    }
    std::vector<std::string> lines;
    for (int k = 0; k < 40 && run.desk().current(); ++k) {
      const CallSession& s = *run.desk().current();
      const Time at = s.caller_done_at() + 3000;
      if (const auto it = typed.find(k); it != typed.end()) {
        lines.push_back(it->second);
        run.type(it->second, at);
      } else {
        lines.push_back(std::to_string(ideal_option(s) + 1));
        run.choose(ideal_option(s), at);
      }
    }
    out.push_back(std::move(lines));
  }
  return out;
}

}  // namespace fl::calls::testing
