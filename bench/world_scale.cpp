// Province scale (issue 13): the default scenario (scenarios/coastal_city.json) tiled at factors
// 1, 4 and 16, and scenarios/province.json, each run headless to its end (agents in both seats,
// complaint follow-up included) as `faultline run --headless` does, then its scorecard written.
// Reports CPU seconds and peak RSS of each run (getrusage of a child process per case, so one
// case's peak never hides another's) and the scorecard.json size.
// Budgets (DESIGN.md): province <= 8 s CPU and <= 2 GB peak RSS; factor 16 <= 20 x factor 1;
// factor 1 (the default drill) <= 0.3 s CPU.
//
// Tiling: the area is repeated eastwards (width x factor; the coast, hills and noise continue, so
// the terrain and customer densities stay those of the default area); cities, named places,
// substations, depots and mutual-aid offers are copied into every tile, generated important
// customers, hotline seats and background calls scale with the factor. The typhoon keeps its
// track, moved east to cross the middle tile, so the storm's damage does not grow with the area
// while the area's size (customers, grid, roads, calls) does: the per-event cost of whole-area
// work shows up directly.
//
// Usage: bench_world_scale [--cases f1,f4,f16,province] [--hours H] [--inline] [--out DIR]
//   --hours H   run H simulated hours instead of the scenario's duration (for profiling)
//   --inline    run the cases in this process (valgrind / perf); RSS is then cumulative
//   --out DIR   also write DIR/<case>.scorecard.json
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/scenario/scenario.h"
#include "sim/simulator.h"
#include "sim/world/world.h"

namespace {

double cpu_now() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

fl::Scenario load(const std::string& path) {
  fl::Scenario s;
  fl::Problems problems;
  if (!fl::load_scenario(path, s, problems)) throw std::runtime_error(problems.format(path));
  return s;
}

/// The scenario repeated `factor` times eastwards (see the file comment).
fl::Scenario tile(fl::Scenario s, int factor) {
  if (factor <= 1) return s;
  auto& area = s.world.area;
  const double w = area.width_km;
  area.width_km = w * factor;
  const auto cities = area.cities;
  const auto named = area.named;
  const auto substations = s.world.grid.substations;
  const auto depots = s.world.crews.depots;
  const auto aid = s.world.crews.mutual_aid;
  auto suffix = [](int k) { return " " + std::to_string(k + 1); };
  for (int k = 1; k < factor; ++k) {
    const double dx = w * k;
    for (auto c : cities) {
      c.name += suffix(k);
      c.x_km += dx;
      area.cities.push_back(c);
    }
    for (auto n : named) {
      n.name += suffix(k);
      n.x_km += dx;
      area.named.push_back(n);
    }
    for (auto sub : substations) {
      sub.name += suffix(k);
      sub.x_km += dx;
      s.world.grid.substations.push_back(sub);
    }
    for (auto d : depots) {
      d.name += suffix(k);
      d.x_km += dx;
      s.world.crews.depots.push_back(d);
    }
    for (auto m : aid) {
      m.name += suffix(k);
      if (!m.staging.empty()) m.staging += suffix(k);
      m.x_km += dx;
      s.world.crews.mutual_aid.push_back(m);
    }
  }
  area.hospitals *= factor;
  area.water_works *= factor;
  area.government *= factor;
  area.life_support *= factor;
  for (int& seats : s.hotline.hotline.seats_per_half_hour) seats *= factor;
  s.hotline.customers.background_calls_per_hour *= factor;
  const double shift_km = w * (factor / 2);
  for (auto& p : s.world.typhoon.track) p.x_km += shift_km;
  s.id += "_x" + std::to_string(factor);
  return s;
}

struct Case {
  std::string name;
  fl::Scenario scenario;
};

struct Figures {
  double build_s = 0, run_s = 0, card_s = 0;
  std::uint64_t events = 0, customers = 0, card_bytes = 0, hash = 0, faults = 0;
};

Figures run_case(const Case& c, double hours, const std::string& out_dir) {
  fl::Scenario scenario = c.scenario;
  if (hours > 0) scenario.duration_hours = hours;
  Figures f;
  double t0 = cpu_now();
  fl::RunOptions options;
  options.seed = scenario.seed;
  options.seats = fl::Seats::agents();
  fl::Simulator sim(scenario, options);
  double t1 = cpu_now();
  sim.run_to_end();
  double t2 = cpu_now();
  const std::string card = sim.scorecard_json();
  double t3 = cpu_now();
  f.build_s = t1 - t0;
  f.run_s = t2 - t1;
  f.card_s = t3 - t2;
  f.events = sim.events_fired();
  f.customers = sim.world().customers_served();
  f.faults = sim.world().faults().size();
  f.card_bytes = card.size();
  f.hash = sim.state_hash();
  if (!out_dir.empty()) std::ofstream(out_dir + "/" + c.name + ".scorecard.json") << card;
  return f;
}

std::string format(const Figures& f) {
  std::ostringstream o;
  o << f.build_s << ' ' << f.run_s << ' ' << f.card_s << ' ' << f.events << ' ' << f.customers << ' ' << f.card_bytes
    << ' ' << f.hash << ' ' << f.faults;
  return o.str();
}

Figures parse(const std::string& s) {
  Figures f;
  std::istringstream i(s);
  i >> f.build_s >> f.run_s >> f.card_s >> f.events >> f.customers >> f.card_bytes >> f.hash >> f.faults;
  return f;
}

}  // namespace

