// A small hand-made run scored by hand: every expected number below is worked out in the
// comments from the records, not taken from the code's output.
#include <gtest/gtest.h>

#include <vector>

#include "sim/core/calendar.h"
#include "sim/scoring/scoring.h"

namespace fl::scoring {
namespace {

constexpr Time H = kHour;
constexpr Time M = kMinute;

CommitmentSpec spec(std::string id, std::string measure, std::string basis, double target, TerrainTargets t = {}) {
  CommitmentSpec c;
  c.id = std::move(id);
  c.text = {"中", "en"};
  c.measure = std::move(measure);
  c.basis = std::move(basis);
  c.target = target;
  c.targets = t;
  return c;
}

RepairRecord repair(std::uint32_t id, Terrain terrain, Time reported, Time arrived, Time restored, std::uint32_t customers) {
  RepairRecord r;
  r.fault_id = id;
  r.terrain = terrain;
  r.occurred = reported == kNever ? 0 : reported;
  r.reported = reported;
  r.arrived = arrived;
  r.restored = restored;
  r.customers = customers;
  return r;
}

// Friday 2024-09-13 08:00 is t = 0; no holidays.
WorkingCalendar calendar() { return WorkingCalendar(CivilDate{2024, 9, 13}, 8 * 3600, {}, {}); }

struct HandRun {
  std::vector<RepairRecord> repairs;
  std::vector<ComplaintRecord> complaints;
  WorkingCalendar cal = calendar();
  ScoringInputs inputs() const {
    ScoringInputs in;
    in.repairs = repairs;
    in.complaints = complaints;
    in.calendar = &cal;
    in.end = 100 * H;
    return in;
  }
  HandRun() {
    repairs = {
        repair(1, Terrain::kUrban, 0, 30 * M, 150 * M, 100),            // arrive 30, restore 120
        repair(2, Terrain::kUrban, 60 * M, 140 * M, 340 * M, 50),       // arrive 80, restore 200
        repair(3, Terrain::kRural, 0, 100 * M, kNever, 10),             // arrive 100, never restored
        repair(4, Terrain::kRemote, 10 * H, kNever, kNever, 5),         // never reached (open)
        repair(5, Terrain::kWater, 99 * H + 30 * M, kNever, kNever, 1), // limit after the end: pending
        repair(6, Terrain::kUrban, kNever, 5 * H, 6 * H, 7),            // found by a crew: no report
    };
    auto complaint = [](std::uint32_t id, Time opened, Time contacted, Time replied) {
      ComplaintRecord c;
      c.id = id;
      c.customer = 1000 + id;
      c.category = "outage";
      c.opened = opened;
      c.contacted = contacted;
      c.replied = replied;
      return c;
    };
    complaints = {
        complaint(1, 8 * H, 74 * H, 75 * H),     // Fri 16:00 opened, Mon 10:00 contacted: 1 working day
        complaint(2, 8 * H, 81 * H, kNever),     // Mon 17:00: 2 working days, 1 h past Mon 16:00
        complaint(3, 8 * H, kNever, kNever),     // never contacted; end Tue 12:00 is past Mon 16:00
        complaint(4, 90 * H, kNever, kNever),    // Mon 18:00; deadline Tue 18:00 after the end: pending
    };
  }
};

TEST(Scoring, WorkingDaysTakenCountsFromTheCalendar) {
  const WorkingCalendar cal = calendar();
  EXPECT_EQ(working_days_taken(cal, 8 * H, 8 * H), 0);
  EXPECT_EQ(working_days_taken(cal, 8 * H, 74 * H), 1);   // Fri 16:00 → Mon 10:00
  EXPECT_EQ(working_days_taken(cal, 8 * H, 80 * H), 1);   // exactly Mon 16:00
  EXPECT_EQ(working_days_taken(cal, 8 * H, 81 * H), 2);   // Mon 17:00
}

TEST(Scoring, AverageArrivalByTerrain) {
  HandRun run;
  CommitmentSet set;
  set.commitments = {spec("arrival", "arrival_minutes", "average", -1, {45, 90, 120})};
  const auto results = score_commitments(set, run.inputs());
  ASSERT_EQ(results.size(), 1u);
  const CommitmentResult& r = results[0];
  // Judged: faults 1..4 (5 pending, 6 unreported). Fault 4 counts 90 h = 5400 min so far.
  EXPECT_EQ(r.incidents, 4u);
  EXPECT_EQ(r.pending, 1u);
  EXPECT_EQ(r.open_at_end, 1u);
  EXPECT_EQ(r.within_target, 1u);
  EXPECT_DOUBLE_EQ(*r.measured_by_terrain[0], 55.0);   // (30 + 80) / 2
  EXPECT_DOUBLE_EQ(*r.measured_by_terrain[1], 100.0);
  EXPECT_DOUBLE_EQ(*r.measured_by_terrain[2], 5400.0);
  EXPECT_DOUBLE_EQ(*r.measured, (30.0 + 80 + 100 + 5400) / 4);
  ASSERT_TRUE(r.met.has_value());
  EXPECT_FALSE(*r.met);
  // Score: incident-weighted terrain scores 100·target/mean: urban 2×(4500/55), rural 90, remote 120/54.
  EXPECT_NEAR(*r.score, (2 * 4500.0 / 55 + 90 + 12000.0 / 5400) / 4, 1e-9);
  // Breaches by time: fault 3 at 1.5 h (10 min over), fault 2 at 1.75 h (35), fault 4 at 12 h (5280, open).
  ASSERT_EQ(r.breaches.size(), 3u);
  EXPECT_EQ(r.breaches[0].subject, "fault 3");
  EXPECT_EQ(r.breaches[0].when, 90 * M);
  EXPECT_DOUBLE_EQ(r.breaches[0].by, 10);
  EXPECT_EQ(r.breaches[0].terrain, "rural");
  EXPECT_EQ(r.breaches[1].subject, "fault 2");
  EXPECT_EQ(r.breaches[1].when, 105 * M);
  EXPECT_DOUBLE_EQ(r.breaches[1].by, 35);
  EXPECT_EQ(r.breaches[2].subject, "fault 4");
  EXPECT_TRUE(r.breaches[2].open_at_end);
  EXPECT_DOUBLE_EQ(r.breaches[2].by, 5280);
  EXPECT_DOUBLE_EQ(*r.breaches[2].by_hours, 88.0);  // 100 h − (10 h + 2 h)
}

TEST(Scoring, PerIncidentArrivalIsTheWorstCaseAndTheShareOnTime) {
  HandRun run;
  CommitmentSet set;
  set.commitments = {spec("arrival", "arrival_minutes", "per_incident", -1, {45, 90, 120})};
  const CommitmentResult r = score_commitments(set, run.inputs())[0];
  EXPECT_EQ(r.statistic, "max");
  EXPECT_DOUBLE_EQ(*r.measured, 5400);
  EXPECT_DOUBLE_EQ(*r.measured_by_terrain[0], 80);
  EXPECT_DOUBLE_EQ(*r.score, 25.0);  // 1 of 4 on time
  EXPECT_FALSE(*r.met);
  // With a single target for all terrains (200 min) faults 1..3 are on time.
  set.commitments = {spec("arrival", "arrival_minutes", "per_incident", 200)};
  set.commitments[0].min_share_pct = 75;
  const CommitmentResult loose = score_commitments(set, run.inputs())[0];
  EXPECT_EQ(loose.within_target, 3u);
  EXPECT_TRUE(*loose.met);  // 75 % >= 75 %
}

TEST(Scoring, RestorationAfterArrival) {
  HandRun run;
  CommitmentSet set;
  set.commitments = {spec("restore", "restore_after_arrival_minutes", "average", -1, {180, 240, 240})};
  const CommitmentResult r = score_commitments(set, run.inputs())[0];
  // Faults 1, 2 and 6 urban (120, 200, 60 min), fault 3 rural still out: 100 h − 100 min = 5900 min.
  EXPECT_EQ(r.incidents, 4u);
  EXPECT_DOUBLE_EQ(*r.measured_by_terrain[0], (120.0 + 200 + 60) / 3);
  EXPECT_DOUBLE_EQ(*r.measured_by_terrain[1], 5900);
  EXPECT_FALSE(r.measured_by_terrain[2].has_value());
  EXPECT_FALSE(*r.met);  // urban mean 126.7 meets 180, rural does not
  ASSERT_EQ(r.breaches.size(), 2u);
  // By the time each limit passed: fault 2 at 140 + 180 = 320 min, fault 3 at 100 + 240 = 340 min.
  EXPECT_EQ(r.breaches[0].subject, "fault 2");
  EXPECT_EQ(r.breaches[0].when, 320 * M);
  EXPECT_DOUBLE_EQ(r.breaches[0].by, 20);
  EXPECT_EQ(r.breaches[1].subject, "fault 3");
  EXPECT_DOUBLE_EQ(r.breaches[1].by, 5660);
  EXPECT_TRUE(r.breaches[1].open_at_end);
}

TEST(Scoring, ComplaintContactAndReplyOnWorkingDays) {
  HandRun run;
  CommitmentSet set;
  set.commitments = {spec("contact", "complaint_contact_working_days", "per_incident", 1),
                     spec("reply", "complaint_reply_working_days", "per_incident", 7)};
  const auto results = score_commitments(set, run.inputs());
  const CommitmentResult& contact = results[0];
  EXPECT_EQ(contact.incidents, 3u);
  EXPECT_EQ(contact.pending, 1u);
  EXPECT_EQ(contact.within_target, 1u);
  EXPECT_DOUBLE_EQ(*contact.measured, 2);  // worst: 2 working days (complaints 2 and 3)
  EXPECT_FALSE(*contact.met);
  ASSERT_EQ(contact.breaches.size(), 2u);
  EXPECT_EQ(contact.breaches[0].when, 80 * H);
  EXPECT_EQ(contact.breaches[0].subject, "complaint 2 (customer 1002)");
  EXPECT_DOUBLE_EQ(*contact.breaches[0].by_hours, 1.0);
  EXPECT_EQ(contact.breaches[1].subject, "complaint 3 (customer 1003)");
  EXPECT_DOUBLE_EQ(*contact.breaches[1].by_hours, 20.0);  // Tue 12:00 − Mon 16:00
  EXPECT_TRUE(contact.breaches[1].open_at_end);
  // Reply within 7 working days: the deadline (Tue 24 Sep) is after the end for all but #1.
  const CommitmentResult& reply = results[1];
  EXPECT_EQ(reply.incidents, 1u);
  EXPECT_EQ(reply.pending, 3u);
  EXPECT_TRUE(*reply.met);
  EXPECT_TRUE(reply.breaches.empty());
}

TEST(Scoring, HotlinePickupFromServiceLevelAndIntervals) {
  HandRun run;
  ScoringInputs in = run.inputs();
  HotlineFigures h;
  h.offered = 1000;
  h.service_level_5_rings = 0.8;
  h.service_level_20s = 0.7;
  h.asa_s = 30;
  HotlineInterval a;
  a.start_hours = 10;
  a.offered = 100;
  a.service_level_5_rings = 0.9;
  a.asa_s = 12;
  HotlineInterval b = a;
  b.start_hours = 10.5;
  b.service_level_5_rings = 1.0;
  b.asa_s = 40;
  h.intervals = {a, b};
  in.hotline = h;
  CommitmentSet set;
  set.commitments = {spec("pickup", "hotline_pickup_s", "per_incident", 25),
                     spec("asa", "hotline_pickup_s", "average", 20)};
  const auto results = score_commitments(set, in);
  EXPECT_DOUBLE_EQ(*results[0].measured, 80);
  EXPECT_FALSE(*results[0].met);
  ASSERT_EQ(results[0].breaches.size(), 1u);
  EXPECT_EQ(results[0].breaches[0].count, 10u);  // 10 % of the 100 calls of 10:00–10:30
  EXPECT_EQ(results[0].breaches_total(), 10u);
  EXPECT_EQ(results[0].breaches[0].subject, "calls +10:00 to +10:30");
  EXPECT_DOUBLE_EQ(*results[1].measured, 30);
  EXPECT_FALSE(*results[1].met);
  ASSERT_EQ(results[1].breaches.size(), 1u);  // only 10:30 has ASA above 20 s
  EXPECT_DOUBLE_EQ(results[1].breaches[0].by, 20);
  // Without hotline figures: not measured, never invented.
  in.hotline.reset();
  const auto none = score_commitments(set, in);
  EXPECT_FALSE(none[0].met.has_value());
  EXPECT_FALSE(none[0].measured.has_value());
  EXPECT_NE(none[0].note.find("not measured"), std::string::npos);
}

TEST(Scoring, ReliabilityAndUnsimulatedMeasures) {
  HandRun run;
  ScoringInputs in = run.inputs();
  in.reliability.asai = 0.995;
  CommitmentSet set;
  set.commitments = {spec("rel", "reliability_rs1_pct", "average", 99.9),
                     spec("notice", "planned_notice_days", "per_incident", 7)};
  const auto results = score_commitments(set, in);
  EXPECT_DOUBLE_EQ(*results[0].measured, 99.5);
  EXPECT_FALSE(*results[0].met);
  EXPECT_NEAR(*results[0].score, 20.0, 1e-9);  // 100 × 0.1 / 0.5 unavailability
  EXPECT_FALSE(results[1].met.has_value());
  EXPECT_NE(results[1].note.find("not measured"), std::string::npos);
}

TEST(Scoring, GradeIsTheWeightedMeanOfItsComponents) {
  HandRun run;
  CommitmentResult a, b, c;
  a.score = 100;
  b.score = 50;  // c unmeasured
  std::vector<CommitmentResult> commitments = {a, b, c};
  std::vector<ImportantCustomerRecord> important(4);
  important[0].outage_minutes = 0;
  important[1].outage_minutes = 240;
  important[2].outage_minutes = 241;
  important[3].outage_minutes = 600;
  GradeInputs in;
  in.commitments = commitments;
  in.repairs = run.repairs;
  in.important = important;
  in.complaints = 1.73;  // 1.73 complaints per 173 interrupted customers = 10 per 1,000
  in.service_level_20s = 0.9;
  in.end = 100 * H;
  const Grade g = compute_grade(in);
  ASSERT_EQ(g.components.size(), 5u);
  EXPECT_DOUBLE_EQ(*g.components[0].score, 75);  // mean(100, 50)
  // Restoration: faults occurred at 0, 1 h, 0, 10 h, 99.5 h, 0 with 100, 50, 10, 5, 1, 7 customers.
  // Within 24 h: #1 (100), #2 (50), #6 (7); judged: all but #5 (out 0.5 h, undecided) = 172.
  EXPECT_DOUBLE_EQ(*g.components[1].score, 100.0 * 157 / 172);
  EXPECT_DOUBLE_EQ(*g.components[2].score, 90);
  EXPECT_NEAR(*g.components[3].score, 50, 1e-9);  // 100 × (1 − 10/20)
  EXPECT_DOUBLE_EQ(*g.components[4].score, 50);   // 2 of 4 within 240 min
  const double expected = (40 * 75 + 20 * 100.0 * 157 / 172 + 15 * 90 + 10 * 50 + 15 * 50) / 100.0;
  EXPECT_NEAR(*g.score, expected, 1e-9);
  EXPECT_EQ(g.letter, grade_letter(expected));
  EXPECT_EQ(grade_letter(85), "A");
  EXPECT_EQ(grade_letter(84.9), "B");
  EXPECT_EQ(grade_letter(39.9), "E");
  // Without hotline figures the hotline weight drops out and the rest are rescaled.
  in.service_level_20s.reset();
  const Grade g2 = compute_grade(in);
  EXPECT_NEAR(*g2.score, (40 * 75 + 20 * 100.0 * 157 / 172 + 10 * 50 + 15 * 50) / 85.0, 1e-9);
}

TEST(Scoring, FiguresAreReadFromTheSubsystemsJson) {
  const HotlineFigures h = hotline_figures_from_json(
      R"({"offered": 10, "answered": 8, "service_level_20s": 75, "intervals": [{"start_hours": 1.5, "offered": 4, "service_level_5_rings": 0.5}]})");
  EXPECT_DOUBLE_EQ(*h.offered, 10);
  EXPECT_DOUBLE_EQ(*h.service_level_20s, 0.75);  // a percentage is turned into a fraction
  EXPECT_FALSE(h.asa_s.has_value());
  ASSERT_EQ(h.intervals.size(), 1u);
  EXPECT_DOUBLE_EQ(h.intervals[0].start_hours, 1.5);
  EXPECT_DOUBLE_EQ(*h.intervals[0].service_level_5_rings, 0.5);
  const ReliabilityFigures r = reliability_from_json(R"({"saifi": 0.2, "asai": 0.9991})");
  EXPECT_DOUBLE_EQ(*r.asai, 0.9991);
  EXPECT_FALSE(r.asai_urban.has_value());
  EXPECT_FALSE(hotline_figures_from_json("{}").offered.has_value());
}

}  // namespace
}  // namespace fl::scoring
