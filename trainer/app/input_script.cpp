#include "trainer/app/input_script.h"

#include <SFML/Window/Keyboard.hpp>

#include <algorithm>
#include <map>
#include <sstream>

namespace fl::trainer::app {

int key_code(const std::string& name) {
  static const std::map<std::string, int> kNames = [] {
    std::map<std::string, int> m;
    for (int i = 0; i < 26; ++i) m[std::string(1, static_cast<char>('A' + i))] = sf::Keyboard::A + i;
    for (int i = 0; i < 10; ++i) m["Num" + std::to_string(i)] = sf::Keyboard::Num0 + i;
    for (int i = 0; i < 12; ++i) m["F" + std::to_string(i + 1)] = sf::Keyboard::F1 + i;
    m["Space"] = sf::Keyboard::Space;
    m["Enter"] = sf::Keyboard::Enter;
    m["Escape"] = sf::Keyboard::Escape;
    m["Tab"] = sf::Keyboard::Tab;
    m["Backspace"] = sf::Keyboard::Backspace;
    m["Up"] = sf::Keyboard::Up;
    m["Down"] = sf::Keyboard::Down;
    m["Left"] = sf::Keyboard::Left;
    m["Right"] = sf::Keyboard::Right;
    m["Add"] = sf::Keyboard::Add;
    m["Subtract"] = sf::Keyboard::Subtract;
    m["Period"] = sf::Keyboard::Period;
    return m;
  }();
  const auto it = kNames.find(name);
  return it == kNames.end() ? -1 : it->second;
}

bool parse_input_script(const std::string& text, std::vector<ScriptStep>& out, Problems& problems) {
  static const std::map<std::string, std::pair<ScriptAction, int>> kActions = {
      {"click", {ScriptAction::kClick, 2}},           {"right_click", {ScriptAction::kRightClick, 2}},
      {"click_map", {ScriptAction::kClickMap, 2}},    {"right_click_map", {ScriptAction::kRightClickMap, 2}},
      {"click_crew", {ScriptAction::kClickCrew, -1}}, {"right_click_fault", {ScriptAction::kRightClickFault, -1}},
      {"right_click_device", {ScriptAction::kRightClickDevice, -1}}, {"key", {ScriptAction::kKey, 0}},
      {"drag", {ScriptAction::kDrag, 4}},             {"wheel", {ScriptAction::kWheel, 3}},
      {"text", {ScriptAction::kText, 0}},             {"quit", {ScriptAction::kQuit, 0}},
      {"wait_call", {ScriptAction::kWaitCall, 0}},
  };
  out.clear();
  std::istringstream lines(text);
  std::string line;
  int number = 0;
  bool ok = true;
  while (std::getline(lines, line)) {
    ++number;
    if (const auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    std::istringstream words(line);
    std::string at, action;
    if (!(words >> at)) continue;  // blank or comment
    const std::string where = "line " + std::to_string(number);
    ScriptStep step;
    step.line = number;
    try {
      std::size_t used = 0;
      step.at_s = std::stod(at, &used);
      if (used != at.size() || step.at_s < 0) throw std::invalid_argument(at);
    } catch (const std::exception&) {
      problems.error(where, "found '" + at + "'", "a time in seconds >= 0");
      ok = false;
      continue;
    }
    if (!(words >> action) || !kActions.count(action)) {
      problems.error(where, "found '" + action + "'",
                     "an action: click, right_click, click_map, right_click_map, click_crew, right_click_fault, "
                     "right_click_device, key, drag, wheel, text, wait_call, quit");
      ok = false;
      continue;
    }
    const auto [kind, numbers] = kActions.at(action);
    step.action = kind;
    if (numbers > 0) {
      double v[4] = {0, 0, 0, 0};
      bool good = true;
      for (int i = 0; i < numbers; ++i) good = good && static_cast<bool>(words >> v[i]);
      if (!good) {
        problems.error(where, "found too few or non-numeric arguments for " + action, std::to_string(numbers) + " numbers");
        ok = false;
        continue;
      }
      step.x = v[0];
      step.y = v[1];
      step.x2 = v[2];
      step.y2 = v[3];
      if (kind == ScriptAction::kWheel) step.x2 = v[2];
    } else if (numbers < 0) {
      std::string which;
      words >> which;
      if (which.empty() || which == "first") {
        step.id = UINT32_MAX;
      } else {
        try {
          step.id = static_cast<std::uint32_t>(std::stoul(which));
        } catch (const std::exception&) {
          problems.error(where, "found '" + which + "'", "'first' or an id");
          ok = false;
          continue;
        }
      }
    } else if (kind == ScriptAction::kKey) {
      words >> step.text;
      if (key_code(step.text) < 0) {
        problems.error(where, "found key '" + step.text + "'", "an SFML key name such as Space, Enter, A, Num1, F1");
        ok = false;
        continue;
      }
    } else if (kind == ScriptAction::kText) {
      std::getline(words >> std::ws, step.text);
    }
    out.push_back(step);
  }
  std::stable_sort(out.begin(), out.end(), [](const ScriptStep& a, const ScriptStep& b) { return a.at_s < b.at_s; });
  return ok;
}

}  // namespace fl::trainer::app
