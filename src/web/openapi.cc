#include "web/openapi.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cstdlib>
#include <string>

#include "hub/actions.h"
#include "hub/activities.h"
#include "hub/assignments.h"
#include "hub/coordination.h"
#include "hub/decisions.h"
#include "hub/implementation_fields.h"
#include "hub/library.h"
#include "hub/meetings.h"
#include "hub/membership.h"
#include "hub/organizations.h"
#include "hub/studies.h"
#include "hub/targets.h"
#include "hub/workplan.h"
#include "web/embedded.h"

namespace inspire::web {

using Json = nlohmann::ordered_json;
namespace {

Json Scalar(const YAML::Node& node) {
  const std::string& text = node.Scalar();
  if (node.Tag() != "?") return text;  // quoted, or explicitly tagged: a string
  if (text.empty() || text == "~" || text == "null") return Json();
  if (text == "true") return true;
  if (text == "false") return false;
  int64_t integer = 0;
  const char* end = text.data() + text.size();
  if (auto [at, ec] = std::from_chars(text.data(), end, integer); ec == std::errc() && at == end) {
    return integer;
  }
  double number = 0;
  if (auto [at, ec] = std::from_chars(text.data(), end, number); ec == std::errc() && at == end) {
    return number;
  }
  return text;
}

Json Convert(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: {
      Json object = Json::object();
      for (const auto& entry : node) object[entry.first.as<std::string>()] = Convert(entry.second);
      return object;
    }
    case YAML::NodeType::Sequence: {
      Json array = Json::array();
      for (const auto& item : node) array.push_back(Convert(item));
      return array;
    }
    case YAML::NodeType::Scalar:
      return Scalar(node);
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      break;
  }
  return Json();
}

// Every operation can meet a database that does not answer: each gets the 503 answer unless it
// describes its own (written once here rather than on every operation of the document).
void AddUnavailable(Json& document) {
  for (auto& [path, item] : document["paths"].items()) {
    for (auto& [method, operation] : item.items()) {
      if (!operation.is_object() || !operation.contains("responses")) continue;
      Json& responses = operation["responses"];
      if (!responses.contains("503")) {
        responses["503"] = {{"$ref", "#/components/responses/Unavailable"}};
      }
    }
  }
}

// A library item with its versions (components/schemas/LibraryItem, LibraryVersion); a search
// result also says why it matched.
void AddLibrarySchemas(Json& schemas) {
  const Json count = {{"type", "integer"}};
  const Json text = {{"type", "string"}};
  schemas["LibraryVersion"] = {
      {"type", "object"},
      {"required",
       {"number", "added_at", "note", "file_name", "media_type", "size", "sha256", "download"}},
      {"properties",
       {{"number", count},
        {"added_at", text},
        {"note", text},
        {"file_name", text},
        {"media_type", text},
        {"size", count},
        {"sha256", text},
        {"download", text}}}};
  const Json version = {{"$ref", "#/components/schemas/LibraryVersion"}};
  Json latest = schemas["LibraryVersion"];  // the latest version, or null without a file
  latest["nullable"] = true;
  Json item = hub::RecordSchema(
      hub::LibraryItemFields(),
      {{"versions", {{"type", "array"}, {"items", version}}}, {"file", std::move(latest)}});
  const Json words = {{"type", "array"}, {"items", text}};
  item["properties"]["matched"] = {
      {"type", "object"},
      {"required", {"fields", "words", "snippet"}},
      {"properties",
       {{"fields",
         {{"type", "array"},
          {"items", {{"type", "string"}, {"enum", {"title", "summary", "file"}}}}}},
        {"words", words},
        {"snippet", text}}}};
  schemas["LibraryItem"] = std::move(item);
}

// The records of the kinds whose answers are described by their field declarations alone
// (components/schemas/<Kind>), with what each adds when read.
void AddRecordSchemas(Json& document) {
  Json& schemas = document["components"]["schemas"];
  const Json count = {{"type", "integer"}};
  const Json text = {{"type", "string"}};
  schemas["Objective"] = hub::RecordSchema(hub::ObjectiveFields(), {{"open_actions", count}});
  schemas["Meeting"] = hub::RecordSchema(hub::MeetingFields(), Json::object());
  schemas["Decision"] = hub::RecordSchema(hub::DecisionFields(),
                                          {{"meeting_title", text}, {"meeting_starts_at", text}});
  schemas["Action"] = hub::RecordSchema(hub::ActionFields(), {{"overdue", {{"type", "boolean"}}}});
  const Json tally = {
      {"type", "object"},
      {"required", {"yes", "no", "abstain", "eligible"}},
      {"properties", {{"yes", count}, {"no", count}, {"abstain", count}, {"eligible", count}}}};
  Json application = hub::RecordSchema(hub::ApplicationFields(), {{"tally", tally}});
  // Only a voting member's answers say how its organisation voted.
  application["properties"]["my_vote"] = {{"type", "string"}, {"nullable", true}};
  schemas["Application"] = std::move(application);
  const Json update = {{"type", "object"},
                       {"required", {"status", "note", "by", "organization", "at"}},
                       {"properties",
                        {{"status", text},
                         {"note", text},
                         {"by", text},
                         {"organization", {{"type", "integer"}, {"nullable", true}}},
                         {"at", text}}}};
  Json assignment = hub::RecordSchema(
      hub::AssignmentFields(), {{"overdue", {{"type", "boolean"}}},
                                {"need_country", text},
                                {"need_organization", {{"type", "integer"}, {"nullable", true}}}});
  // One assignment (not a list's) comes with its updates.
  assignment["properties"]["updates"] = {{"type", "array"}, {"items", update}};
  schemas["Assignment"] = std::move(assignment);
  AddLibrarySchemas(schemas);
}

// The request bodies that create and change each record kind, from the kinds' field
// declarations (components/schemas/<Kind>Create and <Kind>Change).
void AddRequestSchemas(Json& document) {
  const std::vector<std::pair<const char*, const hub::RecordFields*>> kinds = {
      {"Organization", &hub::OrganizationFields()},
      {"Activity", &hub::ActivityFields()},
      {"Need", &hub::NeedFields()},
      {"Offer", &hub::OfferFields()},
      {"Target", &hub::TargetFields()},
      {"Study", &hub::StudyFields()},
      {"ImplementationRound", &hub::RoundFields()},
      {"ImplementationLaw", &hub::LawAnswerFields()},
      {"ImplementationApproach", &hub::ApproachAnswerFields()},
      {"ImplementationMilestone", &hub::MilestoneFields()},
      {"ImplementationPlan", &hub::PlanFields()},
      {"ImplementationSurvey", &hub::SurveyFields()},
      {"Objective", &hub::ObjectiveFields()},
      {"Meeting", &hub::MeetingFields()},
      {"Decision", &hub::DecisionFields()},
      {"Action", &hub::ActionFields()},
      {"Application", &hub::ApplicationFields()},
      {"Assignment", &hub::AssignmentFields()},
      {"LibraryItem", &hub::LibraryItemFields()}};
  Json& schemas = document["components"]["schemas"];
  for (const auto& [name, fields] : kinds) {
    schemas[std::string(name) + "Create"] = hub::RequestSchema(*fields, true);
    schemas[std::string(name) + "Change"] = hub::RequestSchema(*fields, false);
  }
}

}  // namespace

core::Result<Json> YamlToJson(std::string_view yaml, std::string_view name) {
  try {
    return Convert(YAML::Load(std::string(yaml)));
  } catch (const YAML::Exception& e) {
    return core::Fail(core::ErrorCode::kParse,
                      fmt::format("{}:{}: {}", name, e.mark.line + 1, e.msg));
  }
}

const Json& OpenApiDocument() {
  static const Json document = [] {
    const auto text = EmbeddedFile("openapi.yaml");
    auto parsed = text ? YamlToJson(*text, "openapi.yaml") : core::Result<Json>(Json());
    // The document is part of the build: a broken one is a build defect, caught by the tests.
    if (!parsed) {
      std::fprintf(stderr, "inspire: %s\n", parsed.error().message.c_str());
      std::abort();
    }
    AddUnavailable(*parsed);
    AddRequestSchemas(*parsed);
    AddRecordSchemas(*parsed);
    return *parsed;
  }();
  return document;
}

}  // namespace inspire::web
