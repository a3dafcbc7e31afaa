#pragma once
/// \file Records in SQLite (Debian's libsqlite3): a small RAII layer (RecordsDb, Statement), the
/// study schema and the details schema on top of it. Every table is keyed by (variant,
/// replication), so a study file could also hold its runs' per-entity details in tables of the
/// same shape; a single drill's details.sqlite is the case of one run (variant 0, replication
/// 0). Errors throw std::runtime_error naming the file.
///
/// Study schema, version 1 (also in docs/study-cluster.md):
///   meta(key TEXT PRIMARY KEY, value TEXT)         schema = "faultline-study", schema_version,
///        plan_id, plan_name_en/zh, plan_fingerprint, scenario, baseline, replications, kpis,
///        service_level_s, forecast_aht_s, forecast_pilot_runs
///   variants(variant INTEGER PRIMARY KEY, id TEXT UNIQUE, name_en, name_zh, agent_hours,
///        crews_total, aid_crews, shrinkage_pct, mean_patience_s)
///   forecast(half_hour INTEGER PRIMARY KEY, calls REAL)          calls reaching agents (Erlang seats)
///   commitment_texts(commitment TEXT PRIMARY KEY, text_en, text_zh)  the commitment set's wording
///   runs(variant, replication, seed, events, sim_hours, <one REAL column per KPI key of
///        sim/run/study.h>, PRIMARY KEY(variant, replication))   NULL = not measured
///   intervals(variant, replication, half_hour, seats, agents, offered, answered_by_ivr, answered,
///        abandoned, within_sl, wait_answered_s, PRIMARY KEY(variant, replication, half_hour))
///   commitments(variant, replication, commitment, measured, met, incidents, within_target,
///        breaches, PRIMARY KEY(variant, replication, commitment))   met: 1, 0, NULL = not measured
///   complaints(variant, replication, reason, count, PRIMARY KEY(variant, replication, reason))
///
/// Details schema, version 1: a run's per-entity rows (sim/run/details.h), DIR/details.sqlite
/// beside scorecard.json (also in scenarios/docs/scorecard.md). A single drill is (0, 0). Times
/// are hours since the scenario start; NULL = did not happen.
///   meta(key TEXT PRIMARY KEY, value TEXT)    schema = "faultline-details", schema_version,
///        scenario, seed
///   decisions(variant, replication, seq, hours, kind, actor, target, value, by_trainee, accepted,
///        reason, message_key, context, PRIMARY KEY(variant, replication, seq))   seq = log order
///   crews(variant, replication, crew, name, type, mutual_aid, PRIMARY KEY(variant, replication, crew))
///   crew_segments(variant, replication, crew, seq, start_hours, end_hours, activity, target,
///        PRIMARY KEY(variant, replication, crew, seq))   target NULL: no job
///   work_orders(variant, replication, id, type, reason, customer, opened_hours, dispatched_hours,
///        on_site_hours, resolved_hours, confirmed_hours, first_due_hours, final_due_hours, urgings,
///        priority, escalated, overdue, PRIMARY KEY(variant, replication, id))   customer NULL: anonymous
///   complaint_clocks(variant, replication, id, customer, category, reason, important, opened_hours,
///        contacted_hours, replied_hours, PRIMARY KEY(variant, replication, id))
///   important_customers(variant, replication, rank, customer, kind, name, outage_minutes,
///        interruptions, PRIMARY KEY(variant, replication, rank))   rank 0 = longest outage
#include <array>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "sim/run/details.h"
#include "sim/run/study.h"

struct sqlite3;
struct sqlite3_stmt;

