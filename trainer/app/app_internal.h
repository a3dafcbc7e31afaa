#pragma once
// The window's state, shared by app.cpp (loop, input, sessions) and the screens' files
// (briefing.cpp, drill_panels.cpp, debrief.cpp). Not a public header.
#include <SFML/Graphics/RenderWindow.hpp>

#include <array>
#include <chrono>
#include <deque>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "render/camera.h"
#include "render/imgui_sfml.h"
#include "render/layers/map_layers.h"
#include "render/picking.h"
#include "sim/calls/desk.h"
#include "sim/run/details.h"
#include "sim/scenario/scenario.h"
#include "sim/simulator.h"
#include "sim/world/typhoon.h"
#include "trainer/app/app.h"
#include "trainer/app/clock.h"
#include "trainer/app/findings.h"
#include "trainer/app/input_script.h"
#include "trainer/strings.h"

namespace fl::trainer::app {

enum class Screen : std::uint8_t { kBriefing, kDrill, kDebrief };

/// One line of the message log: what was asked and what the seat answered.
struct Message {
  Time at = 0;
  bool ok = true;
  std::string text;
};

/// A requested screenshot.
struct ShotRequest {
  enum Kind : std::uint8_t { kWall, kSim, kScreen } kind = kWall;
  double wall_s = 0;
  Time sim = 0;
  Screen screen = Screen::kBriefing;
  bool after_findings = false;  ///< "findings=PATH": the debrief once its findings are drawn
  std::string path;
  bool done = false;
};

/// Headline figures of the debrief, read once from the scorecard.
struct DebriefData {
  bool ready = false;
  std::string scorecard_json;
  run::RunDetails details;  ///< the run's per-entity rows (details.sqlite), for the report
  double grade_score = -1;
  std::string grade_letter;
  double customer_hours = 0, peak_out = 0;
  double faults = 0, complaints = 0, commitments_met = 0, commitments_measured = 0, breaches = 0;
  bool has_baseline = false;
  double base_customer_hours = 0, base_grade = -1, base_complaints = 0, base_met = 0;
  struct Row {
    std::string text_en, text_zh, measured, target;
    int met = -1;  // -1 not measured
  };
  std::vector<Row> commitments;
  std::string report_path;
};

class App {
 public:
  App(const PlayOptions& options, std::ostream& out, std::ostream& err);
  int run();
  /// Reads the string tables and the scenario (or session), builds the simulator and the static
  /// map; opens no window (run() calls it first; tests call it alone). False: problems in err.
  bool load(const PlayOptions& options);

  // ---- shared with the screens ----
  const std::string& lang() const { return language_; }
  std::string tr(std::string_view key, std::initializer_list<std::string> args = {}) const {
    return strings_.text(language_, key, args);
  }
  /// Submits `c` through the trainee's seat and logs the answer (translated).
  void command(Command c, const std::string& what);
  /// What the control room knows now (the simulator's view; valid until the next advance/submit).
  const control::ControlRoomView& view() const { return sim_->control_room(); }

  void draw_briefing();
  void draw_drill_panels();
  void draw_debrief();
  void draw_findings();  // the debrief's weighed findings (FindingsWorker)
  /// The weighed findings as terminal lines (empty until ready), in the interface language.
  std::string findings_summary() const;
  void draw_top_bar();
  void draw_legend();
  void draw_context_menu();
  void draw_pause_menu();
  void draw_call_panel();  // the hotline seat's calls (call_panel.cpp)
  /// Answers the oldest call ringing at the trainee's seat (Enter, or the panel's button).
  void answer_call();
  /// Submits reply `option` (0-based) on the call in progress (keys 1–9, or the panel's buttons).
  void choose_reply(std::size_t option);
  /// Submits the reply box's text on the call in progress (a number picks that reply), and
  /// empties the box.
  void type_reply();
  /// Holds the clock at 1× while a call rings or is in progress; gives the trainee's speed back
  /// after it, and runs fast to the next ring when asked ("next call").
  void hold_clock_for_calls();
  /// The reason of a call in the interface language.
  std::string reason_label(hotline::Reason reason) const;
  void enter_debrief();
  void start_drill();
  std::string local_time(Time t) const;
  std::string crew_name(std::uint32_t crew) const;
  std::string device_name(std::uint32_t device) const;
  /// A refused command's message (key + arguments from the sim) in the interface language.
  std::string translate_refusal(const CommandMessage& message) const;

