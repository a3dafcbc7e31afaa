#pragma once
/// \file Decision cost by counterfactual replay. A run is scenario + seed + command log, so each
/// trainee decision can be weighed by re-running the session without it, and with it 30 minutes
/// later, and comparing the outcomes. Runs go to a pool of std::threads (one Simulator each; a
/// Simulator is not shared between threads), with a progress bar on stderr.
#include <atomic>
#include <cstddef>
#include <functional>
#include <optional>
#include <vector>

#include "sim/session.h"
#include "trainer/debrief/aid.h"
#include "trainer/debrief/debrief.h"

namespace fl::trainer::debrief {

/// How much a decision was worth: (outcome without it) − (outcome with it), so a positive
/// customer_minutes means the decision saved customer-minutes; and the cost of delaying it.
struct DecisionCost {
  std::size_t command = 0;     ///< index into the session's (trainee) commands
  double hours = 0;            ///< when it was given, hours since the start
  Finding what;                ///< the decision in plain terms
  bool accepted = false;
  Outcome saved;               ///< without − with: what the decision gained (negative: cost)
  Outcome delay_cost;          ///< 30 min later − as given: what a delay would have cost
  /// A mutual-aid request: how the offer's crews were used in the run without it (measured by
  /// weigh_decisions on that replay), so describe_costs can say why the request gained or cost.
  std::optional<AidUse> aid_without;
  /// Why the result is what it is, from the runs' data (an empty key: nothing to add). Set by
  /// describe_costs for mutual-aid requests, where earlier is not always better.
  Finding why;
  /// Signed size used for ranking: customer-minutes saved, with breaches, important-customer
  /// minutes and complaints folded in at documented rates (see counterfactual.cpp).
  double weight() const;
};

/// The trainee commands of `session` without command `skip`, or with it moved `delay_ms` later
/// (kept in time order; commands at equal times keep their order).
std::vector<Command> without(const std::vector<Command>& commands, std::size_t skip);
std::vector<Command> delayed(const std::vector<Command>& commands, std::size_t index, Time delay_ms);

/// Runs `session` on `scenario` with `commands` in place of its own, to the session's save point
/// (or the end with the follow-up), and measures it.
Outcome replay_outcome(const Session& session, const Scenario& scenario, const std::vector<Command>& commands);

/// Whether weigh_decisions weighs `c` by replay (every command but a call's answer and replies).
bool weighed_by_replay(const Command& c);

/// Weighs every trainee command of `session` but a call's answer and replies (those are scored by
/// the call's checkpoints) — 2 runs each + 1 for the session as recorded — on
/// `threads` threads (0: hardware concurrency). `progress(done, total)` is called from the
/// calling thread only. Results are in command order and do not depend on `threads`. When
/// `*cancel` turns true (the window closing), runs not yet started are skipped and the result
/// is empty.
std::vector<DecisionCost> weigh_decisions(const Session& session, const Scenario& scenario, unsigned threads,
                                          const std::function<void(std::size_t, std::size_t)>& progress = {},
                                          const std::atomic<bool>* cancel = nullptr);

/// Fills each cost's `what` and `accepted` from `as_run`, the session replayed as recorded, and
/// `why` for accepted mutual-aid requests (their crews' use in `as_run` against aid_without).
void describe_costs(const Simulator& as_run, std::vector<DecisionCost>& costs);

/// The `n` decisions that gained or cost most (by |weight|), largest first.
std::vector<DecisionCost> top_decisions(std::vector<DecisionCost> costs, std::size_t n);

/// The delay tried for each decision.
constexpr Time kDecisionDelay = 30 * kMinute;

}  // namespace fl::trainer::debrief
