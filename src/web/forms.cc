#include "web/forms.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <set>

#include "hub/activities.h"
#include "hub/coordination.h"
#include "hub/organizations.h"
#include "hub/studies.h"
#include "web/templates.h"

namespace inspire::web {

using Json = nlohmann::ordered_json;
namespace {

using Kind = FormField::Kind;
using Options = std::vector<std::pair<std::string, std::string>>;

std::string Text(const std::string& key) {
  const Json& strings = UiStrings();
  return strings.contains(key) ? strings[key].get<std::string>() : key;
}

Options Labelled(const std::vector<std::string>& values, const std::string& prefix) {
  Options out;
  out.reserve(values.size());
  for (const auto& value : values) out.emplace_back(value, Text(prefix + value));
  return out;
}

Options Countries(const catalogue::Catalogue& catalogue) {
  Options out;
  for (const auto& c : catalogue.countries()) out.emplace_back(c.iso3, c.name);
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.second < b.second; });
  return out;
}

Options Approaches(const catalogue::Catalogue& catalogue) {
  Options out;
  for (const auto& a : catalogue.approaches()) out.emplace_back(a.id, a.id + " " + a.name);
  return out;
}

Options Organizations(const std::map<int64_t, std::string>& organizations) {
  Options out;
  for (const auto& [id, name] : organizations) out.emplace_back(std::to_string(id), name);
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.second < b.second; });
  return out;
}

Options Regions(const catalogue::Catalogue& catalogue) {
  std::set<std::string> codes;
  for (const auto& c : catalogue.countries()) {
    if (!c.who_region.empty()) codes.insert(c.who_region);
    if (!c.unicef_region.empty()) codes.insert(c.unicef_region);
  }
  Options out;
  for (const auto& code : codes) out.emplace_back(code, code);
  return out;
}

std::string ValueText(const Json& value) {
  if (value.is_null()) return "";
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_float()) return fmt::format("{}", value.get<double>());
  return value.dump();
}

}  // namespace

FormSpec OrganizationForm(const catalogue::Catalogue& catalogue) {
  return {Text("form_organization"),
          "",
          Text("form_save"),
          {{"name", Text("field_name"), Kind::kText, true, "", {}},
           {"acronym", Text("field_acronym"), Kind::kText, false, "", {}},
           {"type", Text("table_type"), Kind::kSelect, true, "",
            Labelled(hub::OrganizationTypes(), "type_")},
           {"wg_role", Text("table_role"), Kind::kSelect, true, "",
            Labelled(hub::WorkingGroupRoles(), "role_")},
           {"website", Text("field_website"), Kind::kText, false, "https://...", {}},
           {"iati_id", Text("field_iati"), Kind::kText, false, "", {}},
           {"countries", Text("table_countries"), Kind::kMulti, false, Text("hint_multi"),
            Countries(catalogue)}}};
}

FormSpec ActivityForm(const catalogue::Catalogue& catalogue,
                      const std::map<int64_t, std::string>& organizations) {
  return {Text("form_activity"),
          "",
          Text("form_save"),
          {{"organization_id", Text("table_organization"), Kind::kSelect, true, "",
            Organizations(organizations)},
           {"title", Text("table_title"), Kind::kText, true, "", {}},
           {"description", Text("field_description"), Kind::kTextarea, false, "", {}},
           {"country", Text("table_country"), Kind::kSelect, true, "", Countries(catalogue)},
           {"area", Text("field_area"), Kind::kText, false, Text("hint_area"), {}},
           {"approaches", Text("table_approaches"), Kind::kMulti, true, Text("hint_multi"),
            Approaches(catalogue)},
           {"status", Text("table_status"), Kind::kSelect, true, "",
            Labelled(hub::ActivityStatuses(), "status_")},
           {"start_date", Text("field_start"), Kind::kDate, false, Text("hint_date"), {}},
           {"end_date", Text("field_end"), Kind::kDate, false, Text("hint_date"), {}},
           {"target_population", Text("field_population"), Kind::kText, false, "", {}},
           {"people_reached", Text("field_reached"), Kind::kNumber, false, "", {}},
           {"budget", Text("field_budget"), Kind::kNumber, false, "", {}},
           {"currency", Text("field_currency"), Kind::kText, false, Text("hint_currency"), {}},
           {"funding_source", Text("field_funding"), Kind::kText, false, "", {}}}};
}

FormSpec NeedForm(const catalogue::Catalogue& catalogue,
                  const std::map<int64_t, std::string>& organizations) {
  return {Text("form_need"),
          "",
          Text("form_save"),
          {{"country", Text("table_country"), Kind::kSelect, true, "", Countries(catalogue)},
           {"organization_id", Text("field_asking_organization"), Kind::kSelect, false, "",
            Organizations(organizations)},
           {"kind", Text("table_kind"), Kind::kSelect, true, "",
            Labelled(hub::SupportKinds(), "kind_")},
           {"approaches", Text("table_approaches"), Kind::kMulti, true, Text("hint_multi"),
            Approaches(catalogue)},
           {"description", Text("field_description"), Kind::kTextarea, false, "", {}}}};
}

