#include "sim/calls/desk.h"

#include "sim/calls/transcript.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/core/random.h"
#include "sim/hotline/config.h"
#include "sim/scenario/scenario.h"

namespace fl::calls {

namespace {

/// Fallbacks when the scenario's commitment set does not state a figure (SGCC ten commitments,
/// DOMAIN.md §2a). The non-residential connection limit is only in the set's wording, not a target.
constexpr double kNonResidentialConnectionWorkingDays = 5;
constexpr double kBillingCheckWorkingDays = 7;
constexpr double kPlannedNoticeDays = 7;
/// Share of addresses with planned work in the coming fortnight (enquiries: half of them ask about it).
constexpr double kPlannedWorkShare = 0.05;
constexpr double kEnquiryPlannedWorkShare = 0.5;
/// Share of accounts in arrears among callers who are not calling about payment.
constexpr double kArrearsShare = 0.1;

struct Surname {
  const char* zh;
  const char* en;
};
constexpr Surname kSurnames[] = {{"王", "Wang"}, {"李", "Li"},   {"张", "Zhang"}, {"刘", "Liu"}, {"陈", "Chen"},
                                 {"杨", "Yang"}, {"黄", "Huang"}, {"赵", "Zhao"}, {"吴", "Wu"},  {"周", "Zhou"},
                                 {"徐", "Xu"},   {"孙", "Sun"},  {"马", "Ma"},    {"朱", "Zhu"}, {"胡", "Hu"},
                                 {"郭", "Guo"},  {"何", "He"},   {"林", "Lin"},   {"罗", "Luo"}, {"梁", "Liang"}};
struct Road {
  const char* zh;
  const char* en;
};
constexpr Road kRoads[] = {{"海滨路", "Haibin Road"},   {"榕树街", "Rongshu Street"}, {"新港大道", "Xingang Avenue"},
                           {"渔湾路", "Yuwan Road"},     {"东山街", "Dongshan Street"}, {"南湖路", "Nanhu Road"},
                           {"青云巷", "Qingyun Lane"},   {"望潮路", "Wangchao Road"},  {"文昌街", "Wenchang Street"},
                           {"沙头村", "Shatou Village"}, {"龙眼村", "Longyan Village"}, {"石岗村", "Shigang Village"}};

LocalText cause_text(FaultCause c) {
  switch (c) {
    case FaultCause::kBrokenPole: return {"台风刮断了电杆", "a pole brought down by the storm"};
    case FaultCause::kConductorDown: return {"导线被刮断落地", "a line blown down"};
    case FaultCause::kTreeOnLine: return {"树木倒压在线路上", "a tree fallen on the line"};
    case FaultCause::kTransformer: return {"配电变压器故障", "a distribution transformer fault"};
    case FaultCause::kBlownFuse: return {"线路保险熔断", "a blown line fuse"};
    case FaultCause::kSwitching: return {"抢修需要的倒闸操作", "switching needed for the repair work"};
    default: return {"线路故障", "a fault on the line"};
  }
}

std::string two(int v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", v);
  return buf;
}

LocalText clock_text(const WorkingCalendar& cal, Time now, Time at) {
  const Time tod = cal.time_of_day(at);
  const int hh = static_cast<int>(tod / kHour), mm = static_cast<int>((tod % kHour) / kMinute);
  const auto day_now = days_from_civil(cal.date_at(now)), day_at = days_from_civil(cal.date_at(at));
  const std::string hm = two(hh) + ":" + two(mm);
  if (day_at == day_now) return {"今天" + hm, hm + " today"};
  if (day_at == day_now + 1) return {"明天" + hm, hm + " tomorrow"};
  const CivilDate d = cal.date_at(at);
  return {std::to_string(d.month) + "月" + std::to_string(d.day) + "日" + hm, format_date(d) + " " + hm};
}

std::string number(double v) {
  char buf[32];
  if (std::fabs(v - std::round(v)) < 1e-9) std::snprintf(buf, sizeof buf, "%.0f", v);
  else std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

LocalText same(const std::string& s) { return {s, s}; }

double commitment_target(const Scenario& s, std::string_view measure, double fallback) {
  for (const scoring::CommitmentSpec& c : s.commitments.commitments)
    if (c.measure == measure) {
      if (c.target >= 0) return c.target;
      if (c.targets.urban >= 0) return c.targets.urban;
    }
  return fallback;
}

const char* class_zh(CustomerClass c) {
  switch (c) {
    case CustomerClass::kCommercial: return "低压非居民（商业）";
    case CustomerClass::kIndustrial: return "工业";
    case CustomerClass::kImportant: return "重要客户";
    default: return "居民";
  }
}
const char* class_en(CustomerClass c) {
  switch (c) {
    case CustomerClass::kCommercial: return "low-voltage non-residential (commercial)";
    case CustomerClass::kIndustrial: return "industrial";
    case CustomerClass::kImportant: return "important customer";
    default: return "residential";
  }
}
LocalText important_text(ImportantKind k) {
  switch (k) {
    case ImportantKind::kHospital: return {"重要客户：医院", "important: hospital"};
    case ImportantKind::kWaterWorks: return {"重要客户：水厂", "important: water works"};
    case ImportantKind::kGovernment: return {"重要客户：政府机关", "important: government"};
    case ImportantKind::kLifeSupport: return {"重要客户：生命支持设备用户", "important: life-support equipment"};
    default: return {"否", "no"};
  }
}

}  // namespace

int rings_heard(Time since, Time now, Time ring_period_ms) {
  if (now < since || ring_period_ms <= 0) return 1;
  return static_cast<int>((now - since) / ring_period_ms) + 1;
}

CallDesk::CallDesk(const Scenario& scenario, const WorkingCalendar& calendar, const GridView& grid,
                   std::vector<Script> scripts, CivilLanguage rules, std::uint64_t seed, std::uint32_t replication)
    : scenario_(scenario),
      calendar_(calendar),
      grid_(grid),
      scripts_(std::move(scripts)),
      rules_(std::move(rules)),
      seed_(seed),
      replication_(replication),
      ring_period_ms_(from_seconds(scenario.hotline.hotline.ring_period_s)) {}

CallDesk::~CallDesk() = default;

CallFacts CallDesk::facts_for(const hotline::TraineeCallInfo& call, Time now) const {
  CallFacts f;
  f.call_id = call.call_id;
  f.customer = call.customer;
  using hotline::Reason;
  const bool known_customer = call.customer < grid_.customers().size();
  // Keyed by customer so a caller keeps their name and address across calls; anonymous callers by
  // call id, in the upper half so the two never share a stream.
  const std::uint64_t entity = known_customer ? call.customer : (std::uint64_t{1} << 63) | call.call_id;
  RandomStream rng(StreamKey{seed_, replication_, Purpose::kCallsCustomer, entity});
  const Surname& surname = kSurnames[uniform_index(rng, std::size(kSurnames))];
  const auto account_tail = 10000000 + uniform_index(rng, 90000000);
  const auto house = 1 + uniform_index(rng, 180);
  const auto flat = 101 + 100 * uniform_index(rng, 18) + uniform_index(rng, 4);
  const double arrears_draw = rng.uniform01(), planned_draw = rng.uniform01();
  const double arrears_yuan = 80 + 10 * static_cast<double>(uniform_index(rng, 80));
  CustomerRecord rec;
  if (known_customer) rec = grid_.customers()[call.customer];
  // Town streets for urban cells, villages elsewhere (the last kVillages entries of kRoads).
  constexpr std::size_t kVillages = 3;
  const std::size_t streets = std::size(kRoads) - kVillages;
  const Road& road = rec.terrain == Terrain::kUrban ? kRoads[(rec.cell / 7) % streets]
                                                    : kRoads[streets + (rec.cell / 7) % kVillages];
  const bool village = std::string_view(road.en).find("Village") != std::string_view::npos;
  f.values["account"] = same("31" + std::to_string(account_tail));
  // A neighbour's account number: only ever said by an option that discloses it (the privacy trap).
  f.values["neighbour_account"] = same("31" + std::to_string(10000000 + (account_tail * 7919 + 13) % 90000000));
  const std::string h = std::to_string(house), fl = std::to_string(flat);
  if (village) {
    f.values["address"] = {std::string(road.zh) + h + "号", std::string("No. ") + h + ", " + road.en};
    f.values["neighbour_address"] = {std::string(road.zh) + std::to_string(house + 1) + "号",
                                     std::string("No. ") + std::to_string(house + 1) + ", " + road.en};
  } else {
    f.values["address"] = {std::string(road.zh) + h + "号" + fl + "室", "Flat " + fl + ", " + h + " " + road.en};
    f.values["neighbour_address"] = {std::string(road.zh) + h + "号" + std::to_string(flat + 1) + "室",
                                     "Flat " + std::to_string(flat + 1) + ", " + h + " " + road.en};
  }
  f.values["agent_no"] = same(agent_no_);
  f.values["order_no"] = same("GD" + std::to_string(100000 + call.call_id % 900000));
  auto add = [&f](const char* fact) { f.facts.emplace_back(fact); };
  if (call.out) add("out");
  if (call.out && call.outage_known) add("outage_known");
  if (call.out && call.etr != kNever && call.etr > now) {
    add("etr_known");
    f.etr = call.etr;
    f.values["etr"] = clock_text(calendar_, now, call.etr);
    f.values["etr_hours"] = same(number(std::round(to_hours(call.etr - now) * 2.0) / 2.0));
  }
  if (call.out && (call.cause == FaultCause::kConductorDown || call.cause == FaultCause::kBrokenPole))
    add("downed_line");
  f.values["cause"] = call.out ? cause_text(call.cause) : LocalText{"线路故障", "a fault on the line"};
  if (call.open_repair) add("open_order");
  if (call.calls_this_outage > 1 || call.reason == Reason::kOutageComplaint) add("repeat_caller");
  if (rec.important != ImportantKind::kNone || rec.cls == CustomerClass::kImportant) add("important");
  if (rec.important == ImportantKind::kHospital || rec.important == ImportantKind::kLifeSupport) add("life_support");
  const bool pays = call.reason == Reason::kArrearsReconnection || call.reason == Reason::kPayment;
  if (pays || arrears_draw < kArrearsShare) add("arrears");
  if (pays) add("arrears_paid");
  if (planned_draw < (call.reason == Reason::kEnquiry ? kEnquiryPlannedWorkShare : kPlannedWorkShare)) add("planned_work");
  if (rec.cls == CustomerClass::kResidential) add("residential");
  f.values["arrears_yuan"] = same(number(arrears_yuan));
  f.values["paid_at"] = clock_text(calendar_, now, now - 2 * kHour);
  // Planned work at the address: announced the commitment's notice ahead, on a working day 8 days on.
  const double notice_days = commitment_target(scenario_, "planned_notice_days", kPlannedNoticeDays);
  const CivilDate planned = calendar_.date_at(now + static_cast<Time>(notice_days + 1) * kDay);
  f.values["planned_date"] = {std::to_string(planned.month) + "月" + std::to_string(planned.day) + "日",
                              format_date(planned)};
  f.values["planned_window"] = {"8:00至17:00", "8:00 to 17:00"};
  const hotline::OrderClocks& oc = scenario_.hotline.hotline.orders;
  f.values["commit.arrears_reconnect_hours"] =
      same(number(commitment_target(scenario_, "arrears_reconnect_hours", oc.arrears_reconnect_h)));
  f.values["commit.planned_notice_days"] = same(number(notice_days));
  f.values["commit.meter_test_working_days"] =
      same(number(commitment_target(scenario_, "meter_test_working_days", oc.meter_test_working_days)));
  f.values["commit.billing_check_working_days"] = same(number(kBillingCheckWorkingDays));
  f.values["commit.connection_working_days"] =
      same(number(rec.cls == CustomerClass::kResidential
                      ? commitment_target(scenario_, "connection_working_days", oc.connection_working_days)
                      : kNonResidentialConnectionWorkingDays));
  f.values["commit.supply_plan_working_days"] =
      same(number(commitment_target(scenario_, "supply_plan_working_days", 3)));
  const double arrival = rec.terrain == Terrain::kUrban   ? oc.arrival_urban_min
                         : rec.terrain == Terrain::kRural ? oc.arrival_rural_min
                                                          : oc.arrival_remote_min;
  f.values["commit.arrival_minutes"] = same(number(arrival));
  f.values["commit.complaint_contact_working_days"] =
      same(number(commitment_target(scenario_, "complaint_contact_working_days", oc.complaint_contact_working_days)));
  f.values["commit.complaint_reply_working_days"] =
      same(number(commitment_target(scenario_, "complaint_reply_working_days", oc.complaint_reply_working_days)));
  // The form of address waits for the script's persona (gender): see on_answered.
  f.values["name"] = {surname.zh, surname.en};
  return f;
}

const Script* CallDesk::choose_script(hotline::Reason reason, const CallFacts& facts) const {
  const std::string r = hotline::reason_name(reason);
  std::vector<const Script*> best;
  int best_priority = 0;
  for (const Script& s : scripts_) {
    if (std::find(s.reasons.begin(), s.reasons.end(), r) == s.reasons.end()) continue;
    bool ok = true;
    for (const std::string& f : s.requires_facts) ok = ok && facts.holds(f);
    for (const std::string& f : s.excludes) ok = ok && !facts.holds(f);
    if (!ok) continue;
    if (best.empty() || s.priority > best_priority) {
      best = {&s};
      best_priority = s.priority;
    } else if (s.priority == best_priority) {
      best.push_back(&s);
    }
  }
  if (best.empty())
    for (const Script& s : scripts_)
      if (std::find(s.reasons.begin(), s.reasons.end(), r) != s.reasons.end()) best.push_back(&s);
  if (best.empty()) return scripts_.empty() ? nullptr : &scripts_.front();
  if (best.size() == 1) return best.front();
  RandomStream rng(StreamKey{seed_, replication_, Purpose::kCallsScriptChoice, facts.call_id});
  return best[uniform_index(rng, best.size())];
}

std::vector<CardLine> CallDesk::card_for(const CallFacts& f, const hotline::TraineeCallInfo& call) const {
  std::vector<CardLine> card;
  auto value = [&f](const char* v) {
    const auto it = f.values.find(v);
    return it == f.values.end() ? LocalText{} : it->second;
  };
  CustomerRecord rec;
  if (call.customer < grid_.customers().size()) rec = grid_.customers()[call.customer];
  card.push_back({{"户号", "Account"}, value("account")});
  card.push_back({{"户名", "Name"}, value("name")});
  card.push_back({{"用电地址", "Address"}, value("address")});
  card.push_back({{"用电类别", "Class"}, {class_zh(rec.cls), class_en(rec.cls)}});
  card.push_back({{"重要客户", "Important"}, important_text(rec.important)});
  card.push_back({{"欠费", "Arrears"},
                  f.holds("arrears_paid") ? LocalText{"已于" + value("paid_at").zh + "缴清 " + value("arrears_yuan").zh + " 元",
                                                      "paid " + value("arrears_yuan").en + " yuan at " + value("paid_at").en}
                  : f.holds("arrears")    ? LocalText{"欠费 " + value("arrears_yuan").zh + " 元", value("arrears_yuan").en + " yuan owed"}
                                          : LocalText{"无", "none"}});
  LocalText outage{"无（供电正常）", "none (supplied)"};
  if (f.holds("out")) {
    if (!f.holds("outage_known")) outage = {"系统中暂无该地址的停电信息", "no outage on record for this address yet"};
    else if (f.holds("etr_known"))
      outage = {"已知停电：" + value("cause").zh + "，预计" + value("etr").zh + "恢复",
                "known outage: " + value("cause").en + ", ETR " + value("etr").en};
    else outage = {"已知停电：" + value("cause").zh + "，暂无预计恢复时间", "known outage: " + value("cause").en + ", no ETR yet"};
  }
  card.push_back({{"停电信息", "Outage"}, outage});
  if (f.holds("out")) card.push_back({{"本次停电来电", "Calls this outage"}, same(std::to_string(call.calls_this_outage))});
  card.push_back({{"抢修工单", "Repair order"},
                  call.open_repair ? LocalText{"在途（未办结）", "open"} : LocalText{"无", "none"}});
  card.push_back({{"计划停电", "Planned work"},
                  f.holds("planned_work") ? LocalText{value("planned_date").zh + " " + value("planned_window").zh,
                                                      value("planned_date").en + ", " + value("planned_window").en}
                                          : LocalText{"无", "none"}});
  return card;
}

std::vector<CardLine> CallDesk::current_card() const { return current_ ? current_->record.card : std::vector<CardLine>{}; }

void CallDesk::on_ringing(Time t, const hotline::TraineeCallInfo& call) {
  ringing_.push_back({call.call_id, call.customer, call.reason, t});
}

void CallDesk::on_abandoned(Time t, std::uint64_t call_id) {
  const auto it = std::find_if(ringing_.begin(), ringing_.end(), [&](const Ringing& r) { return r.call_id == call_id; });
  if (it == ringing_.end()) return;
  CallRecord rec;
  rec.call_id = call_id;
  rec.customer = it->customer;
  rec.reason = hotline::reason_name(it->reason);
  rec.rang_at = it->since;
  rec.ended_at = t;
  rec.rings = rings_heard(it->since, t, ring_period_ms_);
  rec.abandoned = true;
  rec.effects.hung_up = true;
  ringing_.erase(it);
  records_.push_back(std::move(rec));
}

void CallDesk::on_answered(Time t, const hotline::TraineeCallInfo& call) {
  Time since = call.arrived;
  const auto it = std::find_if(ringing_.begin(), ringing_.end(), [&](const Ringing& r) { return r.call_id == call.call_id; });
  if (it != ringing_.end()) {
    since = it->since;
    ringing_.erase(it);
  }
  CallFacts facts = facts_for(call, t);
  const Script* script = choose_script(call.reason, facts);
  if (!script) return;
  const bool male = script->persona.gender == "m";
  const LocalText surname = facts.values["name"];
  facts.values["name"] = {surname.zh + (male ? "先生" : "女士"), (male ? "Mr " : "Ms ") + surname.en};
  CallRecord rec;
  rec.call_id = call.call_id;
  rec.customer = call.customer;
  rec.reason = hotline::reason_name(call.reason);
  rec.script_id = script->id;
  rec.title = script->title;
  rec.rang_at = since;
  rec.answered_at = t;
  rec.rings = rings_heard(since, t, ring_period_ms_);
  rec.card = card_for(facts, call);
  const StreamKey key{seed_, replication_, Purpose::kCallsSession, call.call_id};
  current_ = std::make_unique<Live>(Live{std::move(rec), CallSession(*script, rules_, std::move(facts), key, t)});
}

CommandResult CallDesk::on_reply(Time t, const Command& c, bool& ended, hotline::TraineeCallOutcome& out) {
  ended = false;
  if (!current_ || current_->record.call_id != c.target)
    return CommandResult::refused("call.not_trainees", {std::to_string(c.target)},
                                  "call " + std::to_string(c.target) + " is not the trainee's call in progress");
  CallSession& s = current_->session;
  CallSession::Result r;
  if (c.value >= 0) r = s.choose(static_cast<std::size_t>(c.value), t);
  else r = s.type(c.text, t);
  if (!r.accepted) return CommandResult::refused(r.key, r.args, r.reason);
  const Turn& turn = s.transcript().back();
  std::string context = "call " + std::to_string(c.target) + " node " + turn.node;
  if (!turn.checkpoint.empty()) context += ": " + turn.checkpoint;
  for (const std::string& v : turn.violations) context += "; violation " + v;
  if (!s.ended()) return CommandResult::ok(context);
  ended = true;
  CallRecord rec = std::move(current_->record);
  rec.ended_at = t;
  rec.transcript = s.transcript();
  rec.score = s.score();
  rec.effects = s.effects();
  const CallEffects& e = rec.effects;
  if (!e.order_type.empty()) {
    out.open_order = true;
    out.order_type = e.order_type == "complaint" ? hotline::OrderType::kComplaint
                     : e.order_type == "enquiry" ? hotline::OrderType::kEnquiry
                     : e.order_type == "business" ? hotline::OrderType::kBusiness
                                                  : hotline::OrderType::kRepair;
    out.urgent = e.order_priority == "urgent";
  }
  out.link_order = e.link_order;
  if (e.escalate) out.urgent = true;
  out.promised_etr = e.promised_etr >= 0 ? e.promised_etr : kNever;
  out.complaint = e.complaint;
  out.complaint_category = s.script().category;
  // Satisfaction follows the caller's mood: a content caller (mood ≥ 60) adds no grievance, a
  // furious one (0) as much as a breached arrival clock.
  out.grievance_points = std::max(0.0, (60.0 - e.mood_end) / 60.0 * scenario_.hotline.hotline.complaints.arrival_breach_points);
  current_.reset();
  records_.push_back(std::move(rec));
  return CommandResult::ok(context + "; call ended");
}

void CallDesk::on_promise_broken(Time, std::uint64_t call_id) {
  for (CallRecord& r : records_)
    if (r.call_id == call_id) r.promise_broken = true;
}

CallDesk::Totals CallDesk::totals() const {
  Totals t;
  std::vector<std::uint64_t> by_kind(violation_names().size(), 0);
  double talk = 0;
  for (const CallRecord& r : records_) {
    if (r.abandoned) {
      ++t.abandoned;
      continue;
    }
    ++t.handled;
    t.adherence_pct += r.score.adherence_pct;
    t.score_pct += r.score.score_pct;
    talk += r.talk_s();
    t.hung_up += r.effects.hung_up;
    t.complaints += r.effects.complaint;
    t.within_rings += r.rings <= kPickUpRings;
    t.promises_broken += r.promise_broken;
    for (const std::string& v : r.score.violations) {
      const auto k = std::find(violation_names().begin(), violation_names().end(), v) - violation_names().begin();
      if (static_cast<std::size_t>(k) < by_kind.size()) ++by_kind[static_cast<std::size_t>(k)];
    }
  }
  if (t.handled) {
    const auto n = static_cast<double>(t.handled);
    t.adherence_pct /= n;
    t.score_pct /= n;
    t.average_handling_s = talk / n;
  }
  for (std::size_t k = 0; k < by_kind.size(); ++k) t.violations.emplace_back(violation_names()[k], by_kind[k]);
  return t;
}

void CallDesk::write_calls(JsonWriter& w) const {
  const Totals t = totals();
  w.begin_object();
  w.key("handled").value(t.handled);
  w.key("abandoned_ringing").value(t.abandoned);
  w.key("adherence_pct").value(t.adherence_pct);
  w.key("score_pct").value(t.score_pct);
  w.key("picked_up_within_5_rings").value(t.within_rings);
  w.key("average_handling_s").value(t.average_handling_s);
  w.key("hung_up").value(t.hung_up);
  w.key("complaints").value(t.complaints);
  w.key("promises_broken").value(t.promises_broken);
  w.key("violations").begin_object();
  for (const auto& [kind, n] : t.violations) w.key(kind).value(n);
  w.end_object();
  w.key("calls").begin_array();
  for (const CallRecord& r : records_) {
    w.begin_object();
    w.key("call_id").value(r.call_id);
    w.key("reason").value(r.reason);
    w.key("script").value(r.script_id);
    w.key("rang_hours").value(to_hours(r.rang_at));
    w.key("rings").value(static_cast<std::int64_t>(r.rings));
    w.key("picked_up_within_5_rings").value(!r.abandoned && r.rings <= kPickUpRings);
    w.key("abandoned_ringing").value(r.abandoned);
    w.key("talk_s").value(r.talk_s());
    w.key("mood_end").value(static_cast<std::int64_t>(r.effects.mood_end));
    w.key("outcome").value(r.abandoned ? "abandoned" : r.effects.hung_up ? "hung_up"
                           : !r.effects.order_type.empty() ? "work_order" : r.effects.link_order ? "linked" : "closed");
    w.key("order_type").value(r.effects.order_type);
    w.key("order_priority").value(r.effects.order_priority);
    w.key("promised_etr_hours");
    if (r.effects.promised_etr >= 0) w.value(to_hours(r.effects.promised_etr));
    else w.null();
    w.key("promise_broken").value(r.promise_broken);
    w.key("complaint").value(r.effects.complaint);
    w.key("adherence_pct").value(r.score.adherence_pct);
    w.key("score_pct").value(r.score.score_pct);
    w.key("checkpoints_met").begin_array();
    for (const std::string& c : r.score.met) w.value(c);
    w.end_array();
    w.key("checkpoints_missed").begin_array();
    for (const std::string& c : r.score.missed) w.value(c);
    w.end_array();
    w.key("violations").begin_array();
    for (const std::string& v : r.score.violations) w.value(v);
    w.end_array();
    // The marked transcript in both languages, so the report can show it from the scorecard alone.
    w.key("transcript_zh").value(render_transcript(r, "zh"));
    w.key("transcript_en").value(render_transcript(r, "en"));
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

}  // namespace fl::calls
