// Studies and the evidence through the real server, on SQLite and PostgreSQL: the record checks
// (numbers against the measure, named fields), who may write, the CSV import with dry run, the
// evidence map with its gaps, and analyses that match metafor (tests/data/meta/reference.json)
// and the `inspire meta` command run on the hub's own CSV export.
#include <cmath>
#include <filesystem>

#include "core/file.h"
#include "support/run_binary.h"
#include "web/api_fixture.h"

namespace inspire::web {

using Json = nlohmann::ordered_json;

namespace {

const std::string kMetaDir = std::string(INSPIRE_TEST_DATA_DIR) + "/meta/";

class EvidenceApiTest : public ApiTest {
 protected:
  // The ten studies of parenting_events.csv as a CSV import for approach P4.2.
  static std::string ParentingImport() {
    auto text = core::ReadFile(kMetaDir + "parenting_events.csv");
    EXPECT_TRUE(text);
    std::string out =
        "study,year,country,design,approaches,outcome,indicator,measure,favourable,ai,n1i,ci,n2i\n";
    std::istringstream lines(*text);
    std::string line;
    std::getline(lines, line);  // study,country,design,year,ai,n1i,ci,n2i
    while (std::getline(lines, line)) {
      std::vector<std::string> f;
      std::istringstream cells(line);
      for (std::string cell; std::getline(cells, cell, ',');) f.push_back(cell);
      out += fmt::format("{},{},{},{},P4.2,Harsh discipline,1.1,OR,lower,{},{},{},{}\n", f[0], f[3],
                         f[1], f[2], f[4], f[5], f[6], f[7]);
    }
    return out;
  }

  static Json EventsStudy(const std::string& name) {
    return {{"study", name},
            {"year", 2020},
            {"design", "RCT"},
            {"approaches", {"P4.1"}},
            {"outcome", "Violent discipline"},
            {"measure", "OR"},
            {"ai", 10},
            {"n1i", 50},
            {"ci", 20},
            {"n2i", 50}};
  }
};

TEST_P(EvidenceApiTest, AStudyCarriesItsEffectSizeAndItsNumbersAreChecked) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  const Reply created = Send("POST", "/api/v1/studies", admin_token_, EventsStudy("Amani 2020"));
  ASSERT_EQ(created.status, 201) << created.raw;
  EXPECT_NEAR(created.body["effect"]["yi"].get<double>(), std::log((10.0 * 30) / (40.0 * 20)),
              1e-12);
  EXPECT_NEAR(created.body["effect"]["exp"]["estimate"].get<double>(), 0.375, 1e-12);
  // Who added it stays inside the hub: a sign-in email is not for the public answer or export.
  EXPECT_FALSE(created.body.contains("created_by")) << created.raw;
  EXPECT_EQ(Send("GET", "/api/v1/studies").raw.find("admin@example.org"), std::string::npos);
  EXPECT_EQ(created.body["risk_of_bias"], "unclear");
  EXPECT_EQ(created.body["favourable"], "lower");
  EXPECT_TRUE(created.body["m1i"].is_null());

