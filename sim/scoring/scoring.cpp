#include "sim/scoring/scoring.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace fl::scoring {

namespace {

int terrain_index(Terrain t) {
  switch (t) {
    case Terrain::kUrban: return 0;
    case Terrain::kRural: return 1;
    default: return 2;  // remote, and water (islands) held to the remote limit
  }
}
constexpr const char* kTerrainNames[3] = {"urban", "rural", "remote"};

std::string hhmm_of_hours(double hours) {
  const long minutes = std::lround(hours * 60.0);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%ld:%02ld", minutes / 60, minutes % 60);
  return buf;
}

/// One judged case of a time-limit measure, in the measure's unit.
struct Case {
  int terrain = 0;
  double value = 0;    // minutes or working days taken (lower bound when open)
  bool open = false;
  Time deadline = 0;   // when the limit passed
  double over_hours = 0;
  std::string subject;
};

double target_for(const CommitmentResult& r, int terrain) { return r.by_terrain ? r.targets[terrain] : r.target; }

/// Turns judged cases into measured values, met, score and breaches.
void summarise_cases(CommitmentResult& r, const std::vector<Case>& cases) {
  std::array<double, 3> sum{0, 0, 0}, worst{0, 0, 0};
  for (const Case& c : cases) {
    const int k = r.by_terrain ? c.terrain : 0;
    ++r.incidents;
    ++r.incidents_by_terrain[k];
    sum[k] += c.value;
    worst[k] = std::max(worst[k], c.value);
    if (c.open) ++r.open_at_end;
    const double target = target_for(r, k);
    if (c.value <= target) {
      ++r.within_target;
    } else {
      Breach b;
      b.when = c.deadline;
      b.subject = c.subject;
      b.by = c.value - target;
      b.by_hours = c.over_hours;
      if (r.by_terrain) b.terrain = kTerrainNames[k];
      b.open_at_end = c.open;
      r.breaches.push_back(std::move(b));
    }
  }
  if (r.incidents == 0) {
    r.note = "no cases in this run";
    return;
  }
  const bool average = r.basis == "average";
  r.statistic = average ? "mean" : "max";
  double overall_sum = 0, overall_worst = 0;
  bool all_met = true;
  double weighted_score = 0;
  for (int k = 0; k < 3; ++k) {
    if (r.incidents_by_terrain[k] == 0) continue;
    const double n = static_cast<double>(r.incidents_by_terrain[k]);
    const double value = average ? sum[k] / n : worst[k];
    r.measured_by_terrain[k] = value;
    overall_sum += sum[k];
    overall_worst = std::max(overall_worst, worst[k]);
    const double target = target_for(r, k);
    if (average) {
      const bool ok = value <= target;
      all_met = all_met && ok;
      weighted_score += n * (ok ? 100.0 : (value > 0 ? 100.0 * target / value : 0.0));
    }
  }
  r.measured = average ? overall_sum / static_cast<double>(r.incidents) : overall_worst;
  const double share = 100.0 * static_cast<double>(r.within_target) / static_cast<double>(r.incidents);
  if (average) {
    r.met = all_met;
    r.score = weighted_score / static_cast<double>(r.incidents);
  } else {
    r.met = share >= r.min_share_pct;
    r.score = share;
  }
  if (r.open_at_end > 0)
    r.note = std::to_string(r.open_at_end) + " case(s) still open at the end count with their time so far";
}

/// A clock still running at the end of the run (`done` == kNever): while its deadline is still
/// ahead the case is pending (returns false, counted in r.pending); once passed it is judged with
/// its time so far (`done` becomes `end`, the case is marked open).
bool settle_open_case(CommitmentResult& r, Case& c, Time end, Time& done) {
  if (done != kNever) return true;
  if (end <= c.deadline) {
    ++r.pending;
    return false;
  }
  done = end;
  c.open = true;
  return true;
}

/// Weather time to take off a repair clock within [from, to): the record's pause stretches, from
/// when the customer was told if the rule requires it (never told: nothing comes off).
Time paused_within(const RepairRecord& rec, Time from, Time to, bool requires_told) {
  if (requires_told) {
    if (rec.told == kNever) return 0;
    from = std::max(from, rec.told);
  }
  Time sum = 0;
  for (const auto& [a, b] : rec.weather_pauses) sum += std::max<Time>(0, std::min(b, to) - std::max(a, from));
  return sum;
}

/// Scores a per-fault clock running from `start` to `stop` of each repair record against the
/// commitment's per-terrain target (minutes). A clock not yet started has no case; one still
/// running at the end is judged only once its deadline has passed. With `pause`, weather stretches
/// (paused_within) are taken off the clock and push its deadline back by as much.
void score_repair_clock(CommitmentResult& r, const ScoringInputs& in, Time RepairRecord::*start,
                        Time RepairRecord::*stop, const StormPauseSpec* pause = nullptr, double* paused_minutes = nullptr) {
  std::vector<Case> cases;
  for (const RepairRecord& rec : in.repairs) {
    if (rec.*start == kNever) continue;
    const int k = terrain_index(rec.terrain);
    const double target = target_for(r, k);
    const Time allowed = static_cast<Time>(std::llround(target * static_cast<double>(kMinute)));
    Time limit = rec.*start + allowed;
    if (pause) {
      // The deadline moves by the pauses before it; iterate to the fixed point (pauses are finite).
      for (int it = 0; it < 50; ++it) {
        const Time next = rec.*start + allowed + paused_within(rec, rec.*start, limit, pause->requires_customer_told);
        if (next == limit) break;
        limit = next;
      }
    }
    Case c;
    c.terrain = k;
    c.deadline = limit;
    c.subject = "fault " + std::to_string(rec.fault_id);
    Time done = rec.*stop;
    if (!settle_open_case(r, c, in.end, done)) continue;
    const Time off = pause ? paused_within(rec, rec.*start, done, pause->requires_customer_told) : 0;
    if (paused_minutes) *paused_minutes += to_minutes(off);
    c.value = std::max(0.0, to_minutes(done - rec.*start - off));
    c.over_hours = std::max(0.0, to_hours(done - limit));
    cases.push_back(std::move(c));
  }
  summarise_cases(r, cases);
}

CommitmentResult::Clock clock_of(const CommitmentResult& r, double paused_minutes) {
  CommitmentResult::Clock k;
  k.measured = r.measured;
  k.incidents = r.incidents;
  k.within_target = r.within_target;
  k.breaches = r.breaches.size();
  k.met = r.met;
  k.score = r.score;
  k.paused_minutes = paused_minutes;
  return k;
}

/// Crew arrival: from the first report (no report, no clock) to the first crew on site. With a
/// storm pause in the set, both clocks are scored and the one the set names is graded.
void score_arrival(CommitmentResult& r, const ScoringInputs& in, const StormPauseSpec& pause) {
  if (!pause.above_driving_limit) {
    score_repair_clock(r, in, &RepairRecord::reported, &RepairRecord::arrived);
    return;
  }
  CommitmentResult written = r, paused = r;
  score_repair_clock(written, in, &RepairRecord::reported, &RepairRecord::arrived);
  double off = 0;
  score_repair_clock(paused, in, &RepairRecord::reported, &RepairRecord::arrived, &pause, &off);
  r = pause.graded == "paused" ? paused : written;
  r.clock = pause.graded;
  r.as_written = clock_of(written, 0);
  r.paused = clock_of(paused, off);
}

/// Restoration after arrival: from the first crew on site to supply back.
void score_restore(CommitmentResult& r, const ScoringInputs& in) {
  score_repair_clock(r, in, &RepairRecord::arrived, &RepairRecord::restored);
}

void score_complaint(CommitmentResult& r, const ScoringInputs& in, bool reply) {
  if (!in.calendar) {
    r.note = "no working-day calendar";
    return;
  }
  const int days = static_cast<int>(std::ceil(r.target));
  std::vector<Case> cases;
  for (const ComplaintRecord& rec : in.complaints) {
    if (rec.opened == kNever) continue;
    const Time limit = in.calendar->add_working_days(rec.opened, days);
    Case c;
    c.deadline = limit;
    c.subject = "complaint " + std::to_string(rec.id) + " (customer " + std::to_string(rec.customer) + ")";
    Time done = reply ? rec.replied : rec.contacted;
    if (!settle_open_case(r, c, in.end, done)) continue;
    c.value = working_days_taken(*in.calendar, rec.opened, done);
    c.over_hours = std::max(0.0, to_hours(done - limit));
    cases.push_back(std::move(c));
  }
  summarise_cases(r, cases);
}

void score_pickup(CommitmentResult& r, const ScoringInputs& in) {
  if (!in.hotline || !in.hotline->offered) {
    r.note = "not measured: the hotline reports no call figures";
    return;
  }
  const HotlineFigures& h = *in.hotline;
  const bool twenty = r.target <= 20.0;
  const char* which = twenty ? "service_level_20s" : "service_level_5_rings";
  if (r.basis == "average") {
    if (!h.asa_s) {
      r.note = "not measured: the hotline reports no asa_s";
      return;
    }
    r.statistic = "asa_s";
    r.measured = *h.asa_s;
    r.incidents = static_cast<std::uint64_t>(std::llround(*h.offered));
    r.met = *h.asa_s <= r.target;
    r.score = *r.met ? 100.0 : 100.0 * r.target / *h.asa_s;
    for (const HotlineInterval& iv : h.intervals) {
      if (!iv.asa_s || *iv.asa_s <= r.target) continue;
      Breach b;
      b.when = static_cast<Time>(std::llround(iv.start_hours * static_cast<double>(kHour)));
      b.subject = "calls +" + hhmm_of_hours(iv.start_hours) + " to +" + hhmm_of_hours(iv.start_hours + 0.5);
      b.by = *iv.asa_s - r.target;
      r.breaches.push_back(std::move(b));
    }
    r.note = "average speed of answer over all answered calls";
    return;
  }
  const std::optional<double> level = twenty ? h.service_level_20s : h.service_level_5_rings;
  if (!level) {
    r.note = std::string("not measured: the hotline reports no ") + which;
    return;
  }
  // Service levels count the calls that reached the agents' queue (IVR-only calls never wait
  // for a person), so the cases are offered − answered_by_ivr.
  const double to_agents = std::max(0.0, *h.offered - h.answered_by_ivr.value_or(0.0));
  r.statistic = "share_within_target_pct";
  r.measured = 100.0 * *level;
  r.incidents = static_cast<std::uint64_t>(std::llround(to_agents));
  r.within_target = static_cast<std::uint64_t>(std::llround(*level * to_agents));
  r.met = *r.measured >= r.min_share_pct;
  r.score = *r.measured;
  r.note = std::string("share of calls reaching an agent's queue answered within the limit (hotline ") + which + ")";
  bool indicative = false;
  for (const HotlineInterval& iv : h.intervals) {
    std::optional<double> sl = twenty ? iv.service_level_20s : iv.service_level_5_rings;
    if (!sl && !twenty && iv.service_level_20s) {
      sl = iv.service_level_20s;  // stricter stand-in: only where calls were late
      indicative = true;
    }
    if (!sl || iv.offered <= 0) continue;
    const double queued = std::max(0.0, iv.answered + iv.abandoned);
    const double late = std::round((queued > 0 ? queued : iv.offered) * (1.0 - *sl));
    if (late < 1) continue;
    Breach b;
    b.when = static_cast<Time>(std::llround(iv.start_hours * static_cast<double>(kHour)));
    b.subject = "calls +" + hhmm_of_hours(iv.start_hours) + " to +" + hhmm_of_hours(iv.start_hours + 0.5);
    b.count = static_cast<std::uint64_t>(late);
    b.by = late;
    r.breaches.push_back(std::move(b));
  }
  if (indicative) {
    r.breaches_total_override = r.incidents - r.within_target;
    r.note += "; half-hours listed by their 20 s service level (no per-half-hour 5-ring figure)";
  }
}

void score_reliability(CommitmentResult& r, const ScoringInputs& in) {
  const std::optional<double> asai = in.reliability.asai_urban ? in.reliability.asai_urban : in.reliability.asai;
  if (!asai) {
    r.note = "not measured: the world reports no ASAI";
    return;
  }
  r.statistic = "asai_pct";
  r.measured = 100.0 * *asai;
  r.incidents = 1;
  r.met = *r.measured >= r.target;
  const double shortfall = 100.0 - *r.measured;
  r.score = *r.met ? 100.0 : (shortfall > 0 ? 100.0 * (100.0 - r.target) / shortfall : 0.0);
  if (*r.met) r.within_target = 1;
  r.note = in.reliability.asai_urban ? "urban ASAI over the run only (a yearly figure would be higher)"
                                     : "ASAI of all customers over the run only (the world reports no urban figure)";
  if (!*r.met) {
    Breach b;
    b.when = in.end;
    b.subject = in.reliability.asai_urban ? "urban customers" : "all customers";
    b.by = r.target - *r.measured;
    r.breaches.push_back(std::move(b));
  }
}

}  // namespace

