// A real SMTP server for the tests to send to: tests/support/smtp_sink.py (aiosmtpd) on a free
// port of 127.0.0.1, keeping every message it receives in a folder; stopped when destroyed.
#ifndef INSPIRE_TESTS_SUPPORT_SMTP_SINK_H_
#define INSPIRE_TESTS_SUPPORT_SMTP_SINK_H_

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "support/free_port.h"
#include "support/temp_dir.h"

namespace inspire::testing {

class SmtpSink {
 public:
  // Starts the sink and waits (up to 10 s) until it accepts connections; port() is 0 if not.
  SmtpSink() : port_(FreePort()) {
    pid_ = ::fork();
    if (pid_ == 0) {
      const std::string port = std::to_string(port_);
      const std::string folder = dir_.path().string();
      ::execl("/usr/bin/python3", "/usr/bin/python3",
              INSPIRE_SOURCE_DIR "/tests/support/smtp_sink.py", port.c_str(), folder.c_str(),
              static_cast<char*>(nullptr));
      ::_exit(127);
    }
    for (int i = 0; i < 100 && !Accepts(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    if (!Accepts()) port_ = 0;
  }
  ~SmtpSink() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  int port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

  // Every message received so far, as received (headers and body), in the order received.
  std::vector<std::string> Messages() const {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir_.path())) {
      if (entry.path().extension() == ".eml") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) {
      return std::stoi(a.stem().string()) < std::stoi(b.stem().string());
    });
    std::vector<std::string> messages;
    for (const auto& file : files) {
      std::ifstream in(file, std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      messages.push_back(text.str());
    }
    return messages;
  }

 private:
  bool Accepts() const {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port_));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    ::close(fd);
    return ok;
  }

  TempDir dir_;
  int port_;
  pid_t pid_ = -1;
};

}  // namespace inspire::testing

#endif  // INSPIRE_TESTS_SUPPORT_SMTP_SINK_H_
