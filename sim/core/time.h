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

/// The largest |time| a conversion from floating point returns (~292 000 years): beyond it the
/// cast to int64 would be undefined behaviour. Validated scenarios never come near it.
constexpr double kMaxConvertibleMs = 9.2e18;
/// Converts a duration in (possibly fractional) seconds to ms, rounding to nearest; saturates at
/// ±kMaxConvertibleMs and maps NaN to 0 so no input can make the conversion undefined.
constexpr Time from_seconds(double s) {
  const double ms = s * 1000.0 + (s >= 0 ? 0.5 : -0.5);
  if (!(ms == ms)) return 0;
  if (ms >= kMaxConvertibleMs) return static_cast<Time>(kMaxConvertibleMs);
  if (ms <= -kMaxConvertibleMs) return -static_cast<Time>(kMaxConvertibleMs);
  return static_cast<Time>(ms);
}
/// Converts ms to fractional seconds / minutes / hours for reporting only (never for ordering).
constexpr double to_seconds(Time t) { return static_cast<double>(t) / 1000.0; }
constexpr double to_minutes(Time t) { return static_cast<double>(t) / 60000.0; }
constexpr double to_hours(Time t) { return static_cast<double>(t) / 3600000.0; }

}  // namespace fl
