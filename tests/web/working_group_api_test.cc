// The working group's business through the real server, on SQLite and PostgreSQL: the work plan,
// meetings in their time zones with iCalendar files, numbered decisions and actions that fall
// overdue. Who may write what, and that a members' meeting (with what was decided and assigned
// at it) never reaches a visitor, the response cache or a public calendar. Every answer is
// checked against the OpenAPI document by the fixture.
#include <fstream>

#include "support/run_binary.h"
#include "support/temp_dir.h"
#include "web/api_fixture.h"

namespace inspire::web {

using Json = nlohmann::ordered_json;

namespace {

// The events of the iCalendar text `calendar` as Python's icalendar reads them (see
// tests/support/read_icalendar.py); null, with a failure, when it refuses the file.
Json ReadCalendar(const std::string& calendar) {
  testing::TempDir dir;
  const auto path = dir.path() / "meetings.ics";
  std::ofstream(path, std::ios::binary) << calendar;
  const testing::RunOutput read = testing::RunProgram(
      "/usr/bin/python3", {INSPIRE_SOURCE_DIR "/tests/support/read_icalendar.py", path.string()});
  EXPECT_EQ(read.exit_code, 0) << read.err;
  return read.exit_code == 0 ? Json::parse(read.out) : Json();
}

class WorkingGroupApiTest : public ApiTest {
 protected:
  // A meeting created by the secretariat; its id.
  int64_t AddMeeting(const std::string& title, const std::string& visibility,
                     const std::string& starts_at = "2031-03-04T14:00",
                     const std::string& zone = "Africa/Nairobi") {
    const Reply created = Send("POST", "/api/v1/meetings", tokens_["secretariat"],
                               {{"title", title},
                                {"kind", "working_group"},
                                {"starts_at", starts_at},
                                {"time_zone", zone},
                                {"duration_minutes", 90},
                                {"visibility", visibility},
                                {"agenda", "1. Work plan; 2. Members, new"},
                                {"participants", {own_org_, other_org_}}});
    EXPECT_EQ(created.status, 201) << created.raw;
    return created.body.value("id", int64_t{0});
  }

  // An action created by the secretariat; its id.
  int64_t AddAction(const Json& fields) {
    const Reply created = Send("POST", "/api/v1/actions", tokens_["secretariat"], fields);
    EXPECT_EQ(created.status, 201) << created.raw;
    return created.body.value("id", int64_t{0});
  }
};

TEST_P(WorkingGroupApiTest, MeetingsKeepTheirWallClockAndZoneAndGiveTheirUtcStart) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  const int64_t id = AddMeeting("Quarterly meeting", "public");
  const Reply meeting = Send("GET", "/api/v1/meetings/" + std::to_string(id));
  ASSERT_EQ(meeting.status, 200) << meeting.raw;
  EXPECT_EQ(meeting.body["starts_at"], "2031-03-04T14:00");
  EXPECT_EQ(meeting.body["time_zone"], "Africa/Nairobi");
  EXPECT_EQ(meeting.body["starts_utc"], "2031-03-04T11:00:00Z");  // Nairobi is UTC+3
  EXPECT_EQ(meeting.body["participants"], Json({own_org_, other_org_}));
  // Summer time: 14:00 in New York in July is 18:00 UTC, in January 19:00 UTC.
  const int64_t july = AddMeeting("July", "public", "2031-07-01T14:00", "America/New_York");
  const int64_t january = AddMeeting("January", "public", "2031-01-06T14:00", "America/New_York");
  EXPECT_EQ(Send("GET", "/api/v1/meetings/" + std::to_string(july)).body["starts_utc"],
            "2031-07-01T18:00:00Z");
  EXPECT_EQ(Send("GET", "/api/v1/meetings/" + std::to_string(january)).body["starts_utc"],
            "2031-01-06T19:00:00Z");

