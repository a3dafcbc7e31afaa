#include "sim/scenario/json_reader.h"

#include <rapidjson/encodedstream.h>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>

namespace fl {

namespace {

/// "64 MB" for messages.
std::string megabytes(std::size_t bytes) { return std::to_string(bytes >> 20) + " MB"; }

/// Byte offset -> "line L, column C", with the line starts found once for many lookups.
class Positions {
 public:
  explicit Positions(const std::string& text) : text_(text) {}
  std::string at(std::size_t offset) {
    if (!indexed_) {
      indexed_ = true;
      for (std::size_t i = 0; i < text_.size(); ++i)
        if (text_[i] == '\n') line_starts_.push_back(i + 1);
    }
    const auto after = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    const std::size_t line = static_cast<std::size_t>(after - line_starts_.begin()) + 1;
    const std::size_t start = after == line_starts_.begin() ? 0 : *(after - 1);
    return "line " + std::to_string(line) + ", column " + std::to_string(offset - start + 1);
  }

 private:
  const std::string& text_;
  bool indexed_ = false;
  std::vector<std::size_t> line_starts_;
};

/// Forwards SAX events to a Document while checking what the DOM cannot tell afterwards: the
/// nesting depth (refused beyond kMaxJsonDepth, so no later walk can overflow the stack) and
/// keys repeated in one object (RapidJSON keeps both and FindMember returns the first).
template <class Stream>
class CheckingHandler {
 public:
  CheckingHandler(rapidjson::Document& doc, const Stream& stream, const std::string& text, Positions& positions,
                  Problems& problems)
      : doc_(doc), stream_(stream), text_(text), positions_(positions), problems_(problems) {}

  bool too_deep() const { return too_deep_; }

  bool Null() { return value() && doc_.Null(); }
  bool Bool(bool b) { return value() && doc_.Bool(b); }
  bool Int(int i) { return value() && doc_.Int(i); }
  bool Uint(unsigned u) { return value() && doc_.Uint(u); }
  bool Int64(std::int64_t i) { return value() && doc_.Int64(i); }
  bool Uint64(std::uint64_t u) { return value() && doc_.Uint64(u); }
  bool Double(double d) { return value() && doc_.Double(d); }
  bool RawNumber(const char* str, rapidjson::SizeType length, bool copy) {
    return value() && doc_.RawNumber(str, length, copy);
  }
  bool String(const char* str, rapidjson::SizeType length, bool copy) {
    return value() && doc_.String(str, length, copy);
  }
  bool StartObject() { return open(true) && doc_.StartObject(); }
  bool StartArray() { return open(false) && doc_.StartArray(); }
  bool EndObject(rapidjson::SizeType members) {
    frames_.pop_back();
    return doc_.EndObject(members);
  }
  bool EndArray(rapidjson::SizeType elements) {
    frames_.pop_back();
    return doc_.EndArray(elements);
  }
  bool Key(const char* str, rapidjson::SizeType length, bool copy) {
    Frame& top = frames_.back();
    top.key.assign(str, length);
    const std::size_t at = key_start(stream_.Tell());
    const auto [it, inserted] = top.keys.emplace(top.key, at);
    if (!inserted)
      problems_.error(join_path(top.path, top.key),
                      "found this key a second time at " + positions_.at(at) + " (first at " +
                          positions_.at(it->second) + ")",
                      "each key once per object (the second value would be ignored)");
    return doc_.Key(str, length, copy);
  }

 private:
  struct Frame {
    bool object = false;
    std::string path;
    std::string key;             // objects: the key of the value being read
    std::size_t next_index = 0;  // lists: index of the value being read
    std::map<std::string, std::size_t> keys;  // objects: key -> offset of its first occurrence
  };

