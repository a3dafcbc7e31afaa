#include "trainer/storm_command.h"

#include <ostream>

namespace fl::trainer {

int run_storm_command(const StormArgs& args, std::ostream&, std::ostream& err) {
  err << args.scenario << ": the storm command is not available yet\n";
  return 1;
}

}  // namespace fl::trainer
