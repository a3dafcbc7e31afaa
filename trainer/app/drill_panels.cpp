// The drill screen's panels: top bar (clock, speeds), live panel, crews, feeder one-line,
// mutual aid, message log, legend, the map's context menu and the Esc menu (the call panel: call_panel.cpp).
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/hotline/hotline.h"
#include "sim/world/world.h"
#include "trainer/app/app_internal.h"

namespace fl::trainer::app {

namespace {

const char* cause_key(FaultCause c) {
  switch (c) {
    case FaultCause::kBrokenPole: return "cause.broken_pole";
    case FaultCause::kConductorDown: return "cause.conductor_down";
    case FaultCause::kTreeOnLine: return "cause.tree_on_line";
    case FaultCause::kTransformer: return "cause.transformer";
    case FaultCause::kBlownFuse: return "cause.blown_fuse";
    case FaultCause::kSwitching: return "cause.switching";
    default: return "cause.other";
  }
}

const char* activity_key(control::CrewActivity a) {
  switch (a) {
    case control::CrewActivity::kIdle: return "activity.idle";
    case control::CrewActivity::kTravel: return "activity.travel";
    case control::CrewActivity::kPatrol: return "activity.patrol";
    case control::CrewActivity::kRepair: return "activity.repair";
    case control::CrewActivity::kRest: return "activity.rest";
    default: return "activity.wait";
  }
}

const char* kind_key(control::CrewKind k) {
  return k == control::CrewKind::kLine ? "crew.line" : k == control::CrewKind::kTree ? "crew.tree" : "crew.assessment";
}

const char* warning_key(world::WarningLevel w) {
  switch (w) {
    case world::WarningLevel::kBlue: return "warning.blue";
    case world::WarningLevel::kYellow: return "warning.yellow";
    case world::WarningLevel::kOrange: return "warning.orange";
    case world::WarningLevel::kRed: return "warning.red";
    default: return "warning.none";
  }
}

ImVec4 warning_colour(world::WarningLevel w) {
  switch (w) {
    case world::WarningLevel::kBlue: return {0.3f, 0.5f, 1, 1};
    case world::WarningLevel::kYellow: return {1, 0.9f, 0.2f, 1};
    case world::WarningLevel::kOrange: return {1, 0.55f, 0.1f, 1};
    case world::WarningLevel::kRed: return {1, 0.2f, 0.2f, 1};
    default: return {0.7f, 0.7f, 0.7f, 1};
  }
}

ImVec4 to_imvec(sf::Color c) { return {c.r / 255.f, c.g / 255.f, c.b / 255.f, 1}; }

constexpr ImGuiWindowFlags kFixed = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                                    ImGuiWindowFlags_NoSavedSettings;

}  // namespace

void App::draw_top_bar() {
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos({0, 0});
  ImGui::SetNextWindowSize({size.x, 44});
  ImGui::Begin("##top", nullptr, kFixed | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar);
  const Time now = sim_->now();
  ImGui::AlignTextToFramePadding();
  ImGui::Text("%s", local_time(now).c_str());
  ImGui::SameLine();
  ImGui::TextDisabled("T+%s", format_duration(language_, now).c_str());
  ImGui::SameLine();
  const Time landfall = sim_->world().landfall();
  if (landfall != kNever) {
    ImGui::Text("%s", (landfall > now ? tr("clock.to_landfall", {format_duration(language_, landfall - now)})
                                      : tr("clock.after_landfall", {format_duration(language_, now - landfall)}))
                          .c_str());
    ImGui::SameLine();
  }
  world::WarningLevel level = world::WarningLevel::kNone;
  for (const auto& [at, l] : warnings_)
    if (at <= now) level = l;
  ImGui::TextColored(warning_colour(level), "%s", tr(warning_key(level)).c_str());
  ImGui::SameLine(0, 24);
  static const char* const kSpeedKeys[] = {"speed.pause", "speed.1", "speed.10", "speed.60", "speed.600", "speed.3600"};
  for (int i = 0; i < static_cast<int>(kSpeeds.size()); ++i) {
    const bool active = clock_.speed_index() == i;
    if (active) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    if (ImGui::Button(tr(kSpeedKeys[i]).c_str())) clock_.set_speed(i);
    if (active) ImGui::PopStyleColor();
    ImGui::SameLine();
  }
  if (ImGui::Button(tr("speed.step").c_str())) clock_.request_step(15 * kMinute);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("speed.step_tip").c_str());
  ImGui::SameLine(0, 24);
  if (ImGui::Button(language_ == "zh" ? "English" : "中文")) language_ = language_ == "zh" ? "en" : "zh";
  ImGui::SameLine();
  if (ImGui::Button(tr("menu.open").c_str())) menu_open_ = true;
  if (!pause_reason_.empty() && clock_.paused()) {
    ImGui::SameLine();
    ImGui::TextColored({1, 0.6f, 0.3f, 1}, "%s", pause_reason_.c_str());
  } else if (!clock_.paused()) {
    pause_reason_.clear();
  }
  ImGui::End();
}

