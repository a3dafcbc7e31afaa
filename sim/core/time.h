#pragma once
/// \file Simulation time: integer milliseconds since the scenario's start. Never wall-clock time.
#include <cstdint>

namespace fl {

/// Simulation time in milliseconds since the scenario start (t = 0). Signed so differences are safe.
using Time = std::int64_t;

/// Durations in milliseconds, built from readable units. All exact integers.
constexpr Time kMillisecond = 1;
constexpr Time kSecond = 1000;
constexpr Time kMinute = 60 * kSecond;
constexpr Time kHour = 60 * kMinute;
constexpr Time kDay = 24 * kHour;

/// Converts a duration in (possibly fractional) seconds to ms, rounding to nearest.
constexpr Time from_seconds(double s) { return static_cast<Time>(s * 1000.0 + (s >= 0 ? 0.5 : -0.5)); }
/// Converts ms to fractional seconds / minutes / hours for reporting only (never for ordering).
constexpr double to_seconds(Time t) { return static_cast<double>(t) / 1000.0; }
constexpr double to_minutes(Time t) { return static_cast<double>(t) / 60000.0; }
constexpr double to_hours(Time t) { return static_cast<double>(t) / 3600000.0; }

}  // namespace fl
