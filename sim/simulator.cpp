#include "sim/simulator.h"

#include <cmath>
#include <limits>
#include <cstdio>

#include <algorithm>
#include <array>
#include <map>
#include <string>
#include <vector>

#include "sim/control/live_control_room.h"
#include "sim/core/event_kinds.h"
#include "sim/dispatch/auto_dispatcher.h"
#include "sim/dispatch/hotline_supervisor.h"
#include "sim/hotline/hotline.h"
#include "sim/run/details.h"
#include "sim/scoring/scorecard.h"
#include "sim/world/world.h"

namespace fl {

namespace {

/// A section written by a subsystem, as compact JSON.
template <class F>
std::string json_section(F&& write) {
  JsonWriter w(false);
  write(w);
  return w.str();
}
constexpr Time kSampleInterval = 15 * kMinute;

std::uint64_t fnv1a(std::uint64_t h, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) {
    h ^= (v >> (8 * i)) & 0xff;
    h *= 0x100000001b3ULL;
  }
  return h;
}
}  // namespace

Simulator::Simulator(const Scenario& scenario, const RunOptions& options)
    : scenario_(scenario),
      options_(options),
      calendar_(make_calendar(scenario_)),
      context_{queue_, scenario_, calendar_, *this, options.seed, options.replication, &waker_},
      end_time_(static_cast<Time>(std::llround(scenario_.duration_hours * static_cast<double>(kHour)))) {
  horizon_ = end_time_;
  queue_.reserve(1 << 12);
  world_ = std::make_unique<world::World>(context_);
  hotline_ = std::make_unique<hotline::Hotline>(context_, *world_);
  world_->set_listener(hotline_.get());
  waker_.sim = this;
  view_ = std::make_unique<control::LiveControlRoom>(context_, world_.get(), hotline_.get());
  if (options_.seats.dispatch == Holder::kAgent) agents_.push_back(std::make_unique<dispatch::AutoDispatcher>(scenario_));
  if (options_.seats.hotline == Holder::kAgent) agents_.push_back(std::make_unique<dispatch::HotlineSupervisor>(scenario_));
  queue_.schedule(0, Event{core_events::kSampleTick, 0, 0, 0, 0});
  sample_pending_ = true;
  world_->start();
  hotline_->start();
}

Simulator::~Simulator() {
  if (owned_desk_) hotline_->set_trainee_desk(nullptr);
}

bool Simulator::step() {
  if (queue_.next_time(horizon_ + 1) > horizon_) return false;
  FiredEvent e;
  if (!queue_.pop(e)) return false;
  dispatch(e);
  return true;
}

void Simulator::run_until(Time t) {
  const Time limit = t < horizon_ ? t : horizon_;
  while (queue_.next_time(limit + 1) <= limit) {
    FiredEvent e;
    queue_.pop(e);
    dispatch(e);
  }
  if (limit > queue_.now()) queue_.advance_to(limit);
}

void Simulator::advance_to(Time t) {
  run_until(std::min(t, end_time_));
  if (t <= end_time_) return;
  // Complaints raised late in the drill are followed to closure or overdue, so their
  // commitments can be scored; nothing new is started for the trainee meanwhile.
  for (Time follow = hotline_->follow_up_until(); follow > now() && now() < t; follow = hotline_->follow_up_until()) {
    horizon_ = follow;
    // Keep sampling through the follow-up so the restoration curve shows how the outage ended.
    const Time next_tick = static_cast<Time>(samples_) * kSampleInterval;
    if (samples_ > 0 && next_tick > now() && next_tick <= horizon_ && !sample_pending_) {
      queue_.schedule(next_tick, Event{core_events::kSampleTick, 0, 0, 0, 0});
      sample_pending_ = true;
    }
    run_until(std::min(follow, t));
  }
}

void Simulator::run_to_end() { advance_to(std::numeric_limits<Time>::max() / 2); }

Time Simulator::next_event_time() { return queue_.next_time(kNever); }

void Simulator::replay_to(std::uint64_t position, Time time) {
  while (queue_.fired() < position) {
    FiredEvent e;
    if (!queue_.pop(e)) break;
    dispatch(e);
  }
  if (time > queue_.now() && queue_.next_time(time + 1) > time) queue_.advance_to(time);
}

