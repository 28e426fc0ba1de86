// The hub's rules without HTTP, on SQLite and PostgreSQL: the checks derived from each record
// kind's field declaration, the lifecycle every kind shares (create, read, change, delete, each
// audited with the record before and after; a refused or dry-run write leaves nothing), who may
// write what, and the matching of needs with offers.
#include <gtest/gtest.h>

#include <algorithm>

#include "hub/activities.h"
#include "hub/audit.h"
#include "hub/bulk.h"
#include "hub/coordination.h"
#include "hub/organizations.h"
#include "hub/record_fields.h"
#include "hub/studies.h"
#include "hub/targets.h"
#include "hub/write.h"
#include "support/shipped_catalogue.h"
#include "support/test_database.h"

namespace inspire::hub {
namespace {

using core::ErrorCode;
using testing::ShippedCatalogue;
using testing::TestDatabase;
using testing::TestEngine;

Actor User(Role role, int64_t id, std::optional<int64_t> org = {}, std::string country = "") {
  Actor actor;
  actor.user_id = id;
  actor.email = "user" + std::to_string(id) + "@example.org";
  actor.role = role;
  actor.organization_id = org;
  actor.country_iso3 = std::move(country);
  return actor;
}

class RecordKindTest : public ::testing::TestWithParam<TestEngine> {
 protected:
  void SetUp() override {
    if (!TestDatabase::Available(GetParam())) GTEST_SKIP() << "no PostgreSQL server";
    database_ = std::make_unique<TestDatabase>(GetParam());
    auto opened = store::Open(database_->location());
    ASSERT_TRUE(opened) << opened.error().message;
    db_ = std::move(*opened);
    ASSERT_TRUE(store::Migrate(*db_));
    own_org_ = Organization("Own");
    other_org_ = Organization("Other");
  }

  int64_t Organization(const std::string& name) {
    const auto created = Commit([&](store::Connection& c) {
      return CreateOrganization(c, ShippedCatalogue(), Actor::System(),
                                {{"name", name}, {"type", "national_ngo"}, {"wg_role", "member"}});
    });
    EXPECT_TRUE(created) << created.error().message;
    return created ? (*created)["id"].get<int64_t>() : 0;
  }

  core::Result<Json> Commit(const std::function<core::Result<Json>(store::Connection&)>& work) {
    return Write<Json>(*db_, work);
  }

  Json Activity(int64_t org, const std::string& country) const {
    return {{"organization_id", org},
            {"title", "Parenting groups"},
            {"country", country},
            {"status", "ongoing"},
            {"approaches", {"P4.1"}}};
  }

  // The audit entries of `entity` `id`, newest first.
  Json Audit(const std::string& entity, int64_t id) {
    auto found = ListAudit(*db_, Actor::System(), {entity, std::to_string(id), 100, 0});
    EXPECT_TRUE(found) << found.error().message;
    return found ? (*found)["items"] : Json::array();
  }

  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<store::Connection> db_;
  int64_t own_org_ = 0;
  int64_t other_org_ = 0;
};

TEST_P(RecordKindTest, TheDeclaredChecksNameTheFieldAndKeepValuesInOneForm) {
  const auto check = [&](const Json& fields, bool creating) {
    return CheckFields(ActivityFields(), *db_, ShippedCatalogue(), fields, creating);
  };
  const auto refused = [&](const Json& fields, const std::string& field) {
    const auto result = check(fields, false);
    ASSERT_FALSE(result) << fields.dump();
    EXPECT_EQ(result.error().code, ErrorCode::kValidation) << fields.dump();
    EXPECT_EQ(result.error().field, field) << fields.dump() << ": " << result.error().message;
  };
  refused({{"colour", "red"}}, "colour");
  refused({{"title", 12}}, "title");
  refused({{"title", " \t"}}, "title");
  refused({{"title", std::string(301, 'a')}}, "title");
  refused({{"country", "XXX"}}, "country");
  refused({{"approaches", Json::array()}}, "approaches");
  refused({{"approaches", {"P4.1", "Z9.9"}}}, "approaches");
  refused({{"status", "finished"}}, "status");
  refused({{"start_date", "2024-13"}}, "start_date");
  refused({{"budget", -1}}, "budget");
  refused({{"currency", "usd"}}, "currency");
  refused({{"organization_id", 999999}}, "organization_id");
  const auto missing = check({{"title", "x"}}, true);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().field, "organization_id");

