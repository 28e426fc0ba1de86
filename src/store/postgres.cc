// The PostgreSQL driver (the only file that includes <libpq-fe.h>).
#include <fmt/format.h>
#include <libpq-fe.h>
#include <poll.h>

#include <cctype>
#include <charconv>
#include <cstring>
#include <string>

#include "store/database.h"
#include "store/drivers.h"

namespace inspire::store {
namespace {

using core::ErrorCode;
using core::Fail;

// Type OIDs of the columns we convert to numbers (pg_type.h).
constexpr Oid kBool = 16;
constexpr Oid kInt8 = 20;
constexpr Oid kInt2 = 21;
constexpr Oid kInt4 = 23;
constexpr Oid kFloat4 = 700;
constexpr Oid kFloat8 = 701;
constexpr Oid kNumeric = 1700;

using ResultHandle = std::unique_ptr<PGresult, decltype(&PQclear)>;

// Seconds a client should wait before trying again while the database does not answer.
constexpr int kRetryAfterSeconds = 2;

std::string Trimmed(std::string message) {
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return message;
}

// True for a statement that may be sent again after the connection broke under it: a read, or
// BEGIN. Both change nothing, so sending them twice cannot apply a write twice.
bool SafeToResend(std::string_view sql) {
  while (!sql.empty() && (sql.front() == ' ' || sql.front() == '\n' || sql.front() == '(')) {
    sql.remove_prefix(1);
  }
  const auto starts = [sql](std::string_view word) {
    if (sql.size() < word.size()) return false;
    for (size_t i = 0; i < word.size(); ++i) {
      if (std::toupper(static_cast<unsigned char>(sql[i])) != word[i]) return false;
    }
    return sql.size() == word.size() || std::isspace(static_cast<unsigned char>(sql[word.size()]));
  };
  return starts("SELECT") || starts("BEGIN");
}

// One non-null cell as a Value: booleans and integers as int64, reals and numerics as double.
Value CellValue(const PGresult* result, int r, int c) {
  const char* cell = PQgetvalue(result, r, c);
  const auto length = static_cast<size_t>(PQgetlength(result, r, c));
  switch (PQftype(result, c)) {
    case kBool:
      return static_cast<int64_t>(cell[0] == 't' ? 1 : 0);
    case kInt2:
    case kInt4:
    case kInt8: {
      int64_t number = 0;
      std::from_chars(cell, cell + length, number);
      return number;
    }
    case kFloat4:
    case kFloat8:
    case kNumeric: {
      double number = 0;
      std::from_chars(cell, cell + length, number);
      return number;
    }
    default:
      return std::string(cell, length);
  }
}

// The rows of a successful result, numbers as numbers (by column type), NULL as null.
QueryResult Converted(const PGresult* result) {
  QueryResult out;
  const int columns = PQnfields(result);
  for (int c = 0; c < columns; ++c) out.columns.emplace_back(PQfname(result, c));
  const int rows = PQntuples(result);
  out.rows.reserve(static_cast<size_t>(rows));
  for (int r = 0; r < rows; ++r) {
    Row row;
    row.values.reserve(static_cast<size_t>(columns));
    for (int c = 0; c < columns; ++c) {
      if (PQgetisnull(result, r, c) != 0) {
        row.values.emplace_back(std::monostate{});
        continue;
      }
      row.values.push_back(CellValue(result, r, c));
    }
    out.rows.push_back(std::move(row));
  }
  const char* affected = PQcmdTuples(const_cast<PGresult*>(result));  // libpq: not const
  if (affected != nullptr && *affected != '\0') {
    std::from_chars(affected, affected + std::strlen(affected), out.affected);
  }
  return out;
}

class PostgresConnection final : public Connection {
 public:
  explicit PostgresConnection(PGconn* connection) : connection_(connection) {}
  ~PostgresConnection() override { PQfinish(connection_); }
  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;

  Engine engine() const override { return Engine::kPostgres; }

  // The session settings every connection runs with (again after a reconnect).
  core::Result<void> Configure() {
    return Execute(
        "SET client_min_messages = warning; SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'");
  }

  core::Result<QueryResult> Query(std::string_view sql, const std::vector<Value>& params) override {
    const std::string text = NumberPlaceholders(sql);
    return WithReconnect(sql, [&]() -> core::Result<QueryResult> { return Run(text, params); });
  }

  core::Result<void> ExecuteScript(std::string_view sql) override {
    const std::string text(sql);
    return WithReconnect(sql, [&] { return Execute(text); });
  }

  core::Result<void> BeginWrite() override {
    INSPIRE_RETURN_IF_ERROR(ExecuteScript("BEGIN"));
    in_transaction_ = true;
    return {};
  }
  core::Result<void> Commit() override {
    // Still marked as in a transaction: a COMMIT must never go to a fresh connection.
    auto committed = ExecuteScript("COMMIT");
    in_transaction_ = false;
    return committed;
  }
  core::Result<void> Rollback() override {
    in_transaction_ = false;
    if (PQstatus(connection_) == CONNECTION_BAD) return {};  // the server dropped it already
    if (PQtransactionStatus(connection_) == PQTRANS_IDLE) return {};
    return ExecuteScript("ROLLBACK");
  }

