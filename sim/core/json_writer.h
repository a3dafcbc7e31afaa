#pragma once
/// \file A small streaming JSON writer for the scorecard and reports, so headers stay free of
/// RapidJSON. Output is deterministic: doubles are printed with round-trip precision.
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>

namespace fl {

/// `text` with every invalid UTF-8 sequence (stray or missing continuation bytes, overlong forms,
/// surrogates, code points past U+10FFFF) replaced by U+FFFD, so what goes out is valid JSON for
/// other tools; valid text comes back unchanged.
std::string valid_utf8(std::string_view text);

/// Streams one JSON document into a string. Calls must nest correctly (object keys before values);
/// misuse throws std::logic_error.
class JsonWriter {
 public:
  /// `pretty` indents with two spaces.
  explicit JsonWriter(bool pretty = true);
  ~JsonWriter();
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  /// Emits an object key; the next call writes its value.
  JsonWriter& key(std::string_view k);
  void value(double v);  ///< NaN/inf are written as null
  void value(std::int64_t v);
  void value(std::uint64_t v);
  void value(int v) { value(static_cast<std::int64_t>(v)); }
  void value(unsigned v) { value(static_cast<std::uint64_t>(v)); }
  void value(bool v);
  void value(std::string_view v);  ///< invalid UTF-8 is written as U+FFFD (valid_utf8)
  void value(const char* v) { value(std::string_view(v)); }
  void null();
  /// Inserts an already-serialised JSON value verbatim (must be valid JSON).
  void raw(std::string_view json);
  /// Inside an object being written: writes the members of the JSON object `object_json` (as
  /// another writer made it) in order, leaving out those named in `drop`, in this writer's layout;
  /// numbers keep their exact value. Throws std::logic_error when `object_json` is not an object.
  void members_of(std::string_view object_json, std::initializer_list<std::string_view> drop);
  /// The finished document.
  std::string str() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace fl
