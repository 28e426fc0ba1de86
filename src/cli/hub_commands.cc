#include "cli/hub_commands.h"

#include <fmt/format.h>
#include <httplib.h>
#include <pthread.h>
#include <signal.h>
#include <time.h>

#include <atomic>
#include <cctype>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <thread>

#include "cli/demo.h"
#include "cli/digest_command.h"
#include "core/file.h"
#include "core/json_parse.h"
#include "hub/accounts.h"
#include "hub/estimates.h"
#include "hub/hub_database.h"
#include "hub/write.h"
#include "store/backup.h"
#include "store/database.h"
#include "web/server.h"

namespace inspire::cli {
namespace {

constexpr const char* kDefaultDb = "inspire-hub.db";

struct ServeRequest {
  std::string db = kDefaultDb;
  std::string host = "127.0.0.1";
  int port = 8080;
  int threads = 32;
  std::string public_url;
  std::string trusted_proxy;
  int max_connections_per_address = 64;
  int idle_timeout = 5;
  int head_timeout = 10;
  int max_file_mb = 10;  // the largest file the library takes
  bool demo = false;
  std::string smtp;       // digests are sent hourly through this relay when given
  std::string mail_from;  // their sender
};

// --demo: fills an empty database with the fictional demo set, and says what it did.
core::Result<void> FillDemoDatabase(const ServeRequest& request,
                                    const catalogue::Catalogue& catalogue,
                                    const std::filesystem::path& data_dir) {
  INSPIRE_ASSIGN_OR_RETURN(auto connection, hub::OpenHub(request.db));
  std::printf("inspire serve: --demo: filling %s with fictional demo records...\n",
              request.db.c_str());
  std::fflush(stdout);
  INSPIRE_ASSIGN_OR_RETURN(const DemoSummary summary, FillDemo(*connection, catalogue, data_dir));
  if (!summary.filled) {
    std::printf("inspire serve: --demo: %s already holds records; left as it is\n",
                request.db.c_str());
    return {};
  }
  std::printf(
      "inspire serve: --demo: %d organisations, %d activities, %d needs (%d matched), %d offers, "
      "%d synthetic surveys -> %d estimates, %d targets, %d studies, %d implementation rounds, "
      "%d work-plan objectives, %d meetings, %d decisions, %d actions, %d membership "
      "applications, %d needs routed, %d library items (%d files)\n"
      "inspire serve: --demo: sign in as %s with the password %s (shown only now)\n",
      summary.organizations, summary.activities, summary.needs, summary.matches, summary.offers,
      summary.surveys, summary.estimates, summary.targets, summary.studies, summary.rounds,
      summary.working_group.objectives, summary.working_group.meetings,
      summary.working_group.decisions, summary.working_group.actions,
      summary.membership.applications, summary.membership.assignments, summary.library.items,
      summary.library.files, summary.admin_email.c_str(), summary.admin_password.c_str());
  return {};
}

core::Result<void> Serve(const ServeRequest& request, const catalogue::Catalogue& catalogue) {
  web::ServerOptions options;
  options.db = request.db;
  options.host = request.host;
  options.port = request.port;
  options.threads = static_cast<size_t>(std::max(1, request.threads));
  options.public_url = request.public_url;
  options.trusted_proxy = request.trusted_proxy;
  options.max_connections_per_address = static_cast<size_t>(request.max_connections_per_address);
  options.idle_timeout_seconds = request.idle_timeout;
  options.head_timeout_seconds = request.head_timeout;
  options.max_file_bytes = static_cast<size_t>(request.max_file_mb) << 20;
  // A file comes in a form with a few fields around it.
  options.max_body_bytes = std::max(options.max_body_bytes, options.max_file_bytes + (1u << 20));
  // SIGINT and SIGTERM are taken by a thread that stops the server (a signal handler may not).
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  INSPIRE_ASSIGN_OR_RETURN(auto server, web::Server::Create(options, catalogue));
  INSPIRE_ASSIGN_OR_RETURN(const int port, server->Bind());
  std::printf("inspire serve: listening on http://%s:%d (database %s)\n", request.host.c_str(),
              port, request.db.c_str());
  std::fflush(stdout);
  std::atomic<bool> finished{false};
  std::thread stopper([&] {
    const timespec wait{0, 200'000'000L};
    while (!finished) {
      if (sigtimedwait(&signals, nullptr, &wait) > 0) {
        server->Stop();
        return;
      }
    }
  });
  std::unique_ptr<DigestSender> digests;
  if (!request.smtp.empty()) {
    DigestSettings settings{request.db,
                            {request.smtp, request.mail_from},
                            request.public_url.empty()
                                ? fmt::format("http://{}:{}", request.host, port)
                                : request.public_url};
    while (!settings.site.empty() && settings.site.back() == '/') settings.site.pop_back();
    digests = std::make_unique<DigestSender>(std::move(settings), catalogue, 3600);
  }
  server->Run();
  finished = true;
  stopper.join();
  digests.reset();
  std::printf("inspire serve: stopped\n");
  return {};
}

struct UserRequest {
  std::string db = kDefaultDb;
  std::string email;
  std::string role;
  int64_t organization = 0;
  std::string country;
  bool password_stdin = false;
  int days = hub::kApiTokenDays;
  std::string label;
  std::string token_id;  // `user revoke`: an id that `user tokens` lists
};

core::Result<void> AddUser(const UserRequest& request, const catalogue::Catalogue& catalogue) {
  if (!request.password_stdin) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "give the password on standard input with --password-stdin (never as an "
                      "argument, where other users of the machine could see it)");
  }
  std::string password;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  INSPIRE_ASSIGN_OR_RETURN(auto db, hub::OpenHub(request.db));
  hub::NewUser user{request.email, password, request.role, std::nullopt, request.country};
  if (request.organization > 0) user.organization = request.organization;
  INSPIRE_ASSIGN_OR_RETURN(const auto created,
                           hub::Write<hub::Json>(*db, [&](store::Connection& c) {
                             return hub::CreateUser(c, catalogue, hub::Actor::System(), user);
                           }));
  std::printf("created user %lld %s (%s)\n", static_cast<long long>(created["id"].get<int64_t>()),
              created["email"].get<std::string>().c_str(),
              created["role"].get<std::string>().c_str());
  return {};
}

