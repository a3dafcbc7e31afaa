// The briefing screen: the scenario, the map, the storm forecast and warning timeline, the
// commitments in force, the crews, the trainee's seat and objectives.
#include <imgui.h>

#include <algorithm>
#include <map>

#include "sim/world/world.h"
#include "trainer/app/app_internal.h"

namespace fl::trainer::app {

void App::draw_briefing() {
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  const float panel_w = size.x * 0.45f;
  ImGui::SetNextWindowPos({size.x - panel_w, 0});
  ImGui::SetNextWindowSize({panel_w, size.y});
  ImGui::Begin("##briefing", nullptr, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                          ImGuiWindowFlags_NoSavedSettings);
  ImGui::SetWindowFontScale(1.35f);
  ImGui::TextUnformatted(scenario_.name.in(language_).c_str());
  ImGui::SetWindowFontScale(1.0f);
  ImGui::TextDisabled("%s", tr("brief.start", {local_time(0), format_duration(language_, sim_->end_time())}).c_str());
  ImGui::PushTextWrapPos(0);
  if (!scenario_.description.in(language_).empty()) ImGui::TextUnformatted(scenario_.description.in(language_).c_str());
  ImGui::PopTextWrapPos();
  ImGui::Separator();

  if (ImGui::CollapsingHeader(tr("brief.storm").c_str(), ImGuiTreeNodeFlags_DefaultOpen)) {
    if (const world::Typhoon* t = sim_->world().typhoon()) {
      ImGui::Text("%s", tr("brief.typhoon", {t->config().name}).c_str());
      const Time landfall = sim_->world().landfall();
      if (landfall != kNever) ImGui::Text("%s", tr("brief.landfall", {local_time(landfall)}).c_str());
      ImGui::Text("%s", tr("brief.peak_gust", {std::to_string(static_cast<int>(sim_->world().wind().peak_land_gust()))}).c_str());
      static const char* const kLevels[] = {"warning.none", "warning.blue", "warning.yellow", "warning.orange", "warning.red"};
      for (const auto& [at, level] : warnings_) {
        if (level == world::WarningLevel::kNone && at == 0) continue;
        ImGui::BulletText("%s  %s", local_time(at).c_str(), tr(kLevels[static_cast<int>(level)]).c_str());
      }
    } else {
      ImGui::TextDisabled("%s", tr("brief.calm").c_str());
    }
  }
  if (ImGui::CollapsingHeader(tr("brief.commitments").c_str(), ImGuiTreeNodeFlags_DefaultOpen)) {
    ImGui::TextDisabled("%s", (language_ == "zh" ? scenario_.commitments.name.zh : scenario_.commitments.name.en).c_str());
    ImGui::PushTextWrapPos(0);
    for (const auto& c : scenario_.commitments.commitments)
      ImGui::BulletText("%s", (language_ == "zh" ? c.text.zh : c.text.en).c_str());
    ImGui::PopTextWrapPos();
  }
  if (ImGui::CollapsingHeader(tr("brief.crews").c_str(), ImGuiTreeNodeFlags_DefaultOpen)) {
    for (const auto& d : scenario_.world.crews.depots)
      ImGui::BulletText("%s", tr("brief.depot", {d.name, std::to_string(d.line_crews), std::to_string(d.tree_crews),
                                                 std::to_string(d.assessment_crews)})
                                  .c_str());
    for (const auto& m : scenario_.world.crews.mutual_aid)
      ImGui::BulletText("%s", tr("brief.aid", {m.name, std::to_string(m.line_crews + m.tree_crews),
                                               format_duration(language_, static_cast<Time>(m.lead_time_h * static_cast<double>(kHour)))})
                                  .c_str());
  }
  if (ImGui::CollapsingHeader(tr("brief.seat").c_str(), ImGuiTreeNodeFlags_DefaultOpen)) {
    const char* seat = dispatch_seat_ && hotline_seat_ ? "seat.both" : dispatch_seat_ ? "seat.dispatch" : "seat.hotline";
    ImGui::TextUnformatted(tr(seat).c_str());
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(tr("brief.objectives").c_str());
    ImGui::TextDisabled("%s", tr("brief.controls").c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::Spacing();
  if (ImGui::Button(tr("brief.start_button").c_str(), {-1, 40})) start_drill();
  ImGui::End();
}

}  // namespace fl::trainer::app