  const auto kept = check({{"country", "ke"}, {"approaches", {"P4.2", "P4.1", "P4.2"}}}, false);
  ASSERT_TRUE(kept) << kept.error().message;
  EXPECT_EQ((*kept)["country"], "KEN");
  EXPECT_EQ((*kept)["approaches"], Json({"P4.1", "P4.2"}));
  EXPECT_EQ(kept->size(), 2U);  // only what was given
}

TEST_P(RecordKindTest, RequestSchemasListWhatCreateRequiresAndEveryField) {
  for (const RecordFields* fields :
       {&OrganizationFields(), &ActivityFields(), &NeedFields(), &OfferFields(), &TargetFields()}) {
    const Json create = RequestSchema(*fields, true);
    const Json change = RequestSchema(*fields, false);
    EXPECT_FALSE(change.contains("required")) << fields->kind;
    EXPECT_EQ(create["additionalProperties"], false) << fields->kind;
    for (const FieldSpec& field : fields->fields) {
      EXPECT_TRUE(change["properties"].contains(field.name)) << fields->kind << "." << field.name;
      const Json& required = create.value("required", Json::array());
      EXPECT_EQ(std::find(required.begin(), required.end(), field.name) != required.end(),
                field.required)
          << fields->kind << "." << field.name;
    }
  }
}

TEST_P(RecordKindTest, EachWriteIsAuditedAndARefusedOrDryRunWriteLeavesNothing) {
  const auto created = Commit([&](store::Connection& c) {
    return CreateActivity(c, ShippedCatalogue(), Actor::System(), Activity(own_org_, "KEN"));
  });
  ASSERT_TRUE(created) << created.error().message;
  const int64_t id = (*created)["id"];
  EXPECT_EQ((*created)["description"], "");  // initial values of what was not given
  EXPECT_TRUE((*created)["budget"].is_null());

  const auto changed = Commit([&](store::Connection& c) {
    return UpdateActivity(
        c, ShippedCatalogue(), Actor::System(), id,
        {{"approaches", {"P4.2", "P4.1"}}, {"budget", 1000}, {"currency", "KES"}});
  });
  ASSERT_TRUE(changed) << changed.error().message;
  EXPECT_EQ((*changed)["approaches"], Json({"P4.1", "P4.2"}));
  EXPECT_EQ((*changed)["title"], "Parenting groups");  // fields not given are kept

  // A rule across fields (a budget needs its currency) refuses the whole change.
  const auto refused = Commit([&](store::Connection& c) {
    return UpdateActivity(c, ShippedCatalogue(), Actor::System(), id,
                          {{"title", "Renamed"}, {"currency", ""}});
  });
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "currency");
  const auto dry = Write<Json>(*db_, WriteMode::kDryRun, [&](store::Connection& c) {
    return UpdateActivity(c, ShippedCatalogue(), Actor::System(), id, {{"title", "Dry"}});
  });
  ASSERT_TRUE(dry) << dry.error().message;
  EXPECT_EQ((*dry)["title"], "Dry");
  const auto now = GetActivity(*db_, id);
  ASSERT_TRUE(now);
  EXPECT_EQ((*now)["title"], "Parenting groups");
  EXPECT_EQ(*now, *changed);

  const Json audit = Audit("activity", id);
  ASSERT_EQ(audit.size(), 2U) << audit.dump();  // create and update only
  EXPECT_EQ(audit[0]["action"], "update");
  EXPECT_EQ(audit[0]["before"], *created);
  EXPECT_EQ(audit[0]["after"], *changed);
  EXPECT_TRUE(audit[1]["before"].is_null());

  ASSERT_TRUE(Write<bool>(*db_, [&](store::Connection& c) -> core::Result<bool> {
    INSPIRE_RETURN_IF_ERROR(DeleteActivity(c, Actor::System(), id));
    return true;
  }));
  EXPECT_EQ(GetActivity(*db_, id).error().code, ErrorCode::kNotFound);
  const Json after_delete = Audit("activity", id);
  ASSERT_EQ(after_delete.size(), 3U);
  EXPECT_EQ(after_delete[0]["before"], *changed);
  EXPECT_TRUE(after_delete[0]["after"].is_null());
}

