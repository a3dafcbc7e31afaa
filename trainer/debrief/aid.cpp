#include "trainer/debrief/aid.h"

#include <algorithm>
#include <cmath>

#include "sim/simulator.h"
#include "sim/world/world.h"

namespace fl::trainer::debrief {

namespace {

double h_or_not(Time t) { return t == kNever ? kNotYet : to_hours(t); }

/// Adds the overlap of [from, to) (ms) with each hour to `slot(hour)`.
template <class Slot>
void spread(std::vector<AidHour>& hours, Time from, Time to, Slot slot) {
  for (Time t = from; t < to;) {
    const auto h = static_cast<std::size_t>(t / kHour);
    if (h >= hours.size()) break;
    const Time next = std::min<Time>(to, static_cast<Time>(h + 1) * kHour);
    slot(hours[h]) += to_hours(next - t);
    t = next;
  }
}

double& slot_of(AidHour& h, world::Activity a) {
  switch (a) {
    case world::Activity::kRest: return h.resting;
    case world::Activity::kWait: return h.waiting;
    case world::Activity::kIdle: return h.idle;
    default: return h.working;
  }
}

double& slot_of_first_shift(AidUse& u, world::Activity a) {
  switch (a) {
    case world::Activity::kWait: return u.first_shift_waiting;
    case world::Activity::kIdle: return u.first_shift_idle;
    default: return u.first_shift_working;
  }
}

}  // namespace

AidUse aid_use(const Simulator& sim, std::uint32_t offer) {
  const world::World& w = sim.world();
  AidUse u;
  u.offer = offer;
  u.shift_h = w.config().crews.shift_on_h;
  u.wind_limit_mps = w.config().crews.elevated_wind_limit_mps;
  const auto& offers = w.config().crews.mutual_aid;
  if (offer >= offers.size()) return u;
  const Time now = sim.now(), end = std::min(now, sim.end_time());
  u.hours.resize(static_cast<std::size_t>((end + kHour - 1) / kHour));
  const Time requested = w.aid_requested_at(offer);
  u.requested_h = h_or_not(requested);
  const Time arrival = requested == kNever ? kNever : requested + static_cast<Time>(offers[offer].lead_time_h * static_cast<double>(kHour));
  if (arrival != kNever && arrival <= now) u.arrived_h = to_hours(arrival);

  // Each aid crew's time: not arrived until the arrival, then its recorded segments; the gaps
  // between segments are idle on shift (the world records no idle segments).
  Time first_rest = kNever;
  std::vector<std::pair<Time, Time>> first_rests;  // each crew's first rest [from, to)
  for (const world::Crew& c : w.crews()) {
    if (!c.mutual_aid || c.offer != offer) continue;
    ++u.crews;
    const Time present_from = u.arrived_h == kNotYet ? end : std::min(arrival, end);
    spread(u.hours, 0, present_from, [](AidHour& h) -> double& { return h.not_arrived; });
    if (u.arrived_h == kNotYet) continue;
    std::vector<world::Crew::Segment> segments = c.segments;
    if (c.since < now) segments.push_back({c.since, now, c.activity, c.target});  // the one still open
    Time at = arrival;
    bool rested = false;
    for (const auto& s : segments) {
      if (s.end <= arrival) continue;
      const Time from = std::max(s.start, arrival);
      if (from > at) {
        spread(u.hours, at, std::min(from, end), [](AidHour& h) -> double& { return h.idle; });
        if (!rested) u.first_shift_idle += to_hours(from - at);
      }
      spread(u.hours, from, std::min(s.end, end), [&](AidHour& h) -> double& { return slot_of(h, s.activity); });
      if (!rested && s.activity == world::Activity::kRest) {
        rested = true;
        first_rests.emplace_back(from, s.end);
        if (first_rest == kNever || from < first_rest) first_rest = from;
      } else if (!rested) {
        slot_of_first_shift(u, s.activity) += to_hours(s.end - from);
      }
      at = std::max(at, s.end);
    }
    if (at < end) spread(u.hours, at, end, [](AidHour& h) -> double& { return h.idle; });
  }
  if (first_rest != kNever) u.first_rest_h = to_hours(first_rest);
  // The most first rests overlapping at once: sweep their starts and ends in time order (an end
  // before a start at the same moment, so back-to-back rests do not count twice).
  std::vector<std::pair<Time, int>> steps;
  for (const auto& [from, to] : first_rests) {
    steps.emplace_back(from, +1);
    steps.emplace_back(to, -1);
  }
  std::sort(steps.begin(), steps.end());
  Time most_at = kNever;
  int resting = 0;
  for (const auto& [t, step] : steps) {
    resting += step;
    if (resting > static_cast<int>(u.most_resting)) {
      u.most_resting = static_cast<std::uint32_t>(resting);
      most_at = t;
    }
  }
  u.most_resting_h = h_or_not(most_at);

  // The work there was: located faults not yet repaired, at each hour's start and at the rest.
  for (const world::Fault& f : w.faults()) {
    if (f.found == kNever) continue;
    for (std::size_t h = 0; h < u.hours.size(); ++h) {
      const Time t = static_cast<Time>(h) * kHour;
      if (f.found <= t && (f.repaired == kNever || f.repaired > t)) ++u.hours[h].located_unrepaired;
    }
    if (most_at != kNever && f.found <= most_at && (f.repaired == kNever || f.repaired > most_at)) ++u.faults_waiting_then;
  }

  // When the wind at staging fell below the elevated-work limit for the last time after the arrival.
  if (u.arrived_h != kNotYet) {
    const auto [x, y] = w.aid_staging_m(offer);
    Time last_windy = kNever;
    for (Time t = arrival; t < end; t += 15 * kMinute)
      if (w.wind().sustained(t, x, y) > u.wind_limit_mps) last_windy = t;
    if (last_windy != kNever) u.calm_at_staging_h = to_hours(last_windy + 15 * kMinute);
  }
  return u;
}

Finding explain_aid(const AidUse& as_run, const AidUse& without, double saved_customer_hours) {
  if (as_run.arrived_h == kNotYet && without.arrived_h == kNotYet) return finding("");
  // What the aid crews did with their first shift and when they rested, in one run.
  auto shift = [](const AidUse& u) {
    if (u.arrived_h == kNotYet) return finding("aid_never_arrived");
    return finding("aid_shift", {count(u.crews), clock(u.arrived_h), count(u.first_shift_working), count(u.first_shift_waiting),
                                 count(u.first_shift_idle), count(u.most_resting), clock(u.most_resting_h),
                                 count(u.faults_waiting_then)});
  };
  // The wind that decides whether an early arrival can work (the run's own weather; both runs
  // share it, so the one that arrived first saw more of it).
  const AidUse& first = as_run.arrived_h != kNotYet && (without.arrived_h == kNotYet || as_run.arrived_h <= without.arrived_h)
                            ? as_run
                            : without;
  const Finding calm = first.calm_at_staging_h == kNotYet
                           ? finding("aid_calm_none", {number(first.wind_limit_mps, 1)})
                           : finding("aid_calm", {number(first.wind_limit_mps, 1), clock(first.calm_at_staging_h), count(first.shift_h)});
  // "Earlier did not pay" only when this request did bring them earlier and it cost.
  const bool earlier_cost = saved_customer_hours <= -0.5 && &first == &as_run && as_run.arrived_h != without.arrived_h;
  return finding(earlier_cost ? "aid_why_cost" : "aid_why", {nested(shift(as_run)), nested(shift(without)), nested(calm)});
}

}  // namespace fl::trainer::debrief
