#include "sim/run/study.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <thread>

#include "sim/core/calendar.h"
#include "sim/hotline/erlang.h"
#include "sim/hotline/hotline.h"
#include "sim/scoring/scorecard.h"
#include "sim/simulator.h"
#include "sim/world/world.h"

namespace fl::run {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr Time kHalfHour = 30 * kMinute;  // the hotline's staffing and reporting interval

constexpr std::array<KpiInfo, kKpiCount> kCatalogue = {{
    {Kpi::kCustomerMinutesOut, "customer_minutes_out", "Customer-minutes without supply", "用户停电户·分钟数", "", false, true},
    {Kpi::kSaidiMin, "saidi_min", "SAIDI", "户均停电时间（SAIDI）", "min", false, true},
    {Kpi::kCommitmentsMet, "commitments_met", "Commitments met", "服务承诺达标项数", "", true, true},
    {Kpi::kCommitmentsMeasured, "commitments_measured", "Commitments measured", "已测服务承诺项数", "", true, false},
    {Kpi::kServiceLevelPct, "service_level_pct", "Answered within the service-level time", "服务水平（限时接通率）", "%", true, true},
    {Kpi::kAbandonmentPct, "abandonment_pct", "Abandoned calls", "呼损率（放弃率）", "%", false, true},
    {Kpi::kAsaS, "asa_s", "Average speed of answer", "平均应答时长", "s", false, true},
    {Kpi::kComplaints, "complaints", "Complaints", "投诉件数", "", false, true},
    {Kpi::kSatisfaction, "satisfaction", "Caller satisfaction", "客户满意度", "/100", true, true},
    {Kpi::kAgentHours, "agent_hours", "Agent-hours scheduled", "排班座席工时", "h", false, true},
    {Kpi::kCrewHours, "crew_hours", "Crew-hours worked", "抢修队伍工时", "h", false, true},
    {Kpi::kGradeScore, "grade_score", "Composite grade", "综合评分", "/100", true, false},
    {Kpi::kCallsOffered, "calls_offered", "Calls offered", "呼入电话量", "", false, false},
    {Kpi::kCallsAnswered, "calls_answered", "Calls answered by agents", "人工接通量", "", true, false},
    {Kpi::kCallsAbandoned, "calls_abandoned", "Calls abandoned", "放弃呼叫量", "", false, false},
    {Kpi::kPeakCustomersOut, "peak_customers_out", "Customers out at peak", "停电户数峰值", "", false, false},
}};

int half_hours_of(const Scenario& s) { return static_cast<int>(std::ceil(s.duration_hours * 2.0 - 1e-9)); }

/// Local half-hour index (since midnight of the start day) of drill half-hour k.
std::size_t local_index(Time tod0, int k) { return static_cast<std::size_t>((tod0 + k * kHalfHour) / kHalfHour); }

int agents_on_phones(int seats, double shrinkage_pct) {
  return static_cast<int>(std::lround(seats * (1.0 - shrinkage_pct / 100.0)));
}

/// Applies one variant (or level) to a scenario; seats are handled separately.
void apply_non_seat_fields(const VariantSpec& v, Scenario& s) {
  hotline::HotlineSection& h = s.hotline.hotline;
  if (v.shrinkage_pct != kUnset) h.shrinkage_pct = v.shrinkage_pct;
  if (v.ivr.ivr_s != kUnset) h.ivr_s = v.ivr.ivr_s;
  if (v.ivr.informed_hangup_pct != kUnset) h.ivr_informed_hangup_pct = v.ivr.informed_hangup_pct;
  if (v.ivr.self_service_pct != kUnset) h.ivr_self_service_pct = v.ivr.self_service_pct;
  if (v.publish_delay_min != kUnset) h.publish_delay_min = v.publish_delay_min;
  world::CrewsConfig& crews = s.world.crews;
  if (v.crews.multiplier != kUnset)
    for (world::DepotConfig& d : crews.depots) {
      d.line_crews = static_cast<int>(std::lround(d.line_crews * v.crews.multiplier));
      d.tree_crews = static_cast<int>(std::lround(d.tree_crews * v.crews.multiplier));
    }
  for (const DepotCrews& dc : v.crews.depots)
    for (world::DepotConfig& d : crews.depots) {
      if (d.name != dc.name) continue;
      if (dc.line_crews >= 0) d.line_crews = dc.line_crews;
      if (dc.tree_crews >= 0) d.tree_crews = dc.tree_crews;
      if (dc.assessment_crews >= 0) d.assessment_crews = dc.assessment_crews;
    }
  if (v.mutual_aid.trigger_pct != kUnset) s.world.dispatcher.mutual_aid_trigger_pct = v.mutual_aid.trigger_pct;
  for (world::MutualAidConfig& m : crews.mutual_aid) {
    if (v.mutual_aid.lead_time_h != kUnset) m.lead_time_h = v.mutual_aid.lead_time_h;
    if (v.mutual_aid.size_multiplier != kUnset) {
      m.line_crews = static_cast<int>(std::lround(m.line_crews * v.mutual_aid.size_multiplier));
      m.tree_crews = static_cast<int>(std::lround(m.tree_crews * v.mutual_aid.size_multiplier));
    }
  }
}

/// The seats of `v` as the scenario's seats_per_half_hour (local half-hours since midnight).
void apply_seats(const SeatsSpec& seats, const Forecast& forecast, double aht_s, Scenario& s) {
  hotline::HotlineSection& h = s.hotline.hotline;
  if (!seats.per_half_hour.empty()) {
    h.seats_per_half_hour = seats.per_half_hour;
  } else if (seats.multiplier != kUnset) {
    std::vector<int> base = h.seats_per_half_hour;
    if (base.empty()) base.assign(48, h.default_seats);
    for (int& n : base) n = static_cast<int>(std::lround(n * seats.multiplier));
    h.seats_per_half_hour = std::move(base);
  } else if (seats.erlang.set()) {
    // One value per local half-hour up to the drill's end; before the start the base plan stays
    // (those half-hours are never staffed in the drill).
    const Time tod0 = make_calendar(s).time_of_day(0);
    const std::vector<int> base_by_drill = seats_by_half_hour(s);
    const int n = half_hours_of(s);
    std::vector<int> plan(local_index(tod0, n - 1) + 1, base_by_drill.empty() ? h.default_seats : base_by_drill[0]);
    for (int k = 0; k < n; ++k) {
      const double calls = k < static_cast<int>(forecast.calls_per_half_hour.size()) ? forecast.calls_per_half_hour[k] : 0.0;
      plan[local_index(tod0, k)] = erlang_seats(seats.erlang, calls, aht_s, s);
    }
    h.seats_per_half_hour = std::move(plan);
  }
}

std::string join_level_ids(const std::vector<const VariantSpec*>& levels, char sep) {
  std::string out;
  for (const VariantSpec* l : levels) out += (out.empty() ? "" : std::string(1, sep)) + l->id;
  return out;
}

Variant make_variant(const LoadedPlan& plan, const std::vector<const VariantSpec*>& levels, const Forecast& forecast) {
  Variant v;
  v.id = join_level_ids(levels, '/');
  for (const VariantSpec* l : levels) {
    const std::string en = l->name.en.empty() ? l->id : l->name.en;
    const std::string zh = l->name.zh.empty() ? en : l->name.zh;
    v.name.en += (v.name.en.empty() ? "" : " · ") + en;
    v.name.zh += (v.name.zh.empty() ? "" : " · ") + zh;
  }
  v.scenario = plan.base;
  // Levels apply in factor order; a later level's seats replace an earlier one's.
  for (const VariantSpec* l : levels) apply_non_seat_fields(*l, v.scenario);
  for (const VariantSpec* l : levels)
    apply_seats(l->seats, forecast, forecast.aht_s > 0 ? forecast.aht_s : blended_aht_s(v.scenario, 0.5), v.scenario);
  v.seats = seats_by_half_hour(v.scenario);
  for (int s : v.seats) v.agent_hours += 0.5 * s;
  for (const world::DepotConfig& d : v.scenario.world.crews.depots) v.crews_total += d.line_crews + d.tree_crews + d.assessment_crews;
  for (const world::MutualAidConfig& m : v.scenario.world.crews.mutual_aid) v.aid_crews += m.line_crews + m.tree_crews;
  return v;
}

double crew_hours_worked(const world::World& w, Time now) {
  Time total = 0;
  for (const world::Crew& c : w.crews()) {
    for (const world::Crew::Segment& s : c.segments)
      if (s.activity != world::Activity::kRest && s.activity != world::Activity::kIdle) total += s.end - s.start;
    if (c.activity != world::Activity::kIdle && c.activity != world::Activity::kRest && now > c.since) total += now - c.since;
  }
  return to_hours(total);
}

}  // namespace

