#include "sim/hotline/hotline.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/core/event_kinds.h"
#include "sim/hotline/config.h"
#include "sim/scenario/scenario.h"

namespace fl::hotline {

namespace {

constexpr std::uint32_t kAnonymous = UINT32_MAX;
constexpr Time kHalfHour = 30 * kMinute;

// Event kinds owned by the hotline, [2000, 3000).
enum Kind : std::uint16_t {
  kBackground = kHotlineEventsBegin,  // next background call (thinning)
  kArrive,       // a=slot b=generation: leaves the IVR menu
  kAbandon,      // a=slot b=generation: patience ran out
  kServiceEnd,   // a=slot b=generation
  kStaffing,     // a half-hour staffing change
  kOutageCall,   // a=customer b=epoch c=call index
  kRedial,       // a=slot b=generation
  kRetired1,     // was kAutoPublish: publishing moved to the hotline supervisor agent
  kRetired2,     // was kStandIn: the stand-in seat is an agent now (sim/dispatch)
  kTca,          // run trouble-call analysis
  kOrderStep,    // a=order flags=step
  kEtr,          // a=device c=etr it was published with
  kPromisedEtr,  // a=promise index: an ETR promised on a trainee call is due
};

enum CallState : std::uint8_t { kFree = 0, kInIvr, kWaiting, kInService, kTraineeWaiting, kAwaitRedial };
// kArrivalDue / kRestoreDue: a repair order's deadline passes (the grievance is felt then, even if
// no crew ever comes); a stale kRestoreDue (the crew arrived, moving the deadline) does nothing.
enum Step : std::uint16_t { kDispatched = 1, kOnSite = 2, kResolved = 3, kConfirmed = 4, kArrivalDue = 5, kRestoreDue = 6 };

std::uint64_t fnv(std::uint64_t h, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) {
    h ^= (v >> (8 * i)) & 0xff;
    h *= 0x100000001b3ULL;
  }
  return h;
}

// Entity of a customer's outage stream: (customer, outage epoch, call index) packed in 64 bits.
std::uint64_t outage_entity(std::uint32_t customer, std::uint32_t epoch, std::uint32_t index) {
  return (static_cast<std::uint64_t>(customer) << 28) | (static_cast<std::uint64_t>(epoch & 0xFFFFF) << 8) |
         (index & 0xFF);
}

bool is_complaint_reason(Reason r) {
  return r == Reason::kVoltageQuality || r == Reason::kService || r == Reason::kBilling ||
         r == Reason::kConstruction || r == Reason::kOutageComplaint;
}

const char* category_of(Reason r) {
  switch (r) {
    case Reason::kVoltageQuality: return "voltage_quality";
    case Reason::kService: return "service";
    case Reason::kBilling: return "billing";
    case Reason::kConstruction: return "construction";
    default: return "outage";
  }
}

Time hours_ms(double h) { return static_cast<Time>(std::llround(h * static_cast<double>(kHour))); }
Time minutes_ms(double m) { return static_cast<Time>(std::llround(m * static_cast<double>(kMinute))); }

}  // namespace

const char* reason_name(Reason r) {
  static constexpr const char* kNames[] = {"outage",  "voltage_quality", "service",        "billing",
                                           "outage_report", "construction", "enquiry", "payment",
                                           "new_connection", "arrears_reconnection", "meter_test",
                                           "outage_complaint"};
  return kNames[static_cast<int>(r)];
}

const char* order_type_name(OrderType t) {
  static constexpr const char* kNames[] = {"repair", "complaint", "enquiry", "business"};
  return kNames[static_cast<int>(t)];
}

struct Hotline::Call {
  std::uint64_t id = 0;
  std::uint32_t customer = kAnonymous;
  std::uint32_t generation = 0;
  Reason reason = Reason::kEnquiry;
  std::uint8_t attempt = 0;
  std::uint8_t state = kFree;
  bool trainee = false;
  Time arrival = 0;
  Time handling = 0;
  Time patience = -1;  // < 0: never abandons
  EventId abandon_event;
  double grievance = 0;  // anonymous callers only
  RandomStream rng{StreamKey{}};
};

struct Hotline::Customer {
  std::uint32_t epoch = 0;
  Time out_since = kNever;
  std::uint16_t calls = 0;  // calls in the current outage
  // Trouble-call analysis input (run_tca): how many times the customer stands on the reporter
  // list (once per outage in which it called, until a run finds it back on supply), and the
  // calls it last counted for its transformer (entries x calls).
  std::uint32_t tca_entries = 0, tca_counted = 0;
  bool tca_dirty = false;  // on tca_dirty_: its count may have changed since the last run
  std::uint32_t repair = UINT32_MAX;
  std::uint32_t total_calls = 0;
  std::uint16_t complaints = 0;
  bool etr_passed = false;
  FaultCause cause = FaultCause::kOther;  // of the current outage
  double grievance = 0;
  double threshold = -1;  // cumulative-hazard level of the next complaint; drawn lazily
};

Hotline::Hotline(const SimContext& ctx, const GridView& grid)
    : ctx_(ctx),
      grid_(grid),
      cfg_(ctx.scenario.hotline),
      tca_(grid, ctx.scenario.hotline.hotline.tca_rollup_branches, ctx.scenario.hotline.hotline.tca_rollup_share_pct / 100.0),
      background_rng_(ctx.stream(Purpose::kBackgroundCalls, 0)),
      end_(static_cast<Time>(std::llround(ctx.scenario.duration_hours * static_cast<double>(kHour)))) {
  const auto customers = grid_.customers();
  customers_.resize(customers.size());
  // Counting sort by device: customers are visited by id, so each row comes out ascending.
  std::vector<std::uint32_t> transformers;
  transformers.reserve(customers.size());
  for (const CustomerRecord& c : customers) transformers.push_back(c.transformer);
  std::sort(transformers.begin(), transformers.end());
  transformers.erase(std::unique(transformers.begin(), transformers.end()), transformers.end());
  for (std::uint32_t t : transformers)
    for (std::uint32_t d : grid_.protective_chain(t)) device_ids_.push_back(d);
  std::sort(device_ids_.begin(), device_ids_.end());
  device_ids_.erase(std::unique(device_ids_.begin(), device_ids_.end()), device_ids_.end());
  std::vector<std::uint32_t> ranks;  // device ranks of the chain of `ranks_of`
  std::uint32_t ranks_of = UINT32_MAX;
  auto chain_ranks = [&](std::uint32_t transformer) -> const std::vector<std::uint32_t>& {
    if (transformer != ranks_of || ranks.empty()) {
      ranks.clear();
      for (std::uint32_t d : grid_.protective_chain(transformer))
        ranks.push_back(static_cast<std::uint32_t>(std::lower_bound(device_ids_.begin(), device_ids_.end(), d) -
                                                   device_ids_.begin()));
      ranks_of = transformer;
    }
    return ranks;
  };
  device_offset_.assign(device_ids_.size() + 1, 0);
  for (const CustomerRecord& c : customers)
    for (std::uint32_t r : chain_ranks(c.transformer)) ++device_offset_[r + 1];
  for (std::size_t k = 1; k < device_offset_.size(); ++k) device_offset_[k] += device_offset_[k - 1];
  device_customer_.resize(device_offset_.back());
  std::vector<std::uint32_t> fill(device_offset_.begin(), device_offset_.end() - 1);
  for (const CustomerRecord& c : customers)
    for (std::uint32_t r : chain_ranks(c.transformer)) device_customer_[fill[r]++] = c.id;
  calls_.reserve(1024);
  exponential_handling_ = cfg_.hotline.handling_distribution == "exponential";
  patience_kind_ = cfg_.hotline.patience_distribution == "none" ? 0 : cfg_.hotline.patience_distribution == "exponential" ? 1 : 2;
}

