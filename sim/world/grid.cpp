#include "sim/world/grid.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "sim/core/random.h"

namespace fl::world {

const char* device_type_name(DeviceType t) {
  switch (t) {
    case DeviceType::kBreaker: return "breaker";
    case DeviceType::kRecloser: return "recloser";
    case DeviceType::kFuse: return "fuse";
    case DeviceType::kSwitch: return "switch";
    case DeviceType::kTie: return "tie";
    case DeviceType::kTransformerFuse: return "transformer_fuse";
  }
  return "switch";
}

// ---------------------------------------------------------------- building

std::uint32_t Grid::add_feeder(std::string name, std::uint32_t substation, float x_m, float y_m, std::uint32_t cell) {
  const auto f = static_cast<std::uint32_t>(feeders_.size());
  Feeder feeder;
  feeder.name = std::move(name);
  feeder.substation = substation;
  feeder.source = static_cast<std::uint32_t>(nodes_.size());
  Node n;
  n.x_m = x_m;
  n.y_m = y_m;
  n.cell = cell;
  n.feeder = f;
  n.source = true;
  nodes_.push_back(n);
  feeder.nodes.push_back(feeder.source);
  feeders_.push_back(std::move(feeder));
  return f;
}

std::uint32_t Grid::add_node(std::uint32_t feeder, std::uint32_t parent, float x_m, float y_m, std::uint32_t cell,
                             Conductor conductor, bool trunk) {
  const auto id = static_cast<std::uint32_t>(nodes_.size());
  Node n;
  n.x_m = x_m;
  n.y_m = y_m;
  n.cell = cell;
  n.feeder = feeder;
  n.parent_edge = static_cast<std::uint32_t>(edges_.size());
  nodes_.push_back(n);
  Edge e;
  e.child = id;
  e.parent = parent;
  e.length_m = static_cast<float>(std::hypot(x_m - nodes_[parent].x_m, y_m - nodes_[parent].y_m));
  e.conductor = conductor;
  e.trunk = trunk;
  edges_.push_back(e);
  feeders_[feeder].nodes.push_back(id);
  return id;
}

std::uint32_t Grid::add_device(std::uint32_t node, DeviceType type) {
  const auto id = static_cast<std::uint32_t>(devices_.size());
  Device d;
  d.type = type;
  d.edge = nodes_[node].parent_edge;
  d.feeder = nodes_[node].feeder;
  devices_.push_back(d);
  edges_[d.edge].device = id;
  if (type == DeviceType::kBreaker) feeders_[d.feeder].breaker = id;
  return id;
}

std::uint32_t Grid::add_tie(std::uint32_t a, std::uint32_t b) {
  Edge e;
  e.child = a;
  e.parent = b;
  e.length_m = static_cast<float>(std::hypot(nodes_[a].x_m - nodes_[b].x_m, nodes_[a].y_m - nodes_[b].y_m));
  e.conductor = Conductor::kNone;
  const auto id = static_cast<std::uint32_t>(devices_.size());
  e.device = id;
  Device d;
  d.type = DeviceType::kTie;
  d.edge = static_cast<std::uint32_t>(edges_.size());
  d.feeder = nodes_[a].feeder;
  d.normally_closed = false;
  d.closed = false;
  edges_.push_back(e);
  devices_.push_back(d);
  return id;
}

std::uint32_t Grid::add_transformer(std::uint32_t node, std::uint32_t first_customer, std::uint32_t count,
                                    std::uint32_t important) {
  const auto id = static_cast<std::uint32_t>(transformers_.size());
  Transformer t;
  t.node = node;
  t.first_customer = first_customer;
  t.customers = count;
  t.important = important;
  Device d;
  d.type = DeviceType::kTransformerFuse;
  d.transformer = id;
  d.feeder = nodes_[node].feeder;
  t.fuse = static_cast<std::uint32_t>(devices_.size());
  devices_.push_back(d);
  transformers_.push_back(t);
  nodes_[node].transformer = id;
  feeders_[nodes_[node].feeder].customers += count;
  return id;
}

void Grid::finalize(double feeder_capacity_pct) {
  const std::size_t n = nodes_.size();
  ties_.clear();
  for (std::uint32_t d = 0; d < devices_.size(); ++d)
    if (devices_[d].type == DeviceType::kTie) ties_.push_back(d);
  adj_offset_.assign(n + 1, 0);
  for (const Edge& e : edges_) {
    ++adj_offset_[e.child + 1];
    ++adj_offset_[e.parent + 1];
  }
  for (std::size_t i = 0; i < n; ++i) adj_offset_[i + 1] += adj_offset_[i];
  adj_.assign(adj_offset_[n], 0);
  std::vector<std::uint32_t> fill(adj_offset_.begin(), adj_offset_.end() - 1);
  for (std::uint32_t i = 0; i < edges_.size(); ++i) {
    adj_[fill[edges_[i].child]++] = i;
    adj_[fill[edges_[i].parent]++] = i;
  }
  // Static subtree order (children before nothing: nodes are added after their parents).
  std::vector<std::vector<std::uint32_t>> children(n);
  for (std::uint32_t i = 0; i < n; ++i)
    if (nodes_[i].parent_edge != kNoId) children[edges_[nodes_[i].parent_edge].parent].push_back(i);
  tin_.assign(n, 0);
  tout_.assign(n, 0);
  std::uint32_t clock = 0;
  std::vector<std::pair<std::uint32_t, std::size_t>> stack;
  for (std::uint32_t r = 0; r < n; ++r) {
    if (nodes_[r].parent_edge != kNoId) continue;
    stack.push_back({r, 0});
    tin_[r] = clock++;
    while (!stack.empty()) {
      auto& [u, k] = stack.back();
      if (k < children[u].size()) {
        const std::uint32_t c = children[u][k++];
        tin_[c] = clock++;
        stack.push_back({c, 0});
      } else {
        tout_[u] = clock;
        stack.pop_back();
      }
    }
  }
  chain_offset_.assign(transformers_.size() + 1, 0);
  chain_.clear();
  for (std::uint32_t t = 0; t < transformers_.size(); ++t) {
    chain_.push_back(transformers_[t].fuse);
    std::uint32_t node = transformers_[t].node;
    while (nodes_[node].parent_edge != kNoId) {
      const Edge& e = edges_[nodes_[node].parent_edge];
      if (e.device != kNoId && is_protective(devices_[e.device].type)) chain_.push_back(e.device);
      node = e.parent;
    }
    chain_offset_[t + 1] = static_cast<std::uint32_t>(chain_.size());
  }
  capacity_.assign(feeders_.size(), 0);
  load_.assign(feeders_.size(), 0);
  for (std::size_t f = 0; f < feeders_.size(); ++f)
    capacity_[f] = static_cast<std::uint32_t>(std::min(4e9, std::ceil(feeders_[f].customers * feeder_capacity_pct / 100.0)));
  energised_.assign(n, 0);
  supplied_.assign(transformers_.size(), 0);
  via_edge_.assign(n, kNoId);
  root_of_.assign(n, kNoId);
  std::vector<std::uint32_t> all(feeders_.size());
  for (std::uint32_t f = 0; f < all.size(); ++f) all[f] = f;
  std::vector<std::uint32_t> touched;
  bfs(all, touched);
  for (std::uint32_t t = 0; t < transformers_.size(); ++t)
    supplied_[t] = energised_[transformers_[t].node] && !transformers_[t].faulted;
}

// ---------------------------------------------------------------- queries

std::span<const std::uint32_t> Grid::protective_chain(std::uint32_t transformer) const {
  if (transformer >= transformers_.size()) return {};
  return {chain_.data() + chain_offset_[transformer], chain_offset_[transformer + 1] - chain_offset_[transformer]};
}

bool Grid::statically_below(std::uint32_t device, std::uint32_t node) const {
  const Device& d = devices_[device];
  if (d.type == DeviceType::kTransformerFuse) return transformers_[d.transformer].node == node;
  if (d.type == DeviceType::kTie) return false;
  const std::uint32_t top = edges_[d.edge].child;
  return tin_[node] >= tin_[top] && tin_[node] < tout_[top];
}

std::string Grid::device_name(std::uint32_t device) const {
  if (device >= devices_.size()) return "?";
  const Device& d = devices_[device];
  const char* prefix = "S";
  switch (d.type) {
    case DeviceType::kBreaker: prefix = "CB"; break;
    case DeviceType::kRecloser: prefix = "R"; break;
    case DeviceType::kFuse: prefix = "FU"; break;
    case DeviceType::kSwitch: prefix = "S"; break;
    case DeviceType::kTie: prefix = "T"; break;
    case DeviceType::kTransformerFuse: prefix = "TX"; break;
  }
  return feeders_[d.feeder].name + "-" + prefix + std::to_string(device);
}

// ---------------------------------------------------------------- energisation

void Grid::bfs(const std::vector<std::uint32_t>& feeders, std::vector<std::uint32_t>& touched_faults) {
  queue_.clear();
  for (std::uint32_t f : feeders) {
    for (std::uint32_t v : feeders_[f].nodes) {
      energised_[v] = 0;
      via_edge_[v] = kNoId;
      root_of_[v] = kNoId;
    }
    const std::uint32_t s = feeders_[f].source;
    energised_[s] = 1;
    root_of_[s] = f;
    queue_.push_back(s);
    load_[f] = 0;
  }
  for (std::size_t qi = 0; qi < queue_.size(); ++qi) {
    const std::uint32_t u = queue_[qi];
    for (std::uint32_t k = adj_offset_[u]; k < adj_offset_[u + 1]; ++k) {
      const std::uint32_t ei = adj_[k];
      const Edge& e = edges_[ei];
      if (!conducts(e)) continue;
      const std::uint32_t v = e.child == u ? e.parent : e.child;
      if (energised_[v]) continue;
      if (e.faults > 0) {
        touched_faults.push_back(ei);
        continue;
      }
      energised_[v] = 1;
      via_edge_[v] = ei;
      root_of_[v] = root_of_[u];
      queue_.push_back(v);
    }
  }
  for (std::uint32_t f : feeders)
    for (std::uint32_t v : feeders_[f].nodes) {
      const std::uint32_t t = nodes_[v].transformer;
      if (t != kNoId && energised_[v] && !transformers_[t].faulted) load_[root_of_[v]] += transformers_[t].customers;
    }
}

std::uint32_t Grid::walk_up_protection(std::uint32_t node) const {
  std::uint32_t n = node;
  while (via_edge_[n] != kNoId) {
    const Edge& e = edges_[via_edge_[n]];
    if (e.device != kNoId && is_protective(devices_[e.device].type) && devices_[e.device].closed) return e.device;
    n = e.child == n ? e.parent : e.child;
  }
  return kNoId;
}

std::uint32_t Grid::protecting_device(std::uint32_t edge) const {
  const Edge& e = edges_[edge];
  if (!conducts(e)) return kNoId;
  if (energised_[e.parent]) {
    if (e.device != kNoId && is_protective(devices_[e.device].type)) return e.device;
    return walk_up_protection(e.parent);
  }
  if (energised_[e.child]) return walk_up_protection(e.child);
  return kNoId;
}

void Grid::refresh(std::uint32_t feeder, SupplyChanges& changes) {
  // The feeders joined to `feeder` by closed ties.
  std::vector<std::uint32_t> set{feeder};
  std::vector<std::uint8_t> in(feeders_.size(), 0);
  in[feeder] = 1;
  for (std::size_t i = 0; i < set.size(); ++i) {
    for (std::uint32_t v : feeders_[set[i]].nodes)
      for (std::uint32_t k = adj_offset_[v]; k < adj_offset_[v + 1]; ++k) {
        const Edge& e = edges_[adj_[k]];
        if (e.device == kNoId || devices_[e.device].type != DeviceType::kTie || !devices_[e.device].closed) continue;
        for (std::uint32_t end : {e.child, e.parent}) {
          const std::uint32_t g = nodes_[end].feeder;
          if (!in[g]) {
            in[g] = 1;
            set.push_back(g);
          }
        }
      }
  }
  std::sort(set.begin(), set.end());
  std::vector<std::uint32_t> touched;
  for (int guard = 0; guard < 64; ++guard) {
    touched.clear();
    bfs(set, touched);
    if (touched.empty()) break;
    std::sort(touched.begin(), touched.end());
    const std::uint32_t d = protecting_device(touched.front());
    if (d == kNoId) break;
    devices_[d].closed = false;
    changes.tripped.push_back(d);
  }
  for (std::uint32_t f : set)
    for (std::uint32_t v : feeders_[f].nodes) {
      const std::uint32_t t = nodes_[v].transformer;
      if (t == kNoId) continue;
      const std::uint8_t now = energised_[v] && !transformers_[t].faulted;
      if (now != supplied_[t]) {
        (now ? changes.gained : changes.lost).push_back(t);
        supplied_[t] = now;
      }
    }
}

void Grid::add_fault(std::uint32_t edge, SupplyChanges& changes) {
  ++edges_[edge].faults;
  refresh(nodes_[edges_[edge].child].feeder, changes);
}

void Grid::remove_fault(std::uint32_t edge) {
  if (edges_[edge].faults > 0) --edges_[edge].faults;
}

void Grid::fault_transformer(std::uint32_t t, SupplyChanges& changes) {
  Transformer& tr = transformers_[t];
  tr.faulted = true;
  devices_[tr.fuse].closed = false;
  if (supplied_[t]) {
    supplied_[t] = 0;
    changes.lost.push_back(t);
    changes.tripped.push_back(tr.fuse);
    const std::uint32_t f = root_of_[tr.node];
    if (f != kNoId && load_[f] >= tr.customers) load_[f] -= tr.customers;
  }
}

void Grid::repair_transformer(std::uint32_t t, SupplyChanges& changes) {
  Transformer& tr = transformers_[t];
  tr.faulted = false;
  devices_[tr.fuse].closed = true;
  if (!supplied_[t] && energised_[tr.node]) {
    supplied_[t] = 1;
    changes.gained.push_back(t);
    const std::uint32_t f = root_of_[tr.node];
    if (f != kNoId) load_[f] += tr.customers;
  }
}

bool Grid::operate(std::uint32_t device, bool close, SupplyChanges& changes, CommandResult* refusal) {
  Device& d = devices_[device];
  if (d.type == DeviceType::kTransformerFuse) {
    if (close) {
      if (transformers_[d.transformer].faulted) {
        if (refusal)
          *refusal = CommandResult::refused("device.transformer_faulted", {device_name(device)},
                                            "the transformer behind " + device_name(device) + " is still faulted");
        return false;
      }
      d.closed = true;
      repair_transformer(d.transformer, changes);
    } else {
      d.closed = false;
      const std::uint32_t t = d.transformer;
      if (supplied_[t]) {
        supplied_[t] = 0;
        changes.lost.push_back(t);
      }
    }
    return true;
  }
  const Edge& e = edges_[d.edge];
  const std::uint32_t fa = nodes_[e.child].feeder, fb = nodes_[e.parent].feeder;
  if (close) {
    // Check the load the sources would carry before committing. The probe changes only what it
    // reports (devices it trips, transformers it supplies or cuts off), so a refusal undoes just
    // those instead of saving the whole grid's state.
    SupplyChanges probe;
    const bool was_closed = d.closed;
    d.closed = true;
    refresh(fa, probe);
    std::uint32_t over = kNoId;
    for (std::uint32_t f = 0; f < feeders_.size(); ++f)
      if (load_[f] > capacity_[f]) over = f;
    if (over != kNoId) {
      if (refusal)
        *refusal = CommandResult::refused(
            "device.would_overload",
            {device_name(device), feeders_[over].name, std::to_string(load_[over]), std::to_string(capacity_[over])},
            "closing " + device_name(device) + " would load feeder " + feeders_[over].name + " with " +
                std::to_string(load_[over]) + " customers, above its limit of " + std::to_string(capacity_[over]));
      for (const std::uint32_t tripped : probe.tripped) devices_[tripped].closed = true;  // protection opens closed devices only
      d.closed = was_closed;
      for (const std::uint32_t t : probe.lost) supplied_[t] = 1;
      for (const std::uint32_t t : probe.gained) supplied_[t] = 0;
      SupplyChanges ignore;
      refresh(fa, ignore);
      if (fb != fa) refresh(fb, ignore);
      return false;
    }
    changes.lost.insert(changes.lost.end(), probe.lost.begin(), probe.lost.end());
    changes.gained.insert(changes.gained.end(), probe.gained.begin(), probe.gained.end());
    changes.tripped.insert(changes.tripped.end(), probe.tripped.begin(), probe.tripped.end());
    return true;
  }
  d.closed = false;
  refresh(fa, changes);
  if (fb != fa) refresh(fb, changes);
  return true;
}

void Grid::dead_region(std::uint32_t device, std::vector<std::uint32_t>& out) const {
  walk_dead_region(device, out, [](std::uint32_t) { return false; });  // the whole region
  std::sort(out.begin(), out.end());
}

std::uint32_t Grid::customers_below_energised(std::uint32_t device) const {
  const Device& d = devices_[device];
  if (d.type == DeviceType::kTransformerFuse) return transformers_[d.transformer].customers;
  const Edge& e0 = edges_[d.edge];
  std::uint32_t start = via_edge_[e0.child] == d.edge ? e0.child : (via_edge_[e0.parent] == d.edge ? e0.parent : kNoId);
  if (start == kNoId) return 0;
  std::uint32_t total = 0;
  std::vector<std::uint32_t> stack{start};
  while (!stack.empty()) {
    const std::uint32_t u = stack.back();
    stack.pop_back();
    const std::uint32_t t = nodes_[u].transformer;
    if (t != kNoId && supplied_[t]) total += transformers_[t].customers;
    for (std::uint32_t k = adj_offset_[u]; k < adj_offset_[u + 1]; ++k) {
      const Edge& e = edges_[adj_[k]];
      const std::uint32_t v = e.child == u ? e.parent : e.child;
      if (via_edge_[v] == adj_[k] && v != start) stack.push_back(v);
    }
  }
  return total;
}

// ---------------------------------------------------------------- generation

Grid build_grid(Area& area, const GridConfig& config) {
  GridConfig g = config;
  const double w = area.nx * area.cell_m, h = area.ny * area.cell_m;
  if (g.substations.empty()) {
    const double xs[4] = {0.3, 0.7, 0.3, 0.7}, ys[4] = {0.35, 0.35, 0.65, 0.65};
    for (int i = 0; i < 4; ++i) {
      SubstationConfig s;
      s.name = "SS" + std::to_string(i + 1);
      s.x_km = xs[i] * w / 1000;
      s.y_km = ys[i] * h / 1000;
      g.substations.push_back(s);
    }
  }
  const std::uint32_t ncells = static_cast<std::uint32_t>(area.cells.size());
  // Substation cells (moved off water).
  std::vector<std::uint32_t> sub_cell;
  for (const SubstationConfig& s : g.substations) {
    std::uint32_t c = area.cell_at(s.x_km * 1000, s.y_km * 1000);
    while (c + area.nx < ncells && area.cells[c].terrain == Terrain::kWater) c += static_cast<std::uint32_t>(area.nx);
    sub_cell.push_back(c);
  }
  // Populated cells -> nearest substation -> feeder by angular sector of equal customers.
  std::vector<std::vector<std::uint32_t>> by_sub(g.substations.size());
  for (std::uint32_t c = 0; c < ncells; ++c) {
    if (area.cells[c].customers == 0) continue;
    std::size_t best = 0;
    double best_d = 1e300;
    for (std::size_t s = 0; s < sub_cell.size(); ++s) {
      const double d = std::hypot(area.centre_x(c) - area.centre_x(sub_cell[s]), area.centre_y(c) - area.centre_y(sub_cell[s]));
      if (d < best_d) {
        best_d = d;
        best = s;
      }
    }
    by_sub[best].push_back(c);
  }
  Grid grid;
  std::vector<std::uint32_t> owner(ncells, kNoId);  // feeder owning a populated cell
  std::vector<std::vector<std::uint32_t>> feeder_cells;
  for (std::size_t s = 0; s < by_sub.size(); ++s) {
    auto& cells = by_sub[s];
    const double sx = area.centre_x(sub_cell[s]), sy = area.centre_y(sub_cell[s]);
    std::vector<std::pair<double, std::uint32_t>> by_angle;
    std::uint64_t total = 0;
    for (std::uint32_t c : cells) {
      by_angle.push_back({std::atan2(area.centre_y(c) - sy, area.centre_x(c) - sx), c});
      total += area.cells[c].customers;
    }
    std::sort(by_angle.begin(), by_angle.end());
    const int nf = std::max(1, g.substations[s].feeders);
    std::uint64_t acc = 0;
    const std::uint32_t first_feeder = static_cast<std::uint32_t>(feeder_cells.size());
    for (int k = 0; k < nf; ++k) feeder_cells.emplace_back();
    for (const auto& [angle, c] : by_angle) {
      const int k = std::min(nf - 1, static_cast<int>(static_cast<double>(acc) * nf / static_cast<double>(std::max<std::uint64_t>(1, total))));
      acc += area.cells[c].customers;
      owner[c] = first_feeder + static_cast<std::uint32_t>(k);
      feeder_cells[owner[c]].push_back(c);
    }
    for (int k = 0; k < nf; ++k) {
      char name[32];
      std::snprintf(name, sizeof name, "F%02u", first_feeder + static_cast<unsigned>(k) + 1);
      grid.add_feeder(name, static_cast<std::uint32_t>(s), static_cast<float>(sx), static_cast<float>(sy), sub_cell[s]);
    }
  }
  constexpr float kLineOffset = 20.0f;  // lines run 20 m off the road along cell centres
  std::vector<std::uint32_t> parent_cell(ncells), stamp(ncells, kNoId), node_of(ncells, kNoId), node_stamp(ncells, kNoId);
  std::vector<std::uint32_t> queue;
  const int nx = area.nx, ny = area.ny;
  for (std::uint32_t f = 0; f < feeder_cells.size(); ++f) {
    auto& targets = feeder_cells[f];
    std::sort(targets.begin(), targets.end());
    const std::uint32_t root = sub_cell[grid.feeders()[f].substation];
    const std::uint32_t source = grid.feeders()[f].source;
    const std::uint32_t head = grid.add_node(f, source, grid.nodes()[source].x_m, grid.nodes()[source].y_m, root, Conductor::kNone, true);
    grid.add_device(head, DeviceType::kBreaker);
    if (targets.empty()) continue;
    // BFS over cells from the substation until every target is reached.
    std::size_t remaining = targets.size();
    queue.clear();
    queue.push_back(root);
    stamp[root] = f;
    parent_cell[root] = root;
    for (std::size_t qi = 0; qi < queue.size() && remaining > 0; ++qi) {
      const std::uint32_t c = queue[qi];
      if (owner[c] == f) --remaining;
      const int cx = area.cell_x(c), cy = area.cell_y(c);
      const int dx[4] = {1, -1, 0, 0}, dy[4] = {0, 0, 1, -1};
      for (int k = 0; k < 4; ++k) {
        const int x = cx + dx[k], y = cy + dy[k];
        if (x < 0 || y < 0 || x >= nx || y >= ny) continue;
        const auto nc = static_cast<std::uint32_t>(y * nx + x);
        if (stamp[nc] == f) continue;
        stamp[nc] = f;
        parent_cell[nc] = c;
        queue.push_back(nc);
      }
    }
    node_stamp[root] = f;
    node_of[root] = head;
    if (owner[root] == f)  // customers in the substation's own cell hang off the head
      node_of[root] = grid.add_node(f, head, static_cast<float>(area.centre_x(root)) + kLineOffset,
                                    static_cast<float>(area.centre_y(root)) + kLineOffset, root, Conductor::kCovered);
    std::vector<std::uint32_t> path;
    for (std::uint32_t t : targets) {
      if (stamp[t] != f) continue;
      path.clear();
      std::uint32_t c = t;
      while (node_stamp[c] != f) {
        path.push_back(c);
        c = parent_cell[c];
      }
      for (auto it = path.rbegin(); it != path.rend(); ++it) {
        const std::uint32_t cell = *it;
        Conductor cond = Conductor::kBare;
        const Terrain terrain = area.cells[cell].terrain;
        if (terrain == Terrain::kWater) {
          cond = Conductor::kCable;
        } else if (terrain == Terrain::kUrban) {
          RandomStream rng(StreamKey{1, 0, Purpose::kGridGeneration, cell * 64ULL + f});
          cond = bernoulli(rng, g.urban_cable_pct / 100) ? Conductor::kCable : Conductor::kCovered;
        }
        const std::uint32_t node =
            grid.add_node(f, node_of[c], static_cast<float>(area.centre_x(cell)) + kLineOffset,
                          static_cast<float>(area.centre_y(cell)) + kLineOffset, cell, cond);
        node_stamp[cell] = f;
        node_of[cell] = node;
        c = cell;
      }
    }
    // Downstream customers, trunk, devices, transformers.
    const Feeder& feeder = grid.feeders()[f];
    std::vector<std::uint32_t> nodes = feeder.nodes;  // copy: add_device does not add nodes
    std::map<std::uint32_t, std::uint64_t> down;
    for (std::uint32_t v : nodes) down[v] = (node_stamp[grid.nodes()[v].cell] == f && owner[grid.nodes()[v].cell] == f &&
                                             v == node_of[grid.nodes()[v].cell] && v != head)
                                                ? area.cells[grid.nodes()[v].cell].customers
                                                : 0;
    for (auto it = nodes.rbegin(); it != nodes.rend(); ++it) {
      const std::uint32_t pe = grid.nodes()[*it].parent_edge;
      if (pe != kNoId) down[grid.edges()[pe].parent] += down[*it];
    }
    std::map<std::uint32_t, std::vector<std::uint32_t>> children;
    for (std::uint32_t v : nodes) {
      const std::uint32_t pe = grid.nodes()[v].parent_edge;
      if (pe != kNoId) children[grid.edges()[pe].parent].push_back(v);
    }
    std::vector<std::uint32_t> trunk{head};
    for (;;) {
      const auto& ch = children[trunk.back()];
      if (ch.empty()) break;
      std::uint32_t best = ch.front();
      for (std::uint32_t v : ch)
        if (down[v] > down[best]) best = v;
      trunk.push_back(best);
    }
    std::map<std::uint32_t, bool> on_trunk;
    for (std::uint32_t v : trunk) on_trunk[v] = true;
    const double total = static_cast<double>(down[head]);
    int next_recloser = 1;
    int since_switch = 0;
    for (std::size_t i = 1; i < trunk.size(); ++i) {
      const std::uint32_t v = trunk[i];
      grid.mark_trunk(v);
      ++since_switch;
      if (next_recloser <= g.reclosers_per_feeder &&
          static_cast<double>(down[v]) <= total * (1.0 - static_cast<double>(next_recloser) / (g.reclosers_per_feeder + 1))) {
        grid.add_device(v, DeviceType::kRecloser);
        ++next_recloser;
        since_switch = 0;
      } else if (since_switch >= g.switch_every_segments) {
        grid.add_device(v, DeviceType::kSwitch);
        since_switch = 0;
      }
    }
    for (std::uint32_t v : trunk)
      for (std::uint32_t c : children[v])
        if (!on_trunk.count(c)) grid.add_device(c, DeviceType::kFuse);
    for (std::uint32_t v : nodes) {
      const std::uint32_t cell = grid.nodes()[v].cell;
      if (v == head || owner[cell] != f || node_of[cell] != v || area.cells[cell].customers == 0) continue;
      std::uint32_t important = 0;
      for (std::uint32_t k = 0; k < area.cells[cell].customers; ++k)
        if (area.customers[area.cells[cell].first_customer + k].important != ImportantKind::kNone) ++important;
      const std::uint32_t t = grid.add_transformer(v, area.cells[cell].first_customer, area.cells[cell].customers, important);
      for (std::uint32_t k = 0; k < area.cells[cell].customers; ++k) area.customers[area.cells[cell].first_customer + k].transformer = t;
    }
    // Mark trunk end for ties.
    node_stamp[root] = kNoId;
  }
  // Ties: from each feeder's trunk end to the nearest node of another feeder within 3 cells.
  std::vector<std::vector<std::uint32_t>> nodes_in_cell(ncells);
  for (std::uint32_t v = 0; v < grid.nodes().size(); ++v)
    if (!grid.nodes()[v].source && grid.nodes()[v].parent_edge != kNoId &&
        grid.edges()[grid.nodes()[v].parent_edge].conductor != Conductor::kNone)
      nodes_in_cell[grid.nodes()[v].cell].push_back(v);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> tied;
  for (std::uint32_t f = 0; f < grid.feeders().size(); ++f) {
    // Deepest trunk node: the trunk-flagged node farthest from the source.
    std::uint32_t end = kNoId;
    for (std::uint32_t v : grid.feeders()[f].nodes) {
      const std::uint32_t pe = grid.nodes()[v].parent_edge;
      if (pe != kNoId && grid.edges()[pe].trunk) end = v;
    }
    if (end == kNoId) continue;
    const int cx = area.cell_x(grid.nodes()[end].cell), cy = area.cell_y(grid.nodes()[end].cell);
    std::uint32_t best = kNoId;
    double best_d = 1e300;
    for (int y = std::max(0, cy - 3); y <= std::min(ny - 1, cy + 3); ++y)
      for (int x = std::max(0, cx - 3); x <= std::min(nx - 1, cx + 3); ++x)
        for (std::uint32_t v : nodes_in_cell[static_cast<std::size_t>(y * nx + x)]) {
          const std::uint32_t g2 = grid.nodes()[v].feeder;
          if (g2 == f) continue;
          if (std::find(tied.begin(), tied.end(), std::make_pair(std::min(f, g2), std::max(f, g2))) != tied.end()) continue;
          const double d = std::hypot(grid.nodes()[v].x_m - grid.nodes()[end].x_m, grid.nodes()[v].y_m - grid.nodes()[end].y_m);
          if (d < best_d) {
            best_d = d;
            best = v;
          }
        }
    if (best == kNoId) continue;
    const std::uint32_t g2 = grid.nodes()[best].feeder;
    tied.push_back({std::min(f, g2), std::max(f, g2)});
    grid.add_tie(end, best);
  }
  grid.finalize(g.feeder_capacity_pct);
  return grid;
}

}  // namespace fl::world
