// The hotline seat's call panel: the calls ringing at the trainee's seat with their ring count,
// then, once answered, the caller card (that caller's data only), the transcript, the caller's
// line and the reply choices or a text box. It reads the CallDesk (sim/calls/desk.h) and acts
// only through Commands (answer, reply, open a work order), as the terminal practice does.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>

#include "sim/calls/transcript.h"
#include "sim/hotline/hotline.h"
#include "trainer/app/app_internal.h"

namespace fl::trainer::app {

namespace {

constexpr ImGuiWindowFlags kFixed = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                                    ImGuiWindowFlags_NoSavedSettings;

const ImVec4 kCallerColour{1.0f, 0.86f, 0.55f, 1};
const ImVec4 kAgentColour{0.6f, 0.85f, 1.0f, 1};
const ImVec4 kGood{0.55f, 1.0f, 0.55f, 1};
const ImVec4 kBad{1.0f, 0.5f, 0.4f, 1};

// Order types a trainee can open from the panel, in hotline::OrderType's order.
constexpr const char* kOrderTypeKeys[] = {"calls.order_repair", "calls.order_complaint", "calls.order_enquiry",
                                          "calls.order_business"};

}  // namespace

std::string App::reason_label(hotline::Reason reason) const {
  return tr(std::string("reason.") + hotline::reason_name(reason));
}

void App::answer_call() {
  if (!desk_ || desk_->current() || desk_->ringing().empty()) return;
  const calls::CallDesk::Ringing& ringing = desk_->ringing().front();
  Command c;
  c.kind = CommandKind::kAnswerCall;
  c.target = static_cast<std::uint32_t>(ringing.call_id);
  command(c, tr("act.answer", {reason_label(ringing.reason),
                               std::to_string(calls::rings_heard(ringing.since, sim_->now(), desk_->ring_period_ms()))}));
}

void App::choose_reply(std::size_t option) {
  if (!desk_ || !desk_->current()) return;
  // A number beyond the options is the desk's to refuse (call.no_option), like any other refusal.
  Command c;
  c.kind = CommandKind::kChooseReply;
  c.target = static_cast<std::uint32_t>(desk_->current_call_id());
  c.value = static_cast<std::int64_t>(option);
  command(c, tr("act.reply", {std::to_string(option + 1)}));
}

void App::type_reply() {
  if (!desk_ || !desk_->current()) return;
  const std::string text = reply_.data();
  // A number picks that reply, as in the terminal practice (the box keeps the keyboard after
  // Enter); an empty reply goes to the desk, which refuses it (call.empty_reply).
  const auto first = text.find_first_not_of(" \t"), last = text.find_last_not_of(" \t");
  const std::string word = first == std::string::npos ? std::string() : text.substr(first, last - first + 1);
  if (!word.empty() && word.size() <= 2 && word.find_first_not_of("0123456789") == std::string::npos) {
    reply_.fill('\0');
    if (std::stoi(word) >= 1) {
      choose_reply(static_cast<std::size_t>(std::stoi(word) - 1));
    } else {  // "0" names no reply at all: said as the desk says a missing one
      const CommandMessage none{calls::kNoSuchReplyKey, {word, std::to_string(desk_->current()->options().size())}};
      messages_.push_front({sim_->now(), false, tr("msg.refused", {tr("act.typed_reply"), translate_refusal(none)})});
    }
    return;
  }
  Command c;
  c.kind = CommandKind::kChooseReply;
  c.target = static_cast<std::uint32_t>(desk_->current_call_id());
  c.value = -1;
  c.text = text;
  command(c, tr("act.typed_reply"));
  reply_.fill('\0');
}

void App::hold_clock_for_calls() {
  if (!desk_) return;
  // A ringing or live call runs at 1× (a person answers in real time); the trainee's own speed
  // comes back when the desk is quiet again, unless they paused or changed it meanwhile.
  if (desk_->current() || (!desk_->ringing().empty() && hold_on_ring_)) {
    if (skip_to_ring_) {  // the fast run to this ring is over: after the call, the speed from before it
      skip_to_ring_ = false;
      if (speed_before_skip_ >= 0) speed_before_call_ = speed_before_skip_;
      speed_before_skip_ = -1;
    }
    if (clock_.speed_index() > 1) {
      if (speed_before_call_ < 0) speed_before_call_ = clock_.speed_index();
      clock_.set_speed(1);
    }
    return;
  }
  if (speed_before_call_ >= 0) {
    if (clock_.speed_index() == 1) clock_.set_speed(speed_before_call_);
    speed_before_call_ = -1;
  }
  if (skip_to_ring_ && clock_.speed_index() != 0 && clock_.speed_index() < kFastestSpeed) {
    if (speed_before_skip_ < 0) speed_before_skip_ = clock_.speed_index();
    clock_.set_speed(kFastestSpeed);
  } else if (!skip_to_ring_ && speed_before_skip_ >= 0) {  // the trainee stopped the fast run
    if (clock_.speed_index() == kFastestSpeed) clock_.set_speed(speed_before_skip_);
    speed_before_skip_ = -1;
  }
}

void App::draw_call_panel() {
  if (!hotline_seat_) return;
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  const Time now = sim_->now();
  const bool in_call = desk_ && desk_->current();
  // Left of the side panel; a call in progress takes the height of the window below the top bar.
  ImGui::SetNextWindowPos({size.x - 408, in_call ? 52.0f : size.y - 8}, ImGuiCond_Always, {1, in_call ? 0.0f : 1.0f});
  ImGui::SetNextWindowSize({in_call ? 470.0f : 380.0f, in_call ? size.y - 60 : 0.0f});
  ImGui::Begin(tr("calls.title").c_str(), nullptr, kFixed);
  const control::HotlineBoard& b = view().hotline();
  ImGui::TextDisabled("%s", tr("calls.queue", {std::to_string(b.queue_length), std::to_string(b.agents_busy),
                                               std::to_string(b.agents_staffed)})
                                .c_str());
  if (!desk_) {
    ImGui::TextWrapped("%s", tr("calls.no_desk").c_str());
    ImGui::End();
    return;
  }

  if (!in_call) {
    if (desk_->ringing().empty()) {
      ImGui::Text("%s", tr("calls.idle").c_str());
      if (ImGui::Button(tr(skip_to_ring_ ? "calls.skipping" : "calls.next").c_str())) skip_to_ring_ = !skip_to_ring_;
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("calls.next_tip").c_str());
      ImGui::SameLine();
      ImGui::Checkbox(tr("calls.hold_on_ring").c_str(), &hold_on_ring_);
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("calls.hold_on_ring_tip").c_str());
    }
    bool answer = false;  // answered after the loop: answering changes the ringing list
    for (const calls::CallDesk::Ringing& r : desk_->ringing()) {
      const int rings = calls::rings_heard(r.since, now, desk_->ring_period_ms());
      ImGui::PushID(static_cast<int>(r.call_id));
      ImGui::TextColored(rings > calls::kPickUpRings ? kBad : kCallerColour, "%s",
                         tr("calls.ringing", {reason_label(r.reason), std::to_string(rings)}).c_str());
      if (&r == &desk_->ringing().front()) {
        ImGui::SameLine();
        if (ImGui::Button(tr("calls.answer").c_str())) answer = true;
      }
      ImGui::PopID();
    }
    if (!desk_->ringing().empty() && calls::rings_heard(desk_->ringing().front().since, now, desk_->ring_period_ms()) >
                                         calls::kPickUpRings)
      ImGui::TextColored(kBad, "%s", tr("calls.late").c_str());
    // The last call's score, so the trainee sees at once what the call earned.
    if (!desk_->records().empty()) {
      const calls::CallRecord& last = desk_->records().back();
      ImGui::Separator();
      if (last.abandoned) {
        ImGui::TextColored(kBad, "%s", tr("calls.last_abandoned", {std::to_string(last.rings)}).c_str());
      } else {
        ImGui::TextWrapped("%s", tr("calls.last", {last.title.in(language_),
                                                   std::to_string(static_cast<int>(last.score.score_pct + 0.5)),
                                                   std::to_string(static_cast<int>(last.score.adherence_pct + 0.5)),
                                                   std::to_string(last.rings)})
                                     .c_str());
        if (!last.score.missed.empty()) {
          std::string missed;
          for (const std::string& m : last.score.missed)
            missed += (missed.empty() ? "" : language_ == "zh" ? "、" : ", ") + calls::checkpoint_label(m, language_);
          ImGui::PushTextWrapPos(0);
          ImGui::TextColored(kBad, "%s", tr("calls.missed", {missed}).c_str());
          ImGui::PopTextWrapPos();
        }
        for (const std::string& v : last.score.violations)
          ImGui::TextColored(kBad, "× %s", calls::violation_label(v, language_).c_str());
        if (last.effects.complaint) ImGui::TextColored(kBad, "%s", tr("calls.complaint").c_str());
      }
      const calls::CallDesk::Totals t = desk_->totals();
      ImGui::TextDisabled("%s", tr("calls.totals", {std::to_string(t.handled), std::to_string(static_cast<int>(t.adherence_pct + 0.5)),
                                                    format_duration(language_, static_cast<Time>(t.average_handling_s * 1000))})
                                    .c_str());
    }
    ImGui::End();
    if (answer) answer_call();
    return;
  }

  const calls::CallSession& call = *desk_->current();
  // "客户：…" without a space: ImGui wraps at spaces first, which would break the line after the colon.
  const char* speaker_mark = language_ == "zh" ? "：" : ": ";
  // The caller's address on the map, once asked for ("show address on map").
  const auto all_customers = sim_->world_grid().customers();
  if (caller_marker_ == call.facts().customer && caller_marker_ < all_customers.size()) {
    const render::Vec2 at = camera_.to_screen({all_customers[caller_marker_].x_m, all_customers[caller_marker_].y_m});
    ImDrawList* map = ImGui::GetBackgroundDrawList();
    map->AddCircle({static_cast<float>(at.x), static_cast<float>(at.y)}, 12, IM_COL32(255, 220, 140, 255), 24, 3);
    map->AddText({static_cast<float>(at.x) + 14, static_cast<float>(at.y) - 8}, IM_COL32(255, 220, 140, 255),
                 tr("calls.caller").c_str());
  }
  ImGui::TextColored(kCallerColour, "%s", call.script().title.in(language_).c_str());
  // The caller's mood as a bar (red when low: a complaint is near), patience beside it.
  const float mood = static_cast<float>(call.mood()) / 100.0f;
  ImGui::PushStyleColor(ImGuiCol_PlotHistogram, ImVec4(1.0f - mood, 0.35f + 0.55f * mood, 0.3f, 1));
  ImGui::ProgressBar(mood, {160, 0}, tr("calls.mood", {std::to_string(call.mood()), std::to_string(call.patience_left())}).c_str());
  ImGui::PopStyleColor();
  // The reply box first, at a fixed place, so it is always where the trainee looks for it.
  const auto options = call.options();
  ImGui::SetNextItemWidth(-70);
  if (focus_reply_) {
    ImGui::SetKeyboardFocusHere();
    focus_reply_ = false;
  }
  const bool entered = ImGui::InputTextWithHint("##reply", tr("calls.reply_hint", {std::to_string(options.size())}).c_str(),
                                                reply_.data(), reply_.size(), ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  // Replies are sent after the panel is drawn: a reply can end the call, and with it the session
  // this frame is still reading.
  bool send_typed = false;
  std::optional<std::size_t> picked;
  if (ImGui::Button(tr("calls.send").c_str()) || entered) {
    send_typed = true;
    focus_reply_ = entered;  // keep typing after Enter
  }

  // What the caller is saying now; replying before they finish interrupts them.
  const calls::LocalText said = call.caller_line();
  ImGui::Separator();
  if (!said.in(language_).empty()) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(kCallerColour, "%s%s%s", tr("calls.caller").c_str(), speaker_mark,
                       said.in(language_).c_str());
    ImGui::PopTextWrapPos();
    if (now < call.caller_done_at())
      ImGui::TextDisabled("%s", tr("calls.speaking", {std::to_string((call.caller_done_at() - now + kSecond - 1) / kSecond)}).c_str());
  }
  ImGui::Text("%s", tr("calls.options").c_str());
  for (std::size_t i = 0; i < options.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    if (ImGui::Button(std::to_string(i + 1).c_str(), {28, 0})) picked = i;
    ImGui::SameLine();
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(options[i].in(language_).c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopID();
  }

  // The customer-card lookup and the work-order tools.
  ImGui::Separator();
  if (ImGui::CollapsingHeader(tr("calls.card").c_str(), ImGuiTreeNodeFlags_DefaultOpen)) {
    if (ImGui::BeginTable("card", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
      for (const calls::CardLine& line : desk_->current_card()) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%s", line.label.in(language_).c_str());
        ImGui::TableNextColumn();
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted(line.value.in(language_).c_str());
        ImGui::PopTextWrapPos();
      }
      ImGui::EndTable();
    }
    const std::uint32_t customer = call.facts().customer;
    const auto customers = sim_->world_grid().customers();
    if (customer < customers.size()) {
      if (ImGui::SmallButton(tr("calls.show_on_map").c_str())) {
        const sf::Vector2u window = window_->getSize();
        const render::Vec2 at = camera_.to_screen({customers[customer].x_m, customers[customer].y_m});
        camera_.pan({(window.x - 400.0 - 470.0) / 2.0 - at.x, window.y / 2.0 - at.y});
        caller_marker_ = customer;
      }
      ImGui::SameLine();
    }
    ImGui::SetNextItemWidth(110);
    int type = std::clamp(order_type_, 0, static_cast<int>(std::size(kOrderTypeKeys)) - 1);
    if (ImGui::BeginCombo("##order_type", tr(kOrderTypeKeys[type]).c_str())) {
      for (int k = 0; k < static_cast<int>(std::size(kOrderTypeKeys)); ++k)
        if (ImGui::Selectable(tr(kOrderTypeKeys[k]).c_str(), k == type)) order_type_ = k;
      ImGui::EndCombo();
    }
    ImGui::SameLine();
    if (ImGui::SmallButton(tr("calls.open_order").c_str())) {
      Command c;
      c.kind = CommandKind::kOpenWorkOrder;
      c.target = static_cast<std::uint32_t>(desk_->current_call_id());
      c.value = type;
      command(c, tr("act.open_order", {tr(kOrderTypeKeys[type])}));
    }
    if (ImGui::SmallButton(tr("calls.link_order").c_str())) {  // its own line: the row above is full
      Command c;
      c.kind = CommandKind::kOpenWorkOrder;
      c.target = static_cast<std::uint32_t>(desk_->current_call_id());
      c.flags = kLinkToOpenOrder;
      command(c, tr("act.link_order"));
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("calls.link_order_tip").c_str());
  }

  // The transcript so far, newest at the bottom.
  ImGui::Separator();
  ImGui::BeginChild("transcript", {0, 0}, false);
  for (const calls::Turn& turn : call.transcript()) {
    ImGui::PushTextWrapPos(0);
    if (!turn.caller.in(language_).empty())
      ImGui::TextColored(kCallerColour, "%s%s%s", tr("calls.caller").c_str(), speaker_mark,
                         turn.caller.in(language_).c_str());
    ImGui::TextColored(kAgentColour, "%s%s%s", tr("calls.agent").c_str(), speaker_mark,
                       turn.agent.in(language_).c_str());
    ImGui::PopTextWrapPos();
    if (!turn.checkpoint.empty())
      ImGui::TextColored(kGood, "    ✓ %s", calls::checkpoint_label(turn.checkpoint, language_).c_str());
    for (const std::string& v : turn.violations)
      ImGui::TextColored(kBad, "    × %s", calls::violation_label(v, language_).c_str());
  }
  if (ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - 4) ImGui::SetScrollHereY(1.0f);
  ImGui::EndChild();
  ImGui::End();
  // `call` may be gone after these.
  if (send_typed) type_reply();
  else if (picked) choose_reply(*picked);
}

}  // namespace fl::trainer::app
