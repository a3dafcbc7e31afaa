#include "trainer/damage_curve_command.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ostream>
#include <stdexcept>
#include <vector>

#include "sim/scenario/scenario.h"
#include "trainer/headless.h"

namespace fl::trainer {

namespace {

using world::DamageCurve;
using fl::FaultCause;

/// The causes shown, in table order, with their colours on the chart.
struct CauseColumn {
  FaultCause cause;
  const char* key;  ///< CSV header
  const char* en;
  const char* zh;
  const char* colour;
};
constexpr CauseColumn kColumns[] = {
    {FaultCause::kTreeOnLine, "tree_on_line", "tree on line", "树障压线", "#2e7d32"},
    {FaultCause::kBrokenPole, "broken_pole", "broken pole", "倒杆断杆", "#c62828"},
    {FaultCause::kConductorDown, "conductor_down", "conductor down", "断线", "#ef6c00"},
    {FaultCause::kTransformer, "transformer", "transformer", "配变损坏", "#6a1b9a"},
    {FaultCause::kBlownFuse, "blown_fuse", "blown fuse", "熔断器熔断", "#1565c0"},
};

std::string text(const std::string& language, const char* en, const char* zh) { return language == "zh" ? zh : en; }

std::string fixed(double v, int decimals) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '"') out += "&quot;";
    else out += c;
  }
  return out;
}

}  // namespace

