#pragma once
/// \file `faultline play SCENARIO [--seat dispatch|hotline|both] [--lang zh|en] [--resume SESSION]
/// [--instructor] [--input-script FILE] [--screenshot-at WHEN=FILE …] [--out DIR] [--seed N]`:
/// options and handler of the window subcommand, registered by trainer/cli.cpp.
#include <ostream>

#include "trainer/app/app.h"

namespace CLI {
class App;
}

namespace fl::trainer {

/// Adds the `play` subcommand to `cli`, filling `options` when parsed. Returns the subcommand.
CLI::App* add_play_command(CLI::App& cli, app::PlayOptions& options);
/// Runs the window with `options`; returns the exit status.
int run_play_command(const app::PlayOptions& options, std::ostream& out, std::ostream& err);

}  // namespace fl::trainer
