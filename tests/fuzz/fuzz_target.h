#pragma once
/// \file One fuzz target = one file `tests/fuzz/NAME_fuzz.cpp` holding
///     FAULTLINE_FUZZ_TARGET(NAME) { ... feed `text` to a loader ... }
/// Built by the clang fuzz build (tests/fuzz/CMakeLists.txt, FAULTLINE_LIBFUZZER defined) the
/// macro defines libFuzzer's entry point; built into the ordinary GCC test executable test_fuzz
/// it registers the body, and regression_test.cpp replays every file of tests/fuzz/corpus/NAME/
/// and tests/fuzz/regressions/NAME/ through it. Nothing else needs editing to add a target.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/scenario/problems.h"

namespace fl::fuzz {

/// A target's body: must return normally for every input (problems are data, not crashes).
using Body = void (*)(const std::string& text);

/// One registered target (GCC test build only).
struct Target {
  const char* name;
  Body body;
};

/// Every target linked into this executable, in registration order.
inline std::vector<Target>& targets() {
  static std::vector<Target> all;
  return all;
}

/// Adds a target at static-initialisation time.
struct Registrar {
  Registrar(const char* name, Body body) { targets().push_back({name, body}); }
};

/// A property every input must keep (beyond "no crash"): aborts under libFuzzer so the input is
/// saved as a crash; throws in the test build so GoogleTest names the file.
inline void check(bool ok, const char* what) {
  if (ok) return;
#ifdef FAULTLINE_LIBFUZZER
  std::fprintf(stderr, "fuzz property broken: %s\n", what);
  std::abort();
#else
  throw std::logic_error(what);
#endif
}

/// Every loader's property: `ok` (its result) is true exactly when `problems` holds no error, and
/// the problems format as a user would read them. `loader` names it in the message. Returns `ok`.
inline bool loaded(bool ok, const fl::Problems& problems, const char* loader) {
  if (ok == problems.has_errors()) check(false, (std::string(loader) + "'s result disagrees with its problems").c_str());
  (void)problems.format("fuzz.json");
  return ok;
}

}  // namespace fl::fuzz

#ifdef FAULTLINE_LIBFUZZER
#define FAULTLINE_FUZZ_TARGET(name)                                                            \
  static void fuzz_body_##name(const std::string& text);                                       \
  extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {          \
    fuzz_body_##name(std::string(reinterpret_cast<const char*>(data), size));                  \
    return 0;                                                                                  \
  }                                                                                            \
  static void fuzz_body_##name(const std::string& text)
#else
#define FAULTLINE_FUZZ_TARGET(name)                                                            \
  static void fuzz_body_##name(const std::string& text);                                       \
  static const ::fl::fuzz::Registrar fuzz_registrar_##name(#name, &fuzz_body_##name);         \
  static void fuzz_body_##name(const std::string& text)
#endif
