// The community's library through the real server, on SQLite and PostgreSQL: who may add and
// change items, drafts that stay with their publisher, files checked by their content (an HTML
// page named .pdf, an image, a plain archive, a broken PDF, an empty or too large file are all
// refused and change nothing) and handed out only as attachments, versions kept latest first,
// and full-text search ranked alike on both engines (title, then summary, then the file's text)
// that says why each item matched. Every answer is checked against the OpenAPI document.
#include "support/make_document.h"
#include "web/api_fixture.h"

namespace inspire::web {

using Json = nlohmann::ordered_json;

namespace {

class LibraryApiTest : public ApiTest {
 protected:
  std::vector<std::string> ServerOptions() const override { return {"--max-file-mb", "1"}; }

  // An item added by the secretariat (published unless `fields` says otherwise); its id.
  int64_t AddItem(Json fields) {
    if (!fields.contains("status")) fields["status"] = "published";
    const Reply made = Send("POST", "/api/v1/library", tokens_["secretariat"], fields);
    EXPECT_EQ(made.status, 201) << made.raw;
    return made.body.value("id", int64_t{0});
  }

  Reply Upload(int64_t id, const std::string& token, const std::string& file_name,
               const std::string& bytes, const std::string& note = "") {
    return Send(
        "POST",
        fmt::format("/api/v1/library/{}/versions?file_name={}&note={}", id, file_name, note), token,
        Json(), bytes, {{"Content-Type", "application/octet-stream"}});
  }

  // The ids a search by `query` (the part after "?") gives a visitor, in order.
  std::vector<int64_t> Found(const std::string& query) {
    const Reply list = Send("GET", "/api/v1/library?" + query);
    EXPECT_EQ(list.status, 200) << list.raw;
    std::vector<int64_t> ids;
    for (const Json& item : list.body["items"]) ids.push_back(item["id"]);
    return ids;
  }
};

TEST_P(LibraryApiTest, OnlyWritersAddItemsAndDraftsStayWithTheirPublisher) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  const Json guide = {{"title", "Our guide"}, {"kind", "guide"}, {"publisher", own_org_}};
  EXPECT_EQ(Send("POST", "/api/v1/library", "", guide).status, 401);
  EXPECT_EQ(Send("POST", "/api/v1/library", tokens_["viewer"], guide).status, 403);
  Json theirs = guide;
  theirs["publisher"] = other_org_;
  EXPECT_EQ(Send("POST", "/api/v1/library", tokens_["org_editor"], theirs).status, 403);
  const Reply made = Send("POST", "/api/v1/library", tokens_["org_editor"], guide);
  ASSERT_EQ(made.status, 201) << made.raw;
  EXPECT_EQ(made.body["status"], "draft");  // a new item is a draft until published
  EXPECT_TRUE(made.body["file"].is_null());
  const std::string path = "/api/v1/library/" + std::to_string(made.body["id"].get<int64_t>());
  // The draft: its publisher and staff see it; a visitor and another organisation do not.
  EXPECT_EQ(Send("GET", path).status, 404);
  EXPECT_EQ(Send("GET", path, tokens_["viewer"]).status, 404);
  EXPECT_EQ(Send("GET", path, tokens_["org_editor"]).status, 200);
  EXPECT_EQ(Send("GET", path, tokens_["secretariat"]).status, 200);
  EXPECT_EQ(Send("GET", "/api/v1/library").body["total"], 0);
  EXPECT_EQ(Send("GET", "/api/v1/library", tokens_["org_editor"]).body["total"], 1);
  // Published, everyone sees it; only its publisher and staff change it.
  ASSERT_EQ(Send("PATCH", path, tokens_["org_editor"], {{"status", "published"}}).status, 200);
  EXPECT_EQ(Send("GET", path).status, 200);
  EXPECT_EQ(Send("PATCH", path, "", {{"title", "Mine now"}}).status, 401);
  EXPECT_EQ(Send("PATCH", path, tokens_["viewer"], {{"title", "Mine now"}}).status, 403);
  EXPECT_EQ(Send("PATCH", path, tokens_["org_editor"], {{"publisher", other_org_}}).status, 403);
  const int64_t staff_item = AddItem({{"title", "The secretariat's"}, {"publisher", other_org_}});
  EXPECT_EQ(Send("PATCH", "/api/v1/library/" + std::to_string(staff_item), tokens_["org_editor"],
                 {{"title", "Taken over"}})
                .status,
            403);
  // Fields are checked and a refusal names the field.
  for (const auto& [change, field] :
       std::vector<std::pair<Json, std::string>>{{{{"kind", "poster"}}, "kind"},
                                                 {{{"language", "xx"}}, "language"},
                                                 {{{"url", "javascript:alert(1)"}}, "url"},
                                                 {{{"approaches", {"P9.9"}}}, "approaches"},
                                                 {{{"countries", {"ATLANTIS"}}}, "countries"},
                                                 {{{"year", 1066}}, "year"}}) {
    const Reply refused = Send("PATCH", path, tokens_["secretariat"], change);
    EXPECT_EQ(refused.status, 422) << change.dump() << refused.raw;
    EXPECT_EQ(refused.body["error"]["field"], field) << refused.raw;
  }
  EXPECT_EQ(Send("GET", path).body["title"], "Our guide");
}

TEST_P(LibraryApiTest, FilesAreToldByContentAndHandedOutOnlyAsAttachments) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  const int64_t id = AddItem({{"title", "A living guide"}, {"publisher", own_org_}});
  const std::string pdf = testing::MakeDocument("pdf", "The first version of the guide");
  const Reply first = Upload(id, tokens_["org_editor"], "guide.pdf", pdf);
  ASSERT_EQ(first.status, 201) << first.raw;
  EXPECT_EQ(first.body["number"], 1);
  EXPECT_EQ(first.body["media_type"], "application/pdf");
  EXPECT_EQ(first.body["size"], static_cast<int64_t>(pdf.size()));

