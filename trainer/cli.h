#pragma once
/// \file The command line: `faultline run|validate|...`. Returns a process exit code; never throws.
namespace fl::trainer {

/// Exit codes: 0 success, 1 the work failed (e.g. invalid scenario), 2 bad command-line usage.
int run_cli(int argc, char** argv);

}  // namespace fl::trainer
