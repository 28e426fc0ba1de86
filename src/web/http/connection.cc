// One client connection: read a request (with deadlines and size limits), hand it to a worker,
// write the answer, and wait for the next request or close. All socket work runs on the
// connection's strand; only Router::Dispatch runs on a worker thread.
#include <array>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <memory>
#include <optional>

#include "web/http/server_state.h"
#include "web/http/url.h"

namespace inspire::web::http {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

bool StartsWithNoCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  return !CaseInsensitiveLess()(text.substr(0, prefix.size()), prefix) &&
         !CaseInsensitiveLess()(prefix, text.substr(0, prefix.size()));
}

// The client's address: the peer, or from the trusted proxy the last X-Forwarded-For entry
// (the one the proxy itself added), when that is an IP address.
std::string ClientAddress(const std::string& peer, const Limits& limits, const Headers& headers) {
  if (limits.trusted_proxy.empty() || peer != limits.trusted_proxy) return peer;
  const auto it = headers.find("X-Forwarded-For");
  if (it == headers.end()) return peer;
  std::string_view list = it->second;
  const size_t comma = list.rfind(',');
  std::string_view last = comma == std::string_view::npos ? list : list.substr(comma + 1);
  while (!last.empty() && last.front() == ' ') last.remove_prefix(1);
  while (!last.empty() && last.back() == ' ') last.remove_suffix(1);
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(std::string(last), ec);
  return ec ? peer : address.to_string();
}

