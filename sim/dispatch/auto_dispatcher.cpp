#include "sim/dispatch/auto_dispatcher.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "sim/scenario/scenario.h"

namespace fl::dispatch {

using control::CrewKind;
using control::CrewStatus;
using control::Importance;
using control::KnownFault;
using control::KnownOpenDevice;
using control::kNoneId;

double importance_weight(Importance tier, double w) {
  switch (tier) {
    case Importance::kLifeCritical: return 5 * w;
    case Importance::kWaterWorks: return 3 * w;
    case Importance::kGovernment: return w;
    case Importance::kOrdinary: break;
  }
  return 0;
}

AutoDispatcher::AutoDispatcher(const Scenario& scenario)
    : isolate_faults_(scenario.world.dispatcher.isolate_faults),
      mutual_aid_trigger_pct_(scenario.world.dispatcher.mutual_aid_trigger_pct),
      important_weight_(scenario.world.dispatcher.important_weight),
      patrol_kmph_(scenario.world.crews.patrol_speed_kmph) {}

namespace {

Command make(CommandKind kind, std::uint32_t actor, std::uint32_t target, std::int64_t value, const char* text) {
  Command c;
  c.kind = kind;
  c.actor = actor;
  c.target = target;
  c.value = value;
  c.text = text;
  return c;
}

// A lower tier of importance when the view only knows "important" (a flag from the patrol).
Importance tier_of(bool important, Importance tier) {
  return tier != Importance::kOrdinary ? tier : important ? Importance::kGovernment : Importance::kOrdinary;
}

}  // namespace

Time AutoDispatcher::on_wake(const control::ControlRoomView& view, CommandSink& sink) {
  const Time t = view.now();
  bool switched = false;
  const auto crews = view.crews();

  // Pre-position 12 h before the forecast landfall: idle line and tree crews spread over the
  // substations so they ride out the storm close to the feeders they will restore.
  const control::StormPicture& storm = view.storm();
  if (!prepositioned_ && storm.forecast_landfall_ms != kNever && t >= storm.forecast_landfall_ms - 12 * kHour &&
      t < storm.forecast_landfall_ms && !view.staging_cells().empty()) {
    prepositioned_ = true;
    const auto sites = view.staging_cells();
    std::size_t k = 0;
    for (const CrewStatus& c : crews) {
      if (!c.available() || c.kind == CrewKind::kAssessment) continue;
      sink.submit(make(CommandKind::kPreposition, c.crew, sites[k++ % sites.size()], 0, "pre-position before landfall"));
    }
  }

  // Mutual aid once the customers known to be out pass the trigger.
  const std::uint64_t known_out = view.known_customers_out();
  if (known_out > 0 && static_cast<double>(known_out) >= mutual_aid_trigger_pct_ / 100.0 * static_cast<double>(view.customers_served()))
    for (const control::MutualAidStatus& m : view.mutual_aid())
      if (!m.requested) sink.submit(make(CommandKind::kRequestMutualAid, 0, m.offer, 0, "known customers out past the trigger"));

  // Isolation and back-feed of found faults (the network model offers the devices).
  const auto faults = view.faults();
  if (isolate_faults_) {
    std::vector<std::uint32_t> done;
    for (const KnownFault& f : faults) {
      if (f.isolate_with != kNoneId && std::find(done.begin(), done.end(), f.isolate_with) == done.end()) {
        done.push_back(f.isolate_with);
        const std::string text = "isolate fault " + std::to_string(f.fault);
        Command c = make(CommandKind::kOperateSwitch, 0, f.isolate_with, 0, "");
        c.text = text;
        switched |= sink.submit(c).accepted;
      }
      if (f.backfeed_tie != kNoneId && std::find(done.begin(), done.end(), f.backfeed_tie) == done.end()) {
        done.push_back(f.backfeed_tie);
        bool cut = f.backfeed_cut == kNoneId;
        if (!cut) cut = sink.submit(make(CommandKind::kOperateSwitch, 0, f.backfeed_cut, 0, "isolate below fault")).accepted;
        if (cut) switched |= sink.submit(make(CommandKind::kOperateSwitch, 0, f.backfeed_tie, 1, "back-feed through tie")).accepted;
      }
    }
  }

  // Test-close: an open device with supply above, patrolled, and nothing known below.
  const auto devices = view.open_devices();
  for (const KnownOpenDevice& d : devices) {
    if (!d.supply_above || !d.patrolled || d.known_faults_below > 0 || d.patrol_crew != kNoneId) continue;
    auto it = close_refused_.find(d.device);
    if (it != close_refused_.end() && t - it->second < kHour) continue;  // retry refused closes hourly
    const CommandResult r = sink.submit(make(CommandKind::kOperateSwitch, 0, d.device, 1, "restore healthy section"));
    if (r.accepted) {
      switched = true;
      if (it != close_refused_.end()) close_refused_.erase(it);
    } else {
      close_refused_[d.device] = t;
    }
  }

  // Jobs for available crews.
  std::vector<std::uint32_t> idle;
  std::size_t idle_of[3] = {0, 0, 0};
  for (const CrewStatus& c : crews)
    if (c.available()) {
      idle.push_back(c.crew);
      ++idle_of[static_cast<int>(c.kind)];
    }
  if (!idle.empty()) {
    ++rounds_;
    struct Job {
      double priority;
      control::CrewJob kind;
      std::uint32_t target;
      double x, y;
    };
    std::vector<Job> jobs;
    const bool want_patrol = idle_of[0] + idle_of[2] > 0, want_tree = idle_of[1] > 0, want_line = idle_of[0] > 0;
    if (want_patrol) {
      // Trouble-call predictions say where the calls point: patrol those sections first.
      // Both lists are ascending by device (one prediction per device): walk them together.
      const auto predictions = view.predictions();
      auto p = predictions.begin();
      for (const KnownOpenDevice& d : devices) {
        if (d.patrolled || d.patrol_crew != kNoneId) continue;
        while (p != predictions.end() && p->device < d.device) ++p;
        const double calls = p != predictions.end() && p->device == d.device ? p->calls : 0;
        const double value = importance_weight(tier_of(d.important_below, d.importance), important_weight_) + d.customers_below + 1;
        jobs.push_back({value * (1 + std::min(calls, 20.0) / 10), control::CrewJob::kPatrol, d.device, d.x_m, d.y_m});
      }
    }
    for (const KnownFault& f : faults) {
      const double value = importance_weight(tier_of(f.important, f.importance), important_weight_) + f.customers + 1;
      if (want_tree && f.needs_tree && !f.tree_cleared && f.tree_crew == kNoneId)
        jobs.push_back({value / (to_hours(f.estimated_tree_ms) + 0.5), control::CrewJob::kTree, f.fault, f.x_m, f.y_m});
      // A line crew goes to a tree fault once the tree crew reports it will be done soon (by the
      // median), not to wait idle.
      const bool tree_done_soon = f.tree_work_started_ms != kNever && f.tree_work_started_ms + f.estimated_tree_ms - t <= 45 * kMinute;
      if (want_line && f.line_crew == kNoneId && (!f.needs_tree || f.tree_cleared || tree_done_soon))
        jobs.push_back({value / (to_hours(f.estimated_repair_ms) + 0.5), control::CrewJob::kRepair, f.fault, f.x_m, f.y_m});
    }
    const std::size_t keep = std::min(jobs.size(), 3 * idle.size() + 8);
    std::partial_sort(jobs.begin(), jobs.begin() + static_cast<std::ptrdiff_t>(keep), jobs.end(), [](const Job& a, const Job& b) {
      if (a.priority != b.priority) return a.priority > b.priority;
      if (a.kind != b.kind) return a.kind < b.kind;
      return a.target < b.target;
    });
    jobs.resize(keep);
    for (const Job& job : jobs) {
      if (idle.empty()) break;
      auto pick = [&](CrewKind kind) {
        std::size_t best = idle.size();
        double best_d = 1e300;
        for (std::size_t i = 0; i < idle.size(); ++i) {
          const CrewStatus& c = crews[idle[i]];
          if (c.kind != kind) continue;
          const double dist = std::hypot(c.x_m - job.x, c.y_m - job.y);
          if (dist < best_d) {
            best_d = dist;
            best = i;
          }
        }
        return best;
      };
      std::size_t k = idle.size();
      CommandKind kind = CommandKind::kAssignCrew;
      if (job.kind == control::CrewJob::kPatrol) {
        k = pick(CrewKind::kAssessment);
        if (k == idle.size()) k = pick(CrewKind::kLine);
        kind = CommandKind::kPatrol;
      } else if (job.kind == control::CrewJob::kTree) {
        k = pick(CrewKind::kTree);
      } else {
        k = pick(CrewKind::kLine);
      }
      if (k == idle.size()) continue;
      if (sink.submit(make(kind, idle[k], job.target, 0, "")).accepted) idle.erase(idle.begin() + static_cast<std::ptrdiff_t>(k));
    }
  }
  // After switching, look again at the same time: sections changed (new test-closes, new jobs).
  return switched ? t : kNever;
}

}  // namespace fl::dispatch
