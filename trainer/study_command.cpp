#include "trainer/study_command.h"

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <ostream>
#include <thread>

#include "sim/run/plan.h"
#include "sim/run/study.h"
#include "trainer/headless.h"
#include "trainer/records_db.h"
#include "trainer/study_report.h"

namespace fl::trainer {

namespace {

// Set by SIGINT; the study stops taking new runs. A signal handler can only reach a static.
std::atomic<bool> g_stop_requested{false};

extern "C" void on_sigint(int) {
  g_stop_requested.store(true);
  std::signal(SIGINT, SIG_DFL);  // a second Ctrl-C ends the program at once
}

std::string clock_text(double seconds) {
  if (!(seconds >= 0) || seconds > 1e7) return "--:--";
  const auto s = static_cast<long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600) std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
  else std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  return buf;
}

/// A one-line progress bar on a terminal's stderr: done/total, runs per second, ETA.
class Progress {
 public:
  Progress(std::size_t total, bool enabled) : total_(total), enabled_(enabled), start_(std::chrono::steady_clock::now()) {}
  void update(std::size_t done) {
    if (!enabled_) return;
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0;
    const double eta = rate > 0 ? static_cast<double>(total_ - done) / rate : -1;
    constexpr int kWidth = 30;
    const int filled = total_ ? static_cast<int>(kWidth * done / total_) : kWidth;
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(kWidth, '.');
    std::fprintf(stderr, "\r[%s] %zu/%zu runs  %.2f runs/s  ETA %s  ", bar.c_str(), done, total_, rate, clock_text(eta).c_str());
    std::fflush(stderr);
  }
  void finish() {
    if (enabled_) std::fprintf(stderr, "\n");
  }

 private:
  std::size_t total_;
  bool enabled_;
  std::chrono::steady_clock::time_point start_;
};

StudyMeta meta_of(const run::LoadedPlan& plan, const run::Forecast& forecast, const std::vector<run::Variant>& variants) {
  StudyMeta m;
  m.plan_id = plan.plan.id;
  m.plan_name_en = plan.plan.name.en.empty() ? plan.plan.id : plan.plan.name.en;
  m.plan_name_zh = plan.plan.name.zh.empty() ? m.plan_name_en : plan.plan.name.zh;
  m.fingerprint = plan.fingerprint;
  m.scenario = plan.base.id;
  m.baseline = run::baseline_index(plan.plan, variants);
  m.replications = static_cast<std::uint32_t>(plan.plan.replications);
  m.kpis = plan.plan.kpis;
  if (m.kpis.empty())
    for (const run::KpiInfo& k : run::kpi_catalogue())
      if (k.default_report) m.kpis.push_back(k.key);
  m.service_level_s = plan.base.hotline.hotline.service_level_s;
  m.forecast = forecast;
  for (const scoring::CommitmentSpec& c : plan.base.commitments.commitments) m.commitment_texts.push_back({c.id, c.text.en, c.text.zh});
  if (m.forecast.aht_s <= 0) m.forecast.aht_s = run::blended_aht_s(plan.base, 0.5);
  return m;
}

std::vector<StoredVariant> stored_variants(const std::vector<run::Variant>& variants) {
  std::vector<StoredVariant> out;
  for (const run::Variant& v : variants) {
    StoredVariant s;
    s.id = v.id;
    s.name_en = v.name.en;
    s.name_zh = v.name.zh;
    s.agent_hours = v.agent_hours;
    s.crews_total = v.crews_total;
    s.aid_crews = v.aid_crews;
    s.shrinkage_pct = v.scenario.hotline.hotline.shrinkage_pct;
    s.mean_patience_s = v.scenario.hotline.hotline.mean_patience_s;
    out.push_back(s);
  }
  return out;
}

std::string default_out(const std::string& plan_id) { return (std::filesystem::path("out") / "study" / plan_id).string(); }

}  // namespace

