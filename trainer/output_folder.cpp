#include "trainer/output_folder.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>

namespace fl::trainer {

namespace fs = std::filesystem;

namespace {

std::runtime_error failure(const std::string& what, const std::string& path) {
  return std::runtime_error("cannot " + what + " " + path + ": " + std::strerror(errno));
}

/// fsync a file or folder by path, so a crash of the machine cannot reorder the set's writes.
void sync_path(const std::string& path, bool directory) {
  const int fd = ::open(path.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
  if (fd < 0) throw failure("open", path);
  const int rc = ::fsync(fd);
  const int saved = errno;
  ::close(fd);
  errno = saved;
  if (rc != 0) throw failure("sync", path);
}

/// Holds an exclusive flock on the parent's lock file for one target, so two runs into one
/// folder (or a run and a cleanup) take turns; released by the kernel if the process dies.
class FolderLock {
 public:
  explicit FolderLock(const std::string& lock_path) {
    fd_ = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) throw failure("create the lock file", lock_path);
    while (::flock(fd_, LOCK_EX) != 0)
      if (errno != EINTR) throw failure("lock", lock_path);
  }
  ~FolderLock() { ::close(fd_); }
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;

 private:
  int fd_ = -1;
};

std::string staging_prefix(const fs::path& dir) { return "." + dir.filename().string() + ".faultline-"; }
std::string lock_path(const fs::path& dir) {
  return (dir.parent_path() / ("." + dir.filename().string() + ".faultline-lock")).string();
}

bool is_run_file(const std::string& name, const std::vector<std::string>& set_names) {
  const auto& run = OutputSet::run_file_names();
  return std::find(run.begin(), run.end(), name) != run.end() ||
         std::find(set_names.begin(), set_names.end(), name) != set_names.end();
}

/// Staging folders of runs that died (pid no longer alive) are deleted: the target folder is
/// never changed before the exchange, so a staging folder never holds the only copy of anything
/// (before the exchange it is an unfinished set, after it the replaced one). Call under the lock.
void clean_leftovers(const fs::path& dir) {
  const std::string prefix = staging_prefix(dir);
  std::error_code ec;
  std::vector<fs::path> dead;
  for (fs::directory_iterator it(dir.parent_path(), ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.rfind(prefix, 0) != 0 || name == prefix + "lock") continue;
    const long pid = std::strtol(name.c_str() + prefix.size(), nullptr, 10);
    if (pid > 0 && pid != static_cast<long>(::getpid()) && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH)
      dead.push_back(it->path());
  }
  for (const fs::path& leftover : dead) fs::remove_all(leftover, ec);
}

/// Recreates `from` at `to` without changing `from`: folders are made anew, files hard-linked
/// (the same data, so nothing is copied; copied where the file system refuses links), symbolic
/// links copied as links. Throws std::runtime_error naming the entry on failure.
void mirror(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  const fs::file_status status = fs::symlink_status(from, ec);
  if (!ec && fs::is_symlink(status)) {
    fs::copy_symlink(from, to, ec);
  } else if (!ec && fs::is_directory(status)) {
    fs::create_directory(to, from, ec);
    for (fs::directory_iterator it(from, ec), end; !ec && it != end; it.increment(ec))
      mirror(it->path(), to / it->path().filename());
  } else if (!ec) {
    fs::create_hard_link(from, to, ec);
    if (ec) {
      ec.clear();
      fs::copy_file(from, to, ec);
    }
  }
  if (ec) throw std::runtime_error("cannot carry " + from.string() + " over into the new output: " + ec.message());
}

}  // namespace

const std::vector<std::string>& OutputSet::run_file_names() {
  static const std::vector<std::string> kNames = {"scorecard.json", "report.html", "decisions.html", "session.json", "details.sqlite", "practise.json"};
  return kNames;
}

OutputSet::OutputSet(const std::string& dir) : given_(dir) {
  std::error_code ec;
  fs::path target = fs::absolute(dir, ec).lexically_normal();
  if (ec || target.empty()) throw std::runtime_error("cannot use output folder " + dir + ": " + ec.message());
  if (!target.has_filename()) target = target.parent_path();  // "out/" -> "out"
  const fs::path cwd = fs::current_path(ec).lexically_normal();
  const fs::path relative = cwd.lexically_relative(target);
  if (!ec && !relative.empty() && *relative.begin() != "..")
    throw std::runtime_error("cannot use " + dir + " as the output folder: it holds the current folder, and the "
                             "whole folder is replaced by each run; choose a folder of its own (e.g. --out out)");
  fs::create_directories(target.parent_path(), ec);
  if (ec) throw std::runtime_error("cannot create output folder " + target.parent_path().string() + ": " + ec.message());
  if (fs::exists(target, ec) && !fs::is_directory(target, ec))
    throw std::runtime_error("cannot use output folder " + dir + ": it exists and is not a folder");
  dir_ = target.string();
  {
    FolderLock lock(lock_path(target));
    clean_leftovers(target);
  }
  std::string pattern = (target.parent_path() / (staging_prefix(target) + std::to_string(::getpid()) + "-XXXXXX")).string();
  if (!::mkdtemp(pattern.data())) throw failure("create a folder beside", dir_);
  staging_ = pattern;
  ::chmod(staging_.c_str(), 0755);  // mkdtemp makes it private; the folder replaces an ordinary one
}

OutputSet::~OutputSet() {
  if (committed_ || staging_.empty()) return;
  // The target was never changed: the unfinished set simply goes.
  std::error_code ec;
  fs::remove_all(staging_, ec);
}

std::string OutputSet::final_path(const std::string& name) const { return (fs::path(given_) / name).string(); }

void OutputSet::write(const std::string& name, const std::string& contents) {
  const std::string path = (fs::path(staging_) / name).string();
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw failure("write", final_path(name));
  std::size_t done = 0;
  while (done < contents.size()) {
    const ssize_t n = ::write(fd, contents.data() + done, contents.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int saved = errno;
      ::close(fd);
      errno = saved;
      throw failure("write", final_path(name));
    }
    done += static_cast<std::size_t>(n);
  }
  const int rc = ::fsync(fd);
  const int saved = errno;
  ::close(fd);
  errno = saved;
  if (rc != 0) throw failure("sync", final_path(name));
  if (std::find(names_.begin(), names_.end(), name) == names_.end()) names_.push_back(name);
}

std::string OutputSet::stage(const std::string& name) {
  if (std::find(names_.begin(), names_.end(), name) == names_.end()) names_.push_back(name);
  if (std::find(staged_.begin(), staged_.end(), name) == staged_.end()) staged_.push_back(name);
  return (fs::path(staging_) / name).string();
}

void OutputSet::commit() {
  for (const std::string& name : staged_) {
    const std::string path = (fs::path(staging_) / name).string();
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw failure("write", final_path(name));
    const int rc = ::fsync(fd);
    const int saved = errno;
    ::close(fd);
    errno = saved;
    if (rc != 0) throw failure("sync", final_path(name));
  }
  const fs::path target(dir_);
  FolderLock lock(lock_path(target));
  clean_leftovers(target);
  std::error_code ec;
  const bool exists = fs::is_directory(target, ec);
  if (exists) {
    // Carry over what is not part of a run's set as links into the new set: the old folder stays
    // untouched until the exchange, so a kill at any moment leaves it whole, user files included.
    for (fs::directory_iterator it(target, ec), end; !ec && it != end; it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (!is_run_file(name, names_)) mirror(it->path(), fs::path(staging_) / name);
    }
    if (ec) throw std::runtime_error("cannot read the output folder " + dir_ + ": " + ec.message());
  }
  sync_path(staging_, true);
  if (exists) {
    if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, dir_.c_str(), RENAME_EXCHANGE) != 0)
      throw failure("replace", dir_);
  } else if (::rename(staging_.c_str(), dir_.c_str()) != 0) {
    throw failure("create", dir_);
  }
  committed_ = true;
  sync_path(target.parent_path().string(), true);
  // The staging name now holds the old set (or nothing): remove it.
  fs::remove_all(staging_, ec);
}

void check_output_beside(const std::string& dir, const std::string& input) {
  std::error_code ec;
  const fs::path folder = fs::path(input).parent_path().empty() ? fs::path(".") : fs::path(input).parent_path();
  if (fs::equivalent(folder, dir, ec) && !ec)
    throw std::runtime_error("cannot use " + dir + " as the output folder: it holds " + input +
                             ", which a new set there would replace; choose another folder (e.g. --out out/replay)");
}

}  // namespace fl::trainer