// The hub's request from Beast's head (and body, when read).
Request ToRequest(const bhttp::request<bhttp::string_body>& msg, const std::string& peer,
                  const Limits& limits) {
  Request req;
  req.method = std::string(msg.method_string());
  req.target = std::string(msg.target());
  const size_t question = req.target.find('?');
  req.path = DecodeUrl(std::string_view(req.target).substr(0, question), false);
  if (question != std::string::npos) {
    ParseQuery(std::string_view(req.target).substr(question + 1), req.params);
  }
  for (const auto& field : msg) {
    req.headers.emplace(std::string(field.name_string()), std::string(field.value()));
  }
  req.remote_addr = ClientAddress(peer, limits, req.headers);
  req.body = msg.body();
  if (StartsWithNoCase(req.get_header_value("Content-Type"), "application/x-www-form-urlencoded")) {
    ParseQuery(req.body, req.params);
  }
  return req;
}

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(ServerState& state, tcp::socket socket, std::string peer, bool counted)
      : state_(state),
        stream_(std::move(socket)),
        deadline_(stream_.get_executor()),
        peer_(std::move(peer)),
        counted_(counted) {}
  ~Connection() {
    if (counted_) state_.Release(peer_);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Answers a request that was not (fully) read, or not read at all, with `status` (naming its
  // path when the head arrived; 503 with Retry-After), and closes the connection.
  void Reject(int status) {
    Request req;
    if (parser_ && parser_->is_header_done()) {
      req = ToRequest(bhttp::request<bhttp::string_body>(parser_->get().base()), peer_,
                      state_.limits);
    }
    Response res;
    state_.router.Refuse(status, req, res);
    if (status == 503) res.set_header("Retry-After", "1");
    Write(std::make_shared<Response>(std::move(res)), false, false);
  }

  // Waits for the next request (keep-alive: within the idle deadline).
  void WaitForRequest() {
    if (buffer_.size() > 0) return ReadHead();  // a pipelined request is already here
    stream_.expires_after(state_.limits.idle_timeout);
    stream_.async_read_some(buffer_.prepare(4096),
                            [self = shared_from_this()](beast::error_code ec, size_t n) {
                              if (ec) return self->Close();
                              self->buffer_.commit(n);
                              self->ReadHead();
                            });
  }

 private:
  void ReadHead() {
    parser_.emplace();
    parser_->body_limit(state_.limits.max_body_bytes);
    parser_->header_limit(static_cast<uint32_t>(state_.limits.max_head_bytes));
    stream_.expires_never();
    Arm(state_.limits.head_timeout);
    bhttp::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->OnHead(ec); });
  }

  // Reading the request may take until `timeout`; then it is cancelled and answered 408 (the
  // stream's own timeouts would close the socket before the answer could be written).
  void Arm(Clock::duration timeout) {
    timed_out_ = false;
    deadline_.expires_after(timeout);
    deadline_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (ec) return;  // re-armed or cancelled
      self->timed_out_ = true;
      beast::error_code ignored;
      self->stream_.socket().cancel(ignored);
    });
  }

  void OnHead(beast::error_code ec) {
    if (ec) return Fail(ec);
    deadline_.cancel();
    if (parser_->is_done()) return Dispatch();
    const auto expect = parser_->get()[bhttp::field::expect];
    if (!StartsWithNoCase(expect, "100-continue")) return ReadBody(Clock::now());
    auto proceed = std::make_shared<std::string>("HTTP/1.1 100 Continue\r\n\r\n");
    stream_.expires_after(state_.limits.write_timeout);
    asio::async_write(stream_, asio::buffer(*proceed),
                      [self = shared_from_this(), proceed](beast::error_code error, size_t) {
                        if (error) return self->Close();
                        self->ReadBody(Clock::now());
                      });
  }

  void ReadBody(Clock::time_point started) {
    const auto left = state_.limits.body_total - (Clock::now() - started);
    if (left <= Clock::duration::zero()) return Reject(408);
    Arm(std::min<Clock::duration>(state_.limits.body_silence, left));
    bhttp::async_read_some(stream_, buffer_, *parser_,
                           [self = shared_from_this(), started](beast::error_code ec, size_t) {
                             if (ec) return self->Fail(ec);
                             if (self->parser_->is_done()) return self->Dispatch();
                             self->ReadBody(started);
                           });
  }

  // A request that cannot be read: the status that says why, or a quiet close when the client
  // went away.
  void Fail(beast::error_code ec) {
    deadline_.cancel();
    if (timed_out_ || ec == beast::error::timeout) return Reject(408);
    if (ec == bhttp::error::body_limit) return Reject(413);
    if (ec == bhttp::error::header_limit) return Reject(431);
    if (ec == bhttp::error::end_of_stream || ec == asio::error::eof ||
        ec == asio::error::connection_reset || ec == asio::error::operation_aborted ||
        ec == bhttp::error::partial_message) {
      return Close();
    }
    Reject(400);
  }

  void Dispatch() {
    deadline_.cancel();
    auto msg = parser_->release();
    const bool keep_alive = msg.keep_alive();
    auto req = std::make_shared<Request>(ToRequest(msg, peer_, state_.limits));
    asio::post(state_.workers, [self = shared_from_this(), req, keep_alive] {
      auto res = std::make_shared<Response>();
      self->state_.router.Dispatch(*req, *res);
      const bool head = req->method == "HEAD";
      asio::post(self->stream_.get_executor(),
                 [self, res, head, keep_alive] { self->Write(res, head, keep_alive); });
    });
  }

  void Write(const std::shared_ptr<Response>& res, bool head, bool keep_alive) {
    auto msg = std::make_shared<bhttp::response<bhttp::string_body>>();
    msg->version(11);
    msg->result(static_cast<unsigned>(res->status));
    for (const auto& [name, value] : res->headers) msg->insert(name, value);
    msg->keep_alive(keep_alive);
    const bool bodiless = res->status == 204 || res->status == 304 || res->status < 200;
    if (head && !bodiless) {
      msg->content_length(res->body.size());
    } else if (!bodiless) {
      msg->body() = std::move(res->body);
      msg->prepare_payload();
    }
    stream_.expires_after(state_.limits.write_timeout);
    bhttp::async_write(stream_, *msg,
                       [self = shared_from_this(), msg, keep_alive](beast::error_code ec, size_t) {
                         if (ec) return self->Close();
                         if (!keep_alive) return self->Linger();
                         self->WaitForRequest();
                       });
  }

  // After a closing answer: stop sending, and read (and drop, 8 KiB at a time) what the client
  // still sends, for up to 5 s and 64 MiB, so that a client that reads only once it has sent
  // its whole body still gets the answer instead of a reset.
  void Linger() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(std::chrono::seconds(5));
    Drain();
  }

  void Drain() {
    stream_.async_read_some(asio::buffer(drain_),
                            [self = shared_from_this()](beast::error_code ec, size_t n) {
                              self->drained_ += n;
                              if (ec || self->drained_ > (64u << 20)) return self->Close();
                              self->Drain();
                            });
  }

  void Close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
  }

  ServerState& state_;
  beast::tcp_stream stream_;
  asio::steady_timer deadline_;
  bool timed_out_ = false;
  std::string peer_;
  bool counted_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::array<char, 8192> drain_{};
  size_t drained_ = 0;
};

}  // namespace

void ServeConnection(ServerState& state, tcp::socket socket, std::string peer) {
  std::make_shared<Connection>(state, std::move(socket), std::move(peer), true)->WaitForRequest();
}

void RefuseConnection(ServerState& state, tcp::socket socket) {
  std::make_shared<Connection>(state, std::move(socket), std::string(), false)->Reject(503);
}

}  // namespace inspire::web::http
