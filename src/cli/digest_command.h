// Digest e-mails from the command line and from the server: `inspire digest send` sends the
// digests that are due once (for cron), and a DigestSender started by `inspire serve --smtp`
// does the same every hour in the background.
#ifndef INSPIRE_CLI_DIGEST_COMMAND_H_
#define INSPIRE_CLI_DIGEST_COMMAND_H_

#include <CLI/CLI.hpp>
#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "catalogue/catalogue.h"
#include "core/error.h"
#include "core/smtp.h"

namespace inspire::cli {

// Where digests go and what their links point to.
struct DigestSettings {
  std::string db;
  core::SmtpRelay relay;
  std::string site;  // the hub's public URL, without a trailing slash
};

// Sends the due digests once and prints what it did ("digest: 3 sent, 1 with nothing new");
// a message the relay refused is reported (and stays due) without failing the others.
core::Result<void> SendDigestsOnce(const DigestSettings& settings,
                                   const catalogue::Catalogue& catalogue);

// `inspire digest send --db DB --smtp smtp://host:port --mail-from ADDRESS --public-url URL`.
void AddDigestCommand(CLI::App& app,
                      const std::function<core::Result<catalogue::Catalogue>()>& catalogue,
                      const std::function<void(const core::Result<void>&)>& finish);

// Sends the due digests every `interval_seconds` on a thread of its own until destroyed; each
// round's outcome goes to standard error. The catalogue must outlive it.
class DigestSender {
 public:
  DigestSender(DigestSettings settings, const catalogue::Catalogue& catalogue,
               int interval_seconds);
  ~DigestSender();
  DigestSender(const DigestSender&) = delete;
  DigestSender& operator=(const DigestSender&) = delete;

 private:
  void Loop();

  DigestSettings settings_;
  const catalogue::Catalogue& catalogue_;
  int interval_seconds_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace inspire::cli

#endif  // INSPIRE_CLI_DIGEST_COMMAND_H_
