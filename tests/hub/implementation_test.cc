// Implementation tracking without HTTP, on SQLite and PostgreSQL: who sees a round before it is
// validated (nobody but staff and the country's focal points, in reads, lists, summaries,
// country views and exports), the review flow and its history, sections saved whole and
// refused item by item, rounds started from earlier ones, and the summary's figures against a
// hand count.
#include <gtest/gtest.h>

#include "hub/activities.h"
#include "hub/audit.h"
#include "hub/implementation_comments.h"
#include "hub/implementation_country.h"
#include "hub/implementation_export.h"
#include "hub/implementation_rounds.h"
#include "hub/implementation_sections.h"
#include "hub/implementation_summary.h"
#include "hub/organizations.h"
#include "hub/studies.h"
#include "hub/write.h"
#include "support/shipped_catalogue.h"
#include "support/test_database.h"

namespace inspire::hub {
namespace {

using core::ErrorCode;
using testing::ShippedCatalogue;
using testing::TestDatabase;
using testing::TestEngine;

Actor Person(Role role, int64_t id, std::string country = "") {
  Actor actor;
  actor.user_id = id;
  actor.email = "user" + std::to_string(id) + "@example.org";
  actor.role = role;
  actor.country_iso3 = std::move(country);
  return actor;
}

const Actor kStaff = Person(Role::kSecretariat, 1);
const Actor kKenya = Person(Role::kCountryFocalPoint, 2, "KEN");
const Actor kUganda = Person(Role::kCountryFocalPoint, 3, "UGA");
const Actor kViewer = Person(Role::kViewer, 4);
const Actor kVisitor = Actor::Anonymous();

class ImplementationTest : public ::testing::TestWithParam<TestEngine> {
 protected:
  void SetUp() override {
    if (!TestDatabase::Available(GetParam())) GTEST_SKIP() << "no PostgreSQL server";
    database_ = std::make_unique<TestDatabase>(GetParam());
    auto opened = store::Open(database_->location());
    ASSERT_TRUE(opened) << opened.error().message;
    db_ = std::move(*opened);
    ASSERT_TRUE(store::Migrate(*db_));
  }

  core::Result<Json> Commit(const std::function<core::Result<Json>(store::Connection&)>& work) {
    return Write<Json>(*db_, work);
  }

  // A new round of `country` by `actor`; its id, or 0 (the test has failed).
  int64_t Start(const Actor& actor, const std::string& country, const std::string& label, int year,
                Json more = Json::object()) {
    more["country"] = country;
    more["label"] = label;
    more["reference_year"] = year;
    const auto round = Commit(
        [&](store::Connection& c) { return CreateRound(c, ShippedCatalogue(), actor, more); });
    EXPECT_TRUE(round) << round.error().message;
    return round ? (*round)["id"].get<int64_t>() : 0;
  }

  core::Result<Json> Save(const Actor& actor, int64_t id, const std::string& section,
                          const Json& items) {
    return Commit([&](store::Connection& c) {
      return SaveSection(c, ShippedCatalogue(), actor, id, section, items);
    });
  }

  core::Result<Json> Move(const Actor& actor, int64_t id, const std::string& to,
                          const std::string& reason = "") {
    return Commit([&](store::Connection& c) {
      return ChangeRoundStatus(c, ShippedCatalogue(), actor, id, to, reason);
    });
  }

  // Round `id` taken from draft to validated by its focal point and the secretariat.
  void Validate(const Actor& focal, int64_t id) {
    ASSERT_TRUE(Move(focal, id, "submitted"));
    const auto validated = Move(kStaff, id, "validated");
    ASSERT_TRUE(validated) << validated.error().message;
  }

  Json Summary(const CountryFilter& filter = {}) {
    const auto summary = ImplementationSummary(*db_, ShippedCatalogue(), filter);
    EXPECT_TRUE(summary) << summary.error().message;
    return summary ? *summary : Json();
  }

