#include "sim/core/event_queue.h"

#include <stdexcept>
#include <string>

namespace fl {

namespace {
constexpr std::size_t kArity = 4;  // 4-ary heap: shallower than binary, children share a cache line
}

void EventQueue::reserve(std::size_t n) {
  heap_.reserve(n);
  slots_.reserve(n);
}

EventId EventQueue::schedule(Time t, const Event& e) {
  if (t < now_) {
    throw std::logic_error("EventQueue::schedule: time " + std::to_string(t) + " ms is before now " +
                           std::to_string(now_) + " ms");
  }
  std::uint32_t slot;
  if (free_head_ != UINT32_MAX) {
    slot = free_head_;
    free_head_ = slots_[slot].next_free;
  } else {
    slot = static_cast<std::uint32_t>(slots_.size());
    slots_.push_back(Slot{});
  }
  Slot& s = slots_[slot];
  s.event = e;
  s.next_free = UINT32_MAX;
  heap_.push_back(HeapEntry{t, next_sequence_++, slot, s.generation});
  sift_up(heap_.size() - 1);
  ++live_;
  return EventId{slot, s.generation};
}

void EventQueue::release(std::uint32_t slot) {
  Slot& s = slots_[slot];
  ++s.generation;  // invalidates the heap entry and any EventId still held
  s.next_free = free_head_;
  free_head_ = slot;
}

bool EventQueue::pending(EventId id) const {
  // A slot's generation is bumped whenever its event fires or is cancelled, so only the id of
  // the event currently occupying the slot matches.
  return id.slot < slots_.size() && slots_[id.slot].generation == id.generation;
}

bool EventQueue::cancel(EventId id) {
  if (!pending(id)) return false;
  release(id.slot);
  --live_;
  return true;
}

void EventQueue::drop_stale_top() {
  while (!heap_.empty() && slots_[heap_.front().slot].generation != heap_.front().generation) pop_top();
}

bool EventQueue::pop(FiredEvent& out) {
  drop_stale_top();
  if (heap_.empty()) return false;
  const HeapEntry top = heap_.front();
  out.time = top.time;
  out.sequence = top.sequence;
  out.event = slots_[top.slot].event;
  pop_top();
  release(top.slot);
  --live_;
  ++fired_;
  now_ = top.time;
  return true;
}

Time EventQueue::next_time(Time fallback) {
  drop_stale_top();
  return heap_.empty() ? fallback : heap_.front().time;
}

void EventQueue::advance_to(Time t) {
  if (t < now_) throw std::logic_error("EventQueue::advance_to: cannot move time backwards");
  now_ = t;
}

void EventQueue::pop_top() {
  heap_.front() = heap_.back();
  heap_.pop_back();
  if (!heap_.empty()) sift_down(0);
}

void EventQueue::sift_up(std::size_t i) {
  const HeapEntry moving = heap_[i];
  while (i > 0) {
    const std::size_t parent = (i - 1) / kArity;
    if (!earlier(moving, heap_[parent])) break;
    heap_[i] = heap_[parent];
    i = parent;
  }
  heap_[i] = moving;
}

void EventQueue::sift_down(std::size_t i) {
  const std::size_t n = heap_.size();
  const HeapEntry moving = heap_[i];
  for (;;) {
    const std::size_t first = i * kArity + 1;
    if (first >= n) break;
    std::size_t best = first;
    const std::size_t last = first + kArity < n ? first + kArity : n;
    for (std::size_t c = first + 1; c < last; ++c)
      if (earlier(heap_[c], heap_[best])) best = c;
    if (!earlier(heap_[best], moving)) break;
    heap_[i] = heap_[best];
    i = best;
  }
  heap_[i] = moving;
}

}  // namespace fl
