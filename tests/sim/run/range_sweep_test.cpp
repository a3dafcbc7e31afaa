// Every duration, rate, speed, count and size field of a scenario has a documented two-sided range
// (scenarios/docs/ranges.md). At each bound the scenario validates and runs; just past it the
// scenario is refused with the field's path. The table below is the documentation's, written out
// independently of the validators, so a range changed in one place and not the other fails here.
#include <gtest/gtest.h>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/pointer.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sim/scenario/scenario.h"
#include "sim/simulator.h"

namespace fl {
namespace {

struct Range {
  const char* path;  // dotted path as problems print it
  double lo, hi;
  bool integer = false;
  const char* refused_lo_path = nullptr;  // when below lo another field's rule names the problem
  bool open_lo = false, open_hi = false;  // strict bounds set by a neighbour (not swept past)
  /// Other fields moved first so the bound fits (pointer, value), e.g. places inside a tiny area.
  std::vector<std::pair<const char*, double>> setup = {};
};

const std::vector<std::pair<const char*, double>> kIntoTwoByTwoKm = {
    {"/area/cities/0/x_km", 1}, {"/area/cities/0/y_km", 1}, {"/area/cities/0/radius_km", 0.8},
    {"/grid/substations/0/x_km", 1}, {"/grid/substations/0/y_km", 1}, {"/crews/depots/0/x_km", 1},
    {"/crews/depots/0/y_km", 1}, {"/area/coast_y_km", 0.2},
    // 1 km cells keep the 200 km bound at the fixture's cell count: run time grows with the
    // grid's size times its faults (Grid::refresh), not with the field itself.
    {"/area/cell_size_m", 1000}};

// Bounds that depend on other fields are given for the fixture below (a 10 x 8 km area).
const std::vector<Range> kRanges = {
    {"duration_hours", 0.25, 1440},
    {"start.utc_offset_min", -720, 840, true},
    {"area.width_km", 2, 200, false, nullptr, false, false, kIntoTwoByTwoKm},
    {"area.height_km", 2, 200, false, nullptr, false, false, kIntoTwoByTwoKm},
    {"area.cell_size_m", 50, 2000},
    {"area.coast_y_km", 0, 8},
    {"area.coast_amplitude_km", 0, 50},
    {"area.coast_wavelength_km", 0.5, 1000},
    {"area.hills_from_y_km", -1000, 1000},
    {"area.cities[0].x_km", 0, 10},
    {"area.cities[0].y_km", 0, 8},
    {"area.cities[0].radius_km", 0.1, 200},
    {"area.cities[0].customers_per_cell", 0, 5000},
    {"area.rural_customers_per_cell", 0, 500},
    {"area.remote_customers_per_cell", 0, 500},
    {"area.rural_empty_pct", 0, 100},
    {"area.remote_empty_pct", 0, 100},
    {"area.commercial_pct", 0, 100, false, nullptr, false, false, {{"/area/industrial_pct", 0}}},
    {"area.industrial_pct", 0, 92},  // at most 100 - commercial_pct (8)
    {"area.hospitals", 0, 1000, true},
    {"area.water_works", 0, 1000, true},
    {"area.government", 0, 1000, true},
    {"area.life_support", 0, 10000, true},
    {"area.trees_per_km_urban", 0, 50},
    {"area.trees_per_km_rural", 0, 50},
    {"area.trees_per_km_remote", 0, 50},
    {"area.tree_height_median_m", 2, 60},
    {"area.tree_height_beta", 0, 1.5},
    {"area.road_spacing_cells", 1, 40, true},
    {"grid.substations[0].x_km", 0, 10},
    {"grid.substations[0].y_km", 0, 8},
    {"grid.substations[0].feeders", 1, 40, true},
    {"grid.pole_span_m", 20, 200},
    {"grid.urban_cable_pct", 0, 100},
    {"grid.feeder_capacity_pct", 100, 400},
    {"grid.reclosers_per_feeder", 0, 5, true},
    {"grid.switch_every_segments", 1, 1000, true},
    {"grid.conductor.median_mps", 5, 200},
    {"grid.transformer.median_mps", 5, 200},
    {"grid.contact.median_mps", 5, 200},
    {"grid.contact.beta", 0, 2},
    {"grid.covered_contact_factor", 1, 5},
    {"typhoon.track[0].time_h", -2000, 0.5, false, nullptr, false, true},  // strictly before track[1] (1 h)
    {"typhoon.track[2].time_h", 1.5, 2000, false, nullptr, true, false},   // strictly after track[1]
    {"typhoon.track[1].x_km", -20000, 20000},
    {"typhoon.track[1].y_km", -20000, 20000},
    {"typhoon.track[1].central_pressure_hpa", 850, 1010},  // at most ambient_pressure_hpa
    {"typhoon.track[1].rmax_km", 1, 500},
    {"typhoon.track[1].holland_b", 1, 2.5},
    {"typhoon.ambient_pressure_hpa", 990, 1050, false, "typhoon.track[2].central_pressure_hpa"},  // >= centrals
    {"typhoon.latitude_deg", -60, 60},
    {"typhoon.surface_factor_sea", 0.1, 1},
    {"crews.depots[0].x_km", 0, 10},
    {"crews.depots[0].line_crews", 0, 1000, true},
    {"crews.depots[0].tree_crews", 0, 1000, true},
    {"crews.depots[0].assessment_crews", 0, 1000, true},
    {"crews.mutual_aid[0].line_crews", 0, 1000, true},
    {"crews.mutual_aid[0].lead_time_h", 0, 240},
    {"crews.shift_on_h", 1, 24},
    {"crews.shift_off_h", 1, 24},
    {"crews.urban_speed_kmph", 1, 200},
    {"crews.rural_speed_kmph", 1, 200},
    {"crews.remote_speed_kmph", 1, 200},
    {"crews.highway_speed_kmph", 1, 200},
    {"crews.drive_wind_limit_mps", 5, 100},
    {"crews.elevated_wind_limit_mps", 5, 100},
    {"crews.patrol_speed_kmph", 0.5, 100},
    {"crews.calls_pinpoint_customers", 0, 10000000},
    {"crews.calls_pinpoint_factor", 0.01, 1},
    {"crews.road_clear_median_h", 0.01, 240},
    {"crews.repair_pole.median_h", 0.01, 240},
    {"crews.repair_pole.beta", 0, 2},
    {"crews.repair_conductor.median_h", 0.01, 240},
    {"crews.repair_tree_clearing.median_h", 0.01, 240},
    {"crews.repair_tree_line.median_h", 0.01, 240},
    {"crews.repair_transformer.median_h", 0.01, 240},
    {"crews.repair_fuse.median_h", 0.01, 240},
    {"dispatcher.mutual_aid_trigger_pct", 0, 100},
    {"dispatcher.important_weight", 0, 1000000},
    {"customers.residential.call_pct", 0, 100},
    {"customers.residential.median_delay_min", 0.1, 1440},
    {"customers.residential.delay_beta", 0, 3},
    {"customers.residential.repeat_pct", 0, 100},
    {"customers.residential.repeat_mean_h", 0.01, 240},
    {"customers.important.median_delay_min", 0.1, 1440},
    {"customers.important_call_factor", 0, 100},
    {"customers.announced_call_factor", 0, 1},
    {"customers.etr_passed_repeat_factor", 0, 100},
    {"customers.max_calls_per_outage", 1, 100, true},
    {"customers.background_calls_per_hour", 0.01, 20000},
    {"customers.hourly_profile[7]", 0, 1000},
    {"customers.background_mix.enquiry", 0, 1000},
    {"customers.background_mix.voltage_quality", 0, 1000},
    {"hotline.seats_per_half_hour[0]", 0, 10000, true},
    {"hotline.default_seats", 0, 10000, true},
    {"hotline.shrinkage_pct", 0, 95},
    {"hotline.handling_beta", 0, 3},
    {"hotline.aht.outage_s", 1, 7200},
    {"hotline.aht.complaint_s", 1, 7200},
    {"hotline.aht.enquiry_s", 1, 7200},
    {"hotline.aht.payment_s", 1, 7200},
    {"hotline.aht.business_s", 1, 7200},
    {"hotline.mean_patience_s", 1, 86400},
    {"hotline.patience_beta", 0, 3},
    {"hotline.redial_pct", 0, 100},
    {"hotline.redial_mean_min", 0.1, 1440},
    {"hotline.max_redials", 0, 50, true},
    {"hotline.ivr_s", 0, 3600},
    {"hotline.ivr_informed_hangup_pct", 0, 100},
    {"hotline.ivr_self_service_pct", 0, 100},
    {"hotline.enquiry_order_pct", 0, 100},
    {"hotline.service_level_s", 1, 3600},
    {"hotline.ring_period_s", 1, 60},
    {"hotline.publish_delay_min", 0, 1440},
    {"hotline.default_etr_h", 0.25, 240},
    {"hotline.tca_rollup_branches", 1, 1000, true},
    {"hotline.tca_rollup_share_pct", 0, 100},
    {"hotline.complaints.hazard_per_point", 0, 1},
    {"hotline.complaints.long_wait_s", 0, 86400},
    {"hotline.complaints.long_wait_points", 0, 1000},
    {"hotline.complaints.abandoned_points", 0, 1000},
    {"hotline.complaints.urging_points", 0, 1000},
    {"hotline.complaints.arrival_breach_points", 0, 1000},
    {"hotline.complaints.restore_breach_points", 0, 1000},
    {"hotline.complaints.missed_etr_points", 0, 1000},
    {"hotline.complaints.satisfaction_scale_points", 0.1, 10000},
    {"hotline.complaints.contact_median_h", 0.01, 720},
    {"hotline.complaints.reply_median_h", 0.01, 2160},
    {"hotline.orders.arrival_urban_min", 1, 10080},
    {"hotline.orders.arrival_rural_min", 1, 10080},
    {"hotline.orders.arrival_remote_min", 1, 10080},
    {"hotline.orders.restore_urban_h", 0.1, 720},
    {"hotline.orders.restore_rural_h", 0.1, 720},
    {"hotline.orders.complaint_contact_working_days", 1, 30, true},
    {"hotline.orders.complaint_reply_working_days", 1, 60, true},
    {"hotline.orders.connection_working_days", 1, 60, true},
    {"hotline.orders.meter_test_working_days", 1, 60, true},
    {"hotline.orders.arrears_reconnect_h", 0.1, 720},
    {"hotline.orders.escalate_after_urgings", 1, 100, true},
    {"hotline.orders.confirm_delay_h", 0, 720},
    {"trainee.seats", 0, 16, true},
    {"trainee.share_pct", 0, 100},
    {"trainee.stand_in_answer_s", 0, 600},
};

/// "a.b[2].c" -> "/a/b/2/c".
std::string pointer_of(const std::string& dotted) {
  std::string out = "/";
  for (char c : dotted) {
    if (c == '.' || c == '[') {
      out += '/';
    } else if (c != ']') {
      out += c;
    }
  }
  return out;
}

/// The small storm, shortened to two hours with the storm passing within them, so hundreds of
/// runs stay quick under sanitizers; a mutual-aid offer and a full hourly profile give the
/// sweep something to change.
rapidjson::Document fixture() {
  std::ifstream in(std::string(FAULTLINE_SOURCE_DIR) + "/tests/data/small_storm.json");
  std::stringstream text;
  text << in.rdbuf();
  rapidjson::Document doc;
  doc.Parse(text.str().c_str());
  EXPECT_FALSE(doc.HasParseError());
  doc["duration_hours"].SetDouble(2);
  auto& track = doc["typhoon"]["track"];
  track[0]["time_h"].SetDouble(0);
  track[1]["time_h"].SetDouble(1);
  track[2]["time_h"].SetDouble(2);
  rapidjson::Pointer("/crews/mutual_aid/0/staging").Set(doc, "Xiaogang depot");
  rapidjson::Pointer("/crews/mutual_aid/0/line_crews").Set(doc, 2);
  rapidjson::Value profile(rapidjson::kArrayType);
  for (int i = 0; i < 24; ++i) profile.PushBack(1.0, doc.GetAllocator());
  rapidjson::Pointer("/customers/hourly_profile").Set(doc, profile);
  rapidjson::Pointer("/hotline/seats_per_half_hour/0").Set(doc, 6);
  return doc;
}

std::string with_value(const Range& r, double value) {
  rapidjson::Document doc = fixture();
  for (const auto& [pointer, v] : r.setup) rapidjson::Pointer(pointer).Set(doc, v);
  if (r.integer) {
    rapidjson::Pointer(pointer_of(r.path).c_str()).Set(doc, static_cast<std::int64_t>(value));
  } else {
    rapidjson::Pointer(pointer_of(r.path).c_str()).Set(doc, value);
  }
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  doc.Accept(writer);
  return buffer.GetString();
}

const std::string kCommitments = std::string(FAULTLINE_SOURCE_DIR) + "/scenarios/commitments";

double just_past(const Range& r, double bound, int direction) {
  if (r.integer) return bound + direction;
  return bound + direction * std::max(std::abs(bound) * 1e-6, 1e-9);
}

class RangeSweep : public testing::TestWithParam<Range> {};

TEST_P(RangeSweep, InsideRunsOutsideIsRefusedWithThePath) {
  const Range& r = GetParam();
  for (const double bound : {r.lo, r.hi}) {
    SCOPED_TRACE(std::string(r.path) + " = " + format_number(bound));
    Scenario s;
    Problems p;
    ASSERT_TRUE(parse_scenario(with_value(r, bound), kCommitments, s, p)) << p.format("sweep.json");
    Simulator sim(s, RunOptions{s.seed, 0, true});
    // The drill itself; the complaint follow-up after it is the hotline's own bounded loop.
    sim.run_until(sim.end_time());
    EXPECT_TRUE(sim.finished());
    // Strict JSON has no NaN or Infinity: the scorecard parses only if every number is finite.
    rapidjson::Document card;
    card.Parse(sim.scorecard_json().c_str());
    EXPECT_FALSE(card.HasParseError()) << rapidjson::GetParseError_En(card.GetParseError());
  }
  for (const auto& [bound, direction] : {std::pair{r.lo, -1}, std::pair{r.hi, +1}}) {
    if ((direction < 0 && r.open_lo) || (direction > 0 && r.open_hi)) continue;
    const double past = just_past(r, bound, direction);
    SCOPED_TRACE(std::string(r.path) + " = " + format_number(past));
    Scenario s;
    Problems p;
    EXPECT_FALSE(parse_scenario(with_value(r, past), kCommitments, s, p));
    const char* path = direction < 0 && r.refused_lo_path ? r.refused_lo_path : r.path;
    const std::string named = std::string("sweep.json: ") + path + ": found ";
    EXPECT_NE(p.format("sweep.json").find(named), std::string::npos) << p.format("sweep.json");
  }
}

std::string test_name(const testing::TestParamInfo<Range>& info) {
  std::string name;
  for (const char* c = info.param.path; *c; ++c) name += std::isalnum(static_cast<unsigned char>(*c)) ? *c : '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(EveryField, RangeSweep, testing::ValuesIn(kRanges), test_name);

TEST(RangeSweepCross, AreaBeyondTheCellCapIsRefused) {
  // 200 x 200 km at 50 m cells validated before and ran for > 4 minutes in 6 GB.
  Scenario s;
  Problems p;
  std::string text = with_value({"area.width_km", 0, 0}, 200);
  rapidjson::Document doc;
  doc.Parse(text.c_str());
  doc["area"]["height_km"].SetDouble(200);
  doc["area"]["cell_size_m"].SetDouble(50);
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  doc.Accept(writer);
  Problems big;
  EXPECT_FALSE(parse_scenario(buffer.GetString(), kCommitments, s, big));
  EXPECT_NE(big.format("f").find("f: area.cell_size_m: found 50 m cells over 200 x 200 km (16000000 cells), "
                                 "expected at most 400000 cells"),
            std::string::npos)
      << big.format("f");
}

TEST(RangeSweepCross, DenseCitiesOverTheCustomerCapAreRefused) {
  // customers_per_cell 1e7 validated before and died of bad_alloc after 49 s.
  Scenario s;
  Problems p;
  rapidjson::Document doc = fixture();
  doc["area"]["width_km"].SetDouble(100);
  doc["area"]["height_km"].SetDouble(100);
  doc["area"]["cities"][0]["radius_km"].SetDouble(30);
  doc["area"]["cities"][0]["customers_per_cell"].SetDouble(5000);
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  doc.Accept(writer);
  EXPECT_FALSE(parse_scenario(buffer.GetString(), kCommitments, s, p));
  EXPECT_NE(p.format("f").find("f: area: found room for up to"), std::string::npos) << p.format("f");
}

TEST(RangeSweepCross, ZeroBackgroundCallsStaysAllowed) {
  Scenario s;
  Problems p;
  EXPECT_TRUE(parse_scenario(with_value({"customers.background_calls_per_hour", 0, 0}, 0), kCommitments, s, p))
      << p.format("f");
  Problems tiny;
  EXPECT_FALSE(parse_scenario(with_value({"customers.background_calls_per_hour", 0, 0}, 1e-300), kCommitments, s, tiny));
  EXPECT_NE(tiny.format("f").find("f: customers.background_calls_per_hour: found 1e-300, expected 0 (none) or a value from 0.01 to 20000"),
            std::string::npos)
      << tiny.format("f");
}

TEST(RangeSweepCross, SuspiciousDrillsAreWarnedAbout) {
  Scenario s;
  Problems p;
  rapidjson::Document doc = fixture();
  doc["crews"]["depots"][0]["line_crews"].SetInt(0);
  doc["crews"]["depots"][0]["tree_crews"].SetInt(0);
  doc["crews"]["mutual_aid"][0]["line_crews"].SetInt(0);
  doc["hotline"]["seats_per_half_hour"][0].SetInt(0);
  doc["typhoon"]["track"][0]["time_h"].SetDouble(30);
  doc["typhoon"]["track"][1]["time_h"].SetDouble(31);
  doc["typhoon"]["track"][2]["time_h"].SetDouble(32);
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  doc.Accept(writer);
  ASSERT_TRUE(parse_scenario(buffer.GetString(), kCommitments, s, p)) << p.format("f");
  const std::string out = p.format("f");
  EXPECT_NE(out.find("f: crews.depots: warning: no line or tree crews"), std::string::npos) << out;
  EXPECT_NE(out.find("f: hotline.seats_per_half_hour: warning: no seat is ever staffed"), std::string::npos) << out;
  EXPECT_NE(out.find("f: typhoon.track: warning: the track runs from 30 h to 32 h, outside the drill"), std::string::npos)
      << out;
}

TEST(RangeSweepCross, EmptyTrackIsRefusedNotACalmDay) {
  Scenario s;
  Problems p;
  rapidjson::Document doc = fixture();
  doc["typhoon"]["track"].SetArray();
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  doc.Accept(writer);
  EXPECT_FALSE(parse_scenario(buffer.GetString(), kCommitments, s, p));
  EXPECT_NE(p.format("f").find("f: typhoon.track: found 0 points, expected at least 2 track points"), std::string::npos)
      << p.format("f");
}

}  // namespace
}  // namespace fl