  // The summary figure of `list` whose `key` is `id`.
  static Json FigureOf(const Json& list, const char* key, const std::string& id,
                       const char* figure) {
    for (const Json& item : list) {
      if (item[key] == id) return item[figure];
    }
    return Json();
  }

  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<store::Connection> db_;
};

TEST_P(ImplementationTest, ADraftIsSeenOnlyByStaffAndItsCountrysFocalPoints) {
  const int64_t id = Start(kKenya, "KEN", "2024 review", 2024);
  ASSERT_TRUE(Save(kKenya, id, "laws", {{{"law", "cp-home"}, {"in_place", "yes"}}}));
  for (const Actor* actor : {&kStaff, &kKenya}) {
    EXPECT_TRUE(GetRound(*db_, *actor, id)) << actor->email;
    const auto list = ListRounds(*db_, *actor, {});
    ASSERT_TRUE(list);
    EXPECT_EQ((*list)["total"], 1) << actor->email;
  }
  for (const Actor* actor : {&kUganda, &kViewer, &kVisitor}) {
    const auto read = GetRound(*db_, *actor, id);
    ASSERT_FALSE(read) << actor->email;
    EXPECT_EQ(read.error().code, ErrorCode::kNotFound) << actor->email;
    const auto list = ListRounds(*db_, *actor, {});
    ASSERT_TRUE(list);
    EXPECT_EQ((*list)["total"], 0) << actor->email;
    const auto save = Save(*actor, id, "laws", Json::array());
    ASSERT_FALSE(save);
    EXPECT_EQ(save.error().code, ErrorCode::kNotFound) << actor->email;
    const auto move = Move(*actor, id, "submitted");
    ASSERT_FALSE(move);
    EXPECT_EQ(move.error().code, ErrorCode::kNotFound) << actor->email;
  }
  ASSERT_TRUE(Move(kKenya, id, "submitted"));
  EXPECT_EQ(Summary()["countries"], 0);
  const auto view = CountryImplementation(*db_, ShippedCatalogue(), "KEN");
  ASSERT_TRUE(view);
  EXPECT_TRUE((*view)["round"].is_null());
  EXPECT_EQ((*view)["strategies"][0]["laws"][0]["in_place"], "unknown");
  const auto csv = ImplementationCsv(*db_, ShippedCatalogue(), {});
  ASSERT_TRUE(csv);
  EXPECT_EQ(*csv, "country,round,reference_year,section,item,field,answer\n");

  ASSERT_TRUE(Move(kStaff, id, "validated"));
  EXPECT_TRUE(GetRound(*db_, kVisitor, id));
  EXPECT_EQ(Summary()["countries"], 1);
  const auto shown = GetRound(*db_, kVisitor, id);
  EXPECT_FALSE(shown->contains("comments"));  // the review stays with the reviewers
}

TEST_P(ImplementationTest, TheReviewMovesAsTheDiagramSaysAndKeepsItsHistory) {
  const int64_t id = Start(kKenya, "KEN", "2024 review", 2024);
  const auto early = Move(kStaff, id, "validated");
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code, ErrorCode::kConflict);
  EXPECT_EQ(early.error().field, "status");
  ASSERT_TRUE(Move(kKenya, id, "submitted"));
  const auto edit = Save(kKenya, id, "laws", Json::array());
  ASSERT_FALSE(edit);
  EXPECT_EQ(edit.error().code, ErrorCode::kConflict);
  const auto self = Move(kKenya, id, "validated");
  ASSERT_FALSE(self);
  EXPECT_EQ(self.error().code, ErrorCode::kForbidden);
  const auto silent = Move(kStaff, id, "returned");
  ASSERT_FALSE(silent);
  EXPECT_EQ(silent.error().field, "reason");
  const auto unknown = Move(kStaff, id, "approved");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().field, "to");
  ASSERT_TRUE(Move(kStaff, id, "returned", "Say which laws are enforced."));
  ASSERT_TRUE(Save(kKenya, id, "laws", {{{"law", "cp-school"}, {"in_place", "yes"}}}));
  Validate(kKenya, id);
  const auto after = GetRound(*db_, kVisitor, id);
  ASSERT_TRUE(after);
  EXPECT_EQ((*after)["status"], "validated");
  const Json& history = (*after)["history"];
  ASSERT_EQ(history.size(), 4U);
  EXPECT_EQ(history[1]["to"], "returned");
  EXPECT_EQ(history[1]["role"], "secretariat");
  EXPECT_EQ(history[1]["reason"], "Say which laws are enforced.");
  EXPECT_EQ(history[3]["to"], "validated");
  const auto final_edit = Commit([&](store::Connection& c) {
    return UpdateRound(c, ShippedCatalogue(), kStaff, id, {{"notes", "late"}});
  });
  ASSERT_FALSE(final_edit);
  EXPECT_EQ(final_edit.error().code, ErrorCode::kConflict);
  const auto removed = Commit([&](store::Connection& c) -> core::Result<Json> {
    INSPIRE_RETURN_IF_ERROR(DeleteRound(c, kStaff, id));
    return Json();
  });
  ASSERT_FALSE(removed);
  EXPECT_EQ(removed.error().code, ErrorCode::kConflict);
  const auto audit =
      ListAudit(*db_, Actor::System(), {"implementation_round", std::to_string(id), 100, 0});
  ASSERT_TRUE(audit);
  // Created, submitted, returned, saved, submitted, validated: the refused writes left nothing.
  EXPECT_EQ((*audit)["items"].size(), 6U);
}

