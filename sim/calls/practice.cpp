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

PracticeRun::PracticeRun(const Scenario& scenario, std::uint64_t seed, CallAssets assets) {
  RunOptions options;
  options.seed = seed;
  sim_ = std::make_unique<Simulator>(scenario, options);
  desk_ = std::make_unique<CallDesk>(sim_->scenario(), sim_->calendar(), sim_->world_grid(), std::move(assets.scripts),
                                     std::move(assets.rules), seed, 0);
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
  if (desk_->ringing().empty()) return CommandResult::refused("no call is ringing");
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
