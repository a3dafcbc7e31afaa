#pragma once
/// \file A scored call as text for the terminal and the after-action report: the caller card, each
/// exchange with the checkpoint served or the violation committed, then the checkpoints missed and
/// what the call led to (work order, ETR promise kept or broken, complaint). zh-CN or English.
#include <string>
#include <string_view>

#include "sim/calls/desk.h"

namespace fl::calls {

/// Display name of a checkpoint / violation / outcome key in `lang` ("zh" or "en"); the key itself
/// when unknown.
std::string checkpoint_label(std::string_view key, std::string_view lang);
std::string violation_label(std::string_view key, std::string_view lang);

/// The whole transcript of `call`, marked: "✓" a checkpoint served, "✗" a violation, and a
/// closing list of missed checkpoints ("✗ missed: …") with the consequences.
std::string render_transcript(const CallRecord& call, std::string_view lang, bool with_card = true);
/// One line per call plus the trainee's totals, for the end of a practice session.
std::string render_score_table(const CallDesk& desk, std::string_view lang);

}  // namespace fl::calls
