#pragma once
/// \file Session files: everything needed to replay a run bit for bit — the scenario text, the
/// seed, and the trainee's commands — written atomically as JSON (cereal) and read back with
/// path-named problems, so a corrupt file is explained and never crashes the program.
#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include <cereal/cereal.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>

#include "sim/core/command.h"
#include "sim/scenario/optional_nvp.h"
#include "sim/scenario/problems.h"

namespace fl {

class Simulator;
class JsonReader;

/// The session format version this build writes. Version 1 files (no event positions, one
/// automatic_dispatcher flag) are still read: their commands replay after every event at their time.
/// Version 3 adds the embedded track file and the call practice (scripts, rules, trainee seat);
/// version 2 files read as runs without either.
constexpr int kSessionVersion = 3;

/// A file a run read, embedded in its session so a replay needs no folder: its name (for
/// messages), its text exactly as read and the text's hex FNV-1a, checked on load.
struct EmbeddedFile {
  std::string name;
  std::string text;
  std::string fnv1a;
  template <class Archive>
  void serialize(Archive& ar) {
    ar(cereal::make_nvp("name", name), cereal::make_nvp("text", text), cereal::make_nvp("fnv1a", fnv1a));
  }
};

/// The hotline's trainee seat of a call practice: the scenario's trainee section with the
/// command line's overrides (`faultline practise --routing --share`, one seat at least).
struct PracticeSeat {
  int seats = 1;
  std::string routing = "outage";  ///< as hotline::TraineeConfig::routing
  double share_pct = 10.0;         ///< as hotline::TraineeConfig::share_pct
  template <class Archive>
  void serialize(Archive& ar) {
    ar(cereal::make_nvp("seats", seats), cereal::make_nvp("routing", routing), cereal::make_nvp("share_pct", share_pct));
  }
};

/// A recorded run. Commands issued by automatic agents are not stored: the simulation makes
/// them again on replay.
struct Session {
  int version = kSessionVersion;
  std::string scenario_path;     ///< where the scenario came from (commitment sets are beside it)
  std::string scenario_text;     ///< the scenario exactly as run
  std::uint64_t seed = 1;
  std::uint32_t replication = 0;
  bool automatic_dispatcher = true;  ///< v1: agents in both seats; v2: true iff both seats are agents
  bool dispatch_trainee = false;     ///< v2: the trainee held the dispatch seat
  bool hotline_trainee = false;      ///< v2: the trainee held the hotline seat
  Time saved_at_ms = 0;          ///< sim time the session was saved at (autosaves mid-run)
  std::uint64_t events = 0;      ///< events fired by then
  std::string scorecard_fnv1a;   ///< hex FNV-1a of the scorecard at save time, for --verify
  std::vector<Command> commands; ///< trainee commands in the order applied
  /// v2: per command, the events fired before it was applied (empty in v1 files).
  std::vector<std::uint64_t> positions;
  /// Hex FNV-1a of scenario_text, so an edited copy is caught before it replays differently.
  std::string scenario_fnv1a;
  /// The commitment set the run was scored against, as its file read (a replay needs no folder);
  /// empty in sessions written before sets were embedded (then looked up beside scenario_path).
  std::string commitment_set_text;
  std::string commitment_set_fnv1a;  ///< hex FNV-1a of commitment_set_text
  /// v3: the typhoon's track file (typhoon.track_file) as the run read it; empty when the scenario
  /// names none (older sessions: looked up relative to the working directory).
  std::string track_file_text;
  std::string track_file_fnv1a;  ///< hex FNV-1a of track_file_text
  /// v3: a call practice (`faultline practise`): the hotline's trainee seat was a call desk with
  /// scripted callers, set up as practice_trainee says, choosing among call_scripts and judging
  /// typed replies by civil_language. False for drills (window or headless).
  bool practice = false;
  PracticeSeat practice_seat;               ///< the trainee seat as the practice ran it
  std::vector<EmbeddedFile> call_scripts;   ///< every script the desk could choose, in id order
  EmbeddedFile civil_language;              ///< the civil-language rules (assets/phrases/)
  /// Whether the hotline's trainee seat was a call desk (a practice, or a window drill with the
  /// hotline seat): then practice_seat, call_scripts and civil_language are recorded, and a
  /// replay attaches a desk built from them.
  bool has_call_desk() const { return practice || !call_scripts.empty(); }

