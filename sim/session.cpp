#include "sim/session.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <cereal/archives/json.hpp>
#include <cstdio>
#include <sstream>

#include "sim/scenario/json_reader.h"
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
  for (const LoggedCommand& logged : sim.command_log())
    if (logged.command.by_trainee) {
      s.commands.push_back(logged.command);
      s.positions.push_back(logged.position);
    }
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
  doc.Parse(text.c_str(), text.size());
  if (doc.HasParseError()) {
    problems.error("", std::string("malformed JSON at byte ") + std::to_string(doc.GetErrorOffset()) + ": " +
                           rapidjson::GetParseError_En(doc.GetParseError()),
                   "a Faultline session file");
    return false;
  }
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
  for (std::size_t i = 1; i < session.commands.size(); ++i)
    if (session.commands[i].time < session.commands[i - 1].time)
      problems.error(index_path("faultline_session.commands", i) + ".time_ms",
                     "found " + std::to_string(session.commands[i].time),
                     "commands in time order (>= " + std::to_string(session.commands[i - 1].time) + ")");
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

}  // namespace fl