namespace fl::trainer {

/// One prepared statement; bind by 1-based index, step, read columns by 0-based index.
class Statement {
 public:
  Statement(sqlite3* db, const std::string& sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& bind(int index, double v);       ///< NaN binds NULL
  Statement& bind(int index, std::int64_t v);
  Statement& bind(int index, const std::string& v);
  /// Next row: true while a row is available; false when done. Throws on errors.
  bool step();
  /// Clears bindings and rewinds for the next execution.
  void reset();
  double column_double(int index) const;  ///< NULL reads as NaN
  std::int64_t column_int(int index) const;
  std::string column_text(int index) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

/// An open SQLite file.
class RecordsDb {
 public:
  /// Opens (creating if `create`) the database at `path`.
  RecordsDb(const std::string& path, bool create);
  ~RecordsDb();
  RecordsDb(const RecordsDb&) = delete;
  RecordsDb& operator=(const RecordsDb&) = delete;
  /// Runs SQL without results (several statements allowed).
  void exec(const std::string& sql);
  Statement prepare(const std::string& sql) { return Statement(db_, sql); }
  const std::string& path() const { return path_; }
  sqlite3* handle() { return db_; }

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
};

/// The study's description, stored so merge and the report need no plan file.
struct StudyMeta {
  std::string plan_id, plan_name_en, plan_name_zh, fingerprint, scenario;
  std::uint32_t baseline = 0;
  std::uint32_t replications = 0;
  std::vector<std::string> kpis;  ///< reported KPI keys, in order
  double service_level_s = 20;
  run::Forecast forecast;
  /// The commitment set's commitments: id, English and Chinese wording.
  std::vector<std::array<std::string, 3>> commitment_texts;
};

/// One variant as stored.
struct StoredVariant {
  std::string id, name_en, name_zh;
  double agent_hours = 0;
  int crews_total = 0, aid_crews = 0;
  double shrinkage_pct = 0, mean_patience_s = 0;
};

/// A study database: DIR/study.sqlite.
class StudyDb {
 public:
  /// Opens or creates the file and its tables (schema version 1). Throws if the file holds
  /// another schema.
  explicit StudyDb(const std::string& path, bool create = true);
  /// True when meta holds a plan (an existing study).
  bool has_plan();
  /// Writes the study description and variants (replacing them). Throws if the file already
  /// holds results of another plan fingerprint.
  void write_plan(const StudyMeta& meta, const std::vector<StoredVariant>& variants);
  StudyMeta read_meta();
  std::vector<StoredVariant> read_variants();
  /// Runs already stored.
  std::set<run::RunKey> stored_runs();
  /// Stores one run (and its intervals, commitments and complaints) in one transaction.
  void insert(const run::RunRecord& r);
  /// Every stored run, ordered by (variant, replication).
  std::vector<run::RunRecord> read_runs();
  /// Copies every run of `other` not yet here (same fingerprint required; throws otherwise).
  /// Returns the number of runs added.
  std::size_t merge_from(const std::string& other_path);

 private:
  RecordsDb db_;
};

/// The details file's name in a run's output folder, beside scorecard.json.
inline constexpr const char* kDetailsFileName = "details.sqlite";

/// What a details file says about its run besides the rows.
struct DetailsMeta {
  std::string scenario;
  std::uint64_t seed = 0;
};

/// Writes `details` as run (variant, replication) into a new details file at `path` (replaced if
/// present), in one transaction, unsynced: the caller syncs it (OutputSet does). Throws
/// std::runtime_error naming the file.
void write_details(const std::string& path, const run::RunDetails& details, const DetailsMeta& meta,
                   std::uint32_t variant = 0, std::uint32_t replication = 0);
/// Writes a details file at `path` atomically (a synced temporary file beside it, then rename),
/// for front ends that write files one by one (the window). Throws std::runtime_error naming it.
void write_details_atomically(const std::string& path, const run::RunDetails& details, const DetailsMeta& meta);
/// Reads run (variant, replication) of the details file at `path`. A missing file, a file that is
/// not SQLite or not a details file of this schema throws std::runtime_error naming `path`.
run::RunDetails read_details(const std::string& path, std::uint32_t variant = 0, std::uint32_t replication = 0);

}  // namespace fl::trainer