  // Refusals: each names the field and changes nothing.
  const auto refused = [&](const std::string& name, const std::string& bytes, int status,
                           const std::string& field, const std::string& note = "") {
    const Reply reply = Upload(id, tokens_["org_editor"], name, bytes, note);
    EXPECT_EQ(reply.status, status) << name << ": " << reply.raw;
    EXPECT_EQ(reply.body["error"]["field"], field) << name << ": " << reply.raw;
  };
  refused("report.pdf", "<!DOCTYPE html><html><script>alert(1)</script></html>", 422, "file");
  refused("photo.pdf", std::string("\x89PNG\r\n\x1a\n", 8) + std::string(64, '\0'), 422, "file");
  refused("archive.docx", testing::MakeDocument("zip"), 422, "file");
  refused("broken.pdf", testing::MakeDocument("broken-pdf"), 422, "file");
  refused("big.pdf", "%PDF-1.4\n" + std::string((1u << 20) + 10, 'x'), 413, "file");
  refused("empty.pdf", "", 422, "file");
  refused("note.pdf", pdf, 422, "note", std::string(2001, 'n'));
  EXPECT_EQ(Upload(id, "", "guide.pdf", pdf).status, 401);
  EXPECT_EQ(Upload(id, tokens_["viewer"], "guide.pdf", pdf).status, 403);
  const std::string path = "/api/v1/library/" + std::to_string(id);
  EXPECT_EQ(Send("GET", path).body["versions"].size(), 1u);

