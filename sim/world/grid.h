#pragma once
/// \file The distribution grid as a graph: nodes (substation buses, poles/junctions with an
/// optional distribution transformer), edges (line segments, optionally carrying a device) and
/// devices (breakers, reclosers, fuses, switches, normally-open ties, transformer fuses).
/// Holds the switching state and faults and answers "what is energised" and "which device
/// protects this". Buildable by hand for tests; build_grid() generates it from the area.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "sim/core/command.h"
#include "sim/world/area.h"
#include "sim/world/config.h"

namespace fl::world {

constexpr std::uint32_t kNoId = UINT32_MAX;

/// Kinds of device. Breakers, reclosers and fuses protect; switches and ties only switch.
enum class DeviceType : std::uint8_t { kBreaker, kRecloser, kFuse, kSwitch, kTie, kTransformerFuse };
const char* device_type_name(DeviceType t);
/// Whether a device interrupts fault current on its own.
inline bool is_protective(DeviceType t) {
  return t == DeviceType::kBreaker || t == DeviceType::kRecloser || t == DeviceType::kFuse;
}

/// Conductor of a segment: bare and covered overhead lines are exposed to wind; cable is not.
enum class Conductor : std::uint8_t { kBare, kCovered, kCable, kNone };

struct Device {
  DeviceType type = DeviceType::kSwitch;
  std::uint32_t edge = kNoId;          ///< the edge it sits on (kNoId for a transformer fuse)
  std::uint32_t transformer = kNoId;   ///< for transformer fuses
  std::uint32_t feeder = 0;
  bool normally_closed = true;
  bool closed = true;
};

struct Node {
  float x_m = 0, y_m = 0;
  std::uint32_t cell = 0;
  std::uint32_t feeder = 0;
  std::uint32_t parent_edge = kNoId;   ///< towards the substation in the normal configuration
  std::uint32_t transformer = kNoId;
  bool source = false;                 ///< a substation bus: always energised
};

/// A line segment from `child` up to `parent` (normal orientation). A device on it sits at its
/// parent end, so it is upstream of a fault on the segment in the normal configuration.
struct Edge {
  std::uint32_t child = 0, parent = 0;
  float length_m = 0;
  std::uint32_t device = kNoId;
  Conductor conductor = Conductor::kBare;
  bool trunk = false;                  ///< main line (false: lateral or tie)
  std::uint16_t faults = 0;            ///< active permanent faults on the segment
};

struct Transformer {
  std::uint32_t node = 0;
  std::uint32_t first_customer = 0, customers = 0;
  std::uint32_t fuse = kNoId;          ///< its transformer-fuse device
  std::uint32_t important = 0;         ///< important customers served
  bool faulted = false;
};

struct Feeder {
  std::string name;
  std::uint32_t substation = 0;
  std::uint32_t source = 0;            ///< bus node
  std::uint32_t breaker = kNoId;
  std::uint32_t customers = 0;         ///< in the normal configuration
  std::vector<std::uint32_t> nodes;
};

/// Transformers whose supply changed in one operation.
struct SupplyChanges {
  std::vector<std::uint32_t> lost, gained;
  std::vector<std::uint32_t> tripped;  ///< devices protection opened, in order
  void clear() { lost.clear(); gained.clear(); tripped.clear(); }
};

/// The network and its state.
class Grid {
 public:
  // ---- building (then call finalize()) ----
  std::uint32_t add_feeder(std::string name, std::uint32_t substation, float x_m, float y_m, std::uint32_t cell);
  /// Adds a node hanging off `parent` through a new edge; returns the node.
  std::uint32_t add_node(std::uint32_t feeder, std::uint32_t parent, float x_m, float y_m, std::uint32_t cell,
                         Conductor conductor = Conductor::kBare, bool trunk = false);
  /// Puts a device on the edge above `node`; returns the device id.
  std::uint32_t add_device(std::uint32_t node, DeviceType type);
  /// A normally-open tie between two nodes (of different feeders); returns the device id.
  std::uint32_t add_tie(std::uint32_t a, std::uint32_t b);
  /// A transformer at `node` serving customers [first, first + count); returns its id.
  std::uint32_t add_transformer(std::uint32_t node, std::uint32_t first_customer, std::uint32_t count,
                                std::uint32_t important = 0);
  /// Marks the edge above `node` as main line.
  void mark_trunk(std::uint32_t node) { edges_[nodes_[node].parent_edge].trunk = true; }
  /// Builds adjacency, static chains and subtree order; energises the normal configuration.
  void finalize(double feeder_capacity_pct = 1e9);

  // ---- static queries ----
  const std::vector<Node>& nodes() const { return nodes_; }
  const std::vector<Edge>& edges() const { return edges_; }
  const std::vector<Device>& devices() const { return devices_; }
  const std::vector<Transformer>& transformers() const { return transformers_; }
  const std::vector<Feeder>& feeders() const { return feeders_; }
  /// Ids of the tie devices, ascending (set by finalize()): a few per feeder, where devices()
  /// holds one transformer fuse per transformer of the whole area.
  const std::vector<std::uint32_t>& ties() const { return ties_; }
  /// Protective devices from the transformer up (transformer fuse first), normal configuration.
  std::span<const std::uint32_t> protective_chain(std::uint32_t transformer) const;
  /// Whether `node` is below `device` in the normal configuration (O(1)).
  bool statically_below(std::uint32_t device, std::uint32_t node) const;
  /// Whether `node` lies in the static subtree rooted at `top` (O(1)).
  bool in_subtree(std::uint32_t top, std::uint32_t node) const { return tin_[node] >= tin_[top] && tin_[node] < tout_[top]; }
  /// Static DFS entry order of a node (ancestors come first).
  std::uint32_t order(std::uint32_t node) const { return tin_[node]; }
  /// Device display name, e.g. "F03-R1" (recloser 1 of feeder 3).
  std::string device_name(std::uint32_t device) const;

