// The debrief screen: the scorecard's headline and commitments, the comparison with the automatic
// dispatcher on the same seed, findings, and a button that writes and opens the report. The map
// behind it shows the ground truth overlay.
#include <imgui.h>
#include <rapidjson/document.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "sim/session.h"
#include "trainer/app/app_internal.h"
#include "trainer/baseline.h"
#include "trainer/debrief/aar.h"
#include "trainer/debrief/text.h"
#include "trainer/headless.h"
#include "trainer/records_db.h"
#include "trainer/report.h"

namespace fl::trainer::app {

namespace {

double number(const rapidjson::Value& obj, const char* key, double fallback = 0) {
  if (!obj.IsObject()) return fallback;
  const auto it = obj.FindMember(key);
  return it != obj.MemberEnd() && it->value.IsNumber() ? it->value.GetDouble() : fallback;
}

std::string figure(const rapidjson::Value& v) {
  if (v.IsNumber()) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v.GetDouble());
    return buf;
  }
  if (v.IsObject()) {
    std::string out;
    for (const char* k : {"urban", "rural", "remote"})
      if (v.HasMember(k) && v[k].IsNumber()) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%s%.0f", out.empty() ? "" : "/", v[k].GetDouble());
        out += buf;
      }
    return out;
  }
  return "–";
}

}  // namespace

void App::enter_debrief() {
  if (screen_ == Screen::kDebrief) return;
  // A drill played to its end includes the complaint follow-up, as its replay will.
  if (sim_->now() >= sim_->end_time()) sim_->run_to_end();
  autosave(true);  // the session's scorecard hash is taken before the baseline is attached
  screen_ = Screen::kDebrief;
  screen_first_frame_ = true;
  clock_.set_speed(0);
  attach_baseline(*sim_);
  debrief_ = {};
  findings_drawn_ = false;
  debrief_.scorecard_json = sim_->scorecard_json();
  debrief_.details = run::collect_details(*sim_);
  try {
    write_file_atomically((std::filesystem::path(options_.out_dir) / "scorecard.json").string(), debrief_.scorecard_json);
    write_details_atomically((std::filesystem::path(options_.out_dir) / kDetailsFileName).string(), debrief_.details,
                             {scenario_.id, sim_->options().seed});
  } catch (const std::exception& e) {
    messages_.push_front({sim_->now(), false, tr("msg.save_failed", {e.what()})});
  }
  rapidjson::Document doc;
  doc.Parse(debrief_.scorecard_json.c_str());
  if (!doc.HasParseError() && doc.IsObject()) {
    if (doc.HasMember("headline")) {
      const auto& h = doc["headline"];
      debrief_.grade_score = number(h, "grade_score", -1);
      if (h.HasMember("grade_letter") && h["grade_letter"].IsString()) debrief_.grade_letter = h["grade_letter"].GetString();
      debrief_.customer_hours = number(h, "customer_hours");
      debrief_.peak_out = number(h, "peak_customers_out");
      debrief_.faults = number(h, "faults");
      debrief_.complaints = number(h, "complaints");
      debrief_.commitments_met = number(h, "commitments_met");
      debrief_.commitments_measured = number(h, "commitments_measured");
      debrief_.breaches = number(h, "breaches_total");
    }
    if (doc.HasMember("baseline") && doc["baseline"].IsObject()) {
      const auto& b = doc["baseline"];
      debrief_.has_baseline = true;
      debrief_.base_customer_hours = number(b, "customer_hours");
      debrief_.base_grade = number(b, "grade_score", -1);
      debrief_.base_complaints = number(b, "complaints");
      debrief_.base_met = number(b, "commitments_met");
    }
    if (doc.HasMember("commitments") && doc["commitments"].IsArray())
      for (const auto& c : doc["commitments"].GetArray()) {
        DebriefData::Row row;
        if (c.HasMember("text_en") && c["text_en"].IsString()) row.text_en = c["text_en"].GetString();
        if (c.HasMember("text_zh") && c["text_zh"].IsString()) row.text_zh = c["text_zh"].GetString();
        if (c.HasMember("measured")) row.measured = figure(c["measured"]);
        if (c.HasMember("target")) row.target = figure(c["target"]);
        if (c.HasMember("met") && c["met"].IsBool()) row.met = c["met"].GetBool() ? 1 : 0;
        debrief_.commitments.push_back(row);
      }
  }
  debrief_.ready = true;
  // Findings are weighed off the UI thread on all cores but one, so the screen stays live.
  const unsigned cores = std::thread::hardware_concurrency();
  findings_.start(capture_session(*sim_, scenario_path_, scenario_text_), scenario_, cores > 1 ? cores - 1 : 1);
  // The whole area, with what nobody knew during the drill.
  layers_.rebuild_dynamic(view(), sim_->world(), true, true);
}

