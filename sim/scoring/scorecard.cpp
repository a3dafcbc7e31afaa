#include "sim/scoring/scorecard.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "sim/hotline/hotline.h"
#include "sim/run/details.h"
#include "sim/scoring/scoring.h"
#include "sim/simulator.h"
#include "sim/world/world.h"

namespace fl::scoring {

namespace {

/// Everything scored once per scorecard, from the subsystems' records and scorecard sections.
struct Scored {
  HotlineFigures hotline;
  bool hotline_present = false;
  ReliabilityFigures reliability;
  std::optional<double> complaints_total;
  double customer_hours = 0;
  double peak_out = 0;
  double peak_hours = 0;
  std::vector<CommitmentResult> commitments;
  Grade grade;
};

template <class F>
std::string section(F&& write) {
  JsonWriter w(false);
  write(w);
  return w.str();
}

Scored score(const Simulator& sim) {
  Scored s;
  const world::World& world = sim.world();
  const hotline::Hotline& hotline = sim.hotline();
  const std::string hotline_json = section([&](JsonWriter& w) { hotline.write_hotline(w); });
  s.hotline = hotline_figures_from_json(hotline_json);
  s.hotline_present = s.hotline.offered.has_value();
  s.reliability = reliability_from_json(section([&](JsonWriter& w) { world.write_reliability(w); }));

  // Complaints: the hotline's total if it reports one, else the complaint orders it keeps.
  {
    rapidjson::Document doc;
    const std::string text = section([&](JsonWriter& w) { hotline.write_complaints(w); });
    doc.Parse(text.c_str(), text.size());
    if (!doc.HasParseError() && doc.IsObject() && doc.HasMember("total") && doc["total"].IsNumber())
      s.complaints_total = doc["total"].GetDouble();
    else if (!hotline.complaint_records().empty())
      s.complaints_total = static_cast<double>(hotline.complaint_records().size());
    else if (s.hotline_present)
      s.complaints_total = 0.0;
  }
  // Customer-hours: left rectangles under the restoration curve [[hours, customers_out], ...].
  {
    rapidjson::Document doc;
    const std::string text = section([&](JsonWriter& w) { world.write_restoration_curve(w); });
    doc.Parse(text.c_str(), text.size());
    if (!doc.HasParseError() && doc.IsArray()) {
      double prev_h = 0, prev_out = 0;
      bool first = true;
      for (const auto& p : doc.GetArray()) {
        if (!p.IsArray() || p.Size() < 2 || !p[0].IsNumber() || !p[1].IsNumber()) continue;
        const double h = p[0].GetDouble(), out = p[1].GetDouble();
        if (!first) s.customer_hours += prev_out * (h - prev_h);
        if (out > s.peak_out) {
          s.peak_out = out;
          s.peak_hours = h;
        }
        prev_h = h;
        prev_out = out;
        first = false;
      }
      const double end_h = to_hours(sim.now());
      if (!first && end_h > prev_h) s.customer_hours += prev_out * (end_h - prev_h);
    }
  }
  // When each outage's customers were first told: the first answered call that opened a repair
  // order for a customer below the device (the IVR's and notices' audiences are not recorded).
  std::vector<RepairRecord> repairs(world.repair_records().begin(), world.repair_records().end());
  {
    std::map<std::uint32_t, Time> told;  // device -> first repair order opened below it
    for (const hotline::WorkOrder& o : hotline.work_orders()) {
      if (o.type != hotline::OrderType::kRepair || o.customer >= world.customers().size() || o.opened == kNever) continue;
      for (std::uint32_t d : world.protective_chain(world.customers()[o.customer].transformer)) {
        auto [it, fresh] = told.emplace(d, o.opened);
        if (!fresh) it->second = std::min(it->second, o.opened);
      }
    }
    for (RepairRecord& r : repairs) {
      const auto it = told.find(r.device);
      if (it != told.end()) r.told = it->second;
    }
  }
  ScoringInputs in;
  in.repairs = repairs;
  in.complaints = hotline.complaint_records();
  in.calendar = &sim.calendar();
  in.end = sim.now();
  if (s.hotline_present) in.hotline = s.hotline;
  in.reliability = s.reliability;
  s.commitments = score_commitments(sim.scenario().commitments, in);

  GradeInputs g;
  g.commitments = s.commitments;
  g.repairs = world.repair_records();
  g.important = world.important_customers();
  g.complaints = s.complaints_total;
  g.service_level_20s = s.hotline.service_level_20s;
  g.customers_served = world.customers_served();
  g.end = sim.now();
  s.grade = compute_grade(g);
  return s;
}

RunTotals totals_of(const Scored& s) {
  RunTotals t;
  t.customer_hours = s.customer_hours;
  t.complaints = s.complaints_total;
  for (const CommitmentResult& r : s.commitments) {
    if (!r.met) continue;
    ++t.commitments_measured;
    if (*r.met) ++t.commitments_met;
  }
  t.grade = s.grade.score;
  return t;
}

/// Important customers listed in the scorecard, the worst first.
constexpr std::size_t kImportantListed = 50;

void opt(JsonWriter& w, const std::optional<double>& v) {
  if (v) w.value(*v);
  else w.null();
}

}  // namespace

RunTotals run_totals(const Simulator& sim) { return totals_of(score(sim)); }

RunScore score_run(const Simulator& sim) {
  Scored s = score(sim);
  RunScore r;
  r.totals = totals_of(s);
  r.hotline = std::move(s.hotline);
  r.reliability = s.reliability;
  r.peak_customers_out = s.peak_out;
  r.commitments = std::move(s.commitments);
  r.grade = std::move(s.grade);
  return r;
}

void write_scoring_sections(JsonWriter& w, const Simulator& sim, const std::optional<RunTotals>& baseline) {
  const Scored s = score(sim);
  const Scenario& scenario = sim.scenario();

  w.key("run").begin_object();
  w.key("name_en").value(scenario.name.en);
  w.key("name_zh").value(scenario.name.zh);
  w.key("start_local").value(scenario.start.local);
  w.key("utc_offset_min").value(scenario.start.utc_offset_min);
  w.key("duration_hours").value(scenario.duration_hours);
  w.key("commitment_set").value(scenario.commitment_set);
  w.key("commitment_set_name_en").value(scenario.commitments.name.en);
  w.key("commitment_set_name_zh").value(scenario.commitments.name.zh);
  w.key("automatic_dispatcher").value(sim.options().seats.all_agents());
  w.key("dispatch_seat").value(sim.options().seats.dispatch == Holder::kAgent ? "agent" : "trainee");
  w.key("hotline_seat").value(sim.options().seats.hotline == Holder::kAgent ? "agent" : "trainee");
  w.key("customers_served").value(sim.world().customers_served());
  w.end_object();

  w.key("commitments");
  write_commitments(w, s.commitments);

  w.key("grade");
  write_grade(w, s.grade);

  const RunTotals totals = totals_of(s);
  std::uint64_t breaches = 0, breached = 0;
  for (const CommitmentResult& r : s.commitments) {
    breaches += r.breaches_total();
    if (r.met && !*r.met) ++breached;
  }
  double interrupted = 0;
  for (const RepairRecord& rec : sim.world().repair_records()) interrupted += rec.customers;
  w.key("headline").begin_object();
  w.key("customer_hours").value(s.customer_hours);
  w.key("peak_customers_out").value(s.peak_out);
  w.key("peak_hours").value(s.peak_hours);
  w.key("faults").value(static_cast<std::uint64_t>(sim.world().repair_records().size()));
  w.key("customers_interrupted").value(interrupted);
  w.key("complaints");
  opt(w, s.complaints_total);
  w.key("calls_offered");
  opt(w, s.hotline.offered);
  w.key("calls_answered");
  opt(w, s.hotline.answered);
  w.key("calls_abandoned");
  opt(w, s.hotline.abandoned);
  w.key("service_level_20s");
  opt(w, s.hotline.service_level_20s);
  w.key("commitments_total").value(static_cast<std::uint64_t>(s.commitments.size()));
  w.key("commitments_measured").value(totals.commitments_measured);
  w.key("commitments_met").value(totals.commitments_met);
  w.key("commitments_breached").value(breached);
  w.key("breaches_total").value(breaches);
  w.key("grade_score");
  opt(w, s.grade.score);
  w.key("grade_letter").value(s.grade.letter);
  w.end_object();

  if (baseline) {
    w.key("baseline").begin_object();
    w.key("player").value("automatic_dispatcher");
    w.key("customer_hours").value(baseline->customer_hours);
    w.key("complaints");
    opt(w, baseline->complaints);
    w.key("commitments_met").value(baseline->commitments_met);
    w.key("commitments_measured").value(baseline->commitments_measured);
    w.key("grade_score");
    opt(w, baseline->grade);
    w.key("difference").begin_object();  // this run minus the baseline
    w.key("customer_hours").value(totals.customer_hours - baseline->customer_hours);
    w.key("complaints");
    if (totals.complaints && baseline->complaints) w.value(*totals.complaints - *baseline->complaints);
    else w.null();
    w.key("commitments_met").value(static_cast<std::int64_t>(totals.commitments_met) -
                                   static_cast<std::int64_t>(baseline->commitments_met));
    w.key("grade_score");
    if (totals.grade && baseline->grade) w.value(*totals.grade - *baseline->grade);
    else w.null();
    w.end_object();
    w.end_object();
  }

  // The worst important customers only (every one is in the run's details): the list's length
  // would grow with the area. Each is set against the priority rule's yardstick, the median
  // interrupted ordinary customer of its terrain; when it was out longer, the scorecard says what
  // held it (control_room.md, "priority rule").
  const auto& important = sim.world().important_customers();
  const auto medians = sim.world().ordinary_median_outage_minutes(sim.now());
  auto longer_than_median = [&](const ImportantCustomerRecord& rec) {
    return rec.outage_minutes > 0 && rec.outage_minutes > medians[static_cast<std::size_t>(rec.terrain)];
  };
  std::uint64_t affected = 0, over_limit = 0, longer = 0, unexplained = 0;
  for (std::size_t i = 0; i < important.size(); ++i) {
    const ImportantCustomerRecord& rec = important[i];
    affected += rec.outage_minutes > 0 ? 1 : 0;
    over_limit += rec.outage_minutes > kImportantOutageLimitMin ? 1 : 0;
    if (!longer_than_median(rec)) continue;
    ++longer;
    bool excused = false;
    for (const world::ImportantDelay& d : sim.world().important_delays(i)) excused |= d.reason != world::ImportantDelayReason::kCrewWait;
    unexplained += excused ? 0 : 1;
  }
  w.key("important_summary").begin_object();
  w.key("total").value(static_cast<std::uint64_t>(important.size()));
  w.key("affected").value(affected);
  w.key("over_240_min").value(over_limit);
  w.key("longer_than_median").value(longer);
  w.key("longer_without_reason").value(unexplained);
  w.key("listed").value(static_cast<std::uint64_t>(std::min<std::size_t>(important.size(), kImportantListed)));
  w.end_object();
  w.key("important_customers").begin_array();
  const std::vector<std::size_t> order = run::important_order(sim);
  for (std::size_t k = 0; k < order.size() && k < kImportantListed; ++k) {
    const std::size_t i = order[k];
    const ImportantCustomerRecord& rec = important[i];
    const double median = medians[static_cast<std::size_t>(rec.terrain)];
    const bool longer_one = longer_than_median(rec);
    w.begin_object();
    w.key("customer").value(rec.customer);
    w.key("kind").value(important_kind_name(rec.kind));
    w.key("name").value(rec.name);
    w.key("outage_minutes").value(rec.outage_minutes);
    w.key("interruptions").value(rec.interruptions);
    w.key("terrain").value(world::terrain_name(rec.terrain));
    w.key("terrain_median_minutes").value(median);
    w.key("longer_than_median").value(longer_one);
    w.key("why").begin_array();
    if (longer_one)
      for (const world::ImportantDelay& d : sim.world().important_delays(i)) {
        w.begin_object();
        w.key("reason").value(world::important_delay_name(d.reason));
        w.key("fault").value(d.fault);
        w.key("amount").value(d.amount);
        w.end_object();
      }
    w.end_array();
    w.end_object();
  }
  w.end_array();

  // The trainee's scripted calls (sim/calls), only when a desk held the trainee seat: runs without
  // one (the default drill, headless runs) keep their scorecards unchanged.
  if (const hotline::TraineeDesk* desk = sim.hotline().trainee_desk()) {
    w.key("trainee").begin_object();
    w.key("calls");
    desk->write_calls(w);
    w.end_object();
  }
}

}  // namespace fl::scoring
