#include "hub/implementation_fields.h"

namespace inspire::hub {
namespace {

using T = FieldType;

const std::vector<std::string> kYesNo = {"yes", "no", "unknown"};

// The round a section's item belongs to: set by the hub, never sent.
FieldSpec RoundId() { return {.name = "round_id", .type = T::kRecordId, .internal = true}; }

FieldSpec Choice(std::string name, std::vector<std::string> choices, std::string initial) {
  std::string label = "field_" + name;
  std::string prefix = "answer_";
  return {.name = std::move(name),
          .type = T::kChoice,
          .choices = std::move(choices),
          .initial = std::move(initial),
          .label = std::move(label),
          .choice_labels = std::move(prefix)};
}

FieldSpec YesNo(std::string name) { return Choice(std::move(name), kYesNo, "unknown"); }

FieldSpec Text(std::string name, size_t max_length, T type = T::kText) {
  std::string label = "field_" + name;
  return {.name = std::move(name), .type = type, .max_length = max_length, .label = label};
}

FieldSpec Forms() {
  return {.name = "forms",
          .type = T::kChoices,
          .choices = ViolenceForms(),
          .label = "field_forms",
          .choice_labels = "violence_",
          .column = "",  // set by each kind: its join table
          .item_column = "form"};
}

}  // namespace

const std::vector<std::string>& ViolenceForms() {
  static const std::vector<std::string> forms = {"maltreatment",    "bullying",
                                                 "youth-violence",  "partner-violence",
                                                 "sexual-violence", "online-abuse"};
  return forms;
}

const std::vector<std::string>& Milestones() {
  static const std::vector<std::string> milestones = {
      "commitment",  "focal-point",   "stakeholder-group", "data-analysed",
      "costed-plan", "plan-launched", "children-consulted"};
  return milestones;
}

const std::vector<std::string>& RoundStatuses() {
  static const std::vector<std::string> statuses = {"draft", "submitted", "returned", "validated"};
  return statuses;
}

const RecordFields& RoundFields() {
  static const RecordFields fields{
      "implementation_round",
      {{.name = "country",
        .type = T::kCountry,
        .required = true,
        .label = "table_country",
        .column = "country_iso3"},
       {.name = "label",
        .type = T::kText,
        .required = true,
        .max_length = 100,
        .blank_message = "label names the round (e.g. \"2024 review\")",
        .label = "field_round_label"},
       {.name = "reference_year",
        .type = T::kYear,
        .required = true,
        .label = "field_reference_year"},
       {.name = "status",
        .type = T::kChoice,
        .choices = RoundStatuses(),
        .initial = "draft",
        .label = "field_status",
        .choice_labels = "round_status_",
        .internal = true},
       {.name = "copied_from", .type = T::kRecordId, .label = "field_copied_from"},
       Text("responding_agency", 300),
       Text("data_coordinator", 200),
       YesNo("consensus_meeting"),
       {.name = "consensus_date", .type = T::kDate, .label = "field_consensus_date"},
       {.name = "consensus_sectors",
        .type = T::kChoices,
        .choices = {"health", "education", "social-welfare", "justice", "police", "finance",
                    "planning", "gender", "youth", "labour", "statistics", "other"},
        .label = "field_consensus_sectors",
        .choice_labels = "sector_",
        .column = "implementation_round_sectors",
        .item_column = "sector"},
       Choice("homicide_data", {"by-age-and-sex", "partial", "none", "unknown"}, "unknown"),
       YesNo("baselines_set"),
       YesNo("targets_set"),
       Text("notes", 4000, T::kLongText)},
      {"sections", "history", "comments"}};
  return fields;
}

const RecordFields& LawAnswerFields() {
  static const RecordFields fields{
      "implementation_law",
      {RoundId(),
       {.name = "law", .type = T::kText, .required = true, .max_length = 50, .label = "field_law"},
       Choice("in_place", {"yes", "partly", "no", "unknown"}, "unknown"),
       Choice("enforcement", {"not", "partly", "mostly", "fully", "unknown"}, "unknown"),
       {.name = "year", .type = T::kYear, .label = "field_law_year"},
       Text("citation", 500),
       Text("link", 500, T::kUrl)}};
  return fields;
}

const RecordFields& ApproachAnswerFields() {
  static const RecordFields fields{
      "implementation_approach",
      {RoundId(),
       {.name = "approach",
        .type = T::kText,
        .required = true,
        .max_length = 10,
        .label = "field_approach",
        .column = "approach_id"},
       YesNo("support"),
       Choice("reach", {"none", "few", "some", "most", "all", "unknown"}, "unknown"),
       Choice("scale", {"pilot", "subnational", "national", "unknown"}, "unknown"),
       Text("notes", 1000, T::kLongText)}};
  return fields;
}

const RecordFields& MilestoneFields() {
  static const RecordFields fields{
      "implementation_milestone",
      {RoundId(),
       {.name = "milestone",
        .type = T::kChoice,
        .required = true,
        .choices = Milestones(),
        .label = "field_milestone",
        .choice_labels = "milestone_"},
       Choice("state", {"reached", "in-progress", "not-started"}, "not-started"),
       {.name = "date", .type = T::kDate, .label = "field_milestone_date"}}};
  return fields;
}

const RecordFields& PlanFields() {
  static const RecordFields fields = [] {
    FieldSpec forms = Forms();
    forms.column = "implementation_plan_forms";
    return RecordFields{"implementation_plan",
                        {RoundId(),
                         {.name = "title",
                          .type = T::kText,
                          .required = true,
                          .max_length = 300,
                          .blank_message = "title names the plan",
                          .label = "field_plan_title"},
                         {.name = "start_year", .type = T::kYear, .label = "field_start_year"},
                         {.name = "end_year", .type = T::kYear, .label = "field_end_year"},
                         forms,
                         {.name = "strategies",
                          .type = T::kChoices,
                          .choices = {"I1", "N2", "S3", "P4", "I5", "R6", "E7"},
                          .label = "field_strategies",
                          .column = "implementation_plan_strategies",
                          .item_column = "strategy_id"},
                         Choice("funding", {"full", "partial", "none", "unknown"}, "unknown"),
                         YesNo("costed"),
                         YesNo("measurable_targets"),
                         YesNo("baselines"),
                         YesNo("monitoring_framework"),
                         Text("link", 500, T::kUrl),
                         Text("notes", 1000, T::kLongText)}};
  }();
  return fields;
}

const RecordFields& SurveyFields() {
  static const RecordFields fields = [] {
    FieldSpec forms = Forms();
    forms.column = "implementation_survey_forms";
    return RecordFields{"implementation_survey",
                        {RoundId(),
                         {.name = "name",
                          .type = T::kText,
                          .required = true,
                          .max_length = 300,
                          .blank_message = "name names the survey (e.g. VACS 2019)",
                          .label = "field_survey_name"},
                         {.name = "year", .type = T::kYear, .label = "field_survey_year"},
                         {.name = "age_min", .type = T::kAmount, .label = "field_age_min"},
                         {.name = "age_max", .type = T::kAmount, .label = "field_age_max"},
                         forms,
                         YesNo("national"),
                         Text("link", 500, T::kUrl)}};
  }();
  return fields;
}

}  // namespace inspire::hub
