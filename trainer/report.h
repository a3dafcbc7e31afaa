#pragma once
/// \file The after-action report: one self-contained HTML file (inline SVG and CSS, no scripts).
#include <string>

namespace fl {
class Simulator;
}

namespace fl::trainer {

/// Renders the report of a finished run in `language` ("en" or "zh") as an HTML document.
std::string render_report(const Simulator& sim, const std::string& language);

}  // namespace fl::trainer