TEST_P(ImplementationTest, ASectionIsCheckedItemByItemAndSavedWholeOrNotAtAll) {
  const int64_t id = Start(kKenya, "KEN", "2024 review", 2024);
  const Json good = {{{"approach", "P4.1"}, {"support", "yes"}, {"reach", "some"}},
                     {{"approach", "E7.1"}, {"support", "no"}}};
  ASSERT_TRUE(Save(kKenya, id, "approaches", good));
  const auto refused = [&](const std::string& section, const Json& items,
                           const std::string& field) {
    const auto saved = Save(kKenya, id, section, items);
    ASSERT_FALSE(saved) << items.dump();
    EXPECT_EQ(saved.error().field, field) << saved.error().message;
  };
  refused("approaches", {{{"approach", "P4.1"}}, {{"approach", "P4.1"}}}, "approaches[1].approach");
  refused("approaches", {{{"approach", "Z9.9"}}}, "approaches[0].approach");
  refused("approaches", {{{"approach", "P4.2"}, {"reach", "plenty"}}}, "approaches[0].reach");
  refused("approaches", {{{"support", "yes"}}}, "approaches[0].approach");
  refused("approaches", {{{"approach", "P4.2"}, {"colour", "red"}}}, "approaches[0].colour");
  refused("laws", {{{"law", "cp-moon"}}}, "laws[0].law");
  refused("plans", {{{"title", "Plan"}, {"start_year", 2025}, {"end_year", 2020}}},
          "plans[0].end_year");
  refused("plans", {{{"title", "Plan"}, {"forms", {"bullying", "gossip"}}}}, "plans[0].forms");
  refused("surveys", {{{"name", "VACS"}, {"age_min", 18}, {"age_max", 13}}}, "surveys[0].age_max");
  refused("approaches", Json::object(), "approaches");
  const auto unknown = Save(kKenya, id, "budget", Json::array());
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  const auto round = GetRound(*db_, kKenya, id);
  ASSERT_TRUE(round);
  const Json& kept = (*round)["sections"]["approaches"];
  ASSERT_EQ(kept.size(), 2U);
  EXPECT_EQ(kept[0]["reach"], "some");
  EXPECT_EQ(kept[1]["reach"], "unknown");  // what was not said stays unknown
  const auto plans = Save(kKenya, id, "plans",
                          {{{"title", "National plan 2023-2027"},
                            {"forms", {"sexual-violence", "bullying", "bullying"}},
                            {"strategies", {"P4", "I1"}},
                            {"funding", "partial"}}});
  ASSERT_TRUE(plans) << plans.error().message;
  EXPECT_EQ((*plans)[0]["forms"], Json({"bullying", "sexual-violence"}));
  EXPECT_EQ((*plans)[0]["strategies"], Json({"I1", "P4"}));
}

