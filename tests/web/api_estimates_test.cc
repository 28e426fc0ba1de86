// Published estimates through the real server, on SQLite and PostgreSQL: suppressed cells never
// carry numbers, only staff and the country's focal point publish, bad files are refused with
// the row and field, the command line's estimate-then-publish path, and CSV publishing and export.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <map>
#include <nlohmann/json.hpp>

#include "core/csv_records.h"
#include "support/run_binary.h"
#include "web/api_fixture.h"

namespace inspire::web {

using Json = nlohmann::ordered_json;

namespace {

TEST_P(ApiTest, PublishedEstimatesNeverCarrySuppressedNumbers) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  const std::string path = "/api/v1/estimates?country=ken&year=2019&source=VACS%202019";
  const Reply dry = Send("POST", path + "&dry_run=true", admin_token_, EstimateFile());
  EXPECT_EQ(dry.status, 200) << dry.raw;
  EXPECT_EQ(dry.body["would"]["suppressed"], 2);
  EXPECT_EQ(Send("GET", "/api/v1/estimates").body["total"], 0);  // the dry run left nothing

  const Reply published = Send("POST", path, admin_token_, EstimateFile());
  ASSERT_EQ(published.status, 201) << published.raw;
  EXPECT_EQ(published.body["rows"], 3);
  EXPECT_EQ(published.body["suppressed"], 2);
  const Reply list = Send("GET", "/api/v1/countries/KEN/estimates?indicator=1.3");
  ASSERT_EQ(list.status, 200) << list.raw;
  ASSERT_EQ(list.body["total"], 3);
  for (const Json& row : list.body["items"]) {
    if (row["domain"] == "total") {
      EXPECT_EQ(row["flag"], "ok");
      EXPECT_EQ(row["n_unweighted"], 800);
      EXPECT_DOUBLE_EQ(row["se"].get<double>(), 0.02);
      EXPECT_EQ(row["source"], "VACS 2019");
      continue;
    }
    EXPECT_EQ(row["flag"], "suppressed") << row.dump();
    for (const char* hidden : {"n_unweighted", "n_missing", "n_weighted", "estimate", "se",
                               "ci_low", "ci_high", "deff"}) {
      EXPECT_TRUE(row[hidden].is_null()) << hidden << " leaked: " << row.dump();
    }
  }
  // Again: a conflict, unless replacing.
  EXPECT_EQ(Send("POST", path, admin_token_, EstimateFile()).status, 409);
  const Reply replaced = Send("POST", path + "&replace=true", admin_token_, EstimateFile());
  EXPECT_EQ(replaced.status, 201) << replaced.raw;
  EXPECT_EQ(replaced.body["replaced"], true);
  EXPECT_EQ(Send("GET", "/api/v1/estimates?country=KEN").body["total"], 3);
}

// A file's intervals are made at the level `inspire estimate --level` was given; the set keeps
// it, the API returns it with every row, and the pages name it instead of assuming 95%.
TEST_P(ApiTest, EachSetKeepsItsConfidenceLevelAndThePagesNameIt) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  // A page as a visitor gets it (pages are not part of the API's document).
  const auto page = [this](const std::string& path) {
    httplib::Client client("127.0.0.1", port());
    const auto got = client.Get(path);
    EXPECT_TRUE(got && got->status == 200) << path;
    return got ? got->body : std::string();
  };
  Json at_90 = EstimateFile();
  at_90["provenance"]["options"]["level"] = 0.9;
  const Reply published =
      Send("POST", "/api/v1/estimates?country=KEN&year=2019&source=VACS", admin_token_, at_90);
  ASSERT_EQ(published.status, 201) << published.raw;
  EXPECT_DOUBLE_EQ(published.body["level"].get<double>(), 0.9);
  const Reply list = Send("GET", "/api/v1/estimates?country=KEN");
  ASSERT_EQ(list.body["total"], 3) << list.raw;
  for (const Json& row : list.body["items"]) {
    EXPECT_DOUBLE_EQ(row["level"].get<double>(), 0.9) << row.dump();
  }
  const std::string one_level = page("/indicators/1.3");
  EXPECT_NE(one_level.find(">90% CI</th>"), std::string::npos) << one_level;
  EXPECT_NE(one_level.find("with 90% confidence intervals"), std::string::npos);
  EXPECT_EQ(one_level.find("95%"), std::string::npos) << "a level nobody used is shown";
  const std::string country = page("/countries/KEN");
  EXPECT_NE(country.find(">90% CI</th>"), std::string::npos);
  EXPECT_EQ(country.find("95%"), std::string::npos);