const std::array<KpiInfo, kKpiCount>& kpi_catalogue() { return kCatalogue; }

const KpiInfo* find_kpi(const std::string& key) {
  for (const KpiInfo& k : kCatalogue)
    if (key == k.key) return &k;
  return nullptr;
}

std::vector<int> seats_by_half_hour(const Scenario& s) {
  const hotline::HotlineSection& h = s.hotline.hotline;
  const Time tod0 = make_calendar(s).time_of_day(0);
  const int n = half_hours_of(s);
  std::vector<int> out(static_cast<std::size_t>(std::max(n, 0)), h.default_seats);
  if (!h.seats_per_half_hour.empty())
    for (int k = 0; k < n; ++k) out[k] = h.seats_per_half_hour[local_index(tod0, k) % h.seats_per_half_hour.size()];
  return out;
}

double blended_aht_s(const Scenario& s, double outage_share) {
  const hotline::HotlineSection& h = s.hotline.hotline;
  const hotline::BackgroundMix& m = s.hotline.customers.background_mix;
  const double kept = 1.0 - h.ivr_self_service_pct / 100.0;  // enquiries and payments left after the IVR
  const double complaint = m.voltage_quality + m.service + m.billing + m.outage + m.construction;
  const double business = m.new_connection + m.arrears_reconnection + m.meter_test;
  const double weight = complaint + m.outage_report + (m.enquiry + m.payment) * kept + business;
  const double background =
      weight > 0 ? (complaint * h.aht.complaint_s + m.outage_report * h.aht.outage_s + m.enquiry * kept * h.aht.enquiry_s +
                    m.payment * kept * h.aht.payment_s + business * h.aht.business_s) / weight
                 : h.aht.enquiry_s;
  const double share = std::clamp(outage_share, 0.0, 1.0);
  return share * h.aht.outage_s + (1.0 - share) * background;
}

