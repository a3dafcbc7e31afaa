#include "trainer/records_db.h"

#include <sqlite3.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <limits>
#include <map>
#include <stdexcept>

namespace fl::trainer {

namespace {

constexpr int kStudySchemaVersion = 1;

[[noreturn]] void fail(sqlite3* db, const std::string& what) {
  throw std::runtime_error(what + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

std::string kpi_columns_ddl() {
  std::string out;
  for (const run::KpiInfo& k : run::kpi_catalogue()) out += std::string(", ") + k.key + " REAL";
  return out;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ",") + s;
  return out;
}

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : text) {
    if (c == ',') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

}  // namespace

// ---- Statement ------------------------------------------------------------------------------

Statement::Statement(sqlite3* db, const std::string& sql) : db_(db) {
  if (sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &stmt_, nullptr) != SQLITE_OK)
    fail(db_, "cannot prepare \"" + sql.substr(0, 60) + "\"");
}
Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int index, double v) {
  const int rc = std::isnan(v) ? sqlite3_bind_null(stmt_, index) : sqlite3_bind_double(stmt_, index, v);
  if (rc != SQLITE_OK) fail(db_, "cannot bind a value");
  return *this;
}
Statement& Statement::bind(int index, std::int64_t v) {
  if (sqlite3_bind_int64(stmt_, index, v) != SQLITE_OK) fail(db_, "cannot bind a value");
  return *this;
}
Statement& Statement::bind(int index, const std::string& v) {
  if (sqlite3_bind_text(stmt_, index, v.c_str(), static_cast<int>(v.size()), SQLITE_TRANSIENT) != SQLITE_OK)
    fail(db_, "cannot bind a value");
  return *this;
}
bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail(db_, "statement failed");
}
void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}
double Statement::column_double(int index) const {
  if (sqlite3_column_type(stmt_, index) == SQLITE_NULL) return std::numeric_limits<double>::quiet_NaN();
  return sqlite3_column_double(stmt_, index);
}
std::int64_t Statement::column_int(int index) const { return sqlite3_column_int64(stmt_, index); }
std::string Statement::column_text(int index) const {
  const unsigned char* text = sqlite3_column_text(stmt_, index);
  return text ? reinterpret_cast<const char*>(text) : "";
}

// ---- RecordsDb ------------------------------------------------------------------------------

RecordsDb::RecordsDb(const std::string& path, bool create) : path_(path) {
  const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw std::runtime_error("cannot open " + path + ": " + message);
  }
  sqlite3_busy_timeout(db_, 5000);
  // A killed study loses at most its last run; the rollback journal keeps the file consistent.
  try {
    exec("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
  } catch (...) {
    // No destructor runs for a constructor that throws: close the connection here (a file that
    // is not a database fails already at this first statement).
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw;
  }
}
RecordsDb::~RecordsDb() { sqlite3_close_v2(db_); }

void RecordsDb::exec(const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    const std::string text = message ? message : "unknown error";
    sqlite3_free(message);
    throw std::runtime_error(path_ + ": " + text);
  }
}

// ---- StudyDb --------------------------------------------------------------------------------

