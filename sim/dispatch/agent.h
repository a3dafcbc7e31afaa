#pragma once
/// \file An agent holds a seat of the control room (sim/core/command.h: Seat) the way a trainee
/// would: it reads only the ControlRoomView and acts only by submitting Commands. The simulator
/// wakes agents at top level through their own event range (kAgentEventsBegin), coalesced per
/// time, never from inside a subsystem's event handler.
#include "sim/control/control_room.h"
#include "sim/core/command.h"
#include "sim/core/context.h"

namespace fl::dispatch {

/// A seat holder that is not a person.
class Agent {
 public:
  virtual ~Agent() = default;
  /// The seat it holds.
  virtual Seat seat() const = 0;
  /// Reads `view` (a snapshot: it does not change while on_wake runs, even though submitted
  /// commands already took effect) and submits commands to `sink`. Returns the latest time it
  /// wants to be woken again (>= view.now(); kNever: only when something happens). Returning
  /// view.now() asks for a second look at the same time, after the commands' effects.
  virtual Time on_wake(const control::ControlRoomView& view, CommandSink& sink) = 0;
  /// News (an event in the world or the hotline) reaches it at the next multiple of this many
  /// sim ms (0: at once). A dispatcher works in rounds, as a person at a radio desk does; the
  /// times it asks for itself (on_wake's result) are kept exactly.
  virtual Time reaction_ms() const { return 0; }
  /// Told just before on_wake what the wake carries (SeatBits of its seat: news from the world
  /// or the hotline, and the timer bit for a time it asked for), so it may skip work that
  /// nothing new can affect.
  virtual void woken_for(std::uint8_t news) { (void)news; }
};

}  // namespace fl::dispatch
