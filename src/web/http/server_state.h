// Internal to web/http: what the listener and its connections share. Members are declared so
// that destruction runs in a safe order: the worker pool and the I/O context (which own pending
// connections) go before the address table that connections update as they close.
#ifndef INSPIRE_WEB_HTTP_SERVER_STATE_H_
#define INSPIRE_WEB_HTTP_SERVER_STATE_H_

#include <boost/asio.hpp>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "web/http/server.h"

namespace inspire::web::http {

struct ServerState {
  ServerState(const Router& r, Limits l)
      : router(r), limits(std::move(l)), workers(limits.workers) {}
  ~ServerState() {
    workers.stop();
    workers.join();
  }

  // Counts a new connection from `address` if the caps allow it (the trusted proxy is capped by
  // the total only); false: refuse it.
  bool Admit(const std::string& address) {
    const std::lock_guard lock(mutex);
    if (open >= limits.max_connections) return false;
    size_t& mine = per_address[address];
    if (address != limits.trusted_proxy && mine >= limits.max_connections_per_address) {
      if (mine == 0) per_address.erase(address);
      return false;
    }
    ++mine;
    ++open;
    return true;
  }
  // Uncounts a connection that Admit counted.
  void Release(const std::string& address) {
    const std::lock_guard lock(mutex);
    --open;
    const auto it = per_address.find(address);
    if (it != per_address.end() && --it->second == 0) per_address.erase(it);
  }

  const Router& router;
  const Limits limits;
  std::mutex mutex;
  std::unordered_map<std::string, size_t> per_address;
  size_t open = 0;
  boost::asio::io_context io;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> guard;
  boost::asio::ip::tcp::acceptor acceptor{io};
  boost::asio::steady_timer retry{io};
  boost::asio::thread_pool workers;
};

// Serves one admitted connection until it closes (web/http/connection.cc).
void ServeConnection(ServerState& state, boost::asio::ip::tcp::socket socket, std::string peer);
// Answers a connection past the caps with 503 and closes it.
void RefuseConnection(ServerState& state, boost::asio::ip::tcp::socket socket);

}  // namespace inspire::web::http

#endif  // INSPIRE_WEB_HTTP_SERVER_STATE_H_