const control::ControlRoomView& Simulator::control_room() const { return *view_; }

namespace {
// The wake bits an agent of seat `s` answers to, and the one its own timer sets.
std::uint8_t seat_bit(Seat s) {
  return s == Seat::kDispatch ? kDispatchSeatBit | kDispatchTimerBit : kHotlineSeatBit | kHotlineCallsBit | kHotlineTimerBit;
}
std::uint8_t timer_bit(Seat s) { return s == Seat::kDispatch ? kDispatchTimerBit : kHotlineTimerBit; }
}  // namespace

void Simulator::Waker::wake_agents(Time t, std::uint8_t seats) {
  // News reaches each agent at its next round (its reaction time), not the same millisecond.
  for (const auto& agent : sim->agents_) {
    const std::uint8_t bit = seat_bit(agent->seat());
    if (!(seats & bit)) continue;
    const Time r = agent->reaction_ms();
    const Time at = std::max(t, sim->queue_.now());
    sim->wake(r > 0 ? (at + r - 1) / r * r : at, bit);
  }
}

void Simulator::wake(Time t, std::uint8_t seats) {
  if (agents_.empty()) return;
  t = std::max(t, queue_.now());
  const auto it = std::lower_bound(wakes_pending_.begin(), wakes_pending_.end(), t,
                                   [](const std::pair<Time, std::uint8_t>& w, Time at) { return w.first < at; });
  if (it != wakes_pending_.end() && it->first == t) {
    it->second |= seats;  // coalesced
    return;
  }
  wakes_pending_.insert(it, {t, seats});
  queue_.schedule(t, Event{agent_events::kWake, 0, 0, 0, 0});
}

// Commands an agent submits: applied and logged like the trainee's, marked as not the trainee's.
class Simulator::SeatSink final : public CommandSink {
 public:
  explicit SeatSink(Simulator& sim) : sim_(sim) {}
  CommandResult submit(Command c) override {
    c.by_trainee = false;
    if (sim_.wake_observer_) sim_.wake_observer_->before_command();
    CommandResult r = sim_.apply_and_log(std::move(c));
    if (sim_.wake_observer_) sim_.wake_observer_->after_command();
    return r;
  }

 private:
  Simulator& sim_;
};

void Simulator::dispatch(const FiredEvent& e) {
  const std::uint16_t kind = e.event.kind;
  if (kind == core_events::kSampleTick) {
    sample(e.time);
  } else if (kind >= kWorldEventsBegin && kind < kHotlineEventsBegin) {
    world_->handle(e);
  } else if (kind >= kHotlineEventsBegin && kind < kScoringEventsBegin) {
    hotline_->handle(e);
  } else if (kind == agent_events::kWake) {
    std::uint8_t seats = kEverySeat;
    const auto it = std::lower_bound(wakes_pending_.begin(), wakes_pending_.end(), e.time,
                                     [](const std::pair<Time, std::uint8_t>& w, Time at) { return w.first < at; });
    if (it != wakes_pending_.end() && it->first == e.time) {
      seats = it->second;
      wakes_pending_.erase(it);
    }
    ++agent_wakes_;
    view_->invalidate(false);  // the clock may have moved; the world has not since the last event
    in_wake_ = true;
    SeatSink sink(*this);
    std::vector<std::pair<Time, std::uint8_t>> next;
    std::size_t logged = log_.size();
    const std::size_t logged_before = logged;
    // Whether commands logged from `from` on changed the world (hotline commands never do).
    auto world_commands_since = [&](std::size_t from) {
      for (std::size_t i = from; i < log_.size(); ++i)
        if (static_cast<std::uint16_t>(log_[i].command.kind) < 100) return true;
      return false;
    };
    for (const auto& agent : agents_) {
      const std::uint8_t bit = seat_bit(agent->seat());
      if (!(seats & bit)) continue;  // not its news
      // Each agent sees what the previous one did.
      if (log_.size() != logged) view_->invalidate(world_commands_since(logged));
      logged = log_.size();
      agent->woken_for(seats & bit);
      if (wake_observer_) wake_observer_->before_agent(agent->seat());
      next.emplace_back(agent->on_wake(*view_, sink), timer_bit(agent->seat()));
      if (wake_observer_) wake_observer_->after_agent(agent->seat());
    }
    in_wake_ = false;
    view_->invalidate(world_commands_since(logged_before));
    if (wake_repeat_time_ != e.time) {
      wake_repeat_time_ = e.time;
      wake_repeats_ = 0;
    }
    for (const auto& [n, bit] : next) {
      if (n == kNever) continue;
      // A same-time second look is allowed a few times per instant (switching cascades settle).
      if (n <= e.time && ++wake_repeats_ > 8) continue;
      wake(n, bit);
    }
    return;
  }
  // Hotline events never change the world (it only listens to the grid).
  view_->invalidate(kind < kHotlineEventsBegin || kind >= kScoringEventsBegin);
}