  // The three office formats, told by content whatever their names say.
  EXPECT_EQ(
      Upload(id, tokens_["org_editor"], "notes.bin", testing::MakeDocument("docx"), "As%20Word")
          .body["media_type"],
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  EXPECT_EQ(Upload(id, tokens_["secretariat"], "table.xlsx", testing::MakeDocument("xlsx"))
                .body["media_type"],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  const Reply odt =
      Upload(id, tokens_["secretariat"], "..%2F..%2Fetc%2Fpasswd", testing::MakeDocument("odt"));
  EXPECT_EQ(odt.body["media_type"], "application/vnd.oasis.opendocument.text");
  EXPECT_EQ(odt.body["file_name"], "passwd.odt");  // no path, and the extension of its content
  const Reply item = Send("GET", path);
  ASSERT_EQ(item.body["versions"].size(), 4u) << item.raw;
  EXPECT_EQ(item.body["versions"][0]["number"], 4);  // the latest first
  EXPECT_EQ(item.body["versions"][2]["note"], "As Word");
  EXPECT_EQ(item.body["file"], item.body["versions"][0]);
  EXPECT_EQ(item.body["versions"][3]["file_name"], "guide.pdf");

  // Downloads: the very bytes, as an attachment of the found type, never sniffed.
  const Reply file = Send("GET", path + "/versions/1/file");
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.raw, pdf);
  EXPECT_EQ(file.content_type, "application/pdf");
  const auto header = [&](const char* name) {
    const auto it = file.headers.find(name);
    return it == file.headers.end() ? std::string() : it->second;
  };
  EXPECT_EQ(header("Content-Disposition").rfind("attachment; filename=\"guide.pdf\"", 0), 0u)
      << header("Content-Disposition");
  EXPECT_EQ(header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(Send("GET", path + "/versions/9/file").status, 404);
  EXPECT_EQ(Send("GET", path + "/versions/x/file").status, 404);
  // A draft's files are as hidden as the draft.
  ASSERT_EQ(Send("PATCH", path, tokens_["secretariat"], {{"status", "draft"}}).status, 200);
  EXPECT_EQ(Send("GET", path + "/versions/1/file").status, 404);
  EXPECT_EQ(Send("GET", path + "/versions/1/file", tokens_["org_editor"]).status, 200);
}

TEST_P(LibraryApiTest, SearchRanksTitleThenSummaryThenFileTextAndSaysWhy) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  const int64_t in_file = AddItem(
      {{"title", "Annual report"}, {"kind", "report"}, {"summary", "What members did this year."}});
  ASSERT_EQ(Upload(in_file, tokens_["secretariat"], "report.pdf",
                   testing::MakeDocument(
                       "pdf", "Chapter three: building resilience of caregivers at home"))
                .status,
            201);
  const int64_t in_summary =
      AddItem({{"title", "Toolkit for facilitators"},
               {"summary", "Sessions that build resilience in parents and carers."}});
  const int64_t in_title = AddItem({{"title", "Resilience in families"}, {"kind", "training"}});
  AddItem({{"title", "Resilience draft"}, {"status", "draft"}});
  const int64_t accented = AddItem({{"title", "Éducation sans violence"}, {"language", "fr"}});

  EXPECT_EQ(Found("q=resilience"), (std::vector<int64_t>{in_title, in_summary, in_file}));
  EXPECT_EQ(Found("q=RESIL"), (std::vector<int64_t>{in_title, in_summary, in_file}));  // prefix
  EXPECT_EQ(Found("q=resilience%20families"), (std::vector<int64_t>{in_title}));       // every word
  EXPECT_EQ(Found("q=resilience&kind=report"), (std::vector<int64_t>{in_file}));
  EXPECT_EQ(Found("q=education"), (std::vector<int64_t>{accented}));  // accents ignored
  EXPECT_EQ(Found("q=%C3%89DUCATION"), (std::vector<int64_t>{accented}));
  EXPECT_TRUE(Found("q=earthquake").empty());
  EXPECT_TRUE(Found("q=%22%20OR%20*%20%3A").empty());  // query syntax is only words

  const Reply list = Send("GET", "/api/v1/library?q=resilience");
  const Json& file_hit = list.body["items"][2]["matched"];
  EXPECT_EQ(file_hit["fields"], Json({"file"}));
  EXPECT_EQ(file_hit["words"], Json({"resilience"}));
  EXPECT_NE(file_hit["snippet"].get<std::string>().find("resilience of caregivers"),
            std::string::npos)
      << file_hit.dump();
  EXPECT_EQ(list.body["items"][0]["matched"]["fields"], Json({"title"}));
  // Staff also find the draft; the index follows changes and deletions.
  EXPECT_EQ(Send("GET", "/api/v1/library?q=resilience", tokens_["secretariat"]).body["total"], 4);
  ASSERT_EQ(
      Send("DELETE", "/api/v1/library/" + std::to_string(in_title), tokens_["secretariat"]).status,
      204);
  ASSERT_EQ(Send("PATCH", "/api/v1/library/" + std::to_string(in_summary), tokens_["secretariat"],
                 {{"summary", "Sessions for parents."}})
                .status,
            200);
  EXPECT_EQ(Found("q=resilience"), (std::vector<int64_t>{in_file}));
  // The library's feed: published items only.
  const Reply feed = Send("GET", "/feeds/news.atom?topic=library");
  ASSERT_EQ(feed.status, 200);
  EXPECT_NE(feed.raw.find("Annual report"), std::string::npos);
  EXPECT_EQ(feed.raw.find("Resilience draft"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Engines, LibraryApiTest,
                         ::testing::Values(testing::TestEngine::kSqlite,
                                           testing::TestEngine::kPostgres),
                         [](const auto& param_info) {
                           return testing::EngineName(param_info.param);
                         });

}  // namespace
}  // namespace inspire::web
