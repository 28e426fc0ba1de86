// A migrated database with the shipped catalogue, for tests that put records in before a server
// starts: organisations and users made by the system actor, the rest through db(), catalogue()
// and system.
#ifndef INSPIRE_TESTS_SUPPORT_HUB_SEED_H_
#define INSPIRE_TESTS_SUPPORT_HUB_SEED_H_

#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "catalogue/loader.h"
#include "hub/accounts.h"
#include "hub/organizations.h"
#include "store/database.h"

namespace inspire::testing {

class HubSeed {
 public:
  // Opens and migrates `location`; a failure fails the test.
  explicit HubSeed(const std::string& location)
      : catalogue_(catalogue::LoadCatalogue(catalogue::LoadOptions{INSPIRE_SOURCE_DATA_DIR, {}})) {
    auto db = store::Open(location);
    EXPECT_TRUE(db.has_value());
    if (db) db_ = std::move(*db);
    EXPECT_TRUE(db_ && store::Migrate(*db_).has_value());
    EXPECT_TRUE(catalogue_.has_value());
  }

  store::Connection& db() { return *db_; }
  const catalogue::Catalogue& catalogue() const { return *catalogue_; }
  const hub::Actor system = hub::Actor::System();

  // A new organisation with `fields` (name, type, wg_role, ...); its id.
  int64_t Organization(const nlohmann::ordered_json& fields) {
    const auto org = hub::CreateOrganization(*db_, *catalogue_, system, fields);
    EXPECT_TRUE(org.has_value()) << org.error().message;
    return org ? (*org)["id"].get<int64_t>() : 0;
  }

  // A new user with a password the policy accepts.
  void User(const std::string& email, const std::string& role,
            std::optional<int64_t> organization) {
    const auto user = hub::CreateUser(*db_, *catalogue_, system,
                                      {email, "a long enough password", role, organization, ""});
    EXPECT_TRUE(user.has_value()) << user.error().message;
  }

 private:
  std::unique_ptr<store::Connection> db_;
  core::Result<catalogue::Catalogue> catalogue_;
};

}  // namespace inspire::testing

#endif  // INSPIRE_TESTS_SUPPORT_HUB_SEED_H_
