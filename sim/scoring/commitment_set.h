#pragma once
/// \file Commitment sets as data (scenarios/commitments/<id>.json): each commitment's wording in
/// zh-CN and English, what it measures, its target(s) and whether it holds per incident or on
/// average. Read with fl::JsonReader like a scenario; the schema is scenarios/docs/commitments.md.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <cereal/cereal.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>

#include "sim/scenario/optional_nvp.h"
#include "sim/scenario/problems.h"

namespace fl::scoring {

/// The only commitment-set format version this build reads.
constexpr int kCommitmentSetVersion = 1;

/// Plain-language wording of a commitment in both interface languages (both required).
struct CommitmentText {
  std::string zh;
  std::string en;
  template <class Archive>
  void serialize(Archive& ar) {
    ar(cereal::make_nvp("zh", zh), cereal::make_nvp("en", en));
  }
};

/// Targets that depend on the terrain class of the incident's place (in the measure's unit).
/// A negative value means "not given"; water cells are scored against `remote`.
struct TerrainTargets {
  double urban = -1;
  double rural = -1;
  double remote = -1;
  template <class Archive>
  void serialize(Archive& ar) {
    ar(optional_nvp("urban", urban), optional_nvp("rural", rural), optional_nvp("remote", remote));
  }
  bool any() const { return urban >= 0 || rural >= 0 || remote >= 0; }
};

/// Storm-time clock (DOMAIN.md §2b: the company may explain an arrival that weather made
/// impossible). Only for arrival_minutes. The scorecard reports both clocks; `graded` picks one.
struct StormPauseSpec {
  /// The arrival clock stops while the 1-min wind at the site is above the scenario's driving limit.
  bool above_driving_limit = false;
  /// The stop counts only from when the customer has been told (call, IVR or publication).
  bool requires_customer_told = true;
  std::string graded = "as_written";  ///< "as_written" or "paused": the clock that is graded
  template <class Archive>
  void serialize(Archive& ar) {
    ar(optional_nvp("above_driving_limit", above_driving_limit), optional_nvp("requires_customer_told", requires_customer_told),
       optional_nvp("graded", graded));
  }
};

/// One commitment. `target` (one figure) or `targets` (by terrain) is in the unit the measure
/// name ends with (_minutes, _working_days, _s, _pct, _days, _hours).
struct CommitmentSpec {
  std::string id;            ///< required, unique in the set, e.g. "arrival"
  CommitmentText text;       ///< required
  std::string measure;       ///< required, one of measure_catalogue()
  std::string basis;         ///< required: "per_incident" or "average"
  double target = -1;        ///< single target (< 0: not given)
  TerrainTargets targets;    ///< targets by terrain, for terrain measures
  /// per_incident only: share of incidents that must meet the target for the commitment to count
  /// as met (default 100 = every incident).
  double min_share_pct = 100;
  std::string source;        ///< where the figure comes from (free text, optional)
  StormPauseSpec storm_pause;  ///< arrival_minutes only: whether and how the clock pauses in a storm

  template <class Archive>
  void serialize(Archive& ar) {
    ar(cereal::make_nvp("id", id), cereal::make_nvp("text", text), cereal::make_nvp("measure", measure),
       cereal::make_nvp("basis", basis), optional_nvp("target", target), optional_nvp("targets", targets),
       optional_nvp("min_share_pct", min_share_pct), optional_nvp("source", source),
       optional_nvp("storm_pause", storm_pause));
  }
};

/// A whole commitment-set file.
struct CommitmentSet {
  int version = 0;                        ///< required; kCommitmentSetVersion
  std::string id;                         ///< required; equals the file name without .json
  CommitmentText name;                    ///< required title
  std::string source;                     ///< document the set follows (optional)
  std::vector<CommitmentSpec> commitments;  ///< required, at least one

  template <class Archive>
  void serialize(Archive& ar) {
    ar(cereal::make_nvp("version", version), cereal::make_nvp("id", id), cereal::make_nvp("name", name),
       optional_nvp("source", source), cereal::make_nvp("commitments", commitments));
  }
  /// Appends every problem with its path (paths start at the set's top level).
  void validate(Problems& problems) const;
};

/// How a measure is scored; the catalogue is fixed in code so a set can only name known measures.
struct MeasureInfo {
  std::string_view name;
  std::string_view unit;   ///< "min", "working_days", "s", "pct", "days", "hours"
  bool by_terrain;         ///< targets may differ for urban / rural / remote
  bool higher_is_better;   ///< true for percentages such as reliability
  bool simulated;          ///< false: the simulator has no model for it; scored as "not measured"
  bool allows_per_incident;
  bool allows_average;
};

/// Largest target a commitment may set in `unit` (documented in scenarios/docs/commitments.md).
double max_target_for_unit(std::string_view unit);
/// Every measure a commitment may name, sorted by name.
const std::vector<MeasureInfo>& measure_catalogue();
/// The catalogue entry for `name`, or nullptr.
const MeasureInfo* find_measure(std::string_view name);

/// Parses and validates commitment-set JSON text; problems carry paths inside the set. Never
/// throws for bad input; returns false on any error.
bool parse_commitment_set(const std::string& json_text, CommitmentSet& out, Problems& problems);
/// Reads the file at `path` (I/O problems are reported) and parses it; also checks that the
/// set's id matches the file name.
bool load_commitment_set(const std::string& path, CommitmentSet& out, Problems& problems);

}  // namespace fl::scoring
