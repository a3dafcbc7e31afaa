#pragma once
/// \file JsonReader: a cereal input archive over a RapidJSON document that never throws on bad
/// input. It records every problem (missing field, wrong type, value that does not fit) with the
/// field's path into fl::Problems, leaves the destination at its default, and goes on reading;
/// fields the structs do not read are reported as warnings. Include only where a reader is
/// instantiated (it pulls in RapidJSON); config headers need only cereal and optional_nvp.h.
#include <rapidjson/document.h>

#include <cereal/cereal.hpp>
#include <cereal/details/traits.hpp>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

#include "sim/scenario/optional_nvp.h"
#include "sim/scenario/problems.h"

namespace fl {

/// Largest input file the loaders read: a scenario, session or commitment set is far smaller, so
/// anything bigger (or an endless device such as /dev/zero) is refused instead of read into memory.
constexpr std::size_t kMaxInputBytes = std::size_t{64} << 20;
/// Deepest nesting of objects and lists a loader accepts (real files nest fewer than 10 levels).
constexpr int kMaxJsonDepth = 256;

/// Reads the whole file at `path` into `text`. A missing or unreadable file, a directory, or a
/// file larger than `max_bytes` becomes a whole-file problem ("is a directory", "larger than
/// 64 MB"); returns false then. `what` names what the file should be ("a scenario file").
bool read_input_file(const std::string& path, std::string& text, Problems& problems, const std::string& what,
                     std::size_t max_bytes = kMaxInputBytes);

/// Parses JSON text into `doc` without recursion (RapidJSON's iterative parser), accepting
/// comments and refusing invalid UTF-8, nesting deeper than kMaxJsonDepth, and keys that appear
/// twice in one object (each reported with both positions). Problems give line and column.
/// Returns false (with problems recorded) when the text is not usable.
bool parse_json(const std::string& text, rapidjson::Document& doc, Problems& problems);

/// Line and column (both 1-based, column in bytes) of a byte offset into `text`.
void line_column(const std::string& text, std::size_t offset, std::size_t& line, std::size_t& column);

/// Reads plain structs with serialize() through cereal, reporting problems instead of throwing.
class JsonReader : public cereal::InputArchive<JsonReader, cereal::AllowEmptyClassElision> {
 public:
  /// `root` and `problems` must outlive the reader.
  JsonReader(const rapidjson::Value& root, Problems& problems);

  /// Called by the field wrappers: select the member `name` of the current object for the next
  /// value. Returns false (recording "missing" if `required`) when it is absent or unreadable.
  bool select_member(const char* name, bool required);
  void start_object();
  void start_array();
  void finish_node();
  void load_size(cereal::size_type& size);
  void load_value(bool& v);
  void load_value(std::string& v);
  template <class T>
  void load_number(T& v);

 private:
  struct Node {
    const rapidjson::Value* value = nullptr;  // null: absent or wrong type; reads below are skipped
    std::string path;
    rapidjson::SizeType next_index = 0;
    std::vector<std::string> read_members;
  };
  /// The value the next load consumes, with its path; null when the enclosing node is skipped.
  const rapidjson::Value* next_value(std::string& path);
  static std::string describe(const rapidjson::Value& v);

