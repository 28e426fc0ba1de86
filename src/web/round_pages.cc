#include "web/round_pages.h"

#include <fmt/format.h>

#include <algorithm>

#include "hub/implementation_fields.h"
#include "hub/implementation_rounds.h"
#include "hub/implementation_sections.h"
#include "web/page_text.h"
#include "web/templates.h"

namespace inspire::web {

using Json = nlohmann::ordered_json;

namespace {

// An answer in the reader's words.
std::string AnswerText(const hub::FieldSpec& field, const Json& value) {
  if (value.is_null()) return "";
  if (value.is_array()) {
    std::vector<std::string> words;
    for (const Json& item : value) words.push_back(AnswerText(field, item));
    return fmt::format("{}", fmt::join(words, ", "));
  }
  if (value.is_string()) {
    const std::string text = value.get<std::string>();
    return field.choice_labels.empty() ? text : Label(field.choice_labels, text);
  }
  if (value.is_number_float()) return fmt::format("{:g}", value.get<double>());
  return value.dump();
}

// The name of an item's row: its law kind, approach, milestone, plan title or survey name.
std::string RowName(const std::string& section, const Json& item,
                    const catalogue::Catalogue& catalogue) {
  if (section == "laws") {
    const auto* law = catalogue.FindLawKind(item["law"].get<std::string>());
    return law != nullptr ? law->name : item["law"].get<std::string>();
  }
  if (section == "approaches") {
    const auto* approach = catalogue.FindApproach(item["approach"].get<std::string>());
    return item["approach"].get<std::string>() + (approach != nullptr ? " " + approach->name : "");
  }
  if (section == "milestones") return Label("milestone_", item["milestone"]);
  return item.value(section == "plans" ? "title" : "name", "");
}

// The key that comments use for an item: its law kind, approach or milestone; "<n>" (1-based)
// for a plan or survey.
std::string ItemKey(const std::string& section, const Json& item, size_t index) {
  const std::string key = hub::SectionKeyField(section);
  return key.empty() ? std::to_string(index + 1) : item[key].get<std::string>();
}

// The fields a section's table shows: all but the round and the row's key.
std::vector<const hub::FieldSpec*> ShownFields(const std::string& section) {
  std::vector<const hub::FieldSpec*> shown;
  for (const hub::FieldSpec& field : hub::SectionFields(section)->fields) {
    if (!hub::SetByHub(field) && !hub::IsSectionKeyField(field.name)) shown.push_back(&field);
  }
  return shown;
}

Json CommentsOn(const Json& comments, const std::string& section, const std::string& item) {
  Json found = Json::array();
  for (const Json& comment : comments) {
    if (comment["section"] == section && comment["item"] == item) found.push_back(comment);
  }
  return found;
}

// The comments on the round as a whole (whatever item they name).
Json RoundComments(const Json& round) {
  Json found = Json::array();
  for (const Json& comment : round.value("comments", Json::array())) {
    if (comment["section"] == "round") found.push_back(comment);
  }
  return found;
}

Json SectionView(const std::string& section, const Json& round, bool editable,
                 const catalogue::Catalogue& catalogue) {
  const auto shown = ShownFields(section);
  Json columns = Json::array();
  for (const auto* field : shown) columns.push_back(Label("", field->label));
  const Json& comments = round.value("comments", Json::array());
  Json rows = Json::array();
  const Json& items = round["sections"][section];
  for (size_t i = 0; i < items.size(); ++i) {
    Json cells = Json::array();
    for (const auto* field : shown) cells.push_back(AnswerText(*field, items[i][field->name]));
    const std::string key = ItemKey(section, items[i], i);
    rows.push_back({{"name", RowName(section, items[i], catalogue)},
                    {"key", key},
                    {"cells", std::move(cells)},
                    {"comments", CommentsOn(comments, section, key)}});
  }
  // Comments on the whole section, or on an item it no longer has, go under the table.
  Json loose = Json::array();
  for (const Json& comment : comments) {
    if (comment["section"] != section) continue;
    const bool placed = std::any_of(rows.begin(), rows.end(), [&](const Json& row) {
      return !comment["item"].get<std::string>().empty() && row["key"] == comment["item"];
    });
    if (!placed) loose.push_back(comment);
  }
  return {{"section", section},
          {"title", Label("", "impl_section_" + section)},
          {"columns", std::move(columns)},
          {"rows", std::move(rows)},
          {"empty", items.empty()},
          {"comments", std::move(loose)},
          {"editable", editable},
          {"round", round["id"]}};
}

// The round's own fields, each with its label, in the reader's words.
Json RoundFieldsView(const Json& round) {
  Json rows = Json::array();
  for (const hub::FieldSpec& field : hub::RoundFields().fields) {
    if (field.name == "country" || field.name == "label" || field.name == "status") continue;
    rows.push_back(
        {{"label", Label("", field.label)}, {"value", AnswerText(field, round[field.name])}});
  }
  return rows;
}

// The moves `actor` may make on the round now, as buttons.
Json Moves(const hub::Actor& actor, const Json& round) {
  const std::string status = round["status"];
  Json moves = Json::array();
  if (!hub::MayWriteRound(actor, round)) return moves;
  if (status == "draft" || status == "returned") {
    moves.push_back({{"to", "submitted"}, {"label", Label("", "impl_move_submit")}});
  }
  if (status == "submitted" && actor.IsStaff()) {
    moves.push_back({{"to", "validated"}, {"label", Label("", "impl_move_validate")}});
    moves.push_back(
        {{"to", "returned"}, {"label", Label("", "impl_move_return")}, {"reason", true}});
  }
  return moves;
}

Json HistoryView(const Json& history) {
  Json rows = Json::array();
  for (const Json& move : history) {
    rows.push_back(
        {{"at", move["at"]},
         {"from", Label("round_status_", move["from"])},
         {"to", Label("round_status_", move["to"])},
         {"role", Label("role_name_", move["role"])},
         {"reason", move["reason"].get<std::string>().empty() ? Json() : move["reason"]}});
  }
  return rows;
}

}  // namespace

core::Result<Page> RoundsPage(store::Connection& db, const catalogue::Catalogue& catalogue,
                              const hub::Actor& actor, const PageInput& input) {
  hub::RoundQuery query;
  query.country = input.Param("country");
  query.per_page = 1000;
  INSPIRE_ASSIGN_OR_RETURN(const Json list, hub::ListRounds(db, actor, query));
  Json rows = Json::array();
  for (const Json& round : list["items"]) {
    rows.push_back({{"id", round["id"]},
                    {"country", CountryName(catalogue, round["country"])},
                    {"label", round["label"]},
                    {"year", round["reference_year"]},
                    {"status", Label("round_status_", round["status"])},
                    {"status_class", round["status"]},
                    {"updated", round["updated_at"].get<std::string>().substr(0, 10)}});
  }
  const bool may_start =
      actor.IsStaff() || (actor.user_id && actor.role == hub::Role::kCountryFocalPoint);
  Json view = {
      {"rows", std::move(rows)}, {"may_start", may_start}, {"country", actor.country_iso3}};
  INSPIRE_ASSIGN_OR_RETURN(std::string main, RenderTemplate("rounds", view));
  return Page{200, Label("", "impl_rounds_title"), std::move(main), "implementation"};
}

core::Result<Page> RoundPage(store::Connection& db, const catalogue::Catalogue& catalogue,
                             const hub::Actor& actor, int64_t id, const std::string& csrf,
                             const std::string& notice) {
  INSPIRE_ASSIGN_OR_RETURN(const Json round, hub::GetRound(db, actor, id));
  const std::string status = round["status"];
  const bool editable =
      hub::MayWriteRound(actor, round) && (status == "draft" || status == "returned");
  Json sections = Json::array();
  for (const auto& name : hub::SectionNames()) {
    sections.push_back(SectionView(name, round, editable, catalogue));
  }
  Json section_choices =
      Json::array({{{"value", "round"}, {"label", Label("", "impl_section_round")}}});
  for (const auto& name : hub::SectionNames()) {
    section_choices.push_back({{"value", name}, {"label", Label("", "impl_section_" + name)}});
  }
  const std::string country = round["country"];
  hub::RoundQuery same_country;
  same_country.country = country;
  same_country.per_page = 1000;
  INSPIRE_ASSIGN_OR_RETURN(const Json others, hub::ListRounds(db, actor, same_country));
  Json compare = Json::array();
  for (const Json& other : others["items"]) {
    if (other["id"] != id) {
      compare.push_back({{"id", other["id"]}, {"label", other["label"]}, {"round_id", id}});
    }
  }
  Json view = {{"id", id},
               {"has_compare", !compare.empty()},
               {"compare", std::move(compare)},
               {"title", fmt::format("{}: {}", CountryName(catalogue, country),
                                     round["label"].get<std::string>())},
               {"iso3", country},
               {"status", Label("round_status_", status)},
               {"status_class", status},
               {"fields", RoundFieldsView(round)},
               {"editable", editable},
               {"sections", std::move(sections)},
               {"history", HistoryView(round["history"])},
               {"moves", Moves(actor, round)},
               {"may_comment", round.contains("comments")},
               {"round_comments", RoundComments(round)},
               {"section_choices", std::move(section_choices)},
               {"csrf", csrf},
               {"notice", notice}};
  INSPIRE_ASSIGN_OR_RETURN(std::string main, RenderTemplate("round", view));
  return Page{200, view["title"].get<std::string>(), std::move(main), "implementation"};
}

namespace {

// One section's rows of two rounds side by side: the union of their items (by key, or by
// position in lists), each field's two answers, changes marked.
Json CompareSection(const std::string& section, const Json& left, const Json& right,
                    const catalogue::Catalogue& catalogue) {
  const auto shown = ShownFields(section);
  const Json& a = left["sections"][section];
  const Json& b = right["sections"][section];
  std::vector<std::string> keys;
  for (const Json* items : {&a, &b}) {
    for (size_t i = 0; i < items->size(); ++i) {
      const std::string key = ItemKey(section, (*items)[i], i);
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
    }
  }
  const auto find = [&](const Json& items, const std::string& key) -> Json {
    for (size_t i = 0; i < items.size(); ++i) {
      if (ItemKey(section, items[i], i) == key) return items[i];
    }
    return Json();
  };
  Json rows = Json::array();
  for (const auto& key : keys) {
    const Json one = find(a, key), other = find(b, key);
    const Json& named = one.is_null() ? other : one;
    for (const auto* field : shown) {
      const std::string x = one.is_null() ? "" : AnswerText(*field, one[field->name]);
      const std::string y = other.is_null() ? "" : AnswerText(*field, other[field->name]);
      if (x.empty() && y.empty()) continue;
      rows.push_back({{"item", RowName(section, named, catalogue)},
                      {"field", Label("", field->label)},
                      {"left", x},
                      {"right", y},
                      {"changed", x != y}});
    }
  }
  const bool has_rows = !rows.empty();
  return {{"title", Label("", "impl_section_" + section)},
          {"has_rows", has_rows},
          {"rows", std::move(rows)}};
}

}  // namespace

core::Result<Page> CompareRoundsPage(store::Connection& db, const catalogue::Catalogue& catalogue,
                                     const hub::Actor& actor, int64_t id, int64_t with) {
  INSPIRE_ASSIGN_OR_RETURN(const Json left, hub::GetRound(db, actor, id));
  INSPIRE_ASSIGN_OR_RETURN(const Json right, hub::GetRound(db, actor, with));
  if (left["country"] != right["country"]) {
    return core::FailField(core::ErrorCode::kValidation, "with",
                           "rounds of two countries cannot be compared");
  }
  Json sections = Json::array();
  for (const auto& name : hub::SectionNames()) {
    sections.push_back(CompareSection(name, left, right, catalogue));
  }
  Json view = {
      {"title", fmt::format("{}: {} · {}", CountryName(catalogue, left["country"]),
                            left["label"].get<std::string>(), right["label"].get<std::string>())},
      {"left", left["label"]},
      {"right", right["label"]},
      {"left_id", id},
      {"right_id", with},
      {"sections", std::move(sections)}};
  INSPIRE_ASSIGN_OR_RETURN(std::string main, RenderTemplate("round_compare", view));
  return Page{200, view["title"].get<std::string>(), std::move(main), "implementation"};
}

}  // namespace inspire::web
