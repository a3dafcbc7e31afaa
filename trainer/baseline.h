#pragma once
/// \file The baseline: when a trainee held the dispatcher's seat, the same scenario and seed are
/// played again by the automatic dispatcher to the same point in time, and the trainee's
/// scorecard gets a "baseline" section (customer-hours, complaints, commitments met, grade).
#include <cstdint>

#include "sim/core/time.h"
#include "sim/scoring/scorecard.h"

namespace fl {
struct Scenario;
class Simulator;
}  // namespace fl

namespace fl::trainer {

/// Plays `scenario` with `seed`/`replication` by the automatic dispatcher up to `until` (clamped
/// to the scenario's end) and returns its totals. Costs one more run of the same length.
scoring::RunTotals automatic_baseline(const Scenario& scenario, std::uint64_t seed, std::uint32_t replication, Time until);

/// If `sim` ran with a trainee in a seat (!options().seats.all_agents()), plays the
/// baseline to sim.now() and attaches it to sim's scorecard. Returns whether it did.
bool attach_baseline(Simulator& sim);

}  // namespace fl::trainer