  // ---- state ----
  bool energised(std::uint32_t node) const { return energised_[node] != 0; }
  bool supplied(std::uint32_t transformer) const { return supplied_[transformer] != 0; }
  /// Customers supplied now by each feeder's source.
  std::uint32_t source_load(std::uint32_t feeder) const { return load_[feeder]; }

  /// A permanent fault appears on `edge`; protection operates. Appends to `changes`.
  void add_fault(std::uint32_t edge, SupplyChanges& changes);
  /// A fault on `edge` is repaired (no switching happens).
  void remove_fault(std::uint32_t edge);
  /// Transformer failure / repair (its fuse opens / is replaced and closed).
  void fault_transformer(std::uint32_t transformer, SupplyChanges& changes);
  void repair_transformer(std::uint32_t transformer, SupplyChanges& changes);
  /// The device that would clear a fault on `edge` now (nearest closed protective device
  /// between the edge and its source), or kNoId if the edge is not energised.
  std::uint32_t protecting_device(std::uint32_t edge) const;
  /// Opens or closes a device. Closing re-runs protection if it energises a faulted segment.
  /// Returns false (and changes nothing) when closing would overload a source or re-close onto a
  /// faulted transformer; `refusal` then says why (message key + arguments, and English text).
  bool operate(std::uint32_t device, bool close, SupplyChanges& changes, CommandResult* refusal = nullptr);
  /// Transformers that `device` would supply if closed, through closed devices (its dead side).
  /// Also collects the edges of that region. Used for patrols.
  void dead_region(std::uint32_t device, std::vector<std::uint32_t>& nodes_out) const;
  /// Whether `test(node)` holds for some node of that region; walks it in no particular order and
  /// stops at the first such node (no sorting, no list kept).
  template <class Test>
  bool any_in_dead_region(std::uint32_t device, Test&& test) const {
    return walk_dead_region(device, queue_scratch_, test);
  }
  /// Customers downstream of an energised device right now (momentary counting).
  std::uint32_t customers_below_energised(std::uint32_t device) const;

 private:
  bool conducts(const Edge& e) const { return e.device == kNoId || devices_[e.device].closed; }
  /// Recomputes energisation of the feeders linked to `feeder` by closed ties; appends changes.
  void refresh(std::uint32_t feeder, SupplyChanges& changes);
  void bfs(const std::vector<std::uint32_t>& feeders, std::vector<std::uint32_t>& touched_faults);
  std::uint32_t walk_up_protection(std::uint32_t node) const;

  std::vector<Node> nodes_;
  std::vector<Edge> edges_;
  std::vector<Device> devices_;
  std::vector<Transformer> transformers_;
  std::vector<Feeder> feeders_;
  std::vector<std::uint32_t> ties_;                  // tie device ids, ascending
  std::vector<std::uint32_t> adj_offset_, adj_;      // CSR: incident edges per node
  std::vector<std::uint32_t> chain_offset_, chain_;  // protective chains per transformer
  std::vector<std::uint32_t> tin_, tout_;            // static subtree order
  std::vector<std::uint8_t> energised_, supplied_;
  std::vector<std::uint32_t> via_edge_;              // BFS parent edge in the current configuration
  std::vector<std::uint32_t> root_of_;               // feeder whose source supplies the node
  std::vector<std::uint32_t> load_, capacity_;
  std::vector<std::uint32_t> queue_, scratch_;
  mutable std::vector<std::uint32_t> mark_;  // visit stamps for region queries (no per-call clearing)
  mutable std::uint32_t mark_generation_ = 0;
  mutable std::vector<std::uint32_t> queue_scratch_;  // any_in_dead_region's walk
  // The walk behind dead_region() and any_in_dead_region(): `queue` ends holding the nodes reached
  // (the whole region unless `test` stopped it early).
  template <class Test>
  bool walk_dead_region(std::uint32_t device, std::vector<std::uint32_t>& queue, Test&& test) const;
};

template <class Test>
bool Grid::walk_dead_region(std::uint32_t device, std::vector<std::uint32_t>& queue, Test&& test) const {
  // From the device's dead side through conducting spans over nodes without supply (never into a
  // source), checking each node as it is reached.
  const Device& d = devices_[device];
  queue.clear();
  if (d.type == DeviceType::kTransformerFuse) {
    queue.push_back(transformers_[d.transformer].node);
    return test(queue.back());
  }
  const Edge& e0 = edges_[d.edge];
  std::uint32_t start = kNoId;
  if (!energised_[e0.child]) start = e0.child;
  else if (!energised_[e0.parent]) start = e0.parent;
  if (start == kNoId) return false;
  if (mark_.size() != nodes_.size()) mark_.assign(nodes_.size(), 0);
  const std::uint32_t stamp = ++mark_generation_;
  queue.push_back(start);
  mark_[start] = stamp;
  for (std::size_t i = 0; i < queue.size(); ++i) {
    const std::uint32_t u = queue[i];
    if (test(u)) return true;
    for (std::uint32_t k = adj_offset_[u]; k < adj_offset_[u + 1]; ++k) {
      const Edge& e = edges_[adj_[k]];
      if (!conducts(e) || adj_[k] == d.edge) continue;
      const std::uint32_t v = e.child == u ? e.parent : e.child;
      if (energised_[v] || nodes_[v].source || mark_[v] == stamp) continue;
      mark_[v] = stamp;
      queue.push_back(v);
    }
  }
  return false;
}

/// Generates substations, radial feeders, devices, ties and transformers over the area, and
/// fills each customer's transformer id.
Grid build_grid(Area& area, const GridConfig& config);

}  // namespace fl::world
