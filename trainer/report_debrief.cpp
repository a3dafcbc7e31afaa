// The report's sections drawn from the debrief: review, decision costs, outages and their map,
// the plain-terms decision log. Every sentence is a finding rendered from the string table.
#include <algorithm>
#include <cmath>
#include <map>

#include "trainer/report_html.h"

namespace fl::trainer::sections {

namespace {

using html::Ctx;
using html::esc;
using html::f1;
using html::fill;
using html::num;
namespace db = debrief;

std::string rating_badge(const Ctx& c, char rating) {
  const std::string r(1, rating);
  return "<span class=\"badge rating-" + r + "\" title=\"" + esc(c.t("rating_" + r)) + "\">" + esc(c.t("rating_short_" + r)) +
         "</span>";
}

std::string when(const Ctx& c, double h) { return h < 0 ? "—" : esc(c.clock(h)); }

/// A moment after `prev` (hours): only "HH:MM" when it falls on the same local day.
std::string when_after(const Ctx& c, double h, double prev) {
  if (h < 0) return "—";
  const std::string a = c.clock(h), b = prev < 0 ? std::string() : c.clock(prev);
  if (a.size() == 11 && b.size() == 11 && a.substr(0, 5) == b.substr(0, 5)) return esc(a.substr(6));
  return esc(a);
}

/// A compact stacked bar of an outage's delay split (hours) with the numbers in its tooltip.
std::string split_bar(const Ctx& c, const db::OutageRow& r, double scale_h) {
  const std::pair<const char*, double> parts[] = {{"detection", r.detection_h}, {"locating", r.locating_h},
                                                   {"crew_wait", r.crew_wait_h}, {"travel", r.travel_h},
                                                   {"wind", r.wind_h},           {"repair", r.repair_h}};
  const double width = 120;
  std::string s = "<svg class=\"split\" width=\"" + num(width) + "\" height=\"10\" viewBox=\"0 0 " + num(width) +
                  " 10\" xmlns=\"http://www.w3.org/2000/svg\">";
  double x = 0;
  std::string title;
  for (const auto& [k, h] : parts) {
    const double w = scale_h > 0 ? std::max(0.0, h / scale_h * width) : 0;
    if (w > 0.05) s += "<rect class=\"ph-" + std::string(k) + "\" x=\"" + f1(x) + "\" y=\"0\" width=\"" + f1(w) + "\" height=\"10\"/>";
    x += w;
    title += (title.empty() ? "" : " · ") + c.t(std::string("phase_") + k) + " " + c.duration_hours(h);
  }
  return s + "<title>" + esc(title) + "</title></svg>";
}

std::string split_text(const Ctx& c, const db::OutageRow& r) {
  const std::pair<const char*, double> parts[] = {{"detection", r.detection_h}, {"locating", r.locating_h},
                                                   {"crew_wait", r.crew_wait_h}, {"travel", r.travel_h},
                                                   {"wind", r.wind_h},           {"repair", r.repair_h}};
  std::string s;
  for (const auto& [k, h] : parts) {
    if (h < 1.0 / 60) continue;
    s += (s.empty() ? "" : " · ") + c.t(std::string("phase_short_") + k) + " " + c.duration_hours(h);
  }
  return s;
}

std::string phase_legend(const Ctx& c) {
  std::string s = "<div class=\"legend\">";
  for (const char* k : {"detection", "locating", "crew_wait", "travel", "wind", "repair"})
    s += "<span><i class=\"sw ph-" + std::string(k) + "\"></i>" + esc(c.t(std::string("phase_") + k)) + "</span>";
  return s + "</div>";
}

std::string outage_map(const Ctx& c, const db::Debrief& d) {
  if (d.width_m <= 0 || d.height_m <= 0) return {};
  // One scale for both axes (north up), at most 960 × 460 px.
  const double scale = std::min(960.0 / d.width_m, 460.0 / d.height_m);
  const double W = d.width_m * scale, H = d.height_m * scale, sy = scale;
  auto X = [&](double x) { return f1(x * scale); };
  auto Y = [&](double y) { return f1(H - y * sy); };
  std::string s = "<svg class=\"chart map\" data-points=\"" + std::to_string(d.outages.size()) + "\" role=\"img\" aria-label=\"" +
                  esc(c.t("map_title")) + "\" viewBox=\"0 0 " + num(W) + " " + f1(H) +
                  "\" preserveAspectRatio=\"xMidYMid meet\" xmlns=\"http://www.w3.org/2000/svg\">";
  s += "<rect class=\"land\" x=\"0\" y=\"0\" width=\"" + num(W) + "\" height=\"" + f1(H) + "\"/>";
  for (const auto& city : d.cities)
    s += "<ellipse class=\"city\" cx=\"" + X(city.x_m) + "\" cy=\"" + Y(city.y_m) + "\" rx=\"" + f1(city.radius_m * scale) +
         "\" ry=\"" + f1(city.radius_m * sy) + "\"/>";
  // Each crew's work: its repaired sites joined in time order (local crews blue, mutual aid orange).
  for (const auto& cw : d.crews) {
    if (cw.sites_m.size() < 2) continue;
    std::string pts;
    for (const auto& [x, y] : cw.sites_m) pts += (pts.empty() ? "" : " ") + X(x) + "," + Y(y);
    s += "<polyline class=\"work" + std::string(cw.mutual_aid ? " aid" : "") + "\" points=\"" + pts + "\"><title>" +
         esc(cw.name) + "</title></polyline>";
  }
  double max_c = 1;
  for (const auto& r : d.outages) max_c = std::max(max_c, static_cast<double>(r.customers));
  // Smallest first so big outages are drawn on top.
  std::vector<const db::OutageRow*> order;
  for (const auto& r : d.outages) order.push_back(&r);
  std::stable_sort(order.begin(), order.end(), [](const auto* a, const auto* b) { return a->customers < b->customers; });
  auto css_of = [](double h) { return h < 4 ? "o4" : h < 12 ? "o12" : h < 24 ? "o24" : "o99"; };
  // A province has thousands of outages: the largest kMaxMarks are drawn one by one, the others
  // summed per map cell (one mark per cell, sized by its customers, coloured by its longest).
  constexpr std::size_t kMaxMarks = 1500;
  constexpr double kCellPx = 12;
  const std::size_t summed = order.size() > kMaxMarks ? order.size() - kMaxMarks : 0;
  if (summed > 0) {
    struct Cell {
      double customers = 0, longest_h = 0;
      std::size_t outages = 0;
    };
    std::map<std::pair<long, long>, Cell> cells;
    for (std::size_t i = 0; i < summed; ++i) {
      const db::OutageRow& r = *order[i];
      Cell& cell = cells[{std::lround(std::floor(r.x_m * scale / kCellPx)), std::lround(std::floor((H - r.y_m * sy) / kCellPx))}];
      cell.customers += static_cast<double>(r.customers);
      cell.longest_h = std::max(cell.longest_h, r.total_h());
      ++cell.outages;
    }
    for (const auto& [key, cell] : cells) {
      const double rad = std::min(kCellPx / 2, 1.5 + 9.0 * std::sqrt(cell.customers / max_c));
      s += "<circle class=\"d outage cell " + std::string(css_of(cell.longest_h)) + "\" cx=\"" +
           f1((static_cast<double>(key.first) + 0.5) * kCellPx) + "\" cy=\"" + f1((static_cast<double>(key.second) + 0.5) * kCellPx) +
           "\" r=\"" + f1(rad) + "\"><title>" +
           esc(fill(c.t("map_cell"), {num(static_cast<double>(cell.outages)), num(cell.customers), c.duration_hours(cell.longest_h)})) +
           "</title></circle>";
    }
  }
  for (std::size_t i = summed; i < order.size(); ++i) {
    const db::OutageRow* r = order[i];
    const double h = r->total_h();
    const char* css = css_of(h);
    const double rad = 1.5 + 9.0 * std::sqrt(static_cast<double>(r->customers) / max_c);
    s += "<circle class=\"d outage " + std::string(css) + (r->restored ? "" : " open") + "\" cx=\"" + X(r->x_m) + "\" cy=\"" +
         Y(r->y_m) + "\" r=\"" + f1(rad) + "\"><title>" + c.say(r->feeder) + " " + c.say(r->place) + ": " +
         esc(c.t("cause_" + r->cause)) + ", " + num(r->customers) + " · " + esc(c.duration_hours(h)) + "</title></circle>";
  }
  for (const auto& [dname, xy] : d.depots)
    s += "<rect class=\"depot\" x=\"" + f1(xy.first * scale - 5) + "\" y=\"" + f1(H - xy.second * sy - 5) +
         "\" width=\"10\" height=\"10\"><title>" + c.name(dname) + "</title></rect>";
  for (const auto& city : d.cities)
    s += "<text class=\"tag cityname\" x=\"" + X(city.x_m) + "\" y=\"" + f1(H - city.y_m * sy - city.radius_m * sy - 4) +
         "\" text-anchor=\"middle\">" + c.name(city.name) + "</text>";
  s += "</svg>";
  s += "<div class=\"legend\"><span><i class=\"sw o4\"></i>" + esc(c.t("map_lt4")) + "</span><span><i class=\"sw o12\"></i>" +
       esc(c.t("map_lt12")) + "</span><span><i class=\"sw o24\"></i>" + esc(c.t("map_lt24")) +
       "</span><span><i class=\"sw o99\"></i>" + esc(c.t("map_ge24")) + "</span><span><i class=\"sw workl\"></i>" +
       esc(c.t("map_work")) + "</span><span><i class=\"sw worka\"></i>" + esc(c.t("map_work_aid")) +
       "</span><span><i class=\"sw depotsw\"></i>" + esc(c.t("map_depot")) + "</span></div>";
  s += "<p class=\"caption\"><b>" + esc(c.t("map_title")) + ".</b> " + esc(c.t("map_caption"));
  if (summed > 0) s += " " + esc(fill(c.t("map_summed"), {num(static_cast<double>(kMaxMarks)), num(static_cast<double>(summed))}));
  return s + "</p>";
}

}  // namespace

std::string baseline_explained(const Ctx& c, const db::Debrief& d) {
  if (!d.baseline) return {};
  const db::RunFacts& a = d.facts;
  const db::RunFacts& b = *d.baseline;
  std::string s = "<ul class=\"explain\">";
  auto aid = [&](const db::RunFacts& f) {
    return f.mutual_aid_request_h < 0 ? db::finding("bx_no_aid")
                                      : db::finding("bx_aid", {db::clock(f.mutual_aid_request_h),
                                                               f.mutual_aid_arrival_h < 0 ? db::key("bx_never")
                                                                                          : db::clock(f.mutual_aid_arrival_h)});
  };
  s += "<li>" + c.say(db::finding("bx_aid_compare", {db::nested(aid(a)), db::nested(aid(b))})) + "</li>";
  if (!d.phase_diff_customer_hours.empty()) {
    static const char* kPh[] = {"detection", "locating", "crew_wait", "travel", "wind", "repair"};
    std::size_t top = 0;
    for (std::size_t i = 1; i < d.phase_diff_customer_hours.size(); ++i)
      if (std::fabs(d.phase_diff_customer_hours[i]) > std::fabs(d.phase_diff_customer_hours[top])) top = i;
    std::string parts;
    for (std::size_t i = 0; i < d.phase_diff_customer_hours.size(); ++i)
      parts += (i ? " · " : "") + c.t(std::string("phase_") + kPh[i]) + " " + (d.phase_diff_customer_hours[i] > 0 ? "+" : "") +
               num(d.phase_diff_customer_hours[i]);
    s += "<li>" + c.say(db::finding(d.phase_diff_customer_hours[top] > 0 ? "bx_phase_more" : "bx_phase_less",
                                    {db::count(static_cast<double>(d.matched_outages)), db::key(std::string("phase_") + kPh[top]),
                                     db::count(std::fabs(d.phase_diff_customer_hours[top]))})) +
         "<br><span class=\"note\">" + esc(parts) + "</span></li>";
  }
  // Complaints by reason, this run against the baseline: why the totals differ.
  std::map<std::string, std::pair<double, double>> reasons;
  for (const auto& [r, n] : a.complaint_reasons) reasons[r].first = n;
  for (const auto& [r, n] : b.complaint_reasons) reasons[r].second = n;
  std::string diff;
  for (const auto& [r, ab] : reasons) {
    const double delta = ab.first - ab.second;
    if (std::fabs(delta) < 0.5) continue;
    diff += (diff.empty() ? "" : " · ") + c.t("why_" + r) + " " + (delta > 0 ? "+" : "") + num(delta);
  }
  if (!diff.empty())
    s += "<li>" + c.say(db::finding("bx_complaints", {db::count(a.complaints), db::count(b.complaints)})) +
         "<br><span class=\"note\">" + esc(diff) + "</span></li>";
  // Counter-intuitive but explained by the model: longer outages, fewer complaints.
  double still_out = 0;
  for (const auto& r : d.outages) still_out += r.restored ? 0 : r.customers;
  if (a.customer_hours > b.customer_hours && a.complaints < b.complaints)
    s += "<li>" + c.say(db::finding("bx_model_complaints", {db::count(still_out)})) + "</li>";
  return s + "</ul>";
}

std::string review(const Ctx& c, const db::Debrief& d, const db::Review& r) {
  std::string s = "<section class=\"aar\"><h2>" + esc(c.t("aar_title")) + "</h2>";
  s += "<h3>" + esc(c.t("aar_overview")) + "</h3><p>" + c.say(r.overview) + "</p>";
  s += "<h3>" + esc(c.t("aar_objectives")) + "</h3><table><thead><tr><th>" + esc(c.t("col_objective")) + "</th><th>" +
       esc(c.t("col_capability")) + "</th><th>" + esc(c.t("col_rating")) + "</th><th>" + esc(c.t("col_evidence")) +
       "</th></tr></thead><tbody>";
  for (const auto& o : r.objectives)
    s += "<tr><td>" + esc(c.t(o.objective)) + "</td><td>" + esc(c.t(o.capability)) + "</td><td class=\"nw\">" +
         rating_badge(c, o.rating) + "</td><td>" + c.say(o.evidence) + "</td></tr>";
  s += "</tbody></table><p class=\"caption\">" + esc(c.t("rating_explain")) + "</p>";
  s += "<h3>" + esc(c.t("aar_strengths")) + "</h3><ul>";
  for (const auto& f : r.strengths) s += "<li>" + c.say(f) + "</li>";
  s += "</ul><h3>" + esc(c.t("aar_areas")) + "</h3>";
  if (r.areas.empty()) s += "<p>" + esc(c.t("aar_no_areas")) + "</p>";
  int n = 0;
  for (const auto& a : r.areas) {
    s += "<div class=\"area\"><b>" + std::to_string(++n) + ". " + esc(c.t(a.objective)) + "</b><dl><dt>" + esc(c.t("aar_observation")) +
         "</dt><dd>" + c.say(a.observation) + "</dd><dt>" + esc(c.t("aar_analysis")) + "</dt><dd>" + c.say(a.analysis) +
         "</dd><dt>" + esc(c.t("aar_recommendation")) + "</dt><dd>" + c.say(a.recommendation) + "</dd></dl></div>";
  }
  if (!r.areas.empty()) {
    s += "<h3>" + esc(c.t("aar_plan")) + "</h3><table><thead><tr><th>" + esc(c.t("col_issue")) + "</th><th>" +
         esc(c.t("col_action")) + "</th><th>" + esc(c.t("col_owner")) + "</th><th>" + esc(c.t("col_due")) + "</th></tr></thead><tbody>";
    for (const auto& a : r.areas)
      s += "<tr><td>" + esc(c.t(a.objective)) + "</td><td>" + c.say(a.action) + "</td><td>" + esc(c.t(a.owner)) +
           "</td><td class=\"nw\">" + esc(a.due) + "</td></tr>";
    s += "</tbody></table>";
  }
  (void)d;
  return s + "</section>";
}

std::string decision_costs(const Ctx& c, const db::Debrief& d, const std::vector<db::DecisionCost>* costs) {
  std::string s = "<section><h2>" + esc(c.t("costs_title")) + "</h2>";
  if (d.facts.automatic && d.facts.trainee_commands == 0) {
    s += "<p class=\"caption\">" + esc(c.t("costs_auto")) + "</p>";
  } else if (!costs) {
    s += "<p class=\"caption\">" + esc(c.t("costs_not_weighed")) + "</p>";
  } else if (costs->empty()) {
    s += "<p class=\"caption\">" + esc(c.t("costs_none")) + "</p>";
  } else {
    const auto top = db::top_decisions(*costs, 10);
    s += "<p class=\"caption\">" + esc(fill(c.t("costs_caption"), {num(static_cast<double>(top.size())),
                                                                     num(static_cast<double>(costs->size()))})) + "</p><ul>";
    for (std::size_t i = 0; i < top.size() && i < 3; ++i) s += "<li>" + c.say(db::cost_sentence(top[i])) + "</li>";
    s += "</ul>";
    s += "<table class=\"costs\"><colgroup><col style=\"width:11%\"><col style=\"width:41%\"><col span=\"6\" style=\"width:8%\"></colgroup><thead><tr><th>" + esc(c.t("col_time")) + "</th><th>" + esc(c.t("col_decision")) + "</th><th class=\"n\">" +
         esc(c.t("col_saved_ch")) + "</th><th class=\"n\">" + esc(c.t("col_breaches")) + "</th><th class=\"n\">" +
         esc(c.t("col_imp_h")) + "</th><th class=\"n\">" + esc(c.t("complaints")) + "</th><th class=\"n\">" +
         esc(c.t("col_delay_cost")) + "</th></tr></thead><tbody>";
    auto signed_num = [](double v, int dec) { return (v > 0.5 ? "+" : "") + num(v, dec); };
    for (const auto& k : top)
      s += "<tr" + std::string(k.weight() < 0 ? " class=\"breached\"" : " class=\"met\"") + "><td class=\"nw\">" + when(c, k.hours) +
           "</td><td>" + c.say(k.what) + (k.accepted ? "" : " <span class=\"badge breached\">" + esc(c.t("refused")) + "</span>") +
           "</td><td class=\"n\">" + signed_num(k.saved.customer_minutes / 60.0, 0) +
           "</td><td class=\"n\">" + signed_num(-k.saved.breaches, 0) + "</td><td class=\"n\">" +
           signed_num(k.saved.important_minutes / 60.0, 1) + "</td><td class=\"n\">" + signed_num(-k.saved.complaints, 0) +
           "</td><td class=\"n\">" + signed_num(k.delay_cost.customer_minutes / 60.0, 0) + "</td></tr>";
    s += "</tbody></table><p class=\"caption\">" + esc(c.t("costs_explain")) + "</p>";
  }
  if (!d.calls.empty()) {
    s += "<h3>" + esc(c.t("calls_title")) + "</h3><table><thead><tr><th>" + esc(c.t("col_time")) + "</th><th>" + esc(c.t("col_call")) +
         "</th><th>" + esc(c.t("col_missed")) + "</th><th>" + esc(c.t("col_consequence")) + "</th></tr></thead><tbody>";
    for (const auto& call : d.calls) {
      std::string missed;
      for (const auto& m : call.missed) missed += (missed.empty() ? "" : "<br>") + c.say(m);
      s += "<tr><td class=\"nw\">" + when(c, call.hours) + "</td><td>" + c.say(call.caller) + "</td><td>" + missed + "</td><td>" +
           c.say(call.consequence) + "</td></tr>";
    }
    s += "</tbody></table>";
  }
  if (d.baseline && !d.facts.automatic) {
    s += "<h3>" + esc(c.t("gaps_title")) + "</h3>";
    if (d.later_than_baseline.empty()) {
      s += "<p class=\"caption\">" + esc(c.t("gaps_none")) + "</p>";
    } else {
      const std::size_t shown = std::min<std::size_t>(10, d.later_than_baseline.size());
      s += "<p class=\"caption\">" + esc(fill(c.t("rows_shown"), {num(static_cast<double>(shown)),
                                                                   num(static_cast<double>(d.later_than_baseline.size()))})) + "</p>";
      s += "<table><thead><tr><th>" + esc(c.t("col_outage_where")) + "</th><th class=\"n\">" + esc(c.t("col_customers")) +
           "</th><th class=\"n\">" + esc(c.t("col_later")) + "</th><th>" + esc(c.t("col_why")) + "</th></tr></thead><tbody>";
      for (std::size_t i = 0; i < shown; ++i) {
        const auto& g = d.later_than_baseline[i];
        const auto& r = d.outages[g.outage];
        s += "<tr><td>" + esc(c.t("cause_" + r.cause)) + " · " + c.say(r.feeder) + " " + c.say(r.place) + "</td><td class=\"n\">" +
             num(r.customers) + "</td><td class=\"n\">" + esc(c.duration_hours(g.later_h)) + "</td><td>" +
             c.say(db::finding("why_phase_" + g.why, {db::hours(g.why_h)})) + "</td></tr>";
      }
      s += "</tbody></table>";
    }
  }
  return s + "</section>";
}

std::string call_transcripts(const Ctx& c, const db::Debrief& d, std::size_t max_calls, const std::string& href) {
  std::vector<const db::CallReview*> answered;
  for (const db::CallReview& call : d.calls)
    if (!call.transcript_en.empty()) answered.push_back(&call);
  if (answered.empty()) return {};
  std::string s = "<h3>" + esc(c.t("transcripts_title")) + "</h3>";
  const std::size_t shown = std::min(max_calls, answered.size());
  for (std::size_t i = 0; i < shown; ++i)
    s += "<pre class=\"transcript\">" + esc(c.lang == "zh" ? answered[i]->transcript_zh : answered[i]->transcript_en) + "</pre>";
  if (shown < answered.size()) {
    s += "<p class=\"caption\">" + esc(fill(c.t("transcripts_more"), {std::to_string(shown), std::to_string(answered.size())}));
    if (!href.empty()) s += " <a href=\"" + esc(href) + "\">" + esc(c.t("appendix_link")) + "</a>";
    s += "</p>";
  }
  return s;
}

std::string outages(const Ctx& c, const db::Debrief& d, const std::string& href, std::size_t max_rows) {
  std::string s = "<section class=\"outages\"><h2>" + esc(c.t("outages_title")) + "</h2>";
  if (d.outages.empty()) return s + "<p class=\"nodata\">" + esc(c.t("outages_none")) + "</p></section>";
  if (!href.empty()) s += "<div class=\"fig\">" + outage_map(c, d) + "</div>";
  double total_cm = 0, imp_rows = 0;
  for (const auto& r : d.outages) {
    total_cm += r.customer_minutes();
    imp_rows += r.important.empty() ? 0 : 1;
  }
  const std::size_t shown = std::min(max_rows, d.outages.size());
  // The biggest outages, plus every one with an important customer behind it, up to max_rows.
  std::vector<const db::OutageRow*> rows;
  for (std::size_t i = 0; i < d.outages.size() && rows.size() < shown; ++i) rows.push_back(&d.outages[i]);
  double shown_cm = 0;
  for (const auto* r : rows) shown_cm += r->customer_minutes();
  std::string note = fill(c.t("outages_shown"), {num(static_cast<double>(rows.size())), num(static_cast<double>(d.outages.size())),
                                                 num(100.0 * shown_cm / std::max(1.0, total_cm), 0)});
  s += "<h3>" + esc(c.t("outages_table")) + "</h3><p class=\"caption\">" + esc(note);
  if (rows.size() < d.outages.size() && !href.empty())
    s += " <a href=\"" + esc(href) + "#outages\">" + esc(c.t("appendix_link")) + "</a>";
  s += "</p>";
  s += phase_legend(c);
  double scale = 0;
  for (const auto* r : rows) scale = std::max(scale, r->total_h());
  s += "<table class=\"outage\" id=\"outages\"><colgroup><col style=\"width:26%\"><col style=\"width:12%\"><col style=\"width:37%\"><col style=\"width:25%\"></colgroup><thead><tr><th>" + esc(c.t("col_outage_where")) + "</th><th class=\"num\">" +
       esc(c.t("col_customers")) + "</th><th>" + esc(c.t("col_times")) + "</th><th>" + esc(c.t("col_delay")) +
       "</th></tr></thead><tbody>";
  for (const auto* r : rows) {
    std::string imp;
    if (!r->important.empty()) {
      imp = "<br><span class=\"note imp\">" + esc(c.t("col_important")) + ": ";
      for (std::size_t i = 0; i < r->important.size() && i < 3; ++i) imp += (i ? (c.lang == "zh" ? "、" : ", ") : "") + c.name(r->important[i]);
      if (r->important.size() > 3) imp += " " + esc(fill(c.t("and_more"), {num(static_cast<double>(r->important.size() - 3))}));
      imp += "</span>";
    }
    std::string times = esc(c.t("t_occurred")) + " " + when(c, r->occurred_h);
    double prev = r->occurred_h;
    auto step = [&](const char* label, double h) {
      if (h < 0) return;
      times += " · " + esc(c.t(label)) + " " + when_after(c, h, prev);
      prev = h;
    };
    step("t_detected", r->detected_h);
    step("t_patrol", r->patrol_sent_h);
    step("t_found", r->found_h);
    step("t_assigned", r->assigned_h);
    if (!r->crew.empty() && r->assigned_h >= 0) times += " (" + esc(r->crew) + ")";
    step("t_arrived", r->arrived_h);
    if (r->restored) step("t_restored", r->restored_h);
    else times += " · " + esc(c.t("not_restored"));
    s += "<tr" + std::string(r->restored ? "" : " class=\"breached\"") + "><td><b>" + c.say(r->feeder) + "</b> " + c.say(r->place) +
         "<br><span class=\"note\">" + esc(c.t("cause_" + r->cause)) + " · " + esc(c.t(r->terrain)) + "</span>" + imp +
         "</td><td class=\"num\">" + num(r->customers) + "<br><span class=\"note\">" +
         num(r->customer_minutes() / 60.0) + "<br>" + esc(c.t("cust_h_short")) + "</span></td><td class=\"times\">" + times +
         "</td><td>" + split_bar(c, *r, scale) + "<br><span class=\"note\">" + esc(c.t("total")) + " " +
         esc(c.duration_hours(r->total_h())) + ": " + esc(split_text(c, *r)) + "</span></td></tr>";
  }
  s += "</tbody></table>" + c.more(d.outages.size() - rows.size());
  (void)imp_rows;
  return s + "</section>";
}

std::string decision_table(const Ctx& c, const db::Debrief& d, bool trainee_only, std::size_t max_rows, const std::string& href) {
  std::vector<const db::DecisionLine*> rows;
  std::size_t total = 0;
  for (const auto& line : d.decisions) {
    if (trainee_only && !line.by_trainee) continue;
    ++total;
    if (rows.size() < max_rows) rows.push_back(&line);
  }
  std::string s = "<h3 id=\"decisions\">" + esc(c.t(trainee_only ? "decisions_trainee" : "decisions_all")) + "</h3><p class=\"caption\">";
  if (trainee_only && total == 0) {
    if (d.decisions.size() > html::kAppendixRows)
      s += esc(fill(c.t("decisions_none_trainee_many"), {num(static_cast<double>(d.decisions.size())),
                                                         num(static_cast<double>(html::kAppendixRows))}));
    else
      s += esc(fill(c.t("decisions_none_trainee"), {num(static_cast<double>(d.decisions.size()))}));
  } else {
    s += esc(fill(c.t("rows_shown"), {num(static_cast<double>(rows.size())), num(static_cast<double>(total))}));
  }
  if (!href.empty()) s += " <a href=\"" + esc(href) + "#decisions\">" + esc(c.t("appendix_link")) + "</a>";
  else if (rows.size() < total) s += " " + esc(c.t("rest_in_details"));
  s += "</p>";
  if (rows.empty()) return s;
  s += "<table class=\"decisions\"><thead><tr><th>" + esc(c.t("col_time")) + "</th><th>" + esc(c.t("col_command")) + "</th><th>" +
       esc(c.t("col_by_whom")) + "</th><th>" + esc(c.t("col_outcome")) + "</th></tr></thead><tbody>";
  for (const auto* line : rows) {
    std::string outcome = "<span class=\"badge " + std::string(line->accepted ? "met" : "breached") + "\">" +
                          esc(c.t(line->accepted ? "accepted" : "refused")) + "</span>";
    if (!line->accepted && !line->reason.key.empty()) outcome += " <span class=\"note\">" + c.say(line->reason) + "</span>";
    s += "<tr" + std::string(line->by_trainee ? " class=\"trainee\"" : "") + "><td class=\"nw\">" + when(c, line->hours) +
         "</td><td>" + c.say(line->what) + "</td><td>" + esc(c.t(line->by_trainee ? "by_trainee" : "by_auto")) + "</td><td>" +
         outcome + "</td></tr>";
  }
  return s + "</tbody></table>" + c.more(total - rows.size());
}

}  // namespace fl::trainer::sections
