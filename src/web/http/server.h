// The transport of the hub's HTTP server: Boost.Beast over Asio. A few I/O threads carry every
// connection asynchronously, so an idle or slow client holds a little memory and no thread;
// requests run on a separate pool of worker threads (handlers block on the database). Each
// connection has deadlines (next request, request head, body progress, writing) and each client
// address a cap on its open connections, so that slow or idle clients cannot keep others out.
#ifndef INSPIRE_WEB_HTTP_SERVER_H_
#define INSPIRE_WEB_HTTP_SERVER_H_

#include <chrono>
#include <memory>
#include <string>

#include "core/error.h"
#include "web/http/router.h"

namespace inspire::web::http {

struct ServerState;  // web/http/server_state.h

struct Limits {
  size_t max_body_bytes = 16 << 20;  // however the body is sent (Content-Length or chunked): 413
  size_t max_head_bytes = 32 << 10;  // request line and headers: 431
  // A keep-alive connection (or a new one) closes when no request starts within this long.
  std::chrono::milliseconds idle_timeout{5000};
  // From a request's first byte to the end of its head: 408.
  std::chrono::milliseconds head_timeout{10000};
  // The longest silence while a body arrives, and the longest a whole body may take: 408.
  std::chrono::milliseconds body_silence{15000};
  std::chrono::milliseconds body_total{300000};
  std::chrono::milliseconds write_timeout{30000};
  // Open connections per client address (the trusted proxy itself is exempt) and in all;
  // past either, the connection gets 503 with Retry-After and is closed.
  size_t max_connections_per_address = 64;
  size_t max_connections = 10000;
  // When the peer is this address, the client is the last address of X-Forwarded-For.
  std::string trusted_proxy;
  size_t io_threads = 2;
  size_t workers = 16;  // requests handled at once
};

class Server {
 public:
  // Serves `router`, which must outlive the server.
  Server(const Router& router, Limits limits);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Listens on host:port (port 0: any free port); the port bound. Raises the process's open-file
  // limit to its hard limit, as every connection takes a descriptor.
  core::Result<int> Bind(const std::string& host, int port);
  // Serves until Stop(), on Limits::io_threads threads of which the caller's is one.
  void Run();
  // Stops accepting and serving; Run returns. Callable from any thread, more than once.
  void Stop();

 private:
  std::unique_ptr<ServerState> state_;
};

}  // namespace inspire::web::http

#endif  // INSPIRE_WEB_HTTP_SERVER_H_
