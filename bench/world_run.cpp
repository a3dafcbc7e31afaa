// Google Benchmark: the default typhoon scenario (scenarios/coastal_city.json, ~100 k customers)
// run headless for 72 simulated hours through fl::Simulator with the automatic dispatcher.
// Budget (DESIGN.md): <= 0.5 s per run and peak RSS <= 500 MB; peak RSS is reported from
// getrusage(ru_maxrss) as the counter "peak_rss_mb".
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <ctime>
#include <string>

#include "sim/scenario/scenario.h"
#include "sim/simulator.h"
#include "sim/world/world.h"
#include "tests/sim/world/world_harness.h"

namespace {

fl::Scenario load(const std::string& path) {
  fl::Scenario s;
  fl::Problems problems;
  if (!fl::load_scenario(path, s, problems)) throw std::runtime_error(problems.format(path));
  return s;
}

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux reports KiB
}

// CPU time spent inside agent wakes (the dispatcher and hotline supervisor reading the view and
// deciding), per seat, to report their shares of a run.
struct WakeTimer final : fl::WakeObserver {
  static double cpu_now() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
  }
  double seconds[2] = {}, command_seconds[2] = {};  // per seat: whole turn, of which commands
  int seat = 0;
  double t0 = 0, c0 = 0;
  void before_agent(fl::Seat s) override {
    seat = static_cast<int>(s);
    t0 = cpu_now();
  }
  void after_agent(fl::Seat) override { seconds[seat] += cpu_now() - t0; }
  void before_command() override { c0 = cpu_now(); }
  void after_command() override { command_seconds[seat] += cpu_now() - c0; }
  double deciding(int s) const { return seconds[s] - command_seconds[s]; }
};

void BM_DefaultScenario72h(benchmark::State& state) {
  const fl::Scenario scenario = load(std::string(FAULTLINE_SOURCE_DIR) + "/scenarios/coastal_city.json");
  std::uint64_t events = 0, peak_out = 0, customers = 0, wakes = 0;
  WakeTimer timer;
  double total_cpu = 0;
  for (auto _ : state) {
    fl::Simulator sim(scenario, fl::RunOptions{scenario.seed, 0, true});
    sim.set_wake_observer(&timer);
    const double c0 = WakeTimer::cpu_now();
    sim.run_until(72 * fl::kHour);
    total_cpu += WakeTimer::cpu_now() - c0;
    wakes = sim.agent_wakes();
    events = sim.events_fired();
    customers = sim.world().customers_served();
    peak_out = 0;
    for (const auto& [h, n] : sim.world().curve()) peak_out = std::max(peak_out, n);
    benchmark::DoNotOptimize(sim.state_hash());
  }
  state.counters["events"] = static_cast<double>(events);
  state.counters["customers"] = static_cast<double>(customers);
  state.counters["peak_customers_out"] = static_cast<double>(peak_out);
  state.counters["peak_rss_mb"] = peak_rss_mb();
  state.counters["agent_wakes"] = static_cast<double>(wakes);
  // Share of the run's CPU (construction excluded) spent in agent wakes, and of that the agents'
  // own deciding (reading the view, ranking jobs, planning ETRs) without carrying out their
  // commands (routing a crew, switching, publishing): the dispatcher-round budget is <= 10 % of a
  // run. The view is built lazily, so building it is charged to the agent that reads it first.
  auto pct = [&](double s) { return total_cpu > 0 ? 100.0 * s / total_cpu : 0; };
  state.counters["agent_share_pct"] = pct(timer.seconds[0] + timer.seconds[1]);
  state.counters["deciding_share_pct"] = pct(timer.deciding(0) + timer.deciding(1));
  state.counters["dispatcher_deciding_pct"] = pct(timer.deciding(0));
  state.counters["supervisor_deciding_pct"] = pct(timer.deciding(1));
  state.counters["run_cpu_ms"] = 1000.0 * total_cpu / static_cast<double>(state.iterations());
}
BENCHMARK(BM_DefaultScenario72h)->Unit(benchmark::kMillisecond)->Iterations(3);

// The world alone (no hotline) over the same 72 h, to separate its share of the budget.
void BM_WorldOnly72h(benchmark::State& state) {
  const fl::Scenario scenario = load(std::string(FAULTLINE_SOURCE_DIR) + "/scenarios/coastal_city.json");
  for (auto _ : state) {
    fl::world::testing::Harness h(scenario, scenario.seed);
    h.run_until(72 * fl::kHour);
    benchmark::DoNotOptimize(h.world->state_hash());
  }
  state.counters["peak_rss_mb"] = peak_rss_mb();
}
BENCHMARK(BM_WorldOnly72h)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_WorldBuildOnly(benchmark::State& state) {
  const fl::Scenario scenario = load(std::string(FAULTLINE_SOURCE_DIR) + "/scenarios/coastal_city.json");
  for (auto _ : state) {
    fl::Simulator sim(scenario, fl::RunOptions{scenario.seed, 0, true});
    benchmark::DoNotOptimize(sim.state_hash());
  }
}
BENCHMARK(BM_WorldBuildOnly)->Unit(benchmark::kMillisecond)->Iterations(3);

// Writing the scorecard (what a headless run adds after the simulation), for the run above.
void BM_ScorecardJson(benchmark::State& state) {
  const fl::Scenario scenario = load(std::string(FAULTLINE_SOURCE_DIR) + "/scenarios/coastal_city.json");
  fl::Simulator sim(scenario, fl::RunOptions{scenario.seed, 0, true});
  sim.run_until(72 * fl::kHour);
  std::size_t bytes = 0;
  for (auto _ : state) {
    const std::string card = sim.scorecard_json();
    bytes = card.size();
    benchmark::DoNotOptimize(card.data());
  }
  state.counters["scorecard_mb"] = static_cast<double>(bytes) / 1e6;
}
BENCHMARK(BM_ScorecardJson)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