core::Result<void> NewToken(const UserRequest& request) {
  INSPIRE_ASSIGN_OR_RETURN(auto db, hub::OpenHub(request.db));
  INSPIRE_ASSIGN_OR_RETURN(
      const std::string token, hub::Write<std::string>(*db, [&](store::Connection& c) {
        return hub::CreateApiToken(c, request.email, request.days, request.label);
      }));
  std::printf("%s\n", token.c_str());
  return {};
}

// The id of the user with `request.email` (emails are stored in lower case).
core::Result<int64_t> UserId(store::Connection& db, const std::string& email) {
  INSPIRE_ASSIGN_OR_RETURN(const hub::Json users, hub::ListUsers(db, hub::Actor::System()));
  std::string wanted = email;
  for (char& c : wanted) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const hub::Json& user : users["items"]) {
    if (user["email"] == wanted) return user["id"].get<int64_t>();
  }
  return core::Fail(core::ErrorCode::kNotFound, fmt::format("no user with the email '{}'", email));
}

// `inspire user tokens`: the user's API tokens, newest first (ids, never the tokens).
core::Result<void> ListTokens(const UserRequest& request) {
  INSPIRE_ASSIGN_OR_RETURN(auto db, hub::OpenHub(request.db));
  INSPIRE_ASSIGN_OR_RETURN(const int64_t id, UserId(*db, request.email));
  INSPIRE_ASSIGN_OR_RETURN(const hub::Json tokens,
                           hub::ListApiTokens(*db, hub::Actor::System(), id));
  std::printf("%-16s  %-24s  %-24s  %s\n", "id", "created", "expires", "label");
  for (const hub::Json& token : tokens["items"]) {
    std::printf("%-16s  %-24s  %-24s  %s%s\n", token["id"].get<std::string>().c_str(),
                token["created_at"].get<std::string>().c_str(),
                token["expires_at"].get<std::string>().c_str(),
                token["label"].get<std::string>().c_str(),
                token["expired"].get<bool>() ? " (expired)" : "");
  }
  return {};
}

// `inspire user revoke`: ends one API token of the user at once.
core::Result<void> RevokeToken(const UserRequest& request) {
  INSPIRE_ASSIGN_OR_RETURN(auto db, hub::OpenHub(request.db));
  INSPIRE_ASSIGN_OR_RETURN(const int64_t id, UserId(*db, request.email));
  const auto revoked = hub::Write<bool>(*db, [&](store::Connection& c) -> core::Result<bool> {
    auto done = hub::RevokeApiToken(c, hub::Actor::System(), id, request.token_id);
    if (!done) return tl::unexpected(done.error());
    return true;
  });
  if (!revoked) return tl::unexpected(revoked.error());
  std::printf("revoked token %s of %s\n", request.token_id.c_str(), request.email.c_str());
  return {};
}

