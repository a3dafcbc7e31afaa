#pragma once
/// \file optional_nvp(): a name-value pair that an input file may leave out, keeping the
/// struct's documented default. Plain cereal::make_nvp marks a field as required. Read by
/// fl::JsonReader (sim/scenario/json_reader.h); scenarios are never written back through cereal.
#include <cereal/cereal.hpp>

namespace fl {

/// A field that may be absent from the input; holds a reference to the destination.
template <class T>
struct OptionalNvp {
  const char* name;
  T& value;
};

/// Wraps `value` as an optional field called `name` (use in serialize(): ar(optional_nvp("x", x))).
template <class T>
OptionalNvp<T> optional_nvp(const char* name, T& value) {
  return {name, value};
}

}  // namespace fl