int erlang_seats(const ErlangSeats& spec, double calls, double aht_s, const Scenario& s) {
  const hotline::HotlineSection& h = s.hotline.hotline;
  const double lambda = calls / 1800.0;
  const double on_phones = 1.0 - h.shrinkage_pct / 100.0;
  int seats = std::max(spec.min_seats, 0);
  if (lambda <= 0) return seats;
  // Walk up from the fewest seats whose agents could carry the load at all.
  for (;; ++seats) {
    const int agents = agents_on_phones(seats, h.shrinkage_pct);
    if (agents <= 0 || (spec.target_pct != kUnset && agents <= lambda * aht_s)) continue;
    bool ok = true;
    if (spec.target_pct != kUnset)
      ok = hotline::erlang_c(lambda, aht_s, agents, spec.within_s).service_level * 100.0 >= spec.target_pct;
    if (ok && spec.max_abandon_pct != kUnset)
      ok = hotline::erlang_a(lambda, aht_s, agents, h.mean_patience_s, spec.within_s).p_abandon * 100.0 <= spec.max_abandon_pct;
    if (ok || seats > 100000) return seats;
    if (on_phones <= 0) return seats;
  }
}

std::vector<std::uint64_t> replication_seeds(const LoadedPlan& plan) {
  const StudyPlan& p = plan.plan;
  if (!p.seeds.empty()) return p.seeds;
  const std::uint64_t first = p.first_seed ? p.first_seed : plan.base.seed;
  std::vector<std::uint64_t> out;
  for (int r = 0; r < p.replications; ++r) out.push_back(first + static_cast<std::uint64_t>(r));
  return out;
}

