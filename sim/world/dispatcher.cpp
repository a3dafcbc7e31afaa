#include "sim/world/world.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/core/random.h"
#include "sim/scenario/scenario.h"
#include "sim/world/world_internal.h"

namespace fl::world {

using namespace internal;

// The automatic dispatcher (to move to sim/dispatch/, reading only the control-room view).

void World::request_dispatch(Time t) {
  if (!ctx_.automatic_dispatcher || dispatch_pending_) return;
  dispatch_pending_ = true;
  ctx_.queue.schedule(t, Event{events::kDispatch, 0, 0, 0, 0});
}

void World::isolate(Time, std::uint32_t device) {
  if (grid_.devices()[device].edge == kNoId) return;  // a transformer fuse: nothing to switch
  std::vector<std::uint32_t> fs;
  region_faults(device, fs);
  const std::uint32_t top_edge = grid_.devices()[device].edge;
  for (std::uint32_t fid : fs) {
    const Fault& f = faults_[fid];
    if (f.edge == kNoId || f.found == kNever || f.repaired != kNever) continue;
    std::uint32_t e = f.edge;
    while (e != kNoId && e != top_edge) {
      const Edge& edge = grid_.edges()[e];
      if (edge.device != kNoId) {
        const Device& d = grid_.devices()[edge.device];
        if (d.closed && d.type != DeviceType::kTie && d.type != DeviceType::kTransformerFuse) {
          Command cmd;
          cmd.kind = CommandKind::kOperateSwitch;
          cmd.target = edge.device;
          cmd.value = 0;
          cmd.text = "isolate fault " + std::to_string(fid);
          ctx_.commands.submit(cmd);
          break;
        }
        if (!d.closed) break;
      }
      e = grid_.nodes()[edge.parent].parent_edge;
    }
  }
  // Back-feed the healthy part below a main-line fault through a tie: open the first main-line
  // device below the fault, then close a tie whose end lies below it (capacity permitting).
  for (std::uint32_t fid : fs) {
    const Fault& f = faults_[fid];
    if (f.edge == kNoId || f.found == kNever || f.repaired != kNever || !grid_.edges()[f.edge].trunk) continue;
    const std::uint32_t below = grid_.edges()[f.edge].child;
    std::uint32_t cut = kNoId;
    for (std::uint32_t d2 = 0; d2 < grid_.devices().size(); ++d2) {
      const Device& dev = grid_.devices()[d2];
      if (dev.edge == kNoId || dev.type == DeviceType::kTie || dev.type == DeviceType::kFuse || !dev.closed) continue;
      const Edge& de = grid_.edges()[dev.edge];
      if (!de.trunk || de.child == below || !grid_.in_subtree(below, de.child)) continue;
      if (cut == kNoId || grid_.order(de.child) < grid_.order(grid_.edges()[grid_.devices()[cut].edge].child)) cut = d2;
    }
    if (cut == kNoId) continue;
    const std::uint32_t cut_node = grid_.edges()[grid_.devices()[cut].edge].child;
    std::uint32_t tie = kNoId;
    for (std::uint32_t d2 = 0; d2 < grid_.devices().size() && tie == kNoId; ++d2) {
      const Device& dev = grid_.devices()[d2];
      if (dev.type != DeviceType::kTie || dev.closed) continue;
      const Edge& te = grid_.edges()[dev.edge];
      if (grid_.in_subtree(cut_node, te.child) || grid_.in_subtree(cut_node, te.parent)) tie = d2;
    }
    if (tie == kNoId) continue;
    Command open_cmd;
    open_cmd.kind = CommandKind::kOperateSwitch;
    open_cmd.target = cut;
    open_cmd.value = 0;
    open_cmd.text = "isolate below fault " + std::to_string(fid);
    if (!ctx_.commands.submit(open_cmd).accepted) continue;
    if (region_has_known_fault(tie)) continue;
    Command tie_cmd;
    tie_cmd.kind = CommandKind::kOperateSwitch;
    tie_cmd.target = tie;
    tie_cmd.value = 1;
    tie_cmd.text = "back-feed through tie";
    ctx_.commands.submit(tie_cmd);
  }
  const Device& d = grid_.devices()[device];
  if (!d.closed && grid_.energised(grid_.edges()[d.edge].parent) && !region_has_known_fault(device)) {
    bool blown = false;
    for (std::uint32_t fid : fs)
      if (faults_[fid].device == device && faults_[fid].repaired == kNever) blown = true;
    if (!blown) {
      Command cmd;
      cmd.kind = CommandKind::kOperateSwitch;
      cmd.target = device;
      cmd.value = 1;
      cmd.text = "restore healthy section";
      ctx_.commands.submit(cmd);
    }
  }
}

void World::dispatch_round(Time t) {
  if (!ctx_.automatic_dispatcher) return;
  std::vector<std::uint32_t> idle;
  for (const Crew& c : crews_)
    if (c.present && c.on_shift && !c.rest_pending && c.job == JobKind::kNone) idle.push_back(c.id);
  if (idle.empty()) return;
  struct Job {
    double priority;
    JobKind kind;
    std::uint32_t target;
    double x, y;
  };
  std::vector<Job> jobs;
  const double w_imp = cfg_.dispatcher.important_weight;
  std::size_t idle_of[3] = {0, 0, 0};
  for (std::uint32_t id : idle) ++idle_of[static_cast<int>(crews_[id].type)];
  const bool want_patrol = idle_of[0] + idle_of[2] > 0, want_tree = idle_of[1] > 0, want_line = idle_of[0] > 0;
  for (std::uint32_t d : want_patrol ? open_ids_ : std::vector<std::uint32_t>{}) {
    const OpenDevice& o = open_[d];
    if (o.opened == kNever || o.detected > t || o.patrolled || o.patrol_crew != kNoId) continue;
    const Device& dev = grid_.devices()[d];
    const Node& n = grid_.nodes()[dev.edge != kNoId ? grid_.edges()[dev.edge].child : grid_.transformers()[dev.transformer].node];
    jobs.push_back({(o.important ? w_imp : 0) + o.customers + 1, JobKind::kPatrol, d, n.x_m, n.y_m});
  }
  for (std::uint32_t fid : live_faults_) {
    const Fault& f = faults_[fid];
    const double value = (f.important_hint ? w_imp : 0) + f.customers_hint + 1;
    if (want_tree && f.needs_tree && f.tree_cleared == kNever && f.tree_crew == kNoId)
      jobs.push_back({value / (to_hours(f.tree_ms) + 0.5), JobKind::kTree, fid, f.x_m, f.y_m});
    // A line crew goes to a tree fault once the tree crew is at work there, not to wait idle.
    const bool tree_done_soon = f.tree_crew != kNoId && crews_[f.tree_crew].activity == Activity::kRepair &&
                                crews_[f.tree_crew].since + f.tree_ms - t <= 45 * kMinute;
    if (want_line && f.line_crew == kNoId && (!f.needs_tree || f.tree_cleared != kNever || tree_done_soon))
      jobs.push_back({value / (to_hours(f.repair_ms) + 0.5), JobKind::kRepair, fid, f.x_m, f.y_m});
  }
  // Only the best few jobs can be served this round: each idle crew takes at most one.
  const std::size_t keep = std::min(jobs.size(), 3 * idle.size() + 8);
  std::partial_sort(jobs.begin(), jobs.begin() + static_cast<std::ptrdiff_t>(keep), jobs.end(), [](const Job& a, const Job& b) {
    if (a.priority != b.priority) return a.priority > b.priority;
    if (a.kind != b.kind) return a.kind < b.kind;
    return a.target < b.target;
  });
  jobs.resize(keep);
  for (const Job& job : jobs) {
    if (idle.empty()) break;
    auto pick = [&](CrewType type) {
      std::size_t best = idle.size();
      double best_d = 1e300;
      for (std::size_t i = 0; i < idle.size(); ++i) {
        const Crew& c = crews_[idle[i]];
        if (c.type != type) continue;
        const double d = std::hypot(c.x_m - job.x, c.y_m - job.y);
        if (d < best_d) {
          best_d = d;
          best = i;
        }
      }
      return best;
    };
    std::size_t k = idle.size();
    Command cmd;
    if (job.kind == JobKind::kPatrol) {
      k = pick(CrewType::kAssessment);
      if (k == idle.size()) k = pick(CrewType::kLine);
      cmd.kind = CommandKind::kPatrol;
    } else if (job.kind == JobKind::kTree) {
      k = pick(CrewType::kTree);
      cmd.kind = CommandKind::kAssignCrew;
    } else {
      k = pick(CrewType::kLine);
      cmd.kind = CommandKind::kAssignCrew;
    }
    if (k == idle.size()) continue;
    cmd.actor = idle[k];
    cmd.target = job.target;
    if (ctx_.commands.submit(cmd).accepted) idle.erase(idle.begin() + static_cast<std::ptrdiff_t>(k));
  }
}

}  // namespace fl::world