void App::draw_legend() {
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos({8, size.y - 8}, ImGuiCond_Always, {0, 1});
  ImGui::SetNextWindowBgAlpha(0.85f);
  ImGui::SetNextWindowCollapsed(false, ImGuiCond_FirstUseEver);
  ImGui::Begin(tr("legend.title").c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove |
                                                        ImGuiWindowFlags_NoSavedSettings);
  struct Entry {
    render::Layer layer;
    const char* key;
    sf::Color colour;
  };
  const Entry entries[] = {
      {render::Layer::kTerrain, "layer.terrain", render::palette::kUrban},
      {render::Layer::kCoast, "layer.coast", render::palette::kCoast},
      {render::Layer::kRoads, "layer.roads", render::palette::kRoad},
      {render::Layer::kFeeders, "layer.feeders", render::palette::kFeederLive},
      {render::Layer::kDevices, "layer.devices", render::palette::kTripped},
      {render::Layer::kSubstations, "layer.substations", render::palette::kSubstation},
      {render::Layer::kGusts, "layer.gusts", sf::Color(255, 120, 40)},
      {render::Layer::kStorm, "layer.storm", render::palette::kEye},
      {render::Layer::kCrews, "layer.crews", render::palette::kCrewIdle},
      {render::Layer::kFaults, "layer.faults", render::palette::kFault},
      {render::Layer::kCalls, "layer.calls", render::palette::kPredicted},
      {render::Layer::kImportant, "layer.important", render::palette::kImportant},
      {render::Layer::kOrders, "layer.orders", render::palette::kOrderLate},
  };
  int column = 0;
  for (const Entry& e : entries) {
    ImGui::ColorButton(("##c" + std::string(e.key)).c_str(), to_imvec(e.colour), ImGuiColorEditFlags_NoTooltip, {12, 12});
    ImGui::SameLine();
    ImGui::Checkbox(tr(e.key).c_str(), &layer_set_[e.layer]);
    if (++column % 3 != 0) ImGui::SameLine(static_cast<float>(column % 3) * 150.f);
  }
  if (column % 3 != 0) ImGui::NewLine();
  ImGui::TextDisabled("%s", tr("legend.feeder_colours").c_str());
  ImGui::TextDisabled("%s", tr("legend.crew_colours").c_str());
  if (options_.instructor) ImGui::Checkbox(tr("layer.truth").c_str(), &truth_);
  ImGui::End();
}

