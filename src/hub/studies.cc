#include "hub/studies.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

#include "core/ascii_case.h"
#include "hub/catalogue_fields.h"
#include "hub/fields.h"
#include "hub/record_fields.h"
#include "hub/record_kind.h"
#include "meta/effect_size.h"

namespace inspire::hub {
namespace {

using core::ErrorCode;
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

// The rules across a study's fields: a bare DOI, vi or sei (not both), and exactly the numbers
// its measure needs.
core::Result<void> CheckStudy(const catalogue::Catalogue&, Json& record) {
  INSPIRE_ASSIGN_OR_RETURN(record["doi"], BareDoi(record["doi"]));
  const Study s = StudyFromJson(record);
  if (s.numbers[NumberIndex("vi")] && s.numbers[NumberIndex("sei")]) {
    return FailField(ErrorCode::kValidation, "sei", "give vi or sei, not both");
  }
  INSPIRE_RETURN_IF_ERROR(Effect(s));
  return {};
}

// Each study is served with its effect size, computed from its reported numbers.
core::Result<void> DeriveEffect(store::Connection&, Json& record) {
  record["effect"] = EffectJson(StudyFromJson(record));
  return {};
}

// Any signed-in contributor (not a viewer) adds studies.
bool MayCreate(const Actor& actor) {
  return actor.IsStaff() || (actor.user_id && actor.role != Role::kViewer);
}

// Staff any; a contributor the studies it added.
bool MayWriteStudy(const Actor& actor, const Json& record) {
  if (actor.IsStaff()) return true;
  return MayCreate(actor) && record["created_by_email"] == actor.email;
}

void StampStudy(const Actor& actor, Json& record) { record["created_by_email"] = actor.email; }

const RecordKind& Studies() {
  static const RecordKind kind{.fields = &StudyFields(),
                               .table = "studies",
                               .key_column = "study_id",
                               .may_write = MayWriteStudy,
                               .check = CheckStudy,
                               .derive = DeriveEffect,
                               .may_create = MayCreate,
                               .stamp = StampStudy,
                               .deny_visitor = "add studies",
                               .deny_create = "add studies",
                               .deny_edit = "edit this study",
                               .deny_move = "edit this study",
                               .deny_delete = "delete this study"};
  return kind;
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
    // Who added the study, for the right to change it; answers are public and an e-mail is not.
    out.fields.push_back(
        {.name = "created_by_email", .type = T::kText, .max_length = 320, .hidden = true});
    return out;
  }();
  return fields;
}

core::Result<Json> ListStudies(store::Connection& db, const StudyQuery& query) {
  RecordSelection selection{.order = "LOWER(r.outcome), r.year DESC, LOWER(r.study), r.id",
                            .page = query.page,
                            .per_page = query.per_page,
                            .max_per_page = 1000};
  const auto add = [&](const std::string& condition, store::Value value) {
    selection.where += " AND " + condition;
    selection.params.push_back(std::move(value));
  };
  if (!query.approach.empty()) {
    add("r.id IN (SELECT study_id FROM study_approaches WHERE approach_id = ?)", query.approach);
  }
  if (!query.outcome.empty()) add("LOWER(r.outcome) = LOWER(?)", query.outcome);
  if (!query.country.empty()) add("r.country_iso3 = ?", core::AsciiUpper(query.country));
  if (!query.design.empty()) add("r.design = ?", query.design);
  if (!query.q.empty()) {
    const std::string pattern = "%" + LikeEscape(core::AsciiLower(query.q)) + "%";
    selection.where +=
        " AND (LOWER(r.study) LIKE ? ESCAPE '!' OR LOWER(r.citation) LIKE ? ESCAPE '!' OR "
        "LOWER(r.outcome) LIKE ? ESCAPE '!' OR LOWER(r.setting) LIKE ? ESCAPE '!')";
    selection.params.insert(selection.params.end(), 4, pattern);
  }
  return ListRecords(db, Studies(), selection);
}

core::Result<Json> AllStudies(store::Connection& db) {
  return SelectRecords(db, Studies(), "", {}, "r.year, LOWER(r.study), r.id");
}

core::Result<Json> GetStudy(store::Connection& db, int64_t id) {
  return GetRecord(db, Studies(), id);
}

core::Result<Json> CreateStudy(store::Connection& db, const catalogue::Catalogue& catalogue,
                               const Actor& actor, const Json& fields) {
  return CreateRecord(db, catalogue, Studies(), actor, fields);
}

core::Result<Json> UpdateStudy(store::Connection& db, const catalogue::Catalogue& catalogue,
                               const Actor& actor, int64_t id, const Json& fields) {
  return UpdateRecord(db, catalogue, Studies(), actor, id, fields);
}

core::Result<void> DeleteStudy(store::Connection& db, const Actor& actor, int64_t id) {
  return DeleteRecord(db, Studies(), actor, id);
}

}  // namespace inspire::hub
