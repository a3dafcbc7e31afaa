#pragma once
/// \file Everything a dispatcher or hotline agent does is a timestamped Command. The trainee's
/// window and the automatic dispatcher produce the same commands, and a run is fully defined by
/// scenario + seed + command log.
#include <cstdint>
#include <string>

#include <cereal/cereal.hpp>
#include <cereal/types/string.hpp>
#include <vector>

#include "sim/core/time.h"

namespace fl {

/// What a command does. Values are stored in session files: append, never renumber.
enum class CommandKind : std::uint16_t {
  // World (crews, switching) — handled by world::World.
  kAssignCrew = 0,       ///< actor = crew, target = fault id (or area cell with flags)
  kPatrol = 1,           ///< actor = crew, target = protective device whose section to patrol
  kOperateSwitch = 2,    ///< target = device, value = 1 close / 0 open
  kSendHome = 3,         ///< actor = crew: stand down / start rest
  kRequestMutualAid = 4, ///< value = number of crews, target = staging area index
  kPreposition = 5,      ///< actor = crew, target = cell to wait at
  // Hotline — handled by hotline::Hotline.
  kPublishOutage = 100,  ///< target = protective device, value = ETR (absolute sim ms)
  kAnswerCall = 101,     ///< actor = trainee seat, target = call id
  kChooseReply = 102,    ///< actor = trainee seat, target = call id, value = reply index
  kOpenWorkOrder = 103,  ///< target = call id, value = order type; flags kLinkToOpenOrder: urge the open one
  kCloseWorkOrder = 104, ///< target = work order id
};

/// kOpenWorkOrder flag: link the call to the caller's open repair order (催办, urging it) instead
/// of opening a new one; refused when the caller has none.
constexpr std::uint16_t kLinkToOpenOrder = 1;

/// The two seats of the control room. Each is held by a trainee or by an agent (sim/dispatch).
enum class Seat : std::uint8_t {
  kDispatch = 0,  ///< crews, switching, mutual aid (world commands)
  kHotline = 1,   ///< publishing outages and ETRs, answering calls, work orders (hotline commands)
};
/// Who holds a seat.
enum class Holder : std::uint8_t { kAgent = 0, kTrainee = 1 };

/// One timestamped instruction. Plain data; `text` carries free text where a kind needs it.
struct Command {
  Time time = 0;  ///< when it takes effect (sim ms); the simulator stamps submissions with now
  CommandKind kind = CommandKind::kAssignCrew;
  std::uint32_t actor = 0;
  std::uint32_t target = 0;
  std::int64_t value = 0;
  std::uint16_t flags = 0;
  std::string text;
  /// Whether the trainee issued it (false: the automatic dispatcher / scripted stand-in).
  bool by_trainee = false;

  template <class Archive>
  void serialize(Archive& ar) {
    ar(cereal::make_nvp("time_ms", time), cereal::make_nvp("kind", kind), cereal::make_nvp("actor", actor),
       cereal::make_nvp("target", target), cereal::make_nvp("value", value), cereal::make_nvp("flags", flags),
       cereal::make_nvp("text", text), cereal::make_nvp("by_trainee", by_trainee));
  }
};

/// What the issuer of a command may be told: a message key with its arguments, which the front end
/// says in its language (keys: sim/core/command_messages.h; texts: assets/strings, "refusal." +
/// key). It reveals only what the issuer could know (crew names, device names, times), never
/// hidden truth. Arguments are data, not prose: times are sim milliseconds in decimal, states and
/// activities their English token, so a front end can format them for its language.
struct CommandMessage {
  std::string key;                ///< e.g. "crew.off_shift"; empty when accepted
  std::vector<std::string> args;  ///< substituted for {0}, {1}, … in the text of `key`
};

/// Outcome of submitting a command. `message` is for the issuer; `reason` and `context` are for
/// the debrief (the decision timeline of the report) and may mention what nobody knew then.
struct CommandResult {
  bool accepted = false;
  /// Debrief: the refusal in English, empty when accepted, e.g. "crew L12 is off shift until 30.0 h".
  std::string reason;
  /// Debrief: what was true when the command was applied, as the subsystem saw it, e.g.
  /// "F33-R10322 open since 17.6 h, …; 1 unrepaired faults actually there".
  std::string context;
  /// What the issuer may see (key + arguments).
  CommandMessage message;
  static CommandResult ok(std::string context = {}) { return {true, {}, std::move(context), {}}; }
  /// A refusal with a translatable message and its English debrief text.
  static CommandResult refused(std::string key, std::vector<std::string> args, std::string why) {
    return {false, std::move(why), {}, CommandMessage{std::move(key), std::move(args)}};
  }
  /// A refusal known only by its English text (message key "refused.text", the text as argument).
  static CommandResult refused(std::string why) {
    std::string text = why;
    return {false, std::move(why), {}, CommandMessage{"refused.text", {std::move(text)}}};
  }
};

}  // namespace fl