void App::draw_debrief() {
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos({size.x - 560, 8});
  ImGui::SetNextWindowSize({552, size.y - 16});
  ImGui::Begin(tr("debrief.title").c_str(), nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                                          ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings);
  const DebriefData& d = debrief_;
  ImGui::SetWindowFontScale(1.35f);
  if (d.grade_score >= 0)
    ImGui::Text("%s", tr("debrief.grade", {d.grade_letter, std::to_string(static_cast<int>(d.grade_score + 0.5))}).c_str());
  ImGui::SetWindowFontScale(1.0f);
  ImGui::TextDisabled("%s", tr("debrief.at", {local_time(sim_->now())}).c_str());
  ImGui::Text("%s", tr("debrief.customer_hours", {format_count(static_cast<std::uint64_t>(d.customer_hours)),
                                                  format_count(static_cast<std::uint64_t>(d.peak_out))})
                        .c_str());
  ImGui::Text("%s", tr("debrief.faults", {format_count(static_cast<std::uint64_t>(d.faults)),
                                          format_count(static_cast<std::uint64_t>(d.complaints))})
                        .c_str());
  ImGui::Text("%s", tr("debrief.commitments_met", {std::to_string(static_cast<int>(d.commitments_met)),
                                                   std::to_string(static_cast<int>(d.commitments_measured)),
                                                   format_count(static_cast<std::uint64_t>(d.breaches))})
                        .c_str());
  ImGui::Separator();
  ImGui::TextUnformatted(tr("debrief.baseline").c_str());
  if (d.has_baseline && ImGui::BeginTable("baseline", 3, ImGuiTableFlags_Borders)) {
    ImGui::TableSetupColumn("");
    ImGui::TableSetupColumn(tr("debrief.you").c_str());
    ImGui::TableSetupColumn(tr("debrief.auto").c_str());
    ImGui::TableHeadersRow();
    auto row = [&](const std::string& name, double you, double base) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(name.c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%s", format_count(static_cast<std::uint64_t>(you < 0 ? 0 : you + 0.5)).c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%s", format_count(static_cast<std::uint64_t>(base < 0 ? 0 : base + 0.5)).c_str());
    };
    row(tr("debrief.row_customer_hours"), d.customer_hours, d.base_customer_hours);
    row(tr("debrief.row_complaints"), d.complaints, d.base_complaints);
    row(tr("debrief.row_met"), d.commitments_met, d.base_met);
    row(tr("debrief.row_grade"), d.grade_score, d.base_grade);
    ImGui::EndTable();
  } else if (!d.has_baseline) {
    ImGui::TextDisabled("%s", tr("debrief.no_baseline").c_str());
  }
  ImGui::Separator();
  if (ImGui::BeginTable("commitments", 4, ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg,
                        {-1, 170})) {
    ImGui::TableSetupColumn(tr("debrief.commitment").c_str(), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(tr("debrief.target").c_str(), ImGuiTableColumnFlags_WidthFixed, 70);
    ImGui::TableSetupColumn(tr("debrief.measured").c_str(), ImGuiTableColumnFlags_WidthFixed, 70);
    ImGui::TableSetupColumn(tr("debrief.met").c_str(), ImGuiTableColumnFlags_WidthFixed, 50);
    ImGui::TableHeadersRow();
    for (const DebriefData::Row& r : d.commitments) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::PushTextWrapPos(0);
      ImGui::TextUnformatted((language_ == "zh" ? r.text_zh : r.text_en).c_str());
      ImGui::PopTextWrapPos();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.target.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.measured.c_str());
      ImGui::TableNextColumn();
      if (r.met < 0) ImGui::TextDisabled("–");
      else ImGui::TextColored(r.met ? ImVec4(0.5f, 1, 0.5f, 1) : ImVec4(1, 0.4f, 0.4f, 1), "%s", tr(r.met ? "debrief.yes" : "debrief.no").c_str());
    }
    ImGui::EndTable();
  }
  ImGui::Separator();
  ImGui::TextUnformatted(tr("debrief.findings").c_str());
  const control::TruthForDebrief truth = view().truth_for_debrief();
  ImGui::PushTextWrapPos(0);
  ImGui::TextDisabled("%s", tr("debrief.truth", {std::to_string(truth.unfound_faults), std::to_string(truth.undetected_open_devices)}).c_str());
  ImGui::PopTextWrapPos();
  draw_findings();
  ImGui::Separator();
  if (ImGui::Button(tr("debrief.report").c_str(), {-1, 32})) {
    const std::string path = (std::filesystem::path(options_.out_dir) / "report.html").string();
    try {
      ReportExtras extras;
      extras.details = &d.details;
      write_file_atomically(path, render_report(d.scorecard_json, language_, extras));
      debrief_.report_path = path;
      if (!options_.fixed_clock && display_available()) {
        const std::string open = "xdg-open '" + path + "' >/dev/null 2>&1 &";
        if (std::system(open.c_str()) != 0) spdlog::warn("could not open {}", path);
      }
    } catch (const std::exception& e) {
      debrief_.report_path = e.what();
    }
  }
  if (!d.report_path.empty()) ImGui::TextDisabled("%s", tr("debrief.report_written", {d.report_path}).c_str());
  ImGui::TextDisabled("%s", tr("debrief.session", {session_path_}).c_str());
  if (ImGui::Button(tr("debrief.quit").c_str(), {-1, 28})) quit_ = true;
  ImGui::End();
}

