// The after-action report, rendered from a synthetic but complete scorecard: every chart must
// carry data, every breached commitment must appear, and the file must stand alone.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "sim/core/calendar.h"
#include "sim/core/json_writer.h"
#include "sim/core/random.h"
#include "sim/run/details.h"
#include "sim/scenario/scenario.h"
#include "sim/scoring/scoring.h"
#include "sim/simulator.h"
#include "trainer/debrief/text.h"
#include "trainer/report.h"
#include "trainer/report_html.h"

namespace fl::trainer {
namespace {

constexpr Time H = kHour;

/// A 72-hour typhoon run built by hand: records scored by the real scoring code, the other
/// sections in the shapes the world and hotline write.
std::string synthetic_scorecard() {
  RandomStream rng(StreamKey{7, 0, Purpose::kTest, 1});
  std::vector<RepairRecord> repairs;
  for (std::uint32_t i = 0; i < 60; ++i) {
    RepairRecord r;
    r.fault_id = 100 + i;
    r.terrain = static_cast<Terrain>(i % 3);
    r.occurred = 20 * H + static_cast<Time>(rng.uniform01() * 10 * H);
    r.reported = r.occurred + static_cast<Time>(rng.uniform01() * 20 * kMinute);
    r.arrived = r.reported + static_cast<Time>((20 + rng.uniform01() * 200) * kMinute);
    r.restored = i % 17 == 0 ? kNever : r.arrived + static_cast<Time>((30 + rng.uniform01() * 400) * kMinute);
    r.customers = 50 + static_cast<std::uint32_t>(rng.uniform01() * 900);
    repairs.push_back(r);
  }
  std::vector<ComplaintRecord> complaints;
  const char* cats[] = {"outage", "service", "voltage_quality", "billing", "construction"};
  for (std::uint32_t i = 0; i < 40; ++i) {
    ComplaintRecord c;
    c.id = i + 1;
    c.customer = 5000 + i;
    c.category = cats[i % 5];
    c.opened = 22 * H + static_cast<Time>(rng.uniform01() * 40 * H);
    c.contacted = i % 4 == 0 ? kNever : c.opened + static_cast<Time>(rng.uniform01() * 40 * H);
    c.replied = kNever;
    complaints.push_back(c);
  }
  scoring::CommitmentSet set;
  auto add = [&](std::string id, std::string measure, std::string basis, double target, scoring::TerrainTargets t = {}) {
    scoring::CommitmentSpec s;
    s.id = std::move(id);
    s.text = {"中文承诺 " + s.id, "English wording of " + s.id};
    s.measure = std::move(measure);
    s.basis = std::move(basis);
    s.target = target;
    s.targets = t;
    set.commitments.push_back(s);
  };
  add("arrival", "arrival_minutes", "average", -1, {45, 90, 120});
  add("restore", "restore_after_arrival_minutes", "average", -1, {180, 240, 240});
  add("pickup", "hotline_pickup_s", "per_incident", 25);
  add("complaint_contact", "complaint_contact_working_days", "per_incident", 1);
  add("reliability", "reliability_rs1_pct", "average", 99.9);
  add("planned_notice", "planned_notice_days", "per_incident", 7);

  scoring::HotlineFigures hot;
  hot.offered = 0;
  hot.service_level_5_rings = 0.7;
  hot.service_level_20s = 0.62;
  hot.asa_s = 48;
  JsonWriter w(true);
  w.begin_object();
  w.key("scenario").value("synthetic");
  w.key("seed").value(7);
  w.key("sim_hours").value(72.0);
  w.key("events").value(123456);
  w.key("run").begin_object();
  w.key("name_en").value("Synthetic typhoon");
  w.key("name_zh").value("合成台风");
  w.key("start_local").value("2024-09-15T06:00");
  w.key("duration_hours").value(72.0);
  w.key("commitment_set").value("synthetic");
  w.key("automatic_dispatcher").value(false);
  w.end_object();
  // Hotline intervals first (the pickup commitment reads them).
  for (int i = 0; i < 144; ++i) {
    scoring::HotlineInterval iv;
    iv.start_hours = i * 0.5;
    const double storm = std::exp(-std::pow((iv.start_hours - 26) / 8.0, 2));
    iv.offered = std::round(20 + 400 * storm);
    iv.service_level_5_rings = std::max(0.1, 0.95 - storm * 0.8);
    iv.service_level_20s = std::max(0.05, 0.9 - storm * 0.85);
    iv.answered = std::round(iv.offered * (0.9 - 0.4 * storm));
    iv.abandoned = std::round(iv.offered * 0.3 * storm);
    hot.intervals.push_back(iv);
    *hot.offered += iv.offered;
  }
  const WorkingCalendar cal(CivilDate{2024, 9, 15}, 6 * 3600, {}, {});
  scoring::ScoringInputs in;
  in.repairs = repairs;
  in.complaints = complaints;
  in.calendar = &cal;
  in.end = 72 * H;
  in.hotline = hot;
  in.reliability.asai = 0.991;
  const auto results = scoring::score_commitments(set, in);
  w.key("commitments");
  scoring::write_commitments(w, results);
  scoring::GradeInputs g;
  g.commitments = results;
  g.repairs = repairs;
  g.complaints = 40;
  g.service_level_20s = 0.62;
  g.end = 72 * H;
  w.key("grade");
  scoring::write_grade(w, scoring::compute_grade(g));
  w.key("headline").begin_object();
  w.key("customer_hours").value(812345.0);
  w.key("peak_customers_out").value(31000.0);
  w.key("faults").value(60);
  w.key("complaints").value(40.0);
  w.key("calls_offered").value(*hot.offered);
  w.key("service_level_20s").value(0.62);
  w.key("commitments_measured").value(5);
  w.key("commitments_met").value(1);
  w.end_object();
  w.key("baseline").begin_object();
  w.key("customer_hours").value(700000.0);
  w.key("complaints").value(33.0);
  w.key("commitments_met").value(2);
  w.key("grade_score").value(61.0);
  w.key("difference").begin_object();
  w.key("customer_hours").value(112345.0);
  w.key("complaints").value(7.0);
  w.key("commitments_met").value(-1);
  w.key("grade_score").value(-5.0);
  w.end_object();
  w.end_object();
  w.key("important_customers").begin_array();
  for (int i = 0; i < 4; ++i) {
    w.begin_object();
    w.key("customer").value(i);
    w.key("kind").value(i == 0 ? "hospital" : "water_works");
    w.key("name").value(i == 0 ? "City hospital" : "Water works " + std::to_string(i));
    w.key("outage_minutes").value(100.0 * i * i);
    w.key("interruptions").value(i);
    w.end_object();
  }
  w.end_array();
  w.key("reliability").begin_object();
  w.key("saidi").value(480.0);
  w.key("asai").value(0.991);
  w.end_object();
  w.key("hotline").begin_object();
  w.key("offered").value(*hot.offered);
  w.key("abandoned").value(*hot.offered * 0.12);
  w.key("service_level_20s").value(0.62);
  w.key("intervals").begin_array();
  for (const auto& iv : hot.intervals) {
    w.begin_object();
    w.key("start_hours").value(iv.start_hours);
    w.key("offered").value(iv.offered);
    w.key("answered").value(iv.answered);
    w.key("abandoned").value(iv.abandoned);
    w.key("service_level_20s").value(*iv.service_level_20s);
    w.key("service_level_5_rings").value(*iv.service_level_5_rings);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  w.key("complaints").begin_object();
  w.key("total").value(40);
  w.key("events").begin_array();
  for (const auto& c : complaints) {
    w.begin_object();
    w.key("hours").value(to_hours(c.opened));
    w.key("category").value(c.category);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  w.key("restoration_curve").begin_array();
  for (int i = 0; i <= 288; ++i) {
    const double h = i * 0.25;
    const double out = h < 20 ? 0 : h < 28 ? 31000 * (h - 20) / 8 : 31000 * std::exp(-(h - 28) / 14);
    w.begin_array();
    w.value(h);
    w.value(std::round(out));
    w.end_array();
  }
  w.end_array();
  w.key("storm").begin_object();
  w.key("landfall_hours").value(26.5);
  w.key("peak_gust_mps").value(48.0);
  w.key("warning_timeline").begin_array();
  const std::pair<double, const char*> levels[] = {{0, "blue"}, {6, "yellow"}, {14, "orange"}, {20, "red"}, {34, "orange"}, {40, "none"}};
  for (const auto& [h, level] : levels) {
    w.begin_object();
    w.key("hours").value(h);
    w.key("level").value(level);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  w.key("crews").begin_object();
  w.key("timeline").begin_array();
  const char* acts[] = {"travel", "patrol", "repair", "wait", "travel", "repair", "rest"};
  for (int crew = 0; crew < 12; ++crew) {
    w.begin_object();
    w.key("crew").value("L" + std::to_string(crew + 1));
    w.key("segments").begin_array();
    double t = 4 + crew * 0.5;
    for (int k = 0; t < 72; ++k) {
      const double len = k % 7 == 6 ? 8 : 0.5 + rng.uniform01() * 3;
      w.begin_object();
      w.key("start_hours").value(t);
      w.key("end_hours").value(std::min(72.0, t + len));
      w.key("activity").value(acts[k % 7]);
      w.end_object();
      t += len;
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.end_object();
  w.key("decisions").begin_array();
  for (int i = 0; i < 40; ++i) {
    w.begin_object();
    w.key("hours").value(10.0 + i * 1.3);
    w.key("kind").value(i % 5 == 4 ? 100 : i % 3);
    w.key("actor").value(i % 12);
    w.key("target").value(100 + i);
    w.key("value").value(0);
    w.key("by_trainee").value(i % 2 == 0);
    w.key("accepted").value(i % 7 != 3);
    w.key("reason").value(i % 7 != 3 ? "" : "crew " + std::to_string(i % 12) + " is off shift until 06:00");
    w.key("context").value("predicted fuse F-" + std::to_string(1200 + i) + "; actual fault on span S-" + std::to_string(80 + i));
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return w.str();
}

std::vector<std::string> chart_svgs(const std::string& html) {
  std::vector<std::string> out;
  for (std::size_t pos = html.find("<svg class=\"chart\""); pos != std::string::npos;
       pos = html.find("<svg class=\"chart\"", pos + 1)) {
    const std::size_t end = html.find("</svg>", pos);
    out.push_back(html.substr(pos, end - pos));
  }
  return out;
}

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t pos = s.find(what); pos != std::string::npos; pos = s.find(what, pos + 1)) ++n;
  return n;
}

void maybe_save(const std::string& name, const std::string& html) {
  if (const char* dir = std::getenv("FAULTLINE_REPORT_OUT")) std::ofstream(std::string(dir) + "/" + name) << html;
}

TEST(Report, EveryChartHasDataAndEveryBreachedCommitmentAppears) {
  const std::string scorecard = synthetic_scorecard();
  const std::string html = render_report(scorecard, "en");
  maybe_save("report_en.html", html);
  const auto svgs = chart_svgs(html);
  // Customers out, hotline, crews, complaints, decisions.
  ASSERT_EQ(svgs.size(), 5u) << html.substr(0, 2000);
  for (const std::string& svg : svgs) {
    // Each chart states how many values it draws, and draws marks for them.
    const std::size_t at = svg.find("data-points=\"");
    ASSERT_NE(at, std::string::npos);
    EXPECT_GE(std::stoul(svg.substr(at + 13)), 5u) << svg.substr(0, 300);
    EXPECT_GE(count(svg, "class=\"d "), 1u) << svg.substr(0, 300);
  }
  // Bars, segments and points are one mark per value.
  EXPECT_GE(count(svgs[1], "class=\"d bar"), 100u);
  EXPECT_GE(count(svgs[2], "class=\"d seg"), 12u * 5);
  EXPECT_EQ(count(svgs[4], "class=\"d pt"), 40u);
  EXPECT_EQ(count(html, "class=\"nodata\""), 0u);
  // Warning bands and landfall are drawn on the first chart.
  EXPECT_NE(svgs[0].find("band red"), std::string::npos);
  EXPECT_NE(svgs[0].find("class=\"landfall\""), std::string::npos);
  // Every breached commitment (from the scorecard itself) has a row and a breach list.
  rapidjson::Document doc;
  doc.Parse(scorecard.c_str());
  ASSERT_TRUE(doc.IsObject());
  std::size_t breached = 0;
  for (const auto& c : doc["commitments"].GetArray()) {
    if (!c["met"].IsBool() || c["met"].GetBool()) continue;
    const std::string id = c["id"].GetString();
    ++breached;
    EXPECT_NE(html.find("id=\"c-" + id + "\""), std::string::npos) << id;
    EXPECT_NE(html.find("<details class=\"breaches\" open data-id=\"" + id + "\""), std::string::npos) << id;
  }
  EXPECT_GE(breached, 3u);
  // The unmeasured commitment says so instead of passing or failing.
  EXPECT_NE(html.find("id=\"c-planned_notice\""), std::string::npos);
  EXPECT_NE(html.find("not measured"), std::string::npos);
  // Improvement points name concrete breaches and the baseline difference.
  EXPECT_NE(html.find("Crew arrival:"), std::string::npos);
  EXPECT_NE(html.find("Hotline pick-up:"), std::string::npos);
  EXPECT_NE(html.find("more customer-hours without supply than the automatic dispatcher"), std::string::npos);
  EXPECT_NE(html.find("off shift"), std::string::npos);  // a refused trainee command's reason
  // The simulator's internal context (English, with device codes) is not shown to the trainee.
  EXPECT_EQ(html.find("actual fault on span S-80"), std::string::npos);
}

TEST(Report, IsSelfContainedAndPrintable) {
  const std::string html = render_report(synthetic_scorecard(), "en");
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  std::string without_ns = html;
  for (std::size_t p; (p = without_ns.find("http://www.w3.org/2000/svg")) != std::string::npos;) without_ns.erase(p, 26);
  EXPECT_EQ(without_ns.find("http"), std::string::npos);
  EXPECT_NE(html.find("@media print"), std::string::npos);
  EXPECT_EQ(html, render_report(synthetic_scorecard(), "en"));  // deterministic
}

TEST(Report, SpeaksTheRunsLanguage) {
  const std::string zh = render_report(synthetic_scorecard(), "zh");
  maybe_save("report_zh.html", zh);
  EXPECT_NE(zh.find("lang=\"zh-CN\""), std::string::npos);
  EXPECT_NE(zh.find("演练复盘报告"), std::string::npos);
  EXPECT_NE(zh.find("中文承诺 arrival"), std::string::npos);
  EXPECT_EQ(zh.find("English wording of arrival"), std::string::npos);
  EXPECT_NE(zh.find("到场时限"), std::string::npos);
  const std::string en = render_report(synthetic_scorecard(), "en");
  EXPECT_NE(en.find("English wording of arrival"), std::string::npos);
  EXPECT_EQ(en.find("演练复盘报告"), std::string::npos);
}

TEST(Report, ThousandsOfAutomaticCommandsStayReadable) {
  std::string decisions;
  for (int i = 0; i < 5000; ++i)
    decisions += std::string(i ? "," : "") + R"({"hours": )" + std::to_string(i * 0.01) + R"(, "kind": )" +
                 std::to_string(i % 3) + R"(, "by_trainee": )" + (i == 77 ? "true" : "false") + R"(, "accepted": true})";
  const std::string html =
      render_report(R"({"scenario": "busy", "sim_hours": 50, "decisions": [)" + decisions + "]}", "en");
  const auto svgs = chart_svgs(html);
  ASSERT_EQ(svgs.size(), 1u);
  EXPECT_NE(svgs[0].find("data-points=\"5000\""), std::string::npos);
  // One mark per kind and quarter-hour (3 kinds × 200 quarter-hours) plus the trainee's own.
  EXPECT_LE(count(svgs[0], "<circle"), 3u * 200 + 1);
  EXPECT_EQ(count(svgs[0], "trainee"), 1u);
  // The table shows the trainee's command first among at most 30 rows, and says how many it leaves out.
  EXPECT_NE(html.find("Showing 30 of 5000 commands (the trainee's first)"), std::string::npos);
  EXPECT_NE(html.find("<p class=\"more\">… and 4970 more</p>"), std::string::npos);
}

TEST(Report, BuiltFromARunItShowsTheTopRowsAndHowManyMore) {
  Scenario scenario;
  Problems p;
  const std::string path = std::string(FAULTLINE_SOURCE_DIR) + "/tests/data/small_storm.json";
  ASSERT_TRUE(load_scenario(path, scenario, p)) << p.format(path);
  Simulator sim(scenario, RunOptions{scenario.seed, 0, true});
  sim.run_to_end();
  const std::string card = sim.scorecard_json();
  const run::RunDetails details = run::collect_details(sim);
  const std::size_t total = details.decisions.size();
  ASSERT_GT(total, 30u);
  ReportExtras extras;
  extras.details = &details;
  // The decisions come from the details (the scorecard only counts them): 30 rows and a line for the rest.
  const std::string en = render_report(card, "en", extras);
  EXPECT_NE(en.find("Showing 30 of " + std::to_string(total) + " commands"), std::string::npos);
  const std::string more = debrief::format_number(static_cast<double>(total - 30), 0);
  EXPECT_NE(en.find("<p class=\"more\">… and " + more + " more</p>"), std::string::npos) << more;
  EXPECT_NE(en.find("data-points=\"" + std::to_string(total) + "\""), std::string::npos);  // the decision chart
  const std::string zh = render_report(card, "zh", extras);
  EXPECT_NE(zh.find("<p class=\"more\">……另有 " + more + " 项未列出</p>"), std::string::npos);
  // Without the details the report still renders, from the scorecard's counts alone.
  const std::string lean = render_report(card, "en");
  EXPECT_NE(lean.find("<html"), std::string::npos);
  EXPECT_EQ(lean.find("<p class=\"more\">… and " + more), std::string::npos);
}

TEST(Report, ALargeRosterIsDrawnAsCrewsAtWorkAndTheWorstImportantCustomersListed) {
  // 400 crews and 300 important customers out: no row per crew, 60 customers and a line for the rest.
  JsonWriter w(false);
  w.begin_object();
  w.key("scenario").value("big");
  w.key("sim_hours").value(24.0);
  w.key("crews").begin_object();
  w.key("timeline").begin_array();
  for (int c = 0; c < 400; ++c) {
    w.begin_object();
    w.key("crew").value("Crew " + std::to_string(c));
    w.key("segments").begin_array();
    w.begin_array();
    w.value(1.0 + c % 5);
    w.value(6.0 + c % 7);
    w.value(c % 2 ? "repair" : "travel");
    w.end_array();
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.end_object();
  w.key("important_customers").begin_array();
  for (int i = 0; i < 300; ++i) {
    w.begin_object();
    w.key("customer").value(i);
    w.key("kind").value("hospital");
    w.key("name").value("");
    w.key("outage_minutes").value(1000.0 - i);
    w.key("interruptions").value(1);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  const std::string html = render_report(w.str(), "en");
  EXPECT_EQ(html.find(">Crew 399<"), std::string::npos);
  EXPECT_NE(html.find("Crews at work over time, by activity: 400 crews"), std::string::npos);
  EXPECT_NE(html.find("<p class=\"more\">… and 240 more</p>"), std::string::npos);
}

TEST(Report, ThousandsOfOutagesAreSummedPerMapCellBeyondTheLargest) {
  // A province's outages: the 1,500 largest drawn one by one, the rest one mark per map cell.
  debrief::Debrief d;
  d.width_m = 200'000;
  d.height_m = 100'000;
  for (std::uint32_t i = 0; i < 4000; ++i) {
    debrief::OutageRow r;
    r.fault = i;
    r.cause = "tree_on_line";
    r.customers = 10 + i;
    r.repair_h = 1 + i % 30;
    r.restored = true;
    r.x_m = static_cast<double>((i * 7919) % 200'000);
    r.y_m = static_cast<double>((i * 104'729) % 100'000);
    d.outages.push_back(r);
  }
  html::Ctx c;
  c.lang = "en";
  const std::string s = sections::outages(c, d, "decisions.html", 10);
  const std::size_t marks = count(s, "class=\"d outage");
  const std::size_t cells = count(s, "class=\"d outage cell");
  EXPECT_EQ(marks - cells, 1500u);
  EXPECT_GT(cells, 0u);
  EXPECT_LT(cells, 2500u);  // summed: fewer marks than outages
  EXPECT_NE(s.find("The 1500 largest outages are drawn one by one; the other 2500 are summed per map cell."), std::string::npos);
  EXPECT_NE(s.find("<p class=\"more\">… and 3990 more</p>"), std::string::npos);  // the table's worst 10
}

TEST(Report, ChartsWithoutDataSaySoPlainly) {
  const std::string html = render_report(R"({"scenario": "calm", "seed": 1, "sim_hours": 2, "commitments": [],
      "restoration_curve": [], "storm": {"landfall_hours": null}, "hotline": {}, "crews": {}, "complaints": {},
      "decisions": []})", "en");
  maybe_save("report_empty.html", html);
  EXPECT_EQ(chart_svgs(html).size(), 0u);
  EXPECT_GE(count(html, "No data: the scorecard holds no"), 5u);
  EXPECT_NE(html.find("lists no commitments"), std::string::npos);
  // Unreadable input still gives a page, not a crash.
  EXPECT_NE(render_report("not json", "zh").find("<html"), std::string::npos);
}

}  // namespace
}  // namespace fl::trainer
