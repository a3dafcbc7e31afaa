#include "sim/scenario/json_reader.h"

#include <algorithm>

namespace fl {

JsonReader::JsonReader(const rapidjson::Value& root, Problems& problems)
    : cereal::InputArchive<JsonReader, cereal::AllowEmptyClassElision>(this), root_(root), problems_(problems) {}

std::string JsonReader::describe(const rapidjson::Value& v) {
  if (v.IsNull()) return "null";
  if (v.IsBool()) return v.GetBool() ? "true" : "false";
  if (v.IsNumber()) return format_number(v.GetDouble());
  if (v.IsString()) {
    std::string s = v.GetString();
    if (s.size() > 40) s = s.substr(0, 37) + "...";
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
