#pragma once
/// \file Counter-based random streams (Random123 Philox4x64-10) and our own distributions.
/// Every entity draws from its own stream keyed by (seed, replication, purpose, entity id), so a
/// pole's capacity or a caller's patience does not change when something else draws more or less
/// (common random numbers across staffing plans). No std::*_distribution: their output is
/// implementation-defined.
#include <array>
#include <cstdint>
#include <span>

namespace fl {

/// What a stream is for. Part of the key, so streams for different purposes never overlap.
/// Append new purposes at the end: values are part of every golden test.
enum class Purpose : std::uint32_t {
  kTest = 0,
  kAreaGeneration = 1,
  kGridGeneration = 2,
  kComponentCapacity = 3,
  kTreeFall = 4,
  kCrewTravel = 5,
  kRepair = 6,
  kCustomerCalls = 7,
  kBackgroundCalls = 8,
  kCallHandling = 9,
  kAgents = 10,
  kComplaints = 11,
  kDispatcher = 12,
  kPatrol = 13,
  kTrainee = 14,
  kBench = 15,
  // World (sim/world), 100–199:
  kWorldTreePlacement = 100,   ///< where exposed trees stand and how tall they are (per segment/road)
  kWorldContactCapacity = 101, ///< temporary-fault capacity of a segment
  kWorldFaultDetection = 102,  ///< delay until calls reveal a blown fuse / transformer
  kWorldRoadClearing = 103,    ///< how long a blocked road stays blocked
  kWorldDamageReport = 110,    ///< delay until calls report damage in a dead section (per fault)
  // 100–199: reserved for the world (sim/world); 200–299: the hotline (sim/hotline);
  // 300–399: scoring and studies; 400–499: the control room and agents (sim/control, sim/dispatch).
  // Add new purposes inside your range only.
  kHotlineOutageCaller = 200,   ///< entity: (customer, outage epoch, call index) packed
  kHotlineCall = 201,           ///< entity: call id — handling time, patience, redials
  kHotlineComplaint = 202,      ///< entity: customer or anonymous call — complaint thresholds
  kHotlineOrder = 203,          ///< entity: work order id — back-office durations
  kHotlineRouting = 204,        ///< entity: call id — IVR and trainee routing draws
  kControlForecastError = 400,  ///< entity: (advisory index << 8) | lead step — forecast track error
  kCallsSession = 205,          ///< entity: call id — a scripted call's mood reactions (sim/calls)
  kCallsCustomer = 206,         ///< entity: customer id — the caller's name, address, account, arrears
  kCallsScriptChoice = 207,     ///< entity: call id — which of the matching scripts the caller follows
  kCallsReplyOrder = 208,       ///< entity: call id — the order a node's reply options are offered in
};

/// The identity of a stream: the same key always yields the same sequence of draws.
struct StreamKey {
  std::uint64_t seed = 0;         ///< the run's seed (scenario or --seed)
  std::uint32_t replication = 0;  ///< replication index in a study; 0 for a single run
  Purpose purpose = Purpose::kTest;
  std::uint64_t entity = 0;       ///< entity id within the purpose (pole, customer, call …)
};

/// A stream of uniform 64-bit words from Philox4x64-10 keyed by a StreamKey. Cheap to create
/// (no state beyond the key and a counter), so make one per entity on demand. 2^64 blocks long.
class RandomStream {
 public:
  explicit RandomStream(const StreamKey& key);
  /// Next uniformly distributed 64-bit word.
  std::uint64_t next_u64();
  /// Uniform double in [0, 1) with 53 random bits.
  double uniform01();
  /// Uniform double in (0, 1]: safe to take the logarithm of.
  double uniform01_open_zero();
  /// Number of 64-bit words drawn so far.
  std::uint64_t draws() const { return draws_; }

 private:
  void refill();
  std::array<std::uint64_t, 2> key_{};
  std::uint64_t entity_ = 0;  // counter's second word: each entity owns 2^64 blocks
  std::uint64_t block_ = 0;   // counter's first word: the next Philox block
  std::array<std::uint64_t, 4> buffer_{};
  unsigned index_ = 4;
  std::uint64_t draws_ = 0;
};

/// Uniform real in [lo, hi).
double uniform(RandomStream& rng, double lo, double hi);
/// Uniform integer in [0, n) without modulo bias; n > 0.
std::uint64_t uniform_index(RandomStream& rng, std::uint64_t n);
/// Exponential with the given mean (> 0). Same unit as the mean.
double exponential(RandomStream& rng, double mean);
/// Normal (Gaussian) with mean and standard deviation (>= 0), by the Box–Muller transform.
double normal(RandomStream& rng, double mean, double stddev);
/// Lognormal parameterised as fragility curves are: median m (> 0) and dispersion beta (>= 0),
/// i.e. ln X ~ N(ln m, beta^2). P(X <= x) = Phi(ln(x/m)/beta).
double lognormal(RandomStream& rng, double median, double beta);
/// Poisson count with the given mean (>= 0). Knuth's product method below mean 30,
/// Hörmann's PTRS transformed rejection above.
std::uint64_t poisson(RandomStream& rng, double mean);
/// Index i with probability weights[i] / sum(weights). Weights >= 0 with a positive sum.
std::size_t weighted_choice(RandomStream& rng, std::span<const double> weights);
/// True with probability p (clamped to [0, 1]).
bool bernoulli(RandomStream& rng, double p);

/// Standard normal CDF, used by fragility curves and tests.
double normal_cdf(double z);

}  // namespace fl
