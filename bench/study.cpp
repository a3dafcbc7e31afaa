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
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <memory>
#include <chrono>
#include <filesystem>
#include <string>

#include "sim/run/study.h"
#include "sim/scenario/scenario.h"
#include "sim/simulator.h"
#include "sim/world/area.h"
#include "sim/world/geometry.h"
#include "sim/world/grid.h"
#include "sim/world/roads.h"
#include "sim/world/typhoon.h"
#include "sim/world/wind_field.h"
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

/// CPU time of the calling thread: unlike wall time, not inflated when other work shares the cores.
double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
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
    const double t0 = thread_cpu_seconds();
    fl::Simulator sim(v.scenario, fl::RunOptions{seed++, 0, true});
    const double t1 = thread_cpu_seconds();
    sim.run_to_end();
    const double t2 = thread_cpu_seconds();
    build += t1 - t0;
    total += t2 - t0;
  }
  // CPU of this thread, so other load on the machine does not distort the share.
  state.counters["construct_cpu_ms"] = 1000 * build / static_cast<double>(state.iterations());
  state.counters["run_cpu_ms"] = 1000 * total / static_cast<double>(state.iterations());
  state.counters["construct_pct"] = 100 * build / total;
}
BENCHMARK(BM_StudyConstructionShare)->Iterations(10)->Unit(benchmark::kMillisecond);

// The immutable site alone, built as World's constructor builds it (area, grid, roads, geometry,
// typhoon and wind field): what a Site shared across runs would save per run, in thread CPU.
void BM_StudySiteBuild(benchmark::State& state) {
  const fl::run::Variant v = default_drill();
  const fl::world::WorldConfig& cfg = v.scenario.world;
  const auto end = static_cast<fl::Time>(std::llround(v.scenario.duration_hours * static_cast<double>(fl::kHour)));
  double cpu = 0;
  for (auto _ : state) {
    const double t0 = thread_cpu_seconds();
    fl::world::Area area = fl::world::generate_area(cfg.area);
    fl::world::Grid grid = fl::world::build_grid(area, cfg.grid);
    fl::world::Roads roads;
    roads.build(area, cfg.crews, cfg.area.road_spacing_cells);
    fl::world::Geometry geometry;
    const auto& nodes = grid.nodes();
    for (std::uint32_t i = 0; i < grid.edges().size(); ++i) {
      const auto& e = grid.edges()[i];
      geometry.add_span(i, nodes[e.child].x_m, nodes[e.child].y_m, nodes[e.parent].x_m, nodes[e.parent].y_m);
    }
    for (std::uint32_t i = 0; i < roads.links().size(); ++i) {
      const auto& l = roads.links()[i];
      geometry.add_road(i, roads.junctions()[l.a].x_m, roads.junctions()[l.a].y_m, roads.junctions()[l.b].x_m,
                        roads.junctions()[l.b].y_m);
    }
    for (std::uint32_t t = 0; t < grid.transformers().size(); ++t) {
      const auto& n = nodes[grid.transformers()[t].node];
      geometry.add_premise(t, n.x_m - 40, n.y_m - 40, 10);
    }
    std::unique_ptr<fl::world::Typhoon> typhoon;
    if (cfg.typhoon.enabled) typhoon = std::make_unique<fl::world::Typhoon>(cfg.typhoon);
    fl::world::WindField wind;
    wind.build(typhoon.get(), area, end, 15 * fl::kMinute, 2000);
    cpu += thread_cpu_seconds() - t0;
    benchmark::DoNotOptimize(wind);
  }
  state.counters["site_cpu_ms"] = 1000 * cpu / static_cast<double>(state.iterations());
}
BENCHMARK(BM_StudySiteBuild)->Iterations(10)->Unit(benchmark::kMillisecond);

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