  const auto refused = [&](const Json& change, const std::string& field) {
    const Reply reply =
        Send("PATCH", "/api/v1/meetings/" + std::to_string(id), tokens_["secretariat"], change);
    EXPECT_EQ(reply.status, 422) << change.dump() << ": " << reply.raw;
    EXPECT_EQ(reply.body["error"]["field"], field) << reply.raw;
  };
  refused({{"time_zone", "Mars/Olympus_Mons"}}, "time_zone");
  refused({{"time_zone", ""}}, "time_zone");
  refused({{"starts_at", "2031-02-30T10:00"}}, "starts_at");
  refused({{"starts_at", "2031-03-04 14:00"}}, "starts_at");
  refused({{"starts_at", "2031-03-04T24:00"}}, "starts_at");
  refused({{"duration_minutes", 2.5}}, "duration_minutes");
  refused({{"participants", {999999}}}, "participants");
  refused({{"kind", "party"}}, "kind");
  // Nothing of the refused changes was kept.
  EXPECT_EQ(Send("GET", "/api/v1/meetings/" + std::to_string(id)).body["time_zone"],
            "Africa/Nairobi");
}

TEST_P(WorkingGroupApiTest, OnlyStaffPlanMeetingsAndRecordDecisionsWhichAreNumbered) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  const Json meeting = {
      {"title", "Not mine to plan"}, {"kind", "webinar"}, {"starts_at", "2031-05-05T10:00"}};
  EXPECT_EQ(Send("POST", "/api/v1/meetings", "", meeting).status, 401);
  for (const char* role : {"org_editor", "country_focal_point", "viewer"}) {
    EXPECT_EQ(Send("POST", "/api/v1/meetings", tokens_[role], meeting).status, 403) << role;
  }
  const int64_t id = AddMeeting("Decisions", "public");
  const auto decide = [&](const std::string& token, const std::string& text) {
    return Send("POST", "/api/v1/decisions", token, {{"meeting", id}, {"text", text}});
  };
  EXPECT_EQ(decide(tokens_["org_editor"], "We decide alone").status, 403);
  for (int n = 1; n <= 3; ++n) {
    const Reply made = decide(tokens_["secretariat"], "Decision " + std::to_string(n));
    ASSERT_EQ(made.status, 201) << made.raw;
    EXPECT_EQ(made.body["number"], n);
    EXPECT_EQ(made.body["meeting_title"], "Decisions");
  }
  // The hub numbers decisions: a number sent is ignored.
  const Reply numbered = Send("POST", "/api/v1/decisions", tokens_["secretariat"],
                              {{"meeting", id}, {"text", "Numbered by hand"}, {"number", 42}});
  ASSERT_EQ(numbered.status, 201) << numbered.raw;
  EXPECT_EQ(numbered.body["number"], 4);
  // A decision names a meeting that exists, and stays with it.
  EXPECT_EQ(Send("POST", "/api/v1/decisions", tokens_["secretariat"],
                 {{"meeting", 999999}, {"text", "Lost"}})
                .body["error"]["field"],
            "meeting");
  const int64_t other = AddMeeting("Other", "public");
  const std::string first =
      "/api/v1/decisions/" + std::to_string(numbered.body["id"].get<int64_t>());
  EXPECT_EQ(Send("PATCH", first, tokens_["secretariat"], {{"meeting", other}}).status, 422);
  EXPECT_EQ(Send("PATCH", first, tokens_["secretariat"], {{"status", "superseded"}}).body["status"],
            "superseded");
  const Reply listed = Send("GET", "/api/v1/decisions?meeting=" + std::to_string(id));
  ASSERT_EQ(listed.status, 200) << listed.raw;
  EXPECT_EQ(listed.body["total"], 4);
  EXPECT_EQ(listed.body["items"][0]["number"], 1);
  // Deleting the meeting deletes its decisions.
  EXPECT_EQ(Send("DELETE", "/api/v1/meetings/" + std::to_string(id), tokens_["secretariat"]).status,
            204);
  EXPECT_EQ(Send("GET", "/api/v1/decisions?meeting=" + std::to_string(id)).body["total"], 0);
}

