#include "sim/world/wind_field.h"

#include <algorithm>
#include <cmath>

namespace fl::world {

namespace {

// Marine 1-min winds below this can break nothing: x the largest gust ratio (hilltop, 1.37) they
// stay under 17 m/s, below every capacity and the 20 m/s floor of the tree fits.
constexpr double kMattersMps = 12.0;

}  // namespace

void WindField::build(const Typhoon* typhoon, const Area& area, Time end, Time step, double block_m) {
  area_ = &area;
  block_m_ = block_m;
  step_ = step;
  const double w = area.nx * area.cell_m, h = area.ny * area.cell_m;
  bx_ = std::max(2, static_cast<int>(std::ceil(w / block_m)));
  by_ = std::max(2, static_cast<int>(std::ceil(h / block_m)));
  const std::size_t nb = static_cast<std::size_t>(bx_ * by_);
  peak_.assign(nb, 0.0f);
  first_.assign(nb, 0);
  last_.assign(nb, -1);
  steps_ = 0;
  speed_.clear();
  u_.clear();
  v_.clear();
  peak_land_gust_ = peak_land_sustained_ = 0;
  if (!typhoon || typhoon->config().track.size() < 2) return;
  const auto& track = typhoon->config().track;
  const Time start = std::max<Time>(0, static_cast<Time>(track.front().time_h * kHour));
  const Time stop = std::min<Time>(end, static_cast<Time>(track.back().time_h * kHour));
  if (stop <= start) return;
  t0_ = start - start % step;
  steps_ = static_cast<int>((stop - t0_) / step) + 2;
  speed_.assign(static_cast<std::size_t>(steps_) * nb, 0.0f);
  u_.assign(speed_.size(), 0.0f);
  v_.assign(speed_.size(), 0.0f);
  std::vector<double> cx(nb), cy(nb);
  for (int j = 0; j < by_; ++j)
    for (int i = 0; i < bx_; ++i) {
      const auto b = static_cast<std::size_t>(j * bx_ + i);
      cx[b] = std::min(w - 1, (i + 0.5) * block_m);
      cy[b] = std::min(h - 1, (j + 0.5) * block_m);
    }
  std::fill(first_.begin(), first_.end(), steps_);
  for (int s = 0; s < steps_; ++s) {
    const Time t = t0_ + s * step;
    for (std::size_t b = 0; b < nb; ++b) {
      const WindSample ws = typhoon->wind_at(t, cx[b], cy[b], Exposure::kAtSea);
      const std::size_t k = static_cast<std::size_t>(s) * nb + b;
      speed_[k] = static_cast<float>(ws.marine_mps);
      u_[k] = static_cast<float>(ws.marine_mps * std::cos(ws.toward_rad));
      v_[k] = static_cast<float>(ws.marine_mps * std::sin(ws.toward_rad));
      peak_[b] = std::max(peak_[b], speed_[k]);
      if (ws.marine_mps >= kMattersMps) {
        first_[b] = std::min(first_[b], s);
        last_[b] = std::max(last_[b], s);
      }
    }
  }
  // Peaks over land, cell by cell with each cell's exposure; the coastal strip is resolved in time
  // because its class follows the wind direction. (A bilinear blend of block peaks: at most a
  // little above the true peak between blocks.)
  for (std::uint32_t c = 0; c < area.cells.size(); ++c) {
    const Cell& cell = area.cells[c];
    if (cell.terrain == Terrain::kWater) continue;
    const WindSite site = this->site(area.centre_x(c), area.centre_y(c));
    const double m = (1 - site.wy) * ((1 - site.wx) * peak_[static_cast<std::size_t>(site.j0 * bx_ + site.i0)] +
                                      site.wx * peak_[static_cast<std::size_t>(site.j0 * bx_ + site.i1)]) +
                     site.wy * ((1 - site.wx) * peak_[static_cast<std::size_t>(site.j1 * bx_ + site.i0)] +
                                site.wx * peak_[static_cast<std::size_t>(site.j1 * bx_ + site.i1)]);
    peak_land_sustained_ = std::max(peak_land_sustained_, m * terrain_mean_factor(Exposure::kInland));
    if (cell.exposure != Exposure::kOffSea) {
      peak_land_gust_ = std::max(peak_land_gust_, m * gust_ratio(cell.exposure));
    } else if (m * gust_ratio(Exposure::kOffSea) > peak_land_gust_) {
      for (int s = site.first_step; s <= site.last_step; ++s) peak_land_gust_ = std::max(peak_land_gust_, at(s, site).gust_mps);
    }
  }
}

WindSite WindField::site(double x_m, double y_m) const {
  WindSite w;
  const double fx = std::clamp(x_m / block_m_ - 0.5, 0.0, bx_ - 1.0);
  const double fy = std::clamp(y_m / block_m_ - 0.5, 0.0, by_ - 1.0);
  w.i0 = static_cast<int>(fx);
  w.j0 = static_cast<int>(fy);
  w.i1 = std::min(bx_ - 1, w.i0 + 1);
  w.j1 = std::min(by_ - 1, w.j0 + 1);
  w.wx = fx - w.i0;
  w.wy = fy - w.j0;
  if (area_) {
    const Cell& cell = area_->at(x_m, y_m);
    w.exposure = cell.exposure;
    w.inland_x = std::cos(cell.inland_rad);
    w.inland_y = std::sin(cell.inland_rad);
  }
  if (steps_ > 0) {
    const int b[4] = {w.j0 * bx_ + w.i0, w.j0 * bx_ + w.i1, w.j1 * bx_ + w.i0, w.j1 * bx_ + w.i1};
    w.first_step = steps_;
    w.last_step = -1;
    for (int k : b) {
      w.first_step = std::min(w.first_step, first_[static_cast<std::size_t>(k)]);
      w.last_step = std::max(w.last_step, last_[static_cast<std::size_t>(k)]);
    }
    // One step either side so a first crossing is interpolated from a quiet value.
    w.first_step = std::max(0, w.first_step - 1);
    w.last_step = std::min(steps_ - 1, w.last_step + 1);
  }
  return w;
}

double WindField::marine(int s, const WindSite& w) const {
  const float* row = speed_.data() + static_cast<std::size_t>(s) * peak_.size();
  const double a = row[w.j0 * bx_ + w.i0], b = row[w.j0 * bx_ + w.i1];
  const double c = row[w.j1 * bx_ + w.i0], d = row[w.j1 * bx_ + w.i1];
  return (1 - w.wy) * ((1 - w.wx) * a + w.wx * b) + w.wy * ((1 - w.wx) * c + w.wx * d);
}

SiteWind WindField::at(int s, const WindSite& w) const {
  SiteWind out;
  if (s < 0 || s >= steps_) return out;
  const std::size_t off = static_cast<std::size_t>(s) * peak_.size();
  const std::size_t k00 = off + static_cast<std::size_t>(w.j0 * bx_ + w.i0), k01 = off + static_cast<std::size_t>(w.j0 * bx_ + w.i1);
  const std::size_t k10 = off + static_cast<std::size_t>(w.j1 * bx_ + w.i0), k11 = off + static_cast<std::size_t>(w.j1 * bx_ + w.i1);
  auto lerp = [&](const std::vector<float>& f) {
    return (1 - w.wy) * ((1 - w.wx) * f[k00] + w.wx * f[k01]) + w.wy * ((1 - w.wx) * f[k10] + w.wx * f[k11]);
  };
  const double m = lerp(speed_);
  const double u = lerp(u_), v = lerp(v_);
  const double n = std::hypot(u, v);
  if (n > 1e-9) {
    out.toward_x = u / n;
    out.toward_y = v / n;
  }
  Exposure e = w.exposure;
  // The coastal strip: onshore wind (blowing inland, from the sea) keeps the off-sea class; offshore
  // wind has crossed land and gets the off-land class (WMO definitions, Harper et al. 2010).
  if (e == Exposure::kOffSea && out.toward_x * w.inland_x + out.toward_y * w.inland_y < 0) e = Exposure::kOffLand;
  out.sustained_mps = m * terrain_mean_factor(e);
  out.gust_mps = out.sustained_mps * gust_factor(e);
  return out;
}

double WindField::peak_gust_bound(const WindSite& w) const {
  if (steps_ == 0) return 0;
  auto p = [&](int i, int j) { return static_cast<double>(peak_[static_cast<std::size_t>(j * bx_ + i)]); };
  const double m = std::max({p(w.i0, w.j0), p(w.i1, w.j0), p(w.i0, w.j1), p(w.i1, w.j1)});
  const Exposure e = w.exposure;
  const double ratio = e == Exposure::kOffSea ? std::max(gust_ratio(Exposure::kOffSea), gust_ratio(Exposure::kOffLand)) : gust_ratio(e);
  return m * ratio;
}

double WindField::sustained(Time t, double x_m, double y_m) const {
  if (steps_ == 0 || t < t0_) return 0;
  const double f = static_cast<double>(t - t0_) / static_cast<double>(step_);
  const int s = static_cast<int>(f);
  if (s >= steps_ - 1) return 0;
  const WindSite w = site(x_m, y_m);
  const double frac = f - s;
  const bool sea = area_ && area_->at(x_m, y_m).terrain == Terrain::kWater;
  const double factor = sea ? 1.0 : terrain_mean_factor(Exposure::kInland);
  return factor * ((1 - frac) * marine(s, w) + frac * marine(s + 1, w));
}

double WindField::toward_rad(Time t, double x_m, double y_m) const {
  if (steps_ == 0 || t < t0_) return 0;
  const int s = std::min(steps_ - 1, static_cast<int>((t - t0_ + step_ / 2) / step_));
  const SiteWind w = at(s, site(x_m, y_m));
  return std::atan2(w.toward_y, w.toward_x);
}

Time WindField::first_calm(Time from, double x_m, double y_m, double threshold) const {
  if (sustained(from, x_m, y_m) <= threshold) return from;
  const WindSite w = site(x_m, y_m);
  const bool sea = area_ && area_->at(x_m, y_m).terrain == Terrain::kWater;
  const double factor = sea ? 1.0 : terrain_mean_factor(Exposure::kInland);
  int s = static_cast<int>((from - t0_) / step_) + 1;
  for (; s < steps_; ++s)
    if (factor * marine(s, w) <= threshold) return t0_ + s * step_;
  return t0_ + static_cast<Time>(steps_) * step_;
}

}  // namespace fl::world
