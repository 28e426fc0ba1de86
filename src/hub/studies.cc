#include "hub/studies.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <optional>

#include "hub/audit.h"
#include "hub/catalogue_fields.h"
#include "hub/fields.h"
#include "hub/record_fields.h"
#include "meta/effect_size.h"

namespace inspire::hub {
namespace {

using core::ErrorCode;
using core::Fail;
using core::FailField;
using T = FieldType;

constexpr size_t kNumbers = 11;  // ai n1i ci n2i m1i sd1i m2i sd2i yi vi sei

struct Study {
  std::string study, citation, doi, url, country, setting, design,
      risk_of_bias = "unclear", outcome, indicator, measure, favourable = "lower", note;
  int64_t year = 0;
  std::vector<std::string> approaches;
  std::array<std::optional<double>, kNumbers> numbers;
};

constexpr const char* kStudyColumns =
    "id, study, citation, doi, url, year, country_iso3, setting, design, risk_of_bias, outcome, "
    "indicator_id, measure, favourable, ai, n1i, ci, n2i, m1i, sd1i, m2i, sd2i, yi, vi, sei, "
    "note, created_by_email, created_at, updated_at";
constexpr size_t kFirstNumber = 14;

size_t NumberIndex(const std::string& name) {
  const auto& names = StudyNumberNames();
  return static_cast<size_t>(std::find(names.begin(), names.end(), name) - names.begin());
}

// The layout of a study's numbers: from its measure, and for GEN from whether it gives vi or sei.
meta::Layout LayoutOf(meta::Measure measure, const Study& s) {
  return meta::LayoutOf(measure, !s.numbers[NumberIndex("vi")] && s.numbers[NumberIndex("sei")]);
}

// The study's reported numbers checked against its measure, and its effect size.
core::Result<meta::Effect> Effect(const Study& s) {
  INSPIRE_ASSIGN_OR_RETURN(const meta::Measure measure, meta::ParseMeasure(s.measure));
  const meta::Layout layout = LayoutOf(measure, s);
  const auto& needed = meta::LayoutColumns(layout);
  meta::Reported reported{layout, {}};
  for (const auto& name : needed) {
    const auto& value = s.numbers[NumberIndex(name)];
    if (!value) {
      return FailField(ErrorCode::kValidation, name,
                       fmt::format("the measure {} needs {}", s.measure, fmt::join(needed, ", ")));
    }
    reported.values.push_back(*value);
  }
  for (const auto& name : StudyNumberNames()) {
    if (s.numbers[NumberIndex(name)] &&
        std::find(needed.begin(), needed.end(), name) == needed.end()) {
      return FailField(ErrorCode::kValidation, name,
                       fmt::format("{} is not used by the measure {} (which needs {}); leave it "
                                   "empty",
                                   name, s.measure, fmt::join(needed, ", ")));
    }
  }
  return meta::ComputeEffect(measure, reported);
}

Json EffectJson(const Study& s) {
  const auto effect = Effect(s);
  if (!effect) return Json();
  const auto [low, high] = meta::EffectInterval(*effect, kStudyIntervalLevel);
  Json out = {{"yi", effect->yi}, {"vi", effect->vi}, {"se", std::sqrt(effect->vi)},
              {"ci_low", low},    {"ci_high", high},  {"level", kStudyIntervalLevel}};
  if (s.measure == "OR" || s.measure == "RR") {
    out["exp"] = {
        {"estimate", std::exp(effect->yi)}, {"ci_low", std::exp(low)}, {"ci_high", std::exp(high)}};
  }
  return out;
}

Study FromRow(const store::Row& r) {
  Study s;
  s.study = r.Text(1);
  s.citation = r.Text(2);
  s.doi = r.Text(3);
  s.url = r.Text(4);
  s.year = r.Int(5);
  s.country = r.Text(6);
  s.setting = r.Text(7);
  s.design = r.Text(8);
  s.risk_of_bias = r.Text(9);
  s.outcome = r.Text(10);
  s.indicator = r.Text(11);
  s.measure = r.Text(12);
  s.favourable = r.Text(13);
  for (size_t i = 0; i < kNumbers; ++i) {
    if (!r.IsNull(kFirstNumber + i)) s.numbers[i] = r.Real(kFirstNumber + i);
  }
  s.note = r.Text(kFirstNumber + kNumbers);
  return s;
}

Json ToJson(const store::Row& r, const std::vector<std::string>& approaches) {
  const Study s = FromRow(r);
  Json out = {{"id", r.Int(0)},
              {"study", s.study},
              {"citation", s.citation},
              {"doi", s.doi},
              {"url", s.url},
              {"year", s.year},
              {"country", s.country},
              {"setting", s.setting},
              {"design", s.design},
              {"risk_of_bias", s.risk_of_bias},
              {"approaches", approaches},
              {"outcome", s.outcome},
              {"indicator", s.indicator},
              {"measure", s.measure},
              {"favourable", s.favourable}};
  const auto& names = StudyNumberNames();
  for (size_t i = 0; i < kNumbers; ++i) {
    out[names[i]] = s.numbers[i] ? Json(*s.numbers[i]) : Json();
  }
  out["note"] = s.note;
  out["effect"] = EffectJson(s);
  // created_by_email (column kFirstNumber + kNumbers + 1) stays inside: answers are public and
  // a sign-in email is not.
  out["created_at"] = r.Text(kFirstNumber + kNumbers + 2);
  out["updated_at"] = r.Text(kFirstNumber + kNumbers + 3);
  return out;
}

// The studies of `found` (rows of kStudyColumns) as JSON, with their approaches in one more query.
core::Result<Json> ToJsonList(store::Connection& db, const store::QueryResult& found) {
  Json items = Json::array();
  if (found.rows.empty()) return items;
  std::vector<store::Value> ids;
  for (const auto& row : found.rows) ids.emplace_back(row.Int(0));
  INSPIRE_ASSIGN_OR_RETURN(
      const auto approaches,
      db.Query("SELECT study_id, approach_id FROM study_approaches WHERE study_id IN (" +
                   store::Placeholders(ids.size()) + ") ORDER BY study_id, approach_id",
               ids));
  std::map<int64_t, std::vector<std::string>> lists;
  for (const auto& a : approaches.rows) lists[a.Int(0)].push_back(a.Text(1));
  for (const auto& r : found.rows) items.push_back(ToJson(r, lists[r.Int(0)]));
  return items;
}

core::Result<Json> ReadStudy(store::Connection& db, int64_t id) {
  INSPIRE_ASSIGN_OR_RETURN(
      const auto found,
      db.Query(fmt::format("SELECT {} FROM studies WHERE id = ?", kStudyColumns), {id}));
  if (found.rows.empty()) return Fail(ErrorCode::kNotFound, fmt::format("no study {}", id));
  INSPIRE_ASSIGN_OR_RETURN(Json items, ToJsonList(db, found));
  return items[0];
}

Study StudyFromJson(const Json& json) {
  Study s;
  s.study = json["study"];
  s.citation = json["citation"];
  s.doi = json["doi"];
  s.url = json["url"];
  s.year = json["year"].is_null() ? 0 : json["year"].get<int64_t>();
  s.country = json["country"];
  s.setting = json["setting"];
  s.design = json["design"];
  s.risk_of_bias = json["risk_of_bias"];
  s.outcome = json["outcome"];
  s.indicator = json["indicator"];
  s.measure = json["measure"];
  s.favourable = json["favourable"];
  s.note = json["note"];
  for (const auto& approach : json["approaches"]) s.approaches.push_back(approach);
  const auto& names = StudyNumberNames();
  for (size_t i = 0; i < kNumbers; ++i) {
    if (!json[names[i]].is_null()) s.numbers[i] = json[names[i]].get<double>();
  }
  return s;
}

// A DOI as its bare 10.prefix/suffix (a link or "doi:" before it dropped).
core::Result<std::string> BareDoi(std::string doi) {
  for (const char* prefix : {"https://doi.org/", "http://doi.org/", "doi:"}) {
    if (doi.rfind(prefix, 0) == 0) doi = doi.substr(std::string_view(prefix).size());
  }
  if (!doi.empty() && (doi.rfind("10.", 0) != 0 || doi.find('/') == std::string::npos)) {
    return FailField(
        ErrorCode::kValidation, "doi",
        fmt::format("'{}' is not a DOI (10.prefix/suffix, e.g. 10.1016/j.chiabu.2020.104)", doi));
  }
  return doi;
}

// Applies `fields` to `s` (each checked as StudyFields() declares), then the study as a whole:
// its DOI, vi or sei, and the numbers its measure needs.
core::Result<void> Apply(store::Connection& db, const catalogue::Catalogue& catalogue,
                         const Json& fields, const Json& before, bool creating, Study& s) {
  INSPIRE_ASSIGN_OR_RETURN(const Json checked,
                           CheckFields(StudyFields(), db, catalogue, fields, creating));
  Json record = creating ? NewRecord(StudyFields()) : before;
  for (const auto& [name, value] : checked.items()) record[name] = value;
  s = StudyFromJson(record);
  INSPIRE_ASSIGN_OR_RETURN(s.doi, BareDoi(s.doi));
  if (s.numbers[NumberIndex("vi")] && s.numbers[NumberIndex("sei")]) {
    return FailField(ErrorCode::kValidation, "sei", "give vi or sei, not both");
  }
  INSPIRE_RETURN_IF_ERROR(Effect(s));
  return {};
}

bool MayCreate(const Actor& actor) {
  return actor.IsStaff() || (actor.user_id && actor.role != Role::kViewer);
}

// Staff, or the signed-in contributor who added study `id`.
core::Result<bool> MayChange(store::Connection& db, const Actor& actor, int64_t id) {
  if (actor.IsStaff()) return true;
  if (!actor.user_id || actor.role == Role::kViewer) return false;
  INSPIRE_ASSIGN_OR_RETURN(const auto found,
                           db.Query("SELECT created_by_email FROM studies WHERE id = ?", {id}));
  return !found.rows.empty() && found.rows[0].Text(0) == actor.email;
}

core::Result<void> WriteStudy(store::Connection& db, int64_t id, const Study& s) {
  std::vector<store::Value> params = {
      s.study,  s.citation,     s.doi,     s.url,       s.year,    s.country,   s.setting,
      s.design, s.risk_of_bias, s.outcome, s.indicator, s.measure, s.favourable};
  for (const auto& number : s.numbers) {
    params.push_back(number ? store::Value(*number) : store::kNull);
  }
  params.emplace_back(s.note);
  params.emplace_back(store::NowUtc());
  params.emplace_back(id);
  INSPIRE_RETURN_IF_ERROR(db.Query(
      "UPDATE studies SET study = ?, citation = ?, doi = ?, url = ?, year = ?, country_iso3 = ?, "
      "setting = ?, design = ?, risk_of_bias = ?, outcome = ?, indicator_id = ?, measure = ?, "
      "favourable = ?, ai = ?, n1i = ?, ci = ?, n2i = ?, m1i = ?, sd1i = ?, m2i = ?, sd2i = ?, "
      "yi = ?, vi = ?, sei = ?, note = ?, updated_at = ? WHERE id = ?",
      params));
  INSPIRE_RETURN_IF_ERROR(db.Query("DELETE FROM study_approaches WHERE study_id = ?", {id}));
  for (const auto& approach : s.approaches) {
    INSPIRE_RETURN_IF_ERROR(db.Query(
        "INSERT INTO study_approaches (study_id, approach_id) VALUES (?, ?)", {id, approach}));
  }
  return {};
}

}  // namespace

const std::vector<std::string>& StudyDesigns() {
  static const std::vector<std::string> designs = {"RCT",    "cluster RCT", "quasi-experimental",
                                                   "cohort", "pre-post",    "other"};
  return designs;
}

const std::vector<std::string>& RisksOfBias() {
  static const std::vector<std::string> risks = {"low", "some concerns", "high", "unclear"};
  return risks;
}

const std::vector<std::string>& StudyNumberNames() {
  static const std::vector<std::string> names = {"ai",  "n1i",  "ci", "n2i", "m1i", "sd1i",
                                                 "m2i", "sd2i", "yi", "vi",  "sei"};
  return names;
}

const RecordFields& StudyFields() {
  static const RecordFields fields = [] {
    RecordFields out{
        "study",
        {{.name = "study",
          .type = T::kText,
          .required = true,
          .max_length = 200,
          .blank_message = "study is the short name shown in tables and plots (e.g. 'Amani 2014')",
          .label = "study_study",
          .hint = "hint_study"},
         {.name = "citation", .type = T::kLongText, .max_length = 1000, .label = "field_citation"},
         {.name = "doi", .type = T::kText, .max_length = 200, .label = "DOI", .hint = "hint_doi"},
         {.name = "url", .type = T::kUrl, .max_length = 500, .label = "field_website"},
         {.name = "year", .type = T::kYear, .required = true, .label = "study_year"},
         {.name = "country",
          .type = T::kCountry,
          .error_note = "; leave it empty for a multi-country study",
          .label = "study_country",
          .hint = "hint_study_country",
          .column = "country_iso3"},
         {.name = "setting", .type = T::kText, .max_length = 300, .label = "field_setting"},
         {.name = "design",
          .type = T::kChoice,
          .required = true,
          .choices = StudyDesigns(),
          .label = "study_design"},
         {.name = "risk_of_bias",
          .type = T::kChoice,
          .choices = RisksOfBias(),
          .initial = "unclear",
          .label = "study_risk_of_bias"},
         {.name = "approaches",
          .type = T::kApproaches,
          .required = true,
          .label = "table_approaches",
          .hint = "hint_multi",
          .column = "study_approaches",
          .item_column = "approach_id"},
         {.name = "outcome",
          .type = T::kText,
          .required = true,
          .max_length = 120,
          .blank_message = "outcome names what was measured (e.g. 'Violent discipline')",
          .label = "field_outcome",
          .hint = "hint_outcome"},
         {.name = "indicator",
          .type = T::kIndicator,
          .error_note = "; leave it empty when none fits",
          .label = "table_indicator",
          .hint = "hint_study_indicator",
          .column = "indicator_id"},
         {.name = "measure",
          .type = T::kChoice,
          .required = true,
          .choices = {"OR", "RR", "RD", "SMD", "MD", "GEN"},
          .label = "field_measure",
          .hint = "hint_measure",
          .choice_labels = "measure_"},
         {.name = "favourable",
          .type = T::kChoice,
          .choices = {"lower", "higher"},
          .initial = "lower",
          .label = "field_favourable",
          .choice_labels = "favourable_"}},
        {"effect", "created_by"}};
    for (const auto& name : StudyNumberNames()) {
      out.fields.push_back({.name = name, .type = T::kNumber, .label = "number_" + name});
    }
    out.fields.push_back(
        {.name = "note", .type = T::kLongText, .max_length = 2000, .label = "field_note"});
    return out;
  }();
  return fields;
}

core::Result<Json> ListStudies(store::Connection& db, const StudyQuery& query) {
  INSPIRE_RETURN_IF_ERROR(CheckPage(query.page, query.per_page, 1000));
  std::string where = " WHERE 1 = 1";
  std::vector<store::Value> params;
  if (!query.approach.empty()) {
    where += " AND id IN (SELECT study_id FROM study_approaches WHERE approach_id = ?)";
    params.emplace_back(query.approach);
  }
  if (!query.outcome.empty()) {
    where += " AND LOWER(outcome) = LOWER(?)";
    params.emplace_back(query.outcome);
  }
  if (!query.country.empty()) {
    std::string code = query.country;
    for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    where += " AND country_iso3 = ?";
    params.emplace_back(code);
  }
  if (!query.design.empty()) {
    where += " AND design = ?";
    params.emplace_back(query.design);
  }
  if (!query.q.empty()) {
    where +=
        " AND (LOWER(study) LIKE ? ESCAPE '!' OR LOWER(citation) LIKE ? ESCAPE '!' OR "
        "LOWER(outcome) LIKE ? ESCAPE '!' OR LOWER(setting) LIKE ? ESCAPE '!')";
    std::string lowered = query.q;
    for (char& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const std::string pattern = "%" + LikeEscape(lowered) + "%";
    for (int i = 0; i < 4; ++i) params.emplace_back(pattern);
  }
  INSPIRE_ASSIGN_OR_RETURN(const auto total,
                           db.Query("SELECT COUNT(*) FROM studies" + where, params));
  params.emplace_back(query.per_page);
  params.emplace_back((query.page - 1) * query.per_page);
  INSPIRE_ASSIGN_OR_RETURN(
      const auto found,
      db.Query(fmt::format("SELECT {} FROM studies{} ORDER BY LOWER(outcome), year DESC, "
                           "LOWER(study), id LIMIT ? OFFSET ?",
                           kStudyColumns, where),
               params));
  INSPIRE_ASSIGN_OR_RETURN(Json items, ToJsonList(db, found));
  return Json{{"items", std::move(items)},
              {"total", total.rows.at(0).Int(0)},
              {"page", query.page},
              {"per_page", query.per_page}};
}

core::Result<Json> AllStudies(store::Connection& db) {
  INSPIRE_ASSIGN_OR_RETURN(
      const auto found,
      db.Query(fmt::format("SELECT {} FROM studies ORDER BY year, LOWER(study), id", kStudyColumns),
               {}));
  return ToJsonList(db, found);
}

core::Result<Json> GetStudy(store::Connection& db, int64_t id) { return ReadStudy(db, id); }

core::Result<Json> CreateStudy(store::Connection& db, const catalogue::Catalogue& catalogue,
                               const Actor& actor, const Json& fields) {
  if (!MayCreate(actor)) return Deny(actor, "add studies");
  Study s;
  INSPIRE_RETURN_IF_ERROR(Apply(db, catalogue, fields, Json(), true, s));
  const std::string now = store::NowUtc();
  INSPIRE_ASSIGN_OR_RETURN(
      const auto inserted,
      db.Query("INSERT INTO studies (study, year, design, risk_of_bias, outcome, measure, "
               "favourable, created_by_email, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, "
               "?, ?, ?) RETURNING id",
               {s.study, s.year, s.design, s.risk_of_bias, s.outcome, s.measure, s.favourable,
                actor.email, now, now}));
  const int64_t id = inserted.rows.at(0).Int(0);
  INSPIRE_RETURN_IF_ERROR(WriteStudy(db, id, s));
  INSPIRE_ASSIGN_OR_RETURN(Json created, ReadStudy(db, id));
  INSPIRE_RETURN_IF_ERROR(
      RecordAudit(db, actor, "create", "study", std::to_string(id), Json(), created));
  return created;
}

core::Result<Json> UpdateStudy(store::Connection& db, const catalogue::Catalogue& catalogue,
                               const Actor& actor, int64_t id, const Json& fields) {
  INSPIRE_ASSIGN_OR_RETURN(const Json before, ReadStudy(db, id));
  INSPIRE_ASSIGN_OR_RETURN(const bool may_change, MayChange(db, actor, id));
  if (!may_change) return Deny(actor, "edit this study");
  Study s;
  INSPIRE_RETURN_IF_ERROR(Apply(db, catalogue, fields, before, false, s));
  INSPIRE_RETURN_IF_ERROR(WriteStudy(db, id, s));
  INSPIRE_ASSIGN_OR_RETURN(Json after, ReadStudy(db, id));
  INSPIRE_RETURN_IF_ERROR(
      RecordAudit(db, actor, "update", "study", std::to_string(id), before, after));
  return after;
}

core::Result<void> DeleteStudy(store::Connection& db, const Actor& actor, int64_t id) {
  INSPIRE_ASSIGN_OR_RETURN(const Json before, ReadStudy(db, id));
  INSPIRE_ASSIGN_OR_RETURN(const bool may_change, MayChange(db, actor, id));
  if (!may_change) return Deny(actor, "delete this study");
  INSPIRE_RETURN_IF_ERROR(db.Query("DELETE FROM studies WHERE id = ?", {id}));
  return RecordAudit(db, actor, "delete", "study", std::to_string(id), before, Json());
}

}  // namespace inspire::hub
