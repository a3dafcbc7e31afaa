#include "sim/world/wind_field.h"

#include <algorithm>
#include <cmath>

namespace fl::world {

void WindField::build(const Typhoon* typhoon, const Area& area, Time end, Time step, double block_m) {
  block_m_ = block_m;
  step_ = step;
  const double w = area.nx * area.cell_m, h = area.ny * area.cell_m;
  bx_ = std::max(2, static_cast<int>(std::ceil(w / block_m)));
  by_ = std::max(2, static_cast<int>(std::ceil(h / block_m)));
  peak_.assign(static_cast<std::size_t>(bx_ * by_), 0.0f);
  steps_ = 0;
  v_.clear();
  if (!typhoon || typhoon->config().track.size() < 2) return;
  const auto& track = typhoon->config().track;
  const Time start = std::max<Time>(0, static_cast<Time>(track.front().time_h * kHour));
  const Time stop = std::min<Time>(end, static_cast<Time>(track.back().time_h * kHour));
  if (stop <= start) return;
  t0_ = start - start % step;
  steps_ = static_cast<int>((stop - t0_) / step) + 2;
  v_.assign(static_cast<std::size_t>(steps_) * peak_.size(), 0.0f);
  std::vector<Exposure> exposure(peak_.size());
  std::vector<double> cx(peak_.size()), cy(peak_.size());
  for (int j = 0; j < by_; ++j)
    for (int i = 0; i < bx_; ++i) {
      const auto b = static_cast<std::size_t>(j * bx_ + i);
      cx[b] = std::min(w - 1, (i + 0.5) * block_m);
      cy[b] = std::min(h - 1, (j + 0.5) * block_m);
      exposure[b] = area.at(cx[b], cy[b]).exposure;
    }
  for (int s = 0; s < steps_; ++s) {
    const Time t = t0_ + s * step;
    for (std::size_t b = 0; b < peak_.size(); ++b) {
      const WindSample ws = typhoon->wind_at(t, cx[b], cy[b], exposure[b]);
      const auto v = static_cast<float>(ws.sustained_mps);
      v_[static_cast<std::size_t>(s) * peak_.size() + b] = v;
      peak_[b] = std::max(peak_[b], v);
      if (exposure[b] != Exposure::kAtSea) {
        peak_land_gust_ = std::max(peak_land_gust_, ws.gust_mps);
        peak_land_sustained_ = std::max(peak_land_sustained_, ws.sustained_mps);
      }
    }
  }
}

WindField::Weights WindField::weights(double x_m, double y_m) const {
  const double fx = std::clamp(x_m / block_m_ - 0.5, 0.0, bx_ - 1.0);
  const double fy = std::clamp(y_m / block_m_ - 0.5, 0.0, by_ - 1.0);
  Weights w;
  w.i0 = static_cast<int>(fx);
  w.j0 = static_cast<int>(fy);
  w.i1 = std::min(bx_ - 1, w.i0 + 1);
  w.j1 = std::min(by_ - 1, w.j0 + 1);
  w.wx = fx - w.i0;
  w.wy = fy - w.j0;
  return w;
}

double WindField::at_step(int s, const Weights& w) const {
  const float* row = v_.data() + static_cast<std::size_t>(s) * peak_.size();
  const double a = row[w.j0 * bx_ + w.i0], b = row[w.j0 * bx_ + w.i1];
  const double c = row[w.j1 * bx_ + w.i0], d = row[w.j1 * bx_ + w.i1];
  return (1 - w.wy) * ((1 - w.wx) * a + w.wx * b) + w.wy * ((1 - w.wx) * c + w.wx * d);
}

double WindField::sustained(Time t, double x_m, double y_m) const {
  if (steps_ == 0 || t < t0_) return 0;
  const double f = static_cast<double>(t - t0_) / static_cast<double>(step_);
  const int s = static_cast<int>(f);
  if (s >= steps_ - 1) return 0;
  const Weights w = weights(x_m, y_m);
  const double frac = f - s;
  return (1 - frac) * at_step(s, w) + frac * at_step(s + 1, w);
}

double WindField::peak_sustained(double x_m, double y_m) const {
  if (steps_ == 0) return 0;
  const Weights w = weights(x_m, y_m);
  const double a = peak_[static_cast<std::size_t>(w.j0 * bx_ + w.i0)], b = peak_[static_cast<std::size_t>(w.j0 * bx_ + w.i1)];
  const double c = peak_[static_cast<std::size_t>(w.j1 * bx_ + w.i0)], d = peak_[static_cast<std::size_t>(w.j1 * bx_ + w.i1)];
  return (1 - w.wy) * ((1 - w.wx) * a + w.wx * b) + w.wy * ((1 - w.wx) * c + w.wx * d);
}

Time WindField::first_exceed(double x_m, double y_m, double factor, double threshold) const {
  if (steps_ == 0 || factor * peak_sustained(x_m, y_m) < threshold) return kNever;
  const Weights w = weights(x_m, y_m);
  double prev = factor * at_step(0, w);
  if (prev >= threshold) return t0_;
  for (int s = 1; s < steps_; ++s) {
    const double cur = factor * at_step(s, w);
    if (cur >= threshold) {
      const double frac = (threshold - prev) / std::max(1e-9, cur - prev);
      return t0_ + (s - 1) * step_ + static_cast<Time>(frac * static_cast<double>(step_));
    }
    prev = cur;
  }
  return kNever;
}

Time WindField::first_calm(Time from, double x_m, double y_m, double threshold) const {
  if (sustained(from, x_m, y_m) <= threshold) return from;
  const Weights w = weights(x_m, y_m);
  int s = static_cast<int>((from - t0_) / step_) + 1;
  for (; s < steps_; ++s)
    if (at_step(s, w) <= threshold) return t0_ + s * step_;
  return t0_ + static_cast<Time>(steps_) * step_;
}

}  // namespace fl::world
