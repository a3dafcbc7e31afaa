#include "sim/world/reliability.h"

#include <algorithm>

namespace fl::world {

void ReliabilityLedger::reset(std::vector<std::uint32_t> customers, std::uint64_t served) {
  customers_ = std::move(customers);
  served_ = served;
  out_since_.assign(customers_.size(), kNever);
  interruptions_.assign(customers_.size(), 0);
  minutes_.assign(customers_.size(), 0);
  ever_.assign(customers_.size(), 0);
  customers_out_ = ci_ = cn_ = momentary_ = 0;
  cmi_ = 0;
}

std::uint32_t ReliabilityLedger::lost(std::uint32_t i, Time t) {
  if (out_since_[i] != kNever) return 0;
  out_since_[i] = t;
  customers_out_ += customers_[i];
  return customers_[i];
}

std::uint32_t ReliabilityLedger::restored(std::uint32_t i, Time t) {
  if (out_since_[i] == kNever) return 0;
  const Time dur = t - out_since_[i];
  out_since_[i] = kNever;
  const std::uint32_t n = customers_[i];
  customers_out_ -= n;
  if (dur > kSustainedInterruption) {
    ci_ += n;
    cmi_ += n * to_minutes(dur);
    ++interruptions_[i];
    minutes_[i] += to_minutes(dur);
    if (!ever_[i]) {
      ever_[i] = 1;
      cn_ += n;
    }
  } else {
    momentary_ += n;
  }
  return n;
}

std::uint32_t ReliabilityLedger::interruptions(std::uint32_t i, Time now) const {
  const bool ongoing = out_since_[i] != kNever && now - out_since_[i] > kSustainedInterruption;
  return interruptions_[i] + (ongoing ? 1 : 0);
}

double ReliabilityLedger::outage_minutes(std::uint32_t i, Time now) const {
  const bool ongoing = out_since_[i] != kNever && now - out_since_[i] > kSustainedInterruption;
  return minutes_[i] + (ongoing ? to_minutes(now - out_since_[i]) : 0);
}

ReliabilityIndices ReliabilityLedger::indices(Time now) const {
  ReliabilityIndices x;
  double cmi = cmi_;
  std::uint64_t ci = ci_, cn = cn_;
  for (std::size_t i = 0; i < out_since_.size(); ++i) {
    if (out_since_[i] == kNever || now - out_since_[i] <= kSustainedInterruption) continue;
    ci += customers_[i];
    cmi += customers_[i] * to_minutes(now - out_since_[i]);
    if (!ever_[i]) cn += customers_[i];
  }
  const double nt = static_cast<double>(std::max<std::uint64_t>(1, served_));
  x.customer_interruptions = ci;
  x.customers_interrupted = cn;
  x.customer_minutes = cmi;
  x.momentary = momentary_;
  x.saifi = static_cast<double>(ci) / nt;
  x.saidi_min = cmi / nt;
  x.caidi_min = ci > 0 ? cmi / static_cast<double>(ci) : 0;
  x.caifi = cn > 0 ? static_cast<double>(ci) / static_cast<double>(cn) : 0;
  x.asai = 1 - cmi / (nt * std::max(1.0, to_minutes(now)));
  x.maifi = static_cast<double>(momentary_) / nt;
  return x;
}

double customer_weighted_median(std::vector<std::pair<double, std::uint32_t>> v) {
  std::sort(v.begin(), v.end());
  std::uint64_t total = 0;
  for (const auto& [minutes, n] : v) total += n;
  std::uint64_t seen = 0;
  for (const auto& [minutes, n] : v) {
    seen += n;
    if (2 * seen >= total && total > 0) return minutes;
  }
  return 0;
}

}  // namespace fl::world
