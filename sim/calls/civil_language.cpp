#include "sim/calls/civil_language.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <cctype>

#include "sim/scenario/json_reader.h"

namespace fl::calls {

namespace {

bool has_non_ascii(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

std::string without_spaces(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '\t') out += c;
  return out;
}

void check_list(const std::string& path, const PhraseList& l, Problems& p) {
  if (l.zh.empty()) p.error(join_path(path, "zh"), "an empty list", "at least one Chinese phrase");
  if (l.en.empty()) p.error(join_path(path, "en"), "an empty list", "at least one English phrase");
  for (std::size_t i = 0; i < l.zh.size(); ++i)
    if (l.zh[i].empty()) p.error(index_path(join_path(path, "zh"), i), "an empty phrase", "a phrase");
  for (std::size_t i = 0; i < l.en.size(); ++i)
    if (normalise_for_match(l.en[i]).find_first_not_of(' ') == std::string::npos)
      p.error(index_path(join_path(path, "en"), i), "\"" + l.en[i] + "\"", "a phrase with at least one word");
}

}  // namespace

std::string normalise_for_match(std::string_view text) {
  std::string out = " ";
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x80 && !std::isalnum(u)) {
      if (out.back() != ' ') out += ' ';
    } else {
      out += static_cast<char>(u < 0x80 ? std::tolower(u) : u);
    }
  }
  if (out.back() != ' ') out += ' ';
  return out;
}

bool contains_phrase(std::string_view text, std::string_view phrase) {
  if (phrase.empty()) return false;
  // Chinese has no word spaces: compare without them so "不归 我们管" still counts.
  if (has_non_ascii(phrase)) return without_spaces(text).find(without_spaces(phrase)) != std::string::npos;
  return normalise_for_match(text).find(normalise_for_match(phrase)) != std::string::npos;
}

LanguageCheck check_language(const CivilLanguage& rules, std::string_view phase, std::string_view text) {
  LanguageCheck out;
  for (const CourtesyRule& rule : rules.courtesy) {
    if (rule.phase != phase) continue;
    out.courtesy_expected = true;
    for (const auto* list : {&rule.phrases.zh, &rule.phrases.en})
      for (const std::string& ph : *list)
        if (contains_phrase(text, ph)) out.courtesy_found = true;
  }
  for (const TabooRule& rule : rules.taboo) {
    for (const auto* list : {&rule.phrases.zh, &rule.phrases.en})
      for (const std::string& ph : *list)
        if (contains_phrase(text, ph)) out.taboo.push_back({rule.id, rule.violation, ph});
  }
  return out;
}

void CivilLanguage::validate(Problems& p) const {
  if (courtesy.empty()) p.error("courtesy", "an empty list", "courtesy phrases for the phases of a call");
  for (std::size_t i = 0; i < courtesy.size(); ++i) {
    const std::string path = index_path("courtesy", i);
    if (std::find(phase_names().begin(), phase_names().end(), courtesy[i].phase) == phase_names().end())
      p.error(path + ".phase", "\"" + courtesy[i].phase + "\"", "a call phase (greeting, listen, … close)");
    check_list(path + ".phrases", courtesy[i].phrases, p);
  }
  if (taboo.empty()) p.error("taboo", "an empty list", "taboo phrase families");
  for (std::size_t i = 0; i < taboo.size(); ++i) {
    const std::string path = index_path("taboo", i);
    if (taboo[i].id.empty()) p.error(path + ".id", "an empty id", "a family id such as \"brush_off\"");
    if (std::find(violation_names().begin(), violation_names().end(), taboo[i].violation) == violation_names().end())
      p.error(path + ".violation", "\"" + taboo[i].violation + "\"", "a violation name");
    if (taboo[i].description.zh.empty() || taboo[i].description.en.empty())
      p.error(path + ".description", "a missing language", "the description in zh and en");
    check_list(path + ".phrases", taboo[i].phrases, p);
  }
  for (const auto& [name, line] : {std::pair{"unclear", &lines.unclear}, std::pair{"hang_up", &lines.hang_up},
                                   std::pair{"interrupted", &lines.interrupted}})
    if (line->zh.empty() || line->en.empty())
      p.error(std::string("lines.") + name, "a missing language", "the line in zh and en");
}

bool parse_civil_language(const std::string& json_text, CivilLanguage& out, Problems& problems) {
  rapidjson::Document doc;
  // The hardened entry point: iterative parse, depth limit, valid UTF-8, repeated keys refused.
  if (!parse_json(json_text, doc, problems)) return false;
  if (!doc.IsObject()) {
    problems.error("", "the file holds no JSON object", "one civil-language object { \"version\": 1, ... }");
    return false;
  }
  CivilLanguage rules;
  {
    JsonReader reader(doc, problems);
    reader(rules);
  }
  if (rules.version != 1) problems.error("version", "found " + std::to_string(rules.version), "1");
  if (problems.has_errors()) return false;
  rules.validate(problems);
  if (problems.has_errors()) return false;
  rules.source_text = json_text;
  out = std::move(rules);
  return true;
}

bool load_civil_language(const std::string& path, CivilLanguage& out, Problems& problems) {
  std::string text;
  if (!read_input_file(path, text, problems, "the civil-language rule file")) return false;
  return parse_civil_language(text, out, problems);
}

}  // namespace fl::calls
