#include "trainer/debrief/debrief.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "sim/calls/desk.h"
#include "sim/calls/transcript.h"
#include "sim/core/command.h"
#include "sim/hotline/hotline.h"
#include "sim/scoring/scorecard.h"
#include "sim/simulator.h"
#include "sim/world/world.h"

namespace fl::trainer::debrief {

namespace {

using world::fault_cause_key;
using world::kNoId;

double h_or_not(Time t) { return t == kNever ? kNotYet : to_hours(t); }

template <class F>
std::string section(F&& write) {
  JsonWriter w(false);
  write(w);
  return w.str();
}

/// The commitments scored with every breach kept (the scorecard writes the first 50).
std::vector<scoring::CommitmentResult> score_all(const Simulator& sim) {
  scoring::ScoringInputs in;
  in.repairs = sim.world().repair_records();
  in.complaints = sim.hotline().complaint_records();
  in.calendar = &sim.calendar();
  in.end = sim.now();
  const scoring::HotlineFigures hot =
      scoring::hotline_figures_from_json(section([&](JsonWriter& w) { sim.hotline().write_hotline(w); }));
  if (hot.offered) in.hotline = hot;
  in.reliability = scoring::reliability_from_json(section([&](JsonWriter& w) { sim.world().write_reliability(w); }));
  return scoring::score_commitments(sim.scenario().commitments, in);
}

std::uint32_t feeder_of_fault(const world::World& w, const world::Fault& f) {
  const auto& g = w.grid();
  if (f.edge != kNoId) return g.nodes()[g.edges()[f.edge].child].feeder;
  if (f.transformer != kNoId) return g.nodes()[g.transformers()[f.transformer].node].feeder;
  if (f.device != kNoId) return g.devices()[f.device].feeder;
  return kNoId;
}

}  // namespace

Finding feeder_name(const Simulator& sim, std::uint32_t feeder) {
  const auto& g = sim.world().grid();
  if (feeder >= g.feeders().size()) return finding("unknown_place");
  const std::uint32_t sub = g.feeders()[feeder].substation;
  std::uint32_t index = 0;
  for (std::uint32_t i = 0; i <= feeder; ++i)
    if (g.feeders()[i].substation == sub) ++index;
  const auto& subs = sim.scenario().world.grid.substations;
  const std::string sub_name = sub < subs.size() ? subs[sub].name : g.feeders()[feeder].name;
  return finding("feeder_name", {name(sub_name), count(index)});
}

Finding place_of(const Simulator& sim, double x_m, double y_m) {
  const auto& cities = sim.scenario().world.area.cities;
  const world::CityConfig* best = nullptr;
  double best_km = 1e300;
  for (const auto& c : cities) {
    const double km = std::hypot(x_m / 1000 - c.x_km, y_m / 1000 - c.y_km);
    if (km <= c.radius_km) return finding("place_in", {name(c.name)});
    if (km - c.radius_km < best_km) {
      best_km = km - c.radius_km;
      best = &c;
    }
  }
  if (!best) return finding("place_xy", {number(x_m / 1000, 1), number(y_m / 1000, 1)});
  // Eight compass points from the city centre (y grows northward).
  const double ang = std::atan2(y_m / 1000 - best->y_km, x_m / 1000 - best->x_km) * 180.0 / 3.14159265358979;
  static const char* kDirs[] = {"dir_e", "dir_ne", "dir_n", "dir_nw", "dir_w", "dir_sw", "dir_s", "dir_se"};
  const int sector = static_cast<int>(std::lround((ang < 0 ? ang + 360 : ang) / 45.0)) % 8;
  const double km = std::hypot(x_m / 1000 - best->x_km, y_m / 1000 - best->y_km);
  return finding("place_near", {count(std::max(1.0, std::round(km))), key(kDirs[sector]), name(best->name)});
}

Finding describe_refusal(const std::string& r) {
  if (r.empty()) return finding("");
  auto crew_after = [&](const std::string& prefix) {
    const std::size_t at = r.find(prefix);
    if (at == std::string::npos) return std::string();
    const std::size_t from = at + prefix.size();
    const std::size_t end = r.find(' ', from);
    return r.substr(from, end == std::string::npos ? std::string::npos : end - from);
  };
  const std::string crew = r.rfind("crew ", 0) == 0 ? crew_after("crew ")
                           : r.rfind("tree crew ", 0) == 0 ? crew_after("tree crew ")
                           : r.rfind("line crew ", 0) == 0 ? crew_after("line crew ") : "";
  if (r.find("has not arrived yet") != std::string::npos) return finding("refuse_aid_not_arrived", {name(crew)});
  if (r.find("off shift") != std::string::npos) return finding("refuse_off_shift", {name(crew)});
  if (r.find(" is busy") != std::string::npos) return finding("refuse_busy", {name(crew)});
  if (r.find("has not been located yet") != std::string::npos) return finding("refuse_not_located");
  if (r.find("was already repaired") != std::string::npos) return finding("refuse_already_repaired");
  if (r.find("assessment crew") != std::string::npos) return finding("refuse_assessment", {name(crew)});
  if (r.find("has no tree to clear") != std::string::npos) return finding("refuse_no_tree");
  if (r.find("is already assigned") != std::string::npos) return finding("refuse_already_assigned", {name(crew)});
  if (r.find("tree crew and does not patrol") != std::string::npos) return finding("refuse_tree_patrol", {name(crew)});
  if (r.find("nothing below it is out") != std::string::npos) return finding("refuse_nothing_out");
  if (r.find("already patrolling") != std::string::npos) return finding("refuse_already_patrolling", {name(crew)});
  if (r.find("is already closed") != std::string::npos || r.find("is already open") != std::string::npos)
    return finding("refuse_already_state");
  if (r.find("would energise") != std::string::npos) return finding("refuse_energise_fault");
  if (r.find("still faulted") != std::string::npos) return finding("refuse_transformer_faulted");
  if (r.find("would load feeder") != std::string::npos) return finding("refuse_overload");
  if (r.find("was already requested") != std::string::npos) return finding("refuse_aid_already");
  if (r.find("at sea") != std::string::npos) return finding("refuse_at_sea");
  if (r.find("ETR must be later") != std::string::npos) return finding("refuse_etr_past");
  if (r.find("trainee seat") != std::string::npos) return finding("refuse_seat");
  if (r.find("still without supply") != std::string::npos) return finding("refuse_order_still_out");
  if (r.find("already resolved") != std::string::npos) return finding("refuse_order_resolved");
  if (r.rfind("unknown", 0) == 0) return finding("refuse_unknown");
  return finding("refuse_other");
}

Finding describe_command(const Simulator& sim, std::size_t index) {
  const LoggedCommand& logged = sim.command_log()[index];
  const Command& c = logged.command;
  const world::World& w = sim.world();
  auto crew = [&](std::uint32_t id) { return name(id < w.crews().size() ? w.crews()[id].name : "?"); };
  auto device_feeder = [&](std::uint32_t d) {
    return d < w.grid().devices().size() ? feeder_name(sim, w.grid().devices()[d].feeder) : finding("unknown_place");
  };
  auto device_place = [&](std::uint32_t d) {
    const auto& g = w.grid();
    if (d >= g.devices().size()) return finding("unknown_place");
    const auto& dev = g.devices()[d];
    const std::uint32_t node = dev.edge != kNoId ? g.edges()[dev.edge].child : g.transformers()[dev.transformer].node;
    return place_of(sim, g.nodes()[node].x_m, g.nodes()[node].y_m);
  };
  auto device_kind = [&](std::uint32_t d) {
    if (d >= w.grid().devices().size()) return key("dev_switch");
    return key(std::string("dev_") + world::device_type_name(w.grid().devices()[d].type));
  };
  switch (c.kind) {
    case CommandKind::kAssignCrew: {
      if (c.target >= w.faults().size()) return finding("cmd_assign_unknown", {crew(c.actor)});
      const world::Fault& f = w.faults()[c.target];
      return finding("cmd_assign", {crew(c.actor), key(std::string("cause_") + fault_cause_key(f.cause)),
                                    nested(feeder_name(sim, feeder_of_fault(w, f))), nested(place_of(sim, f.x_m, f.y_m))});
    }
    case CommandKind::kPatrol:
      return finding("cmd_patrol", {crew(c.actor), device_kind(c.target), nested(device_feeder(c.target)),
                                    nested(device_place(c.target))});
    case CommandKind::kOperateSwitch:
      return finding(c.value ? "cmd_close" : "cmd_open",
                     {device_kind(c.target), nested(device_feeder(c.target)), nested(device_place(c.target))});
    case CommandKind::kSendHome: return finding("cmd_send_home", {crew(c.actor)});
    case CommandKind::kRequestMutualAid: {
      const auto& aid = sim.scenario().world.crews.mutual_aid;
      const std::string who = c.target < aid.size() ? aid[c.target].name : "?";
      std::uint64_t crews = 0;
      if (c.target < aid.size()) crews = static_cast<std::uint64_t>(aid[c.target].line_crews + aid[c.target].tree_crews);
      return finding("cmd_mutual_aid", {name(who), count(static_cast<double>(crews))});
    }
    case CommandKind::kPreposition: {
      const auto& area = w.area();
      if (c.target >= area.cells.size()) return finding("cmd_preposition", {crew(c.actor), nested(finding("unknown_place"))});
      return finding("cmd_preposition", {crew(c.actor), nested(place_of(sim, area.centre_x(c.target), area.centre_y(c.target)))});
    }
    case CommandKind::kPublishOutage:
      return finding("cmd_publish", {nested(device_feeder(c.target)), nested(device_place(c.target)),
                                     clock(to_hours(static_cast<Time>(c.value)))});
    case CommandKind::kAnswerCall: return finding("cmd_answer");
    case CommandKind::kChooseReply: return finding("cmd_reply");
    case CommandKind::kOpenWorkOrder: return finding("cmd_open_order");
    case CommandKind::kCloseWorkOrder: return finding("cmd_close_order");
  }
  return finding("cmd_other");
}

double drill_customer_hours(const Simulator& sim) {
  // Left rectangles under the 15-minute restoration curve, as the scorecard's headline, but
  // stopped at the drill's end.
  const double end_h = to_hours(std::min(sim.now(), sim.end_time()));
  double sum = 0, prev_h = 0, prev_out = 0;
  bool first = true;
  for (const auto& [h, out] : sim.world().curve()) {
    const double at = std::min(h, end_h);
    if (!first) sum += prev_out * std::max(0.0, at - prev_h);
    prev_h = at;
    prev_out = static_cast<double>(out);
    first = false;
    if (h >= end_h) break;
  }
  if (!first && end_h > prev_h) sum += prev_out * (end_h - prev_h);
  return sum;
}

Outcome measure(const Simulator& sim) {
  Outcome o;
  const scoring::RunTotals totals = scoring::run_totals(sim);
  o.customer_minutes = drill_customer_hours(sim) * 60.0;
  o.complaints = totals.complaints.value_or(0);
  for (const auto& r : score_all(sim)) o.breaches += static_cast<double>(r.breaches_total());
  for (const auto& rec : sim.world().important_customers()) o.important_minutes += rec.outage_minutes;
  return o;
}

namespace {

RunFacts facts_of(const Simulator& sim, const std::vector<scoring::CommitmentResult>& commitments) {
  RunFacts f;
  const Scenario& s = sim.scenario();
  const world::World& w = sim.world();
  f.scenario_id = s.id;
  f.name_en = s.name.en;
  f.name_zh = s.name.zh;
  f.commitment_set_en = s.commitments.name.en;
  f.commitment_set_zh = s.commitments.name.zh;
  f.storm_name = w.typhoon() ? s.world.typhoon.name : "";
  f.automatic = sim.options().seats.all_agents();
  f.trainee_seats = s.hotline.trainee.seats;
  f.seed = sim.options().seed;
  f.drill_h = to_hours(sim.end_time());
  f.end_h = to_hours(sim.now());
  f.landfall_h = h_or_not(w.landfall());
  for (const auto& [h, out] : w.curve())
    if (static_cast<double>(out) > f.peak_out) {
      f.peak_out = static_cast<double>(out);
      f.peak_h = h;
    }
  f.customers_served = static_cast<double>(w.customers_served());
  const scoring::RunTotals totals = scoring::run_totals(sim);
  f.customer_hours = drill_customer_hours(sim);
  f.complaints = totals.complaints.value_or(0);
  for (const auto& rec : w.important_customers()) f.important_minutes += rec.outage_minutes;
  for (const auto& r : commitments) f.breaches += r.breaches_total();
  f.faults = w.repair_records().size();
  for (const LoggedCommand& l : sim.command_log()) {
    if (l.command.kind == CommandKind::kRequestMutualAid && l.result.accepted && f.mutual_aid_request_h == kNotYet)
      f.mutual_aid_request_h = to_hours(l.command.time);
    if (l.command.by_trainee) {
      ++f.trainee_commands;
      if (!l.result.accepted) ++f.trainee_refused;
    }
  }
  for (const world::Crew& c : w.crews()) {
    ++f.crews;
    if (!c.mutual_aid) continue;
    ++f.mutual_aid_crews;
    for (const auto& seg : c.segments)
      if (seg.activity != world::Activity::kRest && (f.mutual_aid_arrival_h == kNotYet || to_hours(seg.start) < f.mutual_aid_arrival_h)) {
        f.mutual_aid_arrival_h = to_hours(seg.start);
        break;
      }
  }
  const scoring::HotlineFigures hot =
      scoring::hotline_figures_from_json(section([&](JsonWriter& wr) { sim.hotline().write_hotline(wr); }));
  if (hot.service_level_20s) f.service_level_pct = 100.0 * *hot.service_level_20s;
  if (hot.offered && hot.abandoned && *hot.offered > 0) f.abandoned_pct = 100.0 * *hot.abandoned / *hot.offered;
  // The worst half-hour among the busy ones (at least a fifth of the busiest one's calls).
  double busiest = 0;
  for (const auto& iv : hot.intervals) busiest = std::max(busiest, iv.offered);
  for (const auto& iv : hot.intervals) {
    if (!iv.service_level_20s || iv.offered < 0.2 * busiest || iv.offered <= 0) continue;
    const double sl = 100.0 * *iv.service_level_20s;
    if (f.worst_sl_pct < 0 || sl < f.worst_sl_pct) {
      f.worst_sl_pct = sl;
      f.worst_sl_h = iv.start_hours;
      f.worst_sl_offered = iv.offered;
    }
  }
  std::map<std::string, double> reasons;
  for (const ComplaintRecord& c : sim.hotline().complaint_records()) reasons[c.reason] += 1;
  f.complaint_reasons.assign(reasons.begin(), reasons.end());
  std::stable_sort(f.complaint_reasons.begin(), f.complaint_reasons.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  for (const auto& rec : w.important_customers()) {
    f.important_total += 1;
    if (rec.outage_minutes <= scoring::kImportantOutageLimitMin) f.important_within_limit += 1;
  }
  double judged = 0, within = 0;
  for (const RepairRecord& r : w.repair_records()) {
    if (r.customers == 0) continue;
    const Time stop = r.restored != kNever ? r.restored : sim.now();
    if (r.restored == kNever && stop - r.occurred < 24 * kHour) continue;
    judged += r.customers;
    if (r.restored != kNever && r.restored - r.occurred <= 24 * kHour) within += r.customers;
    if (r.restored != kNever && (r.arrived == kNever || r.arrived > r.restored)) {
      f.backfed_outages += 1;
      f.backfed_customers += r.customers;
    }
  }
  if (judged > 0) f.restored_within_24h_pct = 100.0 * within / judged;
  return f;
}

std::vector<OutageRow> outage_rows(const Simulator& sim) {
  const world::World& w = sim.world();
  const auto& g = w.grid();
  const double drive_limit = sim.scenario().world.crews.drive_wind_limit_mps;
  const double work_limit = sim.scenario().world.crews.elevated_wind_limit_mps;
  // First accepted crew assignment, and the first patrol, per fault / device.
  std::vector<Time> assigned(w.faults().size(), kNever);
  std::vector<Time> patrol(g.devices().size(), kNever);
  for (const LoggedCommand& l : sim.command_log()) {
    if (!l.result.accepted) continue;
    const Command& c = l.command;
    // The first crew of any kind (a tree crew may go ahead of the line crew and reach the site first).
    if (c.kind == CommandKind::kAssignCrew && c.target < assigned.size() && c.actor < w.crews().size() && assigned[c.target] == kNever)
      assigned[c.target] = c.time;
    if (c.kind == CommandKind::kPatrol && c.target < patrol.size() && patrol[c.target] == kNever) patrol[c.target] = c.time;
  }
  const Time end = sim.now();
  std::vector<OutageRow> rows;
  const auto& repairs = w.repair_records();
  for (std::size_t i = 0; i < repairs.size() && i < w.faults().size(); ++i) {
    const RepairRecord& r = repairs[i];
    const world::Fault& f = w.faults()[i];
    if (r.customers == 0) continue;  // behind an already dead section: its outage is another row's
    OutageRow row;
    row.fault = f.id;
    row.place = place_of(sim, f.x_m, f.y_m);
    row.feeder = feeder_name(sim, feeder_of_fault(w, f));
    row.cause = fault_cause_key(f.cause);
    row.terrain = scoring::terrain_name(f.terrain);
    row.customers = r.customers;
    row.x_m = f.x_m;
    row.y_m = f.y_m;
    const std::uint32_t device = f.tripped != kNoId ? f.tripped : f.device;
    // Important customers behind the device that cut them off (normal configuration).
    if (device != kNoId && r.important) {
      for (const ImportantCustomerRecord& imp : w.important_customers()) {
        const std::uint32_t tr = w.area().customers[imp.customer].transformer;
        const std::uint32_t node = g.transformers()[tr].node;
        const auto& dev = g.devices()[device];
        const bool below = dev.edge != kNoId ? g.statically_below(device, node) : dev.transformer == tr;
        if (below) row.important.push_back(imp.name);
      }
    }
    const Time occurred = r.occurred;
    const Time stop = r.restored != kNever ? r.restored : end;
    row.restored = r.restored != kNever;
    row.occurred_h = h_or_not(r.occurred);
    row.detected_h = h_or_not(r.reported);
    row.patrol_sent_h = device != kNoId && device < patrol.size() ? h_or_not(patrol[device]) : kNotYet;
    row.found_h = h_or_not(f.found);
    row.assigned_h = h_or_not(assigned[i]);
    row.arrived_h = h_or_not(r.arrived);
    row.restored_h = h_or_not(r.restored);
    if (f.line_crew != kNoId && f.line_crew < w.crews().size()) row.crew = w.crews()[f.line_crew].name;
    // Phase boundaries, each clipped to [occurred, stop] and made monotone, so the parts add up.
    auto clip = [&](Time t, Time floor) { return std::clamp(t == kNever ? stop : t, floor, stop); };
    const Time t_detect = clip(r.reported, occurred);
    const Time t_found = clip(f.found, t_detect);
    const Time t_assign = clip(assigned[i], t_found);
    const Time t_arrive = clip(r.arrived, t_assign);
    // Wind stand-downs: the repair crew's waits while the wind at the site was over its limit.
    Time wind_travel = 0, wind_site = 0;
    if (f.line_crew != kNoId && f.line_crew < w.crews().size()) {
      for (const auto& seg : w.crews()[f.line_crew].segments) {
        if (seg.activity != world::Activity::kWait) continue;
        const Time a = std::max(seg.start, t_assign), b = std::min(seg.end, stop);
        if (b <= a) continue;
        const double wind = w.wind().sustained(a, f.x_m, f.y_m);
        if (a < t_arrive && wind > drive_limit * 0.8) wind_travel += std::min(b, t_arrive) - a;
        if (b > t_arrive && wind > work_limit) wind_site += b - std::max(a, t_arrive);
      }
    }
    wind_travel = std::min(wind_travel, t_arrive - t_assign);
    wind_site = std::min(wind_site, stop - t_arrive);
    row.detection_h = to_hours(t_detect - occurred);
    row.locating_h = to_hours(t_found - t_detect);
    row.crew_wait_h = to_hours(t_assign - t_found);
    row.travel_h = to_hours(t_arrive - t_assign - wind_travel);
    row.wind_h = to_hours(wind_travel + wind_site);
    row.repair_h = to_hours(stop - t_arrive - wind_site);
    rows.push_back(std::move(row));
  }
  std::stable_sort(rows.begin(), rows.end(), [](const OutageRow& a, const OutageRow& b) {
    if (a.customer_minutes() != b.customer_minutes()) return a.customer_minutes() > b.customer_minutes();
    return a.fault < b.fault;
  });
  return rows;
}

std::vector<BreachSplit> breach_splits(const Simulator& sim, const std::vector<scoring::CommitmentResult>& results) {
  std::vector<BreachSplit> out;
  const world::World& w = sim.world();
  for (const auto& r : results) {
    if (r.breaches.empty() && r.breaches_total() == 0) continue;
    BreachSplit b;
    b.id = r.id;
    b.measure = r.measure;
    const scoring::Breach* worst = nullptr;
    for (const auto& br : r.breaches) {
      const std::uint64_t n = br.count;
      b.total += n;
      if (br.terrain == "urban") b.urban += n;
      else if (br.terrain == "rural") b.rural += n;
      else if (br.terrain == "remote") b.remote += n;
      else b.other += n;
      if (br.open_at_end) b.open_at_end += n;
      if (!worst || br.by_hours.value_or(br.by) > worst->by_hours.value_or(worst->by)) worst = &br;
    }
    // Where the list only indicates (hotline half-hours), the total is the commitment's own.
    if (r.breaches_total() > b.total) {
      b.other += r.breaches_total() - b.total;
      b.total = r.breaches_total();
    }
    if (worst) {
      b.worst_by_h = worst->by_hours.value_or(0);
      unsigned fid = 0;
      if (std::sscanf(worst->subject.c_str(), "fault %u", &fid) == 1 && fid < w.faults().size()) {
        const world::Fault& f = w.faults()[fid];
        b.worst = finding("worst_fault", {key(std::string("cause_") + fault_cause_key(f.cause)),
                                          nested(feeder_name(sim, feeder_of_fault(w, f))), nested(place_of(sim, f.x_m, f.y_m)),
                                          count(w.repair_records()[fid].customers)});
      }
    }
    out.push_back(std::move(b));
  }
  return out;
}

}  // namespace

namespace {

/// The calls the trainee took at a call desk (CallRecord), as findings: who called about what,
/// the ring it was answered on and the score; each checkpoint missed and violation committed;
/// and what followed, worst first (a complaint, a broken ETR promise, a hang-up).
std::vector<CallReview> call_reviews(const Simulator& run) {
  std::vector<CallReview> out;
  const auto* desk = dynamic_cast<const calls::CallDesk*>(run.trainee_desk());
  if (!desk) return out;
  for (const calls::CallRecord& r : desk->records()) {
    CallReview review;
    if (r.answered_at < 0) {
      review.hours = to_hours(r.rang_at);
      review.caller = finding("call_abandoned", {count(r.rings)});
      out.push_back(std::move(review));
      continue;
    }
    review.hours = to_hours(r.answered_at);
    review.caller = finding("call_answered", {local_text(r.title.en, r.title.zh), count(r.rings), pct(r.score.score_pct)});
    for (const std::string& m : r.score.missed)
      review.missed.push_back(
          finding("call_missed", {local_text(calls::checkpoint_label(m, "en"), calls::checkpoint_label(m, "zh"))}));
    for (const std::string& v : r.score.violations)
      review.missed.push_back(
          finding("call_violation", {local_text(calls::violation_label(v, "en"), calls::violation_label(v, "zh"))}));
    review.transcript_en = calls::render_transcript(r, "en");
    review.transcript_zh = calls::render_transcript(r, "zh");
    if (r.effects.complaint) review.consequence = finding("call_complaint", {count(r.effects.mood_end)});
    else if (r.promise_broken) review.consequence = finding("call_promise_broken");
    else if (r.effects.hung_up) review.consequence = finding("call_hung_up", {count(r.effects.mood_end)});
    out.push_back(std::move(review));
  }
  return out;
}

}  // namespace

Debrief build_debrief(const Simulator& run, const Simulator* baseline) {
  Debrief d;
  const Scenario& s = run.scenario();
  const world::World& w = run.world();
  d.clock = Clock::from_start_local(s.start.local);
  d.commitments = score_all(run);
  d.facts = facts_of(run, d.commitments);
  d.width_m = w.area().nx * w.area().cell_m;
  d.height_m = w.area().ny * w.area().cell_m;
  for (const auto& c : s.world.area.cities) d.cities.push_back({c.name, c.x_km * 1000, c.y_km * 1000, c.radius_km * 1000});
  for (const auto& dp : s.world.crews.depots) d.depots.push_back({dp.name, {dp.x_km * 1000, dp.y_km * 1000}});
  d.outages = outage_rows(run);
  d.calls = call_reviews(run);
  for (const world::Crew& c : w.crews()) {
    CrewWork cw;
    cw.name = c.name;
    cw.mutual_aid = c.mutual_aid;
    std::vector<std::pair<Time, std::uint32_t>> jobs;
    for (const world::Fault& f : w.faults())
      if ((f.line_crew == c.id || f.tree_crew == c.id) && f.repaired != kNever) jobs.emplace_back(f.repaired, f.id);
    std::sort(jobs.begin(), jobs.end());
    for (const auto& [t, fid] : jobs) cw.sites_m.emplace_back(w.faults()[fid].x_m, w.faults()[fid].y_m);
    d.crews.push_back(std::move(cw));
  }
  d.decisions.reserve(run.command_log().size());
  for (std::size_t i = 0; i < run.command_log().size(); ++i) {
    const LoggedCommand& l = run.command_log()[i];
    DecisionLine line;
    line.hours = to_hours(l.command.time);
    line.by_trainee = l.command.by_trainee;
    line.accepted = l.result.accepted;
    line.kind = static_cast<std::uint16_t>(l.command.kind);
    line.what = describe_command(run, i);
    if (!l.result.accepted) line.reason = describe_refusal(l.result.reason);
    d.decisions.push_back(std::move(line));
  }
  d.breaches = breach_splits(run, d.commitments);
  if (baseline) {
    d.baseline = facts_of(*baseline, score_all(*baseline));
    // Both runs compared over the drill only: their complaint follow-ups differ in length.
    const double drill_end_h = to_hours(run.end_time());
    auto clipped = [drill_end_h](OutageRow r) {
      double left = std::max(0.0, drill_end_h - r.occurred_h);
      for (double* part : {&r.detection_h, &r.locating_h, &r.crew_wait_h, &r.travel_h, &r.wind_h, &r.repair_h}) {
        *part = std::min(*part, left);
        left -= *part;
      }
      return r;
    };
    const std::vector<OutageRow> base = outage_rows(*baseline);
    // The same storm breaks the same things at the same moments: match outages by when and where.
    std::map<std::tuple<long long, long long, long long>, const OutageRow*> by_key;
    auto key_of = [](const OutageRow& r) {
      return std::make_tuple(std::llround(r.occurred_h * 3600.0), std::llround(r.x_m), std::llround(r.y_m));
    };
    for (const OutageRow& r : base) by_key.emplace(key_of(r), &r);
    for (std::size_t i = 0; i < d.outages.size(); ++i) {
      const OutageRow r = clipped(d.outages[i]);
      const auto it = by_key.find(key_of(r));
      if (it == by_key.end()) {
        ++d.unmatched_outages;
        continue;
      }
      const OutageRow b = clipped(*it->second);
      ++d.matched_outages;
      d.phase_diff_customer_hours.resize(6, 0.0);
      d.phase_diff_customer_hours[0] += r.customers * (r.detection_h - b.detection_h);
      d.phase_diff_customer_hours[1] += r.customers * (r.locating_h - b.locating_h);
      d.phase_diff_customer_hours[2] += r.customers * (r.crew_wait_h - b.crew_wait_h);
      d.phase_diff_customer_hours[3] += r.customers * (r.travel_h - b.travel_h);
      d.phase_diff_customer_hours[4] += r.customers * (r.wind_h - b.wind_h);
      d.phase_diff_customer_hours[5] += r.customers * (r.repair_h - b.repair_h);
      const double later = r.total_h() - b.total_h();
      if (later < 0.25) continue;
      const std::pair<const char*, double> phases[] = {
          {"detection", r.detection_h - b.detection_h}, {"locating", r.locating_h - b.locating_h},
          {"crew_wait", r.crew_wait_h - b.crew_wait_h}, {"travel", r.travel_h - b.travel_h},
          {"wind", r.wind_h - b.wind_h},                {"repair", r.repair_h - b.repair_h}};
      const auto* top = std::max_element(std::begin(phases), std::end(phases),
                                         [](const auto& x, const auto& y) { return x.second < y.second; });
      d.later_than_baseline.push_back({i, later, top->first, top->second});
    }
    std::stable_sort(d.later_than_baseline.begin(), d.later_than_baseline.end(), [&](const BaselineGap& a, const BaselineGap& b) {
      return a.later_h * d.outages[a.outage].customers > b.later_h * d.outages[b.outage].customers;
    });
  }
  return d;
}

std::string render_call_lines(const std::vector<CallReview>& calls, const std::string& language, const Clock& clock) {
  std::string out;
  for (const CallReview& call : calls) {
    out += "  " + clock.at(call.hours) + "  " + render(call.caller, language, clock) + "\n";
    for (const Finding& m : call.missed) out += "      " + render(m, language, clock) + "\n";
    const std::string consequence = render(call.consequence, language, clock);
    if (!consequence.empty()) out += "      " + consequence + "\n";
  }
  return out;
}

}  // namespace fl::trainer::debrief
