#include "sim/calls/session.h"

#include <algorithm>
#include <cmath>

namespace fl::calls {

namespace {

/// Strikes one violation costs the caller's patience.
constexpr int kStrikesPerViolation = 1;
/// Mood points a violation the script did not price costs (typed taboo phrase, interrupting).
constexpr int kExtraViolationMood = -10;
/// Mood points an unrecognised typed reply costs (the caller has to ask again).
constexpr int kUnclearMood = -3;

std::size_t code_points(const std::string& s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

bool group_matches(const std::string& text, const std::string& group) {
  std::size_t start = 0;
  while (start <= group.size()) {
    const std::size_t bar = group.find('|', start);
    const std::string alt = group.substr(start, bar == std::string::npos ? std::string::npos : bar - start);
    if (!alt.empty() && contains_phrase(text, alt)) return true;
    if (bar == std::string::npos) break;
    start = bar + 1;
  }
  return false;
}

/// Number of keyword groups matched when all of them are; 0 otherwise (or without keywords).
std::size_t keyword_score(const std::string& text, const std::vector<std::string>& groups) {
  if (groups.empty()) return 0;
  for (const std::string& g : groups)
    if (!group_matches(text, g)) return 0;
  return groups.size();
}

}  // namespace

bool CallFacts::holds(std::string_view fact) const {
  const bool negate = !fact.empty() && fact.front() == '!';
  if (negate) fact.remove_prefix(1);
  const bool has = std::find(facts.begin(), facts.end(), fact) != facts.end();
  return negate ? !has : has;
}

Time speaking_ms(const LocalText& line, int talkativeness) {
  if (line.zh.empty() && line.en.empty()) return 0;
  // Timed on the Chinese line whatever language is shown, so a call replays the same in both.
  const double factor = 0.6 + std::clamp(talkativeness, 0, 100) / 100.0;
  const double ms = static_cast<double>(code_points(line.zh.empty() ? line.en : line.zh)) * 250.0 * factor;
  return std::max<Time>(1500, static_cast<Time>(std::llround(ms)));
}

CallSession::CallSession(const Script& script, const CivilLanguage& rules, CallFacts facts, const StreamKey& stream,
                         Time answered_at)
    : script_(&script),
      rules_(&rules),
      facts_(std::move(facts)),
      rng_(stream),
      order_rng_(StreamKey{stream.seed, stream.replication, Purpose::kCallsReplyOrder, stream.entity}),
      answered_at_(answered_at) {
  mood_ = script.persona.mood;
  patience_left_ = script.persona.patience;
  enter(script.start, answered_at);
}

const Node* CallSession::node() const {
  if (ended_ || node_ < 0) return nullptr;
  return &script_->nodes[static_cast<std::size_t>(node_)];
}

std::string CallSession::fill(const std::string& text, std::string_view lang) const {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t open = text.find('{', pos);
    if (open == std::string::npos) {
      out.append(text, pos, std::string::npos);
      break;
    }
    const std::size_t close = text.find('}', open);
    if (close == std::string::npos) {
      out.append(text, pos, std::string::npos);
      break;
    }
    out.append(text, pos, open - pos);
    const auto it = facts_.values.find(text.substr(open + 1, close - open - 1));
    if (it != facts_.values.end()) out += it->second.in(lang);
    else out.append(text, open, close - open + 1);
    pos = close + 1;
  }
  return out;
}

LocalText CallSession::caller_line() const {
  if (!pending_engine_line_.zh.empty()) return pending_engine_line_;
  const Node* n = node();
  if (!n) return {};
  return {fill(n->caller.zh, "zh"), fill(n->caller.en, "en")};
}

std::vector<LocalText> CallSession::options() const {
  std::vector<LocalText> out;
  if (const Node* n = node())
    for (const std::size_t i : shown_) out.push_back({fill(n->replies[i].text.zh, "zh"), fill(n->replies[i].text.en, "en")});
  return out;
}

std::size_t CallSession::shown_at(std::size_t script_index) const {
  const auto it = std::find(shown_.begin(), shown_.end(), script_index);
  return it == shown_.end() ? shown_.size() : static_cast<std::size_t>(it - shown_.begin());
}

std::size_t CallSession::reply_at(std::size_t shown) const { return shown < shown_.size() ? shown_[shown] : shown; }

void CallSession::enter(const std::string& node_id, Time t) {
  std::string at = node_id;
  // Branch nodes jump silently; the validator guarantees each ends in a default, so this
  // terminates unless a script loops through branches only (bounded by the node count).
  for (std::size_t guard = 0; guard <= script_->nodes.size(); ++guard) {
    if (at == "end") return end(t);
    const int k = script_->node_index(at);
    if (k < 0) return end(t);
    const Node& n = script_->nodes[static_cast<std::size_t>(k)];
    if (n.branch.empty()) {
      node_ = k;
      // Offer the replies in an order of their own (Fisher–Yates from the call's order stream):
      // a trainee must read them, not learn that the right one comes first.
      shown_.resize(n.replies.size());
      for (std::size_t i = 0; i < shown_.size(); ++i) shown_[i] = i;
      for (std::size_t i = shown_.size(); i > 1; --i) std::swap(shown_[i - 1], shown_[uniform_index(order_rng_, i)]);
      caller_began_at_ = t;
      caller_done_at_ = t + speaking_ms(caller_line(), script_->persona.talkativeness);
      return;
    }
    at = n.branch.back().next;
    for (const Branch& b : n.branch)
      if (b.when.empty() || facts_.holds(b.when)) {
        at = b.next;
        break;
      }
  }
  end(t);
}

int CallSession::jitter(int delta) {
  if (delta == 0) return 0;
  // The same reply lands a little differently on different callers (±20 %), drawn per call.
  const double f = uniform(rng_, 0.8, 1.2);
  return static_cast<int>(std::lround(delta * f));
}

CallSession::Result CallSession::choose(std::size_t index, Time t) {
  const Node* n = node();
  if (!n) return {false, "the call has ended", "call.ended", {}};
  if (index >= n->replies.size())
    return {false, "no reply option " + std::to_string(index + 1) + " (1.." + std::to_string(n->replies.size()) + ")",
            kNoSuchReplyKey, {std::to_string(index + 1), std::to_string(n->replies.size())}};
  std::vector<std::string> extra;
  if (t < caller_done_at_) extra.push_back("interrupt");
  const std::size_t reply = shown_[index];
  apply(&n->replies[reply], static_cast<int>(reply), false, {}, t, std::move(extra), {});
  return {true, {}, {}, {}};
}

CallSession::Result CallSession::type(const std::string& text, Time t) {
  const Node* n = node();
  if (!n) return {false, "the call has ended", "call.ended", {}};
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) return {false, "an empty reply", "call.empty_reply", {}};
  const LanguageCheck check = check_language(*rules_, n->phase, text);
  std::vector<std::string> extra, phrases;
  if (t < caller_done_at_) extra.push_back("interrupt");
  for (const LanguageCheck::Hit& h : check.taboo) {
    if (std::find(extra.begin(), extra.end(), h.violation) == extra.end()) extra.push_back(h.violation);
    phrases.push_back(h.phrase);
  }
  if (check.courtesy_expected && !check.courtesy_found) extra.push_back("non_standard_language");
  std::size_t best = 0;
  int chosen = -1;
  for (std::size_t i = 0; i < n->replies.size(); ++i) {
    const Keywords& k = n->replies[i].keywords;
    const std::size_t s = std::max(keyword_score(text, k.zh), keyword_score(text, k.en));
    if (s > best) {
      best = s;
      chosen = static_cast<int>(i);
    }
  }
  apply(chosen >= 0 ? &n->replies[static_cast<std::size_t>(chosen)] : nullptr, chosen, true, text, t,
        std::move(extra), std::move(phrases));
  return {true, {}, {}, {}};
}