  // A file without a level was made at the default, 0.95: the table then names each row's.
  ASSERT_EQ(Send("POST", "/api/v1/estimates?country=UGA&year=2020&source=VACS", admin_token_,
                 EstimateFile())
                .status,
            201);
  const std::string two_levels = page("/indicators/1.3");
  EXPECT_NE(two_levels.find(">CI</th>"), std::string::npos) << two_levels;
  EXPECT_NE(two_levels.find("21.0%–29.0% (90%)"), std::string::npos);
  EXPECT_NE(two_levels.find("21.0%–29.0% (95%)"), std::string::npos);
  EXPECT_NE(two_levels.find("with 90%, 95% confidence intervals"), std::string::npos);

  // A CSV carries the level as a column; every row must agree.
  const std::string header =
      "indicator_id,indicator_name,domain,domain_code,domain_label,n_unweighted,n_missing,"
      "n_weighted,estimate,se,ci_low,ci_high,deff,df,flag,level\n";
  const Reply csv =
      Send("POST", "/api/v1/estimates?country=TZA&year=2021&source=VACS", admin_token_, Json(),
           header + "1.3,Sexual violence,total,,,800,3,1234.5,0.25,0.02,0.22,0.28,1.7,40,ok,0.8\n",
           {{"Content-Type", "text/csv"}});
  ASSERT_EQ(csv.status, 201) << csv.raw;
  EXPECT_DOUBLE_EQ(csv.body["level"].get<double>(), 0.8);
  const Reply mixed =
      Send("POST", "/api/v1/estimates?country=TZA&year=2022&source=VACS", admin_token_, Json(),
           header +
               "1.3,Sexual violence,total,,,800,3,1234.5,0.25,0.02,0.22,0.28,1.7,40,ok,0.8\n"
               "1.3,Sexual violence,sex,1,Girls,400,1,600,0.3,0.03,0.24,0.36,1.5,40,ok,0.9\n",
           {{"Content-Type", "text/csv"}});
  EXPECT_EQ(mixed.status, 422) << mixed.raw;
  EXPECT_EQ(mixed.body["error"]["field"], "estimates[1].level");

  for (const Json& bad : {Json(1.5), Json(0), Json("0.95")}) {
    Json file = EstimateFile();
    file["provenance"]["options"]["level"] = bad;
    const Reply refused =
        Send("POST", "/api/v1/estimates?country=ZMB&year=2019&source=VACS", admin_token_, file);
    EXPECT_EQ(refused.status, 422) << bad.dump() << ": " << refused.raw;
    EXPECT_EQ(refused.body["error"]["field"], "provenance.options.level");
  }
  EXPECT_EQ(Send("GET", "/api/v1/estimates?country=ZMB").body["total"], 0);
}

// A total (the estimated number of people) under a variant id: stored and served as a total,
// written with thousands separators on the pages and drawn on a count axis, kept out of the
// country's chart of shares; the same id as a mean in another set is a conflict.
TEST_P(ApiTest, TotalsArePublishedServedAndDrawnAsCounts) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  Json file = EstimateFile();
  for (Json& row : file["estimates"]) {
    row["statistic"] = "total";
    row["indicator_id"] = "1.3-number";
    row["indicator_name"] = "Young people who experienced sexual violence (number)";
    row["estimate"] = row["estimate"].get<double>() * 1e6;
    row["se"] = row["se"].get<double>() * 1e6;
    if (row.contains("ci_low") && row["ci_low"].is_number()) {
      row["ci_low"] = row["ci_low"].get<double>() * 1e6;
      row["ci_high"] = row["ci_high"].get<double>() * 1e6;
    }
  }
  const Reply published =
      Send("POST", "/api/v1/estimates?country=KEN&year=2019&source=VACS", admin_token_, file);
  ASSERT_EQ(published.status, 201) << published.raw;
  const Reply list = Send("GET", "/api/v1/estimates?indicator=1.3-number");
  ASSERT_GE(list.body["total"].get<int>(), 1) << list.raw;
  for (const Json& row : list.body["items"]) EXPECT_EQ(row["statistic"], "total") << row.dump();
  httplib::Client client("127.0.0.1", port());
  const auto country = client.Get("/countries/KEN");
  ASSERT_TRUE(country && country->status == 200);
  const Json& first = list.body["items"][0];
  ASSERT_TRUE(first["estimate"].is_number());
  std::string digits = fmt::format("{:.0f}", first["estimate"].get<double>());
  for (size_t at = digits.size(); at > 3; at -= 3) digits.insert(at - 3, ",");
  EXPECT_NE(country->body.find(digits), std::string::npos) << digits;
  Json mean = file;
  for (Json& row : mean["estimates"]) row["statistic"] = "mean";
  const Reply conflict =
      Send("POST", "/api/v1/estimates?country=UGA&year=2019&source=VACS", admin_token_, mean);
  EXPECT_EQ(conflict.status, 409) << conflict.raw;
  EXPECT_NE(conflict.raw.find("published as a total already"), std::string::npos);
}

