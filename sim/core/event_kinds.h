#pragma once
/// \file Event kind ranges: the simulator routes each fired event to the subsystem owning its range.
#include <cstdint>

namespace fl {

/// Kinds [0, 1000) belong to the simulator itself.
namespace core_events {
constexpr std::uint16_t kSampleTick = 1;  ///< every 15 sim minutes: curves and interval statistics
}  // namespace core_events

constexpr std::uint16_t kWorldEventsBegin = 1000;    ///< [1000, 2000): world::World
constexpr std::uint16_t kHotlineEventsBegin = 2000;  ///< [2000, 3000): hotline::Hotline
constexpr std::uint16_t kScoringEventsBegin = 3000;  ///< [3000, 4000): scoring
constexpr std::uint16_t kAgentEventsBegin = 4000;   ///< [4000, 5000): agent wakes (simulator, sim/dispatch)
constexpr std::uint16_t kEventKindsEnd = 5000;

/// Agent wake-ups, routed by the simulator to the agents holding seats, at top level.
namespace agent_events {
constexpr std::uint16_t kWake = 4000;  ///< every agent reads the view and may submit commands
}  // namespace agent_events

}  // namespace fl
