// Fuzz target: call-script files through parse_script; a script that loads must validate again
// without errors and carry a call from its start without the engine misbehaving (replies picked
// in turn, mood and score in range, every turn at a node of the script).
#include "sim/calls/session.h"
#include "tests/fuzz/fuzz_target.h"

FAULTLINE_FUZZ_TARGET(script) {
  fl::calls::Script script;
  fl::Problems problems;
  const bool ok = fl::fuzz::loaded(fl::calls::parse_script(text, script, problems), problems, "parse_script");
  if (!ok) return;
  fl::Problems again;
  script.validate(again);
  fl::fuzz::check(!again.has_errors(), "a loaded script does not validate");
  static const fl::calls::CivilLanguage kNoRules;  // the engine must not depend on the rules being rich
  fl::calls::CallSession call(script, kNoRules, fl::calls::CallFacts{}, fl::StreamKey{1, 0, fl::Purpose::kCallsSession, 7},
                              0);
  fl::Time t = 0;
  for (std::size_t turn = 0; turn < 200 && !call.ended(); ++turn) {
    fl::fuzz::check(call.node() != nullptr, "a call in progress has no node");
    fl::fuzz::check(script.node_index(call.node()->id) >= 0, "the call is at a node the script does not have");
    const std::size_t options = call.options().size();
    fl::fuzz::check(options >= 3 && options <= 5, "a speaking node offers other than 3-5 options");
    (void)call.caller_line();
    t = std::max(t + 5000, call.caller_done_at());
    const bool accepted = call.choose(turn % options, t).accepted;
    fl::fuzz::check(accepted, "a listed option was refused");
    fl::fuzz::check(call.mood() >= 0 && call.mood() <= 100, "the caller's mood left 0-100");
  }
  const fl::calls::CallScore score = call.score();
  fl::fuzz::check(score.adherence_pct >= 0 && score.adherence_pct <= 100, "adherence outside 0-100 %");
  fl::fuzz::check(score.score_pct >= 0 && score.score_pct <= 100, "score outside 0-100 %");
}
