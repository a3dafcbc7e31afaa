#include "sim/core/command_messages.h"

#include <cstring>

namespace fl {

namespace {

struct Entry {
  const char* key;
  const char* en;
  const char* zh;
};

// Written as a 95598 / dispatch professional would say them.
constexpr Entry kMessages[] = {
    {"refused.text", "{0}", "{0}"},
    {"fault.unknown", "There is no fault {0}.", "不存在编号为{0}的故障。"},
    {"fault.not_located", "Fault {0} has not been located yet: patrol the section first.", "故障{0}尚未查明位置，请先安排巡线。"},
    {"fault.repaired", "Fault {0} was already repaired at {1}.", "故障{0}已于{1}修复。"},
    {"fault.no_tree", "Fault {0} has no tree to clear.", "故障{0}现场无需清障砍树。"},
    {"fault.crew_assigned", "Crew {0} is already assigned to fault {1}.", "班组{0}已派往故障{1}。"},
    {"crew.unknown", "There is no crew {0}.", "不存在编号为{0}的班组。"},
    {"crew.not_arrived", "Crew {0} (mutual aid) has not arrived yet.", "支援班组{0}尚未到达。"},
    {"crew.off_shift", "Crew {0} is off shift until {1}.", "班组{0}正在轮休，{1}后方可出工。"},
    {"crew.busy", "Crew {0} is busy ({1}).", "班组{0}正在执行任务（{1}）。"},
    {"crew.assessment_cannot_repair", "Crew {0} is an assessment crew and cannot repair.", "班组{0}为勘察班组，不能抢修。"},
    {"crew.tree_cannot_patrol", "Crew {0} is a tree crew and does not patrol.", "班组{0}为清障班组，不负责巡线。"},
    {"device.unknown", "There is no device {0}.", "不存在编号为{0}的设备。"},
    {"device.closed_nothing_out", "{0} is closed: nothing below it is out.", "{0}处于合位，其下游没有停电。"},
    {"device.already_patrolled", "Crew {0} is already patrolling below {1}.", "班组{0}已在{1}下游巡线。"},
    {"device.already_closed", "{0} is already closed.", "{0}已在合位。"},
    {"device.already_open", "{0} is already open.", "{0}已在分位。"},
    {"device.known_fault_below", "Closing {0} would energise a known unrepaired fault below it.", "{0}下游有未修复的已知故障，不能合闸送电。"},
    {"aid.already_requested", "Mutual aid from {0} was already requested.", "已向{0}申请支援。"},
    {"cell.unknown", "There is no grid cell {0}.", "不存在编号为{0}的网格。"},
    {"cell.at_sea", "Grid cell {0} is at sea.", "网格{0}位于海上。"},
    {"etr.not_later_than_now", "The estimated restoration time must be later than now.", "预计复电时间必须晚于当前时间。"},
    {"seat.none", "This drill has no trainee seat.", "本次演练未设学员坐席。"},
    {"seat.busy", "The trainee seat is already on a call.", "学员坐席正在通话中。"},
    {"seat.dispatch_not_hotline", "The dispatch seat cannot issue hotline commands.", "调度席不能下达客服指令。"},
    {"seat.hotline_not_dispatch", "The hotline seat cannot issue dispatch commands.", "客服席不能下达调度指令。"},
    {"call.not_waiting", "Call {0} is no longer waiting for the trainee.", "来电{0}已不在学员坐席排队。"},
    {"call.not_in_progress", "Call {0} is not in progress.", "来电{0}不在通话中。"},
    {"order.unknown", "There is no work order {0}.", "不存在编号为{0}的工单。"},
    {"order.resolved", "Work order {0} is already resolved.", "工单{0}已办结。"},
    {"order.customer_still_out", "Work order {0}: the customer is still without power.", "工单{0}：客户仍未恢复供电，不能办结。"},
};

}  // namespace

const char* command_message_template(const std::string& key, const std::string& lang) {
  for (const Entry& e : kMessages)
    if (key == e.key) return lang == "zh" ? e.zh : e.en;
  return nullptr;
}

std::string format_command_message(const CommandMessage& message, const std::string& lang) {
  const char* t = command_message_template(message.key, lang);
  if (!t) return message.key;
  std::string out;
  for (const char* p = t; *p; ++p) {
    if (*p == '{' && p[1] >= '0' && p[1] <= '9' && p[2] == '}') {
      const auto i = static_cast<std::size_t>(p[1] - '0');
      if (i < message.args.size()) out += message.args[i];
      p += 2;
    } else {
      out += *p;
    }
  }
  return out;
}

std::vector<std::string> command_message_keys() {
  std::vector<std::string> keys;
  for (const Entry& e : kMessages) keys.emplace_back(e.key);
  return keys;
}

}  // namespace fl
