#include "sim/core/json_writer.h"

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
void JsonWriter::value(bool v) { impl_->with([&](auto& w) { return w.Bool(v); }); }
void JsonWriter::value(std::string_view v) {
  impl_->with([&](auto& w) { return w.String(v.data(), static_cast<rapidjson::SizeType>(v.size()), true); });
}
void JsonWriter::null() { impl_->with([](auto& w) { return w.Null(); }); }
void JsonWriter::raw(std::string_view json) {
  impl_->with([&](auto& w) {
    return w.RawValue(json.data(), json.size(), rapidjson::kObjectType);
  });
}
std::string JsonWriter::str() const { return std::string(impl_->buffer.GetString(), impl_->buffer.GetSize()); }

}  // namespace fl