void App::draw_context_menu() {
  if (open_context_) {
    ImGui::OpenPopup("map_context");
    open_context_ = false;
  }
  context_open_ = false;
  if (!ImGui::BeginPopup("map_context")) return;
  context_open_ = true;
  const render::Pick& p = context_pick_;
  const bool crew = selected_crew_ != control::kNoneId;
  const std::string crew_text = crew ? crew_name(selected_crew_) : "";
  auto item = [&](const std::string& label, int key, bool enabled) {
    const bool chosen = ImGui::MenuItem(label.c_str(), nullptr, false, enabled) ||
                        (enabled && ImGui::IsKeyPressed(key, false));
    if (chosen) ImGui::CloseCurrentPopup();
    return chosen;
  };
  Command c;
  if (!crew) ImGui::TextDisabled("%s", tr("ctx.select_crew_first").c_str());
  switch (p.kind) {
    case render::PickKind::kFault: {
      ImGui::TextUnformatted(tr("ctx.fault", {std::to_string(p.id)}).c_str());
      ImGui::Separator();
      if (item(tr("ctx.assign", {crew_text, std::to_string(p.id)}), sf::Keyboard::A, crew)) {
        c.kind = CommandKind::kAssignCrew;
        c.actor = selected_crew_;
        c.target = p.id;
        command(c, tr("act.assign", {crew_text, std::to_string(p.id)}));
      }
      break;
    }
    case render::PickKind::kOpenDevice:
    case render::PickKind::kSection: {
      const std::uint32_t device = p.id;
      if (device == control::kNoneId) break;
      const world::Device& dev = sim_->world().grid().devices()[device];
      const bool known_open = std::any_of(view().open_devices().begin(), view().open_devices().end(),
                                          [&](const control::KnownOpenDevice& d) { return d.device == device; });
      // What the control room believes: known open devices, and ties by the state it set them to.
      const bool shown_open = known_open || (!dev.normally_closed && !dev.closed);
      ImGui::TextUnformatted(tr("ctx.device", {device_name(device), tr(shown_open ? "state.open" : "state.closed")}).c_str());
      ImGui::Separator();
      if (item(tr("ctx.patrol", {crew_text, device_name(device)}), sf::Keyboard::P, crew && known_open)) {
        c.kind = CommandKind::kPatrol;
        c.actor = selected_crew_;
        c.target = device;
        command(c, tr("act.patrol", {crew_text, device_name(device)}));
      }
      if (item(tr(shown_open ? "ctx.close" : "ctx.open", {device_name(device)}), shown_open ? sf::Keyboard::C : sf::Keyboard::O, true)) {
        c.kind = CommandKind::kOperateSwitch;
        c.target = device;
        c.value = shown_open ? 1 : 0;
        command(c, tr(c.value ? "act.close" : "act.open", {device_name(device)}));
      }
      ImGui::SetNextItemWidth(90);
      ImGui::InputInt(tr("ctx.etr_hours").c_str(), &etr_hours_);
      etr_hours_ = std::clamp(etr_hours_, 1, 72);
      if (item(tr("ctx.publish", {device_name(device), std::to_string(etr_hours_)}), sf::Keyboard::E, true)) {
        c.kind = CommandKind::kPublishOutage;
        c.target = device;
        c.value = sim_->now() + etr_hours_ * kHour;
        command(c, tr("act.publish", {device_name(device), local_time(c.value)}));
      }
      break;
    }
    case render::PickKind::kCell:
    case render::PickKind::kCrew:
      break;
    default:
      break;
  }
  if (p.cell != control::kNoneId && p.kind != render::PickKind::kCrew) {
    if (item(tr("ctx.preposition", {crew_text}), sf::Keyboard::R, crew)) {
      c.kind = CommandKind::kPreposition;
      c.actor = selected_crew_;
      c.target = p.cell;
      command(c, tr("act.preposition", {crew_text}));
    }
  }
  if (crew && item(tr("ctx.rest", {crew_text}), sf::Keyboard::H, true)) {
    c = Command{};
    c.kind = CommandKind::kSendHome;
    c.actor = selected_crew_;
    command(c, tr("act.rest", {crew_text}));
  }
  if (ImGui::IsKeyPressed(sf::Keyboard::Escape, false)) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

void App::draw_pause_menu() {
  if (!menu_open_) return;
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos({size.x / 2, size.y / 2}, ImGuiCond_Always, {0.5f, 0.5f});
  ImGui::SetNextWindowSize({320, 0});
  ImGui::Begin(tr("menu.title").c_str(), nullptr, kFixed);
  ImGui::TextWrapped("%s", tr("menu.paused").c_str());
  if (ImGui::Button(tr("menu.resume").c_str(), {-1, 0})) menu_open_ = false;
  if (ImGui::Button(tr("menu.save").c_str(), {-1, 0})) {
    autosave(true);
    messages_.push_front({sim_->now(), true, tr("msg.saved", {session_path_})});
  }
  if (ImGui::Button(tr("menu.quit_to_debrief").c_str(), {-1, 0})) {
    menu_open_ = false;
    enter_debrief();
  }
  ImGui::End();
}

void App::draw_drill_panels() {
  draw_top_bar();
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  const Time now = sim_->now();

  // Live figures, recomputed at most four times a wall second (never the whole scorecard).
  if (wall_s_ - live_at_s_ >= 0.25 || live_at_s_ < 0) {
    live_at_s_ = wall_s_;
    at_risk_.clear();
    overdue_ = 0;
    for (const control::OrderStatus& o : view().open_orders()) {
      const Time due = o.first_due_ms != kNever && !o.on_site ? o.first_due_ms : o.final_due_ms;
      if (due == kNever) continue;
      if (o.overdue || due < now) ++overdue_;
      else if (due - now < kHour) at_risk_.push_back({o.order, due});
    }
    std::sort(at_risk_.begin(), at_risk_.end(),
              [](const AtRisk& a, const AtRisk& b) { return a.due != b.due ? a.due < b.due : a.order < b.order; });
    const auto& intervals = sim_->hotline().intervals();
    const std::size_t k = static_cast<std::size_t>(now / (30 * kMinute));
    service_level_ = -1;
    abandon_pct_ = 0;
    interval_offered_ = 0;
    if (k < intervals.size()) {
      const hotline::CallStats& s = intervals[k];
      interval_offered_ = s.offered;
      const std::uint64_t agents = s.to_agents();
      if (agents > 0) {
        service_level_ = 100.0 * static_cast<double>(s.within_sl) / static_cast<double>(agents);
        abandon_pct_ = 100.0 * static_cast<double>(s.abandoned) / static_cast<double>(agents);
      }
    }
    complaints_ = sim_->hotline().complaint_records().size();
  }

  ImGui::SetNextWindowPos({size.x - 400, 48});
  ImGui::SetNextWindowSize({396, size.y - 52});
  ImGui::Begin("##side", nullptr, kFixed | ImGuiWindowFlags_NoTitleBar);
  if (ImGui::BeginTabBar("tabs")) {
    if (ImGui::BeginTabItem(tr("tab.live").c_str())) {
      ImGui::Text("%s", tr("live.out_now", {format_count(view().known_customers_out()),
                                            format_count(view().customers_served())})
                            .c_str());
      if (!known_curve_.empty()) {
        const float peak = *std::max_element(known_curve_.begin(), known_curve_.end());
        ImGui::PlotLines("##curve", known_curve_.data(), static_cast<int>(known_curve_.size()), 0, tr("live.curve").c_str(), 0,
                         std::max(peak * 1.1f, 10.0f), {ImGui::GetContentRegionAvail().x, 90});
      }
      ImGui::Separator();
      ImGui::Text("%s", tr("live.hotline_title").c_str());
      if (service_level_ >= 0)
        ImGui::Text("%s", tr("live.service_level", {std::to_string(static_cast<int>(std::lround(service_level_))),
                                                    std::to_string(static_cast<int>(std::lround(abandon_pct_)))})
                              .c_str());
      else
        ImGui::TextDisabled("%s", tr("live.no_calls").c_str());
      ImGui::Text("%s", tr("live.queue", {std::to_string(view().hotline().queue_length), format_count(interval_offered_)}).c_str());
      ImGui::Text("%s", tr("live.complaints", {std::to_string(complaints_)}).c_str());
      ImGui::Separator();
      ImGui::Text("%s", tr("live.at_risk", {std::to_string(at_risk_.size())}).c_str());
      if (overdue_ > 0) ImGui::TextColored({1, 0.45f, 0.4f, 1}, "%s", tr("live.overdue", {std::to_string(overdue_)}).c_str());
      int shown = 0;
      for (const AtRisk& o : at_risk_) {
        if (++shown > 8) break;
        ImGui::BulletText("%s", tr("live.order", {std::to_string(o.order), format_duration(language_, o.due - now)}).c_str());
      }
      ImGui::Separator();
      ImGui::Text("%s", tr("live.faults", {std::to_string(view().faults().size()), std::to_string(view().open_devices().size())}).c_str());
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem(tr("tab.crews").c_str())) {
      if (ImGui::BeginTable("crews", 3, ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg, {-1, -1})) {
        ImGui::TableSetupColumn(tr("crews.name").c_str());
        ImGui::TableSetupColumn(tr("crews.kind").c_str());
        ImGui::TableSetupColumn(tr("crews.state").c_str());
        ImGui::TableHeadersRow();
        for (const control::CrewStatus& c : view().crews()) {
          if (!c.present) continue;
          ImGui::TableNextRow();
          ImGui::TableNextColumn();
          if (ImGui::Selectable(c.name.c_str(), selected_crew_ == c.crew, ImGuiSelectableFlags_SpanAllColumns))
            selected_crew_ = c.crew;
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(tr(kind_key(c.kind)).c_str());
          ImGui::TableNextColumn();
          ImGui::TextColored(to_imvec(render::crew_colour(c)), "%s", tr(c.on_shift ? activity_key(c.activity) : "activity.off_shift").c_str());
        }
        ImGui::EndTable();
      }
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem(tr("tab.feeders").c_str())) {
      const world::Grid& grid = sim_->world().grid();
      const int feeders = static_cast<int>(grid.feeders().size());
      feeder_ = std::clamp(feeder_, 0, std::max(0, feeders - 1));
      if (feeders > 0 && ImGui::BeginCombo(tr("feeders.pick").c_str(), grid.feeders()[feeder_].name.c_str())) {
        for (int f = 0; f < feeders; ++f)
          if (ImGui::Selectable(grid.feeders()[f].name.c_str(), f == feeder_)) feeder_ = f;
        ImGui::EndCombo();
      }
      // One-line: the feeder's switching devices in order along it (static DFS order).
      std::vector<std::uint32_t> devices;
      for (std::uint32_t d = 0; d < grid.devices().size(); ++d) {
        const world::Device& dev = grid.devices()[d];
        if (static_cast<int>(dev.feeder) != feeder_ || dev.edge == world::kNoId || dev.type == world::DeviceType::kFuse) continue;
        devices.push_back(d);
      }
      std::sort(devices.begin(), devices.end(), [&](std::uint32_t a, std::uint32_t b) {
        return grid.order(grid.edges()[grid.devices()[a].edge].child) < grid.order(grid.edges()[grid.devices()[b].edge].child);
      });
      if (ImGui::BeginTable("oneline", 3, ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg, {-1, -1})) {
        for (std::uint32_t d : devices) {
          const bool known_open = std::any_of(view().open_devices().begin(), view().open_devices().end(),
                                              [&](const control::KnownOpenDevice& k) { return k.device == d; });
          const world::Device& dev = grid.devices()[d];
          // What the control room shows: SCADA-known state for switches, ties by their normal state.
          const bool shown_open = known_open || (!dev.normally_closed && !dev.closed);
          ImGui::TableNextRow();
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(device_name(d).c_str());
          ImGui::TableNextColumn();
          ImGui::TextColored(shown_open ? ImVec4(1, 0.4f, 0.3f, 1) : ImVec4(0.5f, 0.9f, 1, 1), "%s",
                             tr(shown_open ? "state.open" : "state.closed").c_str());
          ImGui::TableNextColumn();
          ImGui::PushID(static_cast<int>(d));
          if (ImGui::SmallButton(tr(shown_open ? "feeders.close" : "feeders.open").c_str())) {
            Command c;
            c.kind = CommandKind::kOperateSwitch;
            c.target = d;
            c.value = shown_open ? 1 : 0;
            command(c, tr(c.value ? "act.close" : "act.open", {device_name(d)}));
          }
          ImGui::PopID();
        }
        ImGui::EndTable();
      }
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem(tr("tab.aid").c_str())) {
      for (const control::MutualAidStatus& a : view().mutual_aid()) {
        ImGui::PushID(static_cast<int>(a.offer));
        ImGui::TextUnformatted(a.name.c_str());
        ImGui::TextDisabled("%s", tr("aid.offer", {std::to_string(a.line_crews), std::to_string(a.tree_crews),
                                                   format_duration(language_, a.lead_time_ms)})
                                      .c_str());
        if (a.requested)
          ImGui::Text("%s", tr(a.arrived ? "aid.arrived" : "aid.expected", {local_time(a.expected_arrival_ms)}).c_str());
        else if (ImGui::Button(tr("aid.request").c_str())) {
          Command c;
          c.kind = CommandKind::kRequestMutualAid;
          c.target = a.offer;
          c.value = a.line_crews + a.tree_crews;
          command(c, tr("act.aid", {a.name}));
        }
        ImGui::Separator();
        ImGui::PopID();
      }
      if (view().mutual_aid().empty()) ImGui::TextDisabled("%s", tr("aid.none").c_str());
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem(tr("tab.log").c_str())) {
      for (const Message& m : messages_) {
        ImGui::TextDisabled("%s", local_time(m.at).c_str());
        ImGui::SameLine();
        ImGui::PushTextWrapPos(0);
        ImGui::TextColored(m.ok ? ImVec4(0.6f, 1, 0.6f, 1) : ImVec4(1, 0.5f, 0.4f, 1), "%s", m.text.c_str());
        ImGui::PopTextWrapPos();
      }
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  ImGui::End();

  // Selection and the latest answer, bottom centre-left above the legend.
  ImGui::SetNextWindowPos({8, 52});
  ImGui::SetNextWindowBgAlpha(0.85f);
  ImGui::Begin("##selection", nullptr, kFixed | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_AlwaysAutoResize);
  if (selected_crew_ != control::kNoneId) {
    for (const control::CrewStatus& c : view().crews())
      if (c.crew == selected_crew_) {
        ImGui::Text("%s", tr("sel.crew", {c.name, tr(kind_key(c.kind)), tr(c.on_shift ? activity_key(c.activity) : "activity.off_shift")}).c_str());
        break;
      }
    ImGui::TextDisabled("%s", tr("sel.hint").c_str());
  } else {
    ImGui::TextDisabled("%s", tr("sel.none").c_str());
  }
  if (!messages_.empty()) {
    const Message& m = messages_.front();
    ImGui::PushTextWrapPos(460);
    ImGui::TextColored(m.ok ? ImVec4(0.6f, 1, 0.6f, 1) : ImVec4(1, 0.5f, 0.4f, 1), "%s", m.text.c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::End();

  // Hover tooltip over the map.
  if (!gui_->wants_mouse() && hover_.kind != render::PickKind::kNone && !context_open_) {
    std::string tip;
    switch (hover_.kind) {
      case render::PickKind::kCrew: {
        for (const control::CrewStatus& c : view().crews())
          if (c.crew == hover_.id) tip = tr("sel.crew", {c.name, tr(kind_key(c.kind)), tr(c.on_shift ? activity_key(c.activity) : "activity.off_shift")});
        break;
      }
      case render::PickKind::kFault:
        for (const control::KnownFault& f : view().faults())
          if (f.fault == hover_.id)
            tip = tr("tip.fault", {std::to_string(f.fault), tr(cause_key(f.cause)), format_count(static_cast<std::uint64_t>(f.customers)),
                                   f.line_crew != control::kNoneId ? crew_name(f.line_crew) : tr("tip.unassigned")});
        break;
      case render::PickKind::kOpenDevice:
        for (const control::KnownOpenDevice& d : view().open_devices())
          if (d.device == hover_.id)
            tip = tr("tip.open_device", {device_name(d.device), format_count(d.customers_below), local_time(d.detected_ms == kNever ? now : d.detected_ms)});
        break;
      case render::PickKind::kSection:
        tip = tr("tip.section", {hover_.id == control::kNoneId ? "?" : device_name(hover_.id)});
        break;
      default:
        break;
    }
    if (!tip.empty()) ImGui::SetTooltip("%s", tip.c_str());
  }

  // The selected crew: a ring on the map, drawn behind the panels.
  if (selected_crew_ != control::kNoneId)
    for (const control::CrewStatus& c : view().crews())
      if (c.crew == selected_crew_ && c.present) {
        const render::Vec2 s = camera_.to_screen({c.x_m, c.y_m});
        ImGui::GetBackgroundDrawList()->AddCircle({static_cast<float>(s.x), static_cast<float>(s.y)}, 11, IM_COL32(90, 255, 120, 255), 20, 2.5f);
        ImGui::GetBackgroundDrawList()->AddText({static_cast<float>(s.x) + 12, static_cast<float>(s.y) - 8}, IM_COL32(255, 255, 255, 255), c.name.c_str());
      }

  draw_legend();
  draw_call_panel();
  draw_context_menu();
  draw_pause_menu();
}

}  // namespace fl::trainer::app
