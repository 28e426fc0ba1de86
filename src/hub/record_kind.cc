#include "hub/record_kind.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "hub/audit.h"
#include "hub/fields.h"

namespace inspire::hub {
namespace {

using core::ErrorCode;
using core::Fail;

// Ids per query when fetching lists (well below every engine's limit on placeholders).
constexpr size_t kIdsPerQuery = 500;

// The field's column in the kind's table.
const std::string& ColumnOf(const FieldSpec& field) {
  return field.column.empty() ? field.name : field.column;
}

// "r.id, r.<column>..., r.created_at, r.updated_at": the stored columns, lists excepted.
std::string SelectList(const RecordFields& spec) {
  std::string columns = "r.id";
  for (const FieldSpec& field : spec.fields) {
    if (!IsList(field.type)) columns += ", r." + ColumnOf(field);
  }
  return columns + ", r.created_at, r.updated_at";
}

// The value read from column `i` of `row` as the field's JSON.
Json ReadValue(const FieldSpec& field, const store::Row& row, size_t i) {
  if (IsTextual(field.type)) return row.Text(i);
  if (row.IsNull(i)) return Json();
  switch (field.type) {
    case FieldType::kYear:
    case FieldType::kOrganization:
    case FieldType::kRecordId:
    case FieldType::kInteger:
      return row.Int(i);
    case FieldType::kAmount:
    case FieldType::kNumber:
      return row.Real(i);
    default:
      break;
  }
  Json parsed = Json::parse(row.Text(i), nullptr, false);
  return parsed.is_discarded() ? Json::array() : parsed;
}

// The value to store for the field's JSON (lists aside).
store::Value StoredValue(const FieldSpec& field, const Json& value) {
  if (IsTextual(field.type)) return value.get<std::string>();
  if (value.is_null()) return store::kNull;
  switch (field.type) {
    case FieldType::kYear:
    case FieldType::kOrganization:
    case FieldType::kRecordId:
    case FieldType::kInteger:
      return value.get<int64_t>();
    case FieldType::kAmount:
    case FieldType::kNumber:
      return value.get<double>();
    default:
      return value.dump();
  }
}

// Fills the list fields of `records` (keyed by id) from their join tables.
core::Result<void> ReadLists(store::Connection& db, const RecordKind& kind,
                             std::map<int64_t, Json*>& records) {
  std::vector<int64_t> ids;
  ids.reserve(records.size());
  for (const auto& [id, record] : records) ids.push_back(id);
  for (const FieldSpec& field : kind.fields->fields) {
    if (!IsList(field.type)) continue;
    for (size_t from = 0; from < ids.size(); from += kIdsPerQuery) {
      const size_t count = std::min(kIdsPerQuery, ids.size() - from);
      const std::vector<store::Value> chunk(ids.begin() + static_cast<ptrdiff_t>(from),
                                            ids.begin() + static_cast<ptrdiff_t>(from + count));
      INSPIRE_ASSIGN_OR_RETURN(
          const auto found,
          db.Query(fmt::format("SELECT {0}, {1} FROM {2} WHERE {0} IN ({3}) ORDER BY {0}, {1}",
                               kind.key_column, field.item_column, ColumnOf(field),
                               store::Placeholders(count)),
                   chunk));
      const bool numeric = field.type == FieldType::kOrganizations;
      for (const auto& row : found.rows) {
        (*records[row.Int(0)])[field.name].push_back(numeric ? Json(row.Int(1))
                                                             : Json(row.Text(1)));
      }
    }
  }
  return {};
}

// The records of `found` (rows of SelectList) as JSON, with their lists and derived values.
core::Result<Json> ToRecords(store::Connection& db, const RecordKind& kind,
                             const store::QueryResult& found) {
  Json items = Json::array();
  for (const auto& row : found.rows) {
    Json record = {{"id", row.Int(0)}};
    size_t i = 1;
    for (const FieldSpec& field : kind.fields->fields) {
      record[field.name] = IsList(field.type) ? Json::array() : ReadValue(field, row, i++);
    }
    record["created_at"] = row.Text(i);
    record["updated_at"] = row.Text(i + 1);
    items.push_back(std::move(record));
  }
  std::map<int64_t, Json*> by_id;
  for (Json& record : items) by_id[record["id"].get<int64_t>()] = &record;
  INSPIRE_RETURN_IF_ERROR(ReadLists(db, kind, by_id));
  for (Json& record : items) {
    if (kind.derive != nullptr) INSPIRE_RETURN_IF_ERROR(kind.derive(db, record));
  }
  return items;
}

// Writes the record's columns: a new row (returning its id) when `id` is 0, else row `id`.
core::Result<int64_t> WriteRow(store::Connection& db, const RecordKind& kind, int64_t id,
                               const Json& record) {
  std::vector<std::string> columns;
  std::vector<store::Value> values;
  for (const FieldSpec& field : kind.fields->fields) {
    if (IsList(field.type)) continue;
    columns.push_back(ColumnOf(field));
    values.push_back(StoredValue(field, record[field.name]));
  }
  const std::string now = store::NowUtc();
  if (id == 0) {
    columns.insert(columns.end(), {"created_at", "updated_at"});
    values.insert(values.end(), {now, now});
    INSPIRE_ASSIGN_OR_RETURN(
        const auto inserted,
        db.Query(fmt::format("INSERT INTO {} ({}) VALUES ({}) RETURNING id", kind.table,
                             fmt::join(columns, ", "), store::Placeholders(columns.size())),
                 values));
    return inserted.rows.at(0).Int(0);
  }
  std::string sets;
  for (const auto& column : columns) sets += column + " = ?, ";
  values.insert(values.end(), {now, id});
  INSPIRE_RETURN_IF_ERROR(db.Query(
      fmt::format("UPDATE {} SET {}updated_at = ? WHERE id = ?", kind.table, sets), values));
  return id;
}

// Replaces the join-table rows of record `id` with its lists.
core::Result<void> WriteLists(store::Connection& db, const RecordKind& kind, int64_t id,
                              const Json& record) {
  for (const FieldSpec& field : kind.fields->fields) {
    if (!IsList(field.type)) continue;
    const std::string& table = ColumnOf(field);
    INSPIRE_RETURN_IF_ERROR(
        db.Query(fmt::format("DELETE FROM {} WHERE {} = ?", table, kind.key_column), {id}));
    const std::string insert = fmt::format("INSERT INTO {} ({}, {}) VALUES (?, ?)", table,
                                           kind.key_column, field.item_column);
    for (const Json& item : record[field.name]) {
      const store::Value value = item.is_number_integer() ? store::Value(item.get<int64_t>())
                                                          : store::Value(item.get<std::string>());
      INSPIRE_RETURN_IF_ERROR(db.Query(insert, {id, value}));
    }
  }
  return {};
}

// Applies the checked `fields` to `record` and checks the rules across fields.
core::Result<void> Apply(store::Connection& db, const catalogue::Catalogue& catalogue,
                         const RecordKind& kind, const Json& fields, bool creating, Json& record) {
  INSPIRE_ASSIGN_OR_RETURN(const Json checked,
                           CheckFields(*kind.fields, db, catalogue, fields, creating));
  for (const auto& [name, value] : checked.items()) record[name] = value;
  return kind.check != nullptr ? kind.check(catalogue, record) : core::Result<void>();
}

// The stored records matching `where`, hidden fields included (for the kind's own rules).
core::Result<Json> Select(store::Connection& db, const RecordKind& kind, const std::string& where,
                          const std::vector<store::Value>& params, const std::string& order) {
  INSPIRE_ASSIGN_OR_RETURN(const auto found,
                           db.Query(fmt::format("SELECT {} FROM {} r WHERE 1 = 1{} ORDER BY {}",
                                                SelectList(*kind.fields), kind.table, where, order),
                                    params));
  return ToRecords(db, kind, found);
}

// Record `id` as stored, hidden fields included (kNotFound naming the kind).
core::Result<Json> ReadOne(store::Connection& db, const RecordKind& kind, int64_t id) {
  INSPIRE_ASSIGN_OR_RETURN(Json found, Select(db, kind, " AND r.id = ?", {id}, "r.id"));
  if (found.empty()) {
    return Fail(ErrorCode::kNotFound, fmt::format("no {} with id {}", kind.fields->kind, id));
  }
  return std::move(found[0]);
}

// `record` as it leaves the hub: without its hidden fields.
Json Shown(const RecordKind& kind, Json record) {
  for (const FieldSpec& field : kind.fields->fields) {
    if (field.hidden) record.erase(field.name);
  }
  return record;
}

// Each of `records` as it leaves the hub.
Json ShownAll(const RecordKind& kind, Json records) {
  for (Json& record : records) record = Shown(kind, std::move(record));
  return records;
}

// Row `id` stored and its lists, then the record as read back (hidden fields included).
core::Result<Json> Save(store::Connection& db, const RecordKind& kind, int64_t id,
                        const Json& record) {
  auto saved = WriteRow(db, kind, id, record);
  if (!saved && saved.error().code == ErrorCode::kConflict && kind.conflict != nullptr) {
    return tl::unexpected(kind.conflict(record, saved.error()));
  }
  if (!saved) return tl::unexpected(saved.error());
  INSPIRE_RETURN_IF_ERROR(WriteLists(db, kind, *saved, record));
  return ReadOne(db, kind, *saved);
}

}  // namespace

Json PageOf(Json items, int64_t total, int64_t page, int64_t per_page) {
  return Json{
      {"items", std::move(items)}, {"total", total}, {"page", page}, {"per_page", per_page}};
}

core::Result<Json> ListRecords(store::Connection& db, const RecordKind& kind,
                               const RecordSelection& selection) {
  INSPIRE_RETURN_IF_ERROR(CheckPage(selection.page, selection.per_page, selection.max_per_page));
  const std::string from = fmt::format(" FROM {} r WHERE 1 = 1{}", kind.table, selection.where);
  INSPIRE_ASSIGN_OR_RETURN(const auto total, db.Query("SELECT COUNT(*)" + from, selection.params));
  std::vector<store::Value> params = selection.params;
  params.emplace_back(selection.per_page);
  params.emplace_back((selection.page - 1) * selection.per_page);
  INSPIRE_ASSIGN_OR_RETURN(const auto found,
                           db.Query(fmt::format("SELECT {}{} ORDER BY {} LIMIT ? OFFSET ?",
                                                SelectList(*kind.fields), from, selection.order),
                                    params));
  INSPIRE_ASSIGN_OR_RETURN(Json items, ToRecords(db, kind, found));
  return PageOf(ShownAll(kind, std::move(items)), total.rows.at(0).Int(0), selection.page,
                selection.per_page);
}

core::Result<Json> StoreRecord(store::Connection& db, const RecordKind& kind, const Json& record) {
  INSPIRE_ASSIGN_OR_RETURN(Json saved, Save(db, kind, 0, record));
  return Shown(kind, std::move(saved));
}

core::Result<Json> SelectRecords(store::Connection& db, const RecordKind& kind,
                                 const std::string& where, const std::vector<store::Value>& params,
                                 const std::string& order) {
  INSPIRE_ASSIGN_OR_RETURN(Json found, Select(db, kind, where, params, order));
  return ShownAll(kind, std::move(found));
}

core::Result<Json> GetRecord(store::Connection& db, const RecordKind& kind, int64_t id) {
  INSPIRE_ASSIGN_OR_RETURN(Json found, ReadOne(db, kind, id));
  return Shown(kind, std::move(found));
}

core::Result<Json> CreateRecord(store::Connection& db, const catalogue::Catalogue& catalogue,
                                const RecordKind& kind, const Actor& actor, const Json& fields) {
  if (!actor.signed_in()) return Deny(actor, kind.deny_visitor);
  if (kind.may_create != nullptr && !kind.may_create(actor)) return Deny(actor, kind.deny_create);
  Json record = NewRecord(*kind.fields);
  if (kind.stamp != nullptr) kind.stamp(actor, record);
  INSPIRE_RETURN_IF_ERROR(Apply(db, catalogue, kind, fields, true, record));
  if (!kind.may_write(actor, record)) return Deny(actor, kind.deny_create);
  if (kind.complete != nullptr) INSPIRE_RETURN_IF_ERROR(kind.complete(db, record));
  INSPIRE_ASSIGN_OR_RETURN(const Json saved, Save(db, kind, 0, record));
  Json created = Shown(kind, saved);
  INSPIRE_RETURN_IF_ERROR(RecordAudit(db, actor, "create", kind.fields->kind,
                                      std::to_string(created["id"].get<int64_t>()), Json(),
                                      created));
  return created;
}

core::Result<Json> UpdateRecord(store::Connection& db, const catalogue::Catalogue& catalogue,
                                const RecordKind& kind, const Actor& actor, int64_t id,
                                const Json& fields) {
  INSPIRE_ASSIGN_OR_RETURN(const Json before, ReadOne(db, kind, id));
  if (!kind.may_write(actor, before)) return Deny(actor, kind.deny_edit);
  Json record = before;
  INSPIRE_RETURN_IF_ERROR(Apply(db, catalogue, kind, fields, false, record));
  if (!kind.may_write(actor, record)) return Deny(actor, kind.deny_move);
  if (kind.guard_change != nullptr)
    INSPIRE_RETURN_IF_ERROR(kind.guard_change(actor, before, record));
  INSPIRE_ASSIGN_OR_RETURN(const Json saved, Save(db, kind, id, record));
  Json after = Shown(kind, saved);
  INSPIRE_RETURN_IF_ERROR(RecordAudit(db, actor, "update", kind.fields->kind, std::to_string(id),
                                      Shown(kind, before), after));
  return after;
}

core::Result<void> DeleteRecord(store::Connection& db, const RecordKind& kind, const Actor& actor,
                                int64_t id) {
  INSPIRE_ASSIGN_OR_RETURN(const Json before, ReadOne(db, kind, id));
  const auto may_delete = kind.may_delete != nullptr ? kind.may_delete : kind.may_write;
  if (!may_delete(actor, before)) return Deny(actor, kind.deny_delete);
  INSPIRE_RETURN_IF_ERROR(db.Query(fmt::format("DELETE FROM {} WHERE id = ?", kind.table), {id}));
  return RecordAudit(db, actor, "delete", kind.fields->kind, std::to_string(id),
                     Shown(kind, before), Json());
}

bool StaffMayCreate(const Actor& actor) { return actor.IsStaff(); }

bool StaffMayWrite(const Actor& actor, const Json&) { return actor.IsStaff(); }

}  // namespace inspire::hub
