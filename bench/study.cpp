// Staffing-study throughput: runs per second of the default drill on 1 and 2 threads (budget:
// ≥ 1.8× on 2 threads), 1000 runs (budget ≤ 5 min on this machine) with peak RSS after 100 and
// after 1000 runs (budget: flat), and the share of a run spent building the simulator (site,
// grid, roads, geometry, wind field and the storm's damage draws) — the most a shared immutable
// site could save. Results go through the study database as `faultline study` does.
//
//   build/release/bench/bench_study --benchmark_filter='Threads|Construction'
//   build/release/bench/bench_study --benchmark_filter=Thousand
#include <benchmark/benchmark.h>
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <string>

#include "sim/run/study.h"
#include "sim/scenario/scenario.h"
#include "sim/simulator.h"
#include "trainer/records_db.h"

namespace {

fl::run::Variant default_drill() {
  fl::run::Variant v;
  fl::Problems p;
  const std::string path = std::string(FAULTLINE_SOURCE_DIR) + "/scenarios/coastal_city.json";
  if (!fl::load_scenario(path, v.scenario, p)) throw std::runtime_error(p.format(path));
  v.id = "default";
  v.seats = fl::run::seats_by_half_hour(v.scenario);
  for (int s : v.seats) v.agent_hours += 0.5 * s;
  return v;
}

double peak_rss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;  // Linux reports KiB
}

double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + 1e-6 * static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

/// Runs `runs` replications of the default drill on `threads`, storing each in a temporary study
/// database; returns wall seconds. `rss_at_100` receives the peak RSS after the 100th run.
double run_study(unsigned threads, std::uint32_t runs, double* rss_at_100) {
  const std::vector<fl::run::Variant> variants{default_drill()};
  std::vector<std::uint64_t> seeds;
  std::vector<fl::run::RunKey> keys;
  for (std::uint32_t r = 0; r < runs; ++r) {
    seeds.push_back(20240915 + r);
    keys.push_back({0, r});
  }
  const std::string path = (std::filesystem::temp_directory_path() / ("bench_study_" + std::to_string(::getpid()) + ".sqlite")).string();
  std::filesystem::remove(path);
  double wall = 0;
  {
    fl::trainer::StudyDb db(path);
    std::size_t done = 0;
    const auto start = std::chrono::steady_clock::now();
    fl::run::run_parallel(variants, seeds, keys, threads,
                          [&](fl::run::RunRecord&& r) {
                            db.insert(r);
                            if (++done == 100 && rss_at_100) *rss_at_100 = peak_rss_mb();
                          },
                          nullptr);
    wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  std::filesystem::remove(path);
  return wall;
}

// Runs per second on 1 and 2 threads: 8 runs per iteration so both threads stay busy.
void BM_StudyThreads(benchmark::State& state) {
  const auto threads = static_cast<unsigned>(state.range(0));
  constexpr std::uint32_t kRuns = 8;
  double wall = 0, cpu = 0;
  for (auto _ : state) {
    const double cpu0 = cpu_seconds();
    wall += run_study(threads, kRuns, nullptr);
    cpu += cpu_seconds() - cpu0;
  }
  const double n = static_cast<double>(state.iterations() * kRuns);
  state.counters["runs_per_s"] = n / wall;
  state.counters["cpu_s_per_run"] = cpu / n;
}
BENCHMARK(BM_StudyThreads)->Arg(1)->Arg(2)->Iterations(2)->Unit(benchmark::kSecond)->UseRealTime();

// The share of a run spent in the Simulator's constructor (what a shared site could save at most).
void BM_StudyConstructionShare(benchmark::State& state) {
  const fl::run::Variant v = default_drill();
  double build = 0, total = 0;
  std::uint64_t seed = 1;
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    fl::Simulator sim(v.scenario, fl::RunOptions{seed++, 0, true});
    const auto t1 = std::chrono::steady_clock::now();
    sim.run_to_end();
    const auto t2 = std::chrono::steady_clock::now();
    build += std::chrono::duration<double>(t1 - t0).count();
    total += std::chrono::duration<double>(t2 - t0).count();
  }
  state.counters["construct_ms"] = 1000 * build / static_cast<double>(state.iterations());
  state.counters["run_ms"] = 1000 * total / static_cast<double>(state.iterations());
  state.counters["construct_pct"] = 100 * build / total;
}
BENCHMARK(BM_StudyConstructionShare)->Iterations(10)->Unit(benchmark::kMillisecond);

// 1000 runs of the default drill on 2 threads, with peak RSS after 100 and after 1000 runs.
void BM_StudyThousandRuns(benchmark::State& state) {
  double wall = 0, rss100 = 0;
  for (auto _ : state) wall = run_study(2, 1000, &rss100);
  state.counters["wall_s"] = wall;
  state.counters["peak_rss_mb_at_100"] = rss100;
  state.counters["peak_rss_mb_at_1000"] = peak_rss_mb();
}
BENCHMARK(BM_StudyThousandRuns)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
