// Event-kernel throughput: the classic hold model (pop the earliest event, schedule one at
// now + exponential) with 1,000 events pending, through fl::EventQueue and through a bare
// std::priority_queue of plain structs. Budget (DESIGN.md): >= 10 M events/s and within 1.5x of
// the bare loop. Run: build/release/bench/bench_kernel
#include <benchmark/benchmark.h>

#include <cstdint>
#include <queue>
#include <vector>

#include "sim/core/event_queue.h"
#include "sim/core/random.h"

namespace {

constexpr int kPending = 1000;
constexpr double kMeanDelayMs = 1000.0;

/// Exponential delays drawn up front so both loops time only the queue, not the generator.
std::vector<fl::Time> delays() {
  fl::RandomStream rng(fl::StreamKey{1, 0, fl::Purpose::kBench, 0});
  std::vector<fl::Time> d(1 << 16);
  for (auto& x : d) x = static_cast<fl::Time>(fl::exponential(rng, kMeanDelayMs));
  return d;
}

void BM_HoldEventQueue(benchmark::State& state) {
  const std::vector<fl::Time> d = delays();
  fl::EventQueue q;
  q.reserve(kPending);
  std::size_t k = 0;
  for (int i = 0; i < kPending; ++i) q.schedule(d[k++ & 0xffff], fl::Event{1, 0, static_cast<std::uint32_t>(i), 0, 0});
  fl::FiredEvent e;
  for (auto _ : state) {
    q.pop(e);
    q.schedule_in(d[k++ & 0xffff], e.event);
  }
  benchmark::DoNotOptimize(e);
  state.SetItemsProcessed(state.iterations());
  state.counters["events_per_s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_HoldEventQueue);

struct BareEvent {
  fl::Time time;
  std::uint64_t sequence;
  fl::Event payload;
};
struct Later {
  bool operator()(const BareEvent& a, const BareEvent& b) const {
    return a.time > b.time || (a.time == b.time && a.sequence > b.sequence);
  }
};

void BM_HoldBarePriorityQueue(benchmark::State& state) {
  const std::vector<fl::Time> d = delays();
  std::vector<BareEvent> storage;
  storage.reserve(kPending + 1);
  std::priority_queue<BareEvent, std::vector<BareEvent>, Later> q(Later{}, std::move(storage));
  std::size_t k = 0;
  std::uint64_t seq = 0;
  for (int i = 0; i < kPending; ++i) q.push({d[k++ & 0xffff], seq++, fl::Event{1, 0, static_cast<std::uint32_t>(i), 0, 0}});
  BareEvent e{};
  for (auto _ : state) {
    e = q.top();
    q.pop();
    q.push({e.time + d[k++ & 0xffff], seq++, e.payload});
  }
  benchmark::DoNotOptimize(e);
  state.SetItemsProcessed(state.iterations());
  state.counters["events_per_s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_HoldBarePriorityQueue);

}  // namespace

BENCHMARK_MAIN();