struct PublishRequest {
  std::string file;
  std::string to;
  std::string token;
  std::string country;
  int64_t year = 0;
  std::string source;
  bool replace = false;
  bool dry_run = false;
};

// Sends an estimate file to a hub. Suppressed rows go as their key and flag only: their counts
// never leave the machine.
core::Result<void> Publish(const PublishRequest& request) {
  INSPIRE_ASSIGN_OR_RETURN(const std::string text, core::ReadFile(request.file));
  auto parsed = core::ParseJson(text, request.file);
  if (!parsed) return tl::unexpected(parsed.error());
  const hub::Json file = std::move(*parsed);
  if (!file.is_object() || !file.contains("estimates")) {
    return core::Fail(core::ErrorCode::kParse,
                      request.file +
                          ": not an estimate file; make one with `inspire estimate "
                          "... --format json --out FILE`");
  }
  const std::string body = hub::StripSuppressed(file).dump();
  httplib::Client client(request.to);
  client.set_read_timeout(300, 0);
  client.set_bearer_token_auth(request.token);
  const httplib::Params params = {{"country", request.country},
                                  {"year", std::to_string(request.year)},
                                  {"source", request.source},
                                  {"replace", request.replace ? "true" : "false"},
                                  {"dry_run", request.dry_run ? "true" : "false"}};
  const std::string path = httplib::append_query_params("/api/v1/estimates", params);
  auto response = client.Post(path, body, "application/json");
  if (!response) {
    return core::Fail(core::ErrorCode::kIo, fmt::format("{}: no answer ({})", request.to,
                                                        httplib::to_string(response.error())));
  }
  const hub::Json reply = core::ParseJson(response->body, "the hub's answer").value_or(hub::Json());
  if (response->status >= 300) {
    std::string message = response->body;
    if (reply.is_object() && reply.contains("error")) {
      message = reply["error"].value("message", message);
      const auto& field = reply["error"]["field"];
      if (field.is_string()) message += " (" + field.get<std::string>() + ")";
    }
    return core::Fail(
        core::ErrorCode::kInvalidArgument,
        fmt::format("{} refused the estimates ({}): {}", request.to, response->status, message));
  }
  const hub::Json& summary = reply.contains("would") ? reply["would"] : reply;
  std::printf("%s %lld estimates for %s, %lld, from %s (%lld suppressed, sent without numbers)\n",
              reply.contains("would") ? "would publish" : "published",
              static_cast<long long>(summary.value("rows", 0)), request.country.c_str(),
              static_cast<long long>(request.year), request.source.c_str(),
              static_cast<long long>(summary.value("suppressed", 0)));
  return {};
}

core::Result<void> MigrateDb(const std::string& location) {
  INSPIRE_ASSIGN_OR_RETURN(auto db, store::Open(location));
  INSPIRE_ASSIGN_OR_RETURN(const int applied, store::Migrate(*db));
  std::printf("%s: %d migration%s applied; schema version %d\n", location.c_str(), applied,
              applied == 1 ? "" : "s", store::LatestMigration());
  return {};
}

using Finish = std::function<void(const core::Result<void>&)>;
using CatalogueLoader = std::function<core::Result<catalogue::Catalogue>()>;

