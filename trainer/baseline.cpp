#include "trainer/baseline.h"

#include "sim/simulator.h"

namespace fl::trainer {

scoring::RunTotals automatic_baseline(const Scenario& scenario, std::uint64_t seed, std::uint32_t replication, Time until) {
  RunOptions options;
  options.seed = seed;
  options.replication = replication;
  options.seats = Seats::agents();
  Simulator baseline(scenario, options);
  // A run stopped at or past the drill's end carries its complaint follow-up: so does its baseline.
  if (until >= baseline.end_time()) baseline.run_to_end();
  else baseline.run_until(until);
  return scoring::run_totals(baseline);
}

bool attach_baseline(Simulator& sim) {
  if (sim.options().seats.all_agents()) return false;  // the run is its own baseline
  sim.set_baseline(automatic_baseline(sim.scenario(), sim.options().seed, sim.options().replication, sim.now()));
  return true;
}

}  // namespace fl::trainer