  /// Path of the value about to be read, and moves a list on to its next index.
  std::string child_path() {
    if (frames_.empty()) return "";
    Frame& top = frames_.back();
    if (top.object) return join_path(top.path, top.key);
    return index_path(top.path, top.next_index++);
  }
  bool value() {
    if (!frames_.empty() && !frames_.back().object) ++frames_.back().next_index;
    return true;
  }
  bool open(bool object) {
    if (frames_.size() >= static_cast<std::size_t>(kMaxJsonDepth)) {
      too_deep_ = true;
      return false;  // stops the reader: kParseErrorTermination at this offset
    }
    Frame frame;
    frame.object = object;
    frame.path = child_path();
    frames_.push_back(std::move(frame));
    return true;
  }
  /// The reader has just consumed a key's closing quote (`end` is past it): the offset of its
  /// opening quote, skipping quotes escaped inside the key.
  std::size_t key_start(std::size_t end) const {
    if (end < 2 || end > text_.size()) return end;
    for (std::size_t i = end - 1; i-- > 0;) {
      if (text_[i] != '"') continue;
      std::size_t backslashes = 0;
      while (backslashes < i && text_[i - 1 - backslashes] == '\\') ++backslashes;
      if (backslashes % 2 == 0) return i;
    }
    return end;
  }

  rapidjson::Document& doc_;
  const Stream& stream_;
  const std::string& text_;
  Positions& positions_;
  Problems& problems_;
  std::vector<Frame> frames_;
  bool too_deep_ = false;
};

}  // namespace

void line_column(const std::string& text, std::size_t offset, std::size_t& line, std::size_t& column) {
  line = 1;
  column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
}

bool read_input_file(const std::string& path, std::string& text, Problems& problems, const std::string& what,
                     std::size_t max_bytes) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    problems.error("", "is a directory", what);
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    problems.error("", "cannot open the file", what);
    return false;
  }
  // Read at most one byte past the limit: enough to know the file is too big, and an endless
  // source (/dev/zero, a pipe that never closes its writer's end aside) stops there.
  text.clear();
  std::string chunk(std::size_t{1} << 16, '\0');
  while (in && text.size() <= max_bytes) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    text.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
  }
  if (text.size() > max_bytes) {
    text.clear();
    problems.error("", "larger than " + megabytes(max_bytes), what + " (at most " + megabytes(max_bytes) + ")");
    return false;
  }
  if (in.bad()) {
    problems.error("", "cannot read the file", what);
    return false;
  }
  return true;
}

bool parse_json(const std::string& text, rapidjson::Document& doc, Problems& problems) {
  using Stream = rapidjson::EncodedInputStream<rapidjson::UTF8<>, rapidjson::MemoryStream>;
  rapidjson::MemoryStream memory(text.data(), text.size());
  Stream stream(memory);
  Positions positions(text);
  const std::size_t errors_before = problems.error_count();
  CheckingHandler<Stream> handler(doc, stream, text, positions, problems);
  rapidjson::ParseResult result;
  auto generate = [&](rapidjson::Document&) {
    rapidjson::Reader reader;
    constexpr unsigned kFlags =
        rapidjson::kParseIterativeFlag | rapidjson::kParseCommentsFlag | rapidjson::kParseValidateEncodingFlag;
    result = reader.Parse<kFlags>(stream, handler);
    return !result.IsError();
  };
  doc.Populate(generate);
  if (handler.too_deep()) {
    problems.error("", "lists or objects nested deeper than " + std::to_string(kMaxJsonDepth) + " levels at " +
                           positions.at(result.Offset()),
                   "at most " + std::to_string(kMaxJsonDepth) + " levels");
    return false;
  }
  if (result.IsError()) {
    problems.error("", "malformed JSON at " + positions.at(result.Offset()) + ": " +
                           rapidjson::GetParseError_En(result.Code()),
                   "valid JSON");
    return false;
  }
  return problems.error_count() == errors_before;
}

JsonReader::JsonReader(const rapidjson::Value& root, Problems& problems)
    : cereal::InputArchive<JsonReader, cereal::AllowEmptyClassElision>(this), root_(root), problems_(problems) {}

