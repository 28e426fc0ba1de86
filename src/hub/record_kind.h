// One lifecycle for every kind of hub record: a kind says how it is kept (its declared fields,
// table and join tables), who may write it and which rules span its fields; these functions then
// list, read, create, change and delete its records alike: every field checked (kValidation
// naming it, nothing written), the actor's right checked before and after a change (kForbidden,
// kUnauthenticated for visitors), the whole row written at once with its lists, and an audit entry
// with the record before and after. Callers run writes inside hub::Write.
#ifndef INSPIRE_HUB_RECORD_KIND_H_
#define INSPIRE_HUB_RECORD_KIND_H_

#include <cstdint>
#include <string>
#include <vector>

#include "catalogue/catalogue.h"
#include "core/error.h"
#include "hub/actor.h"
#include "hub/record_fields.h"
#include "store/database.h"

namespace inspire::hub {

// How one kind of record is kept and guarded.
struct RecordKind {
  const RecordFields* fields = nullptr;
  std::string table{};       // its table ("activities"), read as alias r
  std::string key_column{};  // the column naming it in its join tables ("activity_id")
  // May `actor` write `record` (a whole record, as before or as after a change)?
  bool (*may_write)(const Actor& actor, const Json& record) = nullptr;
  // Rules across the fields of `record` as it would be written; may normalise it. nullptr: none.
  core::Result<void> (*check)(const catalogue::Catalogue& catalogue, Json& record) = nullptr;
  // Adds to a stored record what is derived from it (e.g. progress to a target). nullptr: none.
  core::Result<void> (*derive)(store::Connection& db, Json& record) = nullptr;
  // May `actor` create records of this kind at all (checked before any field)? nullptr: any
  // signed-in actor, `may_write` deciding on the record.
  bool (*may_create)(const Actor& actor) = nullptr;
  // May `actor` delete `record`? nullptr: as `may_write`.
  bool (*may_delete)(const Actor& actor, const Json& record) = nullptr;
  // Refuses a change from `before` to `after` that `actor` may not make although it may write
  // the record (e.g. a role only staff change). nullptr: none.
  core::Result<void> (*guard_change)(const Actor& actor, const Json& before,
                                     const Json& after) = nullptr;
  // Fills the fields the hub sets itself on a new record (e.g. who added it). nullptr: none.
  void (*stamp)(const Actor& actor, Json& record) = nullptr;
  // Fills, from the database, what the hub sets on a new record once its fields are checked and
  // the actor may write it (e.g. its number within its meeting). nullptr: none.
  core::Result<void> (*complete)(store::Connection& db, Json& record) = nullptr;
  // The error for a write the database refused as kConflict (e.g. a name taken). nullptr: as is.
  core::Error (*conflict)(const Json& record, core::Error error) = nullptr;
  // What a refused actor was trying to do, as Deny words it.
  std::string deny_visitor{};  // create, not signed in ("create activities")
  std::string deny_create{};   // create this record ("create activities for this country")
  std::string deny_edit{};     // "edit this activity"
  std::string deny_move{};     // change it to where the actor may not write
  std::string deny_delete{};   // "delete this activity"
};

// Which records a list shows, in what order, and which page of them.
struct RecordSelection {
  std::string where{};                 // SQL conditions on alias r, each " AND ..."
  std::vector<store::Value> params{};  // for the placeholders of `where`
  std::string order = "r.id DESC";     // SQL ORDER BY terms
  int64_t page = 1;
  int64_t per_page = 50;
  int64_t max_per_page = 500;
};

// The page of `selection`: {"items", "total", "page", "per_page"}; kValidation naming page or
// per_page when out of range.
core::Result<Json> ListRecords(store::Connection& db, const RecordKind& kind,
                               const RecordSelection& selection);
// Every record matching `where` (on alias r, with `params`), in `order`, without paging.
core::Result<Json> SelectRecords(store::Connection& db, const RecordKind& kind,
                                 const std::string& where, const std::vector<store::Value>& params,
                                 const std::string& order);
// Stores `record` (every declared field present, already checked) as a new row with its lists,
// and returns it as read back. No actor, check or audit: for the parts of a record whose owner
// (e.g. an implementation round's sections) authorises and audits the change as a whole.
// kConflict when a unique key is taken.
core::Result<Json> StoreRecord(store::Connection& db, const RecordKind& kind, const Json& record);
// Record `id` (kNotFound naming the kind).
core::Result<Json> GetRecord(store::Connection& db, const RecordKind& kind, int64_t id);
core::Result<Json> CreateRecord(store::Connection& db, const catalogue::Catalogue& catalogue,
                                const RecordKind& kind, const Actor& actor, const Json& fields);
core::Result<Json> UpdateRecord(store::Connection& db, const catalogue::Catalogue& catalogue,
                                const RecordKind& kind, const Actor& actor, int64_t id,
                                const Json& fields);
core::Result<void> DeleteRecord(store::Connection& db, const RecordKind& kind, const Actor& actor,
                                int64_t id);

// The rules of the kinds whose records only staff (admin, secretariat) create, write or delete,
// for RecordKind's may_create and may_write / may_delete.
bool StaffMayCreate(const Actor& actor);
bool StaffMayWrite(const Actor& actor, const Json& record);

// The list envelope every list answers with.
Json PageOf(Json items, int64_t total, int64_t page, int64_t per_page);

}  // namespace inspire::hub

#endif  // INSPIRE_HUB_RECORD_KIND_H_
