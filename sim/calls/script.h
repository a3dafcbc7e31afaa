#pragma once
/// \file Call scripts as data (assets/scripts/<id>.json): a dialogue graph of caller turns and the
/// agent's reply options, each option tagged with the call-flow checkpoint it serves or the
/// violation it commits (DOMAIN.md §4, §10). Read with fl::JsonReader like a scenario; the schema
/// and the authors' style guide are assets/scripts/README.md.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <cereal/cereal.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>

#include "sim/scenario/optional_nvp.h"
#include "sim/scenario/problems.h"

namespace fl::calls {

/// The only call-script format version this build reads.
constexpr int kScriptVersion = 1;

/// A line in both interface languages (both required, may hold {variables}).
struct LocalText {
  std::string zh;
  std::string en;
  template <class Archive>
  void serialize(Archive& ar) {
    ar(cereal::make_nvp("zh", zh), cereal::make_nvp("en", en));
  }
  /// The text in `lang` ("zh" or "en").
  const std::string& in(std::string_view lang) const { return lang == "zh" ? zh : en; }
};

/// Words that recognise a typed reply as this option: every group must occur in the text; a group
/// lists alternatives separated by '|' (matched as substrings, case-insensitively for English).
struct Keywords {
  std::vector<std::string> zh;
  std::vector<std::string> en;
  template <class Archive>
  void serialize(Archive& ar) {
    ar(optional_nvp("zh", zh), optional_nvp("en", en));
  }
};

/// The work order a reply opens.
struct OrderSpec {
  std::string type;               ///< "repair", "complaint", "enquiry", "business"
  std::string priority = "normal";///< "normal" or "urgent"
  template <class Archive>
  void serialize(Archive& ar) {
    ar(cereal::make_nvp("type", type), optional_nvp("priority", priority));
  }
};

/// One reply option the agent may give.
struct Reply {
  LocalText text;
  std::string checkpoint;   ///< checkpoint served (one of checkpoint_names()), or empty
  std::string violation;    ///< violation committed (one of violation_names()), or empty
  int mood = 0;             ///< change of the caller's mood (points, −100..100)
  std::string next;         ///< next node id, or "end" (the call closes after this reply)
  Keywords keywords;        ///< for typed replies; an option without keywords is choice-only
  OrderSpec order;          ///< opened when `order.type` is not empty
  bool link_order = false;  ///< links the call to the customer's open repair order (urging, 催办)
  bool escalate = false;    ///< raises the linked or opened order to urgent and escalates it
  /// "etr": promises the control room's ETR; "invented": promises `promise_h` hours from now
  /// although the control room has none (always a violation); empty: promises nothing.
  std::string promise;
  double promise_h = 0;
  template <class Archive>
  void serialize(Archive& ar) {
    ar(cereal::make_nvp("text", text), optional_nvp("checkpoint", checkpoint), optional_nvp("violation", violation),
       optional_nvp("mood", mood), cereal::make_nvp("next", next), optional_nvp("keywords", keywords),
       optional_nvp("order", order), optional_nvp("link_order", link_order), optional_nvp("escalate", escalate),
       optional_nvp("promise", promise),
       optional_nvp("promise_h", promise_h));
  }
};

/// A world-dependent jump: the first branch whose condition holds is taken.
struct Branch {
  std::string when;  ///< a fact (fact_names()), "!fact" for its negation, or empty (always)
  std::string next;
  template <class Archive>
  void serialize(Archive& ar) {
    ar(optional_nvp("when", when), cereal::make_nvp("next", next));
  }
};

/// One node: either the caller speaks and the agent replies, or (branch list) a silent jump.
struct Node {
  std::string id;
  std::string phase;              ///< one of phase_names(): selects the courtesy phrases expected
  LocalText caller;               ///< the caller's turn (may be empty in both languages: silence)
  std::vector<Reply> replies;     ///< 3–5 options for a speaking node
  std::vector<Branch> branch;     ///< for a jump node (then no caller line and no replies)
  template <class Archive>
  void serialize(Archive& ar) {
    ar(cereal::make_nvp("id", id), optional_nvp("phase", phase), optional_nvp("caller", caller),
       optional_nvp("replies", replies), optional_nvp("branch", branch));
  }
};

/// Who calls: their starting mood, patience and talkativeness.
struct Persona {
  LocalText description;     ///< one line for the trainer ("retired teacher, anxious")
  int mood = 50;             ///< 0 (furious) … 100 (delighted) at pick-up
  int patience = 4;          ///< strikes the caller takes (unhelpful replies, violations) before hanging up
  int talkativeness = 50;    ///< 0–100: scales how long each caller turn takes to say
  int complaint_below = 30;  ///< a mood below this at the end files a complaint
  std::string gender = "f";  ///< "f" or "m": the form of address (女士 / 先生)
  template <class Archive>
  void serialize(Archive& ar) {
    ar(cereal::make_nvp("description", description), optional_nvp("mood", mood), optional_nvp("patience", patience),
       optional_nvp("talkativeness", talkativeness), optional_nvp("complaint_below", complaint_below),
       optional_nvp("gender", gender));
  }
};

/// A whole call script.
struct Script {
  int version = 0;                       ///< required; kScriptVersion
  std::string id;                        ///< required; equals the file name without .json
  LocalText title;                       ///< required
  std::vector<std::string> reasons;      ///< hotline call reasons it answers (reason_name values)
  std::vector<std::string> requires_facts;  ///< facts that must hold for it to be chosen ("requires")
  std::vector<std::string> excludes;     ///< facts that must not hold
  int priority = 0;                      ///< among matching scripts the highest priority is chosen
  Persona persona;
  std::vector<std::string> checkpoints;  ///< checkpoints the call is scored on (ideal path serves all)
  std::string category = "service";      ///< complaint category if the caller complains after the call
  std::string start;                     ///< id of the first node
  std::vector<Node> nodes;
  /// The text this was parsed from (not a field of the file), embedded in practice sessions.
  std::string source_text;
  template <class Archive>
  void serialize(Archive& ar) {
    ar(cereal::make_nvp("version", version), cereal::make_nvp("id", id), cereal::make_nvp("title", title),
       cereal::make_nvp("reasons", reasons), optional_nvp("requires", requires_facts), optional_nvp("excludes", excludes),
       optional_nvp("priority", priority), cereal::make_nvp("persona", persona),
       cereal::make_nvp("checkpoints", checkpoints), optional_nvp("category", category),
       cereal::make_nvp("start", start), cereal::make_nvp("nodes", nodes));
  }
  /// Appends every problem (paths from the script's top level).
  void validate(Problems& problems) const;
  /// Index of node `id` in nodes, or −1.
  int node_index(std::string_view node_id) const;
};

/// Call-flow checkpoints in the order of the standard flow (DOMAIN.md §4).
const std::vector<std::string_view>& checkpoint_names();
/// Violations a reply may commit.
const std::vector<std::string_view>& violation_names();
/// Phases of a call (select the courtesy phrases expected of a typed reply).
const std::vector<std::string_view>& phase_names();
/// World facts a branch or a script's requires/excludes may test.
const std::vector<std::string_view>& fact_names();
/// Variables a line may contain as {name}.
const std::vector<std::string_view>& variable_names();

/// Parses and validates script JSON text; never throws for bad input; false on any error.
bool parse_script(const std::string& json_text, Script& out, Problems& problems);
/// Reads `path` (I/O problems are reported), parses it and checks the id matches the file name.
bool load_script(const std::string& path, Script& out, Problems& problems);

/// Every script of a folder, sorted by id; `problems_text` gets "FILE: path: found, expected"
/// lines for the files that failed (they are left out).
std::vector<Script> load_script_folder(const std::string& dir, std::string& problems_text);

}  // namespace fl::calls
