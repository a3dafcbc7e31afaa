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
constexpr int kSessionVersion = 2;

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

  template <class Archive>
  void serialize(Archive& ar) {
    ar(cereal::make_nvp("version", version), cereal::make_nvp("scenario_path", scenario_path),
       cereal::make_nvp("scenario_text", scenario_text), cereal::make_nvp("seed", seed),
       cereal::make_nvp("replication", replication), cereal::make_nvp("automatic_dispatcher", automatic_dispatcher),
       cereal::make_nvp("saved_at_ms", saved_at_ms), cereal::make_nvp("events", events),
       cereal::make_nvp("scorecard_fnv1a", scorecard_fnv1a), cereal::make_nvp("commands", commands));
    if constexpr (std::is_same_v<Archive, JsonReader>) {
      ar(optional_nvp("dispatch_trainee", dispatch_trainee), optional_nvp("hotline_trainee", hotline_trainee),
         optional_nvp("positions", positions));
    } else {
      ar(cereal::make_nvp("dispatch_trainee", dispatch_trainee), cereal::make_nvp("hotline_trainee", hotline_trainee),
         cereal::make_nvp("positions", positions));
    }
  }
};

/// Re-runs a session: a new simulator with the session's seed and options on `scenario` (parsed
/// from session.scenario_text), trainee commands re-applied at their recorded times, advanced to
/// `until`; at or past the scenario's end it runs to the end including the complaint follow-up.
std::unique_ptr<Simulator> replay_session(const Session& session, const struct Scenario& scenario, Time until);
/// Captures a simulator's run so far as a session (trainee commands only).
Session capture_session(const Simulator& sim, const std::string& scenario_path, const std::string& scenario_text);
/// Serialises to JSON text.
std::string session_to_json(const Session& session);
/// Parses session JSON; every problem is recorded with its path. Returns false on errors.
bool session_from_json(const std::string& text, Session& out, Problems& problems);
/// FNV-1a hash of a text as 16 hex digits (used to check replayed scorecards).
std::string fnv1a_hex(const std::string& text);

}  // namespace fl
