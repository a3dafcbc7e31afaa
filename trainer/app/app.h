#pragma once
/// \file The dispatcher's window (`faultline play`): briefing -> drill -> debrief over one
/// Simulator, the map from const views, every action a Command through the trainee's seat,
/// autosave every 15 simulated minutes and on quit, resume, scripted input and screenshots.
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace fl::trainer::app {

/// What `faultline play` was asked to do.
struct PlayOptions {
  std::string scenario_path;              ///< scenario file (ignored with resume_path)
  std::string seat = "dispatch";          ///< dispatch, hotline or both ("none": agents hold both, benchmark)
  std::string language = "zh";            ///< zh or en; switchable in the window
  std::string resume_path;                ///< session.json to continue
  /// The hotline seat's calls: overrides the scenario's trainee.routing ("outage", "complaint",
  /// "important", "all") and share_pct when set; either opens a trainee seat if the scenario has none.
  std::string routing;
  double share_pct = -1;                  ///< < 0: the scenario's
  bool instructor = false;                ///< show the ground-truth overlay during the drill
  std::string input_script_path;          ///< timed input (trainer/app/input_script.h)
  /// Screenshots "WHEN=FILE.png": WHEN is wall seconds since the window opened ("12.5"), a sim
  /// time ("sim:36h", "sim:90m"), or a screen's first frame ("briefing", "drill", "debrief").
  std::vector<std::string> screenshots;
  std::string out_dir = "out/play";       ///< session.json, scorecard.json, report.html
  std::optional<std::uint64_t> seed;      ///< overrides the scenario's
  unsigned width_px = 1280, height_px = 800;
  /// Frames at a fixed 1/60 s wall clock with no per-frame work cap (set by --input-script), so
  /// a scripted run takes the same decisions at the same simulated times on any machine.
  bool fixed_clock = false;
  /// Ends the program after this many frames (0: no limit); for tests and the benchmark.
  std::uint64_t max_frames = 0;
  /// Start the drill at once at this speed index (benchmark; -1: show the briefing).
  int start_speed = -1;
  /// Pause on a red warning or when an important customer loses supply (off: benchmark).
  bool auto_pause = true;
  /// Every layer on including the truth overlay (benchmark).
  bool all_layers = false;
  /// Advance the simulation to this time before the window opens (benchmark; 0: from the start).
  std::int64_t start_at_ms = 0;
  /// When set, receives each frame's wall time in ms (advance + draw + display; benchmark).
  std::vector<double>* frame_times_ms = nullptr;
  /// When set, receives each frame's CPU time of the whole process in ms (Mesa's render threads
  /// included): the frame's cost independent of how loaded the machine is (benchmark).
  std::vector<double>* frame_cpu_ms = nullptr;
};

/// Opens the window and runs until the trainee quits (or the script / frame limit ends it).
/// Problems (unreadable scenario or session, no display) go to `err`; returns the exit status.
int run_play(const PlayOptions& options, std::ostream& out, std::ostream& err);

/// Whether a display is available for a window ($DISPLAY or $WAYLAND_DISPLAY set).
bool display_available();

}  // namespace fl::trainer::app