bool needs_pilot(const StudyPlan& plan) {
  if (!plan.forecast.calls_per_half_hour.empty()) return false;
  for (const VariantSpec& v : plan.variants)
    if (v.seats.erlang.set()) return true;
  for (const FactorSpec& f : plan.factors)
    for (const VariantSpec& l : f.levels)
      if (l.seats.erlang.set()) return true;
  return false;
}

Forecast make_forecast(const LoadedPlan& plan, const std::atomic<bool>* stop) {
  Forecast f;
  const ForecastSpec& spec = plan.plan.forecast;
  if (!spec.calls_per_half_hour.empty()) {
    f.calls_per_half_hour = spec.calls_per_half_hour;
    f.aht_s = spec.aht_s != kUnset ? spec.aht_s : blended_aht_s(plan.base, 0.5);
    return f;
  }
  if (!needs_pilot(plan.plan)) return f;
  const std::uint64_t first = spec.pilot_first_seed ? spec.pilot_first_seed : replication_seeds(plan).front() + 1000000;
  const int n = half_hours_of(plan.base);
  f.calls_per_half_hour.assign(static_cast<std::size_t>(n), 0.0);
  double outage_calls = 0, calls = 0;
  const double redial = plan.base.hotline.hotline.redial_pct / 100.0;
  for (int i = 0; i < spec.pilot_runs; ++i) {
    if (stop && stop->load()) return Forecast{};
    Simulator sim(plan.base, RunOptions{first + static_cast<std::uint64_t>(i), 0, true});
    sim.run_until(sim.end_time());
    const auto& iv = sim.hotline().intervals();
    // Fresh calls: attempts reaching agents less the redials of abandoned ones (they come back).
    for (int k = 0; k < n && k < static_cast<int>(iv.size()); ++k)
      f.calls_per_half_hour[k] += (static_cast<double>(iv[k].to_agents()) - redial * static_cast<double>(iv[k].abandoned)) /
                                  spec.pilot_runs;
    outage_calls += static_cast<double>(sim.hotline().outage_calls());
    calls += static_cast<double>(sim.hotline().totals().offered);
  }
  f.pilot_runs = static_cast<std::uint32_t>(spec.pilot_runs);
  f.aht_s = spec.aht_s != kUnset ? spec.aht_s : blended_aht_s(plan.base, calls > 0 ? outage_calls / calls : 0.5);
  return f;
}

std::vector<Variant> expand_variants(const LoadedPlan& plan, const Forecast& forecast) {
  std::vector<Variant> out;
  const StudyPlan& p = plan.plan;
  if (!p.variants.empty()) {
    for (const VariantSpec& v : p.variants) out.push_back(make_variant(plan, {&v}, forecast));
    return out;
  }
  std::vector<std::size_t> level(p.factors.size(), 0);
  for (;;) {
    std::vector<const VariantSpec*> levels;
    for (std::size_t f = 0; f < p.factors.size(); ++f) levels.push_back(&p.factors[f].levels[level[f]]);
    out.push_back(make_variant(plan, levels, forecast));
    std::size_t f = p.factors.size();  // odometer: the last factor turns fastest
    while (f > 0) {
      --f;
      if (++level[f] < p.factors[f].levels.size()) break;
      level[f] = 0;
      if (f == 0) return out;
    }
    if (p.factors.empty()) return out;
  }
}

