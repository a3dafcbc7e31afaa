#include "sim/calls/transcript.h"

#include <cstdio>

namespace fl::calls {

namespace {

struct Label {
  const char* key;
  const char* zh;
  const char* en;
};

constexpr Label kCheckpoints[] = {
    {"greeting", "规范问候并报工号", "greeting with the agent number"},
    {"listen", "耐心倾听、不打断", "listening without interrupting"},
    {"acknowledge", "安抚情绪、表示理解", "acknowledging the caller's feelings"},
    {"identify", "核实身份（户号或地址）", "identifying the caller (account or address)"},
    {"check", "查询停电、欠费、计划检修信息", "checking outages, arrears and planned work"},
    {"inform", "告知原因、预计时间和客户可做的事", "informing: cause, ETR, what the caller can do"},
    {"safety_advice", "安全提示（远离断线、防跨步电压）", "safety advice (keep away, step voltage)"},
    {"act", "按正确类型和等级派发工单", "acting: the right work order and priority"},
    {"confirm", "只承诺服务承诺允许的内容", "confirming only what the commitments allow"},
    {"close", "礼貌结束通话", "closing politely"},
};
constexpr Label kViolations[] = {
    {"disclose_data", "泄露其他客户信息", "disclosed another customer's data"},
    {"push_away", "推诿客户、违反首问负责制", "pushed the caller away (first-contact responsibility)"},
    {"over_promise", "超出服务承诺的许诺", "promised more than the commitments allow"},
    {"invented_etr", "编造预计复电时间", "gave an ETR the control room does not have"},
    {"wrong_order_type", "工单类型错误", "wrong work-order type"},
    {"wrong_priority", "工单等级错误", "wrong work-order priority"},
    {"uncivil_language", "使用服务忌语", "uncivil language (a taboo phrase)"},
    {"non_standard_language", "用语不规范", "non-standard language"},
    {"interrupt", "打断客户", "interrupted the caller"},
};

std::string find(const Label* begin, const Label* end, std::string_view key, std::string_view lang) {
  for (const Label* l = begin; l != end; ++l)
    if (key == l->key) return lang == "zh" ? l->zh : l->en;
  return std::string(key);
}

std::string clock(Time t) {
  char buf[32];
  const long long s = t / 1000;
  std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld", s / 3600, (s / 60) % 60, s % 60);
  return buf;
}

std::string order_label(const std::string& type, const std::string& priority, std::string_view lang) {
  const bool zh = lang == "zh";
  std::string t = type;
  if (zh) {
    t = type == "repair" ? "故障报修" : type == "complaint" ? "投诉" : type == "enquiry" ? "咨询" : "业务";
    return t + (priority == "urgent" ? "（紧急）" : "（普通）") + "工单";
  }
  return priority + " " + t + " work order";
}

}  // namespace

std::string checkpoint_label(std::string_view key, std::string_view lang) {
  return find(std::begin(kCheckpoints), std::end(kCheckpoints), key, lang);
}
std::string violation_label(std::string_view key, std::string_view lang) {
  return find(std::begin(kViolations), std::end(kViolations), key, lang);
}

std::string render_transcript(const CallRecord& call, std::string_view lang, bool with_card) {
  const bool zh = lang == "zh";
  std::string out;
  char buf[256];
  // The title names the kind of call; the script's id is an internal name and stays out of prose.
  std::snprintf(buf, sizeof buf, zh ? "通话 %llu：%s\n" : "Call %llu: %s\n", static_cast<unsigned long long>(call.call_id),
                call.title.in(lang).c_str());
  out += buf;
  if (call.abandoned) {
    std::snprintf(buf, sizeof buf, zh ? "  振铃 %d 声后客户挂断，未接听。\n" : "  The caller hung up after %d rings, unanswered.\n",
                  call.rings);
    return out + buf;
  }
  std::snprintf(buf, sizeof buf, zh ? "  振铃 %d 声接起（%s）；通话 %.0f 秒\n" : "  Picked up at ring %d (%s); talk time %.0f s\n",
                call.rings,
                call.rings <= kPickUpRings ? (zh ? "5 声以内" : "within 5 rings") : (zh ? "超过 5 声" : "later than 5 rings"),
                call.talk_s());
  out += buf;
  if (with_card) {
    out += zh ? "  客户信息卡：\n" : "  Caller card:\n";
    for (const CardLine& l : call.card) out += "    " + l.label.in(lang) + (zh ? "：" : ": ") + l.value.in(lang) + "\n";
  }
  const std::string caller = zh ? "客户" : "Caller";
  const std::string agent = zh ? "坐席" : "Agent";
  for (const Turn& t : call.transcript) {
    if (!t.caller.zh.empty() || !t.caller.en.empty())
      out += "  [" + clock(t.caller_at) + "] " + caller + (zh ? "：" : ": ") + t.caller.in(lang) + "\n";
    if (t.engine_line && t.agent.zh.empty()) continue;
    out += "  [" + clock(t.at) + "] " + agent + (zh ? "：" : ": ") + t.agent.in(lang) + (t.typed ? (zh ? "（输入）" : " (typed)") : "") + "\n";
    if (!t.checkpoint.empty()) out += "      ✓ " + checkpoint_label(t.checkpoint, lang) + "\n";
    for (const std::string& v : t.violations) out += "      ✗ " + violation_label(v, lang) + "\n";
    for (const std::string& p : t.taboo_phrases) out += std::string("        ") + (zh ? "忌语：“" : "taboo phrase: \"") + p + (zh ? "”" : "\"") + "\n";
    if (t.typed && t.option < 0) out += zh ? "      ? 客户没有听明白这句回复\n" : "      ? the caller did not understand this reply\n";
  }
  for (const std::string& m : call.score.missed)
    out += std::string("  ✗ ") + (zh ? "遗漏：" : "missed: ") + checkpoint_label(m, lang) + "\n";
  std::snprintf(buf, sizeof buf, zh ? "  得分 %.0f%%（流程遵循 %.0f%%，违规 %zu 项），结束时情绪 %d/100\n"
                                    : "  Score %.0f %% (adherence %.0f %%, %zu violation(s)); mood at the end %d/100\n",
                call.score.score_pct, call.score.adherence_pct, call.score.violations.size(), call.effects.mood_end);
  out += buf;
  out += zh ? "  结果：" : "  Outcome: ";
  std::string outcome;
  if (call.effects.hung_up) outcome += zh ? "客户中途挂断；" : "the caller hung up; ";
  if (!call.effects.order_type.empty())
    outcome += (zh ? "已派发" : "opened a ") + order_label(call.effects.order_type, call.effects.order_priority, lang) + (zh ? "；" : "; ");
  if (call.effects.link_order) outcome += zh ? "已关联在途抢修工单并催办；" : "linked to the open repair order (urged); ";
  if (call.effects.promised_etr >= 0) {
    outcome += (zh ? "承诺 " : "promised supply by ") + clock(call.effects.promised_etr) +
               (zh ? " 前复电" : "");
    if (call.promise_broken) outcome += zh ? "——未兑现，客户再次来电；" : " — broken: the customer called again; ";
    else outcome += zh ? "；" : "; ";
  }
  if (call.effects.complaint) outcome += zh ? "客户不满，已形成投诉；" : "the caller was unhappy enough to complain; ";
  if (outcome.empty()) outcome = zh ? "通话中办结；" : "closed on the call; ";
  // Drop the last separator ("; " or "；").
  if (outcome.size() >= 2 && outcome.compare(outcome.size() - 2, 2, "; ") == 0) outcome.resize(outcome.size() - 2);
  else if (outcome.size() >= 3 && outcome.compare(outcome.size() - 3, 3, "；") == 0) outcome.resize(outcome.size() - 3);
  out += outcome + (zh ? "。\n" : ".\n");
  return out;
}

std::string render_score_table(const CallDesk& desk, std::string_view lang) {
  const bool zh = lang == "zh";
  std::string out = zh ? "本次练习成绩\n" : "Practice scores\n";
  char buf[256];
  for (const CallRecord& r : desk.records()) {
    if (r.abandoned) {
      std::snprintf(buf, sizeof buf, zh ? "  通话 %-5llu 未接听（振铃 %d 声后挂断）\n" : "  call %-5llu unanswered (hung up after %d rings)\n",
                    static_cast<unsigned long long>(r.call_id), r.rings);
    } else {
      // The kind of call by the first words of its title (before the colon), in the language.
      const std::string& title = r.title.in(lang);
      const std::size_t colon = title.find(zh ? "：" : ":");
      const std::string kind = colon == std::string::npos ? title : title.substr(0, colon);
      std::snprintf(buf, sizeof buf, zh ? "  通话 %-5llu %s  得分 %3.0f%%  遵循 %3.0f%%  违规 %zu  振铃 %d  通话 %3.0f 秒  情绪 %d%s\n"
                                        : "  call %-5llu %-26s score %3.0f %%  adherence %3.0f %%  violations %zu  rings %d  talk %3.0f s  mood %d%s\n",
                    static_cast<unsigned long long>(r.call_id), kind.c_str(), r.score.score_pct,
                    r.score.adherence_pct, r.score.violations.size(), r.rings, r.talk_s(), r.effects.mood_end,
                    r.effects.complaint ? (zh ? "  投诉" : "  complaint") : "");
    }
    out += buf;
  }
  const CallDesk::Totals t = desk.totals();
  std::snprintf(buf, sizeof buf, zh ? "  合计：接听 %llu 通，平均得分 %.0f%%，平均遵循 %.0f%%，5 声内接起 %llu 通，平均处理时长 %.0f 秒，投诉 %llu\n"
                                    : "  Total: %llu handled, mean score %.0f %%, mean adherence %.0f %%, %llu picked up within 5 rings, average handling %.0f s, %llu complaint(s)\n",
                static_cast<unsigned long long>(t.handled), t.score_pct, t.adherence_pct,
                static_cast<unsigned long long>(t.within_rings), t.average_handling_s,
                static_cast<unsigned long long>(t.complaints));
  out += buf;
  for (const auto& [kind, n] : t.violations)
    if (n > 0) {
      std::snprintf(buf, sizeof buf, "    %s: %llu\n", violation_label(kind, lang).c_str(), static_cast<unsigned long long>(n));
      out += buf;
    }
  return out;
}

}  // namespace fl::calls