bool parse_shard(const std::string& text, unsigned& k, unsigned& n, std::string& message) {
  unsigned a = 0, b = 0;
  char extra = 0;
  if (std::sscanf(text.c_str(), "%u/%u%c", &a, &b, &extra) != 2 || a < 1 || b < 1 || a > b || b > 100000) {
    message = "--shard: found \"" + text + "\", expected k/n with 1 <= k <= n (e.g. 2/8 for the second of eight slices)";
    return false;
  }
  k = a;
  n = b;
  return true;
}

CLI::App* add_study_command(CLI::App& app, StudyArgs& args) {
  auto* study = app.add_subcommand("study", "Run a staffing study: a plan's variants × replications on every core.");
  study->add_option("plan", args.plan, "Study plan file (JSON, see scenarios/studies/README.md)");
  study->add_option("--threads", args.threads, "Worker threads (default: every core)")->check(CLI::Range(1u, 1024u));
  study->add_option("--out", args.out_dir, "Folder for study.sqlite, summary.csv and study.html (default out/study/<plan id>)");
  study->add_flag("--quiet", args.quiet, "No progress bar");
  study->add_option("--shard", args.shard, "Run only slice k of n (k/n), for job arrays; combine with `study merge`");
  study->add_option("--lang", args.language, "Language study.html opens in (both are inside)")
      ->check(CLI::IsMember({"en", "zh"}))
      ->capture_default_str();
  auto* merge = study->add_subcommand("merge", "Combine shard folders' study.sqlite into --out and write its summary and report.");
  merge->add_option("dirs", args.merge_dirs, "Shard folders (or their study.sqlite files)")->required();
  merge->add_option("--out", args.out_dir, "Folder for the merged study.sqlite, summary.csv and study.html")->required();
  merge->add_option("--lang", args.language, "Language study.html opens in")->check(CLI::IsMember({"en", "zh"}));
  return study;
}

bool study_merge_selected(const CLI::App& study) { return study.get_subcommand("merge")->parsed(); }

void write_study_outputs(const std::string& dir, const std::string& language) {
  StudyDb db((std::filesystem::path(dir) / "study.sqlite").string(), false);
  const StudyMeta meta = db.read_meta();
  const std::vector<StoredVariant> variants = db.read_variants();
  const std::vector<run::RunRecord> runs = db.read_runs();
  write_file_atomically((std::filesystem::path(dir) / "summary.csv").string(), render_summary_csv(meta, variants, runs));
  write_file_atomically((std::filesystem::path(dir) / "study.html").string(), render_study_html(meta, variants, runs, language));
}

