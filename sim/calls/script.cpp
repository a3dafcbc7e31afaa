#include "sim/calls/script.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "sim/hotline/hotline.h"
#include "sim/scenario/json_reader.h"

namespace fl::calls {

const std::vector<std::string_view>& checkpoint_names() {
  static const std::vector<std::string_view> kNames = {"greeting", "listen",  "acknowledge",   "identify", "check",
                                                       "inform",   "safety_advice", "act",    "confirm",  "close"};
  return kNames;
}

const std::vector<std::string_view>& violation_names() {
  static const std::vector<std::string_view> kNames = {
      "disclose_data",      // read another customer's data to the caller (ten don'ts)
      "push_away",          // evaded first-contact responsibility: sent the caller elsewhere
      "over_promise",       // promised what the commitments do not allow
      "invented_etr",       // gave an ETR the control room does not have
      "wrong_order_type",   // opened the wrong kind of work order
      "wrong_priority",     // right kind, wrong priority
      "uncivil_language",   // a taboo phrase (服务忌语), blame or impatience
      "non_standard_language",  // left out the courtesy the phase expects, or slang
      "interrupt",          // cut the caller off
  };
  return kNames;
}

const std::vector<std::string_view>& phase_names() {
  static const std::vector<std::string_view> kNames = {"greeting", "listen", "acknowledge", "identify", "check",
                                                       "inform",   "act",    "confirm",     "close"};
  return kNames;
}

const std::vector<std::string_view>& fact_names() {
  static const std::vector<std::string_view> kNames = {
      "out",            // the caller's supply is off now
      "outage_known",   // the control room has the caller's outage (published or predicted)
      "etr_known",      // the control room has an ETR for it
      "downed_line",    // the caller's outage is a broken pole or a conductor down
      "open_order",     // the caller has an open repair order (this outage)
      "repeat_caller",  // the caller called before about this outage
      "important",      // an important customer (hospital, water works, government, life support)
      "life_support",   // life-support or hospital load
      "arrears",        // the account is in arrears
      "arrears_paid",   // the arrears have been paid (reconnection pending)
      "planned_work",   // planned work is scheduled at the caller's address
      "residential",    // the account is residential (sets the connection commitment)
  };
  return kNames;
}

const std::vector<std::string_view>& variable_names() {
  static const std::vector<std::string_view> kNames = {
      "agent_no", "name", "address", "account", "etr", "etr_hours", "cause", "arrears_yuan", "paid_at",
      "planned_date", "planned_window", "neighbour_address", "neighbour_account", "order_no",
      "commit.arrears_reconnect_hours", "commit.planned_notice_days", "commit.meter_test_working_days",
      "commit.billing_check_working_days", "commit.connection_working_days", "commit.supply_plan_working_days",
      "commit.arrival_minutes", "commit.complaint_contact_working_days", "commit.complaint_reply_working_days"};
  return kNames;
}

namespace {

bool one_of(std::string_view v, const std::vector<std::string_view>& names) {
  return std::find(names.begin(), names.end(), v) != names.end();
}

std::string list(const std::vector<std::string_view>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i) out += ", ";
    out += names[i];
  }
  return out;
}

void check_variables(const std::string& path, const std::string& text, Problems& p) {
  std::size_t pos = 0;
  while ((pos = text.find('{', pos)) != std::string::npos) {
    const std::size_t close = text.find('}', pos);
    if (close == std::string::npos) {
      p.error(path, "an unclosed '{' in \"" + text + "\"", "{variable} with a closing brace");
      return;
    }
    const std::string name = text.substr(pos + 1, close - pos - 1);
    if (!one_of(name, variable_names()))
      p.error(path, "the variable {" + name + "}", "one of " + list(variable_names()));
    pos = close + 1;
  }
}

void check_text(const std::string& path, const LocalText& t, bool allow_empty, Problems& p) {
  if (!allow_empty || !t.zh.empty() || !t.en.empty()) {
    if (t.zh.empty()) p.error(join_path(path, "zh"), "an empty text", "the line in Chinese (zh-CN)");
    if (t.en.empty()) p.error(join_path(path, "en"), "an empty text", "the line in English");
  }
  check_variables(join_path(path, "zh"), t.zh, p);
  check_variables(join_path(path, "en"), t.en, p);
}

void check_fact(const std::string& path, std::string_view fact, Problems& p) {
  if (!fact.empty() && fact.front() == '!') fact.remove_prefix(1);
  if (!one_of(fact, fact_names()))
    p.error(path, "\"" + std::string(fact) + "\"", "a fact (optionally with '!'): one of " + list(fact_names()));
}

}  // namespace