std::uint64_t CommitmentResult::breaches_total() const {
  if (breaches_total_override) return *breaches_total_override;
  std::uint64_t n = 0;
  for (const Breach& b : breaches) n += b.count;
  return n;
}

int working_days_taken(const WorkingCalendar& calendar, Time opened, Time done) {
  if (done <= opened) return 0;
  // Bounded search: a complaint open for more than a year is reported as 366+.
  for (int n = 1; n <= 366; ++n)
    if (done <= calendar.add_working_days(opened, n)) return n;
  return 367;
}

std::vector<CommitmentResult> score_commitments(const CommitmentSet& set, const ScoringInputs& in) {
  std::vector<CommitmentResult> out;
  out.reserve(set.commitments.size());
  for (const CommitmentSpec& spec : set.commitments) {
    CommitmentResult r;
    r.id = spec.id;
    r.text_en = spec.text.en;
    r.text_zh = spec.text.zh;
    r.measure = spec.measure;
    r.basis = spec.basis;
    r.min_share_pct = spec.min_share_pct;
    const MeasureInfo* m = find_measure(spec.measure);
    if (m) {
      r.unit = std::string(m->unit);
      r.higher_is_better = m->higher_is_better;
      r.by_terrain = m->by_terrain && spec.targets.any();
    }
    r.target = spec.target;
    if (r.by_terrain) r.targets = {spec.targets.urban, spec.targets.rural, spec.targets.remote};
    else if (m && m->by_terrain) r.targets = {spec.target, spec.target, spec.target};
    if (m && m->by_terrain && !r.by_terrain) r.by_terrain = true;  // one figure for every terrain
    if (!m || !m->simulated) {
      r.note = "not measured: the simulator has no model for it";
    } else if (spec.measure == "arrival_minutes") {
      score_arrival(r, in, spec.storm_pause);
    } else if (spec.measure == "restore_after_arrival_minutes") {
      score_restore(r, in);
    } else if (spec.measure == "complaint_contact_working_days") {
      score_complaint(r, in, false);
    } else if (spec.measure == "complaint_reply_working_days") {
      score_complaint(r, in, true);
    } else if (spec.measure == "hotline_pickup_s") {
      score_pickup(r, in);
    } else if (spec.measure == "reliability_rs1_pct") {
      score_reliability(r, in);
    }
    std::stable_sort(r.breaches.begin(), r.breaches.end(), [](const Breach& a, const Breach& b) {
      if (a.when != b.when) return a.when < b.when;
      return a.subject < b.subject;
    });
    out.push_back(std::move(r));
  }
  return out;
}

