#pragma once
/// \file The after-action report's text table (English and zh-CN), compiled in so the report
/// needs no files at run time. Keys are stable English identifiers.
#include <string>
#include <string_view>

namespace fl::trainer {

/// The report text for `key` in `language` ("zh" or anything else for English). Unknown keys
/// come back as the key itself so a missing entry is visible, never a crash.
std::string report_text(std::string_view key, std::string_view language);
/// Every Chinese text of the table and of the findings' name words (debrief/text.cpp), for a
/// font atlas that must hold each glyph the window's debrief can show.
std::string report_text_corpus_zh();

}  // namespace fl::trainer