FormSpec OfferForm(const catalogue::Catalogue& catalogue,
                   const std::map<int64_t, std::string>& organizations) {
  return {Text("form_offer"),
          "",
          Text("form_save"),
          {{"organization_id", Text("table_organization"), Kind::kSelect, true, "",
            Organizations(organizations)},
           {"kind", Text("table_kind"), Kind::kSelect, true, "",
            Labelled(hub::SupportKinds(), "kind_")},
           {"approaches", Text("table_approaches"), Kind::kMulti, true, Text("hint_multi"),
            Approaches(catalogue)},
           {"countries", Text("table_countries"), Kind::kMulti, false, Text("hint_where"),
            Countries(catalogue)},
           {"regions", Text("field_regions"), Kind::kMulti, false, Text("hint_where"),
            Regions(catalogue)},
           {"capacity", Text("field_capacity"), Kind::kText, false, "", {}}}};
}

FormSpec TargetForm(const catalogue::Catalogue& catalogue) {
  Options indicators;
  for (const auto& i : catalogue.indicators()) indicators.emplace_back(i.id, i.id + " " + i.name);
  return {Text("form_target"),
          "",
          Text("form_save"),
          {{"country", Text("table_country"), Kind::kSelect, true, "", Countries(catalogue)},
           {"indicator", Text("table_indicator"), Kind::kSelect, true, "", indicators},
           {"direction",
            Text("field_direction"),
            Kind::kSelect,
            false,
            "",
            {{"decrease", Text("direction_decrease")}, {"increase", Text("direction_increase")}}},
           {"baseline_value",
            Text("field_baseline_value"),
            Kind::kNumber,
            false,
            Text("hint_proportion"),
            {}},
           {"baseline_year", Text("field_baseline_year"), Kind::kInteger, false, "", {}},
           {"baseline_source", Text("field_baseline_source"), Kind::kText, false, "", {}},
           {"target_value",
            Text("field_target_value"),
            Kind::kNumber,
            false,
            Text("hint_proportion"),
            {}},
           {"target_year", Text("field_target_year"), Kind::kInteger, false, "", {}},
           {"note", Text("field_note"), Kind::kTextarea, false, "", {}}}};
}

FormSpec StudyForm(const catalogue::Catalogue& catalogue) {
  Options indicators;
  for (const auto& i : catalogue.indicators()) indicators.emplace_back(i.id, i.id + " " + i.name);
  Options designs, risks;
  for (const auto& d : hub::StudyDesigns()) designs.emplace_back(d, d);
  for (const auto& r : hub::RisksOfBias()) risks.emplace_back(r, r);
  FormSpec spec{Text("form_study"),
                "",
                Text("form_save"),
                {{"study", Text("study_study"), Kind::kText, true, Text("hint_study"), {}},
                 {"citation", Text("field_citation"), Kind::kTextarea, false, "", {}},
                 {"doi", "DOI", Kind::kText, false, Text("hint_doi"), {}},
                 {"url", Text("field_website"), Kind::kText, false, "", {}},
                 {"year", Text("study_year"), Kind::kInteger, true, "", {}},
                 {"country", Text("study_country"), Kind::kSelect, false,
                  Text("hint_study_country"), Countries(catalogue)},
                 {"setting", Text("field_setting"), Kind::kText, false, "", {}},
                 {"design", Text("study_design"), Kind::kSelect, true, "", designs},
                 {"risk_of_bias", Text("study_risk_of_bias"), Kind::kSelect, true, "", risks},
                 {"approaches", Text("table_approaches"), Kind::kMulti, true, Text("hint_multi"),
                  Approaches(catalogue)},
                 {"outcome", Text("field_outcome"), Kind::kText, true, Text("hint_outcome"), {}},
                 {"indicator", Text("table_indicator"), Kind::kSelect, false,
                  Text("hint_study_indicator"), indicators},
                 {"measure",
                  Text("field_measure"),
                  Kind::kSelect,
                  true,
                  Text("hint_measure"),
                  {{"OR", "OR — odds ratio (events)"},
                   {"RR", "RR — risk ratio (events)"},
                   {"RD", "RD — risk difference (events)"},
                   {"SMD", "SMD — Hedges' g (means)"},
                   {"MD", "MD — mean difference (means)"},
                   {"GEN", "GEN — effect given with its variance or SE"}}},
                 {"favourable",
                  Text("field_favourable"),
                  Kind::kSelect,
                  true,
                  "",
                  {{"lower", Text("favourable_lower")}, {"higher", Text("favourable_higher")}}}}};
  for (const auto& name : hub::StudyNumberNames()) {
    spec.fields.push_back({name, Text("number_" + name), Kind::kNumber, false, "", {}});
  }
  spec.fields.push_back({"note", Text("field_note"), Kind::kTextarea, false, "", {}});
  return spec;
}