std::string grade_letter(double score) {
  if (score >= 85) return "A";
  if (score >= 70) return "B";
  if (score >= 55) return "C";
  if (score >= 40) return "D";
  return "E";
}

Grade compute_grade(const GradeInputs& in) {
  Grade g;
  {
    GradeComponent c{"commitments", kWeightCommitments, {}, "mean of the measured commitments' scores", {}};
    double sum = 0;
    std::size_t n = 0;
    for (const CommitmentResult& r : in.commitments)
      if (r.score) {
        sum += *r.score;
        ++n;
      }
    c.inputs = {{"measured_commitments", static_cast<double>(n)}, {"sum_of_scores", sum}};
    if (n > 0) c.score = sum / static_cast<double>(n);
    g.components.push_back(std::move(c));
  }
  {
    GradeComponent c{"restoration", kWeightRestoration, {},
                     "100 × customers of faults restored within 24 h of the fault / customers of faults that "
                     "were restored or had been out for 24 h by the end",
                     {}};
    double within = 0, judged = 0;
    for (const RepairRecord& rec : in.repairs) {
      if (rec.occurred == kNever) continue;
      const Time limit = rec.occurred + 24 * kHour;
      const bool restored_in_time = rec.restored != kNever && rec.restored <= limit;
      const bool decided = restored_in_time || rec.restored != kNever || in.end >= limit;
      if (!decided) continue;
      judged += rec.customers;
      if (restored_in_time) within += rec.customers;
    }
    c.inputs = {{"customers_restored_within_24h", within}, {"customers_judged", judged}};
    if (judged > 0) c.score = 100.0 * within / judged;
    g.components.push_back(std::move(c));
  }
  {
    GradeComponent c{"hotline", kWeightHotline, {}, "100 × service_level_20s (share of offered calls answered within 20 s)", {}};
    if (in.service_level_20s) {
      c.inputs = {{"service_level_20s", *in.service_level_20s}};
      c.score = 100.0 * std::clamp(*in.service_level_20s, 0.0, 1.0);
    }
    g.components.push_back(std::move(c));
  }
  {
    GradeComponent c{"complaints", kWeightComplaints, {},
                     "100 × max(0, 1 − complaints per 1,000 interrupted customers / 20); with no interruption the "
                     "rate is per 1,000 customers served",
                     {}};
    double interrupted = 0;
    for (const RepairRecord& rec : in.repairs) interrupted += rec.customers;
    const double base = interrupted > 0 ? interrupted : static_cast<double>(in.customers_served);
    if (in.complaints && base > 0) {
      const double rate = *in.complaints * 1000.0 / base;
      c.inputs = {{"complaints", *in.complaints}, {"customers_base", base}, {"per_1000", rate}};
      c.score = 100.0 * std::max(0.0, 1.0 - rate / kComplaintRateForZero);
    }
    g.components.push_back(std::move(c));
  }
  {
    GradeComponent c{"important_customers", kWeightImportant, {},
                     "100 × important customers with at most 240 outage minutes / important customers", {}};
    double ok = 0;
    for (const ImportantCustomerRecord& rec : in.important)
      if (rec.outage_minutes <= kImportantOutageLimitMin) ++ok;
    if (!in.important.empty()) {
      c.inputs = {{"within_limit", ok}, {"important_customers", static_cast<double>(in.important.size())}};
      c.score = 100.0 * ok / static_cast<double>(in.important.size());
    }
    g.components.push_back(std::move(c));
  }
  double weighted = 0, weights = 0;
  for (const GradeComponent& c : g.components)
    if (c.score) {
      weighted += c.weight * *c.score;
      weights += c.weight;
    }
  if (weights > 0) {
    g.score = weighted / weights;
    g.letter = grade_letter(*g.score);
  }
  return g;
}

