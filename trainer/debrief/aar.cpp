#include "trainer/debrief/aar.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

#include "sim/core/calendar.h"

namespace fl::trainer::debrief {

char rating_for(double share_pct) {
  if (share_pct >= 95) return 'P';
  if (share_pct >= 80) return 'S';
  if (share_pct >= 50) return 'M';
  return 'U';
}

namespace {

const scoring::CommitmentResult* commitment(const Debrief& d, const char* measure) {
  for (const auto& r : d.commitments)
    if (r.measure == measure && r.met) return &r;
  return nullptr;
}

double share_within(const scoring::CommitmentResult& r) {
  return r.incidents > 0 ? 100.0 * static_cast<double>(r.within_target) / static_cast<double>(r.incidents) : 100.0;
}

/// Customer-weighted hours per delay phase over `rows`, and the worst row for the top phase.
struct PhaseTotals {
  std::array<double, 6> customer_hours{};  // detection, locating, crew_wait, travel, wind, repair
  std::size_t top = 0;
  const OutageRow* worst = nullptr;  // the row with the most of the top phase, customer-weighted
  double total() const {
    double s = 0;
    for (double v : customer_hours) s += v;
    return s;
  }
};
constexpr std::array<const char*, 6> kPhases = {"detection", "locating", "crew_wait", "travel", "wind", "repair"};

double phase(const OutageRow& r, std::size_t p) {
  switch (p) {
    case 0: return r.detection_h;
    case 1: return r.locating_h;
    case 2: return r.crew_wait_h;
    case 3: return r.travel_h;
    case 4: return r.wind_h;
    default: return r.repair_h;
  }
}

/// Phases `first`..`last` (inclusive) over the rows `include` accepts.
template <class Pred>
PhaseTotals phases_of(const Debrief& d, Pred include, std::size_t first = 0, std::size_t last = 5, unsigned avoid = 0) {
  PhaseTotals t;
  for (const OutageRow& r : d.outages) {
    if (!include(r)) continue;
    for (std::size_t p = first; p <= last; ++p) t.customer_hours[p] += r.customers * phase(r, p);
  }
  // The largest phase not already named by an earlier area (`avoid` is a bit set), if any.
  bool found = false;
  for (std::size_t p = first; p <= last; ++p) {
    if ((avoid >> p) & 1u) continue;
    if (!found || t.customer_hours[p] > t.customer_hours[t.top]) t.top = p;
    found = true;
  }
  if (!found)
    for (std::size_t p = first; p <= last; ++p)
      if (p == first || t.customer_hours[p] > t.customer_hours[t.top]) t.top = p;
  double best = -1;
  for (const OutageRow& r : d.outages) {
    if (!include(r)) continue;
    const double v = r.customers * phase(r, t.top);
    if (v > best) {
      best = v;
      t.worst = &r;
    }
  }
  return t;
}

/// The commitment's limit for a terrain, minutes (-1 when it has none).
double limit_min(const scoring::CommitmentResult* r, const std::string& terrain) {
  if (!r) return -1;
  if (!r->by_terrain) return r->target;
  const int i = terrain == "urban" ? 0 : terrain == "rural" ? 1 : 2;
  return r->targets[static_cast<std::size_t>(i)];
}

Finding analysis_of(const PhaseTotals& t) {
  if (!t.worst || t.total() <= 0) return finding("ana_none");
  const OutageRow& w = *t.worst;
  return finding("ana_phase", {pct(100.0 * t.customer_hours[t.top] / t.total()), key(std::string("phase_") + kPhases[t.top]),
                               count(t.customer_hours[t.top]), key("cause_" + w.cause), nested(w.feeder), nested(w.place),
                               hours(phase(w, t.top)), hours(w.total_h()), count(w.customers)});
}

double mean_phase(const Debrief& d, std::size_t p, bool (*include)(const OutageRow&)) {
  double sum = 0, n = 0;
  for (const OutageRow& r : d.outages)
    if (include(r)) {
      sum += phase(r, p);
      n += 1;
    }
  return n > 0 ? sum / n : 0;
}

bool any_row(const OutageRow&) { return true; }

/// The city named most among outages with the given phase dominant (for a staging place).
Finding busiest_place(const Debrief& d, std::size_t p) {
  std::map<std::string, double> weight;
  const Finding* best_place = nullptr;
  double best = -1;
  for (const OutageRow& r : d.outages) {
    const double v = r.customers * phase(r, p);
    if (v <= 0) continue;
    const std::string k = r.place.key + (r.place.args.empty() ? "" : r.place.args.back().text);
    weight[k] += v;
    if (weight[k] > best) {
      best = weight[k];
      best_place = &r.place;
    }
  }
  return best_place ? *best_place : finding("unknown_place");
}

Finding recommendation_for(const Debrief& d, std::size_t top, const PhaseTotals& t) {
  const RunFacts& f = d.facts;
  switch (top) {
    case 0: return finding("rec_detection", {hours(mean_phase(d, 0, any_row))});
    case 1: return finding("rec_locating", {hours(mean_phase(d, 1, any_row))});
    case 2: {
      if (f.mutual_aid_crews > 0 && f.mutual_aid_request_h != kNotYet)
        return finding("rec_crew_wait_aid", {hours(mean_phase(d, 2, any_row)), clock(f.mutual_aid_request_h),
                                             clock(f.mutual_aid_arrival_h == kNotYet ? f.mutual_aid_request_h : f.mutual_aid_arrival_h),
                                             count(static_cast<double>(f.mutual_aid_crews))});
      return finding("rec_crew_wait", {hours(mean_phase(d, 2, any_row)), count(static_cast<double>(f.crews))});
    }
    case 3: {
      const OutageRow* far = nullptr;
      for (const OutageRow& r : d.outages)
        if (!far || r.travel_h > far->travel_h) far = &r;
      return finding("rec_travel", {hours(mean_phase(d, 3, any_row)), hours(far ? far->travel_h : 0),
                                    nested(far ? far->place : finding("unknown_place"))});
    }
    case 4: {
      double first_wind = -1;
      for (const OutageRow& r : d.outages)
        if (r.wind_h > 0 && r.assigned_h != kNotYet && (first_wind < 0 || r.assigned_h < first_wind)) first_wind = r.assigned_h;
      return finding("rec_wind", {count(t.customer_hours[4]), nested(busiest_place(d, 4)),
                                  clock(first_wind < 0 ? (f.landfall_h == kNotYet ? 0 : f.landfall_h) : first_wind)});
    }
    default: {
      double trees = 0;
      for (const OutageRow& r : d.outages) trees += r.cause == "tree_on_line" ? 1 : 0;
      return finding("rec_repair", {hours(mean_phase(d, 5, any_row)), count(trees)});
    }
  }
}

std::string due_date(const Debrief& d, int days_after) {
  const std::int64_t day = d.clock.valid ? d.clock.start_day + static_cast<std::int64_t>(std::floor(d.facts.drill_h / 24.0)) + days_after
                                         : days_after;
  return format_date(civil_from_days(day));
}

}  // namespace

Finding cost_sentence(const DecisionCost& c) {
  const double ch = c.saved.customer_minutes / 60.0;
  // Breaches and complaints with the decision, against leaving it undone (+: more with it).
  const Arg breaches = signed_count(-c.saved.breaches), complaints = signed_count(-c.saved.complaints);
  const Arg delay = count(c.delay_cost.customer_minutes / 60.0);
  if (!c.accepted) return finding("cost_refused", {nested(c.what), clock(c.hours)});
  Finding sentence;
  if (ch >= 0.5) sentence = finding("cost_gain", {nested(c.what), clock(c.hours), count(ch), breaches, complaints, delay});
  else if (ch <= -0.5) sentence = finding("cost_loss", {nested(c.what), clock(c.hours), count(-ch), breaches, complaints, delay});
  else if (std::fabs(c.saved.breaches) >= 0.5 || std::fabs(c.saved.complaints) >= 0.5)
    sentence = finding("cost_clocks", {nested(c.what), clock(c.hours), breaches, complaints});
  else sentence = finding("cost_none", {nested(c.what), clock(c.hours), delay});
  // Every face (report, terminal, window) shows the reason with the figure it explains.
  if (c.why.key.empty()) return sentence;
  return finding("cost_with_why", {nested(std::move(sentence)), nested(c.why)});
}

Review build_review(const Debrief& d, const std::vector<DecisionCost>* costs) {
  Review rv;
  const RunFacts& f = d.facts;
  rv.overview = finding(f.automatic ? "aar_overview_auto" : "aar_overview_trainee",
                        {f.storm_name.empty() ? local_text(f.name_en, f.name_zh) : name(f.storm_name), hours(f.drill_h),
                         f.landfall_h == kNotYet ? key("no_landfall") : clock(f.landfall_h), count(f.customers_served),
                         count(static_cast<double>(f.crews - f.mutual_aid_crews)), count(static_cast<double>(f.mutual_aid_crews)),
                         count(f.trainee_seats), count(static_cast<double>(f.trainee_commands))});

  auto add = [&](const char* objective, const char* capability, double share, Finding evidence) {
    ObjectiveRating o;
    o.objective = objective;
    o.capability = capability;
    o.share_pct = std::clamp(share, 0.0, 100.0);
    o.rating = rating_for(o.share_pct);
    o.evidence = std::move(evidence);
    rv.objectives.push_back(std::move(o));
  };
  if (f.restored_within_24h_pct >= 0)
    add("obj_restore", "cap_restoration", f.restored_within_24h_pct,
        finding("ev_restore", {pct(f.restored_within_24h_pct), count(f.customer_hours), count(f.peak_out), clock(f.peak_h)}));
  if (const auto* r = commitment(d, "arrival_minutes"))
    add("obj_arrival", "cap_dispatch", share_within(*r),
        finding("ev_commitment", {count(static_cast<double>(r->within_target)), count(static_cast<double>(r->incidents)),
                                  count(static_cast<double>(r->breaches_total()))}));
  if (const auto* r = commitment(d, "restore_after_arrival_minutes"))
    add("obj_repair", "cap_repair", share_within(*r),
        finding("ev_commitment", {count(static_cast<double>(r->within_target)), count(static_cast<double>(r->incidents)),
                                  count(static_cast<double>(r->breaches_total()))}));
  if (f.important_total > 0)
    add("obj_important", "cap_important", 100.0 * f.important_within_limit / f.important_total,
        finding("ev_important", {count(f.important_within_limit), count(f.important_total), count(f.important_minutes / 60.0)}));
  if (f.service_level_pct >= 0)
    add("obj_hotline", "cap_hotline", 100.0 * f.service_level_pct / 80.0,
        finding("ev_hotline", {pct(f.service_level_pct), pct(std::max(0.0, f.abandoned_pct))}));
  {
    double within = 0, incidents = 0;
    for (const char* m : {"complaint_contact_working_days", "complaint_reply_working_days"})
      if (const auto* r = commitment(d, m)) {
        within += static_cast<double>(r->within_target);
        incidents += static_cast<double>(r->incidents);
      }
    if (incidents > 0)
      add("obj_complaints", "cap_complaints", 100.0 * within / incidents,
          finding("ev_complaints", {count(within), count(incidents), count(f.complaints)}));
  }

  // Strengths: objectives that went well, and what the data shows worked.
  for (const ObjectiveRating& o : rv.objectives)
    if (o.rating == 'P' || o.rating == 'S') rv.strengths.push_back(finding("str_objective", {key(o.objective), nested(o.evidence)}));
  if (f.backfed_customers > 0)
    rv.strengths.push_back(finding("str_backfeed", {count(f.backfed_customers), count(f.backfed_outages)}));
  if (f.mutual_aid_request_h != kNotYet && f.landfall_h != kNotYet && f.mutual_aid_request_h < f.landfall_h)
    rv.strengths.push_back(finding("str_aid_early", {clock(f.mutual_aid_request_h), hours(f.landfall_h - f.mutual_aid_request_h)}));
  if (costs) {
    const DecisionCost* best = nullptr;
    for (const DecisionCost& c : *costs)
      if (c.accepted && (!best || c.weight() > best->weight())) best = &c;
    if (best && best->weight() > 0) rv.strengths.push_back(cost_sentence(*best));
  }
  if (rv.strengths.empty()) rv.strengths.push_back(finding("str_none"));

  // Areas for improvement: objectives rated M or U (and S with breaches), worst first.
  std::vector<const ObjectiveRating*> weak;
  for (const ObjectiveRating& o : rv.objectives)
    if (o.rating == 'M' || o.rating == 'U' || (o.rating == 'S' && o.objective != "obj_hotline")) weak.push_back(&o);
  std::stable_sort(weak.begin(), weak.end(), [](const auto* a, const auto* b) { return a->share_pct < b->share_pct; });
  int priority = 0;
  unsigned used_top = 0;  // phases earlier areas named (bit set)
  for (const ObjectiveRating* o : weak) {
    Improvement im;
    im.objective = o->objective;
    im.observation = finding("obs_objective", {key(o->objective), nested(o->evidence), key(std::string("rating_") + o->rating)});
    const int days = priority == 0 ? 30 : priority == 1 ? 60 : 90;
    ++priority;
    im.due = due_date(d, days);
    if (o->objective == "obj_hotline") {
      im.analysis = f.worst_sl_h != kNotYet ? finding("ana_hotline", {clock(f.worst_sl_h), pct(f.worst_sl_pct), count(f.worst_sl_offered)})
                                            : finding("ana_none");
      im.recommendation = finding("rec_hotline", {clock(std::max(0.0, f.worst_sl_h - 1.0)), clock(f.worst_sl_h + 1.5)});
      im.action = finding("plan_hotline", {clock(f.worst_sl_h)});
      im.owner = "role_hotline_supervisor";
    } else if (o->objective == "obj_complaints") {
      const auto top = f.complaint_reasons.empty() ? std::pair<std::string, double>{"none", 0} : f.complaint_reasons.front();
      const auto second = f.complaint_reasons.size() > 1 ? f.complaint_reasons[1] : std::pair<std::string, double>{"none", 0};
      im.analysis = finding("ana_complaints", {count(f.complaints), key("why_" + top.first), count(top.second),
                                               key("why_" + second.first), count(second.second)});
      im.recommendation = finding("rec_complaints_" + top.first, {count(top.second)});
      im.action = finding("plan_complaints");
      im.owner = "role_complaint_desk";
    } else {
      // Outage objectives: the root cause is the delay phase customers waited longest on, over
      // the outages that missed this objective, among the phases the objective covers.
      const auto* arrival_c = commitment(d, "arrival_minutes");
      const auto* repair_c = commitment(d, "restore_after_arrival_minutes");
      PhaseTotals t;
      if (o->objective == "obj_arrival") {
        t = phases_of(d, [&](const OutageRow& r) {
          const double lim = limit_min(arrival_c, r.terrain);
          const double start = r.detected_h >= 0 ? r.detected_h : r.occurred_h;
          const double arrive = r.arrived_h >= 0 ? r.arrived_h : r.occurred_h + r.total_h();
          return lim > 0 && (arrive - start) * 60.0 > lim;
        }, 1, 4, used_top);
      } else if (o->objective == "obj_repair") {
        t = phases_of(d, [&](const OutageRow& r) {
          const double lim = limit_min(repair_c, r.terrain);
          return lim > 0 && r.arrived_h >= 0 && (r.occurred_h + r.total_h() - r.arrived_h) * 60.0 > lim;
        }, 4, 5, used_top);
      } else if (o->objective == "obj_important") {
        t = phases_of(d, [](const OutageRow& r) { return !r.important.empty() && r.total_h() > 4; }, 0, 5, used_top);
      } else {
        t = phases_of(d, [](const OutageRow& r) { return r.total_h() > 24; }, 0, 5, used_top);
      }
      // Two objectives rarely share a root cause in full; say the next one for the second.
      used_top |= 1u << t.top;
      im.analysis = analysis_of(t);
      im.recommendation = recommendation_for(d, t.top, t);
      im.action = finding(std::string("plan_") + kPhases[t.top]);
      im.owner = t.top == 4 || t.top == 2 ? "role_emergency_command"
                 : o->objective == "obj_important" ? "role_key_accounts"
                                                   : "role_dispatch_lead";
    }
    rv.areas.push_back(std::move(im));
  }
  return rv;
}

}  // namespace fl::trainer::debrief
