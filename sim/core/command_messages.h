#pragma once
/// \file The texts of CommandResult message keys in English and Chinese (zh-CN), for the window
/// and the terminal; arguments replace {0}, {1}, … Keys are stable data (append, never rename).
#include <string>
#include <vector>

#include "sim/core/command.h"

namespace fl {

/// The template for `key` in `lang` ("en" or "zh"); the key itself when unknown.
const char* command_message_template(const std::string& key, const std::string& lang);
/// The message with its arguments substituted, in `lang`.
std::string format_command_message(const CommandMessage& message, const std::string& lang);
/// Every known key (for tests: each has both languages).
std::vector<std::string> command_message_keys();

}  // namespace fl