  PlayOptions options_;
  std::ostream& out_;
  std::ostream& err_;
  Strings strings_;
  std::string language_;
  Scenario scenario_;
  std::string scenario_path_, scenario_text_;
  std::unique_ptr<Simulator> sim_;
  /// The call desk holding the hotline's trainee seat (owned by sim_), or null without the seat.
  const calls::CallDesk* desk_ = nullptr;
  render::MapLayers layers_;
  render::LayerSet layer_set_;
  render::Camera camera_{{0, 0}, 0.03, {1280, 800}};
  // Made in run(): an SFML window (any GL resource) opens the display when constructed.
  std::unique_ptr<sf::RenderWindow> window_;
  std::unique_ptr<render::ImGuiSfml> gui_;
  DrillClock clock_;
  Screen screen_ = Screen::kBriefing;
  bool screen_first_frame_ = true;
  bool menu_open_ = false;
  bool quit_ = false;
  bool truth_ = false;
  bool dispatch_seat_ = true, hotline_seat_ = false;

  // interaction
  std::uint32_t selected_crew_ = control::kNoneId;
  render::Pick context_pick_;
  bool open_context_ = false;
  bool context_open_ = false;  // the map's context menu is showing
  render::Pick hover_;
  bool dragging_ = false;
  sf::Vector2i drag_from_;
  sf::Vector2i mouse_{0, 0};
  int etr_hours_ = 4;
  int aid_offer_ = 0;
  int feeder_ = 0;
  std::deque<Message> messages_;

  // the call panel
  std::array<char, 512> reply_{};  // the typed reply being written (UTF-8, NUL-terminated)
  bool focus_reply_ = false;       // give the reply box the keyboard next frame
  int speed_before_call_ = -1;     // the trainee's speed while a call holds the clock at 1×
  bool skip_to_ring_ = false;      // "next call": run fast until the next ring
  int speed_before_skip_ = -1;     // the trainee's speed before "next call" (given back after the call)
  bool hold_on_ring_ = true;       // a ringing call holds the clock at 1× (a live call always does)
  int order_type_ = 0;             // the work-order type chosen in the panel (hotline::OrderType)
  std::uint32_t caller_marker_ = UINT32_MAX;  // customer shown on the map ("show address")

  // auto-pause
  bool pause_on_red_ = true, pause_on_important_ = true, pause_on_refusal_ = false;
  std::vector<std::pair<Time, world::WarningLevel>> warnings_;
  std::uint32_t important_interruptions_ = 0;
  std::string pause_reason_;

  // sessions
  std::string session_path_;
  std::int64_t autosave_slot_ = 0;
  Time last_save_at_ = -1;

  // script and screenshots
  std::vector<ScriptStep> script_;
  std::size_t script_next_ = 0;
  std::uint64_t last_script_frame_ = 0;
  double script_shift_s_ = 0;  // wall seconds later steps are delayed by (wait_call)
  std::vector<sf::Event> pending_;  // scripted events for the next frame
  std::vector<ShotRequest> shots_;
  double wall_s_ = 0;
  std::uint64_t frame_ = 0;

  // live panel cache (recomputed at most every 0.25 s wall)
  double live_at_s_ = -1;
  std::vector<float> known_curve_;  // known customers out, every 15 simulated minutes
  std::int64_t curve_slot_ = 0;
  std::size_t overdue_ = 0;
  // Copies, not pointers: the view's order list is rebuilt whenever the view changes (the map
  // asks for its revision every frame), and these live a quarter of a second.
  struct AtRisk {
    std::uint32_t order = 0;
    Time due = 0;  ///< the clock about to breach (sim ms)
  };
  std::vector<AtRisk> at_risk_;
  double service_level_ = -1, abandon_pct_ = 0;
  std::uint64_t interval_offered_ = 0, complaints_ = 0;

  DebriefData debrief_;
  // Last member: destroyed first, so its thread is cancelled and joined before the rest goes.
  FindingsWorker findings_;
  bool findings_drawn_ = false;  // a frame has drawn the weighed findings (for the screenshot)

 private:
  void handle_event(const sf::Event& e);
  void map_click(sf::Vector2i at, bool right);
  void play_script();
  void inject_click(double x, double y, bool right);
  void inject_key(int code);
  void advance(double wall_dt_s);
  void check_auto_pause();
  void sample_known_out();
  void autosave(bool force);
  void take_screenshots();
  void fit_map();
  bool due_soon(double within_s) const;
};

}  // namespace fl::trainer::app
