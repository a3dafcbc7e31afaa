#include "sim/run/details.h"

#include <algorithm>
#include <numeric>

#include "sim/hotline/hotline.h"
#include "sim/scoring/scoring.h"
#include "sim/simulator.h"
#include "sim/world/world.h"
#include "sim/world/world_internal.h"

namespace fl::run {

namespace {

double hours_or_none(Time t) { return t == kNever ? kNoHours : to_hours(t); }

/// Whether the crew belongs in the tables (as in the world's crews section).
bool listed(const world::Crew& c) { return c.present || !c.segments.empty(); }
/// Whether the crew's current activity adds a last, open segment.
bool open_segment(const world::Crew& c, Time now) { return c.activity != world::Activity::kIdle && now > c.since; }

}  // namespace

std::vector<std::size_t> important_order(const Simulator& sim) {
  const auto& important = sim.world().important_customers();
  std::vector<std::size_t> order(important.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (important[a].outage_minutes != important[b].outage_minutes)
      return important[a].outage_minutes > important[b].outage_minutes;
    return important[a].customer < important[b].customer;
  });
  return order;
}

std::vector<CrewSegmentRow> collect_crew_segments(const Simulator& sim) {
  std::vector<CrewSegmentRow> out;
  const Time now = sim.now();
  for (const world::Crew& c : sim.world().crews()) {
    if (!listed(c)) continue;
    std::uint32_t seq = 0;
    for (const world::Crew::Segment& s : c.segments)
      out.push_back({c.id, seq++, to_hours(s.start), to_hours(s.end), world::internal::activity_name(s.activity),
                     s.target == world::kNoId ? -1 : static_cast<std::int64_t>(s.target)});
    if (open_segment(c, now))
      out.push_back({c.id, seq++, to_hours(c.since), to_hours(now), world::internal::activity_name(c.activity),
                     c.job == world::JobKind::kNone || c.target == world::kNoId ? -1 : static_cast<std::int64_t>(c.target)});
  }
  return out;
}

RunDetails collect_details(const Simulator& sim) {
  RunDetails d;
  const auto& log = sim.command_log();
  d.decisions.reserve(log.size());
  for (std::size_t i = 0; i < log.size(); ++i) {
    const LoggedCommand& l = log[i];
    DecisionRow row;
    row.seq = i;
    row.hours = to_hours(l.command.time);
    row.kind = static_cast<int>(l.command.kind);
    row.actor = l.command.actor;
    row.target = l.command.target;
    row.value = l.command.value;
    row.by_trainee = l.command.by_trainee;
    row.accepted = l.result.accepted;
    row.reason = l.result.reason;
    row.message_key = l.result.message.key;
    row.context = l.result.context;
    d.decisions.push_back(std::move(row));
  }

  for (const world::Crew& c : sim.world().crews())
    if (listed(c)) d.crews.push_back({c.id, c.name, world::crew_type_name(c.type), c.mutual_aid});
  d.crew_segments = collect_crew_segments(sim);

  for (const hotline::WorkOrder& o : sim.hotline().work_orders()) {
    WorkOrderRow row;
    row.id = o.id;
    row.type = hotline::order_type_name(o.type);
    row.reason = hotline::reason_name(o.reason);
    row.customer = o.customer == UINT32_MAX ? -1 : static_cast<std::int64_t>(o.customer);
    row.opened_hours = hours_or_none(o.opened);
    row.dispatched_hours = hours_or_none(o.dispatched);
    row.on_site_hours = hours_or_none(o.on_site);
    row.resolved_hours = hours_or_none(o.resolved);
    row.confirmed_hours = hours_or_none(o.confirmed);
    row.first_due_hours = hours_or_none(o.first_due);
    row.final_due_hours = hours_or_none(o.final_due);
    row.urgings = o.urgings;
    row.priority = o.priority;
    row.escalated = o.escalated;
    row.overdue = o.overdue;
    d.work_orders.push_back(std::move(row));
  }
  std::stable_sort(d.work_orders.begin(), d.work_orders.end(), [](const auto& a, const auto& b) { return a.id < b.id; });

  for (const ComplaintRecord& c : sim.hotline().complaint_records())
    d.complaints.push_back({c.id, c.customer, c.category, c.reason, c.important, hours_or_none(c.opened),
                            hours_or_none(c.contacted), hours_or_none(c.replied)});
  std::stable_sort(d.complaints.begin(), d.complaints.end(), [](const auto& a, const auto& b) { return a.id < b.id; });

  const auto& important = sim.world().important_customers();
  const auto medians = sim.world().ordinary_median_outage_minutes(sim.now());
  for (std::size_t i : important_order(sim)) {
    const ImportantCustomerRecord& r = important[i];
    ImportantRow row;
    row.customer = r.customer;
    row.kind = scoring::important_kind_name(r.kind);
    row.name = r.name;
    row.outage_minutes = r.outage_minutes;
    row.interruptions = r.interruptions;
    row.terrain = world::terrain_name(r.terrain);
    row.terrain_median_minutes = medians[static_cast<std::size_t>(r.terrain)];
    row.longer_than_median = r.outage_minutes > 0 && r.outage_minutes > row.terrain_median_minutes;
    if (row.longer_than_median)
      for (const world::ImportantDelay& why : sim.world().important_delays(i))
        row.why.push_back({world::important_delay_name(why.reason), why.fault, why.amount});
    d.important_customers.push_back(std::move(row));
  }
  return d;
}

DetailCounts count_details(const Simulator& sim) {
  DetailCounts n;
  n.decisions = sim.command_log().size();
  const Time now = sim.now();
  for (const world::Crew& c : sim.world().crews()) {
    if (!listed(c)) continue;
    ++n.crews;
    n.crew_segments += c.segments.size() + (open_segment(c, now) ? 1 : 0);
  }
  n.work_orders = sim.hotline().work_orders().size();
  n.complaints = sim.hotline().complaint_records().size();
  n.important_customers = sim.world().important_customers().size();
  return n;
}

}  // namespace fl::run
