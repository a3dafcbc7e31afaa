#pragma once
/// \file TEMPORARY (replace with Simulator's control-room view from issue 8 when it lands): a
/// ControlRoomView assembled from the const World / Hotline accessors, approximating what the
/// control room knows — breakers and reclosers as SCADA sees them, fuses only once trouble-call
/// analysis points at them, faults only once found, blockages only once reported. Rebuilt by
/// refresh(); revision() bumps when an event fired or a command was applied since the last one.
#include <cstdint>
#include <map>
#include <vector>

#include "render/control_view.h"

namespace fl {
class Simulator;
}

namespace fl::trainer::app {

/// See the file comment. Holds a reference to the simulator, which must outlive it.
class InterimControlRoom final : public control::ControlRoomView {
 public:
  explicit InterimControlRoom(const Simulator& sim);
  /// Re-reads the simulator; bumps revision() if events fired or commands were applied since.
  void refresh();

  Time now() const override { return now_; }
  std::uint64_t revision() const override { return revision_; }
  std::span<const control::KnownOpenDevice> open_devices() const override { return devices_; }
  std::span<const control::CallPrediction> predictions() const override { return predictions_; }
  std::span<const control::PatrolProgress> patrols() const override { return {}; }
  std::span<const control::KnownFault> faults() const override { return faults_; }
  std::span<const control::CrewStatus> crews() const override { return crews_; }
  std::span<const control::KnownBlockage> blockages() const override { return blockages_; }
  std::span<const control::MutualAidStatus> mutual_aid() const override { return aid_; }
  const control::StormPicture& storm() const override { return storm_; }
  std::span<const control::ForecastPoint> forecast() const override { return forecast_; }
  const control::HotlineBoard& hotline() const override { return board_; }
  std::span<const control::WaitingCall> calls_waiting_for_seat() const override { return {}; }
  std::span<const control::OrderStatus> open_orders() const override { return orders_; }
  std::span<const control::PublishedOutage> published() const override { return published_; }
  std::uint64_t known_customers_out() const override;
  std::uint64_t customers_served() const override;
  std::span<const CustomerRecord> important_customers() const override { return important_; }
  control::TruthForDebrief truth_for_debrief() const override;

 private:
  std::uint32_t customers_below(std::uint32_t device);

  const Simulator& sim_;
  Time now_ = 0;
  std::uint64_t revision_ = 0, content_hash_ = 0;
  std::vector<control::KnownOpenDevice> devices_;
  std::vector<control::CallPrediction> predictions_;
  std::vector<control::KnownFault> faults_;
  std::vector<control::CrewStatus> crews_;
  std::vector<control::KnownBlockage> blockages_;
  std::vector<control::MutualAidStatus> aid_;
  control::StormPicture storm_;
  std::vector<control::ForecastPoint> forecast_;
  control::HotlineBoard board_;
  std::vector<control::OrderStatus> orders_;
  std::vector<control::PublishedOutage> published_;
  std::vector<CustomerRecord> important_;
  std::map<std::uint32_t, std::uint32_t> below_cache_;
};

}  // namespace fl::trainer::app