TEST_P(ImplementationTest, ANewRoundCopiesAnEarlierRoundOfItsOwnCountryOnly) {
  const int64_t first = Start(kKenya, "KEN", "2020 review", 2020);
  ASSERT_TRUE(Save(kKenya, first, "milestones",
                   {{{"milestone", "commitment"}, {"state", "reached"}, {"date", "2019-05"}}}));
  ASSERT_TRUE(Save(kKenya, first, "plans", {{{"title", "Plan"}, {"forms", {"bullying"}}}}));
  Validate(kKenya, first);
  const int64_t second = Start(kKenya, "KEN", "2024 review", 2024, {{"copied_from", first}});
  const auto copy = GetRound(*db_, kKenya, second);
  ASSERT_TRUE(copy);
  EXPECT_EQ((*copy)["status"], "draft");
  EXPECT_EQ((*copy)["sections"], (*GetRound(*db_, kKenya, first))["sections"]);
  const auto taken = Commit([&](store::Connection& c) {
    return CreateRound(c, ShippedCatalogue(), kKenya,
                       {{"country", "KEN"}, {"label", "2024 review"}, {"reference_year", 2024}});
  });
  ASSERT_FALSE(taken);
  EXPECT_EQ(taken.error().code, ErrorCode::kConflict);
  EXPECT_EQ(taken.error().field, "label");
  const auto foreign = Commit([&](store::Connection& c) {
    return CreateRound(
        c, ShippedCatalogue(), kUganda,
        {{"country", "UGA"}, {"label", "x"}, {"reference_year", 2024}, {"copied_from", first}});
  });
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().field, "copied_from");
  const auto elsewhere = Commit([&](store::Connection& c) {
    return CreateRound(c, ShippedCatalogue(), kKenya,
                       {{"country", "UGA"}, {"label", "x"}, {"reference_year", 2024}});
  });
  ASSERT_FALSE(elsewhere);
  EXPECT_EQ(elsewhere.error().code, ErrorCode::kForbidden);
}

