// Fuzz target: session files through session_from_json; a session that loads must write back
// to JSON that loads again to the same session.
#include "sim/session.h"
#include "tests/fuzz/fuzz_target.h"

FAULTLINE_FUZZ_TARGET(session) {
  fl::Session session;
  fl::Problems problems;
  const bool ok = fl::fuzz::loaded(fl::session_from_json(text, session, problems), problems, "session_from_json");
  if (!ok) return;
  fl::Session again;
  fl::Problems round_trip;
  fl::fuzz::check(fl::session_from_json(fl::session_to_json(session), again, round_trip),
                  "a loaded session does not load again after writing");
  fl::fuzz::check(fl::session_to_json(again) == fl::session_to_json(session), "a session changes on a round trip");
}