Hotline::~Hotline() = default;

// ---- arrivals -----------------------------------------------------------------------------

void Hotline::start() {
  const CustomersConfig& c = cfg_.customers;
  double peak = 1.0;
  if (!c.hourly_profile.empty()) {
    double sum = 0, mx = 0;
    for (double w : c.hourly_profile) {
      sum += w;
      mx = std::max(mx, w);
    }
    peak = mx / (sum / 24.0);
  }
  background_peak_per_ms_ = c.background_calls_per_hour * peak / static_cast<double>(kHour);
  staffed_ = seats_at(0);
  schedule_staffing(0);
  if (background_peak_per_ms_ > 0) schedule_background(0);
}

void Hotline::schedule_background(Time after) {
  const Time gap = static_cast<Time>(std::llround(exponential(background_rng_, 1.0 / background_peak_per_ms_)));
  // No new callers after the drill ends: the follow-up only closes what is open.
  if (after + gap > end_) return;
  ctx_.queue.schedule(after + std::max<Time>(gap, 1), Event{kBackground, 0, 0, 0, 0});
}

void Hotline::schedule_staffing(Time t) {
  const Time tod = ctx_.calendar.time_of_day(t);
  ctx_.queue.schedule(t + (kHalfHour - tod % kHalfHour), Event{kStaffing, 0, 0, 0, 0});
}

int Hotline::seats_at(Time t) const {
  const HotlineSection& h = cfg_.hotline;
  int seats = h.default_seats;
  if (!h.seats_per_half_hour.empty()) {
    // Local half-hours since midnight of the start day: 48 values repeat daily, 144 plan three days.
    const auto idx = static_cast<std::size_t>((ctx_.calendar.time_of_day(0) + t) / kHalfHour);
    seats = h.seats_per_half_hour[idx % h.seats_per_half_hour.size()];
  }
  return static_cast<int>(std::lround(seats * (1.0 - h.shrinkage_pct / 100.0)));
}

Time Hotline::handling_for(Reason r, RandomStream& rng) const {
  const HotlineSection& h = cfg_.hotline;
  double mean = h.aht.enquiry_s;
  switch (r) {
    case Reason::kOutage:
    case Reason::kOutageReport: mean = h.aht.outage_s; break;
    case Reason::kVoltageQuality:
    case Reason::kService:
    case Reason::kBilling:
    case Reason::kConstruction:
    case Reason::kOutageComplaint: mean = h.aht.complaint_s; break;
    case Reason::kPayment: mean = h.aht.payment_s; break;
    case Reason::kNewConnection:
    case Reason::kArrearsReconnection:
    case Reason::kMeterTest: mean = h.aht.business_s; break;
    default: break;
  }
  double s = 0;
  if (exponential_handling_) {
    s = exponential(rng, mean);
  } else {  // lognormal with the mean kept at the AHT: median = mean·exp(−β²/2)
    s = lognormal(rng, mean * std::exp(-0.5 * h.handling_beta * h.handling_beta), h.handling_beta);
  }
  return std::max<Time>(from_seconds(s), 1);
}

Time Hotline::patience_draw(RandomStream& rng) const {
  const HotlineSection& h = cfg_.hotline;
  if (patience_kind_ == 0) return -1;
  double s = 0;
  if (patience_kind_ == 1) {
    s = exponential(rng, h.mean_patience_s);
  } else {
    s = lognormal(rng, h.mean_patience_s * std::exp(-0.5 * h.patience_beta * h.patience_beta), h.patience_beta);
  }
  return from_seconds(s);
}

std::uint32_t Hotline::new_call(std::uint32_t customer, Reason reason, std::uint64_t entity) {
  std::uint32_t slot = 0;
  if (!free_slots_.empty()) {
    slot = free_slots_.back();
    free_slots_.pop_back();
  } else {
    slot = static_cast<std::uint32_t>(calls_.size());
    calls_.emplace_back();
  }
  Call& c = calls_[slot];
  c.id = next_call_id_++;
  c.customer = customer;
  c.reason = reason;
  c.attempt = 0;
  c.trainee = false;
  c.grievance = 0;
  c.rng = ctx_.stream(Purpose::kHotlineCall, entity);
  c.handling = handling_for(reason, c.rng);
  c.patience = patience_draw(c.rng);
  if (customer != kAnonymous) ++customers_[customer].total_calls;
  arrive(slot);
  return slot;
}

void Hotline::arrive(std::uint32_t slot) {
  Call& c = calls_[slot];
  if (cfg_.hotline.ivr_s > 0) {
    c.state = kInIvr;
    ctx_.queue.schedule_in(from_seconds(cfg_.hotline.ivr_s), Event{kArrive, 0, slot, c.generation, 0});
  } else {
    route(slot);
  }
}

CallStats& Hotline::interval_at(Time t) {
  const auto idx = static_cast<std::size_t>(std::max<Time>(t, 0) / kHalfHour);
  if (idx >= intervals_.size()) intervals_.resize(idx + 1);
  return intervals_[idx];
}

void Hotline::route(std::uint32_t slot) {
  Call& c = calls_[slot];
  const Time now = ctx_.queue.now();
  c.arrival = now;
  CallStats& iv = interval_at(now);
  ++iv.offered;
  ++totals_.offered;
  const HotlineSection& h = cfg_.hotline;
  // IVR: a published outage is played to callers from its area; some hang up informed.
  bool ivr_end = false;
  if (c.reason == Reason::kOutage && c.customer != kAnonymous && announced_to(c.customer))
    ivr_end = bernoulli(c.rng, h.ivr_informed_hangup_pct / 100.0);
  else if ((c.reason == Reason::kEnquiry || c.reason == Reason::kPayment) && c.attempt == 0)
    ivr_end = bernoulli(c.rng, h.ivr_self_service_pct / 100.0);
  if (ivr_end) {
    ++iv.answered_by_ivr;
    ++totals_.answered_by_ivr;
    free_call(slot);
    return;
  }
  // Trainee routing rule.
  const TraineeConfig& tr = cfg_.trainee;
  if (tr.seats > 0) {
    bool match = tr.routing == "all";
    if (tr.routing == "outage") match = c.reason == Reason::kOutage || c.reason == Reason::kOutageReport;
    if (tr.routing == "complaint") match = is_complaint_reason(c.reason);
    if (tr.routing == "important")
      match = c.customer != kAnonymous && grid_.customers()[c.customer].important != ImportantKind::kNone;
    if (match && bernoulli(c.rng, tr.share_pct / 100.0)) {
      c.trainee = true;
      c.state = kTraineeWaiting;
      trainee_queue_.push_back(slot);
      ++iv.waited;
      ++totals_.waited;
      if (c.patience >= 0)
        c.abandon_event = ctx_.queue.schedule_in(c.patience, Event{kAbandon, 0, slot, c.generation, 0});
      if (desk_) desk_->on_ringing(now, trainee_info(slot));
      ctx_.wake_agents(now, kHotlineCallsBit);  // whoever holds the hotline seat sees the call waiting
      return;
    }
  }
  if (busy_ < staffed_ && waiting_count_ == 0) {
    start_service(slot, false);
    return;
  }
  c.state = kWaiting;
  ++iv.waited;
  ++totals_.waited;
  queue_.push_back((static_cast<std::uint64_t>(c.generation) << 32) | slot);
  ++waiting_count_;
  max_queue_ = std::max<std::uint64_t>(max_queue_, waiting_count_);
  if (c.patience >= 0) c.abandon_event = ctx_.queue.schedule_in(c.patience, Event{kAbandon, 0, slot, c.generation, 0});
}

