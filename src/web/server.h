// The hub's HTTP server: the JSON API under /api/v1 and the pages (web/http: Boost.Beast). Handlers
// only translate between HTTP and hub calls: they resolve the actor (API token or session cookie
// with its CSRF token), parse the body, call the hub in a transaction for writes, and map errors to
// statuses in one place (StatusFor). The server keeps no state outside the database, so several
// processes can serve one PostgreSQL.
#ifndef INSPIRE_WEB_SERVER_H_
#define INSPIRE_WEB_SERVER_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "catalogue/catalogue.h"
#include "core/error.h"
#include "store/database.h"

namespace inspire::web {

struct ServerOptions {
  std::string db;  // SQLite path or postgresql:// URL
  std::string host = "127.0.0.1";
  int port = 8080;                   // 0: any free port (see Server::port)
  size_t threads = 32;               // requests handled at once (connections cost no thread)
  size_t db_connections = 16;        // database connections shared by the threads
  size_t max_body_bytes = 16 << 20;  // estimate files of large surveys run to megabytes
  size_t max_file_bytes = 10 << 20;  // the largest file the library takes (within the body)
  // Where people reach the hub (e.g. https://hub.example.org behind nginx). With https://,
  // session cookies are Secure and every answer carries Strict-Transport-Security.
  std::string public_url;
  // The reverse proxy in front (e.g. 127.0.0.1 for nginx on the same machine): from it alone the
  // client's address is read from X-Forwarded-For, for sign-in limits and connection caps.
  std::string trusted_proxy;
  size_t max_connections_per_address = 64;
  int idle_timeout_seconds = 5;   // a keep-alive connection with no new request is closed
  int head_timeout_seconds = 10;  // a request whose head takes longer gets 408
};

// The headers every answer carries: a content security policy with no inline script and no
// framing, nosniff, a referrer policy, X-Frame-Options, and HSTS when `https` is true.
std::vector<std::pair<std::string, std::string>> SecurityHeaders(bool https);

int StatusFor(core::ErrorCode code);

class Server {
 public:
  // Opens the database (applying migrations) and sets up the routes.
  static core::Result<std::unique_ptr<Server>> Create(const ServerOptions& options,
                                                      const catalogue::Catalogue& catalogue);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the address; the port actually bound (useful with port 0).
  core::Result<int> Bind();
  // Serves until Stop(); call after Bind.
  void Run();
  void Stop();

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace inspire::web

#endif  // INSPIRE_WEB_SERVER_H_