std::string JsonReader::describe(const rapidjson::Value& v) {
  if (v.IsNull()) return "null";
  if (v.IsBool()) return v.GetBool() ? "true" : "false";
  if (v.IsNumber()) return format_number(v.GetDouble());
  if (v.IsString()) {
    std::string s = v.GetString();
    if (s.size() > 40) {
      // Cut at a character boundary so the message stays valid UTF-8.
      std::size_t cut = 37;
      while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
      s = s.substr(0, cut) + "...";
    }
    return "the string \"" + s + "\"";
  }
  if (v.IsArray()) return "a list";
  return "an object";
}

bool JsonReader::select_member(const char* name, bool required) {
  if (stack_.empty() || !stack_.back().value) return false;  // inside a skipped node
  Node& top = stack_.back();
  if (!top.value->IsObject()) return false;
  top.read_members.emplace_back(name);
  if (!top.value->HasMember(name)) {
    if (required) problems_.error(join_path(top.path, name), "missing", "this required field");
    return false;
  }
  pending_name_ = name;
  return true;
}

const rapidjson::Value* JsonReader::next_value(std::string& path) {
  if (stack_.empty()) {
    if (root_taken_) return nullptr;
    root_taken_ = true;
    path.clear();
    return &root_;
  }
  Node& top = stack_.back();
  if (!top.value) return nullptr;
  if (top.value->IsArray()) {
    const rapidjson::SizeType index = top.next_index++;
    if (index >= top.value->Size()) return nullptr;
    path = index_path(top.path, index);
    return &(*top.value)[index];
  }
  if (!pending_name_) return nullptr;  // a struct read a value without a name: programming error
  const char* name = pending_name_;
  pending_name_ = nullptr;
  path = join_path(top.path, name);
  auto it = top.value->FindMember(name);
  return it == top.value->MemberEnd() ? nullptr : &it->value;
}

void JsonReader::start_object() {
  Node node;
  const rapidjson::Value* value = next_value(node.path);
  if (value && !value->IsObject()) {
    problems_.error(node.path, "found " + describe(*value), "an object { ... }");
    value = nullptr;
  }
  node.value = value;
  stack_.push_back(std::move(node));
}

void JsonReader::start_array() {
  Node node;
  const rapidjson::Value* value = next_value(node.path);
  if (value && !value->IsArray()) {
    problems_.error(node.path, "found " + describe(*value), "a list [ ... ]");
    value = nullptr;
  }
  node.value = value;
  stack_.push_back(std::move(node));
}

void JsonReader::finish_node() {
  if (stack_.empty()) return;
  Node& top = stack_.back();
  if (top.value && top.value->IsObject()) {
    for (auto it = top.value->MemberBegin(); it != top.value->MemberEnd(); ++it) {
      const std::string name = it->name.GetString();
      if (std::find(top.read_members.begin(), top.read_members.end(), name) == top.read_members.end())
        problems_.warning(join_path(top.path, name), "unknown field, ignored", "");
    }
  }
  stack_.pop_back();
}

void JsonReader::load_size(cereal::size_type& size) {
  size = 0;
  if (!stack_.empty() && stack_.back().value && stack_.back().value->IsArray())
    size = stack_.back().value->Size();
}

void JsonReader::load_value(bool& v) {
  std::string path;
  const rapidjson::Value* value = next_value(path);
  if (!value) return;
  if (!value->IsBool()) return problems_.error(path, "found " + describe(*value), "true or false");
  v = value->GetBool();
}

void JsonReader::load_value(std::string& v) {
  std::string path;
  const rapidjson::Value* value = next_value(path);
  if (!value) return;
  if (!value->IsString()) return problems_.error(path, "found " + describe(*value), "a string");
  v.assign(value->GetString(), value->GetStringLength());
}

}  // namespace fl
