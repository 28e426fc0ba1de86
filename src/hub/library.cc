#include "hub/library.h"

#include <fmt/format.h>

#include "core/ascii_case.h"
#include "hub/library_files.h"
#include "hub/library_search.h"
#include "hub/record_kind.h"
#include "hub/strategy_choices.h"

namespace inspire::hub {
namespace {

using T = FieldType;

// The most items a search ranks before the reader's filters and page apply.
constexpr size_t kMostRanked = 2000;

bool MayCreateLibraryItem(const Actor& actor) {
  return actor.IsStaff() || (actor.user_id && actor.role == Role::kOrgEditor);
}

// Its versions and its latest file.
core::Result<void> AddVersions(store::Connection& db, Json& item) {
  INSPIRE_ASSIGN_OR_RETURN(Json versions, LibraryVersions(db, item["id"].get<int64_t>()));
  item["file"] = versions.empty() ? Json() : versions.front();
  item["versions"] = std::move(versions);
  return {};
}

const RecordKind& LibraryItems() {
  static const RecordKind kind{.fields = &LibraryItemFields(),
                               .table = "library_items",
                               .key_column = "item_id",
                               .may_write = MayWriteLibraryItem,
                               .derive = AddVersions,
                               .may_create = MayCreateLibraryItem,
                               .deny_visitor = "add to the library",
                               .deny_create = "add this item to the library",
                               .deny_edit = "edit this library item",
                               .deny_move = "publish this item for another organisation",
                               .deny_delete = "delete this library item"};
  return kind;
}

// The SQL condition (on alias r) for the items `actor` may see, with its parameters.
void VisibleTo(const Actor& actor, RecordSelection& selection) {
  if (actor.IsStaff()) return;
  if (actor.user_id && actor.role == Role::kOrgEditor && actor.organization_id) {
    selection.where += " AND (r.status = 'published' OR r.organization_id = ?)";
    selection.params.emplace_back(*actor.organization_id);
    return;
  }
  selection.where += " AND r.status = 'published'";
}

bool SeenBy(const Actor& actor, const Json& item) {
  return item["status"] == "published" || MayWriteLibraryItem(actor, item);
}

// The conditions of `query`'s filters.
void Filter(const LibraryQuery& query, RecordSelection& selection) {
  const auto add = [&](const char* condition, store::Value value) {
    selection.where += condition;
    selection.params.push_back(std::move(value));
  };
  if (!query.kind.empty()) add(" AND r.kind = ?", query.kind);
  if (!query.language.empty()) add(" AND r.language = ?", query.language);
  if (query.year != 0) add(" AND r.year = ?", query.year);
  if (query.organization != 0) add(" AND r.organization_id = ?", query.organization);
  if (!query.strategy.empty()) {
    add(" AND r.id IN (SELECT item_id FROM library_item_strategies WHERE strategy_id = ?)",
        core::AsciiUpper(query.strategy));
  }
  if (!query.approach.empty()) {
    add(" AND r.id IN (SELECT item_id FROM library_item_approaches WHERE approach_id = ?)",
        core::AsciiUpper(query.approach));
  }
  if (!query.country.empty()) {
    add(" AND r.id IN (SELECT item_id FROM library_item_countries WHERE iso3 = ?)",
        core::AsciiUpper(query.country));
  }
}

// Restricts `selection` to `ranked` (ids, the best first) in that order.
void InRankOrder(const std::vector<int64_t>& ranked, RecordSelection& selection) {
  std::string ids;
  std::string order = "CASE r.id";
  for (size_t i = 0; i < ranked.size(); ++i) {
    ids += fmt::format("{}{}", i == 0 ? "" : ", ", ranked[i]);
    order += fmt::format(" WHEN {} THEN {}", ranked[i], i);
  }
  selection.where += fmt::format(" AND r.id IN ({})", ids);
  selection.order = order + " END";
}

// Adds to each item of `page` why it matched `words`.
core::Result<void> ExplainMatches(store::Connection& db, const std::vector<std::string>& words,
                                  Json& page) {
  for (Json& item : page["items"]) {
    INSPIRE_ASSIGN_OR_RETURN(const std::string text, LatestFileText(db, item["id"].get<int64_t>()));
    item["matched"] = WhyMatched(item, text, words);
  }
  return {};
}

}  // namespace

bool MayWriteLibraryItem(const Actor& actor, const Json& item) {
  if (actor.IsStaff()) return true;
  return actor.user_id && actor.role == Role::kOrgEditor && actor.organization_id &&
         item["publisher"] == *actor.organization_id;
}

const RecordFields& LibraryItemFields() {
  static const RecordFields fields{
      "library_item",
      {{.name = "title",
        .type = T::kText,
        .required = true,
        .max_length = 300,
        .blank_message = "title must not be blank",
        .label = "field_title"},
       {.name = "kind",
        .type = T::kChoice,
        .choices = {"guide", "tool", "training", "report", "recording", "other"},
        .initial = "guide",
        .label = "field_library_kind",
        .choice_labels = "library_kind_"},
       {.name = "summary", .type = T::kLongText, .max_length = 4000, .label = "field_summary"},
       {.name = "url",
        .type = T::kUrl,
        .max_length = 1000,
        .label = "field_link",
        .hint = "hint_library_link"},
       {.name = "language",
        .type = T::kChoice,
        .choices = {"en", "fr", "es", "pt", "ar", "ru", "zh", "other"},
        .initial = "en",
        .label = "field_language",
        .choice_labels = "language_"},
       {.name = "year", .type = T::kYear, .label = "field_year"},
       {.name = "publisher",
        .type = T::kOrganization,
        .label = "field_publisher",
        .column = "organization_id"},
       {.name = "strategies",
        .type = T::kChoices,
        .choices = StrategyChoices(),
        .label = "field_strategies",
        .hint = "hint_multi",
        .column = "library_item_strategies",
        .item_column = "strategy_id"},
       {.name = "approaches",
        .type = T::kApproaches,
        .label = "table_approaches",
        .hint = "hint_multi",
        .column = "library_item_approaches",
        .item_column = "approach_id"},
       {.name = "countries",
        .type = T::kCountries,
        .label = "field_countries",
        .hint = "hint_multi",
        .column = "library_item_countries",
        .item_column = "iso3"},
       {.name = "status",
        .type = T::kChoice,
        .choices = {"draft", "published"},
        .initial = "draft",
        .label = "field_status",
        .choice_labels = "library_status_"}},
      {"versions", "file", "matched"}};
  return fields;
}

core::Result<Json> ListLibrary(store::Connection& db, const Actor& actor,
                               const LibraryQuery& query) {
  RecordSelection selection;
  VisibleTo(actor, selection);
  Filter(query, selection);
  selection.order = "r.updated_at DESC, r.id DESC";
  selection.page = query.page;
  selection.per_page = query.per_page;
  selection.max_per_page = 100;
  const std::vector<std::string> words = LibrarySearchWords(query.text);
  if (words.empty()) return ListRecords(db, LibraryItems(), selection);
  INSPIRE_ASSIGN_OR_RETURN(const auto ranked, SearchLibrary(db, words, kMostRanked));
  if (ranked.empty()) selection.where += " AND 1 = 0";
  if (!ranked.empty()) InRankOrder(ranked, selection);
  INSPIRE_ASSIGN_OR_RETURN(Json page, ListRecords(db, LibraryItems(), selection));
  INSPIRE_RETURN_IF_ERROR(ExplainMatches(db, words, page));
  return page;
}

core::Result<Json> GetLibraryItem(store::Connection& db, const Actor& actor, int64_t id) {
  INSPIRE_ASSIGN_OR_RETURN(Json item, GetRecord(db, LibraryItems(), id));
  if (!SeenBy(actor, item)) {
    return core::Fail(core::ErrorCode::kNotFound, fmt::format("no library item with id {}", id));
  }
  return item;
}

core::Result<Json> CreateLibraryItem(store::Connection& db, const catalogue::Catalogue& catalogue,
                                     const Actor& actor, const Json& fields) {
  INSPIRE_ASSIGN_OR_RETURN(Json item, CreateRecord(db, catalogue, LibraryItems(), actor, fields));
  INSPIRE_RETURN_IF_ERROR(IndexLibraryItem(db, item["id"].get<int64_t>()));
  return item;
}

core::Result<Json> UpdateLibraryItem(store::Connection& db, const catalogue::Catalogue& catalogue,
                                     const Actor& actor, int64_t id, const Json& fields) {
  INSPIRE_RETURN_IF_ERROR(GetLibraryItem(db, actor, id));
  INSPIRE_ASSIGN_OR_RETURN(Json item,
                           UpdateRecord(db, catalogue, LibraryItems(), actor, id, fields));
  INSPIRE_RETURN_IF_ERROR(IndexLibraryItem(db, id));
  return item;
}

core::Result<void> DeleteLibraryItem(store::Connection& db, const Actor& actor, int64_t id) {
  INSPIRE_RETURN_IF_ERROR(GetLibraryItem(db, actor, id));
  INSPIRE_RETURN_IF_ERROR(DeleteRecord(db, LibraryItems(), actor, id));
  return IndexLibraryItem(db, id);
}

}  // namespace inspire::hub