void Simulator::sample(Time t) {
  ++samples_;
  sample_pending_ = false;
  world_->sample(t);
  hotline_->sample(t);
  if (t + kSampleInterval <= horizon_) {
    queue_.schedule(t + kSampleInterval, Event{core_events::kSampleTick, 0, 0, 0, 0});
    sample_pending_ = true;
  }
}

CommandResult Simulator::submit(Command c) { return apply_and_log(std::move(c)); }

CommandResult Simulator::submit(Seat seat, Command c) {
  const Seat owner = static_cast<std::uint16_t>(c.kind) < 100 ? Seat::kDispatch : Seat::kHotline;
  c.by_trainee = true;
  if (owner != seat) {
    c.time = queue_.now();
    CommandResult r = CommandResult::refused(seat == Seat::kDispatch ? "seat.dispatch_not_hotline" : "seat.hotline_not_dispatch", {},
                                             seat == Seat::kDispatch ? "the dispatch seat cannot issue hotline commands"
                                                                     : "the hotline seat cannot issue dispatch commands");
    log_.push_back({std::move(c), r, queue_.fired()});
    return r;
  }
  return apply_and_log(std::move(c));
}

CommandResult Simulator::apply_and_log(Command c) {
  c.time = queue_.now();
  CommandResult result;
  const bool world_command = static_cast<std::uint16_t>(c.kind) < 100;
  if (world_command) {
    result = world_->apply(c);
  } else {
    result = hotline_->apply(c);
  }
  log_.push_back({std::move(c), result, queue_.fired()});
  // During a wake the agents read a snapshot. Hotline commands never change the world.
  if (!in_wake_) view_->invalidate(world_command);
  return result;
}

std::uint64_t Simulator::state_hash() const {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  h = fnv1a(h, static_cast<std::uint64_t>(queue_.now()));
  h = fnv1a(h, queue_.fired());
  h = fnv1a(h, queue_.size());
  h = fnv1a(h, samples_);
  h = fnv1a(h, log_.size());
  h = fnv1a(h, world_->state_hash());
  h = fnv1a(h, hotline_->state_hash());
  return h;
}

