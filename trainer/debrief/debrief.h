#pragma once
/// \file The debrief's data: every outage with its times and its delay split, the crews' work,
/// the trainee's decisions in plain terms, the comparison with the automatic dispatcher and the
/// after-action review's ratings — built once from a finished run, rendered by the HTML report
/// and the window's debrief screen in either language (findings are keys + arguments).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/scoring/scoring.h"
#include "trainer/debrief/text.h"

namespace fl {
class Simulator;
}

namespace fl::trainer::debrief {

/// Hours-since-start of a moment that did not happen (yet).
constexpr double kNotYet = -1;

/// One outage (a fault or blown fuse), from occurrence to restoration.
struct OutageRow {
  std::uint32_t fault = 0;        ///< the world's fault id (links to the decision log, not shown)
  Finding place;                  ///< "in Haibin" / "6 km north of Xiwan"
  Finding feeder;                 ///< "Haibin East 3"
  std::string cause;              ///< broken_pole, conductor_down, tree_on_line, transformer, blown_fuse
  std::string terrain;            ///< urban, rural, remote
  std::uint32_t customers = 0;    ///< customers it interrupted
  std::vector<std::string> important;  ///< names of important customers behind its protective device
  // Moments, hours since the start; kNotYet when they did not happen.
  double occurred_h = kNotYet, detected_h = kNotYet, patrol_sent_h = kNotYet, found_h = kNotYet;
  double assigned_h = kNotYet, arrived_h = kNotYet, restored_h = kNotYet;
  bool restored = false;          ///< false: still out when the run ended (times run to the end)
  std::string crew;               ///< the line crew that repaired it ("" if none)
  // The time customers waited, split so the parts add up to the total (hours).
  double detection_h = 0;         ///< fault → known to the control room (call, SCADA)
  double locating_h = 0;          ///< known → located by a patrol
  double crew_wait_h = 0;         ///< located → a crew assigned
  double travel_h = 0;            ///< assigned → on site, without wind stops
  double wind_h = 0;              ///< stood down for wind (driving or elevated work)
  double repair_h = 0;            ///< on site → supply back (tree clearing and switching included)
  double total_h() const { return detection_h + locating_h + crew_wait_h + travel_h + wind_h + repair_h; }
  double customer_minutes() const { return customers * total_h() * 60.0; }
  double x_m = 0, y_m = 0;
};

/// One crew's work for the map: sites of the faults it repaired, in time order.
struct CrewWork {
  std::string name;
  bool mutual_aid = false;
  std::vector<std::pair<double, double>> sites_m;  ///< (x, y) in metres
};

/// A command described in plain terms, for the decision log and the decision costs.
struct DecisionLine {
  double hours = 0;
  bool by_trainee = false;
  bool accepted = false;
  Finding what;     ///< "send crew L07 to the broken pole on Haibin East 3 in Haibin"
  Finding reason;   ///< refusal reason (empty key when accepted)
  std::uint16_t kind = 0;
};

/// A commitment's breaches, all of them (the scorecard lists the first 50 only).
struct BreachSplit {
  std::string id;                 ///< commitment id (keys the name in the string table)
  std::string measure;
  std::uint64_t total = 0;
  std::uint64_t urban = 0, rural = 0, remote = 0, other = 0;  ///< sums to total
  std::uint64_t open_at_end = 0;
  std::optional<Finding> worst;   ///< the case furthest over its limit, with place
  double worst_by_h = 0;
};

/// An outage the trainee restored later than the automatic dispatcher on the same seed.
struct BaselineGap {
  std::size_t outage = 0;         ///< index into Debrief::outages
  double later_h = 0;             ///< this run's restoration minus the baseline's
  std::string why;                ///< phase key that grew most: detection, locating, crew_wait, travel, wind, repair
  double why_h = 0;               ///< by how much that phase grew
};

/// One hotline call taken at the trainee's seat: the call-flow checkpoints it missed and what
/// followed (a repeat call, a complaint). Filled from the call desk holding the trainee's hotline
/// seat (sim/calls CallRecord); the report and the window list them when there are any.
struct CallReview {
  double hours = 0;               ///< when the call was answered
  Finding caller;                 ///< who called about what (a finding, so both languages work)
  std::vector<Finding> missed;    ///< checkpoint findings, e.g. "no ETR given"
  Finding consequence;            ///< "the customer called again at 14:10" / "complaint at 16:02"
  /// The whole call as calls::render_transcript writes it (card, marked turns, missed, outcome).
  std::string transcript_en, transcript_zh;
};

/// Run-level facts for the review.
struct RunFacts {
  std::string scenario_id;
  std::string name_en, name_zh, commitment_set_en, commitment_set_zh, storm_name;
  bool automatic = true;          ///< the automatic dispatcher held the dispatch seat
  int trainee_seats = 0;          ///< hotline seats held by the trainee (scenario "trainee.seats")
  std::uint64_t seed = 0;
  double drill_h = 0;             ///< the scenario's length
  double end_h = 0;               ///< when the run stopped, follow-up included
  double landfall_h = kNotYet;
  double peak_out = 0, peak_h = 0;
  double customers_served = 0;
  double customer_hours = 0;      ///< over the drill (see Outcome::customer_minutes)
  double complaints = 0;
  double important_minutes = 0;   ///< Σ outage minutes of important customers
  std::uint64_t breaches = 0;
  std::uint64_t faults = 0;
  double mutual_aid_request_h = kNotYet;   ///< first accepted mutual-aid request
  double mutual_aid_arrival_h = kNotYet;   ///< first mutual-aid crew on shift
  std::uint64_t mutual_aid_crews = 0, crews = 0;
  double service_level_pct = -1, abandoned_pct = -1;
  std::uint64_t trainee_commands = 0, trainee_refused = 0;
  std::vector<std::pair<std::string, double>> complaint_reasons;  ///< reason → complaints, most first
  double worst_sl_h = kNotYet, worst_sl_pct = -1, worst_sl_offered = 0;  ///< the worst busy half-hour
  double important_within_limit = 0, important_total = 0;  ///< important customers ≤ 240 min out
  double restored_within_24h_pct = -1;  ///< customers of faults restored within 24 h (grade's figure)
  double backfed_outages = 0;           ///< outages restored before any crew arrived (switching)
  double backfed_customers = 0;
};

/// Everything the debrief shows beyond the scorecard.
struct Debrief {
  Clock clock;
  RunFacts facts;
  double width_m = 0, height_m = 0;                 ///< the area, for the map
  struct City { std::string name; double x_m, y_m, radius_m; };
  std::vector<City> cities;
  std::vector<std::pair<std::string, std::pair<double, double>>> depots;
  std::vector<OutageRow> outages;                   ///< worst customer-minutes first
  std::vector<CrewWork> crews;
  std::vector<DecisionLine> decisions;              ///< every command, in order
  std::vector<BreachSplit> breaches;                ///< per breached commitment
  std::vector<scoring::CommitmentResult> commitments;
  std::optional<RunFacts> baseline;                 ///< the automatic dispatcher on the same seed
  std::vector<BaselineGap> later_than_baseline;     ///< worst first
  /// Over outages found in both runs: Σ customers × (this run's phase − the baseline's), hours,
  /// per phase (detection, locating, crew_wait, travel, wind, repair); and how many matched.
  std::vector<double> phase_diff_customer_hours;
  std::size_t matched_outages = 0, unmatched_outages = 0;
  std::vector<CallReview> calls;                    ///< the trainee's calls at a call desk, in the order they ended
};

/// Builds the debrief of `run` (normally after run_to_end()); with `baseline` (the automatic
/// dispatcher on the same seed, run as far) it adds the outage-by-outage comparison.
Debrief build_debrief(const Simulator& run, const Simulator* baseline = nullptr);

/// The trainee's calls as terminal lines, two-space indented: when and who called about what,
/// then each missed checkpoint and what followed (the window's debrief and `faultline debrief`).
std::string render_call_lines(const std::vector<CallReview>& calls, const std::string& language, const Clock& clock);

/// The figures a run is judged on (also what decision costs are measured in).
struct Outcome {
  /// Σ customers out × minutes over the drill (0 to the scenario's end), from the restoration
  /// curve. The complaint follow-up after it differs in length between runs, so it is left out.
  double customer_minutes = 0;
  double breaches = 0;            ///< commitment breaches, all commitments
  double important_minutes = 0;   ///< Σ important customers' outage minutes
  double complaints = 0;
};
/// Measures `sim` as it stands.
Outcome measure(const Simulator& sim);
/// Customer-hours without supply from the start to min(now, the scenario's end).
double drill_customer_hours(const Simulator& sim);

/// Describes command `c` of `sim`'s log in plain terms (names, places, local times via args).
Finding describe_command(const Simulator& sim, std::size_t log_index);
/// Turns the world's English refusal text into a finding (key + names), so zh shows no English.
Finding describe_refusal(const std::string& reason);
/// A feeder's plain name: its substation and its number there ("Haibin East 3").
Finding feeder_name(const Simulator& sim, std::uint32_t feeder);
/// Where (x, y) lies: "in Haibin" or "6 km north of Xiwan", from the scenario's cities.
Finding place_of(const Simulator& sim, double x_m, double y_m);

}  // namespace fl::trainer::debrief
