// Sending e-mail through an SMTP relay (libcurl's SMTP, its only adapter): STARTTLS when the
// relay offers it, plain otherwise; a message at a time.
#ifndef INSPIRE_CORE_SMTP_H_
#define INSPIRE_CORE_SMTP_H_

#include <string>
#include <utility>
#include <vector>

#include "core/error.h"

namespace inspire::core {

// Where mail goes: the relay's URL "smtp://host:port" (or "smtps://host:port" for TLS from the
// start) and the sender.
struct SmtpRelay {
  std::string url;
  std::string from;  // the envelope and From address, e.g. "hub@example.org"
  int timeout_seconds = 30;
};

// One message: plain text, UTF-8.
struct MailMessage {
  std::string to;
  std::string subject;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers, e.g. List-Unsubscribe
};

// kInvalidArgument when the relay URL is not smtp:// or smtps:// with a host.
Result<void> CheckRelayUrl(const std::string& url);

// Sends `message` through `relay`. kInvalidArgument for an address with a line break or angle
// bracket (header injection); kUnavailable naming the relay when it cannot be reached or refuses.
Result<void> SendMail(const SmtpRelay& relay, const MailMessage& message);

}  // namespace inspire::core

#endif  // INSPIRE_CORE_SMTP_H_
