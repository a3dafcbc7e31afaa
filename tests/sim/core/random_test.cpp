#include "sim/core/random.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <vector>

namespace fl {
namespace {

RandomStream stream(std::uint64_t entity = 0, Purpose purpose = Purpose::kTest) {
  return RandomStream(StreamKey{20240915, 0, purpose, entity});
}

TEST(RandomStream, MatchesPhiloxKnownAnswer) {
  // Random123's published known-answer vector for Philox4x64-10 with zero key and counter.
  RandomStream rng(StreamKey{0, 0, Purpose::kTest, 0});
  EXPECT_EQ(rng.next_u64(), 0x16554d9eca36314cULL);
  EXPECT_EQ(rng.next_u64(), 0xdb20fe9d672d0fdcULL);
  EXPECT_EQ(rng.next_u64(), 0xd7e772cee186176bULL);
  EXPECT_EQ(rng.next_u64(), 0x7e68b68aec7ba23bULL);
}

TEST(RandomStream, SameKeySameDrawsDifferentKeysDiffer) {
  RandomStream a = stream(5), b = stream(5), other_entity = stream(6), other_purpose = stream(5, Purpose::kRepair);
  RandomStream other_replication(StreamKey{20240915, 1, Purpose::kTest, 5});
  for (int i = 0; i < 10; ++i) {
    const std::uint64_t x = a.next_u64();
    EXPECT_EQ(x, b.next_u64());
    EXPECT_NE(x, other_entity.next_u64());
    EXPECT_NE(x, other_purpose.next_u64());
    EXPECT_NE(x, other_replication.next_u64());
  }
}

// Golden values pin the first outputs of each distribution: a change here changes every
// scenario's results and must be deliberate.
TEST(Distributions, GoldenFirstOutputs) {
  RandomStream rng = stream(42);
  EXPECT_DOUBLE_EQ(uniform(rng, 0.0, 1.0), 0.097459886892307224);
  EXPECT_DOUBLE_EQ(exponential(rng, 10.0), 12.288399475955947);
  EXPECT_DOUBLE_EQ(normal(rng, 0.0, 1.0), 0.32761667459100113);
  EXPECT_DOUBLE_EQ(lognormal(rng, 60.0, 0.15), 65.403630082118326);
  EXPECT_EQ(poisson(rng, 4.0), 2u);
  EXPECT_EQ(poisson(rng, 250.0), 251u);
  const std::vector<double> weights{0.52, 0.14, 0.14, 0.12, 0.08};
  EXPECT_EQ(weighted_choice(rng, weights), 0u);
  EXPECT_EQ(uniform_index(rng, 1000), 563u);
}

struct Moments {
  double mean = 0, variance = 0;
};
Moments moments(int n, const std::function<double()>& draw) {
  double sum = 0, sum_sq = 0;
  for (int i = 0; i < n; ++i) {
    const double x = draw();
    sum += x;
    sum_sq += x * x;
  }
  const double mean = sum / n;
  return {mean, sum_sq / n - mean * mean};
}

constexpr int kDraws = 1'000'000;
// Tolerance: 5 standard errors of the mean (sigma / sqrt(n)) — fails by chance ~1 in 3.5 million.
double tol_mean(double variance) { return 5.0 * std::sqrt(variance / kDraws); }

TEST(Distributions, UniformMoments) {
  RandomStream rng = stream(1);
  const Moments m = moments(kDraws, [&] { return uniform(rng, 2.0, 5.0); });
  EXPECT_NEAR(m.mean, 3.5, tol_mean(0.75));
  EXPECT_NEAR(m.variance, 0.75, 0.01);
}

TEST(Distributions, ExponentialMoments) {
  RandomStream rng = stream(2);
  const Moments m = moments(kDraws, [&] { return exponential(rng, 180.0); });
  EXPECT_NEAR(m.mean, 180.0, tol_mean(180.0 * 180.0));
  EXPECT_NEAR(m.variance, 180.0 * 180.0, 0.02 * 180.0 * 180.0);
}

TEST(Distributions, NormalMoments) {
  RandomStream rng = stream(3);
  const Moments m = moments(kDraws, [&] { return normal(rng, -4.0, 2.5); });
  EXPECT_NEAR(m.mean, -4.0, tol_mean(6.25));
  EXPECT_NEAR(m.variance, 6.25, 0.05);
}

TEST(Distributions, LognormalHasItsMedianAndMean) {
  // A fragility curve's capacity: half the poles fail below the median gust.
  RandomStream rng = stream(4);
  const double median = 60.0, beta = 0.15;
  int below = 0;
  const Moments m = moments(kDraws, [&] {
    const double x = lognormal(rng, median, beta);
    below += x < median;
    return x;
  });
  const double mean = median * std::exp(beta * beta / 2);
  const double variance = (std::exp(beta * beta) - 1) * mean * mean;
  EXPECT_NEAR(m.mean, mean, tol_mean(variance));
  EXPECT_NEAR(m.variance, variance, 0.02 * variance);
  EXPECT_NEAR(below / double(kDraws), 0.5, 0.0025);
  // P(X <= 1.2 m) = Phi(ln 1.2 / beta) per the fragility parameterisation.
  RandomStream again = stream(4);
  int below_120 = 0;
  for (int i = 0; i < kDraws; ++i) below_120 += lognormal(again, median, beta) <= 1.2 * median;
  EXPECT_NEAR(below_120 / double(kDraws), normal_cdf(std::log(1.2) / beta), 0.0025);
}

TEST(Distributions, PoissonMomentsSmallAndLargeMean) {
  for (double lambda : {0.3, 4.0, 29.5, 30.5, 250.0}) {
    RandomStream rng = stream(static_cast<std::uint64_t>(lambda * 10));
    const Moments m = moments(kDraws, [&] { return static_cast<double>(poisson(rng, lambda)); });
    EXPECT_NEAR(m.mean, lambda, tol_mean(lambda)) << "lambda " << lambda;
    EXPECT_NEAR(m.variance, lambda, 0.02 * lambda + 0.01) << "lambda " << lambda;
  }
}

TEST(Distributions, PoissonProbabilityOfZeroIsExpMinusMean) {
  RandomStream rng = stream(9);
  int zeros = 0;
  for (int i = 0; i < kDraws; ++i) zeros += poisson(rng, 1.5) == 0;
  EXPECT_NEAR(zeros / double(kDraws), std::exp(-1.5), 0.002);
}

TEST(Distributions, WeightedChoiceFollowsTheComplaintMix) {
  // DOMAIN.md §3 mix: voltage 52 %, service 14 %, billing 14 %, outage 12 %, construction 8 %.
  const std::vector<double> weights{52, 14, 14, 12, 8, 0};
  RandomStream rng = stream(10);
  std::vector<int> counts(weights.size(), 0);
  for (int i = 0; i < kDraws; ++i) ++counts[weighted_choice(rng, weights)];
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const double p = weights[i] / 100.0;
    EXPECT_NEAR(counts[i] / double(kDraws), p, 5 * std::sqrt(p * (1 - p) / kDraws) + 1e-12) << i;
  }
  EXPECT_EQ(counts.back(), 0) << "a zero weight is never chosen";
  const std::vector<double> none{0, 0};
  EXPECT_THROW(weighted_choice(rng, none), std::invalid_argument);
}

TEST(Distributions, UniformIndexIsUnbiased) {
  RandomStream rng = stream(11);
  std::vector<int> counts(7, 0);
  for (int i = 0; i < kDraws; ++i) ++counts[uniform_index(rng, 7)];
  for (int c : counts) EXPECT_NEAR(c / double(kDraws), 1.0 / 7, 5 * std::sqrt((1.0 / 7) * (6.0 / 7) / kDraws));
}

}  // namespace
}  // namespace fl
