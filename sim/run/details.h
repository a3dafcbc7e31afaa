#pragma once
/// \file A finished run's per-entity detail, typed: every decision, crew and crew segment, work
/// order, complaint (with its clocks) and important customer. The scorecard carries only their
/// counts and aggregates, so its size does not grow with the area; the front ends store these rows
/// in DIR/details.sqlite (trainer/records_db.h, schema in scenarios/docs/scorecard.md). No I/O.
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace fl {
class Simulator;
}

namespace fl::run {

/// Hours value of a moment that did not happen (written as SQL NULL).
inline constexpr double kNoHours = std::numeric_limits<double>::quiet_NaN();

/// One command as applied (the log's order is `seq`), trainee's and automatic.
struct DecisionRow {
  std::uint64_t seq = 0;     ///< 0-based position in the command log
  double hours = 0;          ///< when it was applied, hours since the start
  int kind = 0;              ///< CommandKind number (scenarios/docs/scorecard.md)
  std::uint32_t actor = 0, target = 0;
  std::int64_t value = 0;
  bool by_trainee = false, accepted = false;
  std::string reason;        ///< why it was refused (English, for the debrief); empty when accepted
  std::string message_key;   ///< what the issuer was told (sim/core/command_messages.cpp)
  std::string context;       ///< what was true at that moment (debrief only)
};

/// One crew of the roster (those present or with a timeline).
struct CrewRow {
  std::uint32_t crew = 0;    ///< crew id
  std::string name, type;    ///< type: crew_type_name
  bool mutual_aid = false;
};

/// One stretch of a crew's activity; the crew's current activity is its last segment, to now.
struct CrewSegmentRow {
  std::uint32_t crew = 0;
  std::uint32_t seq = 0;     ///< 0-based within the crew, in time order
  double start_hours = 0, end_hours = 0;
  std::string activity;      ///< travel, patrol, repair, rest, wait, idle
  std::int64_t target = -1;  ///< the job's fault, device or cell; -1: none
};

/// One work order with its steps (kNoHours: not reached).
struct WorkOrderRow {
  std::uint32_t id = 0;
  std::string type, reason;  ///< order_type_name, reason_name
  std::int64_t customer = -1;  ///< -1: an anonymous caller
  double opened_hours = kNoHours, dispatched_hours = kNoHours, on_site_hours = kNoHours, resolved_hours = kNoHours,
         confirmed_hours = kNoHours, first_due_hours = kNoHours, final_due_hours = kNoHours;
  int urgings = 0, priority = 0;
  bool escalated = false, overdue = false;
};

/// One complaint and its clocks (what complaint_clocks[] carried, for every complaint).
struct ComplaintRow {
  std::uint32_t id = 0, customer = 0;
  std::string category, reason;
  bool important = false;
  double opened_hours = kNoHours, contacted_hours = kNoHours, replied_hours = kNoHours;
};

/// One reason an important customer was out longer than its terrain's ordinary median.
struct ImportantDelayRow {
  std::string reason;       ///< world::important_delay_name: found_late, wind_limit, ...
  std::uint32_t fault = 0;  ///< the fault it came from (the worst when several)
  double amount = 0;        ///< hours, or trips (road_blocked) or faults (several_faults)
};

/// One important customer's outage, against the priority rule's yardstick.
struct ImportantRow {
  std::uint32_t customer = 0;
  std::string kind, name;
  double outage_minutes = 0;
  std::uint32_t interruptions = 0;
  std::string terrain;                     ///< urban, rural, remote
  double terrain_median_minutes = 0;       ///< median interrupted ordinary customer of its terrain
  bool longer_than_median = false;
  std::vector<ImportantDelayRow> why;      ///< what held it (only when longer_than_median)
};

/// Every per-entity row of one run, in the orders documented per table.
struct RunDetails {
  std::vector<DecisionRow> decisions;           ///< log order
  std::vector<CrewRow> crews;                   ///< by crew id
  std::vector<CrewSegmentRow> crew_segments;    ///< by (crew, seq)
  std::vector<WorkOrderRow> work_orders;        ///< by id
  std::vector<ComplaintRow> complaints;         ///< by id
  std::vector<ImportantRow> important_customers;  ///< longest outage first, then customer id
};

/// How many rows each table of RunDetails holds, without building them (for the scorecard).
struct DetailCounts {
  std::uint64_t decisions = 0, crews = 0, crew_segments = 0, work_orders = 0, complaints = 0, important_customers = 0;
};

/// The rows of `sim` as it stands (normally after run_to_end()).
RunDetails collect_details(const Simulator& sim);
/// The crew segments of collect_details(sim) alone.
std::vector<CrewSegmentRow> collect_crew_segments(const Simulator& sim);
/// The row counts collect_details(sim) would give.
DetailCounts count_details(const Simulator& sim);

/// Important customers in the scorecard's and the tables' order: longest outage first, then id.
/// Returns indices into `sim`'s world's important_customers().
std::vector<std::size_t> important_order(const Simulator& sim);

}  // namespace fl::run
