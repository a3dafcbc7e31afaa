#include "sim/world/world.h"

namespace fl::world {

World::World(const SimContext& ctx) : ctx_(ctx) {}
World::~World() = default;
void World::start() {}
void World::handle(const FiredEvent&) {}
CommandResult World::apply(const Command& c) {
  return CommandResult::refused("world command " + std::to_string(static_cast<int>(c.kind)) + " is not available yet");
}
void World::sample(Time t) { restoration_curve_.emplace_back(to_hours(t), 0); }
void World::write_reliability(JsonWriter& w) const {
  w.begin_object();
  w.end_object();
}
void World::write_restoration_curve(JsonWriter& w) const {
  w.begin_array();
  for (const auto& [hours, out] : restoration_curve_) {
    w.begin_array();
    w.value(hours);
    w.value(out);
    w.end_array();
  }
  w.end_array();
}
void World::write_storm(JsonWriter& w) const {
  w.begin_object();
  w.key("landfall_hours").null();
  w.end_object();
}
void World::write_crews(JsonWriter& w) const {
  w.begin_object();
  w.end_object();
}
std::string World::summary() const { return {}; }
std::uint64_t World::state_hash() const { return restoration_curve_.size(); }

}  // namespace fl::world