int Script::node_index(std::string_view node_id) const {
  for (std::size_t i = 0; i < nodes.size(); ++i)
    if (nodes[i].id == node_id) return static_cast<int>(i);
  return -1;
}

void Script::validate(Problems& p) const {
  if (id.empty()) p.error("id", "an empty id", "the script's id (its file name without .json)");
  check_text("title", title, false, p);
  if (reasons.empty()) p.error("reasons", "an empty list", "at least one hotline call reason");
  std::vector<std::string_view> reason_list;
  for (int r = 0; r < static_cast<int>(hotline::Reason::kCount); ++r)
    reason_list.push_back(hotline::reason_name(static_cast<hotline::Reason>(r)));
  for (std::size_t i = 0; i < reasons.size(); ++i)
    if (!one_of(reasons[i], reason_list))
      p.error(index_path("reasons", i), "\"" + reasons[i] + "\"", "a call reason: one of " + list(reason_list));
  for (std::size_t i = 0; i < requires_facts.size(); ++i) check_fact(index_path("requires", i), requires_facts[i], p);
  for (std::size_t i = 0; i < excludes.size(); ++i) check_fact(index_path("excludes", i), excludes[i], p);
  check_text("persona.description", persona.description, false, p);
  p.check_range("persona.mood", persona.mood, 0, 100);
  p.check_range("persona.patience", persona.patience, 1, 20);
  p.check_range("persona.talkativeness", persona.talkativeness, 0, 100);
  p.check_range("persona.complaint_below", persona.complaint_below, 0, 100);
  p.check_one_of("persona.gender", persona.gender, {"f", "m"});
  p.check_one_of("category", category, {"voltage_quality", "service", "billing", "outage", "construction"});
  if (checkpoints.empty()) p.error("checkpoints", "an empty list", "the checkpoints the call is scored on");
  std::set<std::string> seen_checkpoints;
  for (std::size_t i = 0; i < checkpoints.size(); ++i) {
    if (!one_of(checkpoints[i], checkpoint_names()))
      p.error(index_path("checkpoints", i), "\"" + checkpoints[i] + "\"", "one of " + list(checkpoint_names()));
    if (!seen_checkpoints.insert(checkpoints[i]).second)
      p.error(index_path("checkpoints", i), "\"" + checkpoints[i] + "\" a second time", "each checkpoint once");
  }
  if (nodes.empty()) p.error("nodes", "an empty list", "at least one node");
  std::set<std::string> ids;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i].id.empty() || nodes[i].id == "end")
      p.error(index_path("nodes", i) + ".id", "\"" + nodes[i].id + "\"", "a non-empty id other than \"end\"");
    else if (!ids.insert(nodes[i].id).second)
      p.error(index_path("nodes", i) + ".id", "\"" + nodes[i].id + "\" a second time", "a unique node id");
  }
  if (node_index(start) < 0) p.error("start", "\"" + start + "\"", "the id of a node");
  auto check_next = [&](const std::string& path, const std::string& next, bool allow_end) {
    if ((allow_end && next == "end") || node_index(next) >= 0) return;
    p.error(path, "\"" + next + "\"", allow_end ? "a node id or \"end\"" : "a node id");
  };
  std::set<std::string> served;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const Node& n = nodes[i];
    const std::string np = index_path("nodes", i);
    if (!n.branch.empty()) {
      if (!n.replies.empty()) p.error(np + ".replies", "replies on a branch node", "either branch or replies");
      for (std::size_t b = 0; b < n.branch.size(); ++b) {
        const std::string bp = index_path(np + ".branch", b);
        if (!n.branch[b].when.empty()) check_fact(bp + ".when", n.branch[b].when, p);
        check_next(bp + ".next", n.branch[b].next, true);
      }
      if (!n.branch.back().when.empty())
        p.error(index_path(np + ".branch", n.branch.size() - 1) + ".when", "\"" + n.branch.back().when + "\"",
                "an empty condition on the last branch (the default)");
      continue;
    }
    if (!one_of(n.phase, phase_names()))
      p.error(np + ".phase", "\"" + n.phase + "\"", "one of " + list(phase_names()));
    check_text(np + ".caller", n.caller, true, p);
    if (n.replies.size() < 3 || n.replies.size() > 5)
      p.error(np + ".replies", std::to_string(n.replies.size()) + " options", "3 to 5 reply options");
    bool clean = false;
    for (std::size_t r = 0; r < n.replies.size(); ++r) {
      const Reply& rep = n.replies[r];
      const std::string rp = index_path(np + ".replies", r);
      check_text(rp + ".text", rep.text, false, p);
      if (!rep.checkpoint.empty() && !one_of(rep.checkpoint, checkpoint_names()))
        p.error(rp + ".checkpoint", "\"" + rep.checkpoint + "\"", "one of " + list(checkpoint_names()));
      if (!rep.violation.empty() && !one_of(rep.violation, violation_names()))
        p.error(rp + ".violation", "\"" + rep.violation + "\"", "one of " + list(violation_names()));
      if (!rep.checkpoint.empty() && !rep.violation.empty())
        p.error(rp, "both a checkpoint and a violation", "at most one of them");
      if (rep.violation.empty()) clean = true;
      if (!rep.checkpoint.empty()) served.insert(rep.checkpoint);
      p.check_range(rp + ".mood", rep.mood, -100, 100);
      check_next(rp + ".next", rep.next, true);
      if (!rep.order.type.empty()) {
        p.check_one_of(rp + ".order.type", rep.order.type, {"repair", "complaint", "enquiry", "business"});
        p.check_one_of(rp + ".order.priority", rep.order.priority, {"normal", "urgent"});
      }
      p.check_one_of(rp + ".promise", rep.promise, {"", "etr", "invented"});
      if (rep.promise == "invented") {
        if (rep.violation != "invented_etr")
          p.error(rp + ".violation", "\"" + rep.violation + "\"", "\"invented_etr\" on a reply promising an invented ETR");
        p.check_positive(rp + ".promise_h", rep.promise_h);
      }
    }
    if (!n.replies.empty() && !clean)
      p.error(np + ".replies", "only options that commit a violation", "at least one option without a violation");
  }
  for (std::size_t i = 0; i < checkpoints.size(); ++i)
    if (!served.count(checkpoints[i]))
      p.error(index_path("checkpoints", i), "\"" + checkpoints[i] + "\" served by no reply",
              "a checkpoint some reply serves");
  // Nodes nobody can reach are probably a typo in a `next`.
  std::set<std::string> reached;
  std::vector<std::string> todo = {start};
  while (!todo.empty()) {
    const std::string at = todo.back();
    todo.pop_back();
    const int k = node_index(at);
    if (k < 0 || !reached.insert(at).second) continue;
    for (const Branch& b : nodes[static_cast<std::size_t>(k)].branch) todo.push_back(b.next);
    for (const Reply& r : nodes[static_cast<std::size_t>(k)].replies) todo.push_back(r.next);
  }
  for (std::size_t i = 0; i < nodes.size(); ++i)
    if (!nodes[i].id.empty() && !reached.count(nodes[i].id))
      p.warning(index_path("nodes", i) + ".id", "\"" + nodes[i].id + "\" unreachable from the start", "a reachable node");
}