int main(int argc, char** argv) {
  std::string cases_arg = "f1,f4,f16,province", out_dir;
  double hours = 0;
  bool in_process = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--cases" && i + 1 < argc) cases_arg = argv[++i];
    else if (a == "--hours" && i + 1 < argc) hours = std::atof(argv[++i]);
    else if (a == "--out" && i + 1 < argc) out_dir = argv[++i];
    else if (a == "--inline") in_process = true;
    else {
      std::fprintf(stderr, "usage: %s [--cases f1,f4,f16,province] [--hours H] [--inline] [--out DIR]\n", argv[0]);
      return 2;
    }
  }
  const std::string dir = std::string(FAULTLINE_SOURCE_DIR) + "/scenarios/";
  std::vector<std::string> names;
  for (std::size_t start = 0; start <= cases_arg.size();) {
    const std::size_t comma = std::min(cases_arg.find(',', start), cases_arg.size());
    if (comma > start) names.push_back(cases_arg.substr(start, comma - start));
    start = comma + 1;
  }
  std::printf("| case | customers | faults | events | CPU s (build + run + scorecard) | peak RSS MB | scorecard.json MB |\n");
  std::printf("|---|---|---|---|---|---|---|\n");
  std::fflush(stdout);
  for (const std::string& name : names) {
    Case c;
    c.name = name;
    try {
      if (name == "province") c.scenario = load(dir + "province.json");
      else if (name.size() > 1 && name[0] == 'f') c.scenario = tile(load(dir + "coastal_city.json"), std::atoi(name.c_str() + 1));
      else throw std::runtime_error("unknown case '" + name + "' (expected fN or province)");
    } catch (const std::exception& e) {
      std::fprintf(stderr, "%s\n", e.what());
      return 1;
    }
    Figures f;
    double cpu_s = 0, rss_mb = 0;
    if (in_process) {
      const double c0 = cpu_now();
      f = run_case(c, hours, out_dir);
      cpu_s = cpu_now() - c0;
      rusage u{};
      getrusage(RUSAGE_SELF, &u);
      rss_mb = static_cast<double>(u.ru_maxrss) / 1024.0;
    } else {
      int fds[2];
      if (pipe(fds) != 0) return 1;
      const pid_t pid = fork();
      if (pid == 0) {
        close(fds[0]);
        const std::string line = format(run_case(c, hours, out_dir));
        if (write(fds[1], line.data(), line.size()) < 0) _exit(1);
        _exit(0);
      }
      close(fds[1]);
      std::string line;
      char buf[256];
      for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0;) line.append(buf, static_cast<std::size_t>(n));
      close(fds[0]);
      int status = 0;
      rusage u{};
      wait4(pid, &status, 0, &u);
      if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::fprintf(stderr, "case %s failed\n", name.c_str());
        return 1;
      }
      f = parse(line);
      // The child's whole CPU (it inherits the loaded scenario, so loading is not in it).
      cpu_s = static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
              1e-6 * static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
      rss_mb = static_cast<double>(u.ru_maxrss) / 1024.0;
    }
    std::printf("| %s | %llu | %llu | %llu | %.2f (%.2f + %.2f + %.2f) | %.0f | %.2f |\n", name.c_str(),
                static_cast<unsigned long long>(f.customers), static_cast<unsigned long long>(f.faults),
                static_cast<unsigned long long>(f.events), cpu_s, f.build_s, f.run_s, f.card_s, rss_mb,
                static_cast<double>(f.card_bytes) / 1e6);
    std::fflush(stdout);
  }
  return 0;
}
