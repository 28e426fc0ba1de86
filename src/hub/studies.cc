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
#include "meta/effect_size.h"

namespace inspire::hub {
namespace {

using core::ErrorCode;
using core::Fail;
using core::FailField;

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
  s.year = json["year"];
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

core::Result<void> ApplyText(const Json& fields, Study& s) {
  const std::array<std::tuple<const char*, std::string*, size_t>, 5> texts = {{
      {"citation", &s.citation, 1000},
      {"setting", &s.setting, 300},
      {"note", &s.note, 2000},
      {"doi", &s.doi, 200},
      {"url", &s.url, 500},
  }};
  for (const auto& [name, target, limit] : texts) {
    if (fields.contains(name)) {
      INSPIRE_ASSIGN_OR_RETURN(*target, TextField(fields, name, limit));
    }
  }
  for (const char* prefix : {"https://doi.org/", "http://doi.org/", "doi:"}) {
    if (s.doi.rfind(prefix, 0) == 0) s.doi = s.doi.substr(std::string_view(prefix).size());
  }
  if (!s.doi.empty() && (s.doi.rfind("10.", 0) != 0 || s.doi.find('/') == std::string::npos)) {
    return FailField(
        ErrorCode::kValidation, "doi",
        fmt::format("'{}' is not a DOI (10.prefix/suffix, e.g. 10.1016/j.chiabu.2020.104)", s.doi));
  }
  if (!s.url.empty() && s.url.rfind("https://", 0) != 0 && s.url.rfind("http://", 0) != 0) {
    return FailField(ErrorCode::kValidation, "url", "url must start with https:// or http://");
  }
  return {};
}

// Applies the reported numbers (StudyNumberNames()): each a finite number, or null to clear it.
core::Result<void> ApplyNumbers(const Json& fields, Study& s) {
  const auto& names = StudyNumberNames();
  for (size_t i = 0; i < kNumbers; ++i) {
    if (!fields.contains(names[i])) continue;
    const Json& value = fields[names[i]];
    if (value.is_null()) {
      s.numbers[i].reset();
    } else if (value.is_number() && std::isfinite(value.get<double>())) {
      s.numbers[i] = value.get<double>();
    } else {
      return FailField(ErrorCode::kValidation, names[i],
                       fmt::format("{} must be a number or null", names[i]));
    }
  }
  return {};
}

core::Result<void> Apply(const catalogue::Catalogue& catalogue, const Json& fields, bool creating,
                         Study& s) {
  std::set<std::string> known = {"study",   "citation",  "doi",     "url",          "year",
                                 "country", "setting",   "design",  "risk_of_bias", "approaches",
                                 "outcome", "indicator", "measure", "favourable",   "note",
                                 "effect",  "created_by"};
  for (const auto& name : StudyNumberNames()) known.insert(name);
  INSPIRE_RETURN_IF_ERROR(CheckKnownFields(fields, known));
  if (creating) {
    INSPIRE_RETURN_IF_ERROR(
        CheckRequired(fields, {"study", "year", "design", "approaches", "outcome", "measure"}));
  }
  if (fields.contains("study")) {
    INSPIRE_ASSIGN_OR_RETURN(s.study, TextField(fields, "study", 200));
    if (s.study.empty()) {
      return FailField(ErrorCode::kValidation, "study",
                       "study is the short name shown in tables and plots (e.g. 'Amani 2014')");
    }
  }
  INSPIRE_RETURN_IF_ERROR(ApplyText(fields, s));
  if (fields.contains("year")) {
    INSPIRE_ASSIGN_OR_RETURN(const auto year, YearField(fields, "year"));
    if (!year) return FailField(ErrorCode::kValidation, "year", "year is required");
    s.year = *year;
  }
  if (fields.contains("country")) {
    INSPIRE_ASSIGN_OR_RETURN(const std::string code, TextField(fields, "country", 10));
    s.country.clear();  // empty: several countries or none
    if (!code.empty()) {
      auto country = CountryField(catalogue, fields, "country");
      if (!country) {
        return FailField(ErrorCode::kValidation, "country",
                         country.error().message + "; leave it empty for a multi-country study");
      }
      s.country = *country;
    }
  }
  if (fields.contains("design")) {
    INSPIRE_ASSIGN_OR_RETURN(s.design, ChoiceField(fields, "design", StudyDesigns()));
  }
  if (fields.contains("risk_of_bias")) {
    INSPIRE_ASSIGN_OR_RETURN(s.risk_of_bias, ChoiceField(fields, "risk_of_bias", RisksOfBias()));
  }
  if (fields.contains("approaches")) {
    INSPIRE_ASSIGN_OR_RETURN(s.approaches, ApproachesField(catalogue, fields, "approaches"));
  }
  if (fields.contains("outcome")) {
    INSPIRE_ASSIGN_OR_RETURN(s.outcome, TextField(fields, "outcome", 120));
    if (s.outcome.empty()) {
      return FailField(ErrorCode::kValidation, "outcome",
                       "outcome names what was measured (e.g. 'Violent discipline')");
    }
  }
  if (fields.contains("indicator")) {
    INSPIRE_ASSIGN_OR_RETURN(s.indicator, TextField(fields, "indicator", 50));
    if (!s.indicator.empty() && catalogue.FindIndicator(s.indicator) == nullptr) {
      return FailField(ErrorCode::kValidation, "indicator",
                       fmt::format("'{}' is not an indicator of the catalogue (e.g. 1.1); leave "
                                   "it empty when none fits",
                                   s.indicator));
    }
  }
  if (fields.contains("measure")) {
    INSPIRE_ASSIGN_OR_RETURN(
        s.measure, ChoiceField(fields, "measure", {"OR", "RR", "RD", "SMD", "MD", "GEN"}));
  }
  if (fields.contains("favourable")) {
    INSPIRE_ASSIGN_OR_RETURN(s.favourable, ChoiceField(fields, "favourable", {"lower", "higher"}));
  }
  INSPIRE_RETURN_IF_ERROR(ApplyNumbers(fields, s));
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

const std::vector<BulkColumn>& StudyColumns() {
  static const std::vector<BulkColumn> columns = [] {
    std::vector<BulkColumn> out = {
        {"id", ColumnType::kInteger},      {"study", ColumnType::kText},
        {"citation", ColumnType::kText},   {"doi", ColumnType::kText},
        {"url", ColumnType::kText},        {"year", ColumnType::kInteger},
        {"country", ColumnType::kText},    {"setting", ColumnType::kText},
        {"design", ColumnType::kText},     {"risk_of_bias", ColumnType::kText},
        {"approaches", ColumnType::kList}, {"outcome", ColumnType::kText},
        {"indicator", ColumnType::kText},  {"measure", ColumnType::kText},
        {"favourable", ColumnType::kText}};
    for (const auto& name : StudyNumberNames()) out.push_back({name, ColumnType::kNumber});
    out.push_back({"note", ColumnType::kText});
    out.push_back({"created_at", ColumnType::kText});
    out.push_back({"updated_at", ColumnType::kText});
    return out;
  }();
  return columns;
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
  INSPIRE_RETURN_IF_ERROR(Apply(catalogue, fields, true, s));
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
  Study s = StudyFromJson(before);
  INSPIRE_RETURN_IF_ERROR(Apply(catalogue, fields, false, s));
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
