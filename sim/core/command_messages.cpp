#include "sim/core/command_messages.h"

namespace fl {

std::vector<std::string> command_message_keys() {
  // Sorted; arguments as the producers pass them (see CommandMessage for how times are written).
  return {
      "aid.already_requested",      // {0} offer name
      "aid.unknown",                // {0} offer index, {1} offers in the scenario
      "call.empty_reply",
      "call.ended",
      "call.no_option",             // {0} option number asked for, {1} options offered
      "call.none_ringing",
      "call.not_in_progress",       // {0} call id
      "call.not_trainees",          // {0} call id
      "call.not_waiting",           // {0} call id
      "cell.at_sea",                // {0} cell index
      "cell.unknown",               // {0} cell index
      "command.not_hotline",        // {0} command kind number
      "command.not_world",          // {0} command kind number
      "crew.assessment_cannot_repair",  // {0} crew
      "crew.busy",                  // {0} crew, {1} activity token (travel, patrol, repair, rest, wait, idle)
      "crew.not_arrived",           // {0} crew
      "crew.off_shift",             // {0} crew, {1} time (sim ms) the rest ends
      "crew.tree_cannot_patrol",    // {0} crew
      "crew.unknown",               // {0} crew index
      "device.already_closed",      // {0} device
      "device.already_open",        // {0} device
      "device.closed_nothing_out",  // {0} device
      "device.known_fault_below",   // {0} device
      "device.transformer_faulted", // {0} device
      "device.unknown",             // {0} device index
      "device.would_overload",      // {0} device, {1} feeder, {2} customers it would carry, {3} its limit
      "etr.not_later_than_now",
      "fault.crew_assigned",        // {0} crew, {1} fault
      "fault.no_tree",              // {0} fault
      "fault.not_located",          // {0} fault
      "fault.repaired",             // {0} fault, {1} time (sim ms) of the repair
      "fault.unknown",              // {0} fault
      "order.customer_still_out",   // {0} work order
      "order.no_open_repair",       // {0} call id
      "order.resolved",             // {0} work order
      "order.unknown",              // {0} work order
      "order.unknown_type",         // {0} type number
      "patrol.too_short_to_share",  // {0} device
      "refused.text",               // {0} English text (refusals from outside the sim's vocabulary)
      "seat.busy",
      "seat.dispatch_not_hotline",
      "seat.hotline_not_dispatch",
      "seat.none",
  };
}

}  // namespace fl