TEST_P(ImplementationTest, TheSummaryEqualsAHandCountOfTheLatestValidatedRounds) {
  // Kenya: two validated rounds (the later counts); Uganda: one; Ghana: a draft (never counts).
  const int64_t kenya_old = Start(kKenya, "KEN", "2020", 2020);
  ASSERT_TRUE(Save(kKenya, kenya_old, "laws", {{{"law", "cp-home"}, {"in_place", "no"}}}));
  ASSERT_TRUE(Save(kKenya, kenya_old, "approaches", {{{"approach", "P4.1"}, {"support", "no"}}}));
  Validate(kKenya, kenya_old);
  const int64_t kenya = Start(kKenya, "KEN", "2024", 2024);
  ASSERT_TRUE(Save(kKenya, kenya, "laws",
                   {{{"law", "cp-home"}, {"in_place", "yes"}, {"enforcement", "mostly"}},
                    {{"law", "firearms"}, {"in_place", "partly"}, {"enforcement", "not"}}}));
  ASSERT_TRUE(Save(kKenya, kenya, "approaches",
                   {{{"approach", "P4.1"}, {"support", "yes"}, {"reach", "most"}},
                    {{"approach", "P4.2"}, {"support", "yes"}, {"reach", "few"}}}));
  ASSERT_TRUE(
      Save(kKenya, kenya, "plans", {{{"title", "Plan"}, {"funding", "full"}, {"costed", "yes"}}}));
  Validate(kKenya, kenya);
  const int64_t uganda = Start(kUganda, "UGA", "2023", 2023, {{"baselines_set", "yes"}});
  ASSERT_TRUE(Save(kUganda, uganda, "laws", {{{"law", "cp-home"}, {"in_place", "no"}}}));
  ASSERT_TRUE(Save(
      kUganda, uganda, "approaches",
      {{{"approach", "P4.1"}, {"support", "no"}}, {{"approach", "I1.1"}, {"support", "unknown"}}}));
  ASSERT_TRUE(Save(kUganda, uganda, "surveys", {{{"name", "VACS 2015"}, {"year", 2015}}}));
  Validate(kUganda, uganda);
  const Actor ghana = Person(Role::kCountryFocalPoint, 9, "GHA");
  const int64_t draft = Start(ghana, "GHA", "2024", 2024);
  ASSERT_TRUE(Save(ghana, draft, "laws", {{{"law", "cp-home"}, {"in_place", "yes"}}}));

  const Json summary = Summary();
  EXPECT_EQ(summary["countries"], 2);
  EXPECT_EQ(FigureOf(summary["laws"], "law", "cp-home", "in_place"),
            Json({{"count", 1}, {"of", 2}, {"share", 0.5}}));
  EXPECT_EQ(FigureOf(summary["laws"], "law", "cp-home", "enforced"),
            Json({{"count", 1}, {"of", 1}, {"share", 1.0}}));
  EXPECT_EQ(FigureOf(summary["laws"], "law", "firearms", "partly")["count"], 1);
  EXPECT_EQ(FigureOf(summary["laws"], "law", "firearms", "enforced"),
            Json({{"count", 0}, {"of", 1}, {"share", 0.0}}));
  EXPECT_EQ(FigureOf(summary["laws"], "law", "alcohol", "in_place"),
            Json({{"count", 0}, {"of", 0}, {"share", nullptr}}));
  EXPECT_EQ(summary["plans"]["plan"], Json({{"count", 1}, {"of", 2}, {"share", 0.5}}));
  EXPECT_EQ(summary["plans"]["fully_funded"], Json({{"count", 1}, {"of", 1}, {"share", 1.0}}));
  EXPECT_EQ(summary["data"]["prevalence_survey"]["count"], 1);
  EXPECT_EQ(summary["data"]["baselines_set"], Json({{"count", 1}, {"of", 1}, {"share", 1.0}}));
  EXPECT_EQ(FigureOf(summary["approaches"], "approach", "P4.1", "supported"),
            Json({{"count", 1}, {"of", 2}, {"share", 0.5}}));
  EXPECT_EQ(FigureOf(summary["approaches"], "approach", "P4.2", "sufficient_reach"),
            Json({{"count", 0}, {"of", 1}, {"share", 0.0}}));
  EXPECT_EQ(FigureOf(summary["approaches"], "approach", "I1.1", "supported")["of"], 0);
  EXPECT_EQ(FigureOf(summary["strategies"], "strategy", "P4", "supported"),
            Json({{"count", 1}, {"of", 2}, {"share", 0.5}}));
  EXPECT_EQ(summary["changes"]["countries"], 1);
  EXPECT_EQ(summary["changes"]["laws_gained"], 1);
  EXPECT_EQ(summary["changes"]["support_gained"], 1);
  ASSERT_EQ(summary["matrix"].size(), 2U);
  EXPECT_EQ(summary["matrix"][0]["approaches"]["P4.2"]["reach"], "few");

  CountryFilter africa;
  africa.region = "AFR";
  EXPECT_EQ(Summary(africa)["countries"], 2);
  CountryFilter rich;
  rich.income = "H";
  EXPECT_EQ(Summary(rich)["countries"], 0);
}

