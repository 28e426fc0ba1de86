// The PostgreSQL driver (the only file that includes <libpq-fe.h>).
#include <fmt/format.h>
#include <libpq-fe.h>
#include <poll.h>

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

class PostgresConnection final : public Connection {
 public:
  explicit PostgresConnection(PGconn* connection) : connection_(connection) {}
  ~PostgresConnection() override { PQfinish(connection_); }
  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;

  Engine engine() const override { return Engine::kPostgres; }

  core::Result<QueryResult> Query(std::string_view sql, const std::vector<Value>& params) override {
    const std::string text = NumberPlaceholders(sql);
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
    QueryResult out;
    const int columns = PQnfields(result.get());
    for (int c = 0; c < columns; ++c) out.columns.emplace_back(PQfname(result.get(), c));
    const int rows = PQntuples(result.get());
    out.rows.reserve(static_cast<size_t>(rows));
    for (int r = 0; r < rows; ++r) {
      Row row;
      row.values.reserve(static_cast<size_t>(columns));
      for (int c = 0; c < columns; ++c) {
        if (PQgetisnull(result.get(), r, c) != 0) {
          row.values.emplace_back(std::monostate{});
          continue;
        }
        const char* cell = PQgetvalue(result.get(), r, c);
        const auto length = static_cast<size_t>(PQgetlength(result.get(), r, c));
        switch (PQftype(result.get(), c)) {
          case kBool:
            row.values.emplace_back(static_cast<int64_t>(cell[0] == 't' ? 1 : 0));
            break;
          case kInt2:
          case kInt4:
          case kInt8: {
            int64_t number = 0;
            std::from_chars(cell, cell + length, number);
            row.values.emplace_back(number);
            break;
          }
          case kFloat4:
          case kFloat8:
          case kNumeric: {
            double number = 0;
            std::from_chars(cell, cell + length, number);
            row.values.emplace_back(number);
            break;
          }
          default:
            row.values.emplace_back(std::string(cell, length));
        }
      }
      out.rows.push_back(std::move(row));
    }
    const char* affected = PQcmdTuples(result.get());
    if (affected != nullptr && *affected != '\0') {
      std::from_chars(affected, affected + std::strlen(affected), out.affected);
    }
    return out;
  }

  core::Result<void> ExecuteScript(std::string_view sql) override {
    const std::string text(sql);
    ResultHandle result(PQexec(connection_, text.c_str()), &PQclear);
    const ExecStatusType status = PQresultStatus(result.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return Error(result.get());
    return {};
  }

  core::Result<void> BeginWrite() override { return ExecuteScript("BEGIN"); }
  core::Result<void> Commit() override { return ExecuteScript("COMMIT"); }
  core::Result<void> Rollback() override {
    if (PQtransactionStatus(connection_) == PQTRANS_IDLE) return {};
    return ExecuteScript("ROLLBACK");
  }

 private:
  tl::unexpected<core::Error> Error(const PGresult* result) const {
    const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    std::string message = PQerrorMessage(connection_);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
      message.pop_back();
    const std::string code = state != nullptr ? state : "";
    if (code == "23505") return Fail(ErrorCode::kConflict, "already exists: " + message);
    if (code == "23503" || code == "23514" || code == "23502") {
      return Fail(ErrorCode::kValidation, "breaks a rule of the database: " + message);
    }
    if (code == "22021" || code == "22P05") {  // bytes that are not valid UTF-8
      return Fail(ErrorCode::kValidation, "text is not valid UTF-8: " + message);
    }
    return Fail(ErrorCode::kIo, "PostgreSQL: " + message);
  }

  PGconn* connection_;

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
    if (PQconsumeInput(connection_) == 0) {
      return Fail(ErrorCode::kIo, std::string("PostgreSQL: ") + PQerrorMessage(connection_));
    }
    if (drain()) return true;
    pollfd p{PQsocket(connection_), POLLIN, 0};
    if (p.fd < 0) return Fail(ErrorCode::kIo, "PostgreSQL: the connection is closed");
    if (::poll(&p, 1, timeout_ms) <= 0) return false;
    if (PQconsumeInput(connection_) == 0) {
      return Fail(ErrorCode::kIo, std::string("PostgreSQL: ") + PQerrorMessage(connection_));
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
  PGconn* connection = PQconnectdb(url.c_str());
  if (connection == nullptr || PQstatus(connection) != CONNECTION_OK) {
    std::string message = connection != nullptr ? PQerrorMessage(connection) : "out of memory";
    while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
      message.pop_back();
    PQfinish(connection);
    return Fail(ErrorCode::kIo, "cannot connect to PostgreSQL: " + message);
  }
  auto opened = std::make_unique<PostgresConnection>(connection);
  INSPIRE_RETURN_IF_ERROR(opened->ExecuteScript(
      "SET client_min_messages = warning; SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'"));
  return std::unique_ptr<Connection>(std::move(opened));
}

}  // namespace inspire::store