  const rapidjson::Value& root_;
  Problems& problems_;
  std::vector<Node> stack_;
  bool root_taken_ = false;
  const char* pending_name_ = nullptr;
};

template <class T>
void JsonReader::load_number(T& v) {
  std::string path;
  const rapidjson::Value* value = next_value(path);
  if (!value) return;
  if constexpr (std::is_floating_point_v<T>) {
    if (!value->IsNumber()) return problems_.error(path, "found " + describe(*value), "a number");
    v = static_cast<T>(value->GetDouble());
  } else {
    const char* kind = std::is_signed_v<T> ? "an integer" : "a non-negative integer";
    if (!value->IsInt64() && !value->IsUint64()) return problems_.error(path, "found " + describe(*value), kind);
    if (value->IsUint64()) {
      const std::uint64_t u = value->GetUint64();
      if (u > static_cast<std::uint64_t>(std::numeric_limits<T>::max()))
        return problems_.error(path, "found " + std::to_string(u),
                               std::string(kind) + " up to " + std::to_string(std::numeric_limits<T>::max()));
      v = static_cast<T>(u);
    } else {
      const std::int64_t s = value->GetInt64();
      if (s < static_cast<std::int64_t>(std::numeric_limits<T>::min()))
        return problems_.error(path, "found " + std::to_string(s), kind);
      v = static_cast<T>(s);
    }
  }
}

// ---- cereal glue: which archive call handles which type ------------------------------------

template <class T>
void prologue(JsonReader&, const cereal::NameValuePair<T>&) {}
template <class T>
void epilogue(JsonReader&, const cereal::NameValuePair<T>&) {}
template <class T>
void prologue(JsonReader&, const OptionalNvp<T>&) {}
template <class T>
void epilogue(JsonReader&, const OptionalNvp<T>&) {}
template <class T>
void prologue(JsonReader&, const cereal::SizeTag<T>&) {}
template <class T>
void epilogue(JsonReader&, const cereal::SizeTag<T>&) {}
template <class T, class A>
void prologue(JsonReader& ar, const std::vector<T, A>&) { ar.start_array(); }
template <class T, class A>
void epilogue(JsonReader& ar, const std::vector<T, A>&) { ar.finish_node(); }
inline void prologue(JsonReader&, const std::string&) {}
inline void epilogue(JsonReader&, const std::string&) {}

namespace detail {
template <class T>
struct is_vector : std::false_type {};
template <class T, class A>
struct is_vector<std::vector<T, A>> : std::true_type {};
template <class T>
struct is_field_wrapper : std::false_type {};
template <class T>
struct is_field_wrapper<cereal::NameValuePair<T>> : std::true_type {};
template <class T>
struct is_field_wrapper<OptionalNvp<T>> : std::true_type {};
template <class T>
struct is_field_wrapper<cereal::SizeTag<T>> : std::true_type {};
template <class T>
constexpr bool is_struct_v = std::is_class_v<T> && !is_vector<T>::value && !is_field_wrapper<T>::value &&
                             !std::is_same_v<T, std::string>;
}  // namespace detail

/// Structs are JSON objects.
template <class T, std::enable_if_t<detail::is_struct_v<T>, int> = 0>
void prologue(JsonReader& ar, const T&) { ar.start_object(); }
template <class T, std::enable_if_t<detail::is_struct_v<T>, int> = 0>
void epilogue(JsonReader& ar, const T&) { ar.finish_node(); }
/// Numbers, booleans and enums (as their underlying integer) have no node of their own.
template <class T, std::enable_if_t<std::is_arithmetic_v<T> || std::is_enum_v<T>, int> = 0>
void prologue(JsonReader&, const T&) {}
template <class T, std::enable_if_t<std::is_arithmetic_v<T> || std::is_enum_v<T>, int> = 0>
void epilogue(JsonReader&, const T&) {}

template <class T>
void CEREAL_LOAD_FUNCTION_NAME(JsonReader& ar, cereal::NameValuePair<T>& field) {
  if (ar.select_member(field.name, true)) ar(field.value);
}
template <class T>
void CEREAL_LOAD_FUNCTION_NAME(JsonReader& ar, OptionalNvp<T>& field) {
  if (ar.select_member(field.name, false)) ar(field.value);
}
template <class T>
void CEREAL_LOAD_FUNCTION_NAME(JsonReader& ar, cereal::SizeTag<T>& tag) {
  cereal::size_type size = 0;
  ar.load_size(size);
  tag.size = static_cast<std::remove_reference_t<T>>(size);
}
template <class T, std::enable_if_t<std::is_arithmetic_v<T> && !std::is_same_v<T, bool>, int> = 0>
void CEREAL_LOAD_FUNCTION_NAME(JsonReader& ar, T& v) { ar.load_number(v); }
inline void CEREAL_LOAD_FUNCTION_NAME(JsonReader& ar, bool& v) { ar.load_value(v); }
inline void CEREAL_LOAD_FUNCTION_NAME(JsonReader& ar, std::string& v) { ar.load_value(v); }

}  // namespace fl

// Enums are read as their underlying integer through cereal's load_minimal, which looks up the
// output archive paired with an input archive to learn the stored type.
namespace cereal {
class JSONOutputArchive;
namespace traits::detail {
template <>
struct get_output_from_input<fl::JsonReader> {
  using type = cereal::JSONOutputArchive;
};
}  // namespace traits::detail
}  // namespace cereal