StudyDb::StudyDb(const std::string& path, bool create) : db_(path, create) {
  db_.exec("CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);");
  {
    Statement q = db_.prepare("SELECT value FROM meta WHERE key='schema_version'");
    if (q.step() && q.column_int(0) != kStudySchemaVersion)
      throw std::runtime_error(path + ": found study schema version " + q.column_text(0) + ", expected " +
                               std::to_string(kStudySchemaVersion));
  }
  db_.exec(
      "BEGIN;"
      "INSERT OR IGNORE INTO meta VALUES('schema','faultline-study');"
      "INSERT OR IGNORE INTO meta VALUES('schema_version','" + std::to_string(kStudySchemaVersion) + "');"
      "CREATE TABLE IF NOT EXISTS variants(variant INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, name_en TEXT, "
      "name_zh TEXT, agent_hours REAL, crews_total INTEGER, aid_crews INTEGER, shrinkage_pct REAL, mean_patience_s REAL);"
      "CREATE TABLE IF NOT EXISTS forecast(half_hour INTEGER PRIMARY KEY, calls REAL);"
      "CREATE TABLE IF NOT EXISTS commitment_texts(commitment TEXT PRIMARY KEY, text_en TEXT, text_zh TEXT);"
      "CREATE TABLE IF NOT EXISTS runs(variant INTEGER NOT NULL, replication INTEGER NOT NULL, seed INTEGER, "
      "events INTEGER, sim_hours REAL" + kpi_columns_ddl() + ", PRIMARY KEY(variant, replication));"
      "CREATE TABLE IF NOT EXISTS intervals(variant INTEGER, replication INTEGER, half_hour INTEGER, seats INTEGER, "
      "agents INTEGER, offered INTEGER, answered_by_ivr INTEGER, answered INTEGER, abandoned INTEGER, within_sl INTEGER, "
      "wait_answered_s REAL, PRIMARY KEY(variant, replication, half_hour));"
      "CREATE TABLE IF NOT EXISTS commitments(variant INTEGER, replication INTEGER, commitment TEXT, measured REAL, "
      "met INTEGER, incidents INTEGER, within_target INTEGER, breaches INTEGER, "
      "PRIMARY KEY(variant, replication, commitment));"
      "CREATE TABLE IF NOT EXISTS complaints(variant INTEGER, replication INTEGER, reason TEXT, count INTEGER, "
      "PRIMARY KEY(variant, replication, reason));"
      "COMMIT;");
}

bool StudyDb::has_plan() {
  Statement q = db_.prepare("SELECT value FROM meta WHERE key='plan_fingerprint'");
  return q.step();
}

void StudyDb::write_plan(const StudyMeta& meta, const std::vector<StoredVariant>& variants) {
  {
    Statement q = db_.prepare("SELECT value FROM meta WHERE key='plan_fingerprint'");
    if (q.step() && q.column_text(0) != meta.fingerprint) {
      Statement count = db_.prepare("SELECT COUNT(*) FROM runs");
      if (count.step() && count.column_int(0) > 0)
        throw std::runtime_error(db_.path() + ": holds " + std::to_string(count.column_int(0)) +
                                 " runs of another plan or base scenario (fingerprint " + q.column_text(0) + ", this plan " +
                                 meta.fingerprint + "); write to another --out folder or delete the file");
    }
  }
  db_.exec("BEGIN; DELETE FROM variants; DELETE FROM forecast; DELETE FROM commitment_texts;");
  try {
    Statement put = db_.prepare("INSERT OR REPLACE INTO meta VALUES(?1, ?2)");
    auto set = [&](const std::string& k, const std::string& v) {
      put.bind(1, k).bind(2, v);
      put.step();
      put.reset();
    };
    set("plan_id", meta.plan_id);
    set("plan_name_en", meta.plan_name_en);
    set("plan_name_zh", meta.plan_name_zh);
    set("plan_fingerprint", meta.fingerprint);
    set("scenario", meta.scenario);
    set("baseline", std::to_string(meta.baseline));
    set("replications", std::to_string(meta.replications));
    set("kpis", join(meta.kpis));
    set("service_level_s", std::to_string(meta.service_level_s));
    set("forecast_aht_s", std::to_string(meta.forecast.aht_s));
    set("forecast_pilot_runs", std::to_string(meta.forecast.pilot_runs));
    Statement v = db_.prepare("INSERT INTO variants VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    for (std::size_t i = 0; i < variants.size(); ++i) {
      const StoredVariant& sv = variants[i];
      v.bind(1, static_cast<std::int64_t>(i)).bind(2, sv.id).bind(3, sv.name_en).bind(4, sv.name_zh).bind(5, sv.agent_hours);
      v.bind(6, static_cast<std::int64_t>(sv.crews_total)).bind(7, static_cast<std::int64_t>(sv.aid_crews));
      v.bind(8, sv.shrinkage_pct).bind(9, sv.mean_patience_s);
      v.step();
      v.reset();
    }
    Statement f = db_.prepare("INSERT INTO forecast VALUES(?1, ?2)");
    for (std::size_t k = 0; k < meta.forecast.calls_per_half_hour.size(); ++k) {
      f.bind(1, static_cast<std::int64_t>(k)).bind(2, meta.forecast.calls_per_half_hour[k]);
      f.step();
      f.reset();
    }
    Statement c = db_.prepare("INSERT INTO commitment_texts VALUES(?1, ?2, ?3)");
    for (const auto& [id, en, zh] : meta.commitment_texts) {
      c.bind(1, id).bind(2, en).bind(3, zh);
      c.step();
      c.reset();
    }
  } catch (...) {
    db_.exec("ROLLBACK;");
    throw;
  }
  db_.exec("COMMIT;");
}