std::uint32_t baseline_index(const StudyPlan& plan, const std::vector<Variant>& variants) {
  for (std::uint32_t i = 0; i < variants.size(); ++i)
    if (variants[i].id == plan.baseline) return i;
  return 0;
}

std::vector<RunKey> shard_runs(std::uint32_t variants, std::uint32_t replications, std::uint32_t k, std::uint32_t n) {
  std::vector<RunKey> out;
  if (n == 0 || k == 0 || k > n) return out;
  const std::uint64_t total = static_cast<std::uint64_t>(variants) * replications;
  for (std::uint64_t index = k - 1; index < total; index += n)
    out.push_back(RunKey{static_cast<std::uint32_t>(index % variants), static_cast<std::uint32_t>(index / variants)});
  return out;
}

RunRecord run_one(const Variant& variant, std::uint32_t variant_index, std::uint32_t replication, std::uint64_t seed) {
  Simulator sim(variant.scenario, RunOptions{seed, 0, true});
  sim.run_to_end();
  RunRecord r;
  r.variant = variant_index;
  r.replication = replication;
  r.seed = seed;
  r.events = sim.events_fired();
  r.sim_hours = to_hours(sim.now());
  r.kpi.fill(kNaN);
  auto set = [&](Kpi k, double v) { r.kpi[static_cast<std::size_t>(k)] = v; };
  const scoring::RunScore score = scoring::score_run(sim);
  const hotline::Hotline& hl = sim.hotline();
  const hotline::CallStats& t = hl.totals();
  const double to_agents = static_cast<double>(t.to_agents());
  set(Kpi::kCustomerMinutesOut, score.totals.customer_hours * 60.0);
  set(Kpi::kSaidiMin, sim.world().indices(sim.now()).saidi_min);
  set(Kpi::kCommitmentsMet, static_cast<double>(score.totals.commitments_met));
  set(Kpi::kCommitmentsMeasured, static_cast<double>(score.totals.commitments_measured));
  if (to_agents > 0) {
    set(Kpi::kServiceLevelPct, 100.0 * static_cast<double>(t.within_sl) / to_agents);
    set(Kpi::kAbandonmentPct, 100.0 * static_cast<double>(t.abandoned) / to_agents);
  }
  if (t.answered > 0) set(Kpi::kAsaS, t.wait_answered_s / static_cast<double>(t.answered));
  set(Kpi::kComplaints, static_cast<double>(hl.complaint_records().size()));
  set(Kpi::kSatisfaction, hl.satisfaction());
  set(Kpi::kAgentHours, variant.agent_hours);
  set(Kpi::kCrewHours, crew_hours_worked(sim.world(), sim.now()));
  if (score.grade.score) set(Kpi::kGradeScore, *score.grade.score);
  set(Kpi::kCallsOffered, static_cast<double>(t.offered));
  set(Kpi::kCallsAnswered, static_cast<double>(t.answered));
  set(Kpi::kCallsAbandoned, static_cast<double>(t.abandoned));
  set(Kpi::kPeakCustomersOut, score.peak_customers_out);

  const double shrinkage = variant.scenario.hotline.hotline.shrinkage_pct;
  const auto& intervals = hl.intervals();
  for (std::size_t k = 0; k < variant.seats.size(); ++k) {
    IntervalRecord iv;
    iv.half_hour = static_cast<std::uint32_t>(k);
    iv.seats = variant.seats[k];
    iv.agents = agents_on_phones(iv.seats, shrinkage);
    if (k < intervals.size()) {
      const hotline::CallStats& c = intervals[k];
      iv.offered = c.offered;
      iv.answered_by_ivr = c.answered_by_ivr;
      iv.answered = c.answered;
      iv.abandoned = c.abandoned;
      iv.within_sl = c.within_sl;
      iv.wait_answered_s = c.wait_answered_s;
    }
    r.intervals.push_back(iv);
  }
  for (const scoring::CommitmentResult& c : score.commitments) {
    CommitmentRecord cr;
    cr.id = c.id;
    if (c.measured) cr.measured = *c.measured;
    cr.met = c.met ? (*c.met ? 1 : 0) : -1;
    cr.incidents = c.incidents;
    cr.within_target = c.within_target;
    cr.breaches = c.breaches_total();
    r.commitments.push_back(std::move(cr));
  }
  std::map<std::string, std::uint32_t> by_reason;
  for (const ComplaintRecord& c : hl.complaint_records()) ++by_reason[c.reason];
  r.complaints_by_reason.assign(by_reason.begin(), by_reason.end());
  return r;
}