// `inspire serve`.
void AddServeCommand(CLI::App& app, const CatalogueLoader& catalogue,
                     const std::function<core::Result<std::filesystem::path>()>& data_dir,
                     const Finish& finish) {
  auto serve_request = std::make_shared<ServeRequest>();
  auto* serve = app.add_subcommand("serve", "Run the hub: the JSON API (and pages) over HTTP");
  serve->add_option("--db", serve_request->db,
                    "SQLite file (default inspire-hub.db) or postgresql://user@host:port/db");
  serve->add_option("--host", serve_request->host, "Address to listen on (default 127.0.0.1)");
  serve->add_option("--port", serve_request->port, "Port (default 8080; 0: any free port)")
      ->check(CLI::Range(0, 65535));
  serve
      ->add_option("--threads", serve_request->threads,
                   "Requests handled at once (default 32; open connections need no thread)")
      ->check(CLI::Range(1, 256));
  serve
      ->add_option("--trusted-proxy", serve_request->trusted_proxy,
                   "Address of the reverse proxy in front (e.g. 127.0.0.1 for nginx): only its "
                   "X-Forwarded-For is believed, for sign-in limits and connection caps")
      ->check(CLI::ValidIPV4 | CLI::Validator(
                                   [](std::string& text) {
                                     return text.find(':') != std::string::npos
                                                ? std::string()
                                                : std::string("not an IP address");
                                   },
                                   "IPv6"));
  serve
      ->add_option("--max-connections-per-address", serve_request->max_connections_per_address,
                   "Open connections one client address may hold (default 64)")
      ->check(CLI::Range(1, 100000));
  serve
      ->add_option("--idle-timeout", serve_request->idle_timeout,
                   "Seconds a connection may wait for its next request (default 5)")
      ->check(CLI::Range(1, 3600));
  serve
      ->add_option("--head-timeout", serve_request->head_timeout,
                   "Seconds a request's line and headers may take to arrive (default 10)")
      ->check(CLI::Range(1, 3600));
  serve
      ->add_option("--max-file-mb", serve_request->max_file_mb,
                   "The largest file, in MiB, that the library takes (default 10)")
      ->check(CLI::Range(1, 512));
  serve
      ->add_option("--smtp", serve_request->smtp,
                   "An SMTP relay (smtp://host:port; STARTTLS when offered): digests of what is "
                   "new are e-mailed to followers every hour that one is due")
      ->check([](const std::string& url) {
        const auto checked = core::CheckRelayUrl(url);
        return checked ? std::string() : checked.error().message;
      });
  serve->add_option("--mail-from", serve_request->mail_from,
                    "The digests' sender address (default inspire-hub@ the public URL's host)");
  serve
      ->add_option("--public-url", serve_request->public_url,
                   "The address people reach the hub at (https://... behind a TLS proxy: "
                   "session cookies are marked Secure and HSTS is sent)")
      ->check([](const std::string& url) {
        return url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0
                   ? std::string()
                   : std::string("--public-url must start with https:// or http://");
      });
  serve->add_flag("--demo", serve_request->demo,
                  "Fill an empty database with a fictional demo set (organisations, activities, "
                  "needs, offers, estimates from synthetic surveys, targets) first");
  serve->callback([serve_request, catalogue, data_dir, finish] {
    auto loaded = catalogue();
    if (!loaded) return finish(tl::unexpected(loaded.error()));
    if (serve_request->demo) {
      auto dir = data_dir();
      if (!dir) return finish(tl::unexpected(dir.error()));
      const auto filled = FillDemoDatabase(*serve_request, *loaded, *dir);
      if (!filled) return finish(filled);
    }
    finish(Serve(*serve_request, *loaded));
  });
}

// `inspire user add|token|tokens|revoke`.
void AddUserCommands(CLI::App& app, const CatalogueLoader& catalogue, const Finish& finish) {
  auto user_request = std::make_shared<UserRequest>();
  auto* user = app.add_subcommand("user", "Create users and API tokens from the command line");
  user->require_subcommand(1);
  auto* add = user->add_subcommand("add", "Create a user (the first admin, or any user)");
  add->add_option("--db", user_request->db, "SQLite file or postgresql:// URL");
  add->add_option("--email", user_request->email, "The user's email, used to sign in")->required();
  add->add_option("--role", user_request->role,
                  "admin, secretariat, org_editor, country_focal_point or viewer")
      ->required();
  add->add_option("--org", user_request->organization, "Organisation id (org_editor)");
  add->add_option("--country", user_request->country, "Country ISO3 (country_focal_point)");
  add->add_flag("--password-stdin", user_request->password_stdin,
                "Read the password from the first line of standard input");
  add->callback([user_request, catalogue, finish] {
    auto loaded = catalogue();
    finish(loaded ? AddUser(*user_request, *loaded)
                  : core::Result<void>(tl::unexpected(loaded.error())));
  });
  auto* token = user->add_subcommand("token", "Print a new API token for a user (for scripts)");
  token->add_option("--db", user_request->db, "SQLite file or postgresql:// URL");
  token->add_option("--email", user_request->email, "The user's email")->required();
  token->add_option("--days", user_request->days,
                    fmt::format("Days the token is valid (default {}, at most {})",
                                hub::kApiTokenDays, hub::kMaxApiTokenDays));
  token->add_option("--label", user_request->label, "What the token is for (shown in lists)");
  token->callback([user_request, finish] { finish(NewToken(*user_request)); });
  auto* tokens = user->add_subcommand("tokens", "List a user's API tokens (ids, never the tokens)");
  tokens->add_option("--db", user_request->db, "SQLite file or postgresql:// URL");
  tokens->add_option("--email", user_request->email, "The user's email")->required();
  tokens->callback([user_request, finish] { finish(ListTokens(*user_request)); });
  auto* revoke = user->add_subcommand("revoke", "End one of a user's API tokens at once");
  revoke->add_option("--db", user_request->db, "SQLite file or postgresql:// URL");
  revoke->add_option("--email", user_request->email, "The user's email")->required();
  revoke->add_option("--token-id", user_request->token_id, "The id `inspire user tokens` lists")
      ->required();
  revoke->callback([user_request, finish] { finish(RevokeToken(*user_request)); });
}

