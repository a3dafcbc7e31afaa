#include "trainer/debrief/counterfactual.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "sim/simulator.h"

namespace fl::trainer::debrief {

namespace {
// Ranking rates: what one breach, one important-customer minute and one complaint count for, in
// customer-minutes. A breach stands for a late crew at ~100 customers for ~1 h; an important
// customer (hospital, water works) weighs as 50 ordinary ones; a complaint as 1,000 customer-minutes.
constexpr double kBreachCm = 6000, kImportantWeight = 50, kComplaintCm = 1000;
}  // namespace

double DecisionCost::weight() const {
  return saved.customer_minutes + kBreachCm * saved.breaches + kImportantWeight * saved.important_minutes +
         kComplaintCm * saved.complaints;
}

std::vector<Command> without(const std::vector<Command>& commands, std::size_t skip) {
  std::vector<Command> out;
  out.reserve(commands.size());
  for (std::size_t i = 0; i < commands.size(); ++i)
    if (i != skip) out.push_back(commands[i]);
  return out;
}

std::vector<Command> delayed(const std::vector<Command>& commands, std::size_t index, Time delay_ms) {
  std::vector<Command> out = without(commands, index);
  if (index >= commands.size()) return out;
  Command moved = commands[index];
  moved.time += delay_ms;
  // After every command due at or before the new time, so the order stays the recorded one.
  const auto at = std::upper_bound(out.begin(), out.end(), moved.time, [](Time t, const Command& c) { return t < c.time; });
  out.insert(at, moved);
  return out;
}

Outcome replay_outcome(const Session& session, const Scenario& scenario, const std::vector<Command>& commands) {
  Session variant = session;
  variant.commands = commands;
  const auto sim = replay_session(variant, scenario, session.saved_at_ms);
  return measure(*sim);
}

bool weighed_by_replay(const Command& c) {
  return c.kind != CommandKind::kAnswerCall && c.kind != CommandKind::kChooseReply;
}

std::vector<DecisionCost> weigh_decisions(const Session& session, const Scenario& scenario, unsigned threads,
                                          const std::function<void(std::size_t, std::size_t)>& progress,
                                          const std::atomic<bool>* cancel) {
  // A call's answer and replies are judged by the call's checkpoints, not by replay: without one
  // of them the rest of the conversation no longer fits, and a reply 30 minutes late is no reply.
  std::vector<std::size_t> weighed;
  for (std::size_t k = 0; k < session.commands.size(); ++k)
    if (weighed_by_replay(session.commands[k])) weighed.push_back(k);
  const std::size_t n = weighed.size();
  // Job 0: the session as recorded; 2k+1: without weighed command k; 2k+2: it delayed.
  const std::size_t jobs = 1 + 2 * n;
  std::vector<Outcome> outcomes(jobs);
  // Without a mutual-aid request the offer's crews come at another time or not at all; how they
  // were used then is what explains the request's worth (one slot per weighed command, written by one job).
  std::vector<std::optional<AidUse>> aid_without(n);
  std::atomic<std::size_t> next{0};
  std::size_t done = 0;
  std::mutex mutex;
  std::condition_variable changed;
  auto work = [&] {
    for (std::size_t j = next++; j < jobs; j = next++) {
      if (cancel && cancel->load()) {  // skipped runs count as done, so the wait below ends
        std::lock_guard lock(mutex);
        ++done;
        changed.notify_one();
        continue;
      }
      std::vector<Command> commands = j == 0 ? session.commands
                                      : (j % 2 == 1) ? without(session.commands, weighed[(j - 1) / 2])
                                                     : delayed(session.commands, weighed[(j - 2) / 2], kDecisionDelay);
      Session variant = session;
      variant.commands = std::move(commands);
      const auto sim = replay_session(variant, scenario, session.saved_at_ms);
      outcomes[j] = measure(*sim);
      if (j % 2 == 1) {
        const Command& left_out = session.commands[weighed[(j - 1) / 2]];
        if (left_out.kind == CommandKind::kRequestMutualAid) aid_without[(j - 1) / 2] = aid_use(*sim, left_out.target);
      }
      std::lock_guard lock(mutex);
      ++done;
      changed.notify_one();
    }
  };
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, jobs));
  std::vector<std::thread> pool;
  for (unsigned i = 0; i < threads; ++i) pool.emplace_back(work);
  {
    std::unique_lock lock(mutex);
    std::size_t shown = static_cast<std::size_t>(-1);
    while (true) {
      if (done != shown) {
        shown = done;
        if (progress) {
          lock.unlock();
          progress(shown, jobs);
          lock.lock();
        }
      }
      if (done == jobs) break;
      changed.wait(lock, [&] { return done != shown; });
    }
  }
  for (std::thread& t : pool) t.join();
  if (cancel && cancel->load()) return {};

  std::vector<DecisionCost> costs;
  costs.reserve(n);
  const Outcome& as_run = outcomes[0];
  auto minus = [](const Outcome& a, const Outcome& b) {
    return Outcome{a.customer_minutes - b.customer_minutes, a.breaches - b.breaches, a.important_minutes - b.important_minutes,
                   a.complaints - b.complaints};
  };
  for (std::size_t k = 0; k < n; ++k) {
    DecisionCost c;
    c.command = weighed[k];
    c.hours = to_hours(session.commands[weighed[k]].time);
    c.saved = minus(outcomes[2 * k + 1], as_run);
    c.delay_cost = minus(outcomes[2 * k + 2], as_run);
    c.aid_without = std::move(aid_without[k]);
    costs.push_back(std::move(c));
  }
  return costs;
}

void describe_costs(const Simulator& as_run, std::vector<DecisionCost>& costs) {
  std::vector<std::size_t> log_index;
  for (std::size_t i = 0; i < as_run.command_log().size(); ++i)
    if (as_run.command_log()[i].command.by_trainee) log_index.push_back(i);
  for (DecisionCost& c : costs) {
    if (c.command >= log_index.size()) continue;
    const LoggedCommand& logged = as_run.command_log()[log_index[c.command]];
    c.what = describe_command(as_run, log_index[c.command]);
    c.accepted = logged.result.accepted;
    if (c.accepted && c.aid_without && logged.command.kind == CommandKind::kRequestMutualAid)
      c.why = explain_aid(aid_use(as_run, logged.command.target), *c.aid_without, c.saved.customer_minutes / 60.0);
  }
}

std::vector<DecisionCost> top_decisions(std::vector<DecisionCost> costs, std::size_t n) {
  std::stable_sort(costs.begin(), costs.end(),
                   [](const DecisionCost& a, const DecisionCost& b) { return std::fabs(a.weight()) > std::fabs(b.weight()); });
  if (costs.size() > n) costs.resize(n);
  return costs;
}

}  // namespace fl::trainer::debrief