std::string damage_curve_svg(const DamageCurve& curve, const std::string& title, const std::string& language) {
  const double W = 820, H = 500, left = 78, right = 190, top = 52, bottom = 58;
  const double pw = W - left - right, ph = H - top - bottom;
  double gmin = 1e9, gmax = -1e9, ymax = 0, ymin_pos = 1e9;
  for (std::size_t i = 0; i < curve.points.size(); ++i) {
    gmin = std::min(gmin, curve.points[i].peak_gust_mps);
    gmax = std::max(gmax, curve.points[i].peak_gust_mps);
    ymax = std::max(ymax, curve.total_per_100km(i));
    for (const auto& c : kColumns) {
      const double v = curve.points[i].per_100km(c.cause, curve.overhead_km);
      if (v > 0) ymin_pos = std::min(ymin_pos, v);
    }
  }
  if (gmax <= gmin) gmax = gmin + 1;
  // Decades from below the smallest non-zero value to above the largest.
  const double lo_dec = std::floor(std::log10(std::min(ymin_pos, std::max(ymax, 1e-3))));
  const double hi_dec = std::max(lo_dec + 1, std::ceil(std::log10(std::max(ymax, 1e-3))));
  auto X = [&](double g) { return left + (g - gmin) / (gmax - gmin) * pw; };
  auto Y = [&](double v) { return top + ph - (std::log10(v) - lo_dec) / (hi_dec - lo_dec) * ph; };
  std::string s;
  s += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + fixed(W, 0) + "\" height=\"" + fixed(H, 0) +
       "\" viewBox=\"0 0 " + fixed(W, 0) + " " + fixed(H, 0) +
       "\" font-family=\"'WenQuanYi Micro Hei', 'Noto Sans', sans-serif\" font-size=\"13\">\n";
  s += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  s += "<text x=\"" + fixed(left, 0) + "\" y=\"24\" font-size=\"16\" font-weight=\"bold\">" + escape(title) + "</text>\n";
  s += "<text x=\"" + fixed(left, 0) + "\" y=\"42\" fill=\"#555\">" +
       escape(text(language, "faults per 100 km of overhead line (log scale; zero counts not drawn); ",
                   "每百公里架空线路故障数（对数坐标，零值不画）；") +
              fixed(curve.overhead_km, 0) + text(language, " km overhead", " 公里架空线路")) +
       "</text>\n";
  // Grid: decades and their 2x, 5x.
  for (double d = lo_dec; d <= hi_dec + 1e-9; d += 1) {
    for (double m : {1.0, 2.0, 5.0}) {
      const double v = m * std::pow(10.0, d);
      if (std::log10(v) > hi_dec + 1e-9) continue;
      const double y = Y(v);
      s += "<line x1=\"" + fixed(left, 1) + "\" x2=\"" + fixed(left + pw, 1) + "\" y1=\"" + fixed(y, 1) + "\" y2=\"" +
           fixed(y, 1) + "\" stroke=\"" + (m == 1.0 ? "#bbb" : "#e6e6e6") + "\"/>\n";
      if (m == 1.0 || hi_dec - lo_dec <= 3) {
        char label[32];
        std::snprintf(label, sizeof label, "%g", v);
        s += "<text x=\"" + fixed(left - 6, 1) + "\" y=\"" + fixed(y + 4, 1) + "\" text-anchor=\"end\">" + label + "</text>\n";
      }
    }
  }
  for (const auto& p : curve.points) {
    const double x = X(p.peak_gust_mps);
    s += "<line x1=\"" + fixed(x, 1) + "\" x2=\"" + fixed(x, 1) + "\" y1=\"" + fixed(top, 1) + "\" y2=\"" +
         fixed(top + ph, 1) + "\" stroke=\"#eee\"/>\n";
    s += "<text x=\"" + fixed(x, 1) + "\" y=\"" + fixed(top + ph + 18, 1) + "\" text-anchor=\"middle\">" +
         fixed(p.peak_gust_mps, 0) + "</text>\n";
  }
  if (curve.base_peak_gust_mps >= gmin && curve.base_peak_gust_mps <= gmax) {
    // Where the scenario's own storm sits on the curve.
    const double x = X(curve.base_peak_gust_mps);
    s += "<line x1=\"" + fixed(x, 1) + "\" x2=\"" + fixed(x, 1) + "\" y1=\"" + fixed(top, 1) + "\" y2=\"" + fixed(top + ph, 1) +
         "\" stroke=\"#888\" stroke-dasharray=\"5,4\"/>\n";
    s += "<text x=\"" + fixed(x + 4, 1) + "\" y=\"" + fixed(top + ph - 8, 1) + "\" fill=\"#555\">" +
         escape(text(language, "the scenario's storm (", "本场景台风（") + fixed(curve.base_peak_gust_mps, 1) +
                text(language, " m/s)", " 米/秒）")) +
         "</text>\n";
  }
  s += "<rect x=\"" + fixed(left, 1) + "\" y=\"" + fixed(top, 1) + "\" width=\"" + fixed(pw, 1) + "\" height=\"" +
       fixed(ph, 1) + "\" fill=\"none\" stroke=\"#333\"/>\n";
  s += "<text x=\"" + fixed(left + pw / 2, 1) + "\" y=\"" + fixed(H - 14, 1) + "\" text-anchor=\"middle\">" +
       escape(text(language, "peak 3-s gust over land (m/s)", "陆上最大3秒阵风（米/秒）")) + "</text>\n";
  auto polyline = [&](auto value, const char* colour, double width) {
    std::string pts;
    std::string dots;
    for (std::size_t i = 0; i < curve.points.size(); ++i) {
      const double v = value(i);
      if (v <= 0) {  // zero: no point on a log scale; break the line
        if (!pts.empty()) s += "<polyline fill=\"none\" stroke=\"" + std::string(colour) + "\" stroke-width=\"" +
                               fixed(width, 1) + "\" points=\"" + pts + "\"/>\n";
        pts.clear();
        continue;
      }
      const double x = X(curve.points[i].peak_gust_mps), y = Y(v);
      pts += fixed(x, 1) + "," + fixed(y, 1) + " ";
      dots += "<circle cx=\"" + fixed(x, 1) + "\" cy=\"" + fixed(y, 1) + "\" r=\"" + fixed(width + 1, 1) + "\" fill=\"" +
              colour + "\"/>\n";
    }
    if (!pts.empty())
      s += "<polyline fill=\"none\" stroke=\"" + std::string(colour) + "\" stroke-width=\"" + fixed(width, 1) +
           "\" points=\"" + pts + "\"/>\n";
    s += dots;
  };
  double legend_y = top + 8;
  auto legend = [&](const std::string& label, const char* colour, double width) {
    s += "<line x1=\"" + fixed(left + pw + 16, 1) + "\" x2=\"" + fixed(left + pw + 44, 1) + "\" y1=\"" + fixed(legend_y, 1) +
         "\" y2=\"" + fixed(legend_y, 1) + "\" stroke=\"" + colour + "\" stroke-width=\"" + fixed(width, 1) + "\"/>\n";
    s += "<text x=\"" + fixed(left + pw + 50, 1) + "\" y=\"" + fixed(legend_y + 4, 1) + "\">" + escape(label) + "</text>\n";
    legend_y += 22;
  };
  polyline([&](std::size_t i) { return curve.total_per_100km(i); }, "#222", 2.5);
  legend(text(language, "all faults", "全部故障"), "#222", 2.5);
  for (const auto& c : kColumns) {
    bool any = false;
    for (const auto& p : curve.points) any = any || p.faults[static_cast<std::size_t>(c.cause)] > 0;
    if (!any) continue;
    polyline([&](std::size_t i) { return curve.points[i].per_100km(c.cause, curve.overhead_km); }, c.colour, 1.6);
    legend(text(language, c.en, c.zh), c.colour, 1.6);
  }
  s += "</svg>\n";
  return s;
}

