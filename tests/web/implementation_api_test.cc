// Implementation tracking through the real server, on SQLite and PostgreSQL: a focal point fills
// and submits a round, the secretariat returns and validates it, and until then nothing of it
// reaches an anonymous answer, another country's focal point, the summary, the country view, the
// export or the response cache (DESIGN invariant 6). Every answer is checked against the OpenAPI
// document by the fixture.
#include "core/xlsx_reader.h"
#include "core/xlsx_workbook.h"
#include "web/api_fixture.h"

namespace inspire::web {

using Json = nlohmann::ordered_json;

namespace {

class ImplementationApiTest : public ApiTest {
 protected:
  // Every public view, each read twice so that the response cache keeps it whole.
  std::vector<std::string> PublicViews(int64_t id) const {
    return {"/api/v1/implementation/rounds",
            "/api/v1/implementation/rounds?country=KEN",
            "/api/v1/implementation/rounds/" + std::to_string(id),
            "/api/v1/implementation/summary",
            "/api/v1/implementation/export",
            "/api/v1/countries/KEN/implementation"};
  }
};

TEST_P(ImplementationApiTest, ADraftNeverReachesTheUnentitledNorTheCache) {
  if (!database_) GTEST_SKIP() << "no PostgreSQL server";
  const std::string kenya = tokens_["country_focal_point"];
  const Reply started =
      Send("POST", "/api/v1/implementation/rounds", kenya,
           {{"country", "KEN"}, {"label", "2024 review"}, {"reference_year", 2024}});
  ASSERT_EQ(started.status, 201) << started.raw;
  const int64_t id = started.body["id"];
  const std::string round = "/api/v1/implementation/rounds/" + std::to_string(id);
  const Reply saved = Send(
      "PUT", round + "/sections/laws", kenya,
      {{"items", {{{"law", "cp-home"}, {"in_place", "yes"}, {"citation", "Secret Draft Act"}}}}});
  ASSERT_EQ(saved.status, 200) << saved.raw;

  // Warm the cache with every public view while the round is a draft.
  for (int pass = 0; pass < 2; ++pass) {
    for (const auto& path : PublicViews(id)) {
      const Reply reply = Send("GET", path);
      EXPECT_EQ(reply.raw.find("Secret Draft Act"), std::string::npos) << path;
      EXPECT_EQ(reply.raw.find("2024 review"), std::string::npos) << path;
    }
  }
  EXPECT_EQ(Send("GET", round).status, 404);
  for (const char* role : {"viewer", "org_editor"}) {
    EXPECT_EQ(Send("GET", round, tokens_[role]).status, 404) << role;
    EXPECT_EQ(Send("GET", "/api/v1/implementation/rounds", tokens_[role]).body["total"], 0);
  }
  EXPECT_EQ(Send("GET", round, kenya).body["sections"]["laws"][0]["citation"], "Secret Draft Act");
  EXPECT_EQ(Send("GET", round, tokens_["secretariat"]).status, 200);

  // Submitted, returned with a reason, submitted again, validated.
  EXPECT_EQ(Send("POST", round + "/status", kenya, {{"to", "validated"}}).status, 409);
  ASSERT_EQ(Send("POST", round + "/status", kenya, {{"to", "submitted"}}).status, 200);
  EXPECT_EQ(Send("POST", round + "/status", kenya, {{"to", "validated"}}).status, 403);
  EXPECT_EQ(Send("PUT", round + "/sections/laws", kenya, {{"items", Json::array()}}).status, 409);
  EXPECT_EQ(Send("POST", round + "/status", tokens_["secretariat"], {{"to", "returned"}}).status,
            422);
  ASSERT_EQ(Send("POST", round + "/comments", tokens_["secretariat"],
                 {{"section", "laws"}, {"item", "cp-home"}, {"body", "Year of the act?"}})
                .status,
            201);
  ASSERT_EQ(Send("POST", round + "/status", tokens_["secretariat"],
                 {{"to", "returned"}, {"reason", "Add the year of each act."}})
                .status,
            200);
  ASSERT_EQ(Send("PUT", round + "/sections/laws", kenya,
                 {{"items",
                   {{{"law", "cp-home"},
                     {"in_place", "yes"},
                     {"year", 2019},
                     {"citation", "Children Act 2019"}}}}})
                .status,
            200);
  ASSERT_EQ(Send("POST", round + "/status", kenya, {{"to", "submitted"}}).status, 200);
  for (const auto& path : PublicViews(id)) {  // still nothing while under review
    EXPECT_EQ(Send("GET", path).raw.find("Children Act 2019"), std::string::npos) << path;
  }
  const Reply validated =
      Send("POST", round + "/status", tokens_["secretariat"], {{"to", "validated"}});
  ASSERT_EQ(validated.status, 200) << validated.raw;
  EXPECT_EQ(validated.body["history"].size(), 4U);

  // Now public: the cache must not answer with what it kept while the round was a draft.
  const Reply shown = Send("GET", round);
  ASSERT_EQ(shown.status, 200);
  EXPECT_FALSE(shown.body.contains("comments"));
  const Reply summary = Send("GET", "/api/v1/implementation/summary");
  EXPECT_EQ(summary.body["countries"], 1);
  const Reply view = Send("GET", "/api/v1/countries/KEN/implementation");
  EXPECT_EQ(view.body["round"]["label"], "2024 review");
  const Reply csv = Send("GET", "/api/v1/implementation/export");
  EXPECT_NE(csv.raw.find("KEN,2024 review,2024,laws,cp-home,citation,Children Act 2019"),
            std::string::npos)
      << csv.raw;
  EXPECT_EQ(Send("GET", "/api/v1/implementation/rounds").body["total"], 1);
}

TEST_P(ImplementationApiTest, BadRequestsAreRefusedNamingWhatIsWrong) {
  if (!database_) GTEST_SKIP() << "no PostgreSQL server";
  const std::string kenya = tokens_["country_focal_point"];
  const Reply foreign = Send("POST", "/api/v1/implementation/rounds", kenya,
                             {{"country", "UGA"}, {"label", "x"}, {"reference_year", 2024}});
  EXPECT_EQ(foreign.status, 403);
  const Reply visitor = Send("POST", "/api/v1/implementation/rounds", "",
                             {{"country", "KEN"}, {"label", "x"}, {"reference_year", 2024}});
  EXPECT_EQ(visitor.status, 401);
  const Reply year = Send("POST", "/api/v1/implementation/rounds", kenya,
                          {{"country", "KEN"}, {"label", "x"}, {"reference_year", 1700}});
  EXPECT_EQ(year.status, 422);
  EXPECT_EQ(year.body["error"]["field"], "reference_year");
  const Reply dry = Send("POST", "/api/v1/implementation/rounds?dry_run=true", kenya,
                         {{"country", "KEN"}, {"label", "x"}, {"reference_year", 2024}});
  EXPECT_EQ(dry.status, 200);
  EXPECT_EQ(Send("GET", "/api/v1/implementation/rounds", kenya).body["total"], 0);
  const Reply made = Send("POST", "/api/v1/implementation/rounds", kenya,
                          {{"country", "KEN"}, {"label", "x"}, {"reference_year", 2024}});
  ASSERT_EQ(made.status, 201);
  const std::string round =
      "/api/v1/implementation/rounds/" + std::to_string(made.body["id"].get<int64_t>());
  const Reply item = Send("PUT", round + "/sections/approaches", kenya,
                          {{"items", {{{"approach", "P4.1"}, {"support", "perhaps"}}}}});
  EXPECT_EQ(item.status, 422);
  EXPECT_EQ(item.body["error"]["field"], "approaches[0].support");
  EXPECT_EQ(Send("PUT", round + "/sections/budget", kenya, {{"items", Json::array()}}).status, 404);
  EXPECT_EQ(Send("PUT", round + "/sections/laws", kenya, {{"laws", Json::array()}}).status, 422);
  EXPECT_EQ(Send("GET", "/api/v1/implementation/summary?income=rich").status, 400);
  EXPECT_EQ(Send("GET", "/api/v1/countries/XXX/implementation").status, 404);
  EXPECT_EQ(Send("DELETE", round, tokens_["viewer"]).status, 404);
  EXPECT_EQ(Send("DELETE", round, kenya).status, 204);
}

constexpr const char* kXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// A workbook of one sheet `name` with `rows` (the first the header).
std::string Workbook(const std::string& name, const std::vector<std::vector<std::string>>& rows) {
  const auto bytes = core::XlsxBytes([&](core::XlsxWorkbook& book) -> core::Result<void> {
    INSPIRE_ASSIGN_OR_RETURN(const size_t sheet, book.AddSheet(name));
    for (size_t r = 0; r < rows.size(); ++r) {
      for (size_t c = 0; c < rows[r].size(); ++c) {
        book.Text(sheet, static_cast<uint32_t>(r), static_cast<uint16_t>(c), rows[r][c]);
      }
    }
    return {};
  });
  EXPECT_TRUE(bytes) << bytes.error().message;
  return bytes.value_or("");
}

TEST_P(ImplementationApiTest, AWorkbookGoesOutFilledAndComesBackAllOrNothing) {
  if (!database_) GTEST_SKIP() << "no PostgreSQL server";
  const std::string kenya = tokens_["country_focal_point"];
  const Reply made = Send("POST", "/api/v1/implementation/rounds", kenya,
                          {{"country", "KEN"}, {"label", "offline"}, {"reference_year", 2024}});
  ASSERT_EQ(made.status, 201);
  const std::string round =
      "/api/v1/implementation/rounds/" + std::to_string(made.body["id"].get<int64_t>());
  ASSERT_EQ(Send("PUT", round + "/sections/laws", kenya,
                 {{"items", {{{"law", "cp-home"}, {"in_place", "yes"}, {"year", 2016}}}}})
                .status,
            200);
  ASSERT_EQ(Send("PUT", round + "/sections/plans", kenya,
                 {{"items", {{{"title", "Plan"}, {"forms", {"bullying", "online-abuse"}}}}}})
                .status,
            200);
  const Json before = Send("GET", round, kenya).body["sections"];

  const Reply download = Send("GET", round + "/workbook.xlsx", kenya);
  ASSERT_EQ(download.status, 200);
  EXPECT_EQ(download.content_type, kXlsx);
  const auto sheets = core::ReadXlsx(download.raw, "download");
  ASSERT_TRUE(sheets) << sheets.error().message;
  std::vector<std::string> names;
  for (const auto& sheet : *sheets) names.push_back(sheet.name);
  EXPECT_EQ(names, (std::vector<std::string>{"round", "laws", "approaches", "milestones", "plans",
                                             "surveys", "lists"}));
  EXPECT_EQ((*sheets)[1].rows[1][0], "cp-home");
  EXPECT_EQ((*sheets)[1].rows[1][2], "yes");
  EXPECT_EQ(Send("GET", round + "/workbook.xlsx", tokens_["viewer"]).status, 404);

  // Back unchanged: nothing changes.
  const Reply same =
      Send("PUT", round + "/workbook", kenya, Json(), download.raw, {{"Content-Type", kXlsx}});
  ASSERT_EQ(same.status, 200) << same.raw;
  EXPECT_EQ(Send("GET", round, kenya).body["sections"], before);

  // A refused answer names its cell, and nothing of the workbook is kept.
  const Reply refused =
      Send("PUT", round + "/workbook", kenya, Json(),
           Workbook("approaches", {{"approach", "support"}, {"P4.1", "yes"}, {"P4.2", "maybe"}}),
           {{"Content-Type", kXlsx}});
  EXPECT_EQ(refused.status, 422) << refused.raw;
  EXPECT_EQ(refused.body["error"]["field"], "approaches!B3");
  const Reply column =
      Send("PUT", round + "/workbook", kenya, Json(),
           Workbook("laws", {{"law", "in_place", "colour"}, {"cp-home", "no", "red"}}),
           {{"Content-Type", kXlsx}});
  EXPECT_EQ(column.status, 422);
  EXPECT_EQ(column.body["error"]["field"], "laws!C1");
  EXPECT_EQ(
      Send("PUT", round + "/workbook", kenya, Json(), "not a workbook", {{"Content-Type", kXlsx}})
          .status,
      400);
  EXPECT_EQ(Send("GET", round, kenya).body["sections"], before);
  const Reply dry = Send("PUT", round + "/workbook?dry_run=true", kenya, Json(),
                         Workbook("laws", {{"law", "in_place"}, {"cp-school", "partly"}}),
                         {{"Content-Type", kXlsx}});
  EXPECT_EQ(dry.status, 200);
  EXPECT_EQ(Send("GET", round, kenya).body["sections"], before);

  // A sheet replaces its section; the others stay.
  const Reply applied =
      Send("PUT", round + "/workbook", kenya, Json(),
           Workbook("laws", {{"law", "in_place", "enforcement"}, {"cp-school", "yes", "fully"}}),
           {{"Content-Type", kXlsx}});
  ASSERT_EQ(applied.status, 200) << applied.raw;
  EXPECT_EQ(applied.body["sheets"], Json({"laws"}));
  const Json after = Send("GET", round, kenya).body["sections"];
  ASSERT_EQ(after["laws"].size(), 1U);
  EXPECT_EQ(after["laws"][0]["law"], "cp-school");
  EXPECT_EQ(after["plans"], before["plans"]);
}

INSTANTIATE_TEST_SUITE_P(Engines, ImplementationApiTest,
                         ::testing::Values(testing::TestEngine::kSqlite,
                                           testing::TestEngine::kPostgres),
                         [](const auto& param_info) {
                           return testing::EngineName(param_info.param);
                         });

}  // namespace
}  // namespace inspire::web
