// Bulk export and import of records as CSV or JSON. An export holds every record that matches
// the list filters; an import takes the same shapes back (records with an id change that
// record, records without one are created) and applies all of them or none (DESIGN.md invariant
// 4: the caller runs it in one transaction, so the first bad record rolls everything back).
// Each record goes through the same checks and authorisation as a single create or update, and
// an error names the record (and the CSV line) and the field.
//
// CSV layout: a header of column names (any subset, any order, of the kind's columns); lists
// (countries, approaches) as values separated by ";"; focal points as JSON text; an empty cell
// is an empty text, an empty list or a missing number. created_at and updated_at are written on
// export and ignored on import.
#ifndef INSPIRE_HUB_BULK_H_
#define INSPIRE_HUB_BULK_H_

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "hub/record_fields.h"

namespace inspire::hub {

using Json = nlohmann::ordered_json;

enum class ColumnType { kInteger, kNumber, kText, kList, kJson };
struct BulkColumn {
  std::string name;
  ColumnType type;
};

// The columns of each record kind's CSV export and import, in order (a contract: spreadsheets
// and scripts read them).
// id, then each declared field (lists as kList, objects as kJson, years and organisations as
// kInteger, amounts and numbers as kNumber, the rest as kText), then created_at and updated_at.
std::vector<BulkColumn> ColumnsOf(const RecordFields& spec);
const std::vector<BulkColumn>& OrganizationColumns();
const std::vector<BulkColumn>& ActivityColumns();
const std::vector<BulkColumn>& StudyColumns();
const std::vector<BulkColumn>& EstimateColumns();  // the rows of GET /api/v1/estimates

// `items` (JSON records) as CSV with `columns` in order.
std::string RecordsToCsv(const Json& items, const std::vector<BulkColumn>& columns);

// `items` as an XLSX workbook (one sheet, a header row, numbers as numbers, lists joined by ";").
core::Result<std::string> RecordsToXlsx(const Json& items, const std::vector<BulkColumn>& columns,
                                        const std::string& sheet_name);

struct ImportRecords {
  Json records = Json::array();
  std::vector<size_t> lines;  // CSV: the line of each record; JSON: empty
};

// CSV text to JSON records, typed by `columns`. Errors (kParse, kValidation) name the line and
// column.
core::Result<ImportRecords> RecordsFromCsv(std::string_view text,
                                           const std::vector<BulkColumn>& columns,
                                           std::string_view name);
// A JSON body: an array of records, or {"items": [...]} as an export writes it.
core::Result<ImportRecords> RecordsFromJson(const Json& body);

using ImportCreate = std::function<core::Result<Json>(const Json& fields)>;
using ImportUpdate = std::function<core::Result<Json>(int64_t id, const Json& fields)>;

// Creates or updates each record in order; stops at the first error, named
// "records[i].field" (and "line N" for CSV). Returns {"rows", "created", "updated"}.
core::Result<Json> ApplyImport(const ImportRecords& input, const ImportCreate& create,
                               const ImportUpdate& update);

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_BULK_H_
