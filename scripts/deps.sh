#!/usr/bin/env bash
# Installs the Debian 12 packages Faultline needs, if any are missing. As root it runs apt-get;
# otherwise it prints the one apt-get line to run and exits 1. Safe to run again: it only acts
# on what is missing.
set -euo pipefail

packages=(
  cmake ninja-build g++ pkg-config ccache
  libsfml-dev libimgui-dev libbox2d-dev libspdlog-dev libcereal-dev rapidjson-dev
  librandom123-dev libcli11-dev libgtest-dev libbenchmark-dev
  libfontconfig-dev fontconfig fonts-wqy-microhei libsqlite3-dev
  xvfb xauth libgl1-mesa-dri parallel tmux chromium poppler-utils
  clang libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  echo "Faultline needs these Debian packages. Run this, then try again:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "Installing missing packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
