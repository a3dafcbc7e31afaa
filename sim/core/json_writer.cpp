#include "sim/core/json_writer.h"

#include <rapidjson/document.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cmath>
#include <stdexcept>
#include <variant>

namespace fl {

struct JsonWriter::Impl {
  rapidjson::StringBuffer buffer;
  std::variant<rapidjson::PrettyWriter<rapidjson::StringBuffer>, rapidjson::Writer<rapidjson::StringBuffer>> writer;
  explicit Impl(bool pretty)
      : writer(pretty ? decltype(writer){std::in_place_index<0>, buffer} : decltype(writer){std::in_place_index<1>, buffer}) {
    if (pretty) {
      std::get<0>(writer).SetIndent(' ', 2);
      std::get<0>(writer).SetFormatOptions(rapidjson::kFormatSingleLineArray);
    }
  }
  template <class F>
  void with(F&& f) {
    const bool ok = std::visit([&](auto& w) { return f(w); }, writer);
    if (!ok) throw std::logic_error("JsonWriter: call out of order");
  }
};

JsonWriter::JsonWriter(bool pretty) : impl_(std::make_unique<Impl>(pretty)) {}
JsonWriter::~JsonWriter() = default;

void JsonWriter::begin_object() { impl_->with([](auto& w) { return w.StartObject(); }); }
void JsonWriter::end_object() { impl_->with([](auto& w) { return w.EndObject(); }); }
void JsonWriter::begin_array() { impl_->with([](auto& w) { return w.StartArray(); }); }
void JsonWriter::end_array() { impl_->with([](auto& w) { return w.EndArray(); }); }
JsonWriter& JsonWriter::key(std::string_view k) {
  impl_->with([&](auto& w) { return w.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()), true); });
  return *this;
}
void JsonWriter::value(double v) {
  if (!std::isfinite(v)) return null();
  impl_->with([&](auto& w) { return w.Double(v); });
}
void JsonWriter::value(std::int64_t v) { impl_->with([&](auto& w) { return w.Int64(v); }); }
void JsonWriter::value(std::uint64_t v) { impl_->with([&](auto& w) { return w.Uint64(v); }); }
void JsonWriter::members_of(std::string_view object_json, std::initializer_list<std::string_view> drop) {
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseFullPrecisionFlag>(object_json.data(), object_json.size());
  if (doc.HasParseError() || !doc.IsObject()) throw std::logic_error("JsonWriter: members_of needs a JSON object");
  for (const auto& m : doc.GetObject()) {
    const std::string_view name(m.name.GetString(), m.name.GetStringLength());
    bool dropped = false;
    for (std::string_view d : drop) dropped = dropped || d == name;
    if (dropped) continue;
    key(name);
    impl_->with([&](auto& w) { return m.value.Accept(w); });
  }
}

void JsonWriter::value(bool v) { impl_->with([&](auto& w) { return w.Bool(v); }); }
void JsonWriter::value(std::string_view v) {
  const std::string text = valid_utf8(v);
  impl_->with([&](auto& w) { return w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()), true); });
}

std::string valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    std::uint32_t code = 0, min = 0;
    if (lead < 0x80) {
      out += static_cast<char>(lead);
      ++i;
      continue;
    }
    if (lead >= 0xC2 && lead <= 0xDF) length = 2, code = lead & 0x1Fu, min = 0x80;
    else if (lead >= 0xE0 && lead <= 0xEF) length = 3, code = lead & 0x0Fu, min = 0x800;
    else if (lead >= 0xF0 && lead <= 0xF4) length = 4, code = lead & 0x07u, min = 0x10000;
    bool ok = length > 0 && i + length <= text.size();
    for (std::size_t k = 1; ok && k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      ok = (next & 0xC0) == 0x80;
      code = (code << 6) | (next & 0x3Fu);
    }
    ok = ok && code >= min && code <= 0x10FFFF && !(code >= 0xD800 && code <= 0xDFFF);
    if (ok) {
      out.append(text.substr(i, length));
      i += length;
    } else {
      out += "\xEF\xBF\xBD";  // U+FFFD for the bad byte; resynchronise at the next one
      ++i;
    }
  }
  return out;
}
void JsonWriter::null() { impl_->with([](auto& w) { return w.Null(); }); }
void JsonWriter::raw(std::string_view json) {
  impl_->with([&](auto& w) {
    return w.RawValue(json.data(), json.size(), rapidjson::kObjectType);
  });
}
std::string JsonWriter::str() const { return std::string(impl_->buffer.GetString(), impl_->buffer.GetSize()); }

}  // namespace fl
