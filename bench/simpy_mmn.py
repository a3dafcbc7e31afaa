#!/usr/bin/env python3
"""M/M/n+M call centre in SimPy 3 — the reference for bench/hotline_mmn.cpp.

Same model as scenarios/hotline_steady.json with exponential patience: Poisson arrivals,
exponential handling, n agents, FCFS, each caller abandons after an exponential patience.
Prints calls per CPU second (and per wall second) and the queue figures (to check both models agree).

    python3 bench/simpy_mmn.py [--hours H] [--rate CALLS_PER_S] [--aht S] [--agents N] [--patience S]

Ratio for the budget (docs: scenarios/docs/hotline.md): calls_per_s(bench_hotline_mmn) /
calls_per_s(this script), same parameters.
"""
import argparse
import random
import time

import simpy


def run(hours, rate, aht, agents, patience, seed):
    rng = random.Random(seed)
    env = simpy.Environment()
    seats = simpy.Resource(env, capacity=agents)
    stats = {"offered": 0, "answered": 0, "abandoned": 0, "waited": 0, "wait_sum": 0.0}

    def caller(env):
        stats["offered"] += 1
        arrival = env.now
        handling = rng.expovariate(1.0 / aht)
        limit = rng.expovariate(1.0 / patience) if patience > 0 else None
        if seats.count >= agents:
            stats["waited"] += 1
        with seats.request() as req:
            if limit is None:
                yield req
            else:
                result = yield req | env.timeout(limit)
                if req not in result:
                    stats["abandoned"] += 1
                    return
            stats["answered"] += 1
            stats["wait_sum"] += env.now - arrival
            yield env.timeout(handling)

    def source(env):
        while True:
            yield env.timeout(rng.expovariate(rate))
            env.process(caller(env))

    env.process(source(env))
    start, cpu_start = time.perf_counter(), time.process_time()
    env.run(until=hours * 3600.0)
    return stats, time.perf_counter() - start, time.process_time() - cpu_start


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--hours", type=float, default=200.0)
    p.add_argument("--rate", type=float, default=0.2, help="calls per second")
    p.add_argument("--aht", type=float, default=240.0, help="mean handling time, s")
    p.add_argument("--agents", type=int, default=48)
    p.add_argument("--patience", type=float, default=180.0, help="mean patience, s (0: none)")
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    stats, wall, cpu = run(a.hours, a.rate, a.aht, a.agents, a.patience, a.seed)
    n = stats["offered"]
    # calls_per_s is per CPU second, like the Google Benchmark counter of bench_hotline_mmn.
    print(f"calls {n}  wall {wall:.3f} s  cpu {cpu:.3f} s  calls_per_s {n / cpu:.0f}  (wall: {n / wall:.0f})")
    print(f"p_wait {stats['waited'] / n:.4f}  p_abandon {stats['abandoned'] / n:.4f}  "
          f"asa_s {stats['wait_sum'] / max(1, stats['answered']):.3f}")


if __name__ == "__main__":
    main()