void Hotline::start_service(std::uint32_t slot, bool trainee) {
  Call& c = calls_[slot];
  const Time now = ctx_.queue.now();
  if (c.abandon_event.valid()) {
    ctx_.queue.cancel(c.abandon_event);
    c.abandon_event = EventId{};
  }
  const Time wait = now - c.arrival;
  const HotlineSection& h = cfg_.hotline;
  for (CallStats* s : {&interval_at(c.arrival), &totals_}) {
    ++s->answered;
    if (wait <= from_seconds(h.service_level_s)) ++s->within_sl;
    if (wait <= from_seconds(5 * h.ring_period_s)) ++s->within_rings;
    s->wait_answered_s += to_seconds(wait);
  }
  if (to_seconds(wait) > h.complaints.long_wait_s)
    grieve(c.customer, slot, h.complaints.long_wait_points, "service", "long_wait");
  c.state = kInService;
  if (trainee)
    ++trainee_busy_;
  else
    ++busy_;
  if (trainee && desk_) {  // the desk ends the call when its script does
    desk_->on_answered(now, trainee_info(slot));
    return;
  }
  ctx_.queue.schedule_in(c.handling, Event{kServiceEnd, 0, slot, c.generation, 0});
}

void Hotline::try_serve() {
  while (busy_ < staffed_ && waiting_count_ > 0) {
    const std::uint64_t entry = queue_[queue_head_++];
    const auto slot = static_cast<std::uint32_t>(entry);
    if (calls_[slot].generation != static_cast<std::uint32_t>(entry >> 32) || calls_[slot].state != kWaiting) continue;
    --waiting_count_;
    start_service(slot, false);
  }
  if (queue_head_ > 4096 && queue_head_ * 2 > queue_.size()) {
    queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(queue_head_));
    queue_head_ = 0;
  }
  if (waiting_count_ == 0 && queue_head_ == queue_.size()) {
    queue_.clear();
    queue_head_ = 0;
  }
}

void Hotline::abandon(std::uint32_t slot) {
  Call& c = calls_[slot];
  c.abandon_event = EventId{};
  if (c.state == kWaiting) {
    --waiting_count_;  // the queue entry stays until skipped: its generation no longer matches
  } else if (c.state == kTraineeWaiting) {
    trainee_queue_.erase(std::find(trainee_queue_.begin(), trainee_queue_.end(), slot));
    if (desk_) desk_->on_abandoned(ctx_.queue.now(), c.id);
  } else {
    return;
  }
  ++interval_at(c.arrival).abandoned;
  ++totals_.abandoned;
  const HotlineSection& h = cfg_.hotline;
  grieve(c.customer, slot, h.complaints.abandoned_points, "service", "abandoned_call");
  if (c.attempt < h.max_redials && bernoulli(c.rng, h.redial_pct / 100.0)) {
    ++c.attempt;
    c.state = kAwaitRedial;
    c.trainee = false;
    c.patience = patience_draw(c.rng);
    ++c.generation;  // stale queue entries of the previous attempt now fail the generation check
    const Time delay = std::max<Time>(minutes_ms(exponential(c.rng, h.redial_mean_min)), 1);
    ctx_.queue.schedule_in(delay, Event{kRedial, 0, slot, c.generation, 0});
    ++redials_;
    return;
  }
  free_call(slot);
}

void Hotline::free_call(std::uint32_t slot) {
  Call& c = calls_[slot];
  if (c.customer == kAnonymous) {
    anon_satisfaction_sum_ += 100.0 * std::exp(-c.grievance / cfg_.hotline.complaints.satisfaction_scale_points);
    ++anon_callers_;
  }
  c.state = kFree;
  ++c.generation;
  free_slots_.push_back(slot);
}

void Hotline::end_service(std::uint32_t slot) {
  Call& c = calls_[slot];
  const Time now = ctx_.queue.now();
  if (c.trainee)
    --trainee_busy_;
  else
    --busy_;
  // What the call leaves behind: a work order, an urging, or nothing (closed on the call).
  switch (c.reason) {
    case Reason::kOutage: {
      if (c.customer == kAnonymous) break;
      Customer& s = customers_[c.customer];
      if (s.repair != UINT32_MAX && orders_[s.repair].resolved == kNever) {
        WorkOrder& o = orders_[s.repair];
        ++o.urgings;  // 催办: the same customer calls again on an open order
        if (o.urgings >= cfg_.hotline.orders.escalate_after_urgings) o.escalated = true;
        // `o` is not used after grieve(), which may grow orders_.
        grieve(c.customer, slot, cfg_.hotline.complaints.urging_points, "outage", "repeated_urging");
      } else if (s.out_since != kNever) {
        s.repair = open_order(OrderType::kRepair, Reason::kOutage, c.customer, now);
      }
      break;
    }
    case Reason::kOutageReport:
      open_order(OrderType::kRepair, c.reason, c.customer, now);
      break;
    case Reason::kVoltageQuality:
    case Reason::kService:
    case Reason::kBilling:
    case Reason::kConstruction:
    case Reason::kOutageComplaint:
      open_complaint(c.customer, category_of(c.reason), "called_in");
      break;
    case Reason::kEnquiry:
      if (bernoulli(c.rng, cfg_.hotline.enquiry_order_pct / 100.0))
        open_order(OrderType::kEnquiry, c.reason, c.customer, now);
      break;
    case Reason::kNewConnection:
    case Reason::kArrearsReconnection:
    case Reason::kMeterTest:
      open_order(OrderType::kBusiness, c.reason, c.customer, now);
      break;
    default:
      break;
  }
  const bool was_trainee = c.trainee;
  free_call(slot);
  if (was_trainee) {
    if (!trainee_queue_.empty()) ctx_.wake_agents(now, kHotlineCallsBit);  // the seat is free for the next call
  } else {
    try_serve();
  }
}

// ---- outage calls, IVR publishing, trouble-call analysis ----------------------------------

std::span<const std::uint32_t> Hotline::chain_of(std::uint32_t customer) const {
  return grid_.protective_chain(grid_.customers()[customer].transformer);
}

std::span<const std::uint32_t> Hotline::customers_under(std::uint32_t device) const {
  const auto it = std::lower_bound(device_ids_.begin(), device_ids_.end(), device);
  if (it == device_ids_.end() || *it != device) return {};
  const auto k = static_cast<std::size_t>(it - device_ids_.begin());
  return {device_customer_.data() + device_offset_[k], device_offset_[k + 1] - device_offset_[k]};
}

bool Hotline::announced_to(std::uint32_t customer) const {
  if (customers_[customer].out_since == kNever || published_.empty()) return false;
  for (std::uint32_t d : chain_of(customer))
    if (published_.count(d)) return true;
  return false;
}

void Hotline::on_customers_interrupted(Time t, std::span<const std::uint32_t> customers, std::uint32_t device,
                                       FaultCause cause) {
  const CustomersConfig& cc = cfg_.customers;
  for (std::uint32_t id : customers) {
    if (id >= customers_.size()) continue;
    Customer& s = customers_[id];
    ++s.epoch;
    s.out_since = t;
    s.calls = 0;
    mark_tca_dirty(id);
    s.etr_passed = false;
    s.cause = cause;
    const CustomerRecord& rec = grid_.customers()[id];
    const OutageCalling* oc = &cc.residential;
    if (rec.cls == CustomerClass::kCommercial) oc = &cc.commercial;
    if (rec.cls == CustomerClass::kIndustrial) oc = &cc.industrial;
    if (rec.cls == CustomerClass::kImportant) oc = &cc.important;
    double p = oc->call_pct / 100.0;
    if (rec.important != ImportantKind::kNone) p *= cc.important_call_factor;
    RandomStream rng = ctx_.stream(Purpose::kHotlineOutageCaller, outage_entity(id, s.epoch, 0));
    if (!bernoulli(rng, p)) continue;
    const Time delay = minutes_ms(lognormal(rng, oc->median_delay_min, oc->delay_beta));
    ctx_.queue.schedule(t + std::max<Time>(delay, 1), Event{kOutageCall, 0, id, s.epoch, 0});
  }
  // A feeder breaker (top of the chain) is seen by SCADA at once: the outage is confirmed.
  if (!customers.empty() && customers[0] < customers_.size()) {
    const auto chain = chain_of(customers[0]);
    if (!chain.empty() && chain.back() == device && !published_.count(device)) ctx_.wake_agents(t, kHotlineSeatBit);
  }
}

