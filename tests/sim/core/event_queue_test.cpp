#include "sim/core/event_queue.h"

#include <gtest/gtest.h>

#include <vector>

#include "sim/core/random.h"

namespace fl {
namespace {

Event tagged(std::uint32_t tag) { return Event{1, 0, tag, 0, 0}; }

std::vector<std::uint32_t> drain(EventQueue& q) {
  std::vector<std::uint32_t> order;
  FiredEvent e;
  while (q.pop(e)) order.push_back(e.event.a);
  return order;
}

TEST(EventQueue, FiresInTimeOrder) {
  EventQueue q;
  q.schedule(30, tagged(3));
  q.schedule(10, tagged(1));
  q.schedule(20, tagged(2));
  EXPECT_EQ(drain(q), (std::vector<std::uint32_t>{1, 2, 3}));
  EXPECT_EQ(q.now(), 30);
}

TEST(EventQueue, EqualTimesFireInInsertionOrder) {
  EventQueue q;
  for (std::uint32_t i = 0; i < 50; ++i) q.schedule(100, tagged(i));
  q.schedule(50, tagged(999));
  std::vector<std::uint32_t> expected{999};
  for (std::uint32_t i = 0; i < 50; ++i) expected.push_back(i);
  EXPECT_EQ(drain(q), expected);
}

TEST(EventQueue, CancelledEventsNeverFire) {
  EventQueue q;
  const EventId a = q.schedule(10, tagged(1));
  q.schedule(20, tagged(2));
  const EventId c = q.schedule(30, tagged(3));
  EXPECT_TRUE(q.cancel(a));
  EXPECT_TRUE(q.cancel(c));
  EXPECT_FALSE(q.cancel(c)) << "cancelling twice reports false";
  EXPECT_EQ(q.size(), 1u);
  EXPECT_EQ(drain(q), (std::vector<std::uint32_t>{2}));
  EXPECT_EQ(q.fired(), 1u);
}

TEST(EventQueue, StaleIdDoesNotCancelTheSlotsNextOccupant) {
  EventQueue q;
  const EventId first = q.schedule(10, tagged(1));
  FiredEvent e;
  ASSERT_TRUE(q.pop(e));
  const EventId second = q.schedule(20, tagged(2));  // reuses the freed slot
  EXPECT_EQ(first.slot, second.slot);
  EXPECT_FALSE(q.cancel(first));
  EXPECT_TRUE(q.pending(second));
  EXPECT_EQ(drain(q), (std::vector<std::uint32_t>{2}));
}

TEST(EventQueue, SchedulingIntoThePastIsRefused) {
  EventQueue q;
  q.schedule(100, tagged(1));
  FiredEvent e;
  q.pop(e);
  EXPECT_THROW(q.schedule(99, tagged(2)), std::logic_error);
  EXPECT_NO_THROW(q.schedule(100, tagged(3)));
}

TEST(EventQueue, NextTimeSkipsCancelledHead) {
  EventQueue q;
  const EventId head = q.schedule(5, tagged(1));
  q.schedule(7, tagged(2));
  q.cancel(head);
  EXPECT_EQ(q.next_time(-1), 7);
  EventQueue empty;
  EXPECT_EQ(empty.next_time(-1), -1);
}

TEST(EventQueue, MillionEventSoakKeepsOrderAndCounts) {
  // Hold model with random cancellations: every popped event must be no earlier than the one
  // before it, ties must respect insertion order, and every live event fires exactly once.
  EventQueue q;
  RandomStream rng(StreamKey{7, 0, Purpose::kTest, 1});
  std::vector<EventId> ids;
  std::uint64_t scheduled = 0, cancelled = 0;
  for (int i = 0; i < 1000; ++i) {
    ids.push_back(q.schedule(static_cast<Time>(exponential(rng, 1000.0)), tagged(0)));
    ++scheduled;
  }
  FiredEvent e;
  Time last_time = -1;
  std::uint64_t last_sequence = 0;
  for (int i = 0; i < 1'000'000; ++i) {
    ASSERT_TRUE(q.pop(e));
    ASSERT_GE(e.time, last_time);
    if (e.time == last_time) {
      ASSERT_GT(e.sequence, last_sequence);
    }
    last_time = e.time;
    last_sequence = e.sequence;
    // Integer delays produce many ties, exercising the sequence order.
    ids[static_cast<std::size_t>(i) % ids.size()] = q.schedule_in(static_cast<Time>(exponential(rng, 1000.0)), tagged(0));
    ++scheduled;
    if (i % 7 == 0) {
      if (q.cancel(ids[uniform_index(rng, ids.size())])) ++cancelled;
      ids[static_cast<std::size_t>(i) % ids.size()] = q.schedule_in(static_cast<Time>(exponential(rng, 1000.0)), tagged(0));
      ++scheduled;
    }
  }
  EXPECT_EQ(q.fired() + cancelled + q.size(), scheduled);
  EXPECT_GT(cancelled, 50'000u);
}

}  // namespace
}  // namespace fl