TEST_P(WorkingGroupApiTest, AMembersMeetingAndWhatWasDecidedThereNeverReachAVisitor) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  const int64_t open = AddMeeting("Open webinar", "public");
  const int64_t closed = AddMeeting("Closed session on Member Applications", "members");
  ASSERT_EQ(Send("POST", "/api/v1/decisions", tokens_["secretariat"],
                 {{"meeting", closed}, {"text", "Confidential outcome"}})
                .status,
            201);
  const int64_t action = AddAction({{"title", "Confidential follow-up"},
                                    {"owner_organization", own_org_},
                                    {"owner_person", "A. Person"},
                                    {"meeting", closed}});
  const int64_t public_action = AddAction({{"title", "Public follow-up"},
                                           {"owner_organization", own_org_},
                                           {"owner_person", "B. Person"},
                                           {"meeting", open}});
  const std::vector<std::string> views = {
      "/api/v1/meetings", "/api/v1/meetings?when=upcoming", "/api/v1/decisions",
      "/api/v1/actions",  "/api/v1/meetings/calendar.ics",  "/api/v1/objectives"};
  for (int pass = 0; pass < 2; ++pass) {  // the second pass from the response cache
    for (const auto& path : views) {
      const Reply reply = Send("GET", path);
      EXPECT_EQ(reply.status, 200) << path << ": " << reply.raw;
      for (const char* secret : {"Closed session", "Confidential", "A. Person", "B. Person"}) {
        EXPECT_EQ(reply.raw.find(secret), std::string::npos) << path << " shows " << secret;
      }
    }
  }
  for (const std::string& path : {"/api/v1/meetings/" + std::to_string(closed),
                                  "/api/v1/meetings/" + std::to_string(closed) + "/calendar.ics",
                                  "/api/v1/actions/" + std::to_string(action)}) {
    EXPECT_EQ(Send("GET", path).status, 404) << path;
    EXPECT_EQ(Send("GET", path, tokens_["viewer"]).status, 200) << path;
  }
  EXPECT_EQ(Send("GET", "/api/v1/actions/" + std::to_string(public_action)).body["owner_person"],
            "");
  EXPECT_EQ(Send("GET", "/api/v1/actions/" + std::to_string(public_action), tokens_["viewer"])
                .body["owner_person"],
            "B. Person");
  const Reply signed_in = Send("GET", "/api/v1/meetings/calendar.ics", tokens_["viewer"]);
  EXPECT_NE(signed_in.raw.find("Closed session on Member Applications"), std::string::npos);
}

TEST_P(WorkingGroupApiTest, OrgEditorsUpdateTheirOrganisationsActionsAndObjectivesOnly) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  const std::string editor = tokens_["org_editor"];
  const int64_t mine = AddAction({{"title", "Ours"}, {"owner_organization", own_org_}});
  const int64_t theirs = AddAction({{"title", "Theirs"}, {"owner_organization", other_org_}});
  EXPECT_EQ(Send("POST", "/api/v1/actions", editor,
                 {{"title", "Self-assigned"}, {"owner_organization", own_org_}})
                .status,
            403);
  const std::string mine_path = "/api/v1/actions/" + std::to_string(mine);
  EXPECT_EQ(Send("PATCH", mine_path, editor, {{"status", "done"}}).body["status"], "done");
  EXPECT_EQ(Send("PATCH", mine_path, editor, {{"owner_organization", other_org_}}).status, 403);
  EXPECT_EQ(Send("PATCH", "/api/v1/actions/" + std::to_string(theirs), editor, {{"status", "done"}})
                .status,
            403);
  EXPECT_EQ(Send("DELETE", mine_path, editor).status, 403);

  const Reply objective = Send("POST", "/api/v1/objectives", tokens_["secretariat"],
                               {{"title", "Common indicators for parenting programmes"},
                                {"workstream", "Data and evidence"},
                                {"starts", "2031"},
                                {"ends", "2032-06"},
                                {"lead_organization", own_org_},
                                {"contributors", {other_org_}},
                                {"strategies", {"P4", "X2"}},
                                {"approaches", {"P4.1"}},
                                {"countries", {"ken", "UGA"}}});
  ASSERT_EQ(objective.status, 201) << objective.raw;
  EXPECT_EQ(objective.body["countries"], Json({"KEN", "UGA"}));
  const std::string path = "/api/v1/objectives/" + objective.body["id"].dump();
  EXPECT_EQ(Send("PATCH", path, editor, {{"progress", "Draft list agreed"}, {"status", "on_track"}})
                .status,
            200);
  EXPECT_EQ(Send("PATCH", path, editor, {{"lead_organization", other_org_}}).status, 403);
  EXPECT_EQ(Send("POST", "/api/v1/objectives", editor,
                 {{"title", "Ours alone"}, {"workstream", "X"}, {"lead_organization", own_org_}})
                .status,
            403);
  EXPECT_EQ(Send("PATCH", path, tokens_["secretariat"], {{"ends", "2030"}}).body["error"]["field"],
            "ends");
  // An action linked to the objective counts as open on it until done.
  AddAction({{"title", "Draft the list"},
             {"owner_organization", own_org_},
             {"objective", objective.body["id"]}});
  EXPECT_EQ(Send("GET", path).body["open_actions"], 1);
  EXPECT_EQ(
      Send("GET", "/api/v1/objectives?organization=" + std::to_string(other_org_)).body["total"],
      1);
}