void Hotline::outage_call(std::uint32_t id, std::uint32_t epoch, std::uint32_t index) {
  Customer& s = customers_[id];
  if (s.epoch != epoch || s.out_since == kNever || ctx_.queue.now() > end_) return;
  const CustomersConfig& cc = cfg_.customers;
  RandomStream rng = ctx_.stream(Purpose::kHotlineOutageCaller, outage_entity(id, epoch, index + 1));
  // A published outage (SMS, app, IVR) keeps many from calling at all.
  if (announced_to(id) && !bernoulli(rng, cc.announced_call_factor)) return;
  ++s.calls;
  ++outage_calls_;
  if (s.calls == 1) ++s.tca_entries;
  mark_tca_dirty(id);
  new_call(id, Reason::kOutage, (std::uint64_t{1} << 62) | outage_entity(id, epoch, index + 1));
  if (!tca_pending_) {
    tca_pending_ = true;
    ctx_.queue.schedule_in(kMinute, Event{kTca, 0, 0, 0, 0});
  }
  const CustomerRecord& rec = grid_.customers()[id];
  const OutageCalling* oc = &cc.residential;
  if (rec.cls == CustomerClass::kCommercial) oc = &cc.commercial;
  if (rec.cls == CustomerClass::kIndustrial) oc = &cc.industrial;
  if (rec.cls == CustomerClass::kImportant) oc = &cc.important;
  const double p = oc->repeat_pct / 100.0 * (s.etr_passed ? cc.etr_passed_repeat_factor : 1.0);
  if (s.calls < cc.max_calls_per_outage && bernoulli(rng, p)) {
    const Time gap = hours_ms(exponential(rng, oc->repeat_mean_h));
    ctx_.queue.schedule_in(std::max<Time>(gap, kMinute), Event{kOutageCall, 0, id, epoch, index + 1});
  }
}

void Hotline::mark_tca_dirty(std::uint32_t id) {
  Customer& s = customers_[id];
  if (s.tca_dirty || (s.tca_entries == 0 && s.tca_counted == 0)) return;
  s.tca_dirty = true;
  tca_dirty_.push_back(id);
}

void Hotline::run_tca() {
  tca_pending_ = false;
  // The analysis counts, for every customer still out, one call per call in its current outage
  // for each time it stands on the reporter list; customers back on supply leave the list. Only
  // the customers whose count changed since the last run are looked at, and only their
  // transformers' counts are handed to the (incremental) analyser.
  const auto records = grid_.customers();  // one virtual call, not one per customer
  tca_touched_.clear();
  for (const std::uint32_t id : tca_dirty_) {
    Customer& s = customers_[id];
    s.tca_dirty = false;
    if (s.out_since == kNever) s.tca_entries = 0;
    const std::uint32_t counted = s.tca_entries * s.calls;
    if (counted == s.tca_counted) continue;
    const std::uint32_t t = records[id].transformer;
    if (t >= tca_calls_.size()) tca_calls_.resize(std::size_t{t} + 1, 0);
    tca_calls_[t] = tca_calls_[t] - s.tca_counted + counted;
    s.tca_counted = counted;
    tca_touched_.push_back(t);
  }
  tca_dirty_.clear();
  for (const std::uint32_t t : tca_touched_) tca_.set_calls(t, tca_calls_[t]);
  predictions_ = tca_.predictions();
  ++predictions_revision_;
  for (const Prediction& p : predictions_) {
    if (first_predicted(p.device) != kNever) continue;  // predicted before
    if (p.device >= first_predicted_.size()) first_predicted_.resize(std::size_t{p.device} + 1, kNever);
    first_predicted_[p.device] = ctx_.queue.now();
    ++predicted_count_;
    // A prediction is news to both seats: the publisher and the dispatcher choosing patrols.
    if (!published_.count(p.device)) ctx_.wake_agents(ctx_.queue.now());
  }
}

void Hotline::publish(std::uint32_t device, Time etr) {
  Publication& p = published_[device];
  if (p.first_at == kNever) {
    p.first_at = ctx_.queue.now();
  } else {
    ++p.revisions;
    ++etr_revisions_;
  }
  ++etr_notices_;
  p.at = ctx_.queue.now();
  p.etr = etr;
  p.etr_passed = false;
  publication_changes_.push_back(device);
  ctx_.queue.schedule(etr, Event{kEtr, 0, device, 0, etr});
}

void Hotline::etr_passed(std::uint32_t device) {
  auto it = published_.find(device);
  if (it == published_.end()) return;
  bool anyone_out = false;
  for (const std::uint32_t id : customers_under(device)) {
    Customer& s = customers_[id];
    if (s.out_since == kNever || s.out_since > it->second.at) continue;
    anyone_out = true;
    if (!s.etr_passed) {
      s.etr_passed = true;
      // Only callers were given the ETR in person; the rest heard a broadcast notice.
      if (s.calls > 0) grieve(id, UINT32_MAX, cfg_.hotline.complaints.missed_etr_points, "outage", "missed_etr");
    }
  }
  it->second.etr_passed = anyone_out;
  if (anyone_out) {
    publication_changes_.push_back(device);
    ++etr_missed_;
    ctx_.wake_agents(ctx_.queue.now(), kHotlineSeatBit);  // whoever holds the hotline seat revises the ETR
  }
}

void Hotline::on_customers_restored(Time t, std::span<const std::uint32_t> customers) {
  for (std::uint32_t id : customers) {
    if (id >= customers_.size()) continue;
    Customer& s = customers_[id];
    s.out_since = kNever;
    mark_tca_dirty(id);
    if (s.repair == UINT32_MAX) continue;
    WorkOrder& o = orders_[s.repair];
    if (o.resolved != kNever) continue;
    const Time restore_limit = restore_limit_ms(id);
    // Without a crew-arrival notice the arrival clock is judged only when both clocks are blown.
    const bool late = o.on_site != kNever ? t > o.on_site + restore_limit : t > o.first_due + restore_limit;
    if (late) o.overdue = true;
    // The grievance was felt when the deadline passed (kRestoreDue); only a restoration in the
    // same millisecond as the deadline gets here first.
    const bool grieve_now = late && !o.restore_grieved;
    o.restore_grieved = o.restore_grieved || late;
    resolve_order(o, t);
    // Last: a complaint opens a new order, which may move orders_ and invalidate `o`.
    if (grieve_now) grieve(id, UINT32_MAX, cfg_.hotline.complaints.restore_breach_points, "outage", "restore_late");
  }
}