StudyMeta StudyDb::read_meta() {
  std::map<std::string, std::string> kv;
  Statement q = db_.prepare("SELECT key, value FROM meta");
  while (q.step()) kv[q.column_text(0)] = q.column_text(1);
  StudyMeta m;
  m.plan_id = kv["plan_id"];
  m.plan_name_en = kv["plan_name_en"];
  m.plan_name_zh = kv["plan_name_zh"];
  m.fingerprint = kv["plan_fingerprint"];
  m.scenario = kv["scenario"];
  m.baseline = static_cast<std::uint32_t>(std::stoul(kv["baseline"].empty() ? "0" : kv["baseline"]));
  m.replications = static_cast<std::uint32_t>(std::stoul(kv["replications"].empty() ? "0" : kv["replications"]));
  m.kpis = split(kv["kpis"]);
  if (!kv["service_level_s"].empty()) m.service_level_s = std::stod(kv["service_level_s"]);
  if (!kv["forecast_aht_s"].empty()) m.forecast.aht_s = std::stod(kv["forecast_aht_s"]);
  if (!kv["forecast_pilot_runs"].empty()) m.forecast.pilot_runs = static_cast<std::uint32_t>(std::stoul(kv["forecast_pilot_runs"]));
  Statement f = db_.prepare("SELECT calls FROM forecast ORDER BY half_hour");
  while (f.step()) m.forecast.calls_per_half_hour.push_back(f.column_double(0));
  Statement c = db_.prepare("SELECT commitment, text_en, text_zh FROM commitment_texts ORDER BY rowid");
  while (c.step()) m.commitment_texts.push_back({c.column_text(0), c.column_text(1), c.column_text(2)});
  return m;
}

std::vector<StoredVariant> StudyDb::read_variants() {
  std::vector<StoredVariant> out;
  Statement q = db_.prepare(
      "SELECT id, name_en, name_zh, agent_hours, crews_total, aid_crews, shrinkage_pct, mean_patience_s FROM variants "
      "ORDER BY variant");
  while (q.step()) {
    StoredVariant v;
    v.id = q.column_text(0);
    v.name_en = q.column_text(1);
    v.name_zh = q.column_text(2);
    v.agent_hours = q.column_double(3);
    v.crews_total = static_cast<int>(q.column_int(4));
    v.aid_crews = static_cast<int>(q.column_int(5));
    v.shrinkage_pct = q.column_double(6);
    v.mean_patience_s = q.column_double(7);
    out.push_back(v);
  }
  return out;
}

std::set<run::RunKey> StudyDb::stored_runs() {
  std::set<run::RunKey> out;
  Statement q = db_.prepare("SELECT variant, replication FROM runs");
  while (q.step())
    out.insert(run::RunKey{static_cast<std::uint32_t>(q.column_int(0)), static_cast<std::uint32_t>(q.column_int(1))});
  return out;
}

