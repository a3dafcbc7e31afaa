#pragma once
/// \file `faultline study PLAN [--threads N] [--out DIR] [--quiet] [--shard k/n]` and
/// `faultline study merge DIR... [--out DIR]`: runs a plan's variants × replications on a thread
/// pool into DIR/study.sqlite, then writes DIR/summary.csv and DIR/study.html. Ctrl-C stops
/// taking new runs and keeps the finished ones; running the same command again resumes.
#include <iosfwd>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace fl::trainer {

/// Options of `faultline study`.
struct StudyArgs {
  std::string plan;               ///< plan file
  unsigned threads = 0;           ///< 0: every core
  std::string out_dir;            ///< empty: out/study/<plan id>
  bool quiet = false;             ///< no progress bar
  std::string shard;              ///< "k/n", empty: every run
  std::string language = "zh";    ///< language study.html opens in (both are inside)
  std::vector<std::string> merge_dirs;  ///< `study merge`: shard folders or .sqlite files
};

/// Adds the `study` subcommand (with `merge`) to `app`; returns it. `args` must outlive parsing.
CLI::App* add_study_command(CLI::App& app, StudyArgs& args);
/// True when the parsed command line selected `study merge`.
bool study_merge_selected(const CLI::App& study);
/// Runs a plan. Returns 0 when every run of the shard is stored, 130 when stopped by Ctrl-C,
/// 1 on errors (bad plan, unwritable folder), with messages on `err`.
int run_study_command(const StudyArgs& args, std::ostream& out, std::ostream& err);
/// Merges shard databases into args.out_dir (required) and writes the summary and report there.
int run_study_merge(const StudyArgs& args, std::ostream& out, std::ostream& err);
/// Writes DIR/summary.csv and DIR/study.html from DIR/study.sqlite. Throws std::runtime_error.
void write_study_outputs(const std::string& dir, const std::string& language);
/// Parses "k/n" (1 <= k <= n <= 100000). False with `message` set when it does not fit.
bool parse_shard(const std::string& text, unsigned& k, unsigned& n, std::string& message);

}  // namespace fl::trainer