void Hotline::on_crew_on_site(Time t, std::uint32_t device) {
  for (const std::uint32_t id : customers_under(device)) {
    Customer& s = customers_[id];
    if (s.repair == UINT32_MAX) continue;
    WorkOrder& o = orders_[s.repair];
    if (o.on_site != kNever || o.resolved != kNever) continue;
    o.on_site = t;
    // The restore clock now runs from the arrival: judge it when it ends.
    ctx_.queue.schedule(t + restore_limit_ms(id) + 1, Event{kOrderStep, static_cast<std::uint16_t>(kRestoreDue), o.id, 0, 0});
    if (t > o.first_due) {
      o.overdue = true;
      const bool grieve_now = !o.arrival_grieved;  // normally felt already, when the deadline passed
      o.arrival_grieved = true;
      // `o` is not used after grieve(), which may grow orders_.
      if (grieve_now) grieve(id, UINT32_MAX, cfg_.hotline.complaints.arrival_breach_points, "outage", "arrival_late");
    }
  }
}

// ---- work orders and complaints -----------------------------------------------------------

std::uint32_t Hotline::open_order(OrderType type, Reason reason, std::uint32_t customer, Time t) {
  const auto id = static_cast<std::uint32_t>(orders_.size());
  orders_.emplace_back();
  WorkOrder& o = orders_.back();
  o.id = id;
  o.type = type;
  o.reason = reason;
  o.customer = customer;
  o.opened = t;
  const OrderClocks& oc = cfg_.hotline.orders;
  const ComplaintModel& cm = cfg_.hotline.complaints;
  RandomStream rng = ctx_.stream(Purpose::kHotlineOrder, id);
  const Terrain terrain = customer == kAnonymous ? Terrain::kUrban : grid_.customers()[customer].terrain;
  const double arrival_min = terrain == Terrain::kUrban   ? oc.arrival_urban_min
                             : terrain == Terrain::kRural ? oc.arrival_rural_min
                                                          : oc.arrival_remote_min;
  auto at = [&](Time when, Step step) {
    ctx_.queue.schedule(std::max(when, t), Event{kOrderStep, static_cast<std::uint16_t>(step), id, 0, 0});
  };
  switch (type) {
    case OrderType::kRepair: {
      o.first_due = t + minutes_ms(arrival_min);
      at(t + minutes_ms(cfg_.hotline.publish_delay_min), kDispatched);
      if (reason == Reason::kOutageReport) {
        // A single-customer fault the world does not model: the crew's timeline is drawn here.
        const Time arrive = t + minutes_ms(lognormal(rng, 0.6 * arrival_min, 0.5));
        o.final_due = arrive + hours_ms(oc.restore_urban_h);
        at(arrive, kOnSite);
        o.planned_resolve = arrive + minutes_ms(lognormal(rng, 60.0, 0.6));
        at(o.planned_resolve, kResolved);
      } else {
        at(o.first_due + 1, kArrivalDue);
        at(o.first_due + restore_limit_ms(customer) + 1, kRestoreDue);  // if no crew arrives
      }
      break;
    }
    case OrderType::kComplaint: {
      o.first_due = ctx_.calendar.add_working_days(t, oc.complaint_contact_working_days);
      o.final_due = ctx_.calendar.add_working_days(t, oc.complaint_reply_working_days);
      at(t, kDispatched);
      const Time contact = t + hours_ms(lognormal(rng, cm.contact_median_h, 0.8));
      o.planned_resolve = std::max(contact, t + hours_ms(lognormal(rng, cm.reply_median_h, 0.8)));
      at(contact, kOnSite);
      at(o.planned_resolve, kResolved);
      break;
    }
    case OrderType::kEnquiry: {
      o.final_due = ctx_.calendar.add_working_days(t, 1);
      at(t, kDispatched);
      o.planned_resolve = t + hours_ms(lognormal(rng, 6.0, 0.8));
      at(o.planned_resolve, kResolved);
      break;
    }
    case OrderType::kBusiness: {
      o.final_due = reason == Reason::kArrearsReconnection ? t + hours_ms(oc.arrears_reconnect_h)
                    : reason == Reason::kMeterTest ? ctx_.calendar.add_working_days(t, oc.meter_test_working_days)
                                                   : ctx_.calendar.add_working_days(t, oc.connection_working_days);
      at(t + kHour, kDispatched);
      const double span_h = to_hours(o.final_due - t);
      const Time visit = t + hours_ms(lognormal(rng, 0.4 * span_h, 0.5));
      at(visit, kOnSite);
      o.planned_resolve = visit + kHour;
      at(o.planned_resolve, kResolved);
      break;
    }
    default:
      break;
  }
  return id;
}

void Hotline::order_step(std::uint32_t id, int step) {
  WorkOrder& o = orders_[id];
  const Time now = ctx_.queue.now();
  switch (step) {
    case kDispatched:
      if (o.dispatched == kNever) o.dispatched = now;
      break;
    case kOnSite:
      if (o.on_site != kNever || o.resolved != kNever) break;
      o.on_site = now;
      if (o.first_due != kNever && now > o.first_due) o.overdue = true;
      if (o.complaint != UINT32_MAX) complaints_[o.complaint].contacted = now;
      break;
    case kResolved:
      if (o.resolved == kNever) resolve_order(o, now);
      break;
    case kConfirmed:
      if (o.confirmed == kNever) o.confirmed = now;
      break;
    case kArrivalDue:
      if (o.type != OrderType::kRepair || o.on_site != kNever || o.resolved != kNever || o.arrival_grieved) break;
      o.overdue = true;
      o.arrival_grieved = true;
      // Last: grieve() may open a complaint order, which may move orders_ and invalidate `o`.
      if (o.customer != kAnonymous) grieve(o.customer, UINT32_MAX, cfg_.hotline.complaints.arrival_breach_points, "outage", "arrival_late");
      break;
    case kRestoreDue: {
      if (o.type != OrderType::kRepair || o.resolved != kNever || o.restore_grieved) break;
      const Time limit = restore_limit_ms(o.customer);
      const Time deadline = o.on_site != kNever ? o.on_site + limit : o.first_due + limit;
      if (now <= deadline) break;  // the crew came meanwhile: its own event judges the new deadline
      o.overdue = true;
      o.restore_grieved = true;
      if (o.customer != kAnonymous) grieve(o.customer, UINT32_MAX, cfg_.hotline.complaints.restore_breach_points, "outage", "restore_late");
      break;
    }
    default:
      break;
  }
}

Time Hotline::restore_limit_ms(std::uint32_t customer) const {
  const OrderClocks& oc = cfg_.hotline.orders;
  const Terrain terrain = customer == kAnonymous ? Terrain::kUrban : grid_.customers()[customer].terrain;
  return hours_ms(terrain == Terrain::kUrban ? oc.restore_urban_h : oc.restore_rural_h);
}

void Hotline::resolve_order(WorkOrder& o, Time t) {
  o.resolved = t;
  if (o.dispatched == kNever) o.dispatched = std::min(t, o.opened + minutes_ms(cfg_.hotline.publish_delay_min));
  if (o.final_due != kNever && t > o.final_due) o.overdue = true;
  if (o.complaint != UINT32_MAX) complaints_[o.complaint].replied = t;
  ctx_.queue.schedule(t + hours_ms(cfg_.hotline.orders.confirm_delay_h),
                      Event{kOrderStep, static_cast<std::uint16_t>(kConfirmed), o.id, 0, 0});
}

