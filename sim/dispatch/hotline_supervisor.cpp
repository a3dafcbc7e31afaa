#include "sim/dispatch/hotline_supervisor.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <queue>
#include <vector>

#include "sim/dispatch/auto_dispatcher.h"
#include "sim/hotline/config.h"
#include "sim/scenario/scenario.h"

namespace fl::dispatch {

using control::CrewKind;
using control::CrewStatus;
using control::KnownFault;
using control::KnownOpenDevice;
using control::kNoneId;

namespace {

constexpr double kTravelKmph = 30;              // planning speed for a crew's drive to a site
constexpr Time kDispatchLag = 30 * kMinute;     // from "crew free" to "crew rolling"
constexpr Time kWindHold = 6 * kHour;           // work resumes this long after the forecast landfall
constexpr Time kHalfHour = 30 * kMinute;
constexpr Time kReviewInterval = 15 * kMinute;  // published ETRs are compared with the plan this often

Time ms_of_hours(double h) { return static_cast<Time>(std::llround(h * static_cast<double>(kHour))); }

Time travel_ms(double dx_m, double dy_m) { return ms_of_hours(1.3 * std::hypot(dx_m, dy_m) / 1000 / kTravelKmph); }

}  // namespace

Time RestorationPlan::at(std::uint32_t device) const {
  const auto it = std::lower_bound(done.begin(), done.end(), device,
                                   [](const std::pair<std::uint32_t, Time>& p, std::uint32_t d) { return p.first < d; });
  return it != done.end() && it->first == device ? it->second : kNever;
}

RestorationPlan plan_restoration(const control::ControlRoomView& view, const Scenario& scenario) {
  const Time t = view.now();
  const world::CrewsConfig& cc = scenario.world.crews;
  const double w = scenario.world.dispatcher.important_weight;
  const Time conductor_ms = ms_of_hours(cc.repair_conductor.median_h);
  const auto crews = view.crews();
  const auto faults = view.faults();
  const auto devices = view.open_devices();

  Time earliest = t;
  const control::StormPicture& storm = view.storm();
  if (storm.forecast_landfall_ms != kNever && t < storm.forecast_landfall_ms + kWindHold) earliest = storm.forecast_landfall_ms + kWindHold;

  // When each line crew is free: now, at the median end of its current job, after its rest, or
  // when its mutual-aid convoy is expected.
  std::priority_queue<Time, std::vector<Time>, std::greater<>> free_at;
  std::vector<Time> job_end(crews.size(), kNever);
  for (const KnownFault& f : faults) {
    if (f.line_crew != kNoneId && f.line_crew < crews.size()) {
      const CrewStatus& c = crews[f.line_crew];
      const Time start = f.repair_started_ms != kNever ? f.repair_started_ms : std::max(earliest, t + travel_ms(c.x_m - f.x_m, c.y_m - f.y_m));
      const Time tree = f.needs_tree && !f.tree_cleared && f.repair_started_ms == kNever ? f.estimated_tree_ms : 0;
      job_end[f.line_crew] = std::max(t, start + tree + f.estimated_repair_ms);
    }
  }
  const auto aid = view.mutual_aid();
  for (const CrewStatus& c : crews) {
    if (c.kind != CrewKind::kLine) continue;
    if (!c.present) {
      if (c.mutual_aid)
        for (const control::MutualAidStatus& m : aid)
          if (m.requested && !m.arrived && m.expected_arrival_ms != kNever && m.line_crews > 0) {
            free_at.push(std::max(t, m.expected_arrival_ms));
            break;
          }
      continue;
    }
    Time at = t;
    if (!c.on_shift) at = c.rest_until_ms == kNever ? t : c.rest_until_ms;
    else if (job_end[c.crew] != kNever) at = job_end[c.crew];
    else if (c.job != control::CrewJob::kNone) at = t + kHour;  // patrol or pre-positioning: about an hour
    free_at.push(at);
  }
  if (free_at.empty()) free_at.push(t + 24 * kHour);

  // Jobs in the dispatcher's order: value per estimated hour. `done` runs parallel to `devices`
  // (both ascending by device), so a job refers to its device by index.
  constexpr std::size_t kNoSlot = SIZE_MAX;
  struct Job {
    double priority;
    std::uint32_t device;
    std::size_t slot;  // index into done, or kNoSlot
    Time duration;
  };
  std::vector<Job> jobs;
  auto priority = [&](double value, Time est_ms) { return value / (to_hours(est_ms) + 0.5); };
  std::vector<std::pair<std::uint32_t, Time>> done;
  done.reserve(devices.size());
  for (const KnownOpenDevice& d : devices) done.emplace_back(d.device, t);
  auto slot_of = [&](std::uint32_t device) -> std::size_t {
    const auto it = std::lower_bound(done.begin(), done.end(), device,
                                     [](const std::pair<std::uint32_t, Time>& p, std::uint32_t id) { return p.first < id; });
    return it != done.end() && it->first == device ? static_cast<std::size_t>(it - done.begin()) : kNoSlot;
  };
  for (const KnownFault& f : faults) {
    const std::size_t s = f.device == kNoneId ? kNoSlot : slot_of(f.device);
    if (f.line_crew != kNoneId) {
      if (s != kNoSlot) done[s].second = std::max(done[s].second, job_end[f.line_crew]);
      continue;
    }
    const double value = importance_weight(f.importance, w) + f.customers + 1;
    const Time dur = f.estimated_repair_ms + (f.needs_tree && !f.tree_cleared ? f.estimated_tree_ms : 0);
    jobs.push_back({priority(value, f.estimated_repair_ms), f.device, s, dur});
  }
  for (std::size_t i = 0; i < devices.size(); ++i) {
    const KnownOpenDevice& d = devices[i];
    if (d.known_faults_below > 0) continue;
    Time& s = done[i].second;
    if (d.patrolled) {
      s = std::max(s, t + kHour);  // a test-close is all that is left
      continue;
    }
    // Travel, patrol the section (pinpointed by calls when large), then one fault to repair.
    double patrol_h = d.section_km / std::max(1.0, cc.patrol_speed_kmph);
    if (d.customers_below >= cc.calls_pinpoint_customers) patrol_h *= cc.calls_pinpoint_factor;
    const Time patrolled = std::max(earliest, t + (d.patrol_crew != kNoneId ? 0 : kDispatchLag + travel_ms(0, 10000))) +
                           std::max<Time>(15 * kMinute, ms_of_hours(patrol_h));
    s = std::max(s, patrolled);
    const double value = importance_weight(d.importance, w) + d.customers_below + 1;
    jobs.push_back({priority(value, conductor_ms), d.device, i, conductor_ms});
  }
  std::sort(jobs.begin(), jobs.end(), [](const Job& a, const Job& b) {
    if (a.priority != b.priority) return a.priority > b.priority;
    return a.device < b.device;
  });
  Time last = t;
  for (const Job& j : jobs) {
    const Time crew = free_at.top();
    free_at.pop();
    const Time ready = j.slot != kNoSlot ? done[j.slot].second : t;  // e.g. after the patrol that will find the fault
    const Time start = std::max({crew + kDispatchLag + travel_ms(0, 10000), earliest, ready});
    const Time finish = start + j.duration;
    free_at.push(finish);
    if (j.slot != kNoSlot) done[j.slot].second = std::max(done[j.slot].second, finish);
    last = std::max(last, finish);
  }
  // An outage nested below another is restored no earlier than the one above it.
  std::vector<std::pair<std::size_t, std::size_t>> nested;  // (slot, slot of the outage above it)
  for (std::size_t i = 0; i < devices.size(); ++i)
    if (devices[i].open_above != kNoneId)
      if (const std::size_t up = slot_of(devices[i].open_above); up != kNoSlot) nested.emplace_back(i, up);
  for (int pass = 0; pass < 8; ++pass) {
    bool changed = false;
    for (const auto& [i, up] : nested) {
      if (done[up].second > done[i].second) {
        done[i].second = done[up].second;
        changed = true;
      }
    }
    if (!changed) break;
  }
  RestorationPlan plan;
  plan.done = std::move(done);
  plan.unlocated = std::max(free_at.top(), earliest) + kDispatchLag + 2 * kHour + conductor_ms;
  plan.unlocated = std::max(plan.unlocated, last);
  return plan;
}

Time etr_from_plan(Time now, Time planned) {
  Time etr = now + std::max<Time>(0, planned - now) * 5 / 4;
  etr = std::max(etr, now + kHour);
  return (etr + kHalfHour - 1) / kHalfHour * kHalfHour;
}

Time padded_revision(Time now, Time estimate) {
  const Time etr = now + std::max<Time>(0, estimate - now) * 3 / 2;
  return (etr + kHalfHour - 1) / kHalfHour * kHalfHour;
}

bool etr_needs_revision(Time now, Time current, Time estimate) {
  if (current <= now) return true;
  const Time to_go = current - now;
  // Later: revise once it moved by max(2 h, 25 % of the time to go). Earlier: only by
  // max(4 h, 50 %) — restoring before the promise misleads nobody.
  return estimate > current + std::max<Time>(2 * kHour, to_go / 4) || estimate < current - std::max<Time>(4 * kHour, to_go / 2);
}

HotlineSupervisor::HotlineSupervisor(const Scenario& scenario)
    : scenario_(scenario),
      publish_delay_ms_(static_cast<Time>(std::llround(scenario.hotline.hotline.publish_delay_min * static_cast<double>(kMinute)))),
      stand_in_ms_(from_seconds(scenario.hotline.trainee.stand_in_answer_s)) {}

Time HotlineSupervisor::on_wake(const control::ControlRoomView& view, CommandSink& sink) {
  const Time t = view.now();
  // Only outage news (a detection, a prediction, a missed ETR, a sample tick) or the outage
  // side's own timer can change what to publish; a call waiting or a stand-in's delay ending
  // concerns the desk alone.
  const bool outage_news = (news_ & kHotlineSeatBit) || (publish_want_ != kNever && t >= publish_want_);
  if (outage_news) {
    publish_want_ = kNever;
    on_outage_news(view, sink, t);
  }
  const Time desk = answer_stand_in(view, sink, t);
  if (desk == kNever) return publish_want_;  // kNever (-1): no wake wanted
  return publish_want_ == kNever ? desk : std::min(publish_want_, desk);
}

void HotlineSupervisor::on_outage_news(const control::ControlRoomView& view, CommandSink& sink, Time t) {
  auto want = [&](Time at) { publish_want_ = publish_want_ == kNever ? at : std::min(publish_want_, at); };

  // Publishing: SCADA-confirmed outages (breakers, reclosers) and trouble-call predictions,
  // publish_delay after the control room learned of them.
  // open_devices(), predictions() and published() are all ascending by device, so each list is
  // checked against the publications in one merged walk (a cursor per list).
  const auto published = view.published();
  auto cursor = [&] {
    return [p = published.begin(), end = published.end()](std::uint32_t device) mutable {
      while (p != end && p->device < device) ++p;
      return p == end || p->device != device;
    };
  };
  auto unpublished = cursor();
  std::vector<std::pair<std::uint32_t, std::uint32_t>> candidates;  // (device, known open device behind it)
  for (const KnownOpenDevice& d : view.open_devices()) {
    if (d.how != control::Detection::kScada || !unpublished(d.device)) continue;
    if (t >= d.detected_ms + publish_delay_ms_) candidates.emplace_back(d.device, d.device);
    else want(d.detected_ms + publish_delay_ms_);
  }
  auto prediction_unpublished = cursor();
  for (const control::CallPrediction& p : view.predictions()) {
    if (!prediction_unpublished(p.device)) continue;
    if (t >= p.first_predicted_ms + publish_delay_ms_) candidates.emplace_back(p.device, view.open_device_behind(p.device));
    else want(p.first_predicted_ms + publish_delay_ms_);
  }
  bool review = last_review_ == kNever || t >= last_review_ + kReviewInterval;
  for (const control::PublishedOutage& p : published) review |= p.etr_passed;  // missed: revise at once
  if (candidates.empty() && !review) {
    // Nothing to publish or revise now.
  } else {
    const RestorationPlan plan = plan_restoration(view, scenario_);
    const Time unlocated = etr_from_plan(t, plan.unlocated);
    auto estimate_for = [&](std::uint32_t behind) {
      const Time at = behind == kNoneId ? kNever : plan.at(behind);
      return at == kNever ? unlocated : etr_from_plan(t, at);
    };
    auto publish = [&](std::uint32_t device, Time etr, const char* text) {
      Command c;
      c.kind = CommandKind::kPublishOutage;
      c.target = device;
      c.value = etr;
      c.text = text;
      sink.submit(c);
    };
    std::sort(candidates.begin(), candidates.end());
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      if (i > 0 && candidates[i].first == candidates[i - 1].first) continue;
      publish(candidates[i].first, estimate_for(candidates[i].second), "outage published with ETR");
    }
    if (review) {
      last_review_ = t;
      for (const control::PublishedOutage& p : published) {
        const std::uint32_t behind = view.open_device_behind(p.device);
        // Restored (nothing open behind it) and not missed: nothing to tell anyone.
        if (behind == kNoneId && !p.etr_passed) continue;
        const Time estimate = estimate_for(behind);
        if (etr_needs_revision(t, p.etr_ms, estimate))
          publish(p.device, estimate > p.etr_ms ? padded_revision(t, estimate) : estimate,
                  p.etr_ms <= t || p.etr_passed ? "ETR passed: revised" : "ETR revised");
      }
    }
  }

}

Time HotlineSupervisor::answer_stand_in(const control::ControlRoomView& view, CommandSink& sink, Time t) {
  Time next = kNever;
  auto want = [&](Time at) { next = next == kNever ? at : std::min(next, at); };
  // The stand-in answers calls routed to the empty trainee seat after the scripted delay.
  const control::HotlineBoard& board = view.hotline();
  if (board.trainee_at_desk) return next;  // a person answers at the desk (practice)
  const bool full = board.trainee_busy >= board.trainee_seats;
  if (seat_was_full_ && !full) seat_free_since_ = t;
  seat_was_full_ = full;
  int free = board.trainee_seats - board.trainee_busy;
  for (const control::WaitingCall& w : view.calls_waiting_for_seat()) {
    if (free <= 0) break;
    const Time due = std::max(w.arrived_ms, seat_free_since_) + stand_in_ms_;
    if (t < due) {
      want(due);
      break;  // oldest first
    }
    Command c;
    c.kind = CommandKind::kAnswerCall;
    c.actor = 0;
    c.target = w.call;
    c.text = "scripted stand-in";
    if (sink.submit(c).accepted) --free;
  }
  return next;
}

}  // namespace fl::dispatch