  struct Bad {
    Json change;
    std::string field;
  };
  const std::vector<Bad> cases = {
      {{{"ci", nullptr}}, "ci"},                   // the measure's number missing
      {{{"ci", 60}}, "ci"},                        // events above the total
      {{{"ai", -1}}, "ai"},                        // negative count
      {{{"m1i", 3.5}}, "m1i"},                     // a number the measure does not use
      {{{"measure", "SMD"}}, "m1i"},               // SMD needs means
      {{{"approaches", {"P9.9"}}}, "approaches"},  // unknown approach
      {{{"design", "anecdote"}}, "design"},
      {{{"risk_of_bias", "none"}}, "risk_of_bias"},
      {{{"country", "XXX"}}, "country"},
      {{{"indicator", "9.9"}}, "indicator"},
      {{{"doi", "not a doi"}}, "doi"},
      {{{"url", "ftp://x"}}, "url"},
      {{{"year", 1800}}, "year"},
      {{{"study", ""}}, "study"},
      {{{"ai", "ten"}}, "ai"},
      {{{"colour", "red"}}, "colour"},
  };
  for (const Bad& c : cases) {
    Json body = EventsStudy("Bad");
    for (const auto& [key, value] : c.change.items()) body[key] = value;
    const Reply reply = Send("POST", "/api/v1/studies", admin_token_, body);
    EXPECT_EQ(reply.status, 422) << c.change.dump() << " " << reply.raw;
    EXPECT_EQ(reply.body["error"]["field"], c.field) << c.change.dump() << " " << reply.raw;
  }
  // Means with an SD of zero, and an edit that switches the layout cleanly.
  const std::string path = fmt::format("/api/v1/studies/{}", created.body["id"].get<int64_t>());
  const Json to_means = {{"measure", "SMD"}, {"ai", nullptr}, {"ci", nullptr}, {"m1i", 10},
                         {"sd1i", 0},        {"m2i", 12},     {"sd2i", 3}};
  const Reply zero_sd = Send("PATCH", path, admin_token_, to_means);
  EXPECT_EQ(zero_sd.status, 422);
  EXPECT_EQ(zero_sd.body["error"]["field"], "sd1i");
  Json fixed = to_means;
  fixed["sd1i"] = 2.5;
  const Reply switched = Send("PATCH", path, admin_token_, fixed);
  ASSERT_EQ(switched.status, 200) << switched.raw;
  EXPECT_LT(switched.body["effect"]["yi"].get<double>(), 0);
  EXPECT_FALSE(switched.body["effect"].contains("exp"));
  EXPECT_EQ(Send("GET", "/api/v1/studies?total").body["total"], 1);
}

TEST_P(EvidenceApiTest, ContributorsAddStudiesAndChangeTheirOwn) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  EXPECT_EQ(Send("POST", "/api/v1/studies", "", EventsStudy("A")).status, 401);
  EXPECT_EQ(Send("POST", "/api/v1/studies", tokens_["viewer"], EventsStudy("A")).status, 403);
  const Reply by_admin = Send("POST", "/api/v1/studies", admin_token_, EventsStudy("Admin's"));
  const Reply by_editor =
      Send("POST", "/api/v1/studies", tokens_["org_editor"], EventsStudy("Editor's"));
  ASSERT_EQ(by_admin.status, 201);
  ASSERT_EQ(by_editor.status, 201);
  const auto path = [](const Reply& r) {
    return fmt::format("/api/v1/studies/{}", r.body["id"].get<int64_t>());
  };
  const Json change = {{"setting", "schools"}};
  EXPECT_EQ(Send("PATCH", path(by_admin), tokens_["org_editor"], change).status, 403);
  EXPECT_EQ(Send("PATCH", path(by_editor), tokens_["org_editor"], change).status, 200);
  EXPECT_EQ(Send("PATCH", path(by_editor), tokens_["country_focal_point"], change).status, 403);
  EXPECT_EQ(Send("PATCH", path(by_editor), tokens_["secretariat"], change).status, 200);
  EXPECT_EQ(Send("DELETE", path(by_admin), tokens_["org_editor"]).status, 403);
  EXPECT_EQ(Send("DELETE", path(by_editor), tokens_["org_editor"]).status, 204);
  EXPECT_EQ(Send("GET", path(by_editor)).status, 404);
  // Every write is in the audit log.
  const Reply audit = Send("GET", "/api/v1/audit?entity=study", admin_token_);
  ASSERT_EQ(audit.status, 200) << audit.raw;
  EXPECT_EQ(audit.body["items"].size(), 5U);  // two creates, two edits, one delete
}