void StudyDb::insert(const run::RunRecord& r) {
  const auto v = static_cast<std::int64_t>(r.variant), rep = static_cast<std::int64_t>(r.replication);
  db_.exec("BEGIN;");
  try {
    std::string sql = "INSERT OR REPLACE INTO runs VALUES(?1, ?2, ?3, ?4, ?5";
    for (std::size_t k = 0; k < run::kKpiCount; ++k) sql += ", ?" + std::to_string(k + 6);
    Statement q = db_.prepare(sql + ")");
    q.bind(1, v).bind(2, rep).bind(3, static_cast<std::int64_t>(r.seed)).bind(4, static_cast<std::int64_t>(r.events));
    q.bind(5, r.sim_hours);
    for (std::size_t k = 0; k < run::kKpiCount; ++k) q.bind(static_cast<int>(k + 6), r.kpi[k]);
    q.step();
    Statement iv = db_.prepare("INSERT OR REPLACE INTO intervals VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    for (const run::IntervalRecord& i : r.intervals) {
      iv.bind(1, v).bind(2, rep).bind(3, static_cast<std::int64_t>(i.half_hour)).bind(4, static_cast<std::int64_t>(i.seats));
      iv.bind(5, static_cast<std::int64_t>(i.agents)).bind(6, static_cast<std::int64_t>(i.offered));
      iv.bind(7, static_cast<std::int64_t>(i.answered_by_ivr)).bind(8, static_cast<std::int64_t>(i.answered));
      iv.bind(9, static_cast<std::int64_t>(i.abandoned)).bind(10, static_cast<std::int64_t>(i.within_sl));
      iv.bind(11, i.wait_answered_s);
      iv.step();
      iv.reset();
    }
    Statement c = db_.prepare("INSERT OR REPLACE INTO commitments VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    for (const run::CommitmentRecord& cr : r.commitments) {
      c.bind(1, v).bind(2, rep).bind(3, cr.id).bind(4, cr.measured);
      if (cr.met >= 0) c.bind(5, static_cast<std::int64_t>(cr.met));
      c.bind(6, static_cast<std::int64_t>(cr.incidents)).bind(7, static_cast<std::int64_t>(cr.within_target));
      c.bind(8, static_cast<std::int64_t>(cr.breaches));
      c.step();
      c.reset();
    }
    Statement cp = db_.prepare("INSERT OR REPLACE INTO complaints VALUES(?1, ?2, ?3, ?4)");
    for (const auto& [reason, count] : r.complaints_by_reason) {
      cp.bind(1, v).bind(2, rep).bind(3, reason).bind(4, static_cast<std::int64_t>(count));
      cp.step();
      cp.reset();
    }
  } catch (...) {
    db_.exec("ROLLBACK;");
    throw;
  }
  db_.exec("COMMIT;");
}

std::vector<run::RunRecord> StudyDb::read_runs() {
  std::map<run::RunKey, run::RunRecord> by_key;
  {
    Statement q = db_.prepare("SELECT * FROM runs ORDER BY variant, replication");
    while (q.step()) {
      run::RunRecord r;
      r.variant = static_cast<std::uint32_t>(q.column_int(0));
      r.replication = static_cast<std::uint32_t>(q.column_int(1));
      r.seed = static_cast<std::uint64_t>(q.column_int(2));
      r.events = static_cast<std::uint64_t>(q.column_int(3));
      r.sim_hours = q.column_double(4);
      for (std::size_t k = 0; k < run::kKpiCount; ++k) r.kpi[k] = q.column_double(static_cast<int>(k + 5));
      by_key[run::RunKey{r.variant, r.replication}] = std::move(r);
    }
  }
  {
    Statement q = db_.prepare("SELECT * FROM intervals ORDER BY variant, replication, half_hour");
    while (q.step()) {
      const auto it = by_key.find(run::RunKey{static_cast<std::uint32_t>(q.column_int(0)), static_cast<std::uint32_t>(q.column_int(1))});
      if (it == by_key.end()) continue;
      run::IntervalRecord i;
      i.half_hour = static_cast<std::uint32_t>(q.column_int(2));
      i.seats = static_cast<int>(q.column_int(3));
      i.agents = static_cast<int>(q.column_int(4));
      i.offered = static_cast<std::uint64_t>(q.column_int(5));
      i.answered_by_ivr = static_cast<std::uint64_t>(q.column_int(6));
      i.answered = static_cast<std::uint64_t>(q.column_int(7));
      i.abandoned = static_cast<std::uint64_t>(q.column_int(8));
      i.within_sl = static_cast<std::uint64_t>(q.column_int(9));
      i.wait_answered_s = q.column_double(10);
      it->second.intervals.push_back(i);
    }
  }
  {
    // Commitments in the order the scorer listed them: rowid order within a run.
    Statement q = db_.prepare("SELECT * FROM commitments ORDER BY variant, replication, rowid");
    while (q.step()) {
      const auto it = by_key.find(run::RunKey{static_cast<std::uint32_t>(q.column_int(0)), static_cast<std::uint32_t>(q.column_int(1))});
      if (it == by_key.end()) continue;
      run::CommitmentRecord c;
      c.id = q.column_text(2);
      c.measured = q.column_double(3);
      const double met = q.column_double(4);
      c.met = std::isnan(met) ? -1 : static_cast<int>(met);
      c.incidents = static_cast<std::uint64_t>(q.column_int(5));
      c.within_target = static_cast<std::uint64_t>(q.column_int(6));
      c.breaches = static_cast<std::uint64_t>(q.column_int(7));
      it->second.commitments.push_back(std::move(c));
    }
  }
  {
    Statement q = db_.prepare("SELECT * FROM complaints ORDER BY variant, replication, reason");
    while (q.step()) {
      const auto it = by_key.find(run::RunKey{static_cast<std::uint32_t>(q.column_int(0)), static_cast<std::uint32_t>(q.column_int(1))});
      if (it == by_key.end()) continue;
      it->second.complaints_by_reason.emplace_back(q.column_text(2), static_cast<std::uint32_t>(q.column_int(3)));
    }
  }
  std::vector<run::RunRecord> out;
  out.reserve(by_key.size());
  for (auto& [key, r] : by_key) out.push_back(std::move(r));
  return out;
}

