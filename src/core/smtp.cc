#include "core/smtp.h"

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <ctime>
#include <memory>
#include <mutex>

namespace inspire::core {
namespace {

void InitCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

bool SafeHeaderValue(const std::string& value) {
  return value.find_first_of("\r\n") == std::string::npos;
}

bool SafeAddress(const std::string& address) {
  return !address.empty() && address.size() <= 254 && SafeHeaderValue(address) &&
         address.find_first_of("<>,; ") == std::string::npos &&
         address.find('@') != std::string::npos;
}

// An RFC 2047 encoded word for a header with non-ASCII text, else the text as is.
std::string EncodedHeader(const std::string& text) {
  const bool ascii = std::all_of(text.begin(), text.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) return text;
  static constexpr char kBase64[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (size_t i = 0; i < text.size(); i += 3) {
    uint32_t chunk = static_cast<unsigned char>(text[i]) << 16;
    if (i + 1 < text.size()) chunk |= static_cast<unsigned char>(text[i + 1]) << 8;
    if (i + 2 < text.size()) chunk |= static_cast<unsigned char>(text[i + 2]);
    out += kBase64[(chunk >> 18) & 63];
    out += kBase64[(chunk >> 12) & 63];
    out += i + 1 < text.size() ? kBase64[(chunk >> 6) & 63] : '=';
    out += i + 2 < text.size() ? kBase64[chunk & 63] : '=';
  }
  return "=?UTF-8?B?" + out + "?=";
}

// The whole message as sent: headers, a blank line, the body with CRLF line ends and no line
// starting with a lone dot left to chance (libcurl dot-stuffs it).
std::string Wire(const SmtpRelay& relay, const MailMessage& message) {
  char date[64];
  const std::time_t now = std::time(nullptr);
  std::tm parts{};
  gmtime_r(&now, &parts);
  std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &parts);
  std::string wire = fmt::format(
      "Date: {}\r\nFrom: {}\r\nTo: {}\r\nSubject: {}\r\nMIME-Version: 1.0\r\n"
      "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n",
      date, relay.from, message.to, EncodedHeader(message.subject));
  for (const auto& [name, value] : message.headers) {
    wire.append(name).append(": ").append(value).append("\r\n");
  }
  wire += "\r\n";
  for (size_t i = 0; i < message.body.size(); ++i) {
    if (message.body[i] == '\n' && (i == 0 || message.body[i - 1] != '\r')) wire += '\r';
    wire += message.body[i];
  }
  if (wire.size() < 2 || wire.compare(wire.size() - 2, 2, "\r\n") != 0) wire += "\r\n";
  return wire;
}

struct Upload {
  const std::string* data;
  size_t at = 0;
};

size_t ReadPart(char* buffer, size_t size, size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const size_t room = size * count;
  const size_t left = upload->data->size() - upload->at;
  const size_t n = std::min(room, left);
  std::memcpy(buffer, upload->data->data() + upload->at, n);
  upload->at += n;
  return n;
}

}  // namespace

Result<void> CheckRelayUrl(const std::string& url) {
  const bool scheme = url.rfind("smtp://", 0) == 0 || url.rfind("smtps://", 0) == 0;
  const size_t host = url.find("://") + 3;
  if (!scheme || url.size() <= host || url[host] == ':' || url[host] == '/' ||
      !SafeHeaderValue(url)) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("'{}' is not an SMTP relay such as smtp://mail.example.org:587", url));
  }
  return {};
}

Result<void> SendMail(const SmtpRelay& relay, const MailMessage& message) {
  INSPIRE_RETURN_IF_ERROR(CheckRelayUrl(relay.url));
  if (!SafeAddress(message.to) || !SafeAddress(relay.from)) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("'{}' cannot be used as an e-mail address", message.to));
  }
  for (const auto& [name, value] : message.headers) {
    if (!SafeHeaderValue(name) || !SafeHeaderValue(value) || !SafeHeaderValue(message.subject)) {
      return Fail(ErrorCode::kInvalidArgument, "a mail header may not hold a line break");
    }
  }
  InitCurlOnce();
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return Fail(ErrorCode::kInternal, "libcurl could not start");
  const std::string wire = Wire(relay, message);
  Upload upload{&wire};
  const std::string from = "<" + relay.from + ">";
  curl_slist* recipients = curl_slist_append(nullptr, ("<" + message.to + ">").c_str());
  curl_easy_setopt(curl.get(), CURLOPT_URL, relay.url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(curl.get(), CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
  curl_easy_setopt(curl.get(), CURLOPT_READFUNCTION, ReadPart);
  curl_easy_setopt(curl.get(), CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl.get(), CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, static_cast<long>(relay.timeout_seconds));
  curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
  const CURLcode sent = curl_easy_perform(curl.get());
  curl_slist_free_all(recipients);
  if (sent != CURLE_OK) {
    return Fail(ErrorCode::kUnavailable,
                fmt::format("the mail relay {} did not take the message for {}: {}", relay.url,
                            message.to, curl_easy_strerror(sent)));
  }
  return {};
}

}  // namespace inspire::core
