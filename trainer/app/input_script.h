#pragma once
/// \file Input scripts (`faultline play --input-script FILE`): timed mouse and keyboard input for
/// tests and demonstrations. One action per line, `#` starts a comment:
///
///     SECONDS ACTION ARGS…          SECONDS: wall seconds since the window opened (the window
///                                   then runs on a fixed 1/60 s frame clock, so runs repeat)
///     0.5  click 640 700            left click at screen pixels
///     1.0  right_click 300 200
///     2.0  click_map 20000 9500     left click at service-area metres
///     2.5  right_click_map 20000 9500
///     3.0  click_crew 4             left click on crew 4 where the control room sees it now
///     3.5  right_click_fault first  right click on a known fault (first, or a fault id)
///     3.5  right_click_device first right click on a known open device (first, or a device id)
///     4.0  key Enter                press and release a key (SFML names: A…Z, Num0…Num9, Space,
///                                   Enter, Escape, Tab, Up, Down, Left, Right, Add, Subtract, F1…F12)
///     4.5  drag 600 400 700 450     left drag from one screen point to another
///     5.0  wheel 640 400 2          wheel notches at a screen point (> 0 zooms in)
///     6.0  text 4                   types text into the focused field
///     7.0  wait_call                holds the script until a call rings at the trainee's seat;
///                                   later times count as if it rang at 7.0 (shifted by the wait)
///     30   quit                     ends the drill as the Esc menu's "quit" does
#include <cstdint>
#include <string>
#include <vector>

#include "sim/scenario/problems.h"

namespace fl::trainer::app {

enum class ScriptAction : std::uint8_t {
  kClick, kRightClick, kClickMap, kRightClickMap, kClickCrew, kRightClickFault, kRightClickDevice, kKey, kDrag,
  kWheel, kText, kWaitCall, kQuit
};

/// One scripted step. Coordinates are pixels or metres as the action says; `id` is an entity id
/// (UINT32_MAX: "first").
struct ScriptStep {
  double at_s = 0;
  ScriptAction action = ScriptAction::kClick;
  double x = 0, y = 0, x2 = 0, y2 = 0;
  std::uint32_t id = UINT32_MAX;
  std::string text;  ///< key name or text to type
  int line = 0;
};

/// Parses a script; problems carry "line N". Steps are sorted by time (stable).
bool parse_input_script(const std::string& text, std::vector<ScriptStep>& out, Problems& problems);
/// The SFML key code for a key name, or -1 when unknown.
int key_code(const std::string& name);

}  // namespace fl::trainer::app