FormSpec UserForm(const std::map<int64_t, std::string>& organizations,
                  const catalogue::Catalogue& catalogue) {
  return {Text("form_user"),
          "",
          Text("form_save"),
          {{"email", Text("login_email"), Kind::kEmail, true, "", {}},
           {"password", Text("login_password"), Kind::kPassword, true, Text("hint_password"), {}},
           {"role",
            Text("field_role"),
            Kind::kSelect,
            true,
            "",
            {{"admin", "admin"},
             {"secretariat", "secretariat"},
             {"org_editor", "org_editor"},
             {"country_focal_point", "country_focal_point"},
             {"viewer", "viewer"}}},
           {"organization_id", Text("table_organization"), Kind::kSelect, false,
            Text("hint_user_org"), Organizations(organizations)},
           {"country", Text("table_country"), Kind::kSelect, false, Text("hint_user_country"),
            Countries(catalogue)}}};
}

Json FieldsFromForm(const FormSpec& spec, const std::multimap<std::string, std::string>& params) {
  Json fields = Json::object();
  std::set<std::string> multi_present;
  for (auto [it, end] = params.equal_range("_multi"); it != end; ++it) {
    multi_present.insert(it->second);
  }
  for (const FormField& field : spec.fields) {
    if (field.kind == Kind::kMulti) {
      if (multi_present.count(field.name) == 0 && params.count(field.name) == 0) continue;
      Json list = Json::array();
      for (auto [it, end] = params.equal_range(field.name); it != end; ++it) {
        if (!it->second.empty()) list.push_back(it->second);
      }
      fields[field.name] = list;
      continue;
    }
    const auto found = params.find(field.name);
    if (found == params.end()) continue;
    std::string text = found->second;
    while (!text.empty() && (text.back() == ' ' || text.back() == '\r' || text.back() == '\n')) {
      text.pop_back();
    }
    while (!text.empty() && text.front() == ' ') text.erase(0, 1);
    if (field.kind == Kind::kNumber || field.kind == Kind::kInteger ||
        (field.kind == Kind::kSelect && field.name == "organization_id")) {
      if (text.empty()) {
        fields[field.name] = nullptr;
        continue;
      }
      const char* end = text.data() + text.size();
      int64_t integer = 0;
      double number = 0;
      if (auto [at, ec] = std::from_chars(text.data(), end, integer);
          ec == std::errc() && at == end) {
        fields[field.name] = integer;
      } else if (auto [at2, ec2] = std::from_chars(text.data(), end, number);
                 field.kind == Kind::kNumber && ec2 == std::errc() && at2 == end) {
        fields[field.name] = number;
      } else {
        fields[field.name] = text;  // the hub names the field and says what it expects
      }
      continue;
    }
    if (field.kind == Kind::kSelect && text.empty() && !field.required) {
      fields[field.name] = nullptr;
      continue;
    }
    fields[field.name] = text;
  }
  return fields;
}

core::Result<std::string> RenderForm(const FormSpec& spec, const Json& values,
                                     const std::string& csrf, const core::Error& error) {
  Json fields = Json::array();
  bool placed = false;
  for (const FormField& field : spec.fields) {
    const Json value = values.contains(field.name) ? values[field.name] : Json();
    Json view = {{"name", field.name},
                 {"label", field.label},
                 {"required", field.required},
                 {"hint", field.hint},
                 {"is_text", field.kind == Kind::kText || field.kind == Kind::kNumber ||
                                 field.kind == Kind::kInteger || field.kind == Kind::kDate ||
                                 field.kind == Kind::kEmail || field.kind == Kind::kPassword},
                 {"is_textarea", field.kind == Kind::kTextarea},
                 {"is_select", field.kind == Kind::kSelect},
                 {"is_multi", field.kind == Kind::kMulti},
                 {"input_type", field.kind == Kind::kEmail      ? "email"
                                : field.kind == Kind::kPassword ? "password"
                                                                : "text"},
                 {"value", field.kind == Kind::kPassword ? "" : ValueText(value)}};
    std::string described;
    if (!field.hint.empty()) described = "f-" + field.name + "-hint";
    // The hub names the field ("approaches", "records[2].title" for imports: the last part).
    const std::string at_fault = error.field.substr(error.field.rfind('.') + 1);
    if (!error.message.empty() && at_fault == field.name) {
      view["error"] = error.message;
      described += (described.empty() ? "" : " ") + ("f-" + field.name + "-error");
      placed = true;
    }
    if (!described.empty()) view["described"] = described;
    if (field.kind == Kind::kSelect || field.kind == Kind::kMulti) {
      std::set<std::string> chosen;
      if (value.is_array()) {
        for (const Json& v : value) chosen.insert(ValueText(v));
      } else {
        chosen.insert(ValueText(value));
      }
      Json options = Json::array();
      for (const auto& [option, label] : field.options) {
        options.push_back(
            {{"value", option}, {"label", label}, {"selected", chosen.count(option) > 0}});
      }
      view["options"] = options;
    }
    fields.push_back(std::move(view));
  }
  Json view = {{"title", spec.title},
               {"action", spec.action},
               {"submit", spec.submit},
               {"csrf", csrf},
               {"fields", fields}};
  if (!error.message.empty() && !placed) view["form_error"] = error.message;
  return RenderTemplate("form", view);
}

}  // namespace inspire::web