std::size_t run_parallel(const std::vector<Variant>& variants, const std::vector<std::uint64_t>& seeds,
                         const std::vector<RunKey>& runs, unsigned threads,
                         const std::function<void(RunRecord&&)>& on_done, const std::atomic<bool>* stop) {
  std::atomic<std::size_t> next{0};
  std::size_t done = 0;
  std::mutex done_mutex;
  auto worker = [&] {
    for (;;) {
      if (stop && stop->load()) return;
      const std::size_t i = next.fetch_add(1);
      if (i >= runs.size()) return;
      const RunKey key = runs[i];
      RunRecord record = run_one(variants[key.variant], key.variant, key.replication, seeds[key.replication]);
      const std::lock_guard<std::mutex> lock(done_mutex);
      ++done;
      on_done(std::move(record));
    }
  };
  threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(std::max<std::size_t>(runs.size(), 1))));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();  // the calling thread works too
  for (std::thread& t : pool) t.join();
  return done;
}

double student_t_975(std::size_t dof) {
  // Two-sided 95 % critical values; beyond 30 the normal approximation with a 1/dof correction.
  static constexpr double kTable[] = {0,      12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                                      2.201,  2.179,  2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
                                      2.080,  2.074,  2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};
  if (dof == 0) return kNaN;
  if (dof <= 30) return kTable[dof];
  const double d = static_cast<double>(dof);
  return 1.959964 + 2.37 / d;  // within 0.002 of the exact value for dof > 30
}

Interval mean_interval(const std::vector<double>& values) {
  Interval out;
  double sum = 0;
  for (double v : values)
    if (!std::isnan(v)) {
      sum += v;
      ++out.n;
    }
  if (out.n == 0) return out;
  out.mean = sum / static_cast<double>(out.n);
  if (out.n < 2) return out;
  double ss = 0;
  for (double v : values)
    if (!std::isnan(v)) ss += (v - out.mean) * (v - out.mean);
  const double sd = std::sqrt(ss / static_cast<double>(out.n - 1));
  out.half_width = student_t_975(out.n - 1) * sd / std::sqrt(static_cast<double>(out.n));
  return out;
}

std::vector<std::array<KpiSummary, kKpiCount>> summarise(const std::vector<RunRecord>& records, std::size_t variants,
                                                         std::uint32_t baseline) {
  // Index records by (variant, replication) so sums run in a fixed order whatever the input order.
  std::map<std::pair<std::uint32_t, std::uint32_t>, const RunRecord*> by_key;
  for (const RunRecord& r : records) by_key[{r.variant, r.replication}] = &r;
  std::vector<std::array<KpiSummary, kKpiCount>> out(variants);
  for (std::uint32_t v = 0; v < variants; ++v)
    for (std::size_t k = 0; k < kKpiCount; ++k) {
      std::vector<double> values, diffs;
      for (const auto& [key, r] : by_key) {
        if (key.first != v) continue;
        values.push_back(r->kpi[k]);
        const auto base = by_key.find({baseline, key.second});
        if (base != by_key.end()) diffs.push_back(r->kpi[k] - base->second->kpi[k]);
      }
      out[v][k].value = mean_interval(values);
      out[v][k].paired_difference = mean_interval(diffs);
    }
  return out;
}

}  // namespace fl::run
