#pragma once
/// \file The after-action report: one self-contained HTML file (inline SVG and CSS, no scripts).
#include <string>

namespace fl::trainer {

/// Renders the report of a finished run from its scorecard JSON (the report shows nothing the
/// scorecard does not hold) in `language` ("en" or "zh") as an HTML document.
std::string render_report(const std::string& scorecard_json, const std::string& language);

}  // namespace fl::trainer