TEST_P(WorkingGroupApiTest, AnOpenActionPastItsDueDateIsOverdue) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  const int64_t late =
      AddAction({{"title", "Late"}, {"owner_organization", own_org_}, {"due", "2020-01-31"}});
  AddAction({{"title", "Done late"},
             {"owner_organization", own_org_},
             {"due", "2020-01-31"},
             {"status", "done"}});
  AddAction({{"title", "Future"}, {"owner_organization", own_org_}, {"due", "2099-12-31"}});
  AddAction({{"title", "Undated"}, {"owner_organization", other_org_}});
  EXPECT_EQ(Send("GET", "/api/v1/actions/" + std::to_string(late)).body["overdue"], true);
  const Reply overdue = Send("GET", "/api/v1/actions?overdue=true");
  ASSERT_EQ(overdue.status, 200) << overdue.raw;
  ASSERT_EQ(overdue.body["total"], 1);
  EXPECT_EQ(overdue.body["items"][0]["title"], "Late");
  const Reply all = Send("GET", "/api/v1/actions");
  ASSERT_EQ(all.body["items"].size(), 4u);
  EXPECT_EQ(all.body["items"][3]["title"], "Undated");  // undated ones last
  EXPECT_EQ(Send("GET", "/api/v1/actions?organization=" + std::to_string(own_org_) + "&status=open")
                .body["total"],
            2);
  EXPECT_EQ(Send("POST", "/api/v1/actions", tokens_["secretariat"],
                 {{"title", "Vague"}, {"owner_organization", own_org_}, {"due", "2031-05"}})
                .body["error"]["field"],
            "due");
  EXPECT_EQ(Send("GET", "/api/v1/actions?overdue=maybe").status, 400);
}

TEST_P(WorkingGroupApiTest, AMeetingIsAnICalendarEventInUtcThatAnotherReaderReadsBack) {
  INSPIRE_SKIP_WITHOUT_DATABASE();
  const std::string title =
      "Quarterly; with, commas \\ and a very long title that needs folding at seventy-five "
      "octets — with UTF-8 dashes, «quotes» and 中文";
  const int64_t id = AddMeeting(title, "public");
  const Reply file = Send("GET", "/api/v1/meetings/" + std::to_string(id) + "/calendar.ics");
  ASSERT_EQ(file.status, 200) << file.raw;
  EXPECT_EQ(file.content_type, "text/calendar; charset=utf-8");
  // Every line ends with CRLF and holds at most 75 octets.
  size_t start = 0;
  while (start < file.raw.size()) {
    const size_t end = file.raw.find("\r\n", start);
    ASSERT_NE(end, std::string::npos) << "a line without CRLF";
    EXPECT_LE(end - start, 75u) << file.raw.substr(start, end - start);
    start = end + 2;
  }
  const Json read = ReadCalendar(file.raw);
  ASSERT_EQ(read["events"].size(), 1u) << read.dump();
  const Json& event = read["events"][0];
  EXPECT_EQ(event["summary"], title);
  EXPECT_EQ(event["description"], "1. Work plan; 2. Members, new");
  EXPECT_EQ(event["start"], "2031-03-04T11:00:00Z");  // 14:00 in Nairobi
  EXPECT_EQ(event["end"], "2031-03-04T12:30:00Z");    // 90 minutes
  EXPECT_EQ(event["status"], "CONFIRMED");
  EXPECT_NE(event["url"].get<std::string>().find("/meetings/" + std::to_string(id)),
            std::string::npos);

  // The feed of upcoming meetings: a cancelled one says so, past ones are not in it.
  AddMeeting("Long past", "public", "2001-01-01T10:00", "UTC");
  const int64_t cancelled = AddMeeting("Called off", "public", "2032-01-01T10:00", "UTC");
  ASSERT_EQ(Send("PATCH", "/api/v1/meetings/" + std::to_string(cancelled), tokens_["secretariat"],
                 {{"status", "cancelled"}})
                .status,
            200);
  const Json feed = ReadCalendar(Send("GET", "/api/v1/meetings/calendar.ics").raw);
  ASSERT_EQ(feed["events"].size(), 2u) << feed.dump();
  EXPECT_EQ(feed["events"][0]["summary"], title);  // soonest first
  EXPECT_EQ(feed["events"][1]["status"], "CANCELLED");
  EXPECT_NE(feed["events"][0]["uid"], feed["events"][1]["uid"]);
}

INSTANTIATE_TEST_SUITE_P(Engines, WorkingGroupApiTest,
                         ::testing::Values(testing::TestEngine::kSqlite,
                                           testing::TestEngine::kPostgres),
                         [](const auto& param_info) {
                           return testing::EngineName(param_info.param);
                         });

}  // namespace
}  // namespace inspire::web
