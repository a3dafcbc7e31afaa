#pragma once
/// \file Civil-language rules for typed replies (文明用语 / 服务忌语): courtesy phrases a reply in
/// each phase is expected to carry and taboo phrases it must never contain, in zh-CN and English,
/// read from assets/phrases/civil_language.json (schema in assets/scripts/README.md).
#include <string>
#include <string_view>
#include <vector>

#include <cereal/cereal.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>

#include "sim/calls/script.h"
#include "sim/scenario/optional_nvp.h"
#include "sim/scenario/problems.h"

namespace fl::calls {

/// Phrases of one language list; each phrase is matched as a substring (English case-insensitively,
/// punctuation read as spaces).
struct PhraseList {
  std::vector<std::string> zh;
  std::vector<std::string> en;
  template <class Archive>
  void serialize(Archive& ar) {
    ar(cereal::make_nvp("zh", zh), cereal::make_nvp("en", en));
  }
};

/// Courtesy expected of a typed reply in one phase: at least one phrase of the list.
struct CourtesyRule {
  std::string phase;  ///< one of phase_names()
  PhraseList phrases;
  template <class Archive>
  void serialize(Archive& ar) {
    ar(cereal::make_nvp("phase", phase), cereal::make_nvp("phrases", phrases));
  }
};

/// A family of taboo phrases (brush-off, blame, impatience, promises outside the rules …).
struct TabooRule {
  std::string id;          ///< e.g. "brush_off"
  LocalText description;   ///< what the family is, for the debrief
  std::string violation = "uncivil_language";  ///< the violation a hit commits (violation_names())
  PhraseList phrases;
  template <class Archive>
  void serialize(Archive& ar) {
    ar(cereal::make_nvp("id", id), cereal::make_nvp("description", description), optional_nvp("violation", violation),
       cereal::make_nvp("phrases", phrases));
  }
};

/// Lines the engine itself gives the caller (not tied to a script).
struct EngineLines {
  LocalText unclear;   ///< the caller did not understand a typed reply
  LocalText hang_up;   ///< the caller's patience ran out
  LocalText interrupted;  ///< the agent spoke before the caller had finished
  template <class Archive>
  void serialize(Archive& ar) {
    ar(cereal::make_nvp("unclear", unclear), cereal::make_nvp("hang_up", hang_up),
       cereal::make_nvp("interrupted", interrupted));
  }
};

/// The whole rule file.
struct CivilLanguage {
  int version = 0;  ///< required; 1
  std::vector<CourtesyRule> courtesy;
  std::vector<TabooRule> taboo;
  EngineLines lines;
  /// The text this was parsed from (not a field of the file), embedded in practice sessions.
  std::string source_text;
  template <class Archive>
  void serialize(Archive& ar) {
    ar(cereal::make_nvp("version", version), cereal::make_nvp("courtesy", courtesy), cereal::make_nvp("taboo", taboo),
       cereal::make_nvp("lines", lines));
  }
  void validate(Problems& problems) const;
};

/// What the rules found in one typed reply.
struct LanguageCheck {
  bool courtesy_expected = false;  ///< the phase has courtesy phrases
  bool courtesy_found = false;     ///< … and the reply carries one
  struct Hit {
    std::string rule;       ///< TabooRule::id
    std::string violation;  ///< the violation committed
    std::string phrase;     ///< the phrase found
  };
  std::vector<Hit> taboo;  ///< every taboo phrase found, in rule order
};

/// Lower-cases ASCII and turns ASCII punctuation into spaces, padding with one space each side,
/// so English phrases match whole words (" calm down " in " please calm down ").
std::string normalise_for_match(std::string_view text);
/// Whether `text` (raw) contains `phrase` (raw) under normalise_for_match.
bool contains_phrase(std::string_view text, std::string_view phrase);

/// Checks `text` in `phase` against both languages' lists (a trainee may type either).
LanguageCheck check_language(const CivilLanguage& rules, std::string_view phase, std::string_view text);

/// Parses and validates the rule file text; false on any error.
bool parse_civil_language(const std::string& json_text, CivilLanguage& out, Problems& problems);
/// Reads and parses the rule file at `path`.
bool load_civil_language(const std::string& path, CivilLanguage& out, Problems& problems);

}  // namespace fl::calls
