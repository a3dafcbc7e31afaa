#pragma once
// Window tests start their own X server so they run the same on a desktop, in CI and over ssh:
// Xvfb on a free display number (-displayfd), 1280x800x24, stopped by the kernel when the test
// program has ended (PR_SET_PDEATHSIG): killing it earlier, while SFML's shared X connection is
// still open, makes Xlib's I/O error handler exit the finished test with status 1.
// Mesa's software GL draws into it. Header-only; include from one test file per executable.
#include <gtest/gtest.h>

#include <csignal>
#include <cstdlib>
#include <string>

#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace fl::testing {

class XvfbEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    int fds[2];
    if (pipe(fds) != 0) return;
    const std::string fd = std::to_string(fds[1]);
    const char* argv[] = {"Xvfb", "-displayfd", fd.c_str(), "-screen", "0", "1280x800x24", "-nolisten", "tcp",
                          "-noreset", nullptr};
    pid_ = fork();
    if (pid_ == 0) {
      prctl(PR_SET_PDEATHSIG, SIGTERM);
      close(fds[0]);
      execvp("Xvfb", const_cast<char**>(argv));
      _exit(127);
    }
    if (pid_ < 0) {
      pid_ = 0;
      close(fds[0]);
      close(fds[1]);
      return;
    }
    close(fds[1]);
    std::string display;
    char c = 0;
    while (read(fds[0], &c, 1) == 1 && c != '\n') display += c;
    close(fds[0]);
    if (!display.empty()) setenv("DISPLAY", (":" + display).c_str(), 1);
    ok_ = !display.empty();
  }
  // No TearDown: the server goes when this process does (see the file comment).
  /// Whether the server came up (tests fail with a clear message when it did not).
  static bool ok() { return ok_; }

 private:
  pid_t pid_ = 0;
  static inline bool ok_ = false;
};

/// Registers the environment before main() runs the tests.
inline const bool kXvfbRegistered = (::testing::AddGlobalTestEnvironment(new XvfbEnvironment), true);

}  // namespace fl::testing
