#pragma once
/// \file The headless drill: run a scenario to its end with the automatic dispatcher in the
/// trainee's seat, then write scorecard.json, details.sqlite, report.html and session.json to a
/// folder.
#include <cstdint>
#include <optional>
#include <string>

#include "sim/run/details.h"
#include "sim/scenario/scenario.h"

namespace fl {
class Simulator;
}

namespace fl::trainer {

class OutputSet;

/// What a headless run needs beyond its scenario.
struct HeadlessOptions {
  std::optional<std::uint64_t> seed;  ///< overrides the scenario's seed
  std::string out_dir = "out";        ///< created if missing
  std::string language = "en";        ///< "en" or "zh" for the summary and report
  bool progress = true;               ///< print progress to stderr on long runs
  std::string scenario_path;          ///< recorded in session.json for replays
  std::string scenario_text;          ///< the scenario file's text, recorded in session.json
};

/// Outcome of a headless run: where the scorecard went and the terminal summary.
struct HeadlessResult {
  std::string scorecard_path;
  std::string details_path;
  std::string report_path;
  std::string session_path;
  std::string summary;
  std::uint64_t seed = 0;
  std::uint64_t events = 0;
};

/// Runs `scenario` headless and writes DIR/scorecard.json atomically. Throws std::runtime_error
/// with a readable message when the output cannot be written.
HeadlessResult run_headless(const Scenario& scenario, const HeadlessOptions& options);

/// Collects the per-entity rows of `sim` (normally finished) and writes them as `output`'s
/// details.sqlite (run 0, replication 0); returns them for the report. Throws
/// std::runtime_error naming the file.
run::RunDetails stage_details(OutputSet& output, const Simulator& sim);

/// Writes `contents` to `path` atomically (temporary file in the same folder, then rename), so a
/// killed run never leaves a half-written file. Throws std::runtime_error naming the path.
void write_file_atomically(const std::string& path, const std::string& contents);

}  // namespace fl::trainer