// Complaint hazard model. Every service failure a caller meets adds grievance points (long wait,
// abandoned attempt, urging an open order, breached arrival/restore clocks, a passed ETR). The
// customer complains when hazard_per_point × cumulative points first exceeds a threshold E ~ Exp(1)
// drawn once from the customer's own stream (the next threshold adds a fresh Exp(1)): a
// cumulative-hazard model, so with the same seed more grievance can only bring complaints earlier
// or add more. Satisfaction = 100·exp(−points / satisfaction_scale_points).
void Hotline::grieve(std::uint32_t customer, std::uint32_t call_slot, double points, const char* category,
                     const char* reason) {
  if (points <= 0) return;
  const double k = cfg_.hotline.complaints.hazard_per_point;
  if (customer == kAnonymous) {
    if (call_slot == UINT32_MAX) return;
    Call& c = calls_[call_slot];
    const double before = c.grievance;
    c.grievance += points;
    if (k <= 0) return;  // complaints switched off: satisfaction still counts the grievance
    RandomStream rng = ctx_.stream(Purpose::kHotlineComplaint, (std::uint64_t{1} << 62) | c.id);
    const double threshold = exponential(rng, 1.0);
    if (k * before < threshold && k * c.grievance >= threshold) open_complaint(kAnonymous, category, reason);
    return;
  }
  Customer& s = customers_[customer];
  s.grievance += points;
  if (k <= 0) return;
  for (int guard = 0; guard < 3; ++guard) {
    if (s.threshold < 0) {
      RandomStream rng = ctx_.stream(Purpose::kHotlineComplaint, (static_cast<std::uint64_t>(customer) << 8));
      s.threshold = exponential(rng, 1.0);
    }
    if (k * s.grievance < s.threshold) break;
    open_complaint(customer, category, reason);
    RandomStream rng =
        ctx_.stream(Purpose::kHotlineComplaint, (static_cast<std::uint64_t>(customer) << 8) | (s.complaints & 0xFF));
    s.threshold += exponential(rng, 1.0);
  }
}

std::uint32_t Hotline::open_complaint(std::uint32_t customer, const std::string& category, const std::string& reason) {
  const Time now = ctx_.queue.now();
  ComplaintRecord r;
  r.id = static_cast<std::uint32_t>(complaints_.size());
  r.customer = customer;
  r.category = category;
  r.reason = reason;
  r.opened = now;
  r.important = customer != kAnonymous && grid_.customers()[customer].important != ImportantKind::kNone;
  complaints_.push_back(r);
  if (customer != kAnonymous) ++customers_[customer].complaints;
  const std::uint32_t order = open_order(OrderType::kComplaint, Reason::kService, customer, now);
  orders_[order].complaint = r.id;
  if (r.important) orders_[order].escalated = true;  // important customers' complaints take the fast lane
  return order;
}

// ---- events and commands ------------------------------------------------------------------

void Hotline::handle(const FiredEvent& e) {
  const Event& ev = e.event;
  auto live = [&](std::uint32_t slot) { return slot < calls_.size() && calls_[slot].generation == ev.b; };
  switch (ev.kind) {
    case kBackground: {
      const CustomersConfig& cc = cfg_.customers;
      double rate = cc.background_calls_per_hour / static_cast<double>(kHour);
      if (!cc.hourly_profile.empty()) {
        double sum = 0;
        for (double w : cc.hourly_profile) sum += w;
        const auto hour = static_cast<std::size_t>(ctx_.calendar.time_of_day(e.time) / kHour) % 24;
        rate *= cc.hourly_profile[hour] / (sum / 24.0);
      }
      const bool accept = bernoulli(background_rng_, rate / background_peak_per_ms_);
      schedule_background(e.time);
      if (!accept) break;
      const std::uint64_t entity = ++background_seq_;
      RandomStream pick = ctx_.stream(Purpose::kHotlineRouting, entity);
      const BackgroundMix& m = cc.background_mix;
      const double weights[] = {m.voltage_quality, m.service, m.billing, m.outage, m.construction, m.outage_report,
                                m.enquiry, m.payment, m.new_connection, m.arrears_reconnection, m.meter_test};
      static constexpr Reason kReasons[] = {Reason::kVoltageQuality, Reason::kService, Reason::kBilling,
                                            Reason::kOutageComplaint, Reason::kConstruction,
                                            Reason::kOutageReport, Reason::kEnquiry,
                                            Reason::kPayment, Reason::kNewConnection, Reason::kArrearsReconnection,
                                            Reason::kMeterTest};
      const Reason reason = kReasons[weighted_choice(pick, weights)];
      std::uint32_t customer = kAnonymous;
      if (!customers_.empty()) customer = static_cast<std::uint32_t>(uniform_index(pick, customers_.size()));
      new_call(customer, reason, entity);
      break;
    }
    case kArrive:
      if (live(ev.a) && calls_[ev.a].state == kInIvr) route(ev.a);
      break;
    case kAbandon:
      if (live(ev.a)) abandon(ev.a);
      break;
    case kServiceEnd:
      if (live(ev.a) && calls_[ev.a].state == kInService) end_service(ev.a);
      break;
    case kStaffing:
      staffed_ = seats_at(e.time);
      schedule_staffing(e.time);
      try_serve();
      break;
    case kOutageCall:
      if (ev.a < customers_.size()) outage_call(ev.a, ev.b, static_cast<std::uint32_t>(ev.c));
      break;
    case kRedial:
      if (live(ev.a) && calls_[ev.a].state == kAwaitRedial) arrive(ev.a);
      break;
    case kTca:
      run_tca();
      break;
    case kOrderStep:
      if (ev.a < orders_.size()) order_step(ev.a, ev.flags);
      break;
    case kPromisedEtr:
      if (ev.a < promises_.size()) promised_etr_passed(ev.a);
      break;
    case kEtr: {
      auto it = published_.find(ev.a);
      if (it != published_.end() && it->second.etr == ev.c) etr_passed(ev.a);
      break;
    }
    default:
      break;
  }
}