  template <class Archive>
  void serialize(Archive& ar) {
    ar(cereal::make_nvp("version", version), cereal::make_nvp("scenario_path", scenario_path),
       cereal::make_nvp("scenario_text", scenario_text), cereal::make_nvp("seed", seed),
       cereal::make_nvp("replication", replication), cereal::make_nvp("automatic_dispatcher", automatic_dispatcher),
       cereal::make_nvp("saved_at_ms", saved_at_ms), cereal::make_nvp("events", events),
       cereal::make_nvp("scorecard_fnv1a", scorecard_fnv1a), cereal::make_nvp("commands", commands));
    if constexpr (Archive::is_loading::value) {
      ar(optional_nvp("dispatch_trainee", dispatch_trainee), optional_nvp("hotline_trainee", hotline_trainee),
         optional_nvp("positions", positions));
      ar(optional_nvp("scenario_fnv1a", scenario_fnv1a), optional_nvp("commitment_set_text", commitment_set_text),
         optional_nvp("commitment_set_fnv1a", commitment_set_fnv1a));
      ar(optional_nvp("track_file_text", track_file_text), optional_nvp("track_file_fnv1a", track_file_fnv1a),
         optional_nvp("practice", practice), optional_nvp("practice_seat", practice_seat),
         optional_nvp("call_scripts", call_scripts), optional_nvp("civil_language", civil_language));
    } else {
      ar(cereal::make_nvp("dispatch_trainee", dispatch_trainee), cereal::make_nvp("hotline_trainee", hotline_trainee),
         cereal::make_nvp("positions", positions));
      ar(cereal::make_nvp("scenario_fnv1a", scenario_fnv1a), cereal::make_nvp("commitment_set_text", commitment_set_text),
         cereal::make_nvp("commitment_set_fnv1a", commitment_set_fnv1a));
      ar(cereal::make_nvp("track_file_text", track_file_text), cereal::make_nvp("track_file_fnv1a", track_file_fnv1a),
         cereal::make_nvp("practice", practice));
      if (has_call_desk())  // a drill without the call desk stays as small as before
        ar(cereal::make_nvp("practice_seat", practice_seat), cereal::make_nvp("call_scripts", call_scripts),
           cereal::make_nvp("civil_language", civil_language));
    }
  }
};

/// Re-runs a session: a new simulator with the session's seed and options on `scenario` (parsed
/// from session.scenario_text), trainee commands re-applied at their recorded times, advanced to
/// `until`; at or past the scenario's end it runs to the end including the complaint follow-up.
/// A session with a call desk (has_call_desk) gets a desk built from its embedded scripts and
/// rules, owned by the simulator; scenario_from_session has checked that they parse (a session
/// whose scripts do not parse throws std::runtime_error naming the embedded file).
std::unique_ptr<Simulator> replay_session(const Session& session, const struct Scenario& scenario, Time until);
/// Captures a simulator's run so far as a session (trainee commands only).
Session capture_session(const Simulator& sim, const std::string& scenario_path, const std::string& scenario_text);
/// Serialises to JSON text.
std::string session_to_json(const Session& session);
/// Parses session JSON; every problem is recorded with its path (commands of unknown kind, out of
/// time order or before 0 included). Returns false on errors.
bool session_from_json(const std::string& text, Session& out, Problems& problems);
/// Rebuilds the scenario a session recorded from its embedded texts (scenario, commitment set and
/// track file, hashes checked; a practice's trainee section applied); sessions without an
/// embedded set look it up in `commitment_dirs`, without an embedded track beside the recorded
/// scenario_path. No file named by the scenario is opened when the
/// session embeds it. Problems carry paths inside the session ("faultline_session.scenario_text:
/// ..."). False on errors.
bool scenario_from_session(const Session& session, const std::vector<std::string>& commitment_dirs, struct Scenario& out,
                           Problems& problems);
/// Whether `kind` is a command kind this build knows (CommandKind's values).
bool known_command_kind(CommandKind kind);
/// FNV-1a hash of a text as 16 hex digits (used to check replayed scorecards).
std::string fnv1a_hex(const std::string& text);

}  // namespace fl
