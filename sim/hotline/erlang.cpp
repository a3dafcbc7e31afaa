#include "sim/hotline/erlang.h"

#include <cmath>
#include <limits>
#include <vector>

namespace fl::hotline {

QueueFigures erlang_c(double lambda, double aht, int n, double t) {
  QueueFigures f;
  const double a = lambda * aht;
  if (a >= n) {
    f.p_wait = 1.0;
    f.asa_s = std::numeric_limits<double>::infinity();
    return f;
  }
  double b = 1.0;  // Erlang B by the recursion B_k = A B_{k-1} / (k + A B_{k-1})
  for (int k = 1; k <= n; ++k) b = a * b / (k + a * b);
  const double rho = a / n;
  const double c = b / (1.0 - rho * (1.0 - b));
  f.p_wait = c;
  f.asa_s = c * aht / (n - a);
  f.service_level = 1.0 - c * std::exp(-(n - a) * t / aht);
  return f;
}

QueueFigures erlang_a(double lambda, double aht, int n, double patience, double t) {
  // States k = calls in the system. Death rate min(k,n)·mu + max(k-n,0)·theta. Arrivals see the
  // stationary distribution (PASTA). A call arriving at k >= n has j = k - n calls ahead; its
  // position drops at rate r_i = n·mu + i·theta (service or an abandonment ahead) while it
  // abandons itself at rate theta. Holding times are independent of which transition happens, so
  // P(served | j) = prod_{i<=j} r_i/(r_i+theta) and E[W·1{served} | j] = P(served|j)·sum 1/(r_i+theta).
  const double mu = 1.0 / aht, theta = 1.0 / patience;
  std::vector<double> pi;  // unnormalised, in log-safe scaling: pi_0 = 1
  pi.push_back(1.0);
  double total = 1.0;
  for (int k = 1;; ++k) {
    const double death = (k <= n ? k * mu : n * mu + (k - n) * theta);
    const double next = pi.back() * lambda / death;
    pi.push_back(next);
    total += next;
    if (k > n && next < 1e-15 * total) break;
    if (k > n + 1000000) break;
  }
  double served = 0, wait_served = 0, waited = 0;
  for (std::size_t k = 0; k < pi.size(); ++k) {
    const double p = pi[k] / total;
    if (static_cast<int>(k) < n) {
      served += p;
      continue;
    }
    waited += p;
    const int j = static_cast<int>(k) - n;
    double ps = 1.0, sum = 0.0;
    for (int i = 0; i <= j; ++i) {
      const double r = n * mu + i * theta;
      ps *= r / (r + theta);
      sum += 1.0 / (r + theta);
    }
    served += p * ps;
    wait_served += p * ps * sum;
  }
  QueueFigures f;
  f.p_wait = waited;
  f.p_abandon = 1.0 - served;
  f.asa_s = served > 0 ? wait_served / served : 0.0;
  f.service_level = std::numeric_limits<double>::quiet_NaN();
  (void)t;
  return f;
}

}  // namespace fl::hotline