CommandResult Hotline::apply(const Command& c) {
  const Time now = ctx_.queue.now();
  char buf[256];
  switch (c.kind) {
    case CommandKind::kPublishOutage: {
      if (c.value <= now) return CommandResult::refused("etr.not_later_than_now", {}, "the ETR must be later than now");
      const bool predicted = first_predicted(c.target) != kNever;
      std::size_t out = 0;
      for (const std::uint32_t id : customers_under(c.target)) out += customers_[id].out_since != kNever;
      publish(c.target, c.value);
      std::snprintf(buf, sizeof buf, "device %u: %s; %zu customers under it out now; ETR %.2f h", c.target,
                    predicted ? "predicted by trouble-call analysis" : "not predicted by calls", out,
                    to_hours(c.value));
      return CommandResult::ok(buf);
    }
    case CommandKind::kAnswerCall: {
      if (cfg_.trainee.seats <= 0) return CommandResult::refused("seat.none", {}, "this scenario has no trainee seat");
      if (trainee_busy_ >= cfg_.trainee.seats) return CommandResult::refused("seat.busy", {}, "the trainee seat is already on a call");
      // A desk is one person at one phone, whatever the seat count.
      if (desk_ && trainee_busy_ > 0) return CommandResult::refused("seat.busy", {}, "the trainee is already on a call");
      for (std::uint32_t slot : trainee_queue_) {
        if (calls_[slot].id != c.target) continue;
        trainee_queue_.erase(std::find(trainee_queue_.begin(), trainee_queue_.end(), slot));
        std::snprintf(buf, sizeof buf, "call %u (%s) waited %.0f s", c.target, reason_name(calls_[slot].reason),
                      to_seconds(now - calls_[slot].arrival));
        start_service(slot, true);
        return CommandResult::ok(buf);
      }
      std::snprintf(buf, sizeof buf, "call %u is not waiting for the trainee (answered, abandoned or routed elsewhere)",
                    c.target);
      return CommandResult::refused("call.not_waiting", {std::to_string(c.target)}, buf);
    }
    case CommandKind::kChooseReply:
    case CommandKind::kOpenWorkOrder: {
      for (std::uint32_t slot = 0; slot < calls_.size(); ++slot) {
        const Call& call = calls_[slot];
        if (call.state != kInService || call.id != c.target) continue;
        if (c.kind == CommandKind::kChooseReply && desk_ && call.trainee) {
          bool ended = false;
          TraineeCallOutcome outcome;
          CommandResult r = desk_->on_reply(now, c, ended, outcome);
          if (ended) finish_trainee_call(slot, outcome);
          return r;
        }
        if (c.kind == CommandKind::kChooseReply) {
          std::snprintf(buf, sizeof buf, "reply %lld on call %u (%s)", static_cast<long long>(c.value), c.target,
                        reason_name(call.reason));
          return CommandResult::ok(buf);
        }
        if (c.flags & kLinkToOpenOrder) {
          // 催办: the call is linked to the caller's open repair order, which counts one urging
          // more (and escalates after enough of them), exactly as a scripted link does.
          if (call.customer == kAnonymous || customers_[call.customer].repair == UINT32_MAX ||
              orders_[customers_[call.customer].repair].resolved != kNever) {
            std::snprintf(buf, sizeof buf, "the caller of call %u has no open repair order", c.target);
            return CommandResult::refused("order.no_open_repair", {std::to_string(c.target)}, buf);
          }
          WorkOrder& o = orders_[customers_[call.customer].repair];
          ++o.urgings;
          if (o.urgings >= cfg_.hotline.orders.escalate_after_urgings) o.escalated = true;
          std::snprintf(buf, sizeof buf, "call %u linked to repair order %u (urged %u times)", c.target,
                        customers_[call.customer].repair, static_cast<unsigned>(o.urgings));
          return CommandResult::ok(buf);
        }
        if (c.value < 0 || c.value >= static_cast<std::int64_t>(OrderType::kCount))
          return CommandResult::refused("order.unknown_type", {std::to_string(c.value)},
                                        "unknown work order type " + std::to_string(c.value) +
                                            " (0 repair, 1 complaint, 2 enquiry, 3 business)");
        const auto type = static_cast<OrderType>(c.value);
        std::uint32_t id = 0;
        if (type == OrderType::kComplaint)
          id = open_complaint(call.customer, category_of(call.reason), "opened_by_agent");
        else
          id = open_order(type, call.reason, call.customer, now);
        // A repair order for a customer without supply is theirs: later calls can urge it.
        if (type == OrderType::kRepair && call.customer != kAnonymous && customers_[call.customer].out_since != kNever)
          customers_[call.customer].repair = id;
        std::snprintf(buf, sizeof buf, "work order %u (%s) for call %u", id, order_type_name(type), c.target);
        return CommandResult::ok(buf);
      }
      std::snprintf(buf, sizeof buf, "call %u is not in progress", c.target);
      return CommandResult::refused("call.not_in_progress", {std::to_string(c.target)}, buf);
    }
    case CommandKind::kCloseWorkOrder: {
      if (c.target >= orders_.size()) return CommandResult::refused("order.unknown", {std::to_string(c.target)}, "no work order " + std::to_string(c.target));
      WorkOrder& o = orders_[c.target];
      if (o.resolved != kNever) return CommandResult::refused("order.resolved", {std::to_string(c.target)}, "work order " + std::to_string(c.target) + " is already resolved");
      if (o.type == OrderType::kRepair && o.customer != kAnonymous && customers_[o.customer].out_since != kNever)
        return CommandResult::refused("order.customer_still_out", {std::to_string(c.target)}, "work order " + std::to_string(c.target) + ": the customer is still without supply");
      resolve_order(o, now);
      return CommandResult::ok(std::string("closed ") + order_type_name(o.type) + " order");
    }
    default:
      return CommandResult::refused("command.not_hotline", {std::to_string(static_cast<int>(c.kind))},
                                    "command kind " + std::to_string(static_cast<int>(c.kind)) + " is not a hotline command");
  }
}

void Hotline::sample(Time) {}

std::vector<Hotline::SeatCall> Hotline::calls_waiting_for_trainee() const {
  std::vector<SeatCall> out;
  out.reserve(trainee_queue_.size());
  for (std::uint32_t slot : trainee_queue_) {
    const Call& c = calls_[slot];
    out.push_back({static_cast<std::uint32_t>(c.id), c.reason, c.customer, c.arrival});
  }
  return out;
}

Time Hotline::first_predicted(std::uint32_t device) const {
  return device < first_predicted_.size() ? first_predicted_[device] : kNever;
}

int Hotline::trainee_seats() const { return cfg_.trainee.seats; }

std::uint64_t Hotline::customer_count() const { return customers_.size(); }

std::size_t Hotline::customers_out_under(std::uint32_t device) const {
  std::size_t out = 0;
  for (const std::uint32_t id : customers_under(device)) out += customers_[id].out_since != kNever;
  return out;
}

// ---- the trainee's desk (sim/calls decides; the hotline applies) ---------------------------

TraineeCallInfo Hotline::trainee_info(std::uint32_t slot) const {
  const Call& c = calls_[slot];
  TraineeCallInfo info;
  info.call_id = c.id;
  info.customer = c.customer;
  info.reason = c.reason;
  info.arrived = c.arrival;
  if (c.customer == kAnonymous) return info;
  const Customer& s = customers_[c.customer];
  info.out = s.out_since != kNever;
  info.cause = s.cause;
  info.calls_this_outage = s.calls;
  info.open_repair = s.repair != UINT32_MAX && orders_[s.repair].resolved == kNever;
  if (!info.out) return info;
  for (std::uint32_t d : chain_of(c.customer)) {
    const auto pub = published_.find(d);
    if (pub != published_.end()) {
      info.outage_known = true;
      if (info.etr == kNever && !pub->second.etr_passed) info.etr = pub->second.etr;
    }
    if (first_predicted(d) != kNever) info.outage_known = true;
  }
  return info;
}

void Hotline::finish_trainee_call(std::uint32_t slot, const TraineeCallOutcome& out) {
  const Time now = ctx_.queue.now();
  --trainee_busy_;
  const std::uint32_t customer = calls_[slot].customer;
  const Reason reason = calls_[slot].reason;
  const std::uint64_t call_id = calls_[slot].id;
  if (out.link_order && customer != kAnonymous) {
    const Customer& s = customers_[customer];
    if (s.repair != UINT32_MAX && orders_[s.repair].resolved == kNever) {
      WorkOrder& o = orders_[s.repair];
      ++o.urgings;  // 催办 on the open order
      if (o.urgings >= cfg_.hotline.orders.escalate_after_urgings || out.urgent) o.escalated = true;
    }
  }
  if (out.open_order) {
    std::uint32_t id = 0;
    if (out.order_type == OrderType::kComplaint) {
      id = open_complaint(customer, out.complaint_category, "opened_by_agent");
    } else {
      id = open_order(out.order_type, reason, customer, now);
      if (out.order_type == OrderType::kRepair && customer != kAnonymous && customers_[customer].out_since != kNever)
        customers_[customer].repair = id;
    }
    if (out.urgent) {
      orders_[id].priority = 1;
      orders_[id].escalated = true;
    }
  }
  if (out.promised_etr != kNever && customer != kAnonymous) {
    promises_.push_back({customer, customers_[customer].epoch, call_id});
    ctx_.queue.schedule(std::max(out.promised_etr, now + 1),
                        Event{kPromisedEtr, 0, static_cast<std::uint32_t>(promises_.size() - 1), 0, out.promised_etr});
  }
  if (out.grievance_points > 0) grieve(customer, slot, out.grievance_points, out.complaint_category.c_str(), "trainee_call");
  if (out.complaint) open_complaint(customer, out.complaint_category, "trainee_call");
  free_call(slot);
}

