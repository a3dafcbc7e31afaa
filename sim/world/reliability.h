#pragma once
/// \file IEEE 1366 reliability bookkeeping per supply point (distribution transformer):
/// sustained interruptions are longer than 5 minutes; shorter ones count as momentary.
#include <cstdint>
#include <utility>
#include <vector>

#include "sim/core/records.h"
#include "sim/core/time.h"

namespace fl::world {

/// Reliability indices. SAIDI and CAIDI in minutes.
struct ReliabilityIndices {
  double saifi = 0, saidi_min = 0, caidi_min = 0, caifi = 0, asai = 1, maifi = 0;
  std::uint64_t customer_interruptions = 0;  ///< sum of Ni (sustained)
  std::uint64_t customers_interrupted = 0;   ///< CN: distinct customers with >= 1 sustained interruption
  std::uint64_t momentary = 0;               ///< customer momentary interruptions
  double customer_minutes = 0;               ///< sum of ri * Ni
};

/// Tracks when each supply point lost supply and accumulates the IEEE 1366 sums.
class ReliabilityLedger {
 public:
  /// `customers[i]`: customers behind supply point i; `served`: N_T.
  void reset(std::vector<std::uint32_t> customers, std::uint64_t served);
  /// Supply point i lost supply at t (ignored if it is already out). Returns customers affected.
  std::uint32_t lost(std::uint32_t i, Time t);
  /// Supply point i is back at t (ignored if it was not out). Returns customers affected.
  std::uint32_t restored(std::uint32_t i, Time t);
  /// A momentary interruption (cleared by reclosing) of `customers` customers.
  void momentary(std::uint64_t customers) { momentary_ += customers; }
  bool out(std::uint32_t i) const { return out_since_[i] != kNever; }
  Time out_since(std::uint32_t i) const { return out_since_[i]; }
  /// Sustained interruptions and minutes of point i so far, counting an ongoing one up to now.
  std::uint32_t interruptions(std::uint32_t i, Time now) const;
  double outage_minutes(std::uint32_t i, Time now) const;
  /// Customers without supply now.
  std::uint64_t customers_out() const { return customers_out_; }
  /// Indices over [0, now]; ongoing outages longer than 5 min count up to now.
  ReliabilityIndices indices(Time now) const;

 private:
  std::vector<std::uint32_t> customers_;
  std::vector<Time> out_since_;
  std::vector<std::uint32_t> interruptions_;
  std::vector<double> minutes_;
  std::vector<std::uint8_t> ever_;
  std::uint64_t served_ = 0, customers_out_ = 0, ci_ = 0, cn_ = 0, momentary_ = 0;
  double cmi_ = 0;
};

/// The customer-weighted median of (minutes, customers) pairs: the smallest minutes value at which
/// at least half of all customers are counted (0 for an empty list). Order of the pairs is free.
double customer_weighted_median(std::vector<std::pair<double, std::uint32_t>> minutes_and_customers);

/// IEEE 1366: an interruption longer than this is sustained.
constexpr Time kSustainedInterruption = 5 * kMinute;

}  // namespace fl::world