int run_damage_curve_command(const DamageCurveArgs& args, std::ostream& out, std::ostream& err) {
  Scenario scenario;
  Problems problems;
  const bool loaded = load_scenario(args.scenario, scenario, problems);
  err << problems.format(args.scenario);
  if (!loaded) {
    err << args.scenario << ": " << problems.error_count() << " error(s); no damage curve computed\n";
    return 1;
  }
  if (!scenario.world.typhoon.enabled) {
    err << args.scenario << ": the scenario has no \"typhoon\" section (a calm day); there is no storm to scale\n";
    return 1;
  }
  if (!(args.step_mps > 0) || !(args.to_mps >= args.from_mps) || !(args.from_mps > 0)) {
    err << "--from/--to/--step: found " << args.from_mps << "/" << args.to_mps << "/" << args.step_mps
        << ", expected 0 < from <= to and step > 0 (m/s)\n";
    return 1;
  }
  std::vector<double> gusts;
  for (double g = args.from_mps; g <= args.to_mps + 1e-9; g += args.step_mps) gusts.push_back(g);
  const std::uint64_t seed = args.seed_given ? args.seed : scenario.seed;
  world::DamageCurve curve;
  try {
    curve = world::compute_damage_curve(scenario, seed, gusts);
  } catch (const std::invalid_argument& e) {
    err << args.scenario << ": " << e.what() << "\n";
    return 1;
  }
  const std::string& lang = args.language;
  if (args.csv) {
    out << "peak_gust_mps,wind_scale,overhead_km,total_per_100km";
    for (const auto& c : kColumns) out << ',' << c.key << "_per_100km";
    out << ",total_faults,peak_customers_out\n";
    for (std::size_t i = 0; i < curve.points.size(); ++i) {
      const auto& p = curve.points[i];
      out << fixed(p.peak_gust_mps, 1) << ',' << fixed(p.wind_scale, 4) << ',' << fixed(curve.overhead_km, 1) << ','
          << fixed(curve.total_per_100km(i), 3);
      for (const auto& c : kColumns) out << ',' << fixed(p.per_100km(c.cause, curve.overhead_km), 3);
      out << ',' << p.total_faults << ',' << p.peak_customers_out << '\n';
    }
  } else {
    out << text(lang, "Damage curve of ", "损坏曲线：") << args.scenario << text(lang, " (seed ", "（随机种子 ") << seed
        << text(lang, "): the storm's own peak land gust is ", "）：原台风陆上最大阵风 ")
        << fixed(curve.base_peak_gust_mps, 1) << text(lang, " m/s; ", " 米/秒；") << fixed(curve.overhead_km, 0)
        << text(lang, " km of overhead line; faults per 100 km\n", " 公里架空线路；每百公里故障数\n");
    char line[256];
    std::snprintf(line, sizeof line, "%9s %7s", text(lang, "gust m/s", "阵风").c_str(), text(lang, "all", "全部").c_str());
    out << line;
    for (const auto& c : kColumns) {
      std::snprintf(line, sizeof line, " %14s", text(lang, c.en, c.zh).c_str());
      out << line;
    }
    std::snprintf(line, sizeof line, " %9s %12s\n", text(lang, "faults", "故障数").c_str(),
                  text(lang, "peak out", "最多停电户").c_str());
    out << line;
    for (std::size_t i = 0; i < curve.points.size(); ++i) {
      const auto& p = curve.points[i];
      std::snprintf(line, sizeof line, "%9.1f %7.2f", p.peak_gust_mps, curve.total_per_100km(i));
      out << line;
      for (const auto& c : kColumns) {
        std::snprintf(line, sizeof line, " %14.2f", p.per_100km(c.cause, curve.overhead_km));
        out << line;
      }
      std::snprintf(line, sizeof line, " %9u %12llu\n", p.total_faults, static_cast<unsigned long long>(p.peak_customers_out));
      out << line;
    }
  }
  if (!args.svg.empty()) {
    const std::string name = scenario.name.in(lang).empty() ? scenario.id : scenario.name.in(lang);
    try {
      write_file_atomically(args.svg, damage_curve_svg(curve, text(lang, "Damage curve: ", "损坏曲线：") + name, lang));
    } catch (const std::exception& e) {
      err << "--svg: " << e.what() << "\n";
      return 1;
    }
    err << "chart: " << args.svg << "\n";
  }
  return 0;
}

}  // namespace fl::trainer
