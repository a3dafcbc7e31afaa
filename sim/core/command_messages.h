#pragma once
/// \file The vocabulary of CommandResult message keys: every key a refusal from the sim may carry.
/// The texts live with the interface, in assets/strings/{en,zh}.json under "refusal." + key, so
/// the window, the terminal and the report say them in either language. Keys are stable data
/// (append, never rename): the scorecard's decisions record them.
#include <string>
#include <vector>

namespace fl {

/// Every message key the sim can put in a refused CommandResult, sorted (tests check that each
/// has a text in both string tables, and that the sim's sources use no other).
std::vector<std::string> command_message_keys();

}  // namespace fl