 private:
  // Runs `attempt`; when the connection is (or turns out) broken, outside a transaction, it
  // reconnects, and sends `sql` once more if that is safe (SafeToResend). Anything else on a
  // broken connection is kUnavailable: the transaction it belonged to is gone, never half
  // applied, and the caller reports it. A connection that LISTENs never reconnects silently (its
  // listener must know it missed notifications).
  template <typename Attempt>
  auto WithReconnect(std::string_view sql, const Attempt& attempt) -> decltype(attempt()) {
    const bool may_reconnect = !in_transaction_ && !listening_;
    if (PQstatus(connection_) == CONNECTION_BAD) {
      if (!may_reconnect || !Reconnect()) return Unavailable();
    }
    auto result = attempt();
    if (result || PQstatus(connection_) != CONNECTION_BAD) return result;
    if (may_reconnect && SafeToResend(sql) && Reconnect()) {
      result = attempt();
      if (result || PQstatus(connection_) != CONNECTION_BAD) return result;
    }
    return Unavailable();
  }

  bool Reconnect() {
    PQreset(connection_);
    return PQstatus(connection_) == CONNECTION_OK && Configure().has_value();
  }

  tl::unexpected<core::Error> Unavailable() const {
    core::Error error{ErrorCode::kUnavailable,
                      "PostgreSQL does not answer: " + Trimmed(PQerrorMessage(connection_)),
                      {},
                      kRetryAfterSeconds};
    return tl::unexpected(std::move(error));
  }

  core::Result<void> Execute(const std::string& text) {
    ResultHandle result(PQexec(connection_, text.c_str()), &PQclear);
    const ExecStatusType status = PQresultStatus(result.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return Error(result.get());
    if (text.rfind("LISTEN ", 0) == 0) listening_ = true;
    return {};
  }

  core::Result<QueryResult> Run(const std::string& text, const std::vector<Value>& params) {
    std::vector<std::string> storage(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (size_t i = 0; i < params.size(); ++i) {
      if (const auto* integer = std::get_if<int64_t>(&params[i])) {
        storage[i] = std::to_string(*integer);
      } else if (const auto* real = std::get_if<double>(&params[i])) {
        storage[i] = fmt::format("{}", *real);
      } else if (const auto* string = std::get_if<std::string>(&params[i])) {
        storage[i] = *string;
      } else {
        continue;  // NULL
      }
      values[i] = storage[i].c_str();
    }
    ResultHandle result(PQexecParams(connection_, text.c_str(), static_cast<int>(params.size()),
                                     nullptr, values.data(), nullptr, nullptr, 0),
                        &PQclear);
    const ExecStatusType status = PQresultStatus(result.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return Error(result.get());
    return Converted(result.get());
  }

  tl::unexpected<core::Error> Error(const PGresult* result) const {
    const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const std::string message = Trimmed(PQerrorMessage(connection_));
    const std::string code = state != nullptr ? state : "";
    if (code == "23505") return Fail(ErrorCode::kConflict, "already exists: " + message);
    if (code == "23503" || code == "23514" || code == "23502") {
      return Fail(ErrorCode::kValidation, "breaks a rule of the database: " + message);
    }
    if (code.rfind("08", 0) == 0 || code.rfind("57P", 0) == 0) return Unavailable();
    if (code == "22021" || code == "22P05") {  // bytes that are not valid UTF-8
      return Fail(ErrorCode::kValidation, "text is not valid UTF-8: " + message);
    }
    return Fail(ErrorCode::kIo, "PostgreSQL: " + message);
  }

  PGconn* connection_;
  bool in_transaction_ = false;  // between BeginWrite and Commit or Rollback
  bool listening_ = false;       // has run LISTEN: notifications would be lost on a reconnect

 public:
  core::Result<bool> WaitForNotification(int timeout_ms) override {
    const auto drain = [this] {
      bool any = false;
      while (PGnotify* notice = PQnotifies(connection_)) {
        any = true;
        PQfreemem(notice);
      }
      return any;
    };
    if (PQstatus(connection_) == CONNECTION_BAD || PQconsumeInput(connection_) == 0) {
      return Unavailable();
    }
    if (drain()) return true;
    pollfd p{PQsocket(connection_), POLLIN, 0};
    if (p.fd < 0) return Fail(ErrorCode::kIo, "PostgreSQL: the connection is closed");
    if (::poll(&p, 1, timeout_ms) <= 0) return false;
    if (PQconsumeInput(connection_) == 0 || PQstatus(connection_) == CONNECTION_BAD) {
      return Unavailable();
    }
    return drain();
  }
};

}  // namespace

std::string NumberPlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int next = 1;
  char quote = 0;
  for (const char c : sql) {
    if (quote != 0) {
      if (c == quote) quote = 0;
      out += c;
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      out += c;
      continue;
    }
    if (c == '?') {
      out += '$' + std::to_string(next++);
      continue;
    }
    out += c;
  }
  return out;
}

core::Result<std::unique_ptr<Connection>> OpenPostgres(const std::string& url) {
  // A connection attempt gives up after 5 s unless the URL says otherwise (its own
  // connect_timeout comes later and wins), so that a reconnect never hangs a request for long.
  const char* keywords[] = {"connect_timeout", "dbname", nullptr};
  const char* values[] = {"5", url.c_str(), nullptr};
  PGconn* connection = PQconnectdbParams(keywords, values, 1);
  if (connection == nullptr || PQstatus(connection) != CONNECTION_OK) {
    const std::string message =
        Trimmed(connection != nullptr ? PQerrorMessage(connection) : "out of memory");
    PQfinish(connection);
    core::Error error{ErrorCode::kUnavailable,
                      "cannot connect to PostgreSQL: " + message,
                      {},
                      kRetryAfterSeconds};
    return tl::unexpected(std::move(error));
  }
  auto opened = std::make_unique<PostgresConnection>(connection);
  INSPIRE_RETURN_IF_ERROR(opened->Configure());
  return std::unique_ptr<Connection>(std::move(opened));
}

}  // namespace inspire::store
