#pragma once
/// \file The discrete-event kernel: a priority queue of plain-data events ordered by
/// (time, insertion sequence), with O(1) lazy cancellation and no per-event heap allocation
/// once its buffers have grown to the peak number of pending events.
#include <cstdint>
#include <vector>

#include "sim/core/time.h"

namespace fl {

/// A scheduled event's payload: plain data interpreted by the subsystem that owns `kind`.
/// `a`, `b` are usually entity ids, `c` a value or a second time; 24 bytes, trivially copyable.
struct Event {
  std::uint16_t kind = 0;   ///< which handler consumes it (see sim/event_kinds.h)
  std::uint16_t flags = 0;  ///< free for the owner (e.g. a sub-kind)
  std::uint32_t a = 0;      ///< first argument, typically an entity id
  std::uint32_t b = 0;      ///< second argument
  std::int64_t c = 0;       ///< third argument: a count, a time, a packed pair
};

/// Identifies one scheduled event so it can be cancelled. Stale ids (already fired or cancelled)
/// are harmless: cancel() just returns false.
struct EventId {
  std::uint32_t slot = UINT32_MAX;
  std::uint32_t generation = 0;
  bool valid() const { return slot != UINT32_MAX; }
};

/// An event as popped from the queue: when it fires, its payload, and its order of insertion.
struct FiredEvent {
  Time time = 0;
  std::uint64_t sequence = 0;
  Event event;
};

/// Pending events ordered by (time, insertion sequence): two events at the same time fire in the
/// order they were scheduled. Not thread-safe; one queue per simulation.
class EventQueue {
 public:
  /// Schedules `e` at absolute time `t` (ms). `t` may not precede now() (checked, throws
  /// std::logic_error: scheduling into the past is a model bug, never input).
  EventId schedule(Time t, const Event& e);
  /// Schedules `e` after `delay` ms from now(). `delay` must be >= 0.
  EventId schedule_in(Time delay, const Event& e) { return schedule(now_ + delay, e); }
  /// Cancels a pending event in O(1); returns false if it already fired or was cancelled.
  bool cancel(EventId id);
  /// True if `id` refers to an event that is still pending.
  bool pending(EventId id) const;

  /// Pops the earliest live event into `out` and advances now() to its time.
  /// Returns false (and leaves now() alone) when nothing is pending.
  bool pop(FiredEvent& out);
  /// Time of the earliest live event, or `fallback` when the queue is empty.
  Time next_time(Time fallback) ;

  /// Current simulation time: the time of the last popped event, or the last advance_to().
  Time now() const { return now_; }
  /// Moves now() forward to `t` without firing anything (t must not be after the next event).
  void advance_to(Time t);
  /// Number of live (scheduled, not cancelled, not fired) events.
  std::size_t size() const { return live_; }
  bool empty() const { return live_ == 0; }
  /// Total events popped so far (cancelled ones excluded).
  std::uint64_t fired() const { return fired_; }
  /// Pre-sizes internal buffers for `n` pending events so steady state never allocates.
  void reserve(std::size_t n);

 private:
  struct HeapEntry {
    Time time;
    std::uint64_t sequence;
    std::uint32_t slot;
    std::uint32_t generation;
  };
  struct Slot {
    Event event;
    std::uint32_t generation = 0;
    std::uint32_t next_free = UINT32_MAX;
  };
  static bool earlier(const HeapEntry& x, const HeapEntry& y) {
    return x.time < y.time || (x.time == y.time && x.sequence < y.sequence);
  }
  void sift_up(std::size_t i);
  void sift_down(std::size_t i);
  void pop_top();
  void release(std::uint32_t slot);
  void drop_stale_top();

  std::vector<HeapEntry> heap_;  // 4-ary min-heap on (time, sequence)
  std::vector<Slot> slots_;
  std::uint32_t free_head_ = UINT32_MAX;
  std::uint64_t next_sequence_ = 0;
  std::uint64_t fired_ = 0;
  std::size_t live_ = 0;
  Time now_ = 0;
};

}  // namespace fl
