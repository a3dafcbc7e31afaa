#pragma once
/// \file What every subsystem receives from the simulator: the queue, the scenario, the calendar,
/// its random streams and a way to issue commands. Non-owning; valid for the simulator's lifetime.
#include <cstdint>

#include "sim/core/calendar.h"
#include "sim/core/command.h"
#include "sim/core/event_queue.h"
#include "sim/core/random.h"

namespace fl {

struct Scenario;

/// Accepts commands from automatic agents inside the simulation (dispatcher, scripted seats) so
/// they are logged and applied exactly like the trainee's.
class CommandSink {
 public:
  virtual ~CommandSink() = default;
  /// Applies `c` now; returns whether it was accepted and why not.
  virtual CommandResult submit(Command c) = 0;
};

/// Lets a subsystem ask the simulator to wake the agents holding seats (dispatcher, hotline
/// supervisor) at top level: the agents then read the control-room view and submit commands
/// outside any subsystem's event handler. Wakes at one time are coalesced into one.
/// The seats a wake is for, one bit per Seat (sim/core/command.h): each agent is woken only by
/// what concerns its seat (calls wake the hotline seat, crew events the dispatch seat).
/// kHotlineCallsBit is the hotline seat's desk alone (a call waiting, the seat free again):
/// news that needs no look at outages and ETRs. The timer bits mark a time an agent of that
/// seat asked for itself (set by the simulator, never by subsystems).
enum SeatBits : std::uint8_t {
  kDispatchSeatBit = 1,
  kHotlineSeatBit = 2,
  kHotlineCallsBit = 4,
  kEverySeat = 7,
  kDispatchTimerBit = 8,
  kHotlineTimerBit = 16,
};

class AgentWaker {
 public:
  virtual ~AgentWaker() = default;
  /// Wake the agents holding `seats` (SeatBits) at `t` (>= now), after the events already
  /// scheduled for `t`.
  virtual void wake_agents(Time t, std::uint8_t seats) = 0;
};

/// Shared services for subsystems. References only; the simulator owns everything.
struct SimContext {
  EventQueue& queue;
  const Scenario& scenario;
  const WorkingCalendar& calendar;
  CommandSink& commands;
  std::uint64_t seed = 0;
  std::uint32_t replication = 0;
  AgentWaker* agents = nullptr;  ///< null: no agents hold a seat (a harness without them)

  /// Asks for a wake at `t` of the agents holding `seats` (SeatBits; no-op without agents).
  void wake_agents(Time t, std::uint8_t seats = kEverySeat) const {
    if (agents) agents->wake_agents(t, seats);
  }

  /// The stream for (purpose, entity) in this run: same arguments, same draws.
  RandomStream stream(Purpose purpose, std::uint64_t entity) const {
    return RandomStream(StreamKey{seed, replication, purpose, entity});
  }
};

}  // namespace fl
