#include "sim/core/random.h"

#include <Random123/philox.h>

#include <cmath>
#include <numbers>
#include <stdexcept>

namespace fl {

namespace {
using Philox = r123::Philox4x64;
constexpr double kTwoPow53Inv = 1.0 / 9007199254740992.0;
__extension__ typedef unsigned __int128 uint128;  // GCC/Clang builtin; quiet under -Wpedantic
}  // namespace

RandomStream::RandomStream(const StreamKey& key) {
  // Key words: the seed, and (replication, purpose) packed; the entity goes into the counter's
  // high word so each entity owns a disjoint 2^64-block range.
  key_[0] = key.seed;
  key_[1] = (static_cast<std::uint64_t>(key.replication) << 32) | static_cast<std::uint32_t>(key.purpose);
  entity_ = key.entity;
}

void RandomStream::refill() {
  Philox philox;
  Philox::ctr_type ctr = {{block_, entity_, 0, 0}};
  Philox::key_type k = {{key_[0], key_[1]}};
  const Philox::ctr_type out = philox(ctr, k);
  for (unsigned i = 0; i < 4; ++i) buffer_[i] = out.v[i];
  ++block_;
  index_ = 0;
}

std::uint64_t RandomStream::next_u64() {
  if (index_ == 4) refill();
  ++draws_;
  return buffer_[index_++];
}

double RandomStream::uniform01() { return static_cast<double>(next_u64() >> 11) * kTwoPow53Inv; }

double RandomStream::uniform01_open_zero() {
  return (static_cast<double>(next_u64() >> 11) + 1.0) * kTwoPow53Inv;
}

double uniform(RandomStream& rng, double lo, double hi) { return lo + (hi - lo) * rng.uniform01(); }

std::uint64_t uniform_index(RandomStream& rng, std::uint64_t n) {
  if (n == 0) throw std::invalid_argument("uniform_index: n must be positive");
  // Lemire's multiply-shift with rejection: unbiased.
  uint128 m = static_cast<uint128>(rng.next_u64()) * n;
  std::uint64_t low = static_cast<std::uint64_t>(m);
  if (low < n) {
    const std::uint64_t threshold = (0 - n) % n;
    while (low < threshold) {
      m = static_cast<uint128>(rng.next_u64()) * n;
      low = static_cast<std::uint64_t>(m);
    }
  }
  return static_cast<std::uint64_t>(m >> 64);
}

double exponential(RandomStream& rng, double mean) { return -mean * std::log(rng.uniform01_open_zero()); }

double normal(RandomStream& rng, double mean, double stddev) {
  // Box–Muller, one output per pair of uniforms: simple, and keeps the stream stateless.
  const double u1 = rng.uniform01_open_zero();
  const double u2 = rng.uniform01();
  const double z = std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
  return mean + stddev * z;
}

double lognormal(RandomStream& rng, double median, double beta) {
  return median * std::exp(beta * normal(rng, 0.0, 1.0));
}

std::uint64_t poisson(RandomStream& rng, double mean) {
  if (mean <= 0.0) return 0;
  if (mean < 30.0) {
    const double limit = std::exp(-mean);
    std::uint64_t k = 0;
    double product = rng.uniform01_open_zero();
    while (product > limit) {
      ++k;
      product *= rng.uniform01_open_zero();
    }
    return k;
  }
  // PTRS: W. Hörmann, "The transformed rejection method for generating Poisson random variables",
  // Insurance: Mathematics and Economics 12 (1993).
  const double slam = std::sqrt(mean);
  const double loglam = std::log(mean);
  const double b = 0.931 + 2.53 * slam;
  const double a = -0.059 + 0.02483 * b;
  const double inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
  const double vr = 0.9277 - 3.6224 / (b - 2.0);
  for (;;) {
    const double u = rng.uniform01() - 0.5;
    const double v = rng.uniform01_open_zero();
    const double us = 0.5 - std::fabs(u);
    const double k = std::floor((2.0 * a / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return static_cast<std::uint64_t>(k);
    if (k < 0.0 || (us < 0.013 && v > us)) continue;
    if (std::log(v) + std::log(inv_alpha) - std::log(a / (us * us) + b) <=
        -mean + k * loglam - std::lgamma(k + 1.0))
      return static_cast<std::uint64_t>(k);
  }
}

std::size_t weighted_choice(RandomStream& rng, std::span<const double> weights) {
  double total = 0.0;
  for (double w : weights) {
    if (!(w >= 0.0)) throw std::invalid_argument("weighted_choice: weights must be >= 0");
    total += w;
  }
  if (!(total > 0.0)) throw std::invalid_argument("weighted_choice: weights must have a positive sum");
  const double target = rng.uniform01() * total;
  double cumulative = 0.0;
  std::size_t last_positive = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (weights[i] <= 0.0) continue;
    cumulative += weights[i];
    last_positive = i;
    if (target < cumulative) return i;
  }
  return last_positive;  // rounding left target == total
}

bool bernoulli(RandomStream& rng, double p) { return rng.uniform01() < p; }

double normal_cdf(double z) { return 0.5 * std::erfc(-z / std::numbers::sqrt2); }

}  // namespace fl
