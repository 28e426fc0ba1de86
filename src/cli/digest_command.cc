#include "cli/digest_command.h"

#include <fmt/format.h>

#include <chrono>
#include <cstdio>

#include "hub/digests.h"
#include "hub/hub_database.h"

namespace inspire::cli {
namespace {

// The default sender: the public URL's host, or localhost.
std::string DefaultFrom(const std::string& site) {
  const size_t start = site.find("://");
  std::string host = start == std::string::npos ? "" : site.substr(start + 3);
  host = host.substr(0, host.find_first_of(":/"));
  return "inspire-hub@" + (host.empty() ? std::string("localhost") : host);
}

}  // namespace

core::Result<void> SendDigestsOnce(const DigestSettings& settings,
                                   const catalogue::Catalogue& catalogue) {
  INSPIRE_RETURN_IF_ERROR(core::CheckRelayUrl(settings.relay.url));
  INSPIRE_ASSIGN_OR_RETURN(auto connection, hub::OpenHub(settings.db));
  INSPIRE_ASSIGN_OR_RETURN(
      const hub::DigestRun run,
      hub::SendDueDigests(*connection, catalogue, settings.relay, settings.site));
  for (const std::string& failure : run.failures) {
    std::fprintf(stderr, "digest: %s\n", failure.c_str());
  }
  std::fprintf(stderr, "digest: %d sent, %d with nothing new, %zu not taken by the relay\n",
               run.sent, run.nothing, run.failures.size());
  return {};
}

void AddDigestCommand(CLI::App& app,
                      const std::function<core::Result<catalogue::Catalogue>()>& catalogue,
                      const std::function<void(const core::Result<void>&)>& finish) {
  auto settings = std::make_shared<DigestSettings>();
  settings->db = "inspire-hub.db";
  settings->site = "http://127.0.0.1:8080";
  auto* digest = app.add_subcommand("digest", "E-mail digests of what is new to followers");
  digest->require_subcommand(1);
  auto* send = digest->add_subcommand("send", "Send the digests that are due now (for cron)");
  send->add_option("--db", settings->db, "SQLite file or postgresql:// URL");
  send->add_option("--smtp", settings->relay.url, "The SMTP relay, e.g. smtp://localhost:25")
      ->required();
  send->add_option("--mail-from", settings->relay.from,
                   "The sender address (default inspire-hub@ the public URL's host)");
  send->add_option("--public-url", settings->site,
                   "Where the digest's links point (default http://127.0.0.1:8080)");
  send->callback([settings, catalogue, finish] {
    while (!settings->site.empty() && settings->site.back() == '/') settings->site.pop_back();
    if (settings->relay.from.empty()) settings->relay.from = DefaultFrom(settings->site);
    auto loaded = catalogue();
    if (!loaded) return finish(tl::unexpected(loaded.error()));
    finish(SendDigestsOnce(*settings, *loaded));
  });
}

DigestSender::DigestSender(DigestSettings settings, const catalogue::Catalogue& catalogue,
                           int interval_seconds)
    : settings_(std::move(settings)), catalogue_(catalogue), interval_seconds_(interval_seconds) {
  if (settings_.relay.from.empty()) settings_.relay.from = DefaultFrom(settings_.site);
  thread_ = std::thread([this] { Loop(); });
}

DigestSender::~DigestSender() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void DigestSender::Loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    const auto sent = SendDigestsOnce(settings_, catalogue_);
    if (!sent) std::fprintf(stderr, "digest: %s\n", sent.error().message.c_str());
    lock.lock();
    wake_.wait_for(lock, std::chrono::seconds(interval_seconds_), [this] { return stopping_; });
  }
}

}  // namespace inspire::cli
