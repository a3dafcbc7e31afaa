#pragma once
// Shared helpers for the call-script tests: the shipped scripts and rules, fact combinations that
// satisfy a script, and the "ideal" reply at a node (the option a 95598 trainer would choose).
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "sim/calls/civil_language.h"
#include "sim/calls/script.h"
#include "sim/calls/session.h"

namespace fl::calls::testing {

inline std::string assets(const std::string& rel) { return std::string(FAULTLINE_SOURCE_DIR) + "/assets/" + rel; }

inline const std::vector<Script>& shipped_scripts() {
  static const std::vector<Script> scripts = [] {
    std::string problems;
    auto s = load_script_folder(assets("scripts"), problems);
    EXPECT_EQ(problems, "");
    return s;
  }();
  return scripts;
}

inline const CivilLanguage& shipped_rules() {
  static const CivilLanguage rules = [] {
    CivilLanguage r;
    Problems p;
    EXPECT_TRUE(load_civil_language(assets("phrases/civil_language.json"), r, p)) << p.format("civil_language.json");
    return r;
  }();
  return rules;
}

/// Facts for a call following `s`: its requires hold, its excludes do not, and every other fact a
/// branch tests takes the value of the matching bit of `variant`.
inline CallFacts facts_for(const Script& s, unsigned variant) {
  std::set<std::string> branch_facts;
  for (const Node& n : s.nodes)
    for (const Branch& b : n.branch)
      if (!b.when.empty()) branch_facts.insert(b.when[0] == '!' ? b.when.substr(1) : b.when);
  CallFacts f;
  f.call_id = 77;
  f.customer = 5;
  auto set = [&f](const std::string& fact) {
    if (std::find(f.facts.begin(), f.facts.end(), fact) == f.facts.end()) f.facts.push_back(fact);
  };
  for (const std::string& r : s.requires_facts)
    if (r[0] != '!') set(r);
  unsigned bit = 0;
  for (const std::string& b : branch_facts) {
    const bool fixed = std::count(s.requires_facts.begin(), s.requires_facts.end(), b) ||
                       std::count(s.excludes.begin(), s.excludes.end(), b) ||
                       std::count(s.requires_facts.begin(), s.requires_facts.end(), "!" + b);
    if (!fixed && (variant >> bit++) & 1u) set(b);
  }
  if (f.holds("etr_known")) f.etr = 5 * 3600 * 1000;
  for (std::string_view v : variable_names()) f.values[std::string(v)] = {"〔" + std::string(v) + "〕", "<" + std::string(v) + ">"};
  return f;
}

/// Number of variants facts_for distinguishes for `s` (2^free branch facts).
inline unsigned variants(const Script& s) {
  std::set<std::string> free;
  for (const Node& n : s.nodes)
    for (const Branch& b : n.branch) {
      if (b.when.empty()) continue;
      const std::string f = b.when[0] == '!' ? b.when.substr(1) : b.when;
      if (!std::count(s.requires_facts.begin(), s.requires_facts.end(), f) &&
          !std::count(s.excludes.begin(), s.excludes.end(), f) &&
          !std::count(s.requires_facts.begin(), s.requires_facts.end(), "!" + f))
        free.insert(f);
    }
  return 1u << free.size();
}

/// The ideal reply at the session's node, as an index into Node::replies: the first
/// violation-free reply serving a checkpoint not yet served, else the first violation-free one.
inline std::size_t ideal_reply(const CallSession& s) {
  const Node& n = *s.node();
  std::set<std::string> served;
  for (const Turn& t : s.transcript())
    if (!t.checkpoint.empty()) served.insert(t.checkpoint);
  for (std::size_t i = 0; i < n.replies.size(); ++i)
    if (n.replies[i].violation.empty() && !n.replies[i].checkpoint.empty() && !served.count(n.replies[i].checkpoint))
      return i;
  for (std::size_t i = 0; i < n.replies.size(); ++i)
    if (n.replies[i].violation.empty()) return i;
  return 0;
}

/// The ideal reply's position among the options as offered (what a trainee would pick).
inline std::size_t ideal_option(const CallSession& s) { return s.shown_at(ideal_reply(s)); }

/// Replies after the caller has finished, like a trainee who listens.
inline Time reply_time(const CallSession& s) { return s.caller_done_at() + 2000; }

}  // namespace fl::calls::testing