void CallSession::apply(const Reply* reply, int option, bool typed, const std::string& typed_text, Time t,
                        std::vector<std::string> extra, std::vector<std::string> taboo) {
  const Node& n = *node();
  Turn turn;
  turn.node = n.id;
  turn.phase = n.phase;
  turn.caller = caller_line();
  turn.engine_line = !pending_engine_line_.zh.empty();
  pending_engine_line_ = {};
  turn.typed = typed;
  turn.option = option;
  turn.at = t;
  turn.caller_at = caller_began_at_;
  turn.taboo_phrases = std::move(taboo);
  if (typed) turn.agent = {typed_text, typed_text};
  else turn.agent = {fill(reply->text.zh, "zh"), fill(reply->text.en, "en")};
  int delta = 0;
  for (const std::string& v : extra) {
    turn.violations.push_back(v);
    delta += kExtraViolationMood;
  }
  if (reply) {
    if (!reply->violation.empty()) turn.violations.push_back(reply->violation);
    delta += reply->mood;
    if (reply->promise == "etr") {
      if (facts_.etr >= 0) {
        effects_.promised_etr = facts_.etr;
      } else {  // the script offered the control room's ETR but it has none: an invented one
        turn.violations.push_back("invented_etr");
        effects_.promised_etr = t + static_cast<Time>(std::llround(std::max(reply->promise_h, 2.0) * 3600000.0));
      }
    } else if (reply->promise == "invented") {
      effects_.promised_etr = t + static_cast<Time>(std::llround(reply->promise_h * 3600000.0));
    }
    if (!reply->order.type.empty()) {
      effects_.order_type = reply->order.type;
      effects_.order_priority = reply->order.priority;
    }
    if (reply->link_order) effects_.link_order = true;
    if (reply->escalate) effects_.escalate = true;
    // A reply that breaks the rules serves nothing, even if it also says the right thing.
    if (!reply->checkpoint.empty() && turn.violations.empty()) {
      turn.checkpoint = reply->checkpoint;
      if (std::find(served_.begin(), served_.end(), reply->checkpoint) == served_.end())
        served_.push_back(reply->checkpoint);
    }
  } else {
    delta += kUnclearMood;
    patience_left_ -= 1;
  }
  mood_ = std::clamp(mood_ + jitter(delta), 0, 100);
  patience_left_ -= kStrikesPerViolation * static_cast<int>(turn.violations.size());
  for (const std::string& v : turn.violations) violations_.push_back(v);
  turn.mood_after = mood_;
  turns_.push_back(std::move(turn));
  if (mood_ <= 0 || patience_left_ <= 0) {
    effects_.hung_up = true;
    Turn bye;
    bye.node = n.id;
    bye.phase = n.phase;
    bye.caller = rules_->lines.hang_up;
    bye.engine_line = true;
    bye.mood_after = mood_;
    bye.at = t;
    bye.caller_at = t;
    turns_.push_back(std::move(bye));
    return end(t);
  }
  if (!reply) {  // not understood: the caller asks again, the node stays
    pending_engine_line_ = rules_->lines.unclear;
    caller_began_at_ = t;
    caller_done_at_ = t + speaking_ms(pending_engine_line_, script_->persona.talkativeness);
    return;
  }
  enter(reply->next, t);
}

void CallSession::end(Time t) {
  ended_ = true;
  node_ = -1;
  ended_at_ = t;
  effects_.mood_end = mood_;
  // A caller who gives up is less forgiving than one who hears the close.
  effects_.complaint = mood_ < script_->persona.complaint_below ||
                       (effects_.hung_up && mood_ < script_->persona.complaint_below + 20);
}

CallScore CallSession::score() const {
  CallScore s;
  for (const std::string& c : script_->checkpoints) {
    if (std::find(served_.begin(), served_.end(), c) != served_.end()) s.met.push_back(c);
    else s.missed.push_back(c);
  }
  s.violations = violations_;
  const double n = static_cast<double>(script_->checkpoints.size());
  s.adherence_pct = n > 0 ? 100.0 * static_cast<double>(s.met.size()) / n : 0.0;
  s.score_pct = std::max(0.0, s.adherence_pct - kViolationPenaltyPct * static_cast<double>(s.violations.size()));
  return s;
}

}  // namespace fl::calls