// `inspire publish`.
void AddPublishCommand(CLI::App& app, const Finish& finish) {
  auto publish_request = std::make_shared<PublishRequest>();
  auto* publish = app.add_subcommand("publish", "Send an estimate file to a hub");
  publish
      ->add_option("RESULTS", publish_request->file,
                   "The JSON of `inspire estimate ... --format json`")
      ->required();
  publish->add_option("--to", publish_request->to, "The hub, e.g. https://hub.example.org")
      ->required();
  publish->add_option("--token", publish_request->token, "API token (`inspire user token`)")
      ->required();
  publish->add_option("--country", publish_request->country, "Country ISO3")->required();
  publish->add_option("--year", publish_request->year, "Survey year")->required();
  publish->add_option("--source", publish_request->source, "The survey, e.g. \"MICS6 2019\"")
      ->required();
  publish->add_flag("--replace", publish_request->replace,
                    "Replace an earlier publication of the same country, year and source");
  publish->add_flag("--dry-run", publish_request->dry_run,
                    "Check everything and report, without publishing");
  publish->callback([publish_request, finish] { finish(Publish(*publish_request)); });
}

// `inspire db migrate|backup|restore`.
void AddDbCommands(CLI::App& app, const Finish& finish) {
  auto db_location = std::make_shared<std::string>(kDefaultDb);
  auto* db = app.add_subcommand("db", "Database maintenance");
  db->require_subcommand(1);
  auto* migrate = db->add_subcommand("migrate", "Apply the schema migrations this build knows");
  migrate->add_option("--db", *db_location, "SQLite file or postgresql:// URL");
  migrate->callback([db_location, finish] { finish(MigrateDb(*db_location)); });
  auto backup_file = std::make_shared<std::string>();
  auto* backup = db->add_subcommand(
      "backup",
      "Copy the database to a file: SQLite's online backup (safe while the hub runs), or "
      "pg_dump's custom format for PostgreSQL");
  backup->add_option("--db", *db_location, "SQLite file or postgresql:// URL");
  backup->add_option("--out", *backup_file, "The backup file to write")->required();
  backup->callback([db_location, backup_file, finish] {
    const auto done = store::Backup(*db_location, *backup_file);
    if (done) std::printf("%s: backed up to %s\n", db_location->c_str(), backup_file->c_str());
    finish(done);
  });
  auto* restore = db->add_subcommand(
      "restore",
      "Replace the database's contents with a backup (checked first; pg_restore in one "
      "transaction for PostgreSQL), then migrate it to this build's schema");
  restore->add_option("--db", *db_location, "SQLite file or postgresql:// URL");
  restore->add_option("--from", *backup_file, "The backup file to read")->required();
  restore->callback([db_location, backup_file, finish] {
    const auto done = store::Restore(*db_location, *backup_file);
    if (done) std::printf("%s: restored from %s\n", db_location->c_str(), backup_file->c_str());
    finish(done);
  });
}

}  // namespace

void AddHubCommands(CLI::App& app,
                    const std::function<core::Result<catalogue::Catalogue>()>& catalogue,
                    const std::function<core::Result<std::filesystem::path>()>& data_dir,
                    const std::function<int(const core::Error&)>& report, int& exit_code) {
  const Finish finish = [&exit_code, report](const core::Result<void>& done) {
    exit_code = done ? 0 : report(done.error());
  };
  AddServeCommand(app, catalogue, data_dir, finish);
  AddUserCommands(app, catalogue, finish);
  AddPublishCommand(app, finish);
  AddDbCommands(app, finish);
  AddDigestCommand(app, catalogue, finish);
}

}  // namespace inspire::cli
