#include "trainer/app/app.h"

#include <SFML/Graphics/Image.hpp>
#include <SFML/Graphics/Texture.hpp>
#include <SFML/Window/Event.hpp>
#include <imgui.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <ctime>
#include <sstream>

#include "render/fonts.h"
#include "sim/calls/practice.h"
#include "sim/calls/script.h"
#include "sim/calls/transcript.h"
#include "sim/hotline/hotline.h"
#include "sim/session.h"
#include "sim/world/world.h"
#include "trainer/app/app_internal.h"
#include "trainer/debrief_command.h"
#include "trainer/headless.h"
#include "trainer/report_strings.h"

namespace fl::trainer::app {

namespace {

std::string read_file(const std::string& path, bool& ok) {
  std::ifstream in(path, std::ios::binary);
  ok = static_cast<bool>(in);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool parse_shot(const std::string& spec, ShotRequest& out) {
  const auto eq = spec.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 >= spec.size()) return false;
  const std::string when = spec.substr(0, eq);
  out.path = spec.substr(eq + 1);
  if (when == "findings") {  // the debrief screen once its weighed findings are drawn
    out.kind = ShotRequest::kScreen;
    out.screen = Screen::kDebrief;
    out.after_findings = true;
    return true;
  }
  if (when == "briefing" || when == "drill" || when == "debrief") {
    out.kind = ShotRequest::kScreen;
    out.screen = when == "briefing" ? Screen::kBriefing : when == "drill" ? Screen::kDrill : Screen::kDebrief;
    return true;
  }
  try {
    if (when.rfind("sim:", 0) == 0) {
      std::string v = when.substr(4);
      double scale = static_cast<double>(kHour);
      if (!v.empty() && v.back() == 'h') v.pop_back();
      else if (!v.empty() && v.back() == 'm') {
        v.pop_back();
        scale = static_cast<double>(kMinute);
      }
      out.kind = ShotRequest::kSim;
      out.sim = static_cast<Time>(std::stod(v) * scale);
      return true;
    }
    out.kind = ShotRequest::kWall;
    out.wall_s = std::stod(when);
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace

bool display_available() {
  const char* x = std::getenv("DISPLAY");
  const char* wayland = std::getenv("WAYLAND_DISPLAY");
  return (x && *x) || (wayland && *wayland);
}

App::App(const PlayOptions& options, std::ostream& out, std::ostream& err)
    : options_(options), out_(out), err_(err), language_(options.language == "en" ? "en" : "zh") {}

bool App::load(const PlayOptions& options) {
  Problems problems;
  if (!strings_.load(strings_dir(), problems)) {
    err_ << problems.format(strings_dir());
    return false;
  }
  RunOptions run;
  dispatch_seat_ = options.seat == "dispatch" || options.seat == "both";
  hotline_seat_ = options.seat == "hotline" || options.seat == "both";
  if (!options.resume_path.empty()) {
    // The same loader as replay and debrief: capped read, embedded scenario, set and track.
    Session session;
    std::ostringstream messages;
    if (!load_session_and_scenario(options.resume_path, session, scenario_, messages)) {
      err_ << messages.str();
      return false;
    }
    scenario_path_ = session.scenario_path;
    scenario_text_ = session.scenario_text;
    dispatch_seat_ = session.dispatch_trainee;
    hotline_seat_ = session.hotline_trainee;
    spdlog::info("resuming {} at {:.2f} h with {} trainee commands", options.resume_path, to_hours(session.saved_at_ms),
                 session.commands.size());
    sim_ = replay_session(session, scenario_, session.saved_at_ms);  // with its call desk, if any
    desk_ = dynamic_cast<const calls::CallDesk*>(sim_->trainee_desk());
    session_path_ = options.resume_path;
    screen_ = Screen::kDrill;
  } else {
    Problems scp;
    if (!load_scenario(options.scenario_path, scenario_, scp)) {
      err_ << scp.format(options.scenario_path);
      return false;
    }
    scenario_path_ = options.scenario_path;
    scenario_text_ = scenario_.source_text;  // exactly the text validated (no second read)
    run.seed = options.seed.value_or(scenario_.seed);
    run.seats = Seats(dispatch_seat_ ? Holder::kTrainee : Holder::kAgent, hotline_seat_ ? Holder::kTrainee : Holder::kAgent);
    // The hotline seat answers scripted callers at a call desk, as `faultline practise` does.
    // Hotline-only practice (or --routing / --share) opens a trainee seat when the scenario has
    // none; otherwise, with both seats, the scenario's trainee section decides whether calls
    // reach the trainee at all.
    const bool asked_for_calls = !options.routing.empty() || options.share_pct >= 0;
    if (hotline_seat_ && !options.routing.empty()) scenario_.hotline.trainee.routing = options.routing;
    if (hotline_seat_ && options.share_pct >= 0) scenario_.hotline.trainee.share_pct = options.share_pct;
    if (hotline_seat_ && (!dispatch_seat_ || asked_for_calls) && scenario_.hotline.trainee.seats <= 0) {
      scenario_.hotline.trainee.seats = 1;  // recorded in the session with the scripts
      messages_.push_front({0, true, tr("calls.seat_opened")});
    }
    const bool desk = hotline_seat_ && scenario_.hotline.trainee.seats > 0;
    calls::CallAssets assets;
    if (desk) {
      const std::string assets_dir = std::filesystem::path(strings_dir()).parent_path().string();
      std::string asset_problems;
      const bool ok = calls::load_call_assets(assets_dir, assets, asset_problems);
      if (!ok) {
        err_ << asset_problems << assets_dir << ": found no usable call scripts, expected the assets folder (scripts/ and phrases/)\n";
        return false;
      }
      if (!asset_problems.empty()) spdlog::warn("call scripts: {}", asset_problems);
    }
    sim_ = std::make_unique<Simulator>(scenario_, run);
    if (desk) {
      auto made = calls::make_desk(*sim_, std::move(assets));
      desk_ = made.get();
      sim_->own_trainee_desk(std::move(made));
    }
    if (options.start_at_ms > 0) sim_->advance_to(std::min<Time>(options.start_at_ms, sim_->end_time() - kMinute));
    std::error_code ec;
    std::filesystem::create_directories(options.out_dir, ec);
    session_path_ = (std::filesystem::path(options.out_dir) / "session.json").string();
  }
  autosave_slot_ = sim_->now() / (15 * kMinute);
  curve_slot_ = autosave_slot_;
  layers_.build_static(sim_->world(), scenario_.world.area);
  truth_ = options.instructor;
  if (!options.auto_pause) pause_on_red_ = pause_on_important_ = false;
  if (options.all_layers) layer_set_.on.fill(true);
  // The warning timeline the forecast implies at the area's land cells (for the briefing and
  // the red-warning auto-pause); coarse sampling is enough for a schedule shown in hours.
  if (const world::Typhoon* typhoon = sim_->world().typhoon()) {
    const world::Area& area = sim_->world().area();
    std::vector<std::array<double, 2>> points;
    std::vector<world::Exposure> exposures;
    for (int y = 0; y < area.ny; y += std::max(1, area.ny / 6))
      for (int x = 0; x < area.nx; x += std::max(1, area.nx / 6)) {
        const auto& cell = area.cells[static_cast<std::size_t>(y) * area.nx + x];
        if (cell.terrain == Terrain::kWater) continue;
        points.push_back({(x + 0.5) * area.cell_m, (y + 0.5) * area.cell_m});
        exposures.push_back(cell.exposure);
      }
    warnings_ = typhoon->warning_timeline(points, exposures, sim_->end_time(), 30 * kMinute);
  }
  for (const ImportantCustomerRecord& r : sim_->world().important_customers()) important_interruptions_ += r.interruptions;
  if (!options.input_script_path.empty()) {
    bool ok = false;
    const std::string text = read_file(options.input_script_path, ok);
    Problems ip;
    if (!ok || !parse_input_script(text, script_, ip)) {
      if (!ok) ip.error("", "cannot open the file", "an input script");
      err_ << ip.format(options.input_script_path);
      return false;
    }
    options_.fixed_clock = true;
    pause_on_red_ = pause_on_important_ = false;  // a script sets its own pace
  }
  for (const std::string& spec : options.screenshots) {
    ShotRequest shot;
    if (!parse_shot(spec, shot)) {
      err_ << "--screenshot-at: found '" << spec << "', expected WHEN=FILE.png with WHEN seconds, sim:36h, briefing, drill or debrief\n";
      return false;
    }
    shots_.push_back(shot);
  }
  return true;
}

void App::fit_map() {
  const sf::Vector2u size = window_->getSize();
  camera_.set_viewport({static_cast<double>(size.x), static_cast<double>(size.y)});
  // In the drill the right panel covers ~400 px: fit the area into the rest, below the top bar.
  const double right = screen_ == Screen::kBriefing ? size.x * 0.45 : 400.0;
  const double avail_w = std::max(200.0, size.x - right), avail_h = std::max(200.0, size.y - 50.0);
  const double w = layers_.width_m(), h = layers_.height_m();
  const double scale = std::min(avail_w / w, avail_h / h) * 0.96;
  camera_.set_scale_limits(scale / 4, 2.0);
  camera_.fit({0, 0}, {w, h});
  // fit() centred the area in the whole window; shift it into the free part and set the scale.
  camera_.zoom_at({size.x / 2.0, size.y / 2.0}, scale / camera_.pixels_per_m());
  camera_.pan({-(right / 2.0), 25.0});
}

int App::run() {
  if (!load(options_)) return 1;
  if (!display_available()) {
    err_ << "faultline play: no display ($DISPLAY is not set); use `faultline run --headless` instead\n";
    return 1;
  }
  sf::ContextSettings settings;
  window_ = std::make_unique<sf::RenderWindow>();
  window_->create(sf::VideoMode(options_.width_px, options_.height_px), tr("window.title", {scenario_.name.in(language_)}),
                 sf::Style::Default, settings);
  if (!window_->isOpen()) {
    err_ << "faultline play: could not open a window on the display\n";
    return 1;
  }
  window_->setFramerateLimit(options_.fixed_clock || options_.frame_times_ms ? 0 : 60);
  gui_ = std::make_unique<render::ImGuiSfml>();
  std::string corpus = strings_.corpus() + scenario_.name.zh + scenario_.description.zh;
  for (const auto& c : scenario_.commitments.commitments) corpus += c.text.zh;
  corpus += scenario_.commitments.name.zh;
  corpus += report_text_corpus_zh();  // the debrief's findings
  corpus += "月日周一二三四五六小时分米秒中文";  // format_local_time / format_duration, the language button
  for (const auto& d : scenario_.world.crews.depots) corpus += d.name;
  for (const auto& m : scenario_.world.crews.mutual_aid) corpus += m.name;
  if (desk_) {  // the callers' lines, the replies, the card and the score labels
    for (const calls::Script& script : desk_->scripts()) corpus += script.source_text;
    corpus += desk_->rules().source_text;
    for (std::string_view k : calls::checkpoint_names()) corpus += calls::checkpoint_label(k, "zh");
    for (std::string_view k : calls::violation_names()) corpus += calls::violation_label(k, "zh");
    corpus += "✓×☎";
  }
  // A trainee typing Chinese replies needs the common characters, not only the scripts' own.
  const bool cjk = render::load_interface_font(render::find_cjk_font(), 16, corpus, desk_ != nullptr);
  if (!cjk) spdlog::warn("WenQuanYi Micro Hei not found through fontconfig: Chinese text will not display");
  ImGui::GetStyle().WindowRounding = 3;
  fit_map();
  if (options_.start_speed >= 0) {
    start_drill();
    clock_.set_speed(options_.start_speed);
  }

  // A scripted run asking for the weighed findings' screenshot keeps drawing until it is taken.
  auto holding_for_findings = [&] {
    if (!options_.fixed_clock || screen_ != Screen::kDebrief || !findings_.started()) return false;
    for (const ShotRequest& shot : shots_)
      if (shot.after_findings && !shot.done) return true;
    return false;
  };
  sf::Clock wall;
  while (window_->isOpen() && (!quit_ || holding_for_findings())) {
    const auto frame_start = std::chrono::steady_clock::now();
    timespec cpu_start{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu_start);
    const double dt = options_.fixed_clock ? 1.0 / 60.0 : std::max(1e-4, static_cast<double>(wall.restart().asSeconds()));
    wall_s_ += dt;
    sf::Event event;
    while (window_->pollEvent(event)) handle_event(event);
    play_script();
    advance(dt);
    // A scripted run skips drawing while nothing is due soon (fast-forwards are mostly frames
    // nobody looks at); the simulation and the frame clock advance exactly as when drawn.
    const bool quiet = options_.fixed_clock && !options_.frame_times_ms && !due_soon(0.3);
    if (!quiet) {
      layers_.rebuild_dynamic(view(), sim_->world(), truth_ || screen_ == Screen::kDebrief);
      render::LayerSet drawn = layer_set_;
      drawn[render::Layer::kTruth] = truth_ || screen_ == Screen::kDebrief;
      window_->clear(render::palette::kBackground);
      layers_.draw(*window_, camera_, drawn);
      gui_->new_frame(window_->getSize(), static_cast<float>(dt));
      switch (screen_) {
        case Screen::kBriefing: draw_briefing(); break;
        case Screen::kDrill: draw_drill_panels(); break;
        case Screen::kDebrief: draw_debrief(); break;
      }
      gui_->render(*window_);
      take_screenshots();
      window_->display();
      screen_first_frame_ = false;
    }
    ++frame_;
    if (options_.frame_times_ms)
      options_.frame_times_ms->push_back(
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - frame_start).count());
    if (options_.frame_cpu_ms) {
      timespec cpu_end{};
      clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu_end);
      options_.frame_cpu_ms->push_back(static_cast<double>(cpu_end.tv_sec - cpu_start.tv_sec) * 1e3 +
                                       static_cast<double>(cpu_end.tv_nsec - cpu_start.tv_nsec) / 1e6);
    }
    if (options_.max_frames && frame_ >= options_.max_frames) quit_ = true;
  }
  if (screen_ == Screen::kDrill) autosave(true);
  if (window_ && window_->isOpen()) window_->close();
  if (screen_ == Screen::kDebrief && findings_.started()) {
    // Quitting cancels a weighing still running; a scripted run waits for it, so its findings
    // reach the terminal as a person's would when they stay on the debrief.
    if (options_.fixed_clock) findings_.wait();
    else findings_.stop();
    out_ << findings_summary();
  }
  return 0;
}

bool App::due_soon(double within_s) const {
  if (!pending_.empty() || screen_first_frame_) return true;
  if (script_next_ < script_.size() && script_[script_next_].at_s + script_shift_s_ <= wall_s_ + within_s) return true;
  if (script_next_ >= script_.size()) return true;  // script over: show what happens
  for (const ShotRequest& shot : shots_) {
    if (shot.done) continue;
    if (shot.kind == ShotRequest::kWall && shot.wall_s <= wall_s_ + within_s) return true;
    // Within the simulated time the next `within_s` wall seconds cover at this speed (1× during calls).
    const Time ahead = static_cast<Time>(clock_.speed() * within_s * 1000.0) + kSecond;
    if (shot.kind == ShotRequest::kSim && screen_ == Screen::kDrill && shot.sim <= sim_->now() + ahead) return true;
    if (shot.kind == ShotRequest::kScreen && shot.screen == screen_) return true;
  }
  return menu_open_ || context_open_ || screen_ != Screen::kDrill;
}

void App::start_drill() {
  screen_ = Screen::kDrill;
  screen_first_frame_ = true;
  if (!options_.fixed_clock) clock_.set_speed(3);  // 60×: a simulated hour per wall minute
  fit_map();
}

void App::handle_event(const sf::Event& e) {
  gui_->process_event(e);
  switch (e.type) {
    case sf::Event::Closed:
      if (screen_ == Screen::kDrill) autosave(true);
      quit_ = true;
      return;
    case sf::Event::Resized:
      window_->setView(sf::View(sf::FloatRect(0, 0, static_cast<float>(e.size.width), static_cast<float>(e.size.height))));
      camera_.set_viewport({static_cast<double>(e.size.width), static_cast<double>(e.size.height)});
      return;
    case sf::Event::MouseMoved: {
      const sf::Vector2i at(e.mouseMove.x, e.mouseMove.y);
      if (dragging_) {
        camera_.pan({static_cast<double>(at.x - mouse_.x), static_cast<double>(at.y - mouse_.y)});
        if (std::abs(at.x - drag_from_.x) + std::abs(at.y - drag_from_.y) > 3) drag_from_ = {-10000, -10000};
      }
      mouse_ = at;
      if (!gui_->wants_mouse() && screen_ != Screen::kBriefing)
        hover_ = render::pick(view(), sim_->world(), camera_, {static_cast<double>(at.x), static_cast<double>(at.y)});
      else
        hover_ = {};
      return;
    }
    case sf::Event::MouseButtonPressed:
      mouse_ = {e.mouseButton.x, e.mouseButton.y};
      if (gui_->wants_mouse() || screen_ == Screen::kBriefing) return;
      if (e.mouseButton.button == sf::Mouse::Left || e.mouseButton.button == sf::Mouse::Middle) {
        dragging_ = true;
        drag_from_ = mouse_;
      } else if (e.mouseButton.button == sf::Mouse::Right) {
        map_click(mouse_, true);
      }
      return;
    case sf::Event::MouseButtonReleased:
      if (dragging_ && e.mouseButton.button == sf::Mouse::Left && drag_from_ == mouse_) map_click(mouse_, false);
      dragging_ = false;
      return;
    case sf::Event::MouseWheelScrolled:
      if (gui_->wants_mouse() || screen_ == Screen::kBriefing) return;
      camera_.zoom_at({static_cast<double>(e.mouseWheelScroll.x), static_cast<double>(e.mouseWheelScroll.y)},
                      std::pow(1.25, e.mouseWheelScroll.delta));
      return;
    case sf::Event::KeyPressed: {
      if (gui_->wants_keyboard() && e.key.code != sf::Keyboard::Escape) return;
      const sf::Vector2u size = window_->getSize();
      const render::Vec2 centre{size.x / 2.0, size.y / 2.0};
      switch (e.key.code) {
        case sf::Keyboard::Enter:
          if (screen_ == Screen::kBriefing) start_drill();
          else if (screen_ == Screen::kDrill) answer_call();
          break;
        case sf::Keyboard::Escape:
          if (screen_ == Screen::kDrill) menu_open_ = !menu_open_;
          break;
        case sf::Keyboard::Space: clock_.toggle_pause(); break;
        case sf::Keyboard::Num1: case sf::Keyboard::Num2: case sf::Keyboard::Num3: case sf::Keyboard::Num4:
        case sf::Keyboard::Num5: case sf::Keyboard::Num6: case sf::Keyboard::Num7: case sf::Keyboard::Num8:
        case sf::Keyboard::Num9:
          // During a call the digits pick replies, as in the terminal practice; otherwise 1–5 set the speed.
          if (desk_ && desk_->current() && screen_ == Screen::kDrill) choose_reply(static_cast<std::size_t>(e.key.code - sf::Keyboard::Num1));
          else if (e.key.code <= sf::Keyboard::Num5) clock_.set_speed(e.key.code - sf::Keyboard::Num0);
          break;
        case sf::Keyboard::Num0: clock_.set_speed(0); break;
        case sf::Keyboard::Period: clock_.request_step(15 * kMinute); break;
        case sf::Keyboard::Add: case sf::Keyboard::Equal: camera_.zoom_at(centre, 1.25); break;
        case sf::Keyboard::Subtract: case sf::Keyboard::Hyphen: camera_.zoom_at(centre, 0.8); break;
        case sf::Keyboard::Left: camera_.pan({60, 0}); break;
        case sf::Keyboard::Right: camera_.pan({-60, 0}); break;
        case sf::Keyboard::Up: camera_.pan({0, 60}); break;
        case sf::Keyboard::Down: camera_.pan({0, -60}); break;
        case sf::Keyboard::F2: language_ = language_ == "zh" ? "en" : "zh"; break;
        case sf::Keyboard::F12: if (options_.instructor) truth_ = !truth_; break;
        default: break;
      }
      return;
    }
    default:
      return;
  }
}

void App::map_click(sf::Vector2i at, bool right) {
  // Left selects a crew; right names an order's target (fault, device, section, place).
  const render::Pick p =
      render::pick(view(), sim_->world(), camera_, {static_cast<double>(at.x), static_cast<double>(at.y)}, 8, !right);
  if (screen_ != Screen::kDrill) return;
  if (!right) {
    if (p.kind == render::PickKind::kCrew) selected_crew_ = p.id;
    return;
  }
  if (p.kind == render::PickKind::kNone) return;
  context_pick_ = p;
  open_context_ = true;
}

void App::inject_click(double x, double y, bool right) {
  sf::Event move;
  move.type = sf::Event::MouseMoved;
  move.mouseMove = {static_cast<int>(std::lround(x)), static_cast<int>(std::lround(y))};
  handle_event(move);
  // The press comes a frame later, when ImGui has seen where the mouse is (panel or map).
  sf::Event press;
  press.type = sf::Event::MouseButtonPressed;
  press.mouseButton = {right ? sf::Mouse::Right : sf::Mouse::Left, move.mouseMove.x, move.mouseMove.y};
  pending_.push_back(press);
  sf::Event release = press;
  release.type = sf::Event::MouseButtonReleased;
  pending_.push_back(release);
}

void App::inject_key(int code) {
  sf::Event key;
  key.type = sf::Event::KeyPressed;
  key.key = {static_cast<sf::Keyboard::Key>(code), false, false, false, false};
  handle_event(key);
  // ImGui sees the key down in this frame; the release arrives with the next script step or frame.
  sf::Event up = key;
  up.type = sf::Event::KeyReleased;
  pending_.push_back(up);
}

void App::play_script() {
  const std::vector<sf::Event> due = std::move(pending_);
  pending_.clear();
  for (const sf::Event& e : due) handle_event(e);
  // One step per frame, so ImGui sees each click (hover, press, release) in its own frames.
  if (script_next_ >= script_.size() || script_[script_next_].at_s + script_shift_s_ > wall_s_) return;
  if (frame_ < last_script_frame_ + 3 && last_script_frame_ != 0) return;  // let the previous step settle
  if (script_[script_next_].action == ScriptAction::kWaitCall) {
    if (!desk_ || desk_->ringing().empty()) return;  // hold until the seat rings
    script_shift_s_ = wall_s_ - script_[script_next_].at_s;
  }
  const ScriptStep& step = script_[script_next_++];
  last_script_frame_ = frame_;
  auto screen_of = [&](double x_m, double y_m) { return camera_.to_screen({x_m, y_m}); };
  switch (step.action) {
    case ScriptAction::kClick: inject_click(step.x, step.y, false); break;
    case ScriptAction::kRightClick: inject_click(step.x, step.y, true); break;
    case ScriptAction::kClickMap:
    case ScriptAction::kRightClickMap: {
      const render::Vec2 s = screen_of(step.x, step.y);
      inject_click(s.x, s.y, step.action == ScriptAction::kRightClickMap);
      break;
    }
    case ScriptAction::kClickCrew: {
      for (const control::CrewStatus& c : view().crews())
        if ((step.id == UINT32_MAX && c.available() && c.kind == control::CrewKind::kLine) || c.crew == step.id) {
          const render::Vec2 s = screen_of(c.x_m, c.y_m);
          inject_click(s.x, s.y, false);
          break;
        }
      break;
    }
    case ScriptAction::kRightClickFault:
      for (const control::KnownFault& f : view().faults())
        if (step.id == UINT32_MAX || f.fault == step.id) {
          const render::Vec2 s = screen_of(f.x_m, f.y_m);
          inject_click(s.x, s.y, true);
          break;
        }
      break;
    case ScriptAction::kRightClickDevice:
      for (const control::KnownOpenDevice& d : view().open_devices())
        if (step.id == UINT32_MAX || d.device == step.id) {
          const render::Vec2 s = screen_of(d.x_m, d.y_m);
          inject_click(s.x, s.y, true);
          break;
        }
      break;
    case ScriptAction::kKey: inject_key(key_code(step.text)); break;
    case ScriptAction::kDrag: {
      sf::Event e;
      e.type = sf::Event::MouseMoved;
      e.mouseMove = {static_cast<int>(step.x), static_cast<int>(step.y)};
      handle_event(e);
      e.type = sf::Event::MouseButtonPressed;
      e.mouseButton = {sf::Mouse::Left, static_cast<int>(step.x), static_cast<int>(step.y)};
      handle_event(e);
      e.type = sf::Event::MouseMoved;
      e.mouseMove = {static_cast<int>(step.x2), static_cast<int>(step.y2)};
      handle_event(e);
      e.type = sf::Event::MouseButtonReleased;
      e.mouseButton = {sf::Mouse::Left, static_cast<int>(step.x2), static_cast<int>(step.y2)};
      handle_event(e);
      break;
    }
    case ScriptAction::kWheel: {
      sf::Event e;
      e.type = sf::Event::MouseWheelScrolled;
      e.mouseWheelScroll = {sf::Mouse::VerticalWheel, static_cast<float>(step.x2), static_cast<int>(step.x),
                            static_cast<int>(step.y)};
      handle_event(e);
      break;
    }
    case ScriptAction::kText: {
      const sf::String text = sf::String::fromUtf8(step.text.begin(), step.text.end());
      for (std::size_t i = 0; i < text.getSize(); ++i) {
        sf::Event e;
        e.type = sf::Event::TextEntered;
        e.text.unicode = text[i];
        handle_event(e);
      }
      break;
    }
    case ScriptAction::kWaitCall: break;  // done above: the seat rang
    case ScriptAction::kQuit:
      if (screen_ == Screen::kDrill) {
        enter_debrief();
      } else {
        quit_ = true;
      }
      break;
  }
}

void App::advance(double wall_dt_s) {
  if (screen_ != Screen::kDrill || menu_open_) return;
  hold_clock_for_calls();
  Time target = clock_.target(sim_->now(), wall_dt_s);
  target = std::min(target, sim_->end_time());
  const auto start = std::chrono::steady_clock::now();
  const bool desk_quiet = desk_ && hold_on_ring_ && !desk_->current() && desk_->ringing().empty();
  while (sim_->now() < target) {
    // Slices of at most 10 simulated minutes: a frame can stop between them when its time is up.
    // A quiet call desk advances by the second, so a fast clock stops on the first ring.
    sim_->advance_to(std::min(target, sim_->now() + (desk_quiet ? kSecond : 10 * kMinute)));
    sample_known_out();
    autosave(false);
    check_auto_pause();
    if (desk_quiet && (desk_->current() || !desk_->ringing().empty())) {
      hold_clock_for_calls();
      break;
    }
    if (clock_.paused()) break;
    if (!options_.fixed_clock &&
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count() > 10.0)
      break;  // the rest waits for the next frame: the window stays responsive
  }
  if (sim_->now() >= sim_->end_time()) enter_debrief();
}

void App::sample_known_out() {
  // The live restoration curve as the control room knows it: one point per 15 simulated minutes.
  const std::int64_t slot = sim_->now() / (15 * kMinute);
  if (slot < curve_slot_) return;
    while (curve_slot_ <= slot) {
    known_curve_.push_back(static_cast<float>(view().known_customers_out()));
    ++curve_slot_;
  }
}

void App::check_auto_pause() {
  const Time now = sim_->now();
  std::string why;
  if (pause_on_red_)
    for (const auto& [at, level] : warnings_)
      if (level == world::WarningLevel::kRed && at <= now && at > now - 10 * kMinute - 1) why = tr("pause.red_warning");
  std::uint32_t interruptions = 0;
  for (const ImportantCustomerRecord& r : sim_->world().important_customers()) interruptions += r.interruptions;
  if (interruptions > important_interruptions_ && pause_on_important_) why = tr("pause.important");
  important_interruptions_ = interruptions;
  if (!why.empty() && !clock_.paused()) {
    clock_.set_speed(0);
    pause_reason_ = why;
    messages_.push_front({now, false, why});
  }
}

void App::autosave(bool force) {
  const std::int64_t slot = sim_->now() / (15 * kMinute);
  if (!force && slot <= autosave_slot_) return;
  autosave_slot_ = slot;
  if (sim_->now() == last_save_at_ && !force) return;
  try {
    write_file_atomically(session_path_, session_to_json(capture_session(*sim_, scenario_path_, scenario_text_)));
    last_save_at_ = sim_->now();
  } catch (const std::exception& e) {
    // Never lose the drill over a full disk: say so and keep playing.
    messages_.push_front({sim_->now(), false, tr("msg.save_failed", {e.what()})});
    spdlog::error("{}", e.what());
  }
}

void App::take_screenshots() {
  for (ShotRequest& shot : shots_) {
    if (shot.done) continue;
    const bool due = (shot.kind == ShotRequest::kWall && wall_s_ >= shot.wall_s) ||
                     (shot.kind == ShotRequest::kSim && screen_ == Screen::kDrill && sim_->now() >= shot.sim) ||
                     (shot.kind == ShotRequest::kScreen && screen_ == shot.screen && !screen_first_frame_ &&
                      (!shot.after_findings || findings_drawn_));
    if (!due) continue;
    sf::Texture texture;
    texture.create(window_->getSize().x, window_->getSize().y);
    texture.update(*window_);
    std::error_code ec;
    const auto parent = std::filesystem::path(shot.path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (!texture.copyToImage().saveToFile(shot.path)) err_ << shot.path << ": cannot write the screenshot\n";
    else spdlog::info("screenshot {}", shot.path);
    shot.done = true;
  }
}

void App::command(Command c, const std::string& what) {
  // Each command goes through the seat that owns its kind; a seat the trainee does not hold
  // belongs to an agent, and the trainee is told so instead of acting for it.
  const Seat seat = static_cast<std::uint16_t>(c.kind) < 100 ? Seat::kDispatch : Seat::kHotline;
  if ((seat == Seat::kDispatch && !dispatch_seat_) || (seat == Seat::kHotline && !hotline_seat_)) {
    messages_.push_front({sim_->now(), false, tr("msg.refused", {what, tr(seat == Seat::kDispatch ? "refusal.not_dispatch_seat" : "refusal.not_hotline_seat")})});
    return;
  }
  const CommandResult r = sim_->submit(seat, c);
  messages_.push_front({sim_->now(), r.accepted,
                        r.accepted ? tr("msg.done", {what}) : tr("msg.refused", {what, translate_refusal(r.message)})});
  if (messages_.size() > 200) messages_.pop_back();
  if (!r.accepted && pause_on_refusal_ && !clock_.paused()) clock_.set_speed(0);
}

std::string App::local_time(Time t) const { return format_local_time(language_, scenario_.start.local, t); }

std::string App::crew_name(std::uint32_t crew) const {
  for (const control::CrewStatus& c : view().crews())
    if (c.crew == crew) return c.name;
  return "?";
}

std::string App::device_name(std::uint32_t device) const {
  if (device >= sim_->world().grid().devices().size()) return "?";
  return sim_->world().grid().device_name(device);
}

std::string App::translate_refusal(const CommandMessage& message) const {
  return refusal_text(strings_, language_, message, scenario_.start.local);
}

int run_play(const PlayOptions& options, std::ostream& out, std::ostream& err) {
  App app(options, out, err);
  return app.run();
}

}  // namespace fl::trainer::app
