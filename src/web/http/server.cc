#include "web/http/server.h"

#include <fmt/format.h>
#include <sys/resource.h>

#include <thread>
#include <vector>

#include "web/http/server_state.h"

namespace inspire::web::http {

namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

// Every connection takes a descriptor: allow as many as the system lets this process have.
void RaiseOpenFileLimit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= limit.rlim_max) return;
  limit.rlim_cur = limit.rlim_max;
  (void)setrlimit(RLIMIT_NOFILE, &limit);
}

void Accept(ServerState& state) {
  state.acceptor.async_accept(
      asio::make_strand(state.io), [&state](boost::system::error_code ec, tcp::socket socket) {
        if (!state.acceptor.is_open()) return;
        if (ec) {  // out of descriptors, most likely: try again shortly instead of spinning
          state.retry.expires_after(std::chrono::milliseconds(50));
          state.retry.async_wait([&state](boost::system::error_code error) {
            if (!error) Accept(state);
          });
          return;
        }
        boost::system::error_code ignored;
        socket.set_option(tcp::no_delay(true), ignored);  // small answers go out at once
        const auto endpoint = socket.remote_endpoint(ignored);
        std::string peer = endpoint.address().to_string();
        if (state.Admit(peer)) {
          ServeConnection(state, std::move(socket), std::move(peer));
        } else {
          RefuseConnection(state, std::move(socket));
        }
        Accept(state);
      });
}

}  // namespace

Server::Server(const Router& router, Limits limits)
    : state_(std::make_unique<ServerState>(router, std::move(limits))) {}

Server::~Server() {
  Stop();
  state_.reset();
}

core::Result<int> Server::Bind(const std::string& host, int port) {
  RaiseOpenFileLimit();
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(host, ec);
  if (port < 0 || port > 65535) ec = asio::error::invalid_argument;  // before the narrowing below
  const tcp::endpoint endpoint(address, static_cast<unsigned short>(port));
  auto& acceptor = state_->acceptor;
  if (!ec) acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    if (acceptor.is_open()) acceptor.close(ec);
    return core::Fail(core::ErrorCode::kIo,
                      fmt::format("cannot listen on {}:{} (in use, or not an address of this "
                                  "machine)",
                                  host, port));
  }
  state_->guard.emplace(state_->io.get_executor());
  Accept(*state_);
  return static_cast<int>(acceptor.local_endpoint().port());
}

void Server::Run() {
  std::vector<std::thread> threads;
  const size_t extra = state_->limits.io_threads > 1 ? state_->limits.io_threads - 1 : 0;
  threads.reserve(extra);
  for (size_t i = 0; i < extra; ++i) threads.emplace_back([this] { state_->io.run(); });
  state_->io.run();
  for (auto& thread : threads) thread.join();
}

void Server::Stop() {
  if (state_) state_->io.stop();  // pending work is dropped when the state goes
}

}  // namespace inspire::web::http
