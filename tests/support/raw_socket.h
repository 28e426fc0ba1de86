// A plain TCP client for transport tests: connects to 127.0.0.1:port from a chosen loopback
// address (any 127.x.y.z, so that tests can play many clients), and sends and reads raw bytes
// with deadlines. Nothing of HTTP is interpreted except where a method says so.
#ifndef INSPIRE_TESTS_SUPPORT_RAW_SOCKET_H_
#define INSPIRE_TESTS_SUPPORT_RAW_SOCKET_H_

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <string_view>

namespace inspire::testing {

// Lets this process open as many sockets as the system allows (the crowd tests open >1,000).
inline void RaiseOpenFileLimit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

class RawSocket {
 public:
  RawSocket(const std::string& local_address, int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) return;
    sockaddr_in local{};
    local.sin_family = AF_INET;
    ::inet_pton(AF_INET, local_address.c_str(), &local.sin_addr);
    sockaddr_in remote{};
    remote.sin_family = AF_INET;
    remote.sin_port = htons(static_cast<uint16_t>(port));
    ::inet_pton(AF_INET, "127.0.0.1", &remote.sin_addr);
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0 ||
        ::connect(fd_, reinterpret_cast<sockaddr*>(&remote), sizeof remote) != 0) {
      Close();
    }
  }
  ~RawSocket() { Close(); }
  RawSocket(RawSocket&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  RawSocket(const RawSocket&) = delete;
  RawSocket& operator=(const RawSocket&) = delete;

  bool ok() const { return fd_ >= 0; }

  // Sends all of `data`; false when the connection is gone.
  bool Send(std::string_view data) {
    while (!data.empty()) {
      const ssize_t sent = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (sent <= 0) return false;
      data.remove_prefix(static_cast<size_t>(sent));
    }
    return true;
  }

  // True when something (data or the peer's close) can be read within `timeout_ms`.
  bool Readable(int timeout_ms) const {
    pollfd p{fd_, POLLIN, 0};
    return ::poll(&p, 1, timeout_ms) > 0;
  }

  // Reads until the peer closes, `stop` appears, or `timeout_ms` passes.
  std::string Read(int timeout_ms, std::string_view stop = {}) {
    std::string got;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (true) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                            deadline - std::chrono::steady_clock::now())
                            .count();
      if (left <= 0 || !Readable(static_cast<int>(left))) return got;
      char buffer[16384];
      const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) {
        closed_ = true;
        return got;
      }
      got.append(buffer, static_cast<size_t>(n));
      if (!stop.empty() && got.find(stop) != std::string::npos) return got;
    }
  }

  // True when the peer closes the connection (EOF or reset) within `timeout_ms`.
  bool ClosedWithin(int timeout_ms) {
    Read(timeout_ms);
    return closed_;
  }

 private:
  void Close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  int fd_ = -1;
  bool closed_ = false;
};

}  // namespace inspire::testing

#endif  // INSPIRE_TESTS_SUPPORT_RAW_SOCKET_H_
