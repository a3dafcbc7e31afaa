// M/M/n+M call centre through the full engine (fl::Simulator on scenarios/hotline_steady.json):
// λ = 0.2 calls/s, AHT 240 s exponential, 48 agents, exponential patience 180 s, 500 simulated
// hours. Reports calls_per_s (calls offered per CPU second); compare with bench/simpy_mmn.py
// (same model in SimPy 3) — see scenarios/docs/hotline.md for the ratio and the budget (≥ 30×).
#include <benchmark/benchmark.h>

#include <string>

#include "sim/hotline/hotline.h"
#include "sim/scenario/scenario.h"
#include "sim/simulator.h"

namespace {

fl::Scenario mmn_scenario() {
  fl::Scenario s;
  fl::Problems p;
  if (!fl::load_scenario(std::string(FAULTLINE_SOURCE_DIR) + "/scenarios/hotline_steady.json", s, p))
    throw std::runtime_error(p.format("hotline_steady.json"));
  s.duration_hours = 500;
  s.hotline.customers.background_calls_per_hour = 0.2 * 3600;
  s.hotline.hotline.aht.enquiry_s = 240;
  s.hotline.hotline.default_seats = 48;
  s.hotline.hotline.patience_distribution = "exponential";
  s.hotline.hotline.mean_patience_s = 180;
  return s;
}

void BM_HotlineMMnM(benchmark::State& state) {
  const fl::Scenario s = mmn_scenario();
  std::uint64_t calls = 0, seed = 1;
  double p_abandon = 0, p_wait = 0;
  for (auto _ : state) {
    fl::Simulator sim(s, fl::RunOptions{seed++, 0, true});
    sim.run_to_end();
    const auto& t = sim.hotline().totals();
    calls += t.offered;
    p_abandon = static_cast<double>(t.abandoned) / static_cast<double>(t.offered);
    p_wait = static_cast<double>(t.waited) / static_cast<double>(t.offered);
    benchmark::DoNotOptimize(t);
  }
  state.counters["calls_per_s"] = benchmark::Counter(static_cast<double>(calls), benchmark::Counter::kIsRate);
  state.counters["p_abandon"] = p_abandon;
  state.counters["p_wait"] = p_wait;
}
BENCHMARK(BM_HotlineMMnM)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