std::size_t StudyDb::merge_from(const std::string& other_path) {
  StudyDb other(other_path, false);
  const StudyMeta theirs = other.read_meta();
  if (!has_plan()) {
    write_plan(theirs, other.read_variants());
  } else {
    const StudyMeta mine = read_meta();
    if (mine.fingerprint != theirs.fingerprint)
      throw std::runtime_error(other_path + ": found plan fingerprint " + theirs.fingerprint + ", expected " +
                               mine.fingerprint + " (the shards must come from the same plan and base scenario)");
  }
  const std::set<run::RunKey> have = stored_runs();
  std::size_t added = 0;
  for (const run::RunRecord& r : other.read_runs()) {
    if (have.count(run::RunKey{r.variant, r.replication})) continue;
    insert(r);
    ++added;
  }
  return added;
}

}  // namespace fl::trainer

// ---- details --------------------------------------------------------------------------------

namespace fl::trainer {

namespace {

constexpr int kDetailsSchemaVersion = 1;

const char* const kDetailsDdl =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE decisions(variant INTEGER NOT NULL, replication INTEGER NOT NULL, seq INTEGER NOT NULL, hours REAL, "
    "kind INTEGER, actor INTEGER, target INTEGER, value INTEGER, by_trainee INTEGER, accepted INTEGER, reason TEXT, "
    "message_key TEXT, context TEXT, PRIMARY KEY(variant, replication, seq));"
    "CREATE TABLE crews(variant INTEGER NOT NULL, replication INTEGER NOT NULL, crew INTEGER NOT NULL, name TEXT, type TEXT, "
    "mutual_aid INTEGER, PRIMARY KEY(variant, replication, crew));"
    "CREATE TABLE crew_segments(variant INTEGER NOT NULL, replication INTEGER NOT NULL, crew INTEGER NOT NULL, "
    "seq INTEGER NOT NULL, start_hours REAL, end_hours REAL, activity TEXT, target INTEGER, "
    "PRIMARY KEY(variant, replication, crew, seq));"
    "CREATE TABLE work_orders(variant INTEGER NOT NULL, replication INTEGER NOT NULL, id INTEGER NOT NULL, type TEXT, "
    "reason TEXT, customer INTEGER, opened_hours REAL, dispatched_hours REAL, on_site_hours REAL, resolved_hours REAL, "
    "confirmed_hours REAL, first_due_hours REAL, final_due_hours REAL, urgings INTEGER, priority INTEGER, "
    "escalated INTEGER, overdue INTEGER, PRIMARY KEY(variant, replication, id));"
    "CREATE TABLE complaint_clocks(variant INTEGER NOT NULL, replication INTEGER NOT NULL, id INTEGER NOT NULL, "
    "customer INTEGER, category TEXT, reason TEXT, important INTEGER, opened_hours REAL, contacted_hours REAL, "
    "replied_hours REAL, PRIMARY KEY(variant, replication, id));"
    "CREATE TABLE important_customers(variant INTEGER NOT NULL, replication INTEGER NOT NULL, rank INTEGER NOT NULL, "
    "customer INTEGER, kind TEXT, name TEXT, outage_minutes REAL, interruptions INTEGER, terrain TEXT, "
    "terrain_median_minutes REAL, longer_than_median INTEGER, PRIMARY KEY(variant, replication, rank));"
    "CREATE TABLE important_delays(variant INTEGER NOT NULL, replication INTEGER NOT NULL, rank INTEGER NOT NULL, "
    "reason TEXT NOT NULL, fault INTEGER, amount REAL, PRIMARY KEY(variant, replication, rank, reason));";

std::int64_t i64(std::uint64_t v) { return static_cast<std::int64_t>(v); }
std::int64_t b64(bool v) { return v ? 1 : 0; }
/// Binds an id that may be absent (-1) as NULL.
void bind_id(Statement& q, int index, std::int64_t v) {
  if (v < 0) q.bind(index, std::numeric_limits<double>::quiet_NaN());
  else q.bind(index, v);
}

/// Runs `body`, turning any error into one that names `path` (SQLite's own messages do not).
template <class F>
auto naming(const std::string& path, const char* doing, F&& body) {
  try {
    return body();
  } catch (const std::exception& e) {
    const std::string what = e.what();
    if (what.find(path) != std::string::npos) throw;
    throw std::runtime_error("cannot " + std::string(doing) + " " + path + ": " + what);
  }
}

}  // namespace

void write_details(const std::string& path, const run::RunDetails& d, const DetailsMeta& meta, std::uint32_t variant,
                   std::uint32_t replication) {
  naming(path, "write", [&] {
    std::error_code ec;
    std::filesystem::remove(path, ec);
    RecordsDb db(path, true);
    // A fresh file the caller syncs and renames into place: no journal needed.
    db.exec("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;");
    db.exec(kDetailsDdl);
    db.exec("BEGIN;");
    {
      Statement m = db.prepare("INSERT INTO meta VALUES(?1, ?2)");
      for (const auto& [k, v] : std::vector<std::pair<std::string, std::string>>{
               {"schema", "faultline-details"},
               {"schema_version", std::to_string(kDetailsSchemaVersion)},
               {"scenario", meta.scenario},
               {"seed", std::to_string(meta.seed)}}) {
        m.bind(1, k).bind(2, v);
        m.step();
        m.reset();
      }
      const std::int64_t var = variant, rep = replication;
      Statement q = db.prepare("INSERT INTO decisions VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
      for (const run::DecisionRow& r : d.decisions) {
        q.bind(1, var).bind(2, rep).bind(3, i64(r.seq)).bind(4, r.hours).bind(5, std::int64_t{r.kind});
        q.bind(6, std::int64_t{r.actor}).bind(7, std::int64_t{r.target}).bind(8, r.value).bind(9, b64(r.by_trainee));
        q.bind(10, b64(r.accepted)).bind(11, r.reason).bind(12, r.message_key).bind(13, r.context);
        q.step();
        q.reset();
      }
      Statement c = db.prepare("INSERT INTO crews VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
      for (const run::CrewRow& r : d.crews) {
        c.bind(1, var).bind(2, rep).bind(3, std::int64_t{r.crew}).bind(4, r.name).bind(5, r.type).bind(6, b64(r.mutual_aid));
        c.step();
        c.reset();
      }
      Statement s = db.prepare("INSERT INTO crew_segments VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
      for (const run::CrewSegmentRow& r : d.crew_segments) {
        s.bind(1, var).bind(2, rep).bind(3, std::int64_t{r.crew}).bind(4, std::int64_t{r.seq}).bind(5, r.start_hours);
        s.bind(6, r.end_hours).bind(7, r.activity);
        bind_id(s, 8, r.target);
        s.step();
        s.reset();
      }
      Statement o = db.prepare(
          "INSERT INTO work_orders VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)");
      for (const run::WorkOrderRow& r : d.work_orders) {
        o.bind(1, var).bind(2, rep).bind(3, std::int64_t{r.id}).bind(4, r.type).bind(5, r.reason);
        bind_id(o, 6, r.customer);
        o.bind(7, r.opened_hours).bind(8, r.dispatched_hours).bind(9, r.on_site_hours).bind(10, r.resolved_hours);
        o.bind(11, r.confirmed_hours).bind(12, r.first_due_hours).bind(13, r.final_due_hours);
        o.bind(14, std::int64_t{r.urgings}).bind(15, std::int64_t{r.priority}).bind(16, b64(r.escalated)).bind(17, b64(r.overdue));
        o.step();
        o.reset();
      }
      Statement k = db.prepare("INSERT INTO complaint_clocks VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
      for (const run::ComplaintRow& r : d.complaints) {
        k.bind(1, var).bind(2, rep).bind(3, std::int64_t{r.id}).bind(4, std::int64_t{r.customer}).bind(5, r.category);
        k.bind(6, r.reason).bind(7, b64(r.important)).bind(8, r.opened_hours).bind(9, r.contacted_hours).bind(10, r.replied_hours);
        k.step();
        k.reset();
      }
      Statement im = db.prepare("INSERT INTO important_customers VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
      Statement why = db.prepare("INSERT INTO important_delays VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
      for (std::size_t i = 0; i < d.important_customers.size(); ++i) {
        const run::ImportantRow& r = d.important_customers[i];
        im.bind(1, var).bind(2, rep).bind(3, i64(i)).bind(4, std::int64_t{r.customer}).bind(5, r.kind).bind(6, r.name);
        im.bind(7, r.outage_minutes).bind(8, std::int64_t{r.interruptions}).bind(9, r.terrain).bind(10, r.terrain_median_minutes);
        im.bind(11, b64(r.longer_than_median));
        im.step();
        im.reset();
        for (const run::ImportantDelayRow& w : r.why) {
          why.bind(1, var).bind(2, rep).bind(3, i64(i)).bind(4, w.reason).bind(5, std::int64_t{w.fault}).bind(6, w.amount);
          why.step();
          why.reset();
        }
      }
    }
    db.exec("COMMIT;");
  });
}

void write_details_atomically(const std::string& path, const run::RunDetails& details, const DetailsMeta& meta) {
  std::string temp = path + ".tmp-XXXXXX";
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) throw std::runtime_error("cannot write " + path + ": " + std::strerror(errno));
  ::close(fd);
  try {
    write_details(temp, details, meta);
    const int sync_fd = ::open(temp.c_str(), O_RDONLY | O_CLOEXEC);
    const bool synced = sync_fd >= 0 && ::fsync(sync_fd) == 0;
    if (sync_fd >= 0) ::close(sync_fd);
    if (!synced) throw std::runtime_error(std::strerror(errno));
    ::chmod(temp.c_str(), 0644);
    std::filesystem::rename(temp, path);
  } catch (const std::exception& e) {
    ::unlink(temp.c_str());
    const std::string what = e.what();
    if (what.find(path) != std::string::npos) throw;
    throw std::runtime_error("cannot write " + path + ": " + what);
  }
}

run::RunDetails read_details(const std::string& path, std::uint32_t variant, std::uint32_t replication) {
  if (!std::filesystem::is_regular_file(path))
    throw std::runtime_error(path + ": no such file (a run writes its details beside its scorecard.json)");
  return naming(path, "read", [&] {
    RecordsDb db(path, false);
    std::map<std::string, std::string> kv;
    {
      Statement q = db.prepare("SELECT key, value FROM meta");
      while (q.step()) kv[q.column_text(0)] = q.column_text(1);
    }
    if (kv["schema"] != "faultline-details")
      throw std::runtime_error(path + ": not a Faultline details file (meta.schema is \"" + kv["schema"] +
                               "\", expected \"faultline-details\")");
    if (kv["schema_version"] != std::to_string(kDetailsSchemaVersion))
      throw std::runtime_error(path + ": found details schema version " + kv["schema_version"] + ", expected " +
                               std::to_string(kDetailsSchemaVersion));
    run::RunDetails d;
    const std::string where = " WHERE variant=" + std::to_string(variant) + " AND replication=" + std::to_string(replication);
    {
      Statement q = db.prepare("SELECT seq, hours, kind, actor, target, value, by_trainee, accepted, reason, message_key, context "
                               "FROM decisions" + where + " ORDER BY seq");
      while (q.step()) {
        run::DecisionRow r;
        r.seq = static_cast<std::uint64_t>(q.column_int(0));
        r.hours = q.column_double(1);
        r.kind = static_cast<int>(q.column_int(2));
        r.actor = static_cast<std::uint32_t>(q.column_int(3));
        r.target = static_cast<std::uint32_t>(q.column_int(4));
        r.value = q.column_int(5);
        r.by_trainee = q.column_int(6) != 0;
        r.accepted = q.column_int(7) != 0;
        r.reason = q.column_text(8);
        r.message_key = q.column_text(9);
        r.context = q.column_text(10);
        d.decisions.push_back(std::move(r));
      }
    }
    {
      Statement q = db.prepare("SELECT crew, name, type, mutual_aid FROM crews" + where + " ORDER BY crew");
      while (q.step())
        d.crews.push_back({static_cast<std::uint32_t>(q.column_int(0)), q.column_text(1), q.column_text(2), q.column_int(3) != 0});
    }
    {
      Statement q = db.prepare("SELECT crew, seq, start_hours, end_hours, activity, target FROM crew_segments" + where +
                               " ORDER BY crew, seq");
      while (q.step()) {
        const double target = q.column_double(5);
        d.crew_segments.push_back({static_cast<std::uint32_t>(q.column_int(0)), static_cast<std::uint32_t>(q.column_int(1)),
                                   q.column_double(2), q.column_double(3), q.column_text(4),
                                   std::isnan(target) ? -1 : q.column_int(5)});
      }
    }
    {
      Statement q = db.prepare(
          "SELECT id, type, reason, customer, opened_hours, dispatched_hours, on_site_hours, resolved_hours, confirmed_hours, "
          "first_due_hours, final_due_hours, urgings, priority, escalated, overdue FROM work_orders" + where + " ORDER BY id");
      while (q.step()) {
        run::WorkOrderRow r;
        r.id = static_cast<std::uint32_t>(q.column_int(0));
        r.type = q.column_text(1);
        r.reason = q.column_text(2);
        r.customer = std::isnan(q.column_double(3)) ? -1 : q.column_int(3);
        r.opened_hours = q.column_double(4);
        r.dispatched_hours = q.column_double(5);
        r.on_site_hours = q.column_double(6);
        r.resolved_hours = q.column_double(7);
        r.confirmed_hours = q.column_double(8);
        r.first_due_hours = q.column_double(9);
        r.final_due_hours = q.column_double(10);
        r.urgings = static_cast<int>(q.column_int(11));
        r.priority = static_cast<int>(q.column_int(12));
        r.escalated = q.column_int(13) != 0;
        r.overdue = q.column_int(14) != 0;
        d.work_orders.push_back(std::move(r));
      }
    }
    {
      Statement q = db.prepare("SELECT id, customer, category, reason, important, opened_hours, contacted_hours, replied_hours "
                               "FROM complaint_clocks" + where + " ORDER BY id");
      while (q.step())
        d.complaints.push_back({static_cast<std::uint32_t>(q.column_int(0)), static_cast<std::uint32_t>(q.column_int(1)),
                                q.column_text(2), q.column_text(3), q.column_int(4) != 0, q.column_double(5),
                                q.column_double(6), q.column_double(7)});
    }
    {
      Statement q = db.prepare("SELECT customer, kind, name, outage_minutes, interruptions, terrain, terrain_median_minutes, "
                               "longer_than_median FROM important_customers" + where + " ORDER BY rank");
      while (q.step()) {
        run::ImportantRow r;
        r.customer = static_cast<std::uint32_t>(q.column_int(0));
        r.kind = q.column_text(1);
        r.name = q.column_text(2);
        r.outage_minutes = q.column_double(3);
        r.interruptions = static_cast<std::uint32_t>(q.column_int(4));
        r.terrain = q.column_text(5);
        r.terrain_median_minutes = q.column_double(6);
        r.longer_than_median = q.column_int(7) != 0;
        d.important_customers.push_back(std::move(r));
      }
      Statement w = db.prepare("SELECT rank, reason, fault, amount FROM important_delays" + where + " ORDER BY rank, rowid");
      while (w.step()) {
        const auto rank = static_cast<std::size_t>(w.column_int(0));
        if (rank < d.important_customers.size())
          d.important_customers[rank].why.push_back({w.column_text(1), static_cast<std::uint32_t>(w.column_int(2)), w.column_double(3)});
      }
    }
    return d;
  });
}

}  // namespace fl::trainer