int run_study_command(const StudyArgs& args, std::ostream& out, std::ostream& err) {
  if (args.plan.empty()) {
    err << "faultline study: a plan file is required (e.g. scenarios/studies/typhoon_staffing.json)\n";
    return 1;
  }
  run::LoadedPlan plan;
  {
    Problems problems;
    const bool ok = run::load_plan(args.plan, plan, problems);
    err << problems.format(args.plan);
    if (!ok) {
      err << args.plan << ": " << problems.error_count() << " error(s); the study was not run\n";
      return 1;
    }
  }
  unsigned shard_k = 1, shard_n = 1;
  if (!args.shard.empty()) {
    std::string message;
    if (!parse_shard(args.shard, shard_k, shard_n, message)) {
      err << message << "\n";
      return 1;
    }
  }
  const std::string dir = args.out_dir.empty() ? default_out(plan.plan.id) : args.out_dir;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    err << "cannot create the output folder " << dir << ": " << ec.message() << "\n";
    return 1;
  }
  g_stop_requested.store(false);
  std::signal(SIGINT, on_sigint);
  struct RestoreSignal {
    ~RestoreSignal() { std::signal(SIGINT, SIG_DFL); }
  } restore;

  StudyDb db((std::filesystem::path(dir) / "study.sqlite").string());
  if (run::needs_pilot(plan.plan) && !args.quiet)
    spdlog::info("{} pilot run(s) of {} for the Erlang forecast", plan.plan.forecast.pilot_runs, plan.base.id);
  const run::Forecast forecast = run::make_forecast(plan, &g_stop_requested);
  if (g_stop_requested.load()) {
    err << "stopped before the study started; nothing was stored\n";
    return 130;
  }
  const std::vector<run::Variant> variants = run::expand_variants(plan, forecast);
  db.write_plan(meta_of(plan, forecast, variants), stored_variants(variants));
  const std::vector<std::uint64_t> seeds = run::replication_seeds(plan);

  const std::set<run::RunKey> stored = db.stored_runs();
  std::vector<run::RunKey> todo;
  const auto shard = run::shard_runs(static_cast<std::uint32_t>(variants.size()),
                                     static_cast<std::uint32_t>(plan.plan.replications), shard_k, shard_n);
  for (const run::RunKey& k : shard)
    if (!stored.count(k)) todo.push_back(k);
  const unsigned threads = args.threads ? args.threads : std::max(1u, std::thread::hardware_concurrency());
  if (!args.quiet)
    spdlog::info("study '{}': {} variants × {} replications; shard {}/{}: {} runs, {} already stored, {} to run on {} thread(s)",
                 plan.plan.id, variants.size(), plan.plan.replications, shard_k, shard_n, shard.size(),
                 shard.size() - todo.size(), todo.size(), threads);

  Progress progress(todo.size(), !args.quiet && isatty(STDERR_FILENO));
  std::size_t done = 0;
  std::string failure;
  progress.update(0);
  run::run_parallel(variants, seeds, todo, threads,
                    [&](run::RunRecord&& r) {
                      if (!failure.empty()) return;
                      try {
                        db.insert(r);
                      } catch (const std::exception& e) {
                        failure = e.what();
                        g_stop_requested.store(true);
                        return;
                      }
                      progress.update(++done);
                    },
                    &g_stop_requested);
  progress.finish();
  if (!failure.empty()) {
    err << "the study stopped: " << failure << "\n";
    return 1;
  }
  write_study_outputs(dir, args.language);
  const bool stopped = done < todo.size();
  if (stopped)
    err << "stopped: " << done << " of " << todo.size() << " runs finished and stored in " << dir
        << "/study.sqlite; run the same command again to resume\n";
  out << "study:   " << dir << "/study.sqlite\nsummary: " << dir << "/summary.csv\nreport:  " << dir << "/study.html\n";
  return stopped ? 130 : 0;
}

int run_study_merge(const StudyArgs& args, std::ostream& out, std::ostream& err) {
  std::error_code ec;
  std::filesystem::create_directories(args.out_dir, ec);
  if (ec) {
    err << "cannot create the output folder " << args.out_dir << ": " << ec.message() << "\n";
    return 1;
  }
  const std::string target = (std::filesystem::path(args.out_dir) / "study.sqlite").string();
  // Merge into a temporary file, then rename: a failed merge leaves no half-merged study.
  const std::string temp = target + ".merging";
  std::filesystem::remove(temp, ec);
  if (std::filesystem::exists(target)) std::filesystem::copy_file(target, temp);
  std::size_t added = 0;
  {
    StudyDb db(temp);
    for (const std::string& d : args.merge_dirs) {
      const std::filesystem::path p(d);
      const std::string file = std::filesystem::is_directory(p) ? (p / "study.sqlite").string() : d;
      if (!std::filesystem::exists(file)) {
        err << file << ": found no such file, expected a shard's study.sqlite\n";
        std::filesystem::remove(temp, ec);
        return 1;
      }
      try {
        added += db.merge_from(file);
      } catch (const std::exception& e) {
        err << e.what() << "\n";
        std::filesystem::remove(temp, ec);
        return 1;
      }
    }
  }
  std::filesystem::rename(temp, target);
  write_study_outputs(args.out_dir, args.language);
  out << "merged " << added << " runs from " << args.merge_dirs.size() << " shard(s)\nstudy:   " << target
      << "\nsummary: " << args.out_dir << "/summary.csv\nreport:  " << args.out_dir << "/study.html\n";
  return 0;
}

}  // namespace fl::trainer
