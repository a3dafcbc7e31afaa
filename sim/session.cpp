#include "sim/session.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <cereal/archives/json.hpp>
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <stdexcept>

#include "sim/calls/desk.h"
#include "sim/calls/practice.h"
#include "sim/scenario/json_reader.h"
#include "sim/scenario/scenario.h"
#include "sim/simulator.h"

namespace fl {

namespace {
/// The file's root object, holding the session under one key.
struct SessionFile {
  Session& session;
  template <class Archive>
  void serialize(Archive& ar) {
    ar(cereal::make_nvp("faultline_session", session));
  }
};
}  // namespace

std::string fnv1a_hex(const std::string& text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

Session capture_session(const Simulator& sim, const std::string& scenario_path, const std::string& scenario_text) {
  Session s;
  s.scenario_path = scenario_path;
  s.scenario_text = scenario_text;
  s.seed = sim.options().seed;
  s.replication = sim.options().replication;
  s.automatic_dispatcher = sim.options().seats.all_agents();
  s.dispatch_trainee = sim.options().seats.dispatch == Holder::kTrainee;
  s.hotline_trainee = sim.options().seats.hotline == Holder::kTrainee;
  s.saved_at_ms = sim.now();
  s.events = sim.events_fired();
  s.scorecard_fnv1a = fnv1a_hex(sim.scorecard_json());
  s.scenario_fnv1a = fnv1a_hex(scenario_text);
  s.commitment_set_text = sim.scenario().commitment_set_text;
  if (!s.commitment_set_text.empty()) s.commitment_set_fnv1a = fnv1a_hex(s.commitment_set_text);
  s.track_file_text = sim.scenario().track_file_text;
  if (!s.track_file_text.empty()) s.track_file_fnv1a = fnv1a_hex(s.track_file_text);
  for (const LoggedCommand& logged : sim.command_log())
    if (logged.command.by_trainee) {
      s.commands.push_back(logged.command);
      s.positions.push_back(logged.position);
    }
  // A trainee seat held by a call desk: its scripts and rules go with the run, so the replay
  // answers the same callers with the same lines.
  if (const auto* desk = dynamic_cast<const calls::CallDesk*>(sim.trainee_desk()))
    calls::record_desk(*desk, sim.scenario().hotline.trainee, s);
  return s;
}

std::unique_ptr<Simulator> replay_session(const Session& session, const Scenario& scenario, Time until) {
  RunOptions options;
  options.seed = session.seed;
  options.replication = session.replication;
  if (session.version >= 2)
    options.seats = Seats(session.dispatch_trainee ? Holder::kTrainee : Holder::kAgent,
                          session.hotline_trainee ? Holder::kTrainee : Holder::kAgent);
  else
    options.seats = Seats::from_flag(session.automatic_dispatcher);
  auto sim = std::make_unique<Simulator>(scenario, options);
  if (session.has_call_desk()) {
    Problems problems;
    auto desk = calls::desk_for_session(session, *sim, problems);
    if (!desk) throw std::runtime_error(problems.format("session"));
    sim->own_trainee_desk(std::move(desk));
  }
  const bool positioned = session.positions.size() == session.commands.size() && session.version >= 2;
  for (std::size_t i = 0; i < session.commands.size(); ++i) {
    const Command& command = session.commands[i];
    if (positioned) {
      // Exactly where the live run applied it in the event sequence (same time, same state).
      sim->replay_to(session.positions[i], command.time);
    } else {
      // Version 1: the command came after every event up to its time.
      sim->run_until(command.time);
    }
    sim->submit(command);
  }
  // A recording saved at or after the scenario's end includes the complaint follow-up.
  if (until >= sim->end_time()) {
    sim->run_to_end();
  } else {
    sim->run_until(until);
  }
  return sim;
}

std::string session_to_json(const Session& session) {
  std::ostringstream out;
  {
    cereal::JSONOutputArchive archive(out);
    archive(cereal::make_nvp("faultline_session", session));
  }
  return out.str() + "\n";
}

bool session_from_json(const std::string& text, Session& out, Problems& problems) {
  rapidjson::Document doc;
  if (!parse_json(text, doc, problems)) return false;
  if (!doc.IsObject() || !doc.HasMember("faultline_session")) {
    problems.error("", "no \"faultline_session\" object", "a Faultline session file");
    return false;
  }
  const rapidjson::Value& body = doc["faultline_session"];
  if (body.IsObject() && body.HasMember("version") && body["version"].IsInt() &&
      (body["version"].GetInt() < 1 || body["version"].GetInt() > kSessionVersion)) {
    problems.error("faultline_session.version", "found " + std::to_string(body["version"].GetInt()),
                   "1 to " + std::to_string(kSessionVersion));
    return false;
  }
  Session session;
  {
    SessionFile file{session};
    JsonReader reader(doc, problems);
    reader(file);
  }
  for (std::size_t i = 0; i < session.commands.size(); ++i) {
    const Command& c = session.commands[i];
    const std::string at = index_path("faultline_session.commands", i);
    if (!known_command_kind(c.kind))
      problems.error(join_path(at, "kind"), "found " + std::to_string(static_cast<unsigned>(c.kind)),
                     "a command kind this build knows (0-5 for the world, 100-104 for the hotline)");
    if (c.time < 0)
      problems.error(join_path(at, "time_ms"), "found " + std::to_string(c.time), "a time >= 0 (ms since the start)");
    else if (i > 0 && c.time < session.commands[i - 1].time)
      problems.error(join_path(at, "time_ms"), "found " + std::to_string(c.time),
                     "commands in time order (>= " + std::to_string(session.commands[i - 1].time) + ")");
  }
  if (session.saved_at_ms < 0)
    problems.error("faultline_session.saved_at_ms", "found " + std::to_string(session.saved_at_ms), "a time >= 0");
  if (!session.scenario_fnv1a.empty() && session.scenario_fnv1a != fnv1a_hex(session.scenario_text))
    problems.error("faultline_session.scenario_text", "text whose hash is " + fnv1a_hex(session.scenario_text),
                   "the recorded scenario (hash " + session.scenario_fnv1a + "); the session was edited");
  if (!session.commitment_set_fnv1a.empty() && session.commitment_set_fnv1a != fnv1a_hex(session.commitment_set_text))
    problems.error("faultline_session.commitment_set_text", "text whose hash is " + fnv1a_hex(session.commitment_set_text),
                   "the recorded commitment set (hash " + session.commitment_set_fnv1a + "); the session was edited");
  auto check_hash = [&problems](const std::string& path, const std::string& embedded, const std::string& recorded,
                                const std::string& what) {
    if (recorded.empty() || recorded == fnv1a_hex(embedded)) return;
    problems.error(path, "text whose hash is " + fnv1a_hex(embedded),
                   "the recorded " + what + " (hash " + recorded + "); the session was edited");
  };
  check_hash("faultline_session.track_file_text", session.track_file_text, session.track_file_fnv1a, "track file");
  if (!session.track_file_text.empty() && session.track_file_fnv1a.empty())
    problems.error("faultline_session.track_file_fnv1a", "found no hash", "the hash of the embedded track file");
  if (session.has_call_desk()) {
    if (session.call_scripts.empty())
      problems.error("faultline_session.call_scripts", "found no scripts", "the call scripts the practice ran with");
    for (std::size_t i = 0; i < session.call_scripts.size(); ++i) {
      const EmbeddedFile& f = session.call_scripts[i];
      if (f.fnv1a.empty())
        problems.error(join_path(index_path("faultline_session.call_scripts", i), "fnv1a"), "found no hash",
                       "the hash of the embedded script");
      check_hash(join_path(index_path("faultline_session.call_scripts", i), "text"), f.text, f.fnv1a, "call script");
    }
    if (session.civil_language.text.empty() || session.civil_language.fnv1a.empty())
      problems.error("faultline_session.civil_language", "found no rules or no hash",
                     "the civil-language rules the practice ran with, and their hash");
    check_hash("faultline_session.civil_language.text", session.civil_language.text, session.civil_language.fnv1a,
               "civil-language rules");
  }
  if (!session.positions.empty() && session.positions.size() != session.commands.size())
    problems.error("faultline_session.positions", "found " + std::to_string(session.positions.size()) + " positions",
                   "one per command (" + std::to_string(session.commands.size()) + ")");
  for (std::size_t i = 1; i < session.positions.size(); ++i)
    if (session.positions[i] < session.positions[i - 1])
      problems.error(index_path("faultline_session.positions", i), "found " + std::to_string(session.positions[i]),
                     "positions in event order (>= " + std::to_string(session.positions[i - 1]) + ")");
  if (problems.has_errors()) return false;
  out = std::move(session);
  return true;
}

bool known_command_kind(CommandKind kind) {
  // No default: a new CommandKind makes the compiler point here, so replays learn it too.
  switch (kind) {
    case CommandKind::kAssignCrew:
    case CommandKind::kPatrol:
    case CommandKind::kOperateSwitch:
    case CommandKind::kSendHome:
    case CommandKind::kRequestMutualAid:
    case CommandKind::kPreposition:
    case CommandKind::kPublishOutage:
    case CommandKind::kAnswerCall:
    case CommandKind::kChooseReply:
    case CommandKind::kOpenWorkOrder:
    case CommandKind::kCloseWorkOrder:
      return true;
  }
  return false;
}

bool scenario_from_session(const Session& session, const std::vector<std::string>& commitment_dirs, Scenario& out,
                           Problems& problems) {
  Scenario scenario;
  Problems scenario_problems;
  const bool embedded = !session.commitment_set_text.empty();
  const bool parsed = parse_scenario(session.scenario_text, embedded ? std::vector<std::string>{} : commitment_dirs,
                                     scenario, scenario_problems,
                                     // Older sessions: the track beside the scenario as recorded.
                                     std::filesystem::path(session.scenario_path).parent_path().string(),
                                     session.track_file_text.empty() ? nullptr : &session.track_file_text);
  problems.add_under(scenario_problems, "faultline_session.scenario_text");
  if (!parsed) return false;
  if (embedded) {
    Problems set_problems;
    if (scoring::parse_commitment_set(session.commitment_set_text, scenario.commitments, set_problems) &&
        scenario.commitments.id != scenario.commitment_set)
      set_problems.error("id", "found \"" + scenario.commitments.id + "\"",
                         "\"" + scenario.commitment_set + "\" (the scenario's commitment_set)");
    problems.add_under(set_problems, "faultline_session.commitment_set_text");
    if (set_problems.has_errors()) return false;
    scenario.commitment_set_text = session.commitment_set_text;
  }
  if (session.has_call_desk()) {  // the trainee seat as the practice or the window ran it
    scenario.hotline.trainee.seats = session.practice_seat.seats;
    scenario.hotline.trainee.routing = session.practice_seat.routing;
    scenario.hotline.trainee.share_pct = session.practice_seat.share_pct;
    Problems seat_problems;
    scenario.hotline.validate(seat_problems);
    if (scenario.hotline.trainee.seats < 1) seat_problems.error("seats", "found 0", "at least one trainee seat");
    problems.add_under(seat_problems, "faultline_session.practice_seat");
    if (seat_problems.has_errors()) return false;
    calls::CallAssets assets;  // the desk a replay builds: its scripts and rules must parse
    if (!calls::assets_from_session(session, assets, problems)) return false;
  }
  out = std::move(scenario);
  return true;
}

}  // namespace fl
