#pragma once
// The window's state, shared by app.cpp (loop, input, sessions) and the screens' files
// (briefing.cpp, drill_panels.cpp, debrief.cpp). Not a public header.
#include <SFML/Graphics/RenderWindow.hpp>

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
  void draw_call_panel();  // hook for issue 11's call panel
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
  std::vector<sf::Event> pending_;  // scripted events for the next frame
  std::vector<ShotRequest> shots_;
  double wall_s_ = 0;
  std::uint64_t frame_ = 0;

  // live panel cache (recomputed at most every 0.25 s wall)
  double live_at_s_ = -1;
  std::vector<float> known_curve_;  // known customers out, every 15 simulated minutes
  std::int64_t curve_slot_ = 0;
  std::size_t overdue_ = 0;
  std::vector<const control::OrderStatus*> at_risk_;
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