TEST_P(EvidenceApiTest, ImportMapAnalysisAndForestMatchMetafor) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  const httplib::Headers csv = {{"Content-Type", "text/csv"}};
  const std::string import = ParentingImport();
  const Reply dry =
      Send("POST", "/api/v1/studies/import?dry_run=true", admin_token_, Json(), import, csv);
  ASSERT_EQ(dry.status, 200) << dry.raw;
  EXPECT_EQ(dry.body["would"]["created"], 10);
  EXPECT_EQ(Send("GET", "/api/v1/studies").body["total"], 0);
  // A bad row rolls back the whole import and is named by its line and column.
  std::string broken = import;
  broken.replace(broken.find(",38,120,"), 8, ",138,120,");
  const Reply rejected = Send("POST", "/api/v1/studies/import", admin_token_, Json(), broken, csv);
  EXPECT_EQ(rejected.status, 422) << rejected.raw;
  EXPECT_NE(rejected.body["error"]["message"].get<std::string>().find("line 2"), std::string::npos)
      << rejected.raw;
  EXPECT_EQ(Send("GET", "/api/v1/studies").body["total"], 0);
  const Reply done = Send("POST", "/api/v1/studies/import", admin_token_, Json(), import, csv);
  ASSERT_EQ(done.status, 200) << done.raw;
  EXPECT_EQ(done.body["created"], 10);

  // The map: one cell (P4.2 x harsh discipline) with the pooled OR; every other pair a gap.
  const Reply map = Send("GET", "/api/v1/evidence");
  ASSERT_EQ(map.status, 200) << map.raw;
  EXPECT_EQ(map.body["studies"], 10);
  ASSERT_EQ(map.body["cells"].size(), 1U);
  const Json& cell = map.body["cells"][0];
  EXPECT_EQ(cell["approach"], "P4.2");
  EXPECT_EQ(cell["outcome"], "harsh discipline");
  EXPECT_EQ(cell["analyses"][0]["direction"], "favourable");

  // The analysis against metafor's numbers for the same ten studies.
  auto reference_text = core::ReadFile(kMetaDir + "reference.json");
  ASSERT_TRUE(reference_text);
  const Json reference = Json::parse(*reference_text);
  for (const Json& c : reference["cases"]) {
    if (c["file"] != "parenting_events.csv" || c["measure"] != "OR" || c["level"] != 0.95) {
      continue;
    }
    const std::string method = c["method"];
    const bool knha = c["test"] == "knha";
    const Reply analysis =
        Send("GET", fmt::format("/api/v1/evidence/analysis?approach=P4.2&outcome=HARSH%20discipline"
                                "&method={}&knha={}&subgroup=design",
                                method, knha ? "true" : "false"));
    ASSERT_EQ(analysis.status, 200) << analysis.raw;
    for (const char* field : {"estimate", "se", "ci_low", "ci_high", "tau2", "i2", "q", "q_p"}) {
      const double want = c["pooled"][field].get<double>();
      EXPECT_NEAR(analysis.body["pooled"][field].get<double>(), want,
                  std::max(1e-6 * std::fabs(want), 1e-12))
          << method << " " << knha << " " << field;
    }
    EXPECT_EQ(analysis.body["subgroups"][0]["groups"].size(), 3U);
  }

  // Filters: by where and how the studies were done; the RCTs alone pool to what the RCT
  // subgroup of the whole analysis gives.
  const std::vector<std::pair<std::string, int>> filtered = {
      {"design=RCT", 4},
      {"income=UM", 1},
      {"income=LMIC", 9},
      {"region=AFR", 10},
      {"region=AFR&exclude_high_risk=true", 10},
      {"region=SEAR", 0}};
  for (const auto& [query, count] : filtered) {
    const Reply reply = Send("GET", "/api/v1/evidence?" + query);
    ASSERT_EQ(reply.status, 200) << query << " " << reply.raw;
    EXPECT_EQ(reply.body["studies"], count) << query;
  }
  for (const char* bad :
       {"income=rich", "region=Mars", "design=anecdote", "exclude_high_risk=maybe"}) {
    const Reply reply = Send("GET", std::string("/api/v1/evidence?") + bad);
    EXPECT_EQ(reply.status, 400) << bad;
    ExpectErrorBody(reply);
  }
  const std::string whole = "/api/v1/evidence/analysis?approach=P4.2&outcome=harsh%20discipline";
  const Reply rcts = Send("GET", whole + "&design=RCT");
  const Reply by_design = Send("GET", whole + "&subgroup=design");
  ASSERT_EQ(rcts.status, 200) << rcts.raw;
  EXPECT_EQ(rcts.body["pooled"]["k"], 4);
  const Json& rct_group = by_design.body["subgroups"][0]["groups"][0];
  EXPECT_EQ(rct_group["level"], "RCT");
  EXPECT_NEAR(rcts.body["pooled"]["estimate"].get<double>(), rct_group["estimate"].get<double>(),
              1e-12);

  // The hub's CSV export, fed to `inspire meta`, gives the same pooled estimate.
  const Reply exported = Send("GET", "/api/v1/studies/export?format=csv&approach=P4.2");
  ASSERT_EQ(exported.status, 200);
  testing::TempDir dir;
  const auto file = dir.Write("studies.csv", exported.raw);
  const auto run =
      testing::RunInspire({"meta", file.string(), "--measure", "OR", "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const Reply api =
      Send("GET", "/api/v1/evidence/analysis?approach=P4.2&outcome=harsh%20discipline");
  EXPECT_NEAR(Json::parse(run.out)["pooled"]["estimate"].get<double>(),
              api.body["pooled"]["estimate"].get<double>(), 1e-12);

  const Reply svg =
      Send("GET", "/api/v1/evidence/forest.svg?approach=P4.2&outcome=Harsh%20discipline");
  ASSERT_EQ(svg.status, 200);
  EXPECT_EQ(svg.content_type, "image/svg+xml");
  EXPECT_EQ(svg.raw.rfind("<svg", 0), 0U);
  // A second request is served from the cache with the same type.
  EXPECT_EQ(Send("GET", "/api/v1/evidence/forest.svg?approach=P4.2&outcome=Harsh%20discipline")
                .content_type,
            "image/svg+xml");
}

TEST_P(EvidenceApiTest, AnalysisErrorsAreClear) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  ASSERT_EQ(Send("POST", "/api/v1/studies", admin_token_, EventsStudy("Only 2020")).status, 201);
  const std::string base = "/api/v1/evidence/analysis?";
  const Reply one = Send("GET", base + "approach=P4.1&outcome=violent%20discipline");
  EXPECT_EQ(one.status, 422) << one.raw;
  EXPECT_NE(one.raw.find("at least 2"), std::string::npos);
  EXPECT_EQ(Send("GET", base + "approach=P9.9&outcome=x").status, 404);
  EXPECT_EQ(Send("GET", base + "approach=P4.1&outcome=nothing").status, 404);
  EXPECT_EQ(Send("GET", base + "approach=P4.1").status, 400);
  EXPECT_EQ(Send("GET", base + "approach=P4.1&outcome=x&method=ML").status, 400);
  EXPECT_EQ(Send("GET", base + "approach=P4.1&outcome=x&level=95").status, 400);
  EXPECT_EQ(Send("GET", base + "approach=P4.1&outcome=x&subgroup=colour").status, 400);
}

INSTANTIATE_TEST_SUITE_P(Engines, EvidenceApiTest,
                         ::testing::Values(testing::TestEngine::kSqlite,
                                           testing::TestEngine::kPostgres),
                         [](const auto& param_info) {
                           return testing::EngineName(param_info.param);
                         });

}  // namespace
}  // namespace inspire::web
