#include "sim/calls/practice.h"

#include <algorithm>

namespace fl::calls {

bool load_call_assets(const std::string& assets_dir, CallAssets& out, std::string& problems) {
  out.scripts = load_script_folder(assets_dir + "/scripts", problems);
  Problems p;
  const std::string rules = assets_dir + "/phrases/civil_language.json";
  const bool ok = load_civil_language(rules, out.rules, p);
  problems += p.format(rules);
  return ok && !out.scripts.empty();
}

namespace {

EmbeddedFile embed(const std::string& name, const std::string& text) { return EmbeddedFile{name, text, fnv1a_hex(text)}; }

}  // namespace

std::unique_ptr<CallDesk> make_desk(const Simulator& sim, CallAssets assets) {
  std::sort(assets.scripts.begin(), assets.scripts.end(), [](const Script& a, const Script& b) { return a.id < b.id; });
  return std::make_unique<CallDesk>(sim.scenario(), sim.calendar(), sim.world_grid(), std::move(assets.scripts),
                                    std::move(assets.rules), sim.options().seed, sim.options().replication);
}

void record_desk(const CallDesk& desk, const hotline::TraineeConfig& seat, Session& session) {
  session.practice_seat = PracticeSeat{seat.seats, seat.routing, seat.share_pct};
  session.call_scripts.clear();
  for (const Script& s : desk.scripts()) session.call_scripts.push_back(embed(s.id + ".json", s.source_text));
  session.civil_language = embed("civil_language.json", desk.rules().source_text);
}

std::unique_ptr<CallDesk> desk_for_session(const Session& session, const Simulator& sim, Problems& problems) {
  CallAssets assets;
  if (!assets_from_session(session, assets, problems)) return nullptr;
  return make_desk(sim, std::move(assets));
}

PracticeRun::PracticeRun(const Scenario& scenario, std::uint64_t seed, CallAssets assets) {
  RunOptions options;
  options.seed = seed;
  sim_ = std::make_unique<Simulator>(scenario, options);
  desk_ = make_desk(*sim_, std::move(assets));
  sim_->set_trainee_desk(desk_.get());
}

PracticeRun::~PracticeRun() {
  if (sim_) sim_->set_trainee_desk(nullptr);
}

bool PracticeRun::wait_for_ring() {
  while (desk_->ringing().empty())
    if (!sim_->step()) return false;
  return true;
}

CommandResult PracticeRun::submit(Command c, Time at) {
  sim_->run_until(std::max(at, sim_->now()));
  c.by_trainee = true;
  return sim_->submit(std::move(c));
}

CommandResult PracticeRun::answer(Time at) {
  sim_->run_until(std::max(at, sim_->now()));
  if (desk_->ringing().empty()) return CommandResult::refused("call.none_ringing", {}, "no call is ringing");
  Command c;
  c.kind = CommandKind::kAnswerCall;
  c.target = static_cast<std::uint32_t>(desk_->ringing().front().call_id);
  return submit(std::move(c), at);
}

CommandResult PracticeRun::choose(std::size_t index, Time at) {
  Command c;
  c.kind = CommandKind::kChooseReply;
  c.target = static_cast<std::uint32_t>(desk_->current_call_id());
  c.value = static_cast<std::int64_t>(index);
  return submit(std::move(c), at);
}

CommandResult PracticeRun::type(const std::string& text, Time at) {
  Command c;
  c.kind = CommandKind::kChooseReply;
  c.target = static_cast<std::uint32_t>(desk_->current_call_id());
  c.value = -1;
  c.text = text;
  return submit(std::move(c), at);
}

std::vector<Command> PracticeRun::trainee_commands() const {
  std::vector<Command> out;
  for (const LoggedCommand& l : sim_->command_log())
    if (l.command.by_trainee) out.push_back(l.command);
  return out;
}

Session PracticeRun::capture(const std::string& scenario_path, const std::string& scenario_text) const {
  Session s = capture_session(*sim_, scenario_path, scenario_text);  // records the desk too
  s.practice = true;
  return s;
}

bool assets_from_session(const Session& session, CallAssets& out, Problems& problems) {
  CallAssets assets;
  for (std::size_t i = 0; i < session.call_scripts.size(); ++i) {
    const EmbeddedFile& f = session.call_scripts[i];
    Problems p;
    Script script;
    if (parse_script(f.text, script, p)) assets.scripts.push_back(std::move(script));
    problems.add_under(p, index_path("faultline_session.call_scripts", i) + "(" + f.name + ")");
  }
  Problems p;
  parse_civil_language(session.civil_language.text, assets.rules, p);
  problems.add_under(p, "faultline_session.civil_language(" + session.civil_language.name + ")");
  if (assets.scripts.empty() && !problems.has_errors())
    problems.error("faultline_session.call_scripts", "found no scripts", "the call scripts the practice ran with");
  if (problems.has_errors()) return false;
  out = std::move(assets);
  return true;
}

std::unique_ptr<PracticeRun> replay_practice_session(const Session& session, const Scenario& scenario, CallAssets assets) {
  auto run = std::make_unique<PracticeRun>(scenario, session.seed, std::move(assets));
  Simulator& sim = run->sim();
  for (std::size_t i = 0; i < session.commands.size(); ++i) {
    const Command& command = session.commands[i];
    if (i < session.positions.size()) sim.replay_to(session.positions[i], command.time);
    else sim.run_until(command.time);
    sim.submit(command);
  }
  // The live practice stopped between events (a ring is waited for one event at a time).
  sim.replay_to(session.events, session.saved_at_ms);
  return run;
}

std::unique_ptr<PracticeRun> replay_practice(const Scenario& scenario, std::uint64_t seed, CallAssets assets,
                                             const std::vector<Command>& commands) {
  auto run = std::make_unique<PracticeRun>(scenario, seed, std::move(assets));
  for (const Command& c : commands) {
    run->sim().run_until(c.time);
    run->sim().submit(c);
  }
  return run;
}

}  // namespace fl::calls