TEST_P(RecordKindTest, WritersAreCheckedBeforeAndAfterTheChange) {
  const Actor editor = User(Role::kOrgEditor, 1, own_org_);
  const Actor focal = User(Role::kCountryFocalPoint, 2, {}, "KEN");
  const Actor viewer = User(Role::kViewer, 3);
  const auto create = [&](const Actor& actor, const Json& fields) {
    return Commit(
        [&](store::Connection& c) { return CreateActivity(c, ShippedCatalogue(), actor, fields); });
  };
  EXPECT_EQ(create(Actor::Anonymous(), Activity(own_org_, "KEN")).error().code,
            ErrorCode::kUnauthenticated);
  EXPECT_EQ(create(viewer, Activity(own_org_, "KEN")).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(create(editor, Activity(other_org_, "KEN")).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(create(focal, Activity(own_org_, "UGA")).error().code, ErrorCode::kForbidden);
  const auto own = create(editor, Activity(own_org_, "UGA"));
  ASSERT_TRUE(own) << own.error().message;
  const auto in_country = create(focal, Activity(other_org_, "KEN"));
  ASSERT_TRUE(in_country) << in_country.error().message;

  const auto update = [&](const Actor& actor, const Json& record, const Json& fields) {
    return Commit([&](store::Connection& c) {
      return UpdateActivity(c, ShippedCatalogue(), actor, record["id"].get<int64_t>(), fields);
    });
  };
  // May edit it, but not move it where the actor may not write.
  EXPECT_EQ(update(focal, *in_country, {{"country", "UGA"}}).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(update(editor, *own, {{"organization_id", other_org_}}).error().code,
            ErrorCode::kForbidden);
  EXPECT_EQ(update(editor, *in_country, {{"title", "Not mine"}}).error().code,
            ErrorCode::kForbidden);
  EXPECT_TRUE(update(editor, *own, {{"title", "Mine"}}));
  EXPECT_EQ(Audit("activity", (*own)["id"].get<int64_t>())[0]["user"], editor.email);

  // An editor edits its own organisation but not its role in the working group.
  const auto role = Commit([&](store::Connection& c) {
    return UpdateOrganization(c, ShippedCatalogue(), editor, own_org_, {{"wg_role", "co_chair"}});
  });
  ASSERT_FALSE(role);
  EXPECT_EQ(role.error().code, ErrorCode::kForbidden);
  EXPECT_EQ(role.error().field, "wg_role");
  EXPECT_TRUE(Commit([&](store::Connection& c) {
    return UpdateOrganization(c, ShippedCatalogue(), editor, own_org_, {{"acronym", "OWN"}});
  }));
  const auto taken = Commit([&](store::Connection& c) {
    return UpdateOrganization(c, ShippedCatalogue(), Actor::System(), own_org_,
                              {{"name", "Other"}});
  });
  ASSERT_FALSE(taken);
  EXPECT_EQ(taken.error().code, ErrorCode::kConflict);
  EXPECT_EQ(taken.error().field, "name");
}

TEST_P(RecordKindTest, AHiddenFieldDecidesWhoWritesButNeverLeavesTheHub) {
  const Actor adder = User(Role::kOrgEditor, 4, own_org_);
  const Actor other = User(Role::kCountryFocalPoint, 5, {}, "KEN");
  const Json study = {
      {"study", "Amani 2014"}, {"year", 2014},     {"design", "RCT"}, {"approaches", {"P4.1"}},
      {"outcome", "Harsh"},    {"measure", "GEN"}, {"yi", -0.3},      {"vi", 0.01}};
  const auto created = Commit(
      [&](store::Connection& c) { return CreateStudy(c, ShippedCatalogue(), adder, study); });
  ASSERT_TRUE(created) << created.error().message;
  const int64_t id = (*created)["id"].get<int64_t>();
  const auto update = [&](const Actor& actor, const Json& fields) {
    return Commit([&](store::Connection& c) {
      return UpdateStudy(c, ShippedCatalogue(), actor, id, fields);
    });
  };
  EXPECT_EQ(update(other, {{"setting", "Schools"}}).error().code, ErrorCode::kForbidden);
  const auto changed = update(adder, {{"setting", "Schools"}});
  ASSERT_TRUE(changed) << changed.error().message;
  // Sending it is refused as a field the kind does not have; nothing is written.
  const auto sent = update(adder, {{"created_by_email", other.email}});
  ASSERT_FALSE(sent);
  EXPECT_EQ(sent.error().field, "created_by_email");
  EXPECT_EQ(update(other, {{"setting", "Homes"}}).error().code, ErrorCode::kForbidden);

  // Absent from answers, lists, audit entries, bulk columns and request schemas.
  const auto read = GetStudy(*db_, id);
  ASSERT_TRUE(read);
  const auto all = AllStudies(*db_);
  ASSERT_TRUE(all);
  const Json audit = Audit("study", id);
  for (const Json& record : {*created, *changed, *read, (*all)[0], audit[0]["before"],
                             audit[0]["after"], audit[1]["after"]}) {
    EXPECT_FALSE(record.contains("created_by_email")) << record.dump();
    EXPECT_EQ(record.dump().find(adder.email), std::string::npos) << record.dump();
  }
  EXPECT_EQ((*read)["effect"]["yi"], -0.3);
  for (const auto& column : StudyColumns()) EXPECT_NE(column.name, "created_by_email");
  EXPECT_FALSE(RequestSchema(StudyFields(), false)["properties"].contains("created_by_email"));
}

TEST_P(RecordKindTest, NeedsMeetTheOffersThatFitNearestAndWidestFirst) {
  const auto offer = [&](const Json& fields) {
    Json body = {{"organization_id", own_org_}, {"kind", "training"}};
    body.update(fields);
    const auto created = Commit([&](store::Connection& c) {
      return CreateOffer(c, ShippedCatalogue(), Actor::System(), body);
    });
    EXPECT_TRUE(created) << created.error().message;
    return created ? (*created)["id"].get<int64_t>() : 0;
  };
  const auto need = Commit([&](store::Connection& c) {
    return CreateNeed(c, ShippedCatalogue(), User(Role::kCountryFocalPoint, 2, {}, "KEN"),
                      {{"country", "KEN"}, {"kind", "training"}, {"approaches", {"P4.1", "P4.2"}}});
  });
  ASSERT_TRUE(need) << need.error().message;
  EXPECT_EQ((*need)["status"], "open");
  const int64_t need_id = (*need)["id"];
  const int64_t anywhere = offer({{"approaches", {"P4.1"}}});
  const int64_t in_country = offer({{"approaches", {"P4.1"}}, {"countries", {"KEN"}}});
  const int64_t both = offer({{"approaches", {"P4.1", "P4.2"}}, {"regions", {"AFR"}}});
  offer({{"approaches", {"P4.1"}}, {"countries", {"UGA"}}});   // elsewhere
  offer({{"approaches", {"E7.1"}}});                           // no shared approach
  offer({{"approaches", {"P4.1"}}, {"kind", "funding"}});      // another kind
  offer({{"approaches", {"P4.1"}}, {"status", "withdrawn"}});  // not available

  const auto candidates = CandidateOffers(*db_, ShippedCatalogue(), need_id);
  ASSERT_TRUE(candidates) << candidates.error().message;
  std::vector<int64_t> order;
  for (const Json& item : (*candidates)["items"]) order.push_back(item["offer"]["id"]);
  EXPECT_EQ(order, (std::vector<int64_t>{both, in_country, anywhere}));
  EXPECT_EQ((*candidates)["items"][0]["where"], "region");
  EXPECT_EQ((*candidates)["items"][0]["shared_approaches"], Json({"P4.1", "P4.2"}));

  const auto mark = [&](const Actor& actor, int64_t offer_id) {
    return Commit([&](store::Connection& c) {
      return MarkMatch(c, ShippedCatalogue(), actor, need_id, offer_id);
    });
  };
  EXPECT_EQ(mark(User(Role::kCountryFocalPoint, 2, {}, "KEN"), both).error().code,
            ErrorCode::kForbidden);
  EXPECT_EQ(mark(Actor::System(), both + 100).error().field, "offer_id");
  ASSERT_TRUE(mark(Actor::System(), both));
  EXPECT_EQ(mark(Actor::System(), both).error().code, ErrorCode::kConflict);
  EXPECT_EQ((*GetNeed(*db_, need_id))["status"], "matched");

  // Filters read the lists from their rows: by approach, and by country through the regions.
  CoordinationQuery query;
  query.country = "KEN";
  query.approach = "P4.2";
  const auto listed = ListOffers(*db_, ShippedCatalogue(), query);
  ASSERT_TRUE(listed) << listed.error().message;
  ASSERT_EQ((*listed)["total"], 1);
  EXPECT_EQ((*listed)["items"][0]["id"], both);
}

INSTANTIATE_TEST_SUITE_P(Engines, RecordKindTest,
                         ::testing::Values(TestEngine::kSqlite, TestEngine::kPostgres),
                         [](const auto& param_info) {
                           return testing::EngineName(param_info.param);
                         });

}  // namespace
}  // namespace inspire::hub
