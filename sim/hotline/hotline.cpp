#include "sim/hotline/hotline.h"

namespace fl::hotline {

Hotline::Hotline(const SimContext& ctx, const GridView& grid) : ctx_(ctx), grid_(grid) {}
Hotline::~Hotline() = default;
void Hotline::start() {}
void Hotline::handle(const FiredEvent&) {}
CommandResult Hotline::apply(const Command& c) {
  return CommandResult::refused("hotline command " + std::to_string(static_cast<int>(c.kind)) + " is not available yet");
}
void Hotline::sample(Time) {}
void Hotline::on_customers_interrupted(Time, std::span<const std::uint32_t>, std::uint32_t, FaultCause) {}
void Hotline::on_customers_restored(Time, std::span<const std::uint32_t>) {}
void Hotline::write_hotline(JsonWriter& w) const {
  w.begin_object();
  w.end_object();
}
void Hotline::write_complaints(JsonWriter& w) const {
  w.begin_object();
  w.end_object();
}
void Hotline::write_work_orders(JsonWriter& w) const {
  w.begin_object();
  w.end_object();
}
std::string Hotline::summary() const { return {}; }
std::uint64_t Hotline::state_hash() const { return 0; }

}  // namespace fl::hotline
