#include "trainer/report.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "sim/core/calendar.h"
#include "sim/run/details.h"
#include "trainer/records_db.h"
#include "trainer/headless.h"
#include "trainer/report_html.h"
#include "trainer/report_strings.h"

namespace fl::trainer {

namespace {

using Value = rapidjson::Value;

using html::esc;
using html::f1;
using html::fill;
using html::num;
using html::num_auto;
using Ctx = html::Ctx;

const Value* member(const Value& obj, const char* key) {
  if (!obj.IsObject()) return nullptr;
  const auto it = obj.FindMember(key);
  return it == obj.MemberEnd() ? nullptr : &it->value;
}
std::optional<double> number(const Value& obj, const char* key) {
  const Value* v = member(obj, key);
  if (!v || !v->IsNumber()) return std::nullopt;
  return v->GetDouble();
}
/// The first of several accepted key spellings that holds a number.
std::optional<double> number_any(const Value& obj, std::initializer_list<const char*> keys) {
  for (const char* k : keys)
    if (auto v = number(obj, k)) return v;
  return std::nullopt;
}
std::string text(const Value& obj, const char* key) {
  const Value* v = member(obj, key);
  if (!v) return {};
  if (v->IsString()) return v->GetString();
  if (v->IsUint64()) return std::to_string(v->GetUint64());
  if (v->IsInt64()) return std::to_string(v->GetInt64());
  if (v->IsNumber()) return num_auto(v->GetDouble());
  return {};
}
std::string text_any(const Value& obj, std::initializer_list<const char*> keys) {
  for (const char* k : keys) {
    std::string s = text(obj, k);
    if (!s.empty()) return s;
  }
  return {};
}
const Value* array(const Value& obj, const char* key) {
  const Value* v = member(obj, key);
  return v && v->IsArray() ? v : nullptr;
}
/// Service levels may come as fractions or percentages; the report shows percentages.
double as_pct(double v) { return v <= 1.0 + 1e-9 ? 100.0 * v : v; }

// ---- charts -----------------------------------------------------------------------------------

/// Nice tick step for a range.
double nice_step(double range, int target_ticks) {
  if (range <= 0) return 1;
  const double raw = range / target_ticks;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  const double norm = raw / mag;
  const double nice = norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10;
  return nice * mag;
}
double hour_step(double range_h) {
  for (double s : {1.0, 2.0, 3.0, 6.0, 12.0, 24.0, 48.0})
    if (range_h / s <= 12) return s;
  return 96.0;
}

/// A plot area mapping hours (x) and values (y) to SVG pixels.
struct Plot {
  double width = 960, height = 250;
  double left = 64, right = 56, top = 16, bottom = 44;
  double x0 = 0, x1 = 1, y0 = 0, y1 = 1;
  double px(double x) const { return left + (x - x0) / (x1 - x0) * (width - left - right); }
  double py(double y) const { return height - bottom - (y - y0) / (y1 - y0) * (height - top - bottom); }
  double inner_w() const { return width - left - right; }
  double inner_h() const { return height - top - bottom; }
};

/// Opens a chart; `points` is how many data values it draws (tests and readers can check it).
std::string svg_open(const Plot& p, const std::string& label, std::size_t points) {
  return "<svg class=\"chart\" data-points=\"" + std::to_string(points) + "\" role=\"img\" aria-label=\"" + esc(label) +
         "\" viewBox=\"0 0 " + num(p.width) + " " +
         num(p.height) + "\" preserveAspectRatio=\"xMidYMid meet\" xmlns=\"http://www.w3.org/2000/svg\">";
}

/// X axis in local time with day changes marked, and horizontal grid lines for y.
std::string axes(const Plot& p, const Ctx& c, bool y_grid = true, const std::string& y_suffix = "") {
  std::string s;
  s += "<rect class=\"frame\" x=\"" + f1(p.left) + "\" y=\"" + f1(p.top) + "\" width=\"" + f1(p.inner_w()) +
       "\" height=\"" + f1(p.inner_h()) + "\"/>";
  const double step = hour_step(p.x1 - p.x0);
  for (double h = std::ceil(p.x0 / step) * step; h <= p.x1 + 1e-9; h += step) {
    const double x = p.px(h);
    s += "<line class=\"grid\" x1=\"" + f1(x) + "\" y1=\"" + f1(p.top) + "\" x2=\"" + f1(x) + "\" y2=\"" +
         f1(p.height - p.bottom) + "\"/>";
    const std::string label = c.clock(h);
    const std::string date = label.size() > 6 ? label.substr(0, label.size() - 6) : "";
    const std::string time = label.size() > 6 ? label.substr(label.size() - 5) : label;
    s += "<text class=\"tick\" x=\"" + f1(x) + "\" y=\"" + f1(p.height - p.bottom + 16) + "\" text-anchor=\"middle\">" +
         esc(time) + "</text>";
    if (!date.empty())
      s += "<text class=\"tick date\" x=\"" + f1(x) + "\" y=\"" + f1(p.height - p.bottom + 30) +
           "\" text-anchor=\"middle\">" + esc(date) + "</text>";
  }
  if (y_grid) {
    const double ystep = nice_step(p.y1 - p.y0, 5);
    for (double v = std::ceil(p.y0 / ystep) * ystep; v <= p.y1 + 1e-9; v += ystep) {
      const double y = p.py(v);
      s += "<line class=\"grid\" x1=\"" + f1(p.left) + "\" y1=\"" + f1(y) + "\" x2=\"" + f1(p.width - p.right) +
           "\" y2=\"" + f1(y) + "\"/>";
      s += "<text class=\"tick\" x=\"" + f1(p.left - 6) + "\" y=\"" + f1(y + 4) + "\" text-anchor=\"end\">" +
           num_auto(v) + y_suffix + "</text>";
    }
  }
  return s;
}

std::string no_data(const Ctx& c, const char* what_key) {
  return "<p class=\"nodata\">" + esc(fill(c.t("no_data"), {c.t(what_key)})) + "</p>";
}

std::string legend(const std::vector<std::pair<std::string, std::string>>& items) {
  std::string s = "<div class=\"legend\">";
  for (const auto& [css, label] : items)
    s += "<span><i class=\"sw " + css + "\"></i>" + esc(label) + "</span>";
  return s + "</div>";
}

std::string warning_class(const std::string& level) {
  if (level == "blue" || level == "yellow" || level == "orange" || level == "red") return level;
  return {};
}

/// Chart 1: customers out, warning bands, landfall.
std::string chart_customers_out(const Value& root, const Ctx& c) {
  std::vector<std::pair<double, double>> pts;
  if (const Value* curve = array(root, "restoration_curve")) {
    for (const auto& p : curve->GetArray()) {
      if (p.IsArray() && p.Size() >= 2 && p[0].IsNumber() && p[1].IsNumber())
        pts.emplace_back(p[0].GetDouble(), p[1].GetDouble());
      else if (p.IsObject()) {
        auto h = number_any(p, {"hours", "t_h"});
        auto o = number_any(p, {"customers_out", "out"});
        if (h && o) pts.emplace_back(*h, *o);
      }
    }
  }
  std::string s = "<h3>" + esc(c.t("chart_out")) + "</h3>";
  if (pts.empty()) return s + no_data(c, "nd_curve");
  Plot p;
  p.x0 = 0;
  p.x1 = c.view_hours > 0 ? c.view_hours : std::max(c.end_hours, pts.back().first);
  std::erase_if(pts, [&](const auto& pt) { return pt.first > p.x1; });
  if (pts.empty()) return s + no_data(c, "nd_curve");
  if (p.x1 <= p.x0) p.x1 = p.x0 + 1;
  double peak = 0;
  for (const auto& [h, o] : pts) peak = std::max(peak, o);
  p.y1 = peak > 0 ? peak * 1.08 : 1;
  s += svg_open(p, c.t("chart_out"), pts.size());
  // Warning bands from the storm's level changes.
  std::vector<std::string> seen_levels;
  if (const Value* storm = member(root, "storm")) {
    if (const Value* wt = array(*storm, "warning_timeline")) {
      std::vector<std::pair<double, std::string>> changes;
      for (const auto& e : wt->GetArray()) {
        if (e.IsArray() && e.Size() >= 2 && e[0].IsNumber() && e[1].IsString())
          changes.emplace_back(e[0].GetDouble(), e[1].GetString());
        else if (e.IsObject()) {
          auto h = number_any(e, {"hours", "start_hours", "t_h", "time_h"});
          std::string level = text(e, "level");
          if (h) changes.emplace_back(*h, level);
        }
      }
      for (std::size_t i = 0; i < changes.size(); ++i) {
        const std::string css = warning_class(changes[i].second);
        if (css.empty()) continue;
        const double a = std::clamp(changes[i].first, p.x0, p.x1);
        const double b = i + 1 < changes.size() ? std::clamp(changes[i + 1].first, p.x0, p.x1) : p.x1;
        if (b <= a) continue;
        s += "<rect class=\"band " + css + "\" x=\"" + f1(p.px(a)) + "\" y=\"" + f1(p.top) + "\" width=\"" +
             f1(p.px(b) - p.px(a)) + "\" height=\"" + f1(p.inner_h()) + "\"/>";
        if (std::find(seen_levels.begin(), seen_levels.end(), css) == seen_levels.end()) seen_levels.push_back(css);
      }
    }
  }
  s += axes(p, c);
  std::string d;
  for (std::size_t i = 0; i < pts.size(); ++i) {
    d += (i == 0 ? "M" : "L") + f1(p.px(pts[i].first)) + "," + f1(p.py(pts[i].second));
  }
  std::string area = d + "L" + f1(p.px(pts.back().first)) + "," + f1(p.py(0)) + "L" + f1(p.px(pts.front().first)) +
                     "," + f1(p.py(0)) + "Z";
  s += "<path class=\"d area\" d=\"" + area + "\"/>";
  s += "<path class=\"d line out\" d=\"" + d + "\"/>";
  std::optional<double> landfall;
  if (const Value* storm = member(root, "storm")) landfall = number(*storm, "landfall_hours");
  if (landfall && *landfall >= p.x0 && *landfall <= p.x1) {
    const double x = p.px(*landfall);
    s += "<line class=\"landfall\" x1=\"" + f1(x) + "\" y1=\"" + f1(p.top) + "\" x2=\"" + f1(x) + "\" y2=\"" +
         f1(p.height - p.bottom) + "\"/>";
    s += "<text class=\"tag\" x=\"" + f1(x + 4) + "\" y=\"" + f1(p.top + 12) + "\">" + esc(c.t("landfall")) + " " +
         esc(c.clock(*landfall)) + "</text>";
  }
  s += "</svg>";
  std::vector<std::pair<std::string, std::string>> items = {{"out", c.t("chart_out")}};
  for (const std::string& level : seen_levels) items.emplace_back("band " + level, c.t("warning_" + level));
  if (landfall) items.emplace_back("landfall-sw", c.t("landfall"));
  s += legend(items);
  return s + "<p class=\"caption\">" + esc(c.t("chart_out_caption")) + "</p>";
}

/// Chart 2: hotline per half-hour.
std::string chart_hotline(const Value& root, const Ctx& c) {
  std::string s = "<h3>" + esc(c.t("chart_hotline")) + "</h3>";
  const Value* hotline = member(root, "hotline");
  const Value* intervals = hotline ? array(*hotline, "intervals") : nullptr;
  struct Iv {
    double h, offered, answered, abandoned;
    std::optional<double> sl;
  };
  std::vector<Iv> ivs;
  if (intervals) {
    double index = 0;
    for (const auto& v : intervals->GetArray()) {
      Iv iv{};
      iv.h = number_any(v, {"start_hours", "hours"}).value_or(index * 0.5);
      iv.offered = number(v, "offered").value_or(0);
      iv.answered = number(v, "answered").value_or(0);
      iv.abandoned = number(v, "abandoned").value_or(0);
      if (auto sl = number(v, "service_level_20s")) iv.sl = as_pct(*sl);
      ivs.push_back(iv);
      index += 1;
    }
  }
  bool any = false;
  for (const Iv& iv : ivs) any = any || iv.offered > 0;
  if (!any) return s + no_data(c, "nd_intervals");
  Plot p;
  p.x0 = 0;
  p.x1 = c.view_hours > 0 ? c.view_hours : std::max(c.end_hours, ivs.back().h + 0.5);
  std::erase_if(ivs, [&](const Iv& iv) { return iv.h + 0.5 > p.x1 + 1e-9; });
  double peak = 0;
  for (const Iv& iv : ivs) peak = std::max(peak, iv.offered);
  p.y1 = peak * 1.1;
  s += svg_open(p, c.t("chart_hotline"), ivs.size());
  s += axes(p, c);
  const double bw = std::max(1.0, p.px(0.5) - p.px(0) - 0.6);
  for (const Iv& iv : ivs) {
    if (iv.offered <= 0) continue;
    const double x = p.px(iv.h);
    const double answered = std::min(iv.answered, iv.offered);
    const double abandoned = std::min(iv.abandoned, iv.offered - answered);
    const double other = iv.offered - answered - abandoned;
    double base = 0;
    auto bar = [&](double v, const char* css) {
      if (v <= 0) return;
      s += "<rect class=\"d bar " + std::string(css) + "\" x=\"" + f1(x) + "\" y=\"" + f1(p.py(base + v)) +
           "\" width=\"" + f1(bw) + "\" height=\"" + f1(p.py(base) - p.py(base + v)) + "\"><title>" +
           esc(c.clock(iv.h)) + " " + esc(c.t(css)) + " " + num(v) + "</title></rect>";
      base += v;
    };
    bar(answered, "answered");
    bar(abandoned, "abandoned");
    bar(other, "other");
  }
  // Service level on a 0–100 % right axis.
  std::string d;
  for (const Iv& iv : ivs) {
    if (!iv.sl || iv.offered <= 0) continue;
    const double y = p.height - p.bottom - *iv.sl / 100.0 * p.inner_h();
    d += (d.empty() ? "M" : "L") + f1(p.px(iv.h + 0.25)) + "," + f1(y);
  }
  if (!d.empty()) s += "<path class=\"d line sl\" d=\"" + d + "\"/>";
  for (int pct = 0; pct <= 100; pct += 25) {
    const double y = p.height - p.bottom - pct / 100.0 * p.inner_h();
    s += "<text class=\"tick sl-tick\" x=\"" + f1(p.width - p.right + 6) + "\" y=\"" + f1(y + 4) + "\">" +
         std::to_string(pct) + "%</text>";
  }
  s += "</svg>";
  s += legend({{"answered", c.t("answered")}, {"abandoned", c.t("abandoned")}, {"other", c.t("other")}, {"sl", c.t("sl20")}});
  return s + "<p class=\"caption\">" + esc(c.t("chart_hotline_caption")) + "</p>";
}

std::string activity_class(std::string a) {
  for (char& ch : a) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (a.find("travel") != std::string::npos || a.find("drive") != std::string::npos) return "travel";
  if (a.find("patrol") != std::string::npos || a.find("assess") != std::string::npos) return "patrol";
  if (a.find("repair") != std::string::npos || a.find("work") != std::string::npos) return "repair";
  if (a.find("rest") != std::string::npos || a.find("off") != std::string::npos) return "rest";
  if (a.find("wait") != std::string::npos || a.find("idle") != std::string::npos || a.find("stand") != std::string::npos)
    return "wait";
  return "misc";
}

/// Crews at work per activity over time, as stacked half-hour bars: the crews chart of a roster
/// too large for one row per crew. `spans` per activity class: (start, end) hours of each segment.
std::string crew_activity_chart(const Ctx& c, const std::vector<std::pair<std::string, std::vector<std::pair<double, double>>>>& spans,
                                std::size_t crews) {
  Plot p;
  p.x0 = 0;
  p.x1 = c.end_hours > 0 ? c.end_hours : 1;
  if (c.view_hours > 0) p.x1 = c.view_hours;
  constexpr double kBin = 0.5;
  const auto bins = static_cast<std::size_t>(std::ceil(p.x1 / kBin));
  std::vector<std::vector<double>> load(spans.size(), std::vector<double>(bins, 0));  // crew-equivalents per bin
  std::size_t segments = 0;
  for (std::size_t k = 0; k < spans.size(); ++k)
    for (const auto& [a, b] : spans[k].second) {
      ++segments;
      const double from = std::max(0.0, a), to = std::min(p.x1, b);
      for (auto i = static_cast<std::size_t>(std::floor(from / kBin)); i < bins && static_cast<double>(i) * kBin < to; ++i) {
        const double lo = std::max(from, static_cast<double>(i) * kBin), hi = std::min(to, static_cast<double>(i + 1) * kBin);
        if (hi > lo) load[k][i] += (hi - lo) / kBin;
      }
    }
  double peak = 1;
  for (std::size_t i = 0; i < bins; ++i) {
    double sum = 0;
    for (const auto& row : load) sum += row[i];
    peak = std::max(peak, sum);
  }
  p.y1 = peak * 1.1;
  std::string s = svg_open(p, c.t("chart_crews"), segments) + axes(p, c);
  const double bw = std::max(0.5, p.px(kBin) - p.px(0));
  for (std::size_t i = 0; i < bins; ++i) {
    double base = 0;
    for (std::size_t k = 0; k < spans.size(); ++k) {
      const double v = load[k][i];
      if (v <= 0) continue;
      const double h0 = static_cast<double>(i) * kBin;
      s += "<rect class=\"d seg " + spans[k].first + "\" x=\"" + f1(p.px(h0)) + "\" y=\"" + f1(p.py(base + v)) + "\" width=\"" +
           f1(bw) + "\" height=\"" + f1(p.py(base) - p.py(base + v)) + "\"><title>" + esc(c.clock(h0)) + " " +
           esc(c.t("act_" + (spans[k].first == "misc" ? std::string("other") : spans[k].first))) + ": " + num(v, 1) +
           "</title></rect>";
      base += v;
    }
  }
  s += "</svg>";
  s += legend({{"travel", c.t("act_travel")}, {"patrol", c.t("act_patrol")}, {"repair", c.t("act_repair")},
               {"rest", c.t("act_rest")}, {"wait", c.t("act_wait")}, {"misc", c.t("act_other")}});
  return s + "<p class=\"caption\">" + esc(fill(c.t("chart_crews_aggregated"), {num(static_cast<double>(crews))})) + "</p>";
}

/// Chart 3: crews' Gantt timeline.
std::string chart_crews(const Value& root, const Ctx& c) {
  std::string s = "<h3>" + esc(c.t("chart_crews")) + "</h3>";
  struct Seg {
    double a, b;
    std::string act;
  };
  std::vector<std::pair<std::string, std::vector<Seg>>> crews;  // in scorecard order
  auto crew_index = [&](const std::string& name) -> std::vector<Seg>& {
    for (auto& cr : crews)
      if (cr.first == name) return cr.second;
    crews.emplace_back(name, std::vector<Seg>{});
    return crews.back().second;
  };
  auto read_seg = [](const Value& v, Seg& out) {
    if (v.IsArray() && v.Size() >= 3 && v[0].IsNumber() && v[1].IsNumber() && v[2].IsString()) {  // [start_h, end_h, activity]
      out = {v[0].GetDouble(), v[1].GetDouble(), v[2].GetString()};
      return true;
    }
    auto a = number_any(v, {"start_hours", "from_hours", "start_h", "begin_hours", "hours"});
    auto b = number_any(v, {"end_hours", "to_hours", "end_h", "until_hours"});
    if (!a || !b) return false;
    out = {*a, *b, text_any(v, {"activity", "kind", "state", "what"})};
    return true;
  };
  const Value* crews_obj = member(root, "crews");
  const Value* timeline = crews_obj ? array(*crews_obj, "timeline") : nullptr;
  if (timeline) {
    for (const auto& v : timeline->GetArray()) {
      const std::string name = text_any(v, {"name", "crew", "id"});
      if (const Value* segs = array(v, "segments")) {
        auto& list = crew_index(name);
        for (const auto& sv : segs->GetArray()) {
          Seg seg;
          if (read_seg(sv, seg)) list.push_back(seg);
        }
      } else {
        Seg seg;
        if (read_seg(v, seg)) crew_index(name).push_back(seg);
      }
    }
  }
  std::size_t with_data = 0;
  for (const auto& cr : crews) with_data += cr.second.empty() ? 0 : 1;
  if (with_data == 0) return s + no_data(c, "nd_crews");
  const std::size_t total = crews.size();
  // Every crew has a row, mutual aid included; a roster too large for that (a province) is drawn
  // as crews at work per activity over time instead.
  constexpr std::size_t kMaxRows = 160;
  if (crews.size() > kMaxRows) {
    std::vector<std::pair<std::string, std::vector<std::pair<double, double>>>> by_activity;  // class -> spans
    const std::vector<std::string> classes = {"travel", "patrol", "repair", "rest", "wait", "misc"};
    for (const std::string& css : classes) by_activity.emplace_back(css, std::vector<std::pair<double, double>>{});
    for (const auto& cr : crews)
      for (const Seg& seg : cr.second) {
        const std::string css = activity_class(seg.act);
        for (auto& [k, spans] : by_activity)
          if (k == css) spans.emplace_back(seg.a, seg.b);
      }
    return s + crew_activity_chart(c, by_activity, total);
  }
  std::vector<bool> aid;
  if (timeline)
    for (const auto& cr : crews) {
      bool is_aid = false;
      for (const auto& v : timeline->GetArray())
        if (text_any(v, {"name", "crew", "id"}) == cr.first) {
          const Value* m = member(v, "mutual_aid");
          is_aid = m && m->IsBool() && m->GetBool();
        }
      aid.push_back(is_aid);
    }
  aid.resize(crews.size(), false);
  Plot p;
  p.left = 96;
  const double row = crews.size() > 60 ? 7 : crews.size() > 30 ? 12 : 16;
  p.height = p.top + p.bottom + row * static_cast<double>(crews.size());
  p.x0 = 0;
  p.x1 = c.end_hours > 0 ? c.end_hours : 1;
  for (const auto& cr : crews)
    for (const Seg& seg : cr.second) p.x1 = std::max(p.x1, seg.b);
  if (c.view_hours > 0) p.x1 = c.view_hours;
  std::size_t segments = 0;
  for (const auto& cr : crews) segments += cr.second.size();
  s += svg_open(p, c.t("chart_crews"), segments);
  s += axes(p, c, false);
  for (std::size_t i = 0; i < crews.size(); ++i) {
    const double y = p.top + row * static_cast<double>(i);
    s += "<text class=\"tick" + std::string(row < 16 ? " small" : "") + std::string(row < 8 ? " tiny" : "") +
         std::string(aid[i] ? " aid" : "") + "\" x=\"" + f1(p.left - 6) + "\" y=\"" + f1(y + row * 0.8) +
         "\" text-anchor=\"end\">" + esc(crews[i].first) + "</text>";
    for (Seg seg : crews[i].second) {
      seg.b = std::min(seg.b, p.x1);
      if (seg.b <= seg.a) continue;
      const std::string css = activity_class(seg.act);
      s += "<rect class=\"d seg " + css + "\" x=\"" + f1(p.px(seg.a)) + "\" y=\"" + f1(y + 1) + "\" width=\"" +
           f1(std::max(0.5, p.px(seg.b) - p.px(seg.a))) + "\" height=\"" + f1(row - 2) + "\"><title>" +
           esc(crews[i].first) + ": " + esc(seg.act) + " " + esc(c.clock(seg.a)) + "–" + esc(c.clock(seg.b)) +
           "</title></rect>";
    }
  }
  s += "</svg>";
  s += legend({{"travel", c.t("act_travel")}, {"patrol", c.t("act_patrol")}, {"repair", c.t("act_repair")},
               {"rest", c.t("act_rest")}, {"wait", c.t("act_wait")}, {"misc", c.t("act_other")}});
  std::size_t aid_n = 0;
  for (bool a : aid) aid_n += a ? 1 : 0;
  if (total > crews.size())
    s += "<p class=\"caption\">" + esc(fill(c.t("crews_shown"), {std::to_string(crews.size()), std::to_string(total)})) + "</p>";
  if (aid_n > 0) s += "<p class=\"caption\">" + esc(fill(c.t("crews_aid"), {std::to_string(aid_n)})) + "</p>";
  return s + "<p class=\"caption\">" + esc(c.t("chart_crews_caption")) + "</p>";
}

std::string category_label(const Ctx& c, const std::string& cat) {
  const std::string key = "cat_" + cat;
  const std::string label = c.t(key);
  return label == key ? cat : label;
}

/// Chart 4: complaints by category over time (stacked bars per bin).
std::string chart_complaints(const Value& root, const Ctx& c) {
  std::string s = "<h3>" + esc(c.t("chart_complaints")) + "</h3>";
  std::vector<std::pair<double, std::string>> events;
  const Value* complaints = member(root, "complaints");
  const Value* list = complaints ? array(*complaints, "events") : nullptr;
  if (!list || list->Empty()) list = array(root, "complaint_clocks");
  if (list) {
    for (const auto& e : list->GetArray()) {
      auto h = number_any(e, {"hours", "opened_hours", "t_h"});
      if (h) events.emplace_back(*h, text(e, "category"));
    }
  }
  if (events.empty()) return s + no_data(c, "nd_complaints");
  Plot p;
  p.x0 = 0;
  p.x1 = c.end_hours;
  for (const auto& e : events) p.x1 = std::max(p.x1, e.first);
  if (p.x1 <= 0) p.x1 = 1;
  const double bin = hour_step(p.x1) / 2.0 >= 1 ? hour_step(p.x1) / 2.0 : 1.0;
  const std::size_t bins = static_cast<std::size_t>(std::ceil(p.x1 / bin)) + 1;
  std::vector<std::string> cats = {"voltage_quality", "service", "billing", "outage", "construction"};
  for (const auto& e : events)
    if (std::find(cats.begin(), cats.end(), e.second) == cats.end()) cats.push_back(e.second);
  std::vector<std::vector<double>> counts(bins, std::vector<double>(cats.size(), 0));
  for (const auto& e : events) {
    const auto b = static_cast<std::size_t>(std::max(0.0, std::floor(e.first / bin)));
    const auto k = static_cast<std::size_t>(std::find(cats.begin(), cats.end(), e.second) - cats.begin());
    counts[std::min(b, bins - 1)][k] += 1;
  }
  double peak = 0;
  for (const auto& row : counts) {
    double sum = 0;
    for (double v : row) sum += v;
    peak = std::max(peak, sum);
  }
  p.x1 = static_cast<double>(bins) * bin;
  p.y1 = std::max(1.0, peak * 1.1);
  s += svg_open(p, c.t("chart_complaints"), events.size());
  s += axes(p, c);
  const double bw = std::max(1.0, p.px(bin) - p.px(0) - 2);
  for (std::size_t b = 0; b < bins; ++b) {
    double base = 0;
    for (std::size_t k = 0; k < cats.size(); ++k) {
      const double v = counts[b][k];
      if (v <= 0) continue;
      const double h0 = static_cast<double>(b) * bin;
      s += "<rect class=\"d bar cat" + std::to_string(std::min<std::size_t>(k, 7)) + "\" x=\"" + f1(p.px(h0) + 1) +
           "\" y=\"" + f1(p.py(base + v)) + "\" width=\"" + f1(bw) + "\" height=\"" + f1(p.py(base) - p.py(base + v)) +
           "\"><title>" + esc(c.clock(h0)) + " " + esc(category_label(c, cats[k])) + ": " + num(v) + "</title></rect>";
      base += v;
    }
  }
  s += "</svg>";
  std::vector<std::pair<std::string, std::string>> items;
  for (std::size_t k = 0; k < cats.size(); ++k)
    items.emplace_back("cat" + std::to_string(std::min<std::size_t>(k, 7)), category_label(c, cats[k]));
  s += legend(items);
  return s + "<p class=\"caption\">" + esc(c.t("chart_complaints_caption")) + "</p>";
}

std::string kind_label(const Ctx& c, const Value& d) {
  const Value* k = member(d, "kind");
  if (!k) return "?";
  if (k->IsString()) return k->GetString();
  if (k->IsNumber()) {
    const std::string key = "kind_" + num(k->GetDouble());
    const std::string label = c.t(key);
    return label == key ? "#" + num(k->GetDouble()) : label;
  }
  return "?";
}

/// Chart 5: decisions over time, one row per command kind.
std::string chart_decisions(const Value& root, const Ctx& c) {
  std::string s = "<h3>" + esc(c.t("chart_decisions")) + "</h3>";
  const Value* decisions = array(root, "decisions");
  if (!decisions || decisions->Empty()) return s + no_data(c, "nd_decisions");
  std::vector<std::string> kinds;
  for (const auto& d : decisions->GetArray()) {
    const std::string k = kind_label(c, d);
    if (std::find(kinds.begin(), kinds.end(), k) == kinds.end()) kinds.push_back(k);
  }
  Plot p;
  p.left = 130;
  const double row = 22;
  p.height = p.top + p.bottom + row * static_cast<double>(kinds.size());
  p.x0 = 0;
  p.x1 = c.end_hours > 0 ? c.end_hours : 1;
  for (const auto& d : decisions->GetArray()) p.x1 = std::max(p.x1, number(d, "hours").value_or(0));
  if (c.view_hours > 0) p.x1 = c.view_hours;
  s += svg_open(p, c.t("chart_decisions"), decisions->Size());
  s += axes(p, c, false);
  for (std::size_t i = 0; i < kinds.size(); ++i)
    s += "<text class=\"tick\" x=\"" + f1(p.left - 6) + "\" y=\"" + f1(p.top + row * (static_cast<double>(i) + 0.65)) +
         "\" text-anchor=\"end\">" + esc(kinds[i]) + "</text>";
  // Few commands: one mark each. Many (an automatic dispatcher issues thousands): one mark per
  // kind, quarter-hour and outcome, its area growing with the count; the trainee's stay single.
  const bool binned = decisions->Size() > 400;
  std::map<std::tuple<std::size_t, long, bool>, std::size_t> bins;
  for (const auto& d : decisions->GetArray()) {
    const std::string k = kind_label(c, d);
    const auto index = static_cast<std::size_t>(std::find(kinds.begin(), kinds.end(), k) - kinds.begin());
    const double i = static_cast<double>(index);
    const double h = number(d, "hours").value_or(0);
    if (h > p.x1) continue;  // after the chart's window (complaint follow-up)
    const Value* acc = member(d, "accepted");
    const bool accepted = acc && acc->IsBool() && acc->GetBool();
    const Value* tr = member(d, "by_trainee");
    const bool trainee = tr && tr->IsBool() && tr->GetBool();
    if (binned && !trainee) {
      bins[{index, std::lround(std::floor(h * 4)), accepted}] += 1;
      continue;
    }
    s += "<circle class=\"d pt " + std::string(accepted ? "ok" : "refused") + (trainee ? " trainee" : "") + "\" cx=\"" +
         f1(p.px(h)) + "\" cy=\"" + f1(p.top + row * (i + 0.5)) + "\" r=\"" + (trainee ? "5" : "3.5") + "\"><title>" +
         esc(c.clock(h)) + " " + esc(k) + (accepted ? "" : " — " + esc(text(d, "reason"))) + "</title></circle>";
  }
  for (const auto& [key, n] : bins) {
    const auto& [index, quarter, accepted] = key;
    const double h = (static_cast<double>(quarter) + 0.5) / 4.0;
    const double r = std::min(row * 0.4, 1.5 + 0.8 * std::sqrt(static_cast<double>(n)));
    s += "<circle class=\"d pt " + std::string(accepted ? "ok" : "refused") + "\" cx=\"" + f1(p.px(h)) + "\" cy=\"" +
         f1(p.top + row * (static_cast<double>(index) + 0.5)) + "\" r=\"" + f1(r) + "\"><title>" + esc(c.clock(h - 0.125)) +
         " " + esc(kinds[index]) + " × " + std::to_string(n) + "</title></circle>";
  }
  s += "</svg>";
  s += legend({{"ok", c.t("accepted")}, {"refused", c.t("refused")}});
  return s + "<p class=\"caption\">" + esc(c.t("chart_decisions_caption")) + "</p>";
}

// ---- sections ---------------------------------------------------------------------------------

std::string unit_label(const Ctx& c, const std::string& unit) {
  if (unit == "min") return c.t("min");
  if (unit == "s") return c.t("s");
  if (unit == "pct") return "%";
  if (unit == "working_days") return c.t("working_days");
  if (unit == "hours") return c.t("h");
  if (unit == "days") return c.t("days");
  if (unit == "months") return c.t("months");
  return unit == "rule" ? "" : unit;
}

std::string target_text(const Ctx& c, const Value& cm) {
  const std::string unit = unit_label(c, text(cm, "unit"));
  const Value* target = member(cm, "target");
  if (!target) return "—";
  if (target->IsNumber()) return num_auto(target->GetDouble()) + " " + unit;
  if (target->IsObject()) {
    std::string s;
    for (const char* t : {"urban", "rural", "remote"})
      if (auto v = number(*target, t)) s += (s.empty() ? "" : " · ") + c.t(t) + " " + num_auto(*v);
    return s + " " + unit;
  }
  return "—";
}

std::string measured_text(const Ctx& c, const Value& cm) {
  const std::string statistic = text(cm, "statistic");
  const std::optional<double> m = number(cm, "measured");
  if (!m) return "—";
  const std::string unit = unit_label(c, text(cm, "unit"));
  if (statistic == "share_within_target_pct") return num(*m, 1) + "% " + (c.lang == "zh" ? "达标" : "on time");
  if (statistic == "asai_pct") return num(*m, 3) + " %";
  if (statistic == "asa_s") return num(*m, 1) + " " + c.t("s");
  std::string s;
  if (const Value* by = member(cm, "measured_by_terrain"); by && by->IsObject()) {
    for (const char* t : {"urban", "rural", "remote"})
      if (auto v = number(*by, t)) s += (s.empty() ? "" : " · ") + c.t(t) + " " + num_auto(std::round(*v * 10) / 10);
    s += " " + unit;
  } else {
    s = num_auto(std::round(*m * 10) / 10) + " " + unit;
  }
  const std::string prefix = statistic == "max" ? (c.lang == "zh" ? "最长 " : "worst ") : (c.lang == "zh" ? "平均 " : "mean ");
  return prefix + s;
}

/// A commitment's short name in the report's language (its id only as a last resort).
std::string commitment_label(const Ctx& c, const Value& cm) {
  const std::string id = text(cm, "id");
  const std::string key = "cm_" + id;
  const std::string label = c.t(key);
  if (label != key) return label;
  const std::string wording = text(cm, c.lang == "zh" ? "text_zh" : "text_en");
  return wording.empty() ? id : wording;
}

/// The scorecard's notes are English data; say them from the string table.
std::string note_text(const Ctx& c, const std::string& note) {
  if (note.empty()) return {};
  if (note.find("no model") != std::string::npos) return c.t("nm_no_model");
  if (note.find("still open at the end") != std::string::npos) {
    const std::string n = note.substr(0, note.find(' '));
    return fill(c.t("nm_open"), {n});
  }
  if (note.find("ASAI of all customers") != std::string::npos) return c.t("nm_asai_all");
  return c.lang == "zh" ? std::string() : note;
}

/// Breach subjects are English data with internal ids ("fault 12", "complaint 4 (customer 881)",
/// "calls +10:00 to +10:30"): say them with names, places and local times instead.
std::string subject_text(const Ctx& c, const std::string& s, const debrief::Debrief* d,
                         const std::map<unsigned, const debrief::OutageRow*>& by_fault, const Value& root) {
  unsigned id = 0;
  if (std::sscanf(s.c_str(), "fault %u", &id) == 1) {
    const auto it = by_fault.find(id);
    if (d && it != by_fault.end()) {
      const debrief::OutageRow& r = *it->second;
      return c.say(debrief::finding("outage_short", {debrief::key("cause_" + r.cause), debrief::nested(r.feeder),
                                                     debrief::nested(r.place), debrief::count(r.customers)}));
    }
    return esc(c.t("a_fault"));
  }
  if (std::sscanf(s.c_str(), "complaint %u", &id) == 1) {
    if (const Value* clocks = array(root, "complaint_clocks"))
      for (const auto& cl : clocks->GetArray())
        if (number(cl, "id").value_or(-1) == id)
          return esc(fill(c.t("complaint_short"), {category_label(c, text(cl, "category")),
                                                    c.clock(number(cl, "opened_hours").value_or(0))}));
    return esc(c.t("a_complaint"));
  }
  if (s.rfind("calls +", 0) == 0) {
    int hh = 0, mm = 0;
    if (std::sscanf(s.c_str(), "calls +%d:%d", &hh, &mm) == 2)
      return esc(fill(c.t("calls_short"), {c.clock(hh + mm / 60.0), c.clock(hh + mm / 60.0 + 0.5).substr(6)}));
  }
  if (s == "urban customers") return esc(c.t("urban_customers"));
  if (s == "all customers") return esc(c.t("all_customers"));
  return c.lang == "zh" ? esc(c.t("a_case")) : esc(s);
}

std::string by_text(const Ctx& c, const Value& cm, const Value& b) {
  const std::string unit = text(cm, "unit");
  const double by = number(b, "by").value_or(0);
  if (auto count = number(b, "count")) return num(*count) + " " + c.t("calls");
  if (unit == "min") return c.duration_hours(by / 60.0);
  if (unit == "working_days") {
    if (auto h = number(b, "by_hours")) return c.duration_hours(*h);
    return num_auto(by) + " " + c.t("working_days");
  }
  if (unit == "pct") return num(by, 3) + " %";
  return num_auto(by) + " " + unit_label(c, unit);
}

std::string commitments_section(const Value& root, const Ctx& c, const debrief::Debrief* d) {
  std::string s = "<section><h2>" + esc(c.t("commitments")) + "</h2>";
  const Value* list = array(root, "commitments");
  if (!list || list->Empty()) return s + "<p class=\"nodata\">" + esc(c.t("no_commitments")) + "</p></section>";
  std::map<unsigned, const debrief::OutageRow*> by_fault;
  if (d)
    for (const auto& r : d->outages) by_fault[r.fault] = &r;
  s += "<table class=\"commitments\"><colgroup><col style=\"width:36%\"><col style=\"width:8%\"><col style=\"width:14%\">"
       "<col style=\"width:16%\"><col style=\"width:10%\"><col style=\"width:16%\"></colgroup><thead><tr><th>" + esc(c.t("col_commitment")) + "</th><th>" + esc(c.t("col_basis")) +
       "</th><th>" + esc(c.t("col_target")) + "</th><th>" + esc(c.t("col_measured")) + "</th><th>" +
       esc(c.t("col_result")) + "</th><th class=\"n\">" + esc(c.t("col_breaches")) + "</th></tr></thead><tbody>";
  std::string details, unmeasured;
  std::size_t unmeasured_n = 0;
  for (const auto& cm : list->GetArray()) {
    const std::string id = text(cm, "id");
    const Value* met = member(cm, "met");
    const std::string label = commitment_label(c, cm);
    if (!met || !met->IsBool()) {
      // Not measured: one line for all of them, so the table holds what was judged.
      unmeasured += std::string(unmeasured_n++ ? (c.lang == "zh" ? "、" : ", ") : "") + "<span id=\"c-" + esc(id) + "\">" +
                    esc(label) + "</span>";
      continue;
    }
    const std::string result_css = met->GetBool() ? "met" : "breached";
    const std::string wording = text(cm, c.lang == "zh" ? "text_zh" : "text_en");
    const std::string note = note_text(c, text(cm, "note"));
    const double breaches = number(cm, "breaches_total").value_or(0);
    std::string split;
    if (d)
      for (const auto& bs : d->breaches)
        if (bs.id == id && (bs.urban + bs.rural + bs.remote) > 0) {
          std::vector<std::string> parts;
          if (bs.urban) parts.push_back(c.t("urban") + " " + num(static_cast<double>(bs.urban)));
          if (bs.rural) parts.push_back(c.t("rural") + " " + num(static_cast<double>(bs.rural)));
          if (bs.remote) parts.push_back(c.t("remote") + " " + num(static_cast<double>(bs.remote)));
          if (bs.other) parts.push_back(c.t("other_terrain") + " " + num(static_cast<double>(bs.other)));
          for (std::size_t i = 0; i < parts.size(); ++i) split += (i ? " · " : "") + parts[i];
        }
    s += "<tr class=\"" + result_css + "\" id=\"c-" + esc(id) + "\"><td><b>" + esc(label) + "</b><br><span class=\"wording\">" +
         esc(wording) + "</span>" + (note.empty() ? "" : "<br><span class=\"note\">" + esc(note) + "</span>") +
         "</td><td class=\"nw\">" + esc(c.t("basis_" + text(cm, "basis"))) + "</td><td>" + esc(target_text(c, cm)) + "</td><td>" +
         esc(measured_text(c, cm)) + "</td><td><span class=\"badge " + result_css + "\">" + esc(c.t(result_css)) +
         "</span></td><td class=\"n\">" + (breaches > 0 ? num(breaches) : "0") +
         (split.empty() ? "" : "<br><span class=\"note\">" + esc(split) + "</span>") + "</td></tr>";
    const Value* bl = array(cm, "breaches");
    if (bl && !bl->Empty()) {
      constexpr std::size_t kShown = 5;
      const std::size_t shown = std::min<std::size_t>(kShown, bl->Size());
      // Open, so the lists print (a closed <details> prints only its summary).
      details += "<details class=\"breaches\" open data-id=\"" + esc(id) + "\"><summary><b>" + esc(label) + "</b> — " +
                 esc(fill(c.t("breach_list_n"), {num(static_cast<double>(shown)), num(breaches)})) + "</summary>";
      details += "<table><thead><tr><th>" + esc(c.t("col_time")) + "</th><th>" + esc(c.t("col_subject")) + "</th><th>" +
                 esc(c.t("col_by")) + "</th></tr></thead><tbody>";
      std::size_t n = 0;
      for (const auto& b : bl->GetArray()) {
        if (++n > shown) break;
        std::string subject = subject_text(c, text(b, "subject"), d, by_fault, root);
        if (auto terrain = text(b, "terrain"); !terrain.empty()) subject += " (" + esc(c.t(terrain)) + ")";
        const Value* open = member(b, "open_at_end");
        if (open && open->IsBool() && open->GetBool()) subject += " — " + esc(c.t("open_at_end"));
        details += "<tr><td class=\"nw\">" + esc(c.clock(number(b, "hours").value_or(0))) + "</td><td>" + subject + "</td><td>" +
                   esc(by_text(c, cm, b)) + "</td></tr>";
      }
      details += "</tbody></table></details>";
    }
  }
  s += "</tbody></table>";
  if (unmeasured_n > 0)
    s += "<p class=\"caption\"><span class=\"badge na\">" + esc(c.t("not_measured")) + "</span> " +
         esc(fill(c.t("unmeasured_list"), {num(static_cast<double>(unmeasured_n))})) + " " + unmeasured + "</p>";
  s += "<div class=\"cols2\">" + details + "</div></section>";
  return s;
}

std::vector<std::string> improvements(const Value& root, const Ctx& c) {
  std::vector<std::string> out;
  if (const Value* list = array(root, "commitments")) {
    for (const auto& cm : list->GetArray()) {
      const Value* met = member(cm, "met");
      const double total = number(cm, "breaches_total").value_or(0);
      if (!met || !met->IsBool() || total <= 0) continue;
      const std::string measure = text(cm, "measure");
      const Value* bl = array(cm, "breaches");
      // Worst listed breach and counts by terrain / open cases.
      const Value* worst = nullptr;
      std::map<std::string, int> by_terrain;
      int open = 0;
      if (bl)
        for (const auto& b : bl->GetArray()) {
          if (!worst || number(b, "by").value_or(0) > number(*worst, "by").value_or(0)) worst = &b;
          by_terrain[text(b, "terrain")] += 1;
          const Value* o = member(b, "open_at_end");
          if (o && o->IsBool() && o->GetBool()) ++open;
        }
      static const std::map<unsigned, const debrief::OutageRow*> kNoRows;
      const std::string worst_subject = worst ? subject_text(c, text(*worst, "subject"), nullptr, kNoRows, root) : "—";
      const std::string worst_by = worst ? by_text(c, cm, *worst) : "—";
      const std::string target = num_auto(number(cm, "target").value_or(0));
      if (measure == "arrival_minutes") {
        std::string split;
        for (const char* t : {"urban", "rural", "remote"})
          if (by_terrain.count(t)) split += (split.empty() ? "" : ", ") + c.t(t) + " " + std::to_string(by_terrain[t]);
        out.push_back(fill(c.t("imp_arrival"), {num(total), split, worst_subject, worst_by}));
      } else if (measure == "restore_after_arrival_minutes") {
        out.push_back(fill(c.t("imp_restore"), {num(total), worst_subject, worst_by}));
      } else if (measure == "complaint_contact_working_days") {
        out.push_back(fill(c.t("imp_complaint_contact"), {num(total), target, std::to_string(open)}));
      } else if (measure == "complaint_reply_working_days") {
        out.push_back(fill(c.t("imp_complaint_reply"), {num(total), target, std::to_string(open)}));
      } else if (measure == "hotline_pickup_s" && text(cm, "statistic") == "asa_s") {
        out.push_back(fill(c.t("imp_pickup_avg"), {num(number(cm, "measured").value_or(0), 1), target}));
      } else if (measure == "hotline_pickup_s") {
        std::vector<std::pair<double, double>> worst_intervals;  // (late calls, hours)
        if (bl)
          for (const auto& b : bl->GetArray())
            worst_intervals.emplace_back(number(b, "count").value_or(number(b, "by").value_or(0)), number(b, "hours").value_or(0));
        std::stable_sort(worst_intervals.begin(), worst_intervals.end(),
                         [](const auto& a, const auto& b) { return a.first > b.first; });
        std::string when;
        for (std::size_t i = 0; i < worst_intervals.size() && i < 3; ++i)
          when += (i ? ", " : "") + c.clock(worst_intervals[i].second);
        out.push_back(fill(c.t("imp_pickup"), {num(total), target, when.empty() ? "—" : when}));
      } else if (measure == "reliability_rs1_pct") {
        out.push_back(fill(c.t("imp_reliability"), {num(number(cm, "measured").value_or(0), 3), target}));
      } else {
        out.push_back(fill(c.t("imp_generic"), {text(cm, "id"), num(total)}));
      }
    }
  }
  if (const Value* imp = array(root, "important_customers")) {
    int over = 0;
    const Value* worst = nullptr;
    for (const auto& v : imp->GetArray()) {
      const double m = number(v, "outage_minutes").value_or(0);
      if (m > 240) ++over;
      if (!worst || m > number(*worst, "outage_minutes").value_or(0)) worst = &v;
    }
    if (over > 0 && worst) {
      std::string name = text(*worst, "name");
      if (name.empty()) name = c.t("col_customer") + " " + text(*worst, "customer");
      out.push_back(fill(c.t("imp_important"),
                         {std::to_string(over), name, c.duration_hours(number(*worst, "outage_minutes").value_or(0) / 60.0)}));
    }
  }
  if (!array(root, "decisions")) {
    // Without the run's details: the scorecard's summary of the trainee's refusals.
    const Value* sum = member(root, "decisions_summary");
    const Value* reasons = sum ? array(*sum, "trainee_refusals") : nullptr;
    const double refused = sum ? number(*sum, "refused_by_trainee").value_or(0) : 0;
    if (refused > 0 && reasons && !reasons->Empty())
      out.push_back(fill(c.t("imp_refused"), {num(refused), text((*reasons)[0], "reason")}));
  }
  if (const Value* decisions = array(root, "decisions")) {
    int refused = 0;
    std::map<std::string, int> reasons;
    for (const auto& d : decisions->GetArray()) {
      const Value* tr = member(d, "by_trainee");
      const Value* acc = member(d, "accepted");
      if (!tr || !tr->IsBool() || !tr->GetBool() || !acc || !acc->IsBool() || acc->GetBool()) continue;
      ++refused;
      reasons[text(d, "reason")] += 1;
    }
    if (refused > 0) {
      std::string common;
      int best = 0;
      for (const auto& [r, n] : reasons)
        if (n > best) {
          best = n;
          common = r;
        }
      out.push_back(fill(c.t("imp_refused"), {std::to_string(refused), common}));
    }
  }
  if (const Value* baseline = member(root, "baseline")) {
    if (const Value* diff = member(*baseline, "difference"))
      if (auto d = number(*diff, "customer_hours"); d && *d > 0.5)
        out.push_back(fill(c.t("imp_baseline_worse"), {num(*d)}));
  }
  if (const Value* hotline = member(root, "hotline")) {
    const double offered = number(*hotline, "offered").value_or(0);
    const double abandoned = number(*hotline, "abandoned").value_or(0);
    if (offered > 0 && abandoned / offered > 0.10) out.push_back(fill(c.t("imp_abandon"), {num(100 * abandoned / offered, 1)}));
  }
  if (out.empty()) out.push_back(c.t("imp_none"));
  return out;
}

std::string decisions_section(const Value& root, const Ctx& c, const debrief::Debrief* d, const std::string& href) {
  const Value* decisions = array(root, "decisions");
  std::string s = "<section class=\"decisions\"><div class=\"fig\"><h2>" + esc(c.t("decisions")) + "</h2>" +
                  chart_decisions(root, c) + "</div>";
  if (!decisions || decisions->Empty()) return s + "</section>";
  if (d) {
    // The trainee's own commands here; every command (thousands from the automatic
    // dispatcher) in the appendix.
    s += sections::decision_table(c, *d, true, 30, href);
    return s + "</section>";
  }
  std::vector<const Value*> rows;
  bool any_trainee = false;
  for (const auto& dv : decisions->GetArray()) {
    rows.push_back(&dv);
    const Value* tr = member(dv, "by_trainee");
    any_trainee = any_trainee || (tr && tr->IsBool() && tr->GetBool());
  }
  if (any_trainee)
    std::stable_sort(rows.begin(), rows.end(), [](const Value* a, const Value* b) {
      const Value* ta = member(*a, "by_trainee");
      const Value* tb = member(*b, "by_trainee");
      return (ta && ta->IsBool() && ta->GetBool()) > (tb && tb->IsBool() && tb->GetBool());
    });
  constexpr std::size_t kMaxRows = 30;
  const std::size_t total = rows.size();
  if (rows.size() > kMaxRows) rows.resize(kMaxRows);
  if (any_trainee)
    std::stable_sort(rows.begin(), rows.end(), [](const Value* a, const Value* b) {
      return number(*a, "hours").value_or(0) < number(*b, "hours").value_or(0);
    });
  s += "<p class=\"caption\">" +
       esc(fill(c.t("decisions_shown"), {std::to_string(rows.size()), std::to_string(total),
                                         c.t(any_trainee ? "decisions_trainee_first" : "decisions_in_order")})) +
       "</p>";
  s += "<table class=\"decisions\"><thead><tr><th>" + esc(c.t("col_time")) + "</th><th>" + esc(c.t("col_command")) +
       "</th><th>" + esc(c.t("col_by_whom")) + "</th><th>" + esc(c.t("col_outcome")) + "</th></tr></thead><tbody>";
  for (const Value* dv : rows) {
    const Value* acc = member(*dv, "accepted");
    const bool accepted = acc && acc->IsBool() && acc->GetBool();
    const Value* tr = member(*dv, "by_trainee");
    const bool trainee = tr && tr->IsBool() && tr->GetBool();
    std::string outcome = "<span class=\"badge " + std::string(accepted ? "met" : "breached") + "\">" +
                          esc(c.t(accepted ? "accepted" : "refused")) + "</span>";
    if (!accepted && !text(*dv, "reason").empty())
      outcome += "<br><span class=\"note\">" + c.say(debrief::describe_refusal(text(*dv, "reason"))) + "</span>";
    s += "<tr" + std::string(trainee ? " class=\"trainee\"" : "") + "><td class=\"nw\">" +
         esc(c.clock(number(*dv, "hours").value_or(0))) + "</td><td>" + esc(kind_label(c, *dv)) + "</td><td>" +
         esc(c.t(trainee ? "by_trainee" : "by_auto")) + "</td><td>" + outcome + "</td></tr>";
  }
  return s + "</tbody></table>" + c.more(total - rows.size()) + "</section>";
}

std::string important_label(const Ctx& c, const Value& v) {
  std::string name = text(v, "name");
  if (name.empty()) return c.t("imp_" + text(v, "kind"));
  return debrief::localise_name(name, c.lang);
}

// The priority rule (control_room.md): each interrupted important customer out longer than the
// median ordinary customer of its terrain, with what held it (scorecard `why`).
// `interrupted`: every listed important customer that lost supply, longest first; `affected`:
// how many lost supply in all.
std::string priority_rule_table(const std::vector<const Value*>& interrupted, double affected, const Ctx& c) {
  std::vector<const Value*> longer;
  for (const Value* v : interrupted)
    if (const Value* l = member(*v, "longer_than_median"); l && l->IsBool() && l->GetBool()) longer.push_back(v);
  std::string s = "<h3>" + esc(c.t("priority_title")) + "</h3>";
  if (longer.empty()) return s + "<p class=\"caption\">" + esc(c.t("priority_none")) + "</p>";
  s += "<p class=\"caption\">" + esc(fill(c.t("priority_caption"), {num(static_cast<double>(longer.size())), num(affected)})) + "</p>";
  constexpr std::size_t kMaxRows = 40;
  const std::size_t left_out = longer.size() > kMaxRows ? longer.size() - kMaxRows : 0;
  if (longer.size() > kMaxRows) longer.resize(kMaxRows);
  s += "<table class=\"baseline\"><thead><tr><th>" + esc(c.t("col_customer")) + "</th><th>" + esc(c.t("col_terrain")) +
       "</th><th class=\"n\">" + esc(c.t("col_outage")) + "</th><th class=\"n\">" + esc(c.t("col_terrain_median")) + "</th><th>" +
       esc(c.t("col_held_by")) + "</th></tr></thead><tbody>";
  for (const Value* v : longer) {
    std::string held;
    bool excused = false;
    if (const Value* why = array(*v, "why"))
      for (const auto& w : why->GetArray()) {
        const std::string reason = text(w, "reason");
        excused |= reason != "crew_wait";
        const double amount = number(w, "amount").value_or(0);
        held += (held.empty() ? "" : "; ") +
                fill(c.t("held_" + reason), {num(number(w, "fault").value_or(0)),
                                             reason == "road_blocked" || reason == "several_faults" ? num(amount) : num(amount, 1)});
      }
    if (!excused) held += (held.empty() ? "" : "; ") + c.t("held_nothing");
    s += "<tr" + std::string(excused ? "" : " class=\"breached\"") + "><td>" + esc(important_label(c, *v)) + "</td><td>" +
         esc(c.t(text(*v, "terrain"))) + "</td><td class=\"n\">" + esc(c.duration_hours(number(*v, "outage_minutes").value_or(0) / 60.0)) +
         "</td><td class=\"n\">" + esc(c.duration_hours(number(*v, "terrain_median_minutes").value_or(0) / 60.0)) + "</td><td>" +
         esc(held) + "</td></tr>";
  }
  return s + "</tbody></table>" + c.more(left_out);
}

std::string important_section(const Value& root, const Ctx& c) {
  std::string s = "<section><h2>" + esc(c.t("important")) + "</h2>";
  const Value* imp = array(root, "important_customers");
  if (!imp || imp->Empty()) return s + "<p class=\"nodata\">" + esc(c.t("no_important")) + "</p></section>";
  std::vector<const Value*> rows, unaffected;
  for (const auto& v : imp->GetArray()) (number(v, "outage_minutes").value_or(0) > 0 ? rows : unaffected).push_back(&v);
  std::stable_sort(rows.begin(), rows.end(), [](const Value* a, const Value* b) {
    return number(*a, "outage_minutes").value_or(0) > number(*b, "outage_minutes").value_or(0);
  });
  std::size_t over = 0;
  for (const Value* v : rows) over += number(*v, "outage_minutes").value_or(0) > 240 ? 1 : 0;
  // Without the run's details the scorecard lists only the worst; its summary has the totals.
  double listed_total = static_cast<double>(imp->Size()), affected = static_cast<double>(rows.size()),
         over_total = static_cast<double>(over);
  if (const Value* sum = member(root, "important_summary")) {
    listed_total = std::max(listed_total, number(*sum, "total").value_or(0));
    affected = std::max(affected, number(*sum, "affected").value_or(0));
    over_total = std::max(over_total, number(*sum, "over_240_min").value_or(0));
  }
  s += "<p class=\"caption\">" + esc(fill(c.t("important_caption"), {num(listed_total), num(affected), num(over_total)})) + "</p>";
  // The important customers that lost supply, longest first, in four columns: the worst
  // kMaxRows, and a line for the rest.
  constexpr std::size_t kMaxRows = 60;
  const auto left_out = static_cast<std::size_t>(std::max(0.0, affected - static_cast<double>(std::min(rows.size(), kMaxRows))));
  const std::string priority = priority_rule_table(rows, affected, c);
  if (rows.size() > kMaxRows) rows.resize(kMaxRows);
  s += "<div class=\"cols3\">";
  constexpr std::size_t kCols = 4;
  const std::size_t per_col = (rows.size() + kCols - 1) / kCols;
  for (std::size_t col = 0; col < kCols; ++col) {
    const std::size_t from = col * per_col, to = std::min(rows.size(), from + per_col);
    if (from >= to) break;
    s += "<table class=\"compact\"><thead><tr><th>" + esc(c.t("col_customer")) + "</th><th class=\"n\">" + esc(c.t("col_outage")) +
         "</th></tr></thead><tbody>";
    for (std::size_t i = from; i < to; ++i) {
      const Value& v = *rows[i];
      const double minutes = number(v, "outage_minutes").value_or(0);
      const double times = number(v, "interruptions").value_or(0);
      s += "<tr" + std::string(minutes > 240 ? " class=\"breached\"" : "") + "><td>" + esc(important_label(c, v)) +
           (times > 1 ? " <span class=\"note\">×" + num(times) + "</span>" : "") + "</td><td class=\"n\">" +
           esc(c.duration_hours(minutes / 60.0)) + "</td></tr>";
    }
    s += "</tbody></table>";
  }
  s += "</div>" + c.more(left_out);
  if (!unaffected.empty() && static_cast<double>(imp->Size()) >= listed_total) {  // all listed: the unaffected are known
    constexpr std::size_t kMaxNames = 40;
    std::string names;
    for (std::size_t i = 0; i < unaffected.size() && i < kMaxNames; ++i)
      names += (i ? (c.lang == "zh" ? "、" : ", ") : "") + important_label(c, *unaffected[i]);
    if (unaffected.size() > kMaxNames) names += " " + fill(c.t("and_more"), {num(static_cast<double>(unaffected.size() - kMaxNames))});
    s += "<p class=\"caption\">" + esc(fill(c.t("important_unaffected"), {num(static_cast<double>(unaffected.size())), names})) + "</p>";
  }
  return s + priority + "</section>";
}

std::string grade_section(const Value& root, const Ctx& c) {
  const Value* grade = member(root, "grade");
  std::string s = "<section><h2>" + esc(c.t("grade_breakdown")) + "</h2><p class=\"caption\">" + esc(c.t("grade_explain")) + "</p>";
  const Value* comps = grade ? array(*grade, "components") : nullptr;
  if (!comps) return s + "</section>";
  s += "<table class=\"baseline\"><thead><tr><th>" + esc(c.t("col_part")) + "</th><th class=\"n\">" + esc(c.t("col_weight")) +
       "</th><th class=\"n\">" + esc(c.t("col_score")) + "</th><th>" + esc(c.t("col_how")) + "</th></tr></thead><tbody>";
  for (const auto& comp : comps->GetArray()) {
    const auto score = number(comp, "score");
    const std::string part = text(comp, "name");
    // The formula and its inputs from the string table, so neither language shows the other.
    std::string inputs;
    if (const Value* in = member(comp, "inputs"); in && in->IsObject())
      for (const auto& m : in->GetObject())
        if (m.value.IsNumber()) {
          const std::string key = std::string("in_") + m.name.GetString();
          const std::string label = c.t(key) == key ? (c.lang == "zh" ? std::string() : m.name.GetString()) : c.t(key);
          if (label.empty()) continue;
          inputs += (inputs.empty() ? "" : "; ") + label + " " + num_auto(m.value.GetDouble());
        }
    const std::string fkey = "formula_" + part;
    const std::string formula = c.t(fkey) == fkey ? (c.lang == "zh" ? std::string() : text(comp, "formula")) : c.t(fkey);
    s += "<tr><td>" + esc(c.t("part_" + part)) + "</td><td class=\"n\">" + text(comp, "weight") + "</td><td class=\"n\">" +
         (score ? num(*score, 1) : "—") + "</td><td><span class=\"note\">" + esc(formula) +
         (inputs.empty() ? "" : "<br>" + esc(inputs)) + "</span></td></tr>";
  }
  return s + "</tbody></table></section>";
}

std::string card(const std::string& label, const std::string& value, const std::string& css = "") {
  return "<div class=\"card " + css + "\"><div class=\"value\">" + value + "</div><div class=\"label\">" + esc(label) +
         "</div></div>";
}

constexpr const char* kStyle = R"CSS(
:root{--ink:#1d2330;--muted:#5b6475;--line:#d8dde6;--bg:#f6f7f9;--ok:#2e7d32;--bad:#c62828;--na:#8a8f99}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 "Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","PingFang SC","Microsoft YaHei","Segoe UI",Roboto,Helvetica,Arial,sans-serif}
main{max-width:1100px;margin:0 auto;padding:24px 28px 48px}
header{border-bottom:3px solid var(--ink);margin-bottom:18px;padding-bottom:10px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin:28px 0 10px;border-bottom:1px solid var(--line);padding-bottom:4px}
h3{font-size:16px;margin:20px 0 6px}
pre.transcript{white-space:pre-wrap;font:12px/1.45 inherit;font-family:inherit;background:#fff;border:1px solid var(--line);padding:8px 10px;break-inside:avoid}
.meta{color:var(--muted);display:flex;flex-wrap:wrap;gap:4px 22px;font-size:14px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(160px,1fr));gap:10px}
.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:10px 12px}
.card .value{font-size:24px;font-weight:700;white-space:nowrap}.card .label{color:var(--muted);font-size:13px}
.card.grade .value{font-size:34px}.grade-A,.grade-B{color:var(--ok)}.grade-C{color:#b26a00}.grade-D,.grade-E{color:var(--bad)}
table{border-collapse:collapse;width:100%;background:#fff;font-size:14px;margin:6px 0}
th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
th{background:#eef1f5;font-weight:600;white-space:nowrap}td.nw{white-space:nowrap}td.n,th.n{text-align:right;white-space:nowrap}
tr.breached td:first-child{border-left:4px solid var(--bad)}tr.met td:first-child{border-left:4px solid var(--ok)}tr.na td:first-child{border-left:4px solid var(--na)}
tr.trainee{background:#fffbe8}
.wording{color:var(--ink)}.note{color:var(--muted);font-size:12.5px}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12.5px;color:#fff;white-space:nowrap}
.badge.met{background:var(--ok)}.badge.breached{background:var(--bad)}.badge.na{background:var(--na)}
details.breaches{background:#fff;border:1px solid var(--line);border-radius:6px;margin:6px 0;padding:4px 10px}
details.breaches summary{cursor:pointer}
svg.chart{width:100%;height:auto;background:#fff;border:1px solid var(--line);border-radius:6px;display:block}
svg .frame{fill:none;stroke:#b9c0cc}svg .grid{stroke:#e6e9ef;stroke-width:1}
svg text{font-size:11px;fill:#4a5160;font-family:inherit}svg text.small{font-size:9px}svg .tag{font-size:12px;fill:#7a1f1f;font-weight:600}
svg .area{fill:#4e79a7;fill-opacity:.18;stroke:none}svg .line{fill:none;stroke-width:2}
svg .line.out{stroke:#2f5d8c}svg .line.sl{stroke:#6a3d9a;stroke-width:2}
svg .landfall{stroke:#7a1f1f;stroke-width:2;stroke-dasharray:6 4}
.band.blue{fill:#cfe2ff}.band.yellow{fill:#fff1a8}.band.orange{fill:#ffd8a8}.band.red{fill:#ffc9c9}
svg .band{opacity:.85}
.answered{fill:#59a14f;background:#59a14f}.abandoned{fill:#e15759;background:#e15759}.other{fill:#bab0ac;background:#bab0ac}
.sl{background:#6a3d9a}.out{background:#2f5d8c}.landfall-sw{background:#7a1f1f}
.travel{fill:#4e79a7;background:#4e79a7}.patrol{fill:#f28e2b;background:#f28e2b}.repair{fill:#59a14f;background:#59a14f}
.rest{fill:#c9c3bf;background:#c9c3bf}.wait{fill:#edc948;background:#edc948}
.misc{fill:#b07aa1;background:#b07aa1}
.cat0{fill:#4e79a7;background:#4e79a7}.cat1{fill:#f28e2b;background:#f28e2b}.cat2{fill:#76b7b2;background:#76b7b2}
.cat3{fill:#e15759;background:#e15759}.cat4{fill:#59a14f;background:#59a14f}.cat5{fill:#b07aa1;background:#b07aa1}
.cat6{fill:#9c755f;background:#9c755f}.cat7{fill:#bab0ac;background:#bab0ac}
circle.ok{fill:#2e7d32}circle.refused{fill:#fff;stroke:#c62828;stroke-width:2}circle.trainee{stroke:#1d2330;stroke-width:1.5}
.ok{background:#2e7d32}.refused{background:#fff;border:2px solid #c62828}
.band.blue{background:#cfe2ff}.band.yellow{background:#fff1a8}.band.orange{background:#ffd8a8}.band.red{background:#ffc9c9}
.legend{display:flex;flex-wrap:wrap;gap:4px 16px;font-size:13px;color:var(--muted);margin:4px 0}
.legend .sw{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:5px;vertical-align:-1px}
.caption{color:var(--muted);font-size:13px;margin:2px 0 8px}
.more{color:var(--muted);font-size:13px;font-style:italic;margin:2px 0 8px}
.nodata{background:#fff;border:1px dashed #b9c0cc;border-radius:6px;padding:18px;color:var(--muted);text-align:center}
ol.improve li{margin:6px 0}
svg text.tiny{font-size:6.5px}svg text.aid{fill:#b35a00;font-weight:600}
.fig{break-inside:avoid}.cols2{columns:2;column-gap:14px}.cols2 details{break-inside:avoid}
.cols3{display:grid;grid-template-columns:repeat(4,1fr);gap:6px}table.compact{font-size:11px}table.compact td:first-child{white-space:nowrap;overflow:hidden;text-overflow:ellipsis;max-width:0;width:75%}table.compact td,table.compact th{padding:2px 5px}
table.outage,table.commitments,table.costs{table-layout:fixed}table.costs th{white-space:normal}table.outage{font-size:12px}.num{text-align:right}table.outage td{padding:4px 6px}td.times{font-size:11.5px;color:#3b4352}
.note.imp{color:#7a1f1f}
.ph-detection{fill:#9c755f;background:#9c755f}.ph-locating{fill:#f28e2b;background:#f28e2b}.ph-crew_wait{fill:#e15759;background:#e15759}
.ph-travel{fill:#4e79a7;background:#4e79a7}.ph-wind{fill:#76b7b2;background:#76b7b2}.ph-repair{fill:#59a14f;background:#59a14f}
svg.map .land{fill:#f3f1e8}svg.map .city{fill:#e3e6ee;stroke:#9aa3b5;stroke-dasharray:4 3}
svg.map{max-width:600px;margin:0 auto}svg.map .work{fill:none;stroke:#4e79a7;stroke-opacity:.13;stroke-width:.7}svg.map .work.aid{stroke:#e8892b;stroke-opacity:.3}
svg.map .outage{fill-opacity:.75;stroke:#fff;stroke-width:.5}svg.map .outage.open{stroke:#111;stroke-width:1.5}
svg.map .depot{fill:#1d2330}svg.map .cityname{fill:#1d2330;font-size:13px}
.o4{fill:#59a14f;background:#59a14f}.o12{fill:#edc948;background:#edc948}.o24{fill:#f28e2b;background:#f28e2b}.o99{fill:#c62828;background:#c62828}
.workl{background:#4e79a7}.worka{background:#e8892b}.depotsw{background:#1d2330}
.badge.rating-P{background:#2e7d32}.badge.rating-S{background:#7cb342}.badge.rating-M{background:#ef6c00}.badge.rating-U{background:#c62828}
.aar .area{background:#fff;border:1px solid var(--line);border-radius:6px;padding:6px 10px;margin:6px 0;break-inside:avoid}
.aar dl{margin:4px 0;display:grid;grid-template-columns:max-content 1fr;gap:2px 10px}.aar dt{color:var(--muted);font-weight:600}.aar dd{margin:0}
ul.explain{margin:6px 0;padding-left:20px;font-size:14px}
svg.split{vertical-align:middle}
footer{margin-top:36px;color:var(--muted);font-size:12.5px;border-top:1px solid var(--line);padding-top:8px}
@media print{
 body{background:#fff;font-size:11pt}main{max-width:none;padding:0}
 .card,table.baseline,table.compact,svg.chart,details.breaches{break-inside:avoid}
 section,h2,h3{break-after:avoid}h2{break-before:auto}
 details.breaches{display:block}details.breaches>summary{display:block}details.breaches>table{display:table;width:100%}
 tr.trainee{background:#fffbe8 !important}
 *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 @page{size:A4;margin:12mm}
 body{font-size:10pt}h2{font-size:16px;margin:16px 0 6px}h3{font-size:13.5px;margin:10px 0 4px}
 table{font-size:11px}th,td{padding:3px 6px}.card .value{font-size:19px}.card.grade .value{font-size:26px}
 .caption,.legend{font-size:11px}table.outage,td.times{font-size:10px}
 tr,.area{break-inside:avoid}
}
)CSS";

/// Puts the run's per-entity rows back where scorecards carried them before details.sqlite
/// (decisions[], crews.timeline[], complaints.events[], complaint_clocks[], the whole
/// important_customers[]), so the charts and tables read one shape, old scorecard or new.
void merge_details(rapidjson::Document& doc, const run::RunDetails& d) {
  auto& a = doc.GetAllocator();
  auto str = [&](const std::string& v) { return Value(v.c_str(), static_cast<rapidjson::SizeType>(v.size()), a); };
  auto hours = [&](double h) { return std::isnan(h) ? Value(rapidjson::kNullType) : Value(h); };
  auto put = [&](Value& obj, const char* key, Value v) {
    if (obj.HasMember(key)) obj.RemoveMember(key);
    obj.AddMember(Value(key, a), v, a);
  };
  Value decisions(rapidjson::kArrayType);
  decisions.Reserve(static_cast<rapidjson::SizeType>(d.decisions.size()), a);
  for (const run::DecisionRow& r : d.decisions) {  // what the report reads of each
    Value o(rapidjson::kObjectType);
    o.AddMember("hours", r.hours, a);
    o.AddMember("kind", r.kind, a);
    o.AddMember("by_trainee", r.by_trainee, a);
    o.AddMember("accepted", r.accepted, a);
    o.AddMember("reason", str(r.reason), a);
    decisions.PushBack(o, a);
  }
  put(doc, "decisions", std::move(decisions));

  if (!doc.HasMember("crews") || !doc["crews"].IsObject()) put(doc, "crews", Value(rapidjson::kObjectType));
  Value timeline(rapidjson::kArrayType);
  std::size_t seg = 0;
  for (const run::CrewRow& crew : d.crews) {
    Value o(rapidjson::kObjectType);
    o.AddMember("crew", str(crew.name), a);
    o.AddMember("type", str(crew.type), a);
    o.AddMember("mutual_aid", crew.mutual_aid, a);
    Value segments(rapidjson::kArrayType);
    while (seg < d.crew_segments.size() && d.crew_segments[seg].crew < crew.crew) ++seg;
    for (; seg < d.crew_segments.size() && d.crew_segments[seg].crew == crew.crew; ++seg) {
      const run::CrewSegmentRow& r = d.crew_segments[seg];
      Value t(rapidjson::kArrayType);
      t.PushBack(r.start_hours, a).PushBack(r.end_hours, a).PushBack(str(r.activity), a);
      segments.PushBack(t, a);
    }
    o.AddMember("segments", segments, a);
    timeline.PushBack(o, a);
  }
  put(doc["crews"], "timeline", std::move(timeline));

  if (!doc.HasMember("complaints") || !doc["complaints"].IsObject()) put(doc, "complaints", Value(rapidjson::kObjectType));
  Value events(rapidjson::kArrayType), clocks(rapidjson::kArrayType);
  std::vector<const run::ComplaintRow*> by_time;
  for (const run::ComplaintRow& r : d.complaints) {
    by_time.push_back(&r);
    Value o(rapidjson::kObjectType);
    o.AddMember("id", r.id, a);
    o.AddMember("customer", r.customer, a);
    o.AddMember("category", str(r.category), a);
    o.AddMember("reason", str(r.reason), a);
    o.AddMember("important", r.important, a);
    o.AddMember("opened_hours", hours(r.opened_hours), a);
    o.AddMember("contacted_hours", hours(r.contacted_hours), a);
    o.AddMember("replied_hours", hours(r.replied_hours), a);
    clocks.PushBack(o, a);
  }
  for (const run::ComplaintRow* r : by_time) {
    Value o(rapidjson::kObjectType);
    o.AddMember("hours", hours(r->opened_hours), a);
    o.AddMember("category", str(r->category), a);
    o.AddMember("reason", str(r->reason), a);
    events.PushBack(o, a);
  }
  put(doc["complaints"], "events", std::move(events));
  put(doc, "complaint_clocks", std::move(clocks));

  Value important(rapidjson::kArrayType);
  for (const run::ImportantRow& r : d.important_customers) {
    Value o(rapidjson::kObjectType);
    o.AddMember("customer", r.customer, a);
    o.AddMember("kind", str(r.kind), a);
    o.AddMember("name", str(r.name), a);
    o.AddMember("outage_minutes", r.outage_minutes, a);
    o.AddMember("interruptions", r.interruptions, a);
    o.AddMember("terrain", str(r.terrain), a);
    o.AddMember("terrain_median_minutes", r.terrain_median_minutes, a);
    o.AddMember("longer_than_median", r.longer_than_median, a);
    Value why(rapidjson::kArrayType);
    for (const run::ImportantDelayRow& w : r.why) {
      Value e(rapidjson::kObjectType);
      e.AddMember("reason", str(w.reason), a);
      e.AddMember("fault", w.fault, a);
      e.AddMember("amount", w.amount, a);
      why.PushBack(e, a);
    }
    o.AddMember("why", why, a);
    important.PushBack(o, a);
  }
  put(doc, "important_customers", std::move(important));
}

}  // namespace

std::string render_report(const std::string& scorecard_json, const std::string& language) {
  return render_report(scorecard_json, language, ReportExtras{});
}

std::string render_report(const std::string& scorecard_json, const std::string& language, const ReportExtras& extras) {
  Ctx c;
  c.lang = language == "zh" ? "zh" : "en";
  rapidjson::Document doc;
  doc.Parse(scorecard_json.c_str(), scorecard_json.size());
  if (!doc.HasParseError() && doc.IsObject() && extras.details) merge_details(doc, *extras.details);
  const std::string html_lang = c.lang == "zh" ? "zh-CN" : "en";
  std::string head = "<!doctype html>\n<html lang=\"" + html_lang +
                     "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">";
  if (doc.HasParseError() || !doc.IsObject()) {
    return head + "<title>Faultline</title><style>" + kStyle + "</style></head><body><main><h1>" + esc(c.t("title")) +
           "</h1><p class=\"nodata\">" + esc(c.t("unreadable")) + "</p></main></body></html>\n";
  }
  const Value& root = doc;
  const Value* run = member(root, "run");
  const debrief::Debrief* d = extras.debrief;
  c.end_hours = number(root, "sim_hours").value_or(0);
  if (run) {
    c.clk = debrief::Clock::from_start_local(text(*run, "start_local"));
    if (c.end_hours <= 0) c.end_hours = number(*run, "duration_hours").value_or(0);
  }
  const double drill = run ? number(*run, "duration_hours").value_or(c.end_hours) : c.end_hours;
  {
    // The last time more than 1 % of the peak was still out: a few stragglers (a remote
    // transformer) should not stretch the window over days of follow-up.
    double peak = 0, last_out = 0;
    const Value* curve = array(root, "restoration_curve");
    auto valid = [](const Value& pt) { return pt.IsArray() && pt.Size() >= 2 && pt[0].IsNumber() && pt[1].IsNumber(); };
    if (curve)
      for (const auto& pt : curve->GetArray())
        if (valid(pt)) peak = std::max(peak, pt[1].GetDouble());
    if (curve)
      for (const auto& pt : curve->GetArray())
        if (valid(pt) && pt[1].GetDouble() > 0.01 * peak) last_out = pt[0].GetDouble();
    // Show up to two hours after that, never less than the drill.
    c.view_hours = std::min(c.end_hours, std::max(drill, last_out + 2.0));
  }
  std::string name = run ? text(*run, c.lang == "zh" ? "name_zh" : "name_en") : "";
  if (name.empty()) name = text(root, "scenario");
  std::string html = head + "<title>" + esc(c.t("title")) + " — " + esc(name) + "</title><style>" + kStyle +
                     "</style></head><body><main>";

  // Header: the drill's own length, and separately how long complaint orders were followed.
  html += "<header><h1>" + esc(c.t("title")) + " · " + esc(name) + "</h1><div class=\"meta\">";
  if (run) {
    html += "<span>" + esc(fill(c.t("drill_span"), {c.duration_hours(drill), c.clock(0), c.clock(drill)})) + "</span>";
    if (c.end_hours > drill + 0.01)
      html += "<span>" + esc(fill(c.t("follow_up_span"), {c.clock(c.end_hours), c.duration_hours(c.end_hours - drill)})) + "</span>";
    std::string set = text(*run, c.lang == "zh" ? "commitment_set_name_zh" : "commitment_set_name_en");
    if (set.empty()) set = text(*run, "commitment_set");
    html += "<span>" + esc(c.t("commitment_set")) + ": " + esc(set) + "</span>";
    const Value* automatic = member(*run, "automatic_dispatcher");
    const bool is_auto = !automatic || !automatic->IsBool() || automatic->GetBool();
    html += "<span>" + esc(c.t("player")) + ": " + esc(c.t(is_auto ? "player_auto" : "player_trainee")) + "</span>";
  }
  html += "<span>" + esc(c.t("seed")) + ": " + esc(text(root, "seed")) + "</span></div></header>";

  // Headline cards.
  html += "<section><h2>" + esc(c.t("headline")) + "</h2><div class=\"cards\">";
  if (const Value* grade = member(root, "grade")) {
    const auto score = number(*grade, "score");
    const std::string letter = text(*grade, "letter");
    html += card(c.t("grade"), score ? esc(letter) + " <small>" + num(*score, 0) + "</small>" : "—",
                 "grade grade-" + (letter.empty() ? std::string("none") : letter));
  }
  if (const Value* h = member(root, "headline")) {
    if (d)  // over the drill, comparable between runs; the follow-up's figure in the label
      html += card(fill(c.t("customer_hours_drill"), {c.duration_hours(d->facts.drill_h)}) +
                       (d->facts.end_h > d->facts.drill_h + 0.01
                            ? "; " + fill(c.t("customer_hours_follow"), {num(number(*h, "customer_hours").value_or(0))})
                            : ""),
                   num(d->facts.customer_hours));
    else
      html += card(c.t("customer_hours"), num(number(*h, "customer_hours").value_or(0)));
    html += card(c.t("peak_out"), num(number(*h, "peak_customers_out").value_or(0)));
    html += card(c.t("faults"), num(number(*h, "faults").value_or(0)));
    const auto complaints = number(*h, "complaints");
    html += card(c.t("complaints"), complaints ? num(*complaints) : "—");
    const auto offered = number(*h, "calls_offered");
    html += card(c.t("calls_offered"), offered ? num(*offered) : "—");
    const auto sl = number(*h, "service_level_20s");
    html += card(c.t("service_level"), sl ? num(as_pct(*sl), 1) + "%" : "—");
    html += card(c.t("commitments_met"), num(number(*h, "commitments_met").value_or(0)) + " <small>" + esc(c.t("of")) + " " +
                                             num(number(*h, "commitments_measured").value_or(0)) + " " +
                                             esc(c.t("measured_word")) + "</small>");
  }
  html += "</div>";
  if (d && d->baseline) {
    // Both runs over the same window (the drill), from the debrief; the grade from the scorecard.
    const debrief::RunFacts& a = d->facts;
    const debrief::RunFacts& b = *d->baseline;
    auto row = [&](const std::string& label, double x, double y, int decimals) {
      const double diff = x - y;
      return "<tr><td>" + esc(label) + "</td><td class=\"n\">" + num(x, decimals) + "</td><td class=\"n\">" + num(y, decimals) +
             "</td><td class=\"n\">" + (diff > 0 ? "+" : "") + num(diff, decimals) + "</td></tr>";
    };
    html += "<h3>" + esc(c.t("baseline")) + "</h3><table class=\"baseline\"><thead><tr><th></th><th class=\"n\">" +
            esc(c.t("this_run")) + "</th><th class=\"n\">" + esc(c.t("baseline_run")) + "</th><th class=\"n\">" +
            esc(c.t("difference")) + "</th></tr></thead><tbody>" +
            row(fill(c.t("customer_hours_drill"), {c.duration_hours(a.drill_h)}), a.customer_hours, b.customer_hours, 0) +
            row(c.t("complaints"), a.complaints, b.complaints, 0) + row(c.t("col_breaches"), static_cast<double>(a.breaches), static_cast<double>(b.breaches), 0) +
            row(c.t("important_hours"), a.important_minutes / 60.0, b.important_minutes / 60.0, 0);
    if (const Value* baseline = member(root, "baseline")) {
      const Value* h = member(root, "headline");
      const auto ga = h ? number(*h, "grade_score") : std::nullopt;
      const auto gb = number(*baseline, "grade_score");
      if (ga && gb) html += row(c.t("grade"), *ga, *gb, 1);
    }
    html += "</tbody></table>" + sections::baseline_explained(c, *d);
  } else if (const Value* baseline = member(root, "baseline")) {
    const Value* h = member(root, "headline");
    const Value* diff = member(*baseline, "difference");
    auto row = [&](const char* label, const char* key_run, const char* key_base, int decimals) {
      const auto a = h ? number(*h, key_run) : std::nullopt;
      const auto b = number(*baseline, key_base);
      const auto dv = diff ? number(*diff, key_base) : std::nullopt;
      return "<tr><td>" + esc(c.t(label)) + "</td><td class=\"n\">" + (a ? num(*a, decimals) : "—") + "</td><td class=\"n\">" +
             (b ? num(*b, decimals) : "—") + "</td><td class=\"n\">" + (dv ? (*dv > 0 ? "+" : "") + num(*dv, decimals) : "—") +
             "</td></tr>";
    };
    html += "<h3>" + esc(c.t("baseline")) + "</h3><table class=\"baseline\"><thead><tr><th></th><th class=\"n\">" +
            esc(c.t("this_run")) + "</th><th class=\"n\">" + esc(c.t("baseline_run")) + "</th><th class=\"n\">" +
            esc(c.t("difference")) + "</th></tr></thead><tbody>" + row("customer_hours", "customer_hours", "customer_hours", 0) +
            row("complaints", "complaints", "complaints", 0) + row("commitments_met", "commitments_met", "commitments_met", 0) +
            row("grade", "grade_score", "grade_score", 1) + "</tbody></table>";
  }
  html += "</section>";

  if (d) {
    const debrief::Review review = debrief::build_review(*d, extras.costs);
    html += sections::review(c, *d, review);
    html += sections::decision_costs(c, *d, extras.costs);
    if (!d->calls.empty()) html += "<section>" + sections::call_transcripts(c, *d, 2, extras.appendix_href) + "</section>";
    html += sections::outages(c, *d, extras.appendix_href, 10);
  } else {
    html += "<section><h2>" + esc(c.t("improvements")) + "</h2><ol class=\"improve\">";
    for (const std::string& point : improvements(root, c)) html += "<li>" + esc(point) + "</li>";
    html += "</ol></section>";
  }

  html += commitments_section(root, c, d);
  auto fig = [](const std::string& chart) { return "<div class=\"fig\">" + chart + "</div>"; };
  html += "<section><h2>" + esc(c.t("charts")) + "</h2>" + fig(chart_customers_out(root, c)) + fig(chart_hotline(root, c)) +
          fig(chart_crews(root, c)) + fig(chart_complaints(root, c)) + "</section>";
  html += decisions_section(root, c, d, extras.appendix_href);
  html += important_section(root, c);
  html += grade_section(root, c);
  html += "<footer>" + esc(c.t("footer"));
  if (d) html += " <a href=\"" + esc(extras.appendix_href) + "\">" + esc(c.t("appendix_link")) + "</a>";
  html += "</footer></main></body></html>\n";
  return html;
}

std::string render_appendix(const debrief::Debrief& d, const std::string& language) {
  Ctx c;
  c.lang = language == "zh" ? "zh" : "en";
  c.clk = d.clock;
  c.end_hours = d.facts.end_h;
  const std::string title = c.t("appendix_title") + " · " + (c.lang == "zh" ? d.facts.name_zh : d.facts.name_en);
  std::string html = "<!doctype html>\n<html lang=\"" + std::string(c.lang == "zh" ? "zh-CN" : "en") +
                     "\"><head><meta charset=\"utf-8\"><title>" + esc(title) + "</title><style>" + kStyle +
                     "</style></head><body><main><header><h1>" + esc(title) + "</h1></header>";
  html += sections::outages(c, d, "", html::kAppendixRows);
  html += sections::decision_table(c, d, false, html::kAppendixRows, "");
  if (!d.calls.empty()) html += "<section>" + sections::call_transcripts(c, d, d.calls.size(), "") + "</section>";
  return html + "</main></body></html>\n";
}

std::string render_report_from_folder(const std::string& dir, const std::string& language) {
  const std::filesystem::path folder(dir);
  const std::string scorecard_path = (folder / "scorecard.json").string();
  std::ifstream in(scorecard_path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + scorecard_path + ": no such file");
  const std::string scorecard((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const run::RunDetails details = read_details((folder / kDetailsFileName).string());
  ReportExtras extras;
  extras.details = &details;
  return render_report(scorecard, language, extras);
}

void write_report_files(const std::string& dir, const std::string& scorecard_json, const std::string& language,
                        const ReportExtras& extras) {
  const std::filesystem::path folder(dir);
  write_file_atomically((folder / "report.html").string(), render_report(scorecard_json, language, extras));
  if (extras.debrief) write_file_atomically((folder / extras.appendix_href).string(), render_appendix(*extras.debrief, language));
}

}  // namespace fl::trainer