void Hotline::promised_etr_passed(std::uint32_t index) {
  const Promise p = promises_[index];
  Customer& s = customers_[p.customer];
  if (s.epoch != p.epoch || s.out_since == kNever) return;  // kept: supply is back
  grieve(p.customer, UINT32_MAX, cfg_.hotline.complaints.missed_etr_points, "outage", "missed_promised_etr");
  if (desk_) desk_->on_promise_broken(ctx_.queue.now(), p.call_id);
  // The customer calls back about the broken promise (an urging on the open order, if any).
  ++s.calls;
  ++outage_calls_;
  new_call(p.customer, Reason::kOutage, (std::uint64_t{3} << 61) | index);
}

// ---- results ------------------------------------------------------------------------------

Time Hotline::follow_up_until() const {
  Time until = kNever;
  for (const WorkOrder& o : orders_) {
    if (o.type != OrderType::kComplaint || o.resolved != kNever) continue;
    const Time settles = std::min(o.planned_resolve, o.final_due);  // closed, or overdue from then on
    if (settles > ctx_.queue.now()) until = std::max(until, settles);
  }
  return until;
}

double Hotline::customer_satisfaction(std::uint32_t customer) const {
  return 100.0 * std::exp(-customers_[customer].grievance / cfg_.hotline.complaints.satisfaction_scale_points);
}

double Hotline::satisfaction() const {
  double sum = anon_satisfaction_sum_;
  std::uint64_t n = anon_callers_;
  for (std::uint32_t i = 0; i < customers_.size(); ++i) {
    if (customers_[i].total_calls == 0 && customers_[i].grievance == 0) continue;
    sum += customer_satisfaction(i);
    ++n;
  }
  return n ? sum / static_cast<double>(n) : 100.0;
}

namespace {
double ratio(std::uint64_t a, std::uint64_t b) { return b ? static_cast<double>(a) / static_cast<double>(b) : 0.0; }
void write_stats(JsonWriter& w, const CallStats& s) {
  w.key("offered").value(s.offered);
  w.key("answered").value(s.answered);
  w.key("abandoned").value(s.abandoned);
  w.key("answered_by_ivr").value(s.answered_by_ivr);
  w.key("service_level_20s").value(ratio(s.within_sl, s.to_agents()));
  w.key("asa_s").value(s.answered ? s.wait_answered_s / static_cast<double>(s.answered) : 0.0);
}
}  // namespace

void Hotline::write_hotline(JsonWriter& w) const {
  w.begin_object();
  write_stats(w, totals_);
  w.key("service_level_5_rings").value(ratio(totals_.within_rings, totals_.to_agents()));
  w.key("p_wait").value(ratio(totals_.waited, totals_.to_agents()));
  w.key("redials").value(redials_);
  w.key("outage_calls").value(outage_calls_);
  w.key("max_queue").value(max_queue_);
  w.key("satisfaction").value(satisfaction());
  w.key("predicted_devices").value(static_cast<std::uint64_t>(predicted_count_));
  w.key("published_devices").value(static_cast<std::uint64_t>(published_.size()));
  w.key("etr_notices").value(etr_notices_);
  w.key("etr_revisions").value(etr_revisions_);
  w.key("etr_missed").value(etr_missed_);
  w.key("intervals").begin_array();
  for (std::size_t i = 0; i < intervals_.size(); ++i) {
    w.begin_object();
    w.key("start_hours").value(to_hours(static_cast<Time>(i) * kHalfHour));
    write_stats(w, intervals_[i]);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

void Hotline::write_complaints(JsonWriter& w) const {
  static constexpr const char* kCategories[] = {"voltage_quality", "service", "billing", "outage", "construction"};
  w.begin_object();
  w.key("total").value(static_cast<std::uint64_t>(complaints_.size()));
  w.key("by_category").begin_object();
  for (const char* cat : kCategories) {
    std::uint64_t n = 0;
    for (const ComplaintRecord& r : complaints_) n += r.category == cat;
    w.key(cat).value(n);
  }
  w.end_object();
  w.key("satisfaction").value(satisfaction());
  w.key("events").begin_array();
  for (const ComplaintRecord& r : complaints_) {
    w.begin_object();
    w.key("hours").value(to_hours(r.opened));
    w.key("category").value(r.category);
    w.key("reason").value(r.reason);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

void Hotline::write_work_orders(JsonWriter& w) const {
  w.begin_object();
  w.key("by_type").begin_object();
  for (int t = 0; t < static_cast<int>(OrderType::kCount); ++t) {
    std::uint64_t opened = 0, dispatched = 0, on_site = 0, resolved = 0, confirmed = 0, overdue = 0, escalated = 0,
                  urgings = 0;
    for (const WorkOrder& o : orders_) {
      if (static_cast<int>(o.type) != t) continue;
      ++opened;
      dispatched += o.dispatched != kNever;
      on_site += o.on_site != kNever;
      resolved += o.resolved != kNever;
      confirmed += o.confirmed != kNever;
      overdue += o.overdue;
      escalated += o.escalated;
      urgings += o.urgings;
    }
    w.key(order_type_name(static_cast<OrderType>(t))).begin_object();
    w.key("opened").value(opened);
    w.key("dispatched").value(dispatched);
    w.key("on_site").value(on_site);
    w.key("resolved").value(resolved);
    w.key("confirmed").value(confirmed);
    w.key("overdue").value(overdue);
    w.key("escalated").value(escalated);
    w.key("urgings").value(urgings);
    w.end_object();
  }
  w.end_object();
  w.end_object();
}

std::string Hotline::summary() const {
  char buf[512];
  std::string out;
  std::snprintf(buf, sizeof buf,
                "hotline: %llu calls offered, %llu answered by agents, %llu in the IVR, %llu abandoned; "
                "service level (20 s) %.1f %%, ASA %.1f s, P(wait) %.2f\n",
                static_cast<unsigned long long>(totals_.offered), static_cast<unsigned long long>(totals_.answered),
                static_cast<unsigned long long>(totals_.answered_by_ivr),
                static_cast<unsigned long long>(totals_.abandoned), 100.0 * ratio(totals_.within_sl, totals_.to_agents()),
                totals_.answered ? totals_.wait_answered_s / static_cast<double>(totals_.answered) : 0.0,
                ratio(totals_.waited, totals_.to_agents()));
  out += buf;
  std::uint64_t by_type[4] = {0, 0, 0, 0};
  for (const WorkOrder& o : orders_) ++by_type[static_cast<int>(o.type)];
  std::snprintf(buf, sizeof buf, "complaints: %zu, satisfaction %.1f / 100; work orders: repair %llu, complaint %llu, "
                "enquiry %llu, business %llu\n",
                complaints_.size(), satisfaction(), static_cast<unsigned long long>(by_type[0]),
                static_cast<unsigned long long>(by_type[1]), static_cast<unsigned long long>(by_type[2]),
                static_cast<unsigned long long>(by_type[3]));
  out += buf;
  return out;
}

std::uint64_t Hotline::state_hash() const {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (std::uint64_t v : {totals_.offered, totals_.answered, totals_.abandoned, totals_.answered_by_ivr,
                          totals_.waited, totals_.within_sl, redials_, outage_calls_, next_call_id_,
                          static_cast<std::uint64_t>(orders_.size()), static_cast<std::uint64_t>(complaints_.size()),
                          static_cast<std::uint64_t>(busy_), static_cast<std::uint64_t>(waiting_count_)})
    h = fnv(h, v);
  h = fnv(h, static_cast<std::uint64_t>(std::llround(totals_.wait_answered_s * 1000.0)));
  for (const WorkOrder& o : orders_) h = fnv(h, static_cast<std::uint64_t>(o.resolved));
  return h;
}

}  // namespace fl::hotline
