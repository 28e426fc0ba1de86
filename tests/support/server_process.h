// Starts the real `inspire serve` on 127.0.0.1 with port 0 as a child process, reads the port it
// announces, and stops it (SIGTERM, then SIGKILL) when destroyed. For API tests.
#ifndef INSPIRE_TESTS_SUPPORT_SERVER_PROCESS_H_
#define INSPIRE_TESTS_SUPPORT_SERVER_PROCESS_H_

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <vector>

namespace inspire::testing {

class ServerProcess {
 public:
  // `extra` follows the serve arguments; `environment` ("NAME=VALUE") is added to the child's.
  explicit ServerProcess(const std::string& db, const std::vector<std::string>& extra = {},
                         std::vector<std::string> environment = {}) {
    for (char** entry = environ; *entry != nullptr; ++entry) environment.emplace_back(*entry);
    std::vector<char*> envp;
    envp.reserve(environment.size() + 1);
    for (auto& entry : environment) envp.push_back(entry.data());
    envp.push_back(nullptr);
    int out[2];
    if (::pipe(out) != 0) return;
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(out[1], 1);
      ::close(out[0]);
      const int null = ::open("/dev/null", O_RDONLY);
      ::dup2(null, 0);
      std::vector<std::string> args = {INSPIRE_BINARY, "--data-dir", INSPIRE_SOURCE_DATA_DIR,
                                       "serve",        "--db",       db,
                                       "--port",       "0"};
      args.insert(args.end(), extra.begin(), extra.end());
      std::vector<char*> argv;
      argv.reserve(args.size() + 1);
      for (auto& arg : args) argv.push_back(arg.data());
      argv.push_back(nullptr);
      ::execve(INSPIRE_BINARY, argv.data(), envp.data());
      ::_exit(127);
    }
    ::close(out[1]);
    out_ = out[0];
    // Lines until "inspire serve: listening on http://127.0.0.1:PORT ..." (--demo prints what it
    // filled first).
    std::string line;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(180);
    const auto listening = [&line] {
      const size_t at = line.find("listening on");
      return at != std::string::npos && line.find('\n', at) != std::string::npos;
    };
    while (!listening() && std::chrono::steady_clock::now() < deadline) {
      pollfd p{out_, POLLIN, 0};
      if (::poll(&p, 1, 200) <= 0) continue;
      char buffer[256];
      const ssize_t got = ::read(out_, buffer, sizeof buffer);
      if (got <= 0) break;
      line.append(buffer, static_cast<size_t>(got));
    }
    const std::string marker = "listening on http://127.0.0.1:";
    const size_t at = line.find(marker);
    if (at != std::string::npos) {
      port_ = static_cast<int>(std::strtol(line.c_str() + at + marker.size(), nullptr, 10));
    }
    first_line_ = line;
  }
  ~ServerProcess() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      for (int i = 0; i < 50; ++i) {
        if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {
          pid_ = -1;
          break;
        }
        ::usleep(100000);
      }
      if (pid_ > 0) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
      }
    }
    if (out_ >= 0) ::close(out_);
  }
  // Waits up to `seconds` for the server to end by itself: the signal that ended it, 0 if it
  // exited, -1 if it is still running after that time (it is then left running).
  int WaitForEnd(int seconds) {
    if (pid_ <= 0) return -1;
    for (int i = 0; i < seconds * 10; ++i) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return WIFSIGNALED(status) ? WTERMSIG(status) : 0;
      }
      ::usleep(100000);
    }
    return -1;
  }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() const { return port_; }  // 0 if the server did not start
  pid_t pid() const { return pid_; }
  const std::string& first_line() const { return first_line_; }

 private:
  pid_t pid_ = -1;
  int out_ = -1;
  int port_ = 0;
  std::string first_line_;
};

}  // namespace inspire::testing

#endif  // INSPIRE_TESTS_SUPPORT_SERVER_PROCESS_H_