std::string App::findings_summary() const {
  if (!findings_.ready() || !findings_.error().empty()) return {};
  const WeighedFindings& f = findings_.result();
  std::string out;
  if (!f.top.empty()) {
    out += tr("debrief.summary_top") + "\n";
    for (const debrief::DecisionCost& k : f.top)
      out += "  " + debrief::render(debrief::cost_sentence(k), language_, f.clock) + "\n";
  }
  if (!f.calls.empty())
    out += tr("debrief.calls_caption", {std::to_string(f.calls.size())}) + "\n" +
           debrief::render_call_lines(f.calls, language_, f.clock);
  return out;
}

void App::draw_findings() {
  // The buttons and lines below the findings keep their room; the findings scroll.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float below = 32 + 28 + style.ItemSpacing.y * 5 + ImGui::GetTextLineHeightWithSpacing() *
                                                             (debrief_.report_path.empty() ? 1.0f : 2.0f);
  ImGui::BeginChild("findings", {0, -below}, true);
  ImGui::PushTextWrapPos(0);
  if (!findings_.ready()) {
    const std::size_t total = findings_.total(), done = findings_.done();
    ImGui::TextUnformatted(tr("debrief.weighing", {std::to_string(done), std::to_string(total)}).c_str());
    ImGui::ProgressBar(total ? static_cast<float>(done) / static_cast<float>(total) : 0.0f, {-1, 0});
  } else if (!findings_.error().empty()) {
    findings_drawn_ = true;  // drawn as far as it goes: a scripted run waiting for it moves on
    ImGui::TextColored({1, 0.5f, 0.4f, 1}, "%s", tr("debrief.findings_failed", {findings_.error()}).c_str());
  } else {
    findings_drawn_ = true;
    const WeighedFindings& f = findings_.result();
    if (f.decisions == 0) {
      ImGui::TextDisabled("%s", tr("debrief.no_decisions").c_str());
    } else {
      ImGui::TextUnformatted(tr("debrief.decisions_caption", {std::to_string(f.top.size()), std::to_string(f.decisions)}).c_str());
      for (const debrief::DecisionCost& k : f.top) {
        std::string line = debrief::render(debrief::cost_sentence(k), language_, f.clock);  // says when
        if (!k.accepted) line += "  (" + tr("debrief.refused") + ")";
        ImGui::Bullet();
        // Red cost, green gain; a decision that changed nothing measurable stays grey.
        const double w = k.weight();
        const ImVec4 colour = w < 0 ? ImVec4(1, 0.55f, 0.5f, 1) : w > 0 ? ImVec4(0.6f, 1, 0.6f, 1) : ImVec4(0.75f, 0.75f, 0.75f, 1);
        ImGui::TextColored(colour, "%s", line.c_str());
      }
    }
    if (!f.calls.empty()) {
      ImGui::Separator();
      ImGui::TextUnformatted(tr("debrief.calls_caption", {std::to_string(f.calls.size())}).c_str());
      for (const debrief::CallReview& call : f.calls) {
        ImGui::Bullet();
        ImGui::TextUnformatted((f.clock.at(call.hours) + "  " + debrief::render(call.caller, language_, f.clock)).c_str());
        ImGui::Indent();
        for (const debrief::Finding& m : call.missed)
          ImGui::TextColored({1, 0.75f, 0.4f, 1}, "%s", debrief::render(m, language_, f.clock).c_str());
        const std::string consequence = debrief::render(call.consequence, language_, f.clock);
        if (!consequence.empty()) ImGui::TextDisabled("%s", consequence.c_str());
        ImGui::Unindent();
      }
    }
  }
  ImGui::PopTextWrapPos();
  ImGui::EndChild();
}

}  // namespace fl::trainer::app
