#pragma once
/// \file A run's output folder written as one set: scorecard, details, report and session of one run,
/// never a mix of two. Files go into a fresh hidden folder beside the target (unique name from
/// mkdtemp, every file and the folder fsynced), which then takes the target's place in one atomic
/// exchange (Linux renameat2 RENAME_EXCHANGE); the old set is deleted afterwards. A kill at any
/// moment leaves the old set or the new one, whole; leftovers of killed runs are cleaned up by
/// the next run into the same folder. Other entries in the folder (a replay/ subfolder, the
/// user's notes) are carried over into the new set as hard links (folders recreated), so the old
/// folder is never changed before the exchange and a kill never hides them.
#include <string>
#include <vector>

namespace fl::trainer {

/// One set of output files on its way into `dir`. Not copyable; one thread.
class OutputSet {
 public:
  /// Prepares an empty staging folder beside `dir` (created with its parents if missing) and
  /// cleans up leftovers of killed runs. Throws std::runtime_error naming the folder when it
  /// cannot, or when `dir` is the current folder or one of its parents (it would be replaced).
  explicit OutputSet(const std::string& dir);
  /// Removes the staging folder unless commit() moved it into place.
  ~OutputSet();
  OutputSet(const OutputSet&) = delete;
  OutputSet& operator=(const OutputSet&) = delete;

  /// Writes `contents` as the set's file `name` (a plain file name) and fsyncs it. Throws
  /// std::runtime_error naming the file on failure.
  void write(const std::string& name, const std::string& contents);
  /// The staging path for the set's file `name`, for writers that make the file themselves (the
  /// run's details.sqlite): write it there, closed, before commit(), which syncs it with the set.
  std::string stage(const std::string& name);
  /// Where `name` will be once committed (inside `dir`, as the caller spelled it).
  std::string final_path(const std::string& name) const;
  /// Puts the set in place of `dir` atomically. Throws std::runtime_error on failure (the old
  /// folder is then untouched).
  void commit();

  /// File names that belong to a run's set and are never carried over from an older set.
  static const std::vector<std::string>& run_file_names();

 private:
  std::string given_;    // target as the caller spelled it (for messages and paths shown)
  std::string dir_;      // target, absolute and normalised
  std::string staging_;  // hidden sibling of dir_
  std::vector<std::string> names_;
  std::vector<std::string> staged_;  // written by their own writers through stage()
  bool committed_ = false;
};

/// Refuses (std::runtime_error naming both) an output folder that holds `input`, the file a
/// command reads: a replay or debrief writing its set there would drop the run's session.json.
void check_output_beside(const std::string& dir, const std::string& input);

}  // namespace fl::trainer