TEST_P(ApiTest, OnlyStaffAndTheCountrysFocalPointPublish) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  const auto publish = [&](const std::string& token, const std::string& country) {
    return Send("POST", "/api/v1/estimates?year=2020&source=MICS6&country=" + country, token,
                EstimateFile())
        .status;
  };
  EXPECT_EQ(publish("", "KEN"), 401);
  EXPECT_EQ(publish(tokens_["viewer"], "KEN"), 403);
  EXPECT_EQ(publish(tokens_["org_editor"], "KEN"), 403);
  EXPECT_EQ(publish(tokens_["country_focal_point"], "UGA"), 403);
  EXPECT_EQ(publish(tokens_["country_focal_point"], "KEN"), 201);
  EXPECT_EQ(publish(tokens_["secretariat"], "UGA"), 201);
}

TEST_P(ApiTest, BadEstimateFilesAreRefusedWithTheRowAndField) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  const std::string path = "/api/v1/estimates?country=KEN&year=2019&source=S";
  Json file = EstimateFile();
  file["estimates"][0]["estimate"] = 1.5;
  Reply reply = Send("POST", path, admin_token_, file);
  EXPECT_EQ(reply.status, 422);
  EXPECT_EQ(reply.body["error"]["field"], "estimates[0].estimate");
  file = EstimateFile();
  file["estimates"][0].erase("se");
  reply = Send("POST", path, admin_token_, file);
  EXPECT_EQ(reply.status, 422);
  EXPECT_EQ(reply.body["error"]["field"], "estimates[0].se");
  file = EstimateFile();
  file["estimates"][0]["ci_low"] = 0.3;  // the interval misses the estimate
  EXPECT_EQ(Send("POST", path, admin_token_, file).status, 422);
  EXPECT_EQ(Send("POST", path, admin_token_, Json{{"rows", 1}}).status, 422);
  file = EstimateFile();
  file["estimates"][1]["indicator_id"] = "9.99";  // no such indicator
  reply = Send("POST", path, admin_token_, file);
  EXPECT_EQ(reply.status, 422);
  EXPECT_EQ(reply.body["error"]["field"], "estimates[1].indicator_id");
  file = EstimateFile();
  file["estimates"][0]["indicator_id"] = "UGA-CP-01";  // another country's national indicator
  file["estimates"][0]["indicator_name"] = "Cases closed in time";
  EXPECT_EQ(Send("POST", path, admin_token_, file).status, 422);
  EXPECT_EQ(
      Send("POST", "/api/v1/estimates?country=XXX&year=2019&source=S", admin_token_, EstimateFile())
          .status,
      422);
  EXPECT_EQ(Send("POST", "/api/v1/estimates?country=KEN&year=twenty&source=S", admin_token_,
                 EstimateFile())
                .status,
            400);
  EXPECT_EQ(Send("GET", "/api/v1/countries/XXX/estimates").status, 404);
  EXPECT_EQ(Send("GET", "/api/v1/estimates").body["total"], 0);  // nothing half-published
  // A national indicator of the country, named by its rows, is accepted.
  file = EstimateFile();
  for (Json& row : file["estimates"]) {
    row["indicator_id"] = "KEN-CP-01";
    row["indicator_name"] = "Cases closed in time";
  }
  EXPECT_EQ(Send("POST", path, admin_token_, file).status, 201);
}