namespace {
void value_or_null(JsonWriter& w, const std::optional<double>& v) {
  if (v) w.value(*v);
  else w.null();
}
}  // namespace

void write_commitments(JsonWriter& w, std::span<const CommitmentResult> results, std::size_t max_breaches) {
  w.begin_array();
  for (const CommitmentResult& r : results) {
    w.begin_object();
    w.key("id").value(r.id);
    w.key("text_en").value(r.text_en);
    w.key("text_zh").value(r.text_zh);
    w.key("measure").value(r.measure);
    w.key("basis").value(r.basis);
    w.key("unit").value(r.unit);
    w.key("higher_is_better").value(r.higher_is_better);
    w.key("target");
    if (r.by_terrain) {
      w.begin_object();
      for (int k = 0; k < 3; ++k) w.key(kTerrainNames[k]).value(r.targets[k]);
      w.end_object();
    } else {
      w.value(r.target);
    }
    if (r.basis == "per_incident") w.key("min_share_pct").value(r.min_share_pct);
    w.key("statistic").value(r.statistic);
    w.key("measured");
    value_or_null(w, r.measured);
    if (r.by_terrain) {
      w.key("measured_by_terrain").begin_object();
      for (int k = 0; k < 3; ++k) {
        w.key(kTerrainNames[k]);
        value_or_null(w, r.measured_by_terrain[k]);
      }
      w.end_object();
      w.key("incidents_by_terrain").begin_object();
      for (int k = 0; k < 3; ++k) w.key(kTerrainNames[k]).value(r.incidents_by_terrain[k]);
      w.end_object();
    }
    w.key("incidents").value(r.incidents);
    w.key("within_target").value(r.within_target);
    w.key("within_target_pct");
    if (r.incidents > 0 && r.statistic != "asa_s")
      w.value(100.0 * static_cast<double>(r.within_target) / static_cast<double>(r.incidents));
    else
      w.null();
    w.key("open_at_end").value(r.open_at_end);
    w.key("pending").value(r.pending);
    w.key("met");
    if (r.met) w.value(*r.met);
    else w.null();
    w.key("score");
    value_or_null(w, r.score);
    w.key("note").value(r.note);
    if (!r.clock.empty()) {
      w.key("clock").value(r.clock);
      w.key("clocks").begin_object();
      for (const auto& [name, k] : {std::pair{"as_written", &r.as_written}, std::pair{"paused", &r.paused}}) {
        if (!*k) continue;
        const CommitmentResult::Clock& c = **k;
        w.key(name).begin_object();
        w.key("measured");
        value_or_null(w, c.measured);
        w.key("incidents").value(c.incidents);
        w.key("within_target").value(c.within_target);
        w.key("within_target_pct");
        if (c.incidents > 0) w.value(100.0 * static_cast<double>(c.within_target) / static_cast<double>(c.incidents));
        else w.null();
        w.key("breaches").value(c.breaches);
        w.key("met");
        if (c.met) w.value(*c.met);
        else w.null();
        w.key("score");
        value_or_null(w, c.score);
        w.key("paused_minutes").value(c.paused_minutes);
        w.end_object();
      }
      w.end_object();
    }
    w.key("breaches_total").value(r.breaches_total());
    w.key("breaches").begin_array();
    for (std::size_t i = 0; i < r.breaches.size() && i < max_breaches; ++i) {
      const Breach& b = r.breaches[i];
      w.begin_object();
      w.key("hours").value(to_hours(b.when));
      w.key("subject").value(b.subject);
      w.key("by").value(b.by);
      w.key("by_hours");
      value_or_null(w, b.by_hours);
      if (!b.terrain.empty()) w.key("terrain").value(b.terrain);
      if (b.count != 1) w.key("count").value(b.count);
      w.key("open_at_end").value(b.open_at_end);
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
}

void write_grade(JsonWriter& w, const Grade& g) {
  w.begin_object();
  w.key("score");
  value_or_null(w, g.score);
  w.key("letter").value(g.letter);
  w.key("bands").begin_object();
  w.key("A").value(85);
  w.key("B").value(70);
  w.key("C").value(55);
  w.key("D").value(40);
  w.key("E").value(0);
  w.end_object();
  w.key("weights").begin_object();
  for (const GradeComponent& c : g.components) w.key(c.name).value(c.weight);
  w.end_object();
  w.key("components").begin_array();
  for (const GradeComponent& c : g.components) {
    w.begin_object();
    w.key("name").value(c.name);
    w.key("weight").value(c.weight);
    w.key("score");
    value_or_null(w, c.score);
    w.key("formula").value(c.formula);
    w.key("inputs").begin_object();
    for (const auto& [k, v] : c.inputs) w.key(k).value(v);
    w.end_object();
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

const char* important_kind_name(ImportantKind k) {
  switch (k) {
    case ImportantKind::kHospital: return "hospital";
    case ImportantKind::kWaterWorks: return "water_works";
    case ImportantKind::kGovernment: return "government";
    case ImportantKind::kLifeSupport: return "life_support";
    default: return "none";
  }
}

const char* terrain_name(Terrain t) {
  switch (t) {
    case Terrain::kUrban: return "urban";
    case Terrain::kRural: return "rural";
    case Terrain::kRemote: return "remote";
    default: return "water";
  }
}

namespace {
std::optional<double> number(const rapidjson::Value& obj, const char* key) {
  if (!obj.IsObject()) return std::nullopt;
  const auto it = obj.FindMember(key);
  if (it == obj.MemberEnd() || !it->value.IsNumber()) return std::nullopt;
  return it->value.GetDouble();
}
std::optional<double> fraction(const rapidjson::Value& obj, const char* key) {
  std::optional<double> v = number(obj, key);
  if (v && *v > 1.0 + 1e-9) *v /= 100.0;
  return v;
}
}  // namespace

HotlineFigures hotline_figures_from_json(const std::string& json_object) {
  HotlineFigures h;
  rapidjson::Document doc;
  doc.Parse(json_object.c_str(), json_object.size());
  if (doc.HasParseError() || !doc.IsObject()) return h;
  h.offered = number(doc, "offered");
  h.answered = number(doc, "answered");
  h.abandoned = number(doc, "abandoned");
  h.answered_by_ivr = number(doc, "answered_by_ivr");
  h.service_level_20s = fraction(doc, "service_level_20s");
  h.service_level_5_rings = fraction(doc, "service_level_5_rings");
  h.asa_s = number(doc, "asa_s");
  const auto it = doc.FindMember("intervals");
  if (it != doc.MemberEnd() && it->value.IsArray()) {
    double index = 0;
    for (const auto& v : it->value.GetArray()) {
      HotlineInterval iv;
      // Interval start: "start_hours" or "hours"; else the half-hour index.
      std::optional<double> start = number(v, "start_hours");
      if (!start) start = number(v, "hours");
      iv.start_hours = start ? *start : index * 0.5;
      iv.offered = number(v, "offered").value_or(0);
      iv.answered = number(v, "answered").value_or(0);
      iv.abandoned = number(v, "abandoned").value_or(0);
      iv.service_level_20s = fraction(v, "service_level_20s");
      iv.service_level_5_rings = fraction(v, "service_level_5_rings");
      iv.asa_s = number(v, "asa_s");
      h.intervals.push_back(iv);
      index += 1;
    }
  }
  return h;
}

ReliabilityFigures reliability_from_json(const std::string& json_object) {
  ReliabilityFigures r;
  rapidjson::Document doc;
  doc.Parse(json_object.c_str(), json_object.size());
  if (doc.HasParseError() || !doc.IsObject()) return r;
  r.asai = fraction(doc, "asai");
  r.asai_urban = fraction(doc, "asai_urban");
  return r;
}

}  // namespace fl::scoring
