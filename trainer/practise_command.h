#pragma once
/// \file `faultline practise SCENARIO [--lang zh|en] [--answers FILE]`: the hotline seat in a
/// terminal. Calls ring at the trainee seat as the simulation routes them; the trainee picks up,
/// reads the caller card, answers with a numbered choice or typed text, and gets each call's
/// scored transcript and the session's scores at the end.
#include <cstdint>
#include <iosfwd>
#include <string>

namespace fl::trainer {

/// Options of `faultline practise`.
struct PractiseArgs {
  std::string scenario;
  std::string language = "zh";   ///< "zh" or "en"
  std::string answers;           ///< file of replies (one per line) instead of the keyboard; empty: keyboard
  std::string assets = "assets"; ///< folder with scripts/ and phrases/
  std::string out_dir = "out/practise";
  std::string routing;           ///< overrides trainee.routing when not empty
  double share_pct = -1;         ///< overrides trainee.share_pct when ≥ 0
  int calls = 5;                 ///< calls to take before the session ends
  std::uint64_t seed = 0;        ///< 0: the scenario's seed
};

/// Runs a practice session reading replies from `in` (the keyboard, or the answers file when
/// args.answers is set). Answers-file grammar, one entry per line (blank lines and '#' ignored):
/// `answer [RING]` picks up at that ring (default 1; without it the phone is answered at ring 1),
/// a number picks that option, `/quit` ends the session, any other line is a typed reply.
/// Writes OUT/practise.json (the commands, for replay, and trainee.calls). Returns 0, or 1 on bad input.
int run_practise_command(const PractiseArgs& args, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace fl::trainer