TEST_P(ImplementationTest, TheCountryViewShowsChangePartnersAndTheGapsThatMatter) {
  const int64_t old_round = Start(kKenya, "KEN", "2020", 2020);
  ASSERT_TRUE(Save(kKenya, old_round, "approaches", {{{"approach", "P4.1"}, {"support", "no"}}}));
  Validate(kKenya, old_round);
  const int64_t round = Start(kKenya, "KEN", "2024", 2024);
  ASSERT_TRUE(Save(
      kKenya, round, "approaches",
      {{{"approach", "P4.1"}, {"support", "yes"}}, {{"approach", "E7.1"}, {"support", "no"}}}));
  Validate(kKenya, round);
  const auto org = Commit([&](store::Connection& c) {
    return CreateOrganization(c, ShippedCatalogue(), Actor::System(),
                              {{"name", "Org"}, {"type", "national_ngo"}, {"wg_role", "member"}});
  });
  ASSERT_TRUE(org);
  ASSERT_TRUE(Commit([&](store::Connection& c) {
    return CreateActivity(c, ShippedCatalogue(), Actor::System(),
                          {{"organization_id", (*org)["id"]},
                           {"title", "Groups"},
                           {"country", "KEN"},
                           {"status", "ongoing"},
                           {"approaches", {"P4.1"}}});
  }));
  const auto view = CountryImplementation(*db_, ShippedCatalogue(), "ke");
  ASSERT_TRUE(view) << view.error().message;
  EXPECT_EQ((*view)["round"]["label"], "2024");
  EXPECT_EQ((*view)["previous"]["label"], "2020");
  const Json* p41 = nullptr;
  for (const Json& strategy : (*view)["strategies"]) {
    for (const Json& approach : strategy["approaches"]) {
      if (approach["approach"] == "P4.1") p41 = &approach;
    }
  }
  ASSERT_NE(p41, nullptr);
  EXPECT_EQ((*p41)["support"], "yes");
  EXPECT_EQ((*p41)["was"]["support"], "no");
  EXPECT_EQ((*p41)["activities"], 1);
  EXPECT_EQ((*p41)["evidence"]["strength"], "none");
  EXPECT_EQ((*view)["gaps"], Json::array());  // no study says E7.1 works yet
  // Two studies in which E7.1 lowers the outcome (favourable: lower): a gap, as the government
  // does not support it and no partner works on it.
  for (const char* name : {"Trial A", "Trial B"}) {
    ASSERT_TRUE(Commit([&](store::Connection& c) {
      return CreateStudy(c, ShippedCatalogue(), Actor::System(),
                         {{"study", name},
                          {"year", 2020},
                          {"design", "RCT"},
                          {"approaches", {"E7.1"}},
                          {"outcome", "Dating violence"},
                          {"measure", "GEN"},
                          {"yi", -0.4},
                          {"vi", 0.01}});
    }));
  }
  const auto with_evidence = CountryImplementation(*db_, ShippedCatalogue(), "KEN");
  ASSERT_TRUE(with_evidence);
  EXPECT_EQ((*with_evidence)["gaps"], Json({"E7.1"}));
  const auto missing = CountryImplementation(*db_, ShippedCatalogue(), "XXX");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST_P(ImplementationTest, CommentsStayWithTheReviewers) {
  const int64_t id = Start(kKenya, "KEN", "2024", 2024);
  const auto comment = Commit([&](store::Connection& c) {
    return AddComment(
        c, kStaff, id,
        {{"section", "laws"}, {"item", "cp-home"}, {"body", "Which year was the ban passed?"}});
  });
  ASSERT_TRUE(comment) << comment.error().message;
  const auto reply = Commit([&](store::Connection& c) {
    return AddComment(c, kKenya, id, {{"section", "laws"}, {"item", "cp-home"}, {"body", "2019."}});
  });
  ASSERT_TRUE(reply);
  const auto bad = Commit([&](store::Connection& c) {
    return AddComment(c, kStaff, id, {{"section", "budget"}, {"body", "x"}});
  });
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "section");
  const auto stranger = Commit([&](store::Connection& c) {
    return AddComment(c, kUganda, id, {{"section", "laws"}, {"body", "x"}});
  });
  ASSERT_FALSE(stranger);
  EXPECT_EQ(stranger.error().code, ErrorCode::kNotFound);
  const auto round = GetRound(*db_, kKenya, id);
  ASSERT_TRUE(round);
  ASSERT_EQ((*round)["comments"].size(), 2U);
  EXPECT_EQ((*round)["comments"][0]["role"], "secretariat");
  EXPECT_EQ((*round)["comments"][1]["body"], "2019.");
}

INSTANTIATE_TEST_SUITE_P(Engines, ImplementationTest,
                         ::testing::Values(TestEngine::kSqlite, TestEngine::kPostgres),
                         [](const auto& param_info) {
                           return testing::EngineName(param_info.param);
                         });

}  // namespace
}  // namespace inspire::hub