bool parse_script(const std::string& json_text, Script& out, Problems& problems) {
  rapidjson::Document doc;
  // The hardened entry point: iterative parse, depth limit, valid UTF-8, repeated keys refused.
  if (!parse_json(json_text, doc, problems)) return false;
  if (!doc.IsObject()) {
    problems.error("", "the file holds no JSON object", "one call-script object { \"version\": 1, ... }");
    return false;
  }
  const auto version = doc.FindMember("version");
  if (version != doc.MemberEnd() && version->value.IsInt() && version->value.GetInt() != kScriptVersion) {
    problems.error("version", "found " + std::to_string(version->value.GetInt()),
                   std::to_string(kScriptVersion) + " (the only call-script version this build reads)");
    return false;
  }
  Script script;
  {
    JsonReader reader(doc, problems);
    reader(script);
  }
  if (problems.has_errors()) return false;  // a half-read script would only add confusing findings
  script.validate(problems);
  if (problems.has_errors()) return false;
  script.source_text = json_text;
  out = std::move(script);
  return true;
}

bool load_script(const std::string& path, Script& out, Problems& problems) {
  std::string text;
  if (!read_input_file(path, text, problems, "a readable call-script file")) return false;
  Script script;
  if (!parse_script(text, script, problems)) return false;
  const std::string stem = std::filesystem::path(path).stem().string();
  if (script.id != stem) {
    problems.error("id", "\"" + script.id + "\"", "\"" + stem + "\" (the file name without .json)");
    return false;
  }
  out = std::move(script);
  return true;
}

std::vector<Script> load_script_folder(const std::string& dir, std::string& problems_text) {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path().string());
  if (ec) problems_text += dir + ": found a folder that cannot be read, expected the call-script folder\n";
  std::sort(files.begin(), files.end());
  std::vector<Script> scripts;
  for (const std::string& f : files) {
    Problems problems;
    Script s;
    if (load_script(f, s, problems)) scripts.push_back(std::move(s));
    problems_text += problems.format(f);
  }
  std::sort(scripts.begin(), scripts.end(), [](const Script& a, const Script& b) { return a.id < b.id; });
  return scripts;
}

}  // namespace fl::calls