void Simulator::write_scorecard(JsonWriter& w) const {
  w.begin_object();
  w.key("scenario").value(scenario_.id);
  w.key("seed").value(options_.seed);
  w.key("sim_hours").value(to_hours(now()));
  w.key("events").value(events_fired());
  scoring::write_scoring_sections(w, *this, baseline_);
  w.key("reliability");
  world_->write_reliability(w);
  w.key("hotline");
  hotline_->write_hotline(w);
  w.key("complaints").begin_object();
  w.members_of(json_section([&](JsonWriter& s) { hotline_->write_complaints(s); }), {"events"});
  w.end_object();
  w.key("restoration_curve");
  world_->write_restoration_curve(w);
  w.key("storm");
  world_->write_storm(w);
  // Per-entity arrays (each crew's timeline, each complaint, each command) go to the run's
  // details (sim/run/details.h, details.sqlite); the scorecard keeps their counts and aggregates,
  // so its size does not grow with the area.
  const run::DetailCounts counts = run::count_details(*this);
  w.key("crews").begin_object();
  w.members_of(json_section([&](JsonWriter& s) { world_->write_crews(s); }), {"timeline"});
  w.key("segments").value(counts.crew_segments);
  w.key("activity_crew_hours").begin_object();  // Σ over crews of each activity's hours (the timeline's totals)
  {
    std::map<std::string, double> hours;
    for (const run::CrewSegmentRow& seg : run::collect_crew_segments(*this)) hours[seg.activity] += seg.end_hours - seg.start_hours;
    for (const auto& [activity, h] : hours) w.key(activity).value(h);
  }
  w.end_object();
  w.end_object();
  w.key("work_orders");
  hotline_->write_work_orders(w);
  w.key("decisions_summary").begin_object();
  {
    std::uint64_t by_trainee = 0, refused = 0, trainee_refused = 0;
    std::map<int, std::array<std::uint64_t, 3>> by_kind;  // kind -> {count, refused, by_trainee}
    std::map<std::string, std::uint64_t> trainee_reasons;
    for (const LoggedCommand& logged : log_) {
      auto& k = by_kind[static_cast<int>(logged.command.kind)];
      ++k[0];
      if (!logged.result.accepted) ++k[1], ++refused;
      if (logged.command.by_trainee) ++k[2], ++by_trainee;
      if (logged.command.by_trainee && !logged.result.accepted) {
        ++trainee_refused;
        ++trainee_reasons[logged.result.reason];
      }
    }
    w.key("total").value(static_cast<std::uint64_t>(log_.size()));
    w.key("by_trainee").value(by_trainee);
    w.key("refused").value(refused);
    w.key("refused_by_trainee").value(trainee_refused);
    w.key("by_kind").begin_array();
    for (const auto& [kind, k] : by_kind) {
      w.begin_object();
      w.key("kind").value(kind);
      w.key("count").value(k[0]);
      w.key("refused").value(k[1]);
      w.key("by_trainee").value(k[2]);
      w.end_object();
    }
    w.end_array();
    // The trainee's refusals by reason, most frequent first (ties by reason), at most 10.
    std::vector<std::pair<std::string, std::uint64_t>> reasons(trainee_reasons.begin(), trainee_reasons.end());
    std::stable_sort(reasons.begin(), reasons.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    if (reasons.size() > 10) reasons.resize(10);
    w.key("trainee_refusals").begin_array();
    for (const auto& [reason, n] : reasons) {
      w.begin_object();
      w.key("reason").value(reason);
      w.key("count").value(n);
      w.end_object();
    }
    w.end_array();
  }
  w.end_object();
  w.key("details").begin_object();
  w.key("file").value("details.sqlite");
  w.key("variant").value(0);
  w.key("replication").value(0);
  w.key("decisions").value(counts.decisions);
  w.key("crews").value(counts.crews);
  w.key("crew_segments").value(counts.crew_segments);
  w.key("work_orders").value(counts.work_orders);
  w.key("complaints").value(counts.complaints);
  w.key("important_customers").value(counts.important_customers);
  w.end_object();
  w.end_object();
}

std::string Simulator::scorecard_json() const {
  JsonWriter w(true);
  write_scorecard(w);
  return w.str() + "\n";
}

std::string Simulator::summary() const {
  char head[320];
  if (now() > end_time_) {
    std::snprintf(head, sizeof head, "%s — seed %llu, %.1f-hour drill, complaint orders followed up to %.1f h, %llu events\n",
                  scenario_.id.c_str(), static_cast<unsigned long long>(options_.seed), to_hours(end_time_),
                  to_hours(now()), static_cast<unsigned long long>(events_fired()));
  } else {
    std::snprintf(head, sizeof head, "%s — seed %llu, %.1f simulated hours, %llu events\n", scenario_.id.c_str(),
                  static_cast<unsigned long long>(options_.seed), to_hours(now()),
                  static_cast<unsigned long long>(events_fired()));
  }
  return head + world_->summary() + hotline_->summary();
}

const GridView& Simulator::world_grid() const { return *world_; }

void Simulator::set_trainee_desk(hotline::TraineeDesk* desk) { hotline_->set_trainee_desk(desk); }

void Simulator::own_trainee_desk(std::unique_ptr<hotline::TraineeDesk> desk) {
  hotline_->set_trainee_desk(desk.get());
  owned_desk_ = std::move(desk);
}

const hotline::TraineeDesk* Simulator::trainee_desk() const { return hotline_->trainee_desk(); }

}  // namespace fl