// The analyst's path: `inspire estimate` on the bundled synthetic survey, then `inspire publish`
// to the running hub; the cells under --min-n arrive as suppressed marks without numbers.
TEST_P(ApiTest, EstimateThenPublishFromTheCommandLine) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  testing::TempDir dir;
  const std::string results = (dir.path() / "results.json").string();
  const auto estimated =
      testing::RunInspire({"--data-dir", INSPIRE_SOURCE_DATA_DIR, "estimate",
                           std::string(INSPIRE_SOURCE_DATA_DIR) + "/demo/vacs-synthetic.csv",
                           "--recipe", "builtin:vacs", "--lonely-psu", "adjust", "--min-n", "400",
                           "--caution-n", "600", "--out", results});
  ASSERT_EQ(estimated.exit_code, 0) << estimated.err;
  const std::string hub = "http://127.0.0.1:" + std::to_string(server_->port());
  const auto published =
      testing::RunInspire({"--data-dir", INSPIRE_SOURCE_DATA_DIR, "publish", results, "--to", hub,
                           "--token", tokens_["country_focal_point"], "--country", "KEN", "--year",
                           "2019", "--source", "VACS 2019"});
  ASSERT_EQ(published.exit_code, 0) << published.err;
  EXPECT_NE(published.out.find("published"), std::string::npos) << published.out;
  const Reply list = Send("GET", "/api/v1/countries/KEN/estimates?limit=10000");
  ASSERT_EQ(list.status, 200);
  int suppressed = 0;
  for (const Json& row : list.body["items"]) {
    if (row["flag"] != "suppressed") {
      EXPECT_GE(row["n_unweighted"].get<int>(), 400);
      EXPECT_FALSE(row["se"].is_null());
      continue;
    }
    ++suppressed;
    EXPECT_TRUE(row["n_unweighted"].is_null() && row["estimate"].is_null()) << row.dump();
  }
  EXPECT_GT(suppressed, 0);
  // The same again is refused and says why.
  const auto again =
      testing::RunInspire({"--data-dir", INSPIRE_SOURCE_DATA_DIR, "publish", results, "--to", hub,
                           "--token", tokens_["country_focal_point"], "--country", "KEN", "--year",
                           "2019", "--source", "VACS 2019"});
  EXPECT_NE(again.exit_code, 0);
  EXPECT_NE(again.err.find("published already"), std::string::npos) << again.err;
}

TEST_P(ApiTest, EstimatesPublishFromCsvAndExportWithoutSuppressedNumbers) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  const std::string csv_file =
      "indicator_id,indicator_name,domain,domain_code,domain_label,n_unweighted,n_missing,"
      "n_weighted,estimate,se,ci_low,ci_high,deff,df,flag\n"
      "1.3,Sexual violence,total,,,800,3,1234.5,0.25,0.02,0.21,0.29,1.7,40,ok\n"
      "1.3,Sexual violence,region,1,Region 1,12,0,20.5,0.5,0.1,0.3,0.7,1.1,40,ok\n"
      "1.3,Sexual violence,region,2,Region 2,788,3,1214,0.24,0.02,0.2,0.28,1.7,40,ok\n";
  const Reply published = Send("POST", "/api/v1/estimates?country=KEN&year=2021&source=VACS",
                               admin_token_, Json(), csv_file, {{"Content-Type", "text/csv"}});
  ASSERT_EQ(published.status, 201) << published.raw;
  // n = 12 is under the hub's threshold, and region 2 would give it away (total - region 2).
  EXPECT_EQ(published.body["suppressed"], 2);
  EXPECT_EQ(published.body["complementary"], 1);
  const Reply exported = Send("GET", "/api/v1/estimates/export?format=csv&country=KEN");
  ASSERT_EQ(exported.status, 200);
  // Read back as CSV: each row by its columns' names.
  const auto csv = core::ReadCsvRecords(exported.raw, "the export");
  ASSERT_TRUE(csv) << csv.error().message;
  ASSERT_EQ(csv->rows.size(), 3u) << exported.raw;
  std::map<std::string, std::map<std::string, std::string>> by_group;
  for (const auto& row : csv->rows) {
    std::map<std::string, std::string> fields;
    for (size_t c = 0; c < csv->header.size(); ++c) fields[csv->header[c]] = row.at(c);
    by_group[fields["domain"] + ":" + fields["domain_code"]] = fields;
  }
  const auto& total = by_group["total:"];
  EXPECT_EQ(total.at("country"), "KEN");
  EXPECT_EQ(total.at("source"), "VACS");
  EXPECT_EQ(total.at("n_unweighted"), "800");
  EXPECT_EQ(total.at("estimate"), "0.25");
  EXPECT_EQ(total.at("se"), "0.02");
  EXPECT_EQ(total.at("level"), "0.95");
  EXPECT_EQ(total.at("flag"), "ok");
  for (const auto& [group, reason] :
       {std::pair{"region:1", "primary"}, std::pair{"region:2", "complementary"}}) {
    const auto& row = by_group[group];
    EXPECT_EQ(row.at("flag"), "suppressed") << group;
    EXPECT_EQ(row.at("suppression"), reason) << group;
    for (const char* hidden : {"n_unweighted", "n_missing", "n_weighted", "estimate", "se",
                               "ci_low", "ci_high", "deff", "df"}) {
      EXPECT_EQ(row.at(hidden), "") << group << " shows its " << hidden;
    }
  }
  const Reply json = Send("GET", "/api/v1/estimates/export?country=KEN");
  EXPECT_EQ(json.body["total"], 3);
}

}  // namespace
}  // namespace inspire::web
