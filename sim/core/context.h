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

/// Shared services for subsystems. References only; the simulator owns everything.
struct SimContext {
  EventQueue& queue;
  const Scenario& scenario;
  const WorkingCalendar& calendar;
  CommandSink& commands;
  std::uint64_t seed = 0;
  std::uint32_t replication = 0;
  bool automatic_dispatcher = true;  ///< false when a trainee holds the dispatcher's seat

  /// The stream for (purpose, entity) in this run: same arguments, same draws.
  RandomStream stream(Purpose purpose, std::uint64_t entity) const {
    return RandomStream(StreamKey{seed, replication, purpose, entity});
  }
};

}  // namespace fl
