#include "trainer/report.h"

#include "sim/simulator.h"

namespace fl::trainer {

std::string render_report(const Simulator& sim, const std::string&) {
  return "<!doctype html><html><head><meta charset=\"utf-8\"><title>Faultline</title></head><body><h1>" +
         sim.scenario().id + "</h1></body></html>\n";
}

}  // namespace fl::trainer
