#pragma once
/// \file The scenario: one versioned JSON object read with cereal into these plain structs, then
/// validated. The schema is documented in scenarios/README.md; every number carries its unit in
/// its name and has a default, except the few fields marked required.
#include <cstdint>
#include <string>
#include <vector>

#include <cereal/cereal.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>

#include "sim/hotline/config.h"
#include "sim/scenario/optional_nvp.h"
#include "sim/scenario/problems.h"
#include "sim/scoring/commitment_set.h"
#include "sim/world/config.h"

namespace fl {

/// The only scenario format version this build reads.
constexpr int kScenarioVersion = 1;

/// A text in both interface languages.
struct LocalizedText {
  std::string zh;  ///< zh-CN
  std::string en;
  template <class Archive>
  void serialize(Archive& ar) {
    ar(optional_nvp("zh", zh), optional_nvp("en", en));
  }
  /// The text in `language` ("zh" or "en"), falling back to the other one.
  const std::string& in(const std::string& language) const { return language == "zh" ? (zh.empty() ? en : zh) : (en.empty() ? zh : en); }
};

/// When the run starts, in local civil time.
struct StartConfig {
  std::string local = "2024-09-16T06:00";  ///< local date-time "YYYY-MM-DDTHH:MM[:SS]"
  int utc_offset_min = 480;                 ///< minutes east of UTC (China: +480)
  template <class Archive>
  void serialize(Archive& ar) {
    ar(cereal::make_nvp("local", local), optional_nvp("utc_offset_min", utc_offset_min));
  }
};

/// Working days and hours for commitment clocks.
struct CalendarConfig {
  std::vector<std::string> holidays;            ///< "YYYY-MM-DD" public holidays (no work)
  std::vector<std::string> extra_working_days;  ///< weekend days worked in lieu (调休)
  std::string work_start = "08:30";             ///< local "HH:MM"
  std::string work_end = "17:30";
  template <class Archive>
  void serialize(Archive& ar) {
    ar(optional_nvp("holidays", holidays), optional_nvp("extra_working_days", extra_working_days),
       optional_nvp("work_start", work_start), optional_nvp("work_end", work_end));
  }
};

/// A whole scenario file.
struct Scenario {
  int version = 0;                            ///< required; must equal kScenarioVersion
  std::string id;                             ///< required short name, e.g. "coastal_city"
  LocalizedText name;                         ///< title shown to people
  LocalizedText description;
  StartConfig start;                          ///< required
  double duration_hours = 72.0;               ///< sim length; complaints may extend it (see hotline)
  std::uint64_t seed = 1;                     ///< default seed; --seed overrides
  std::string commitment_set = "sgcc_2023";  ///< file scenarios/commitments/<set>.json
  CalendarConfig calendar;
  world::WorldConfig world;                   ///< sections area, grid, typhoon, crews, dispatcher
  hotline::HotlineConfig hotline;             ///< sections customers, hotline, trainee
  /// The set named by commitment_set, loaded from the commitments folder by parse/load_scenario
  /// (not a field of the scenario file; empty when no folder was given).
  scoring::CommitmentSet commitments;
  /// The commitment-set file's text as loaded (empty when none was), embedded in sessions.
  std::string commitment_set_text;
  /// The typhoon's track file (typhoon.track_file) as read, embedded in sessions so a replay
  /// needs no folder; empty when the scenario names none.
  std::string track_file_text;
  /// The scenario text this was parsed from, embedded in sessions (not a field of the file).
  std::string source_text;

  template <class Archive>
  void serialize(Archive& ar) {
    ar(cereal::make_nvp("version", version), cereal::make_nvp("id", id), optional_nvp("name", name),
       optional_nvp("description", description), cereal::make_nvp("start", start),
       optional_nvp("duration_hours", duration_hours), optional_nvp("seed", seed),
       optional_nvp("commitment_set", commitment_set), optional_nvp("calendar", calendar));
    world.serialize_sections(ar);
    hotline.serialize_sections(ar);
  }
};

/// Parses and validates scenario JSON text. `commitments_dir` is where commitment sets live
/// (empty: do not load the set); `base_dir` is where relative files it names (a typhoon's
/// track_file) are looked up (empty: the working directory). Never throws for bad input; returns
/// false on any error.
bool parse_scenario(const std::string& json_text, const std::string& commitments_dir, Scenario& out,
                    Problems& problems, const std::string& base_dir = "");
/// The same, looking the commitment set up by name in each folder of `commitment_dirs` in turn
/// (none: do not load it). With `track_file_text` (a session's embedded copy; must outlive the
/// call) the typhoon's track comes from that text and no track file is opened.
bool parse_scenario(const std::string& json_text, const std::vector<std::string>& commitment_dirs, Scenario& out,
                    Problems& problems, const std::string& base_dir = "", const std::string* track_file_text = nullptr);
/// Reads `path` (I/O errors become problems) and parses it; the commitment set is looked up in
/// the `commitments/` folder beside the file, then in `more_commitment_dirs` (e.g. the shipped sets);
/// a track file is looked up beside the scenario.
bool load_scenario(const std::string& path, Scenario& out, Problems& problems,
                   const std::vector<std::string>& more_commitment_dirs = {});
/// Checks ranges of an already-read scenario (not the commitment set, which parse_scenario loads).
void validate_scenario(const Scenario& s, Problems& problems);
/// Whether `name` can name a commitment set: 1-64 letters, digits, '_' or '-' (no paths).
bool valid_commitment_set_name(const std::string& name);
/// Builds the working calendar a validated scenario describes.
class WorkingCalendar;
WorkingCalendar make_calendar(const Scenario& s);

}  // namespace fl
