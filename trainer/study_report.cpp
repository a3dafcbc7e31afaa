#include "trainer/study_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "sim/hotline/erlang.h"

namespace fl::trainer {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string num(double v, int decimals) {
  if (std::isnan(v)) return "";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

/// Decimals that suit a value's magnitude (big counts need none, percentages one).
int decimals_for(double magnitude) {
  const double a = std::fabs(magnitude);
  if (a >= 1000) return 0;
  if (a >= 100) return 1;
  if (a >= 1) return 2;
  return 3;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string esc(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

/// Both languages; the page's switch shows one.
std::string t(const std::string& en, const std::string& zh) {
  return "<span class=\"en\">" + esc(en) + "</span><span class=\"zh\">" + esc(zh) + "</span>";
}

/// A complaint trigger's plain name in English and Chinese (the reason key itself when unknown).
std::pair<std::string, std::string> reason_names(const std::string& reason) {
  static const std::map<std::string, std::pair<std::string, std::string>> kNames = {
      {"called_in", {"called in to complain", "来电投诉"}},
      {"long_wait", {"long wait in the queue", "排队等待过长"}},
      {"abandoned_call", {"gave up waiting", "等待放弃"}},
      {"repeated_urging", {"urged an open repair order", "重复催办"}},
      {"arrival_late", {"crew late on site", "抢修到达超时"}},
      {"restore_late", {"restoration late", "复电超时"}},
      {"missed_etr", {"published restoration time missed", "预计复电时间未兑现"}}};
  const auto it = kNames.find(reason);
  if (it == kNames.end()) return {reason, reason};
  return it->second;
}

/// A complaint trigger in both languages with its key beneath (table headings).
std::string reason_label(const std::string& reason) {
  const auto [en, zh] = reason_names(reason);
  if (en == reason) return esc(reason);
  return t(en, zh) + "<br><span class=\"muted\">" + esc(reason) + "</span>";
}

/// `v` with its sign (+3.1, −0.8), `decimals` after the point.
std::string signed_num(double v, int decimals) {
  if (std::isnan(v)) return "";
  const std::string body = num(std::fabs(v), decimals);
  if (body == num(0.0, decimals)) return body;
  return (v > 0 ? "+" : "\u2212") + body;
}

std::vector<std::string> reported_keys(const StudyMeta& meta) {
  std::vector<std::string> keys = meta.kpis;
  if (keys.empty())
    for (const run::KpiInfo& k : run::kpi_catalogue())
      if (k.default_report) keys.push_back(k.key);
  return keys;
}

/// Nice tick step for a range, 1/2/5 × 10^k.
double tick_step(double span, int target) {
  if (!(span > 0)) return 1;
  const double raw = span / target;
  const double p = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * p >= raw) return m * p;
  return 10 * p;
}

std::string tick_label(double v, double step) {
  const int d = step >= 1 ? 0 : static_cast<int>(std::ceil(-std::log10(step)));
  if (std::fabs(v) >= 1e6) return num(v / 1e6, std::max(d - 6, 1)) + "M";
  if (std::fabs(v) >= 1e4) return num(v / 1e3, std::max(d - 3, 0)) + "k";
  return num(v, d);
}

/// A dot-and-interval chart, one row per variant; `zero_line` draws x = 0 (paired differences).
std::string interval_chart(const std::vector<std::string>& labels, const std::vector<run::Interval>& values,
                           std::uint32_t highlight, bool zero_line, bool skip_highlight, bool percent = false) {
  constexpr int kW = 440, kLeft = 150, kRight = 26, kRow = 20, kTop = 8, kAxis = 26;
  const int rows = static_cast<int>(labels.size());
  const int h = kTop + rows * kRow + kAxis;
  double lo = zero_line ? 0 : INFINITY, hi = zero_line ? 0 : -INFINITY;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (skip_highlight && i == highlight) continue;
    const run::Interval& v = values[i];
    if (std::isnan(v.mean)) continue;
    const double a = std::isnan(v.half_width) ? v.mean : v.lo(), b = std::isnan(v.half_width) ? v.mean : v.hi();
    lo = std::min(lo, a);
    hi = std::max(hi, b);
  }
  if (!std::isfinite(lo) || !std::isfinite(hi)) return "<p class=\"muted\">" + t("no data", "无数据") + "</p>";
  if (hi - lo < 1e-9) {
    const double pad = std::max(std::fabs(hi) * 0.05, 1.0);
    lo -= pad;
    hi += pad;
  }
  const double step = tick_step(hi - lo, 4);
  lo = std::floor(lo / step) * step;
  hi = std::ceil(hi / step) * step;
  if (!zero_line) lo = std::max(lo, 0.0);  // every KPI is >= 0, even where its interval is not
  if (percent) hi = std::min(hi, 100.0);    // nor can a share pass 100 %
  auto clampx = [&](double v) { return std::clamp(v, lo, hi); };
  auto x = [&](double v) { return kLeft + (v - lo) / (hi - lo) * (kW - kLeft - kRight); };
  std::string s = "<svg class=\"chart\" viewBox=\"0 0 " + std::to_string(kW) + " " + std::to_string(h) +
                  "\" width=\"" + std::to_string(kW) + "\" height=\"" + std::to_string(h) + "\" role=\"img\">";
  const int axis_y = kTop + rows * kRow;
  for (double v = lo; v <= hi + step * 0.01; v += step) {
    const double px = x(v);
    s += "<line x1=\"" + num(px, 1) + "\" x2=\"" + num(px, 1) + "\" y1=\"" + std::to_string(kTop) + "\" y2=\"" +
         std::to_string(axis_y) + "\" class=\"grid\"/>";
    s += "<text x=\"" + num(px, 1) + "\" y=\"" + std::to_string(axis_y + 16) + "\" class=\"tick\">" +
         tick_label(std::fabs(v) < step * 1e-6 ? 0.0 : v, step) + "</text>";
  }
  if (zero_line)
    s += "<line x1=\"" + num(x(0), 1) + "\" x2=\"" + num(x(0), 1) + "\" y1=\"" + std::to_string(kTop) + "\" y2=\"" +
         std::to_string(axis_y) + "\" class=\"zero\"/>";
  for (int i = 0; i < rows; ++i) {
    const double cy = kTop + i * kRow + kRow / 2.0;
    const bool hl = static_cast<std::uint32_t>(i) == highlight;
    s += "<text x=\"" + std::to_string(kLeft - 8) + "\" y=\"" + num(cy + 4, 1) + "\" class=\"label" +
         (hl ? " base" : "") + "\">" + esc(labels[i]) + "</text>";
    const run::Interval& v = values[i];
    if (std::isnan(v.mean) || (skip_highlight && hl)) continue;
    if (!std::isnan(v.half_width))
      s += "<line x1=\"" + num(x(clampx(v.lo())), 1) + "\" x2=\"" + num(x(clampx(v.hi())), 1) + "\" y1=\"" + num(cy, 1) + "\" y2=\"" +
           num(cy, 1) + "\" class=\"ci\"/>";
    s += "<circle cx=\"" + num(x(v.mean), 1) + "\" cy=\"" + num(cy, 1) + "\" r=\"4\" class=\"dot" + (hl ? " base" : "") +
         "\"><title>" + esc(labels[i]) + ": " + num(v.mean, decimals_for(v.mean)) +
         (std::isnan(v.half_width) ? "" : " ± " + num(v.half_width, decimals_for(v.half_width))) + "</title></circle>";
  }
  return s + "</svg>";
}

/// Service level per half-hour: simulated (solid) and Erlang C (dashed), 0–100 %.
std::string service_level_chart(const std::vector<HalfHourComparison>& rows, double hours) {
  constexpr int kW = 440, kH = 170, kLeft = 36, kRight = 10, kTop = 8, kBottom = 24;
  auto x = [&](double hh) { return kLeft + hh / std::max(hours, 0.5) * (kW - kLeft - kRight); };
  auto y = [&](double pct) { return kTop + (100.0 - pct) / 100.0 * (kH - kTop - kBottom); };
  std::string s = "<svg class=\"chart\" viewBox=\"0 0 " + std::to_string(kW) + " " + std::to_string(kH) + "\" width=\"" +
                  std::to_string(kW) + "\" height=\"" + std::to_string(kH) + "\" role=\"img\">";
  for (int p = 0; p <= 100; p += 25)
    s += "<line x1=\"" + std::to_string(kLeft) + "\" x2=\"" + std::to_string(kW - kRight) + "\" y1=\"" + num(y(p), 1) +
         "\" y2=\"" + num(y(p), 1) + "\" class=\"grid\"/><text x=\"" + std::to_string(kLeft - 4) + "\" y=\"" +
         num(y(p) + 4, 1) + "\" class=\"tick end\">" + std::to_string(p) + "</text>";
  for (int hh = 0; hh <= static_cast<int>(hours); hh += 12)
    s += "<text x=\"" + num(x(hh), 1) + "\" y=\"" + std::to_string(kH - 6) + "\" class=\"tick\">" + std::to_string(hh) +
         " h</text>";
  auto path = [&](bool erlang) {
    std::string d;
    bool pen = false;
    for (std::size_t k = 0; k < rows.size(); ++k) {
      const double v = erlang ? rows[k].erlang_c_pct : rows[k].simulated_pct;
      if (std::isnan(v)) {
        pen = false;
        continue;
      }
      d += (pen ? "L" : "M") + num(x(0.5 * static_cast<double>(k) + 0.25), 1) + " " + num(y(v), 1) + " ";
      pen = true;
    }
    return d;
  };
  s += "<path d=\"" + path(true) + "\" class=\"erlang\"/>";
  s += "<path d=\"" + path(false) + "\" class=\"sim\"/>";
  return s + "</svg>";
}

const char* kCss = R"(
body{font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei","Microsoft YaHei",system-ui,sans-serif;margin:0;color:#1b2733;background:#fff}
header{background:#0b4f71;color:#fff;padding:14px 28px}
header h1{margin:0;font-size:22px}
header p{margin:4px 0 0;opacity:.9}
.switch{float:right;margin-top:4px}
.switch label{cursor:pointer;border:1px solid #fff;padding:3px 10px;border-radius:3px;margin-left:6px}
#lang-en,#lang-zh{display:none}
#lang-en:checked~header label[for=lang-en],#lang-zh:checked~header label[for=lang-zh]{background:#fff;color:#0b4f71}
#lang-en:checked~main .zh,#lang-zh:checked~main .en,#lang-en:checked~header .zh,#lang-zh:checked~header .en{display:none}
main{padding:8px 28px 40px;max-width:1000px}
h2{font-size:18px;border-bottom:2px solid #0b4f71;padding-bottom:4px;margin-top:28px}
h3{font-size:15px;margin:18px 0 4px}
table{border-collapse:collapse;font-size:13px;margin:6px 0}
th,td{border:1px solid #c9d3dc;padding:3px 7px;text-align:right}
th:first-child,td:first-child,td.txt,th.txt{text-align:left}
td.txt{max-width:380px}
.wording{font-size:11px;color:#45525e}
dl.wording{display:grid;grid-template-columns:max-content 1fr;gap:2px 10px;max-width:900px}
dl.wording dt{font-weight:bold}
dl.wording dd{margin:0}
th.reason{font-weight:normal;font-size:12px;max-width:90px}
th{background:#eef3f7}
tr.base td{font-weight:bold}
.muted{color:#66737f;font-size:13px}
.pair{display:flex;gap:16px;flex-wrap:wrap}
.pair>div{flex:0 0 auto}
.small{font-size:12px;color:#45525e;margin:2px 0}
svg.chart{display:block}
svg .grid{stroke:#e3e8ec;stroke-width:1}
svg .zero{stroke:#8a96a1;stroke-width:1.2;stroke-dasharray:3 2}
svg .tick{font-size:10px;fill:#5b6770;text-anchor:middle}
svg .tick.end{text-anchor:end}
svg .label{font-size:11px;fill:#1b2733;text-anchor:end}
svg .label.base{font-weight:bold}
svg .ci{stroke:#0b6e99;stroke-width:2}
svg .dot{fill:#0b6e99}
svg .dot.base{fill:#c0392b}
svg .sim{fill:none;stroke:#0b6e99;stroke-width:1.6}
svg .erlang{fill:none;stroke:#c0392b;stroke-width:1.2;stroke-dasharray:4 3}
.grid2{display:grid;grid-template-columns:repeat(2,440px);gap:10px 20px}
.legend span.k{display:inline-block;width:22px;height:0;border-top:2px solid #0b6e99;vertical-align:middle;margin-right:4px}
.legend span.k.e{border-top:2px dashed #c0392b}
@media print{.switch{display:none}h2{break-after:avoid}.kpi{break-inside:avoid}.grid2>div{break-inside:avoid}}
)";

}  // namespace

namespace {

/// Why complaints moved, from the runs: for each variant whose paired complaint difference from the
/// baseline is clear of zero, the triggers that rose and fell most (paired means per run) and,
/// where the clock-judged triggers rose with the calls answered, the mechanism in words.
std::string complaints_explained(const StudyMeta& meta, const std::vector<StoredVariant>& variants,
                                 const std::vector<run::RunRecord>& runs,
                                 const std::vector<std::array<run::KpiSummary, run::kKpiCount>>& summary) {
  // reason -> variant -> replication -> count (a run without a reason counts 0 for it).
  std::map<std::string, std::map<std::uint32_t, std::map<std::uint32_t, double>>> counts;
  std::map<std::uint32_t, std::set<std::uint32_t>> reps_of;
  for (const run::RunRecord& r : runs) {
    reps_of[r.variant].insert(r.replication);
    for (const auto& [reason, count] : r.complaints_by_reason) counts[reason][r.variant][r.replication] += count;
  }
  const auto& base_reps = reps_of[meta.baseline];
  std::string items;
  for (std::uint32_t v = 0; v < variants.size() && v < summary.size(); ++v) {
    if (v == meta.baseline) continue;
    const run::Interval& d = summary[v][static_cast<std::size_t>(run::Kpi::kComplaints)].paired_difference;
    if (d.n < 2 || std::isnan(d.half_width) || (d.lo() <= 0 && d.hi() >= 0)) continue;
    std::vector<std::pair<double, std::string>> moves;  // paired mean difference per reason
    for (auto& [reason, by_variant] : counts) {
      double sum = 0;
      std::size_t n = 0;
      for (std::uint32_t rep : reps_of[v]) {
        if (!base_reps.count(rep)) continue;
        sum += by_variant[v][rep] - by_variant[meta.baseline][rep];
        ++n;
      }
      if (n) moves.emplace_back(sum / static_cast<double>(n), reason);
    }
    std::sort(moves.begin(), moves.end());
    auto list = [&](bool rising) {
      std::string en, zh;
      int shown = 0;
      for (std::size_t i = 0; i < moves.size() && shown < 2; ++i) {
        const auto& [delta, reason] = rising ? moves[moves.size() - 1 - i] : moves[i];
        if (rising ? delta < 0.05 : delta > -0.05) break;
        const auto [name_en, name_zh] = reason_names(reason);
        en += std::string(shown ? ", " : "") + name_en + " " + signed_num(delta, 1);
        zh += std::string(shown ? "，" : "") + name_zh + " " + signed_num(delta, 1);
        ++shown;
      }
      return std::make_pair(en, zh);
    };
    const auto [rose_en, rose_zh] = list(true);
    const auto [fell_en, fell_zh] = list(false);
    double clocked = 0, abandoned = 0;
    for (const auto& [delta, reason] : moves) {
      if (reason == "arrival_late" || reason == "restore_late") clocked += delta;
      if (reason == "abandoned_call" || reason == "long_wait") abandoned += delta;
    }
    const double answered = summary[v][static_cast<std::size_t>(run::Kpi::kCallsAnswered)].paired_difference.mean;
    std::string en = variants[v].id + ": complaints " + signed_num(d.mean, 1) + " per run (95 % interval " +
                     signed_num(d.lo(), 1) + " to " + signed_num(d.hi(), 1) + ").";
    std::string zh = variants[v].id + "：投诉每次运行 " + signed_num(d.mean, 1) + " 件（95% 区间 " + signed_num(d.lo(), 1) +
                     " 至 " + signed_num(d.hi(), 1) + "）。";
    if (!rose_en.empty()) en += " Rose most: " + rose_en + ".", zh += "增加最多：" + rose_zh + "。";
    if (!fell_en.empty()) en += " Fell most: " + fell_en + ".", zh += "减少最多：" + fell_zh + "。";
    const std::string top_rising = !moves.empty() && moves.back().first >= 0.05 ? moves.back().second : "";
    const bool field_reason = top_rising == "arrival_late" || top_rising == "restore_late" || top_rising == "missed_etr";
    if (d.mean > 0 && clocked > 0 && answered >= 1)
      en += " It answered " + num(answered, 0) + " more calls per run. An answered outage call opens or urges a "
            "repair order, and the order's arrival and restoration clocks then judge a late crew; a caller who "
            "gives up holds no order, so the commitments never judge that wait. Answering more callers turns "
            "those who would have given up into order holders: crew lateness then shows as complaints.",
      zh += "每次运行多接通 " + num(answered, 0) + " 个来电。接通的停电来电会新建或催办报修工单，工单的到达与复电时限随即"
            "考核迟到的抢修队伍；放弃的来电没有工单，承诺不考核其等待。接通更多来电，原本会放弃的客户就成为工单"
            "持有人，抢修迟到因而表现为投诉。";
    else if (d.mean > 0 && field_reason)
      en += " Calls answered per run: " + signed_num(answered, 0) + "; the rise comes from crews later against "
            "the repair orders' clocks and the published restoration times.",
      zh += "每次运行接通来电变化 " + signed_num(answered, 0) + " 个；增加来自抢修队伍晚于工单时限和发布的预计复电时间。";
    else if (d.mean < 0 && clocked < 0)
      en += " Crews met the repair orders' clocks more often.", zh += "抢修队伍更多地按工单时限到达和复电。";
    else if (d.mean < 0 && abandoned < 0)
      en += " Fewer callers gave up or waited too long.", zh += "放弃或久等的来电减少。";
    items += "<li>" + t(en, zh) + "</li>";
  }
  if (items.empty()) return {};
  return "<h3>" + t("Why complaints moved", "投诉变化的原因") + "</h3><p class=\"small\">" +
         t("Variants whose paired difference in complaints is clear of zero; trigger changes are paired means per run.",
           "仅列出投诉配对差值区间不含零的方案；诱因变化为每次运行的配对平均。") +
         "</p><ul class=\"why\">" + items + "</ul>";
}

}  // namespace

std::vector<HalfHourComparison> compare_with_erlang(const StudyMeta& meta, const std::vector<run::RunRecord>& runs,
                                                    std::uint32_t v) {
  std::vector<HalfHourComparison> out;
  std::vector<double> within, to_agents;
  std::vector<int> agents;
  std::size_t n = 0;
  for (const run::RunRecord& r : runs) {
    if (r.variant != v) continue;
    ++n;
    if (out.size() < r.intervals.size()) {
      out.resize(r.intervals.size());
      within.resize(r.intervals.size(), 0);
      to_agents.resize(r.intervals.size(), 0);
      agents.resize(r.intervals.size(), 0);
    }
    for (std::size_t k = 0; k < r.intervals.size(); ++k) {
      within[k] += static_cast<double>(r.intervals[k].within_sl);
      to_agents[k] += static_cast<double>(r.intervals[k].to_agents());
      agents[k] = r.intervals[k].agents;
    }
  }
  for (std::size_t k = 0; k < out.size(); ++k) {
    HalfHourComparison& c = out[k];
    c.calls = n ? to_agents[k] / static_cast<double>(n) : 0;
    c.agents = agents[k];
    if (to_agents[k] > 0) c.simulated_pct = 100.0 * within[k] / to_agents[k];
    if (c.calls > 0 && agents[k] > 0 && meta.forecast.aht_s > 0) {
      const hotline::QueueFigures f = hotline::erlang_c(c.calls / 1800.0, meta.forecast.aht_s, agents[k], meta.service_level_s);
      c.erlang_c_pct = 100.0 * (std::isfinite(f.asa_s) ? f.service_level : 0.0);
    }
  }
  return out;
}

std::string render_summary_csv(const StudyMeta& meta, const std::vector<StoredVariant>& variants,
                               const std::vector<run::RunRecord>& runs) {
  const auto summary = run::summarise(runs, variants.size(), meta.baseline);
  const std::vector<std::string> reported = reported_keys(meta);
  std::string out =
      "variant,variant_id,variant_name_en,variant_name_zh,baseline,kpi,reported,unit,runs,mean,ci95_low,ci95_high,"
      "pairs,diff_vs_baseline,diff_ci95_low,diff_ci95_high\n";
  auto full = [](double v) {
    if (std::isnan(v)) return std::string();
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return std::string(buf);
  };
  for (std::size_t v = 0; v < variants.size(); ++v)
    for (const run::KpiInfo& k : run::kpi_catalogue()) {
      const run::KpiSummary& s = summary[v][static_cast<std::size_t>(k.kpi)];
      const bool rep = std::find(reported.begin(), reported.end(), k.key) != reported.end();
      out += std::to_string(v) + "," + csv_field(variants[v].id) + "," + csv_field(variants[v].name_en) + "," +
             csv_field(variants[v].name_zh) + "," + (v == meta.baseline ? "1" : "0") + "," + k.key + "," + (rep ? "1" : "0") +
             "," + k.unit + "," + std::to_string(s.value.n) + "," + full(s.value.mean) + "," + full(s.value.lo()) + "," +
             full(s.value.hi()) + "," + std::to_string(s.paired_difference.n) + "," + full(s.paired_difference.mean) + "," +
             full(s.paired_difference.lo()) + "," + full(s.paired_difference.hi()) + "\n";
    }
  return out;
}

std::string render_study_html(const StudyMeta& meta, const std::vector<StoredVariant>& variants,
                              const std::vector<run::RunRecord>& runs, const std::string& language) {
  const auto summary = run::summarise(runs, variants.size(), meta.baseline);
  const bool zh = language == "zh";
  std::vector<std::string> labels;
  for (const StoredVariant& v : variants) labels.push_back(v.id);
  const std::string base_id = meta.baseline < variants.size() ? variants[meta.baseline].id : "";
  std::size_t replications_done = 0;
  {
    std::set<std::uint32_t> reps;
    for (const run::RunRecord& r : runs) reps.insert(r.replication);
    replications_done = reps.size();
  }
  double hours = 0;
  for (const run::RunRecord& r : runs) hours = std::max(hours, 0.5 * static_cast<double>(r.intervals.size()));

  std::string h = "<!doctype html>\n<html lang=\"" + std::string(zh ? "zh-CN" : "en") +
                  "\"><head><meta charset=\"utf-8\"><title>" + esc(zh ? meta.plan_name_zh : meta.plan_name_en) +
                  "</title><style>" + kCss + "</style></head><body>";
  h += std::string("<input type=\"radio\" name=\"lang\" id=\"lang-en\"") + (zh ? "" : " checked") +
       "><input type=\"radio\" name=\"lang\" id=\"lang-zh\"" + (zh ? " checked" : "") + ">";
  h += "<header><div class=\"switch\"><label for=\"lang-zh\">中文</label><label for=\"lang-en\">English</label></div><h1>" +
       t("Staffing study: " + meta.plan_name_en, "排班方案比选：" + meta.plan_name_zh) + "</h1><p>" +
       t("Scenario " + meta.scenario + " · " + std::to_string(variants.size()) + " variants · " +
             std::to_string(runs.size()) + " runs stored (" + std::to_string(replications_done) + " of " +
             std::to_string(meta.replications) + " replications) · baseline " + base_id,
         "场景 " + meta.scenario + " · " + std::to_string(variants.size()) + " 个方案 · 已完成 " + std::to_string(runs.size()) +
             " 次运行（" + std::to_string(replications_done) + "/" + std::to_string(meta.replications) + " 组重复）· 基准方案 " +
             base_id) +
       "</p></header><main>";

  h += "<p class=\"muted\">" +
       t("Every variant's replication r sees the same storm, damage and callers (common random numbers), so the "
         "paired differences isolate what the variant changes. Intervals are 95 % Student-t confidence intervals over "
         "replications.",
         "各方案的第 r 组重复使用相同的台风、受损和来电（公共随机数），因此配对差值只反映方案本身的影响。区间为按重复组计算的 "
         "95% 置信区间（t 分布）。") +
       "</p>";

  // Variants and their cost.
  h += "<h2>" + t("Variants and cost", "方案与成本") + "</h2><table><tr><th>" + t("Variant", "方案") + "</th><th class=\"txt\">" +
       t("Description", "说明") + "</th><th>" + t("Agent-hours", "座席工时") + "</th><th>" + t("Crews", "抢修队伍") +
       "</th><th>" + t("Mutual-aid crews", "支援队伍") + "</th><th>" + t("Crew-hours worked", "抢修工时") + "</th><th>" +
       t("Runs", "运行次数") + "</th></tr>";
  for (std::size_t v = 0; v < variants.size(); ++v) {
    const auto& crew = summary[v][static_cast<std::size_t>(run::Kpi::kCrewHours)].value;
    h += std::string("<tr") + (v == meta.baseline ? " class=\"base\"" : "") + "><td>" + esc(variants[v].id) + "</td><td class=\"txt\">" +
         t(variants[v].name_en, variants[v].name_zh) + "</td><td>" + num(variants[v].agent_hours, 0) + "</td><td>" +
         std::to_string(variants[v].crews_total) + "</td><td>" + std::to_string(variants[v].aid_crews) + "</td><td>" +
         num(crew.mean, 0) + (std::isnan(crew.half_width) ? "" : " ± " + num(crew.half_width, 0)) + "</td><td>" +
         std::to_string(crew.n) + "</td></tr>";
  }
  h += "</table>";

  // KPIs.
  h += "<h2>" + t("Key figures per variant", "各方案关键指标") + "</h2><p class=\"small\">" +
       t("Left: mean with its 95 % interval (baseline in red). Right: the paired difference from the baseline; an "
         "interval clear of the dashed zero line is a real difference.",
         "左：均值及 95% 置信区间（红点为基准方案）。右：与基准方案的配对差值；区间不跨越虚线零线即为显著差异。") +
       "</p>";
  for (const std::string& key : reported_keys(meta)) {
    const run::KpiInfo* info = run::find_kpi(key);
    if (!info) continue;
    std::vector<run::Interval> values, diffs;
    for (std::size_t v = 0; v < variants.size(); ++v) {
      values.push_back(summary[v][static_cast<std::size_t>(info->kpi)].value);
      diffs.push_back(summary[v][static_cast<std::size_t>(info->kpi)].paired_difference);
    }
    const std::string unit = *info->unit ? std::string(" (") + info->unit + ")" : "";
    const std::string better_en = info->higher_is_better ? "higher is better" : "lower is better";
    const std::string better_zh = info->higher_is_better ? "越高越好" : "越低越好";
    h += "<div class=\"kpi\"><h3>" + t(std::string(info->en) + unit, std::string(info->zh) + unit) +
         " <span class=\"muted\">" + t(better_en, better_zh) + "</span></h3><div class=\"pair\"><div><p class=\"small\">" +
         t("mean and 95 % interval", "均值及 95% 置信区间") + "</p>" +
         interval_chart(labels, values, meta.baseline, false, false, std::string(info->unit) == "%") + "</div><div><p class=\"small\">" + t("difference from " + base_id + " (paired)", "与 " + base_id + " 的配对差值") +
         "</p>" + interval_chart(labels, diffs, meta.baseline, true, true) + "</div></div></div>";
  }

  // Commitments.
  std::vector<std::string> commitment_ids;
  std::map<std::string, std::vector<std::pair<int, int>>> met;  // id -> per variant (met, measured)
  for (const run::RunRecord& r : runs)
    for (const run::CommitmentRecord& c : r.commitments) {
      if (c.met < 0) continue;
      auto& row = met[c.id];
      if (row.empty()) {
        row.assign(variants.size(), {0, 0});
        commitment_ids.push_back(c.id);
      }
      if (r.variant < row.size()) {
        row[r.variant].first += c.met;
        row[r.variant].second += 1;
      }
    }
  h += "<h2>" + t("Share of runs meeting each commitment", "各项服务承诺的达标率（按运行次数）") + "</h2>";
  if (commitment_ids.empty()) {
    h += "<p class=\"muted\">" + t("No commitment was measured.", "没有可测的服务承诺。") + "</p>";
  } else {
    // Variants down the side, commitments across: a study may have many variants, few commitments.
    h += "<table><tr><th>" + t("Variant", "方案") + "</th>";
    for (const std::string& id : commitment_ids) h += "<th>" + esc(id) + "</th>";
    h += "</tr>";
    for (std::size_t v = 0; v < variants.size(); ++v) {
      h += std::string("<tr") + (v == meta.baseline ? " class=\"base\"" : "") + "><td>" + esc(variants[v].id) + "</td>";
      for (const std::string& id : commitment_ids) {
        const auto& [m, n] = met[id][v];
        h += "<td>" + (n ? num(100.0 * m / n, 0) + " %" : std::string("–")) + "</td>";
      }
      h += "</tr>";
    }
    h += "</table><dl class=\"wording\">";
    for (const std::string& id : commitment_ids)
      for (const auto& [cid, text_en, text_zh] : meta.commitment_texts)
        if (cid == id) h += "<dt>" + esc(id) + "</dt><dd>" + t(text_en, text_zh) + "</dd>";
    h += "</dl>";
  }

  // Complaints by reason: why complaints move.
  std::map<std::string, std::vector<double>> by_reason;
  std::vector<std::size_t> runs_of(variants.size(), 0);
  for (const run::RunRecord& r : runs) {
    if (r.variant < runs_of.size()) ++runs_of[r.variant];
    for (const auto& [reason, count] : r.complaints_by_reason) {
      auto& row = by_reason[reason];
      row.resize(variants.size(), 0);
      if (r.variant < row.size()) row[r.variant] += count;
    }
  }
  h += "<h2>" + t("Complaints by what set them off (mean per run)", "投诉诱因（每次运行平均件数）") + "</h2><table><tr><th>" +
       t("Variant", "方案") + "</th>";
  for (const auto& [reason, row] : by_reason) h += "<th class=\"reason\">" + reason_label(reason) + "</th>";
  h += "</tr>";
  for (std::size_t v = 0; v < variants.size(); ++v) {
    h += std::string("<tr") + (v == meta.baseline ? " class=\"base\"" : "") + "><td>" + esc(variants[v].id) + "</td>";
    for (const auto& [reason, row] : by_reason)
      h += "<td>" + (runs_of[v] ? num(row[v] / static_cast<double>(runs_of[v]), 1) : "") + "</td>";
    h += "</tr>";
  }
  h += "</table><p class=\"small\">" +
       t("called_in: complaint calls that reached an agent; long_wait / abandoned_call: the queue; repeated_urging: "
         "repeat calls on an open repair order; arrival_late / restore_late: repair orders past their clock; "
         "missed_etr: a published restoration time passed.",
         "called_in：接通的投诉来电；long_wait / abandoned_call：排队过久或放弃；repeated_urging：报修工单未完成时的重复催办；"
         "arrival_late / restore_late：报修工单超时限；missed_etr：发布的预计复电时间已过。") +
       "</p>";

  h += complaints_explained(meta, variants, runs, summary);

  // Service level per half-hour beside Erlang C.
  h += "<h2>" + t("Service level per half-hour beside Erlang C", "各半小时服务水平与 Erlang C 预测") + "</h2><p class=\"small legend\">" +
       "<span class=\"k\"></span>" + t("simulated (pooled over runs)", "仿真（各次运行合并）") + " &nbsp; <span class=\"k e\"></span>" +
       t("Erlang C for the same agents and mean calls, AHT " + num(meta.forecast.aht_s, 0) + " s, within " +
             num(meta.service_level_s, 0) + " s",
         "相同在线座席与平均来电量下的 Erlang C 预测，平均处理时长 " + num(meta.forecast.aht_s, 0) + " 秒，" +
             num(meta.service_level_s, 0) + " 秒内接通") +
       "</p><p class=\"small\">" +
       t("Erlang C has no abandonment, so it is pessimistic when callers hang up (those calls free the queue); the "
         "queue also carries over between half-hours, which a steady-state formula ignores.",
         "Erlang C 不考虑放弃呼叫，客户挂机会缩短队列，因此其预测偏保守；队列还会跨半小时累积，稳态公式无法反映。") +
       "</p><div class=\"grid2\">";
  for (std::uint32_t v = 0; v < variants.size(); ++v) {
    h += "<div><p class=\"small\"><b>" + esc(variants[v].id) + "</b> " + t(variants[v].name_en, variants[v].name_zh) + "</p>" +
         service_level_chart(compare_with_erlang(meta, runs, v), hours) + "</div>";
  }
  h += "</div>";
  if (!meta.forecast.calls_per_half_hour.empty())
    h += "<p class=\"small\">" +
         t("Erlang seats were computed from a forecast of calls reaching agents" +
               (meta.forecast.pilot_runs ? " (mean of " + std::to_string(meta.forecast.pilot_runs) +
                                               " pilot runs of the base scenario with their own seeds)"
                                         : std::string(" given in the plan")) +
               ".",
           "Erlang 排班依据到达人工座席的来电预测" +
               (meta.forecast.pilot_runs ? "（基准场景 " + std::to_string(meta.forecast.pilot_runs) + " 次试运行的平均，种子与正式运行不同）"
                                         : std::string("（方案文件给定）")) +
               "。") +
         "</p>";
  h += "</main></body></html>\n";
  return h;
}

}  // namespace fl::trainer
