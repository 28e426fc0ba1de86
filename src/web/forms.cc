#include "web/forms.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <set>

#include "hub/actor.h"
#include "hub/record_fields.h"
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

// Every role of hub/actor.h, labelled in the reader's words.
Options RoleChoices() {
  Options out;
  for (const std::string& role : hub::RoleNames())
    out.emplace_back(role, Text("role_name_" + role));
  return out;
}

Options Organizations(const std::map<int64_t, std::string>& organizations) {
  Options out;
  for (const auto& [id, name] : organizations) out.emplace_back(std::to_string(id), name);
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.second < b.second; });
  return out;
}

std::string ValueText(const Json& value) {
  if (value.is_null()) return "";
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_float()) return fmt::format("{}", value.get<double>());
  return value.dump();
}

}  // namespace

FormField FieldFor(const hub::FieldSpec& field, const FormChoices& choices) {
  using T = hub::FieldType;
  FormField out{field.name,
                Text(field.label),
                Kind::kText,
                field.required,
                field.hint.empty() ? "" : Text(field.hint),
                {}};
  if (field.initial.is_string()) out.initial = field.initial.get<std::string>();
  switch (field.type) {
    case T::kLongText:
      out.kind = Kind::kTextarea;
      break;
    case T::kChoice:
      out.kind = Kind::kSelect;
      for (const auto& choice : field.choices) {
        out.options.emplace_back(
            choice, field.choice_labels.empty() ? choice : Text(field.choice_labels + choice));
      }
      break;
    case T::kDate:
      out.kind = Kind::kDate;
      break;
    case T::kYear:
      out.kind = Kind::kInteger;
      break;
    case T::kAmount:
    case T::kNumber:
      out.kind = Kind::kNumber;
      break;
    case T::kCountry:
      out.kind = Kind::kSelect;
      out.options = Countries(choices.catalogue);
      break;
    case T::kCountries:
      out.kind = Kind::kMulti;
      out.options = Countries(choices.catalogue);
      break;
    case T::kRegions:
      out.kind = Kind::kMulti;
      for (const auto& code : hub::RegionCodes(choices.catalogue))
        out.options.emplace_back(code, code);
      break;
    case T::kApproaches:
      out.kind = Kind::kMulti;
      out.options = Approaches(choices.catalogue);
      break;
    case T::kOrganization:
      out.kind = Kind::kSelect;
      out.numeric = true;
      out.options = Organizations(choices.organizations);
      break;
    case T::kOrganizations:
      out.kind = Kind::kMulti;
      out.numeric = true;
      out.options = Organizations(choices.organizations);
      break;
    case T::kChoices:
      out.kind = Kind::kMulti;
      for (const auto& choice : field.choices) {
        out.options.emplace_back(
            choice, field.choice_labels.empty() ? choice : Text(field.choice_labels + choice));
      }
      break;
    case T::kRecordId:
    case T::kInteger:
      out.kind = Kind::kInteger;
      break;
    case T::kIndicator:
      out.kind = Kind::kSelect;
      for (const auto& i : choices.catalogue.indicators()) {
        out.options.emplace_back(i.id, i.id + " " + i.name);
      }
      break;
    default:
      break;
  }
  return out;
}

FormSpec RecordForm(const hub::RecordFields& fields, const std::string& title,
                    const FormChoices& choices) {
  FormSpec spec{Text(title), "", Text("form_save"), {}};
  for (const hub::FieldSpec& field : fields.fields) {
    // Objects (focal points) are edited through the API; the hub sets internal fields itself.
    if (hub::SetByHub(field) || field.type == hub::FieldType::kObjects) continue;
    spec.fields.push_back(FieldFor(field, choices));
  }
  return spec;
}

FormSpec UserForm(const std::map<int64_t, std::string>& organizations,
                  const catalogue::Catalogue& catalogue) {
  return {Text("form_user"),
          "",
          Text("form_save"),
          {{"email", Text("login_email"), Kind::kEmail, true, "", {}},
           {"password", Text("login_password"), Kind::kPassword, true, Text("hint_password"), {}},
           {"role", Text("field_role"), Kind::kSelect, true, "", RoleChoices()},
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
        if (it->second.empty()) continue;
        int64_t id = 0;
        const char* last = it->second.data() + it->second.size();
        const auto [at, ec] = std::from_chars(it->second.data(), last, id);
        // Ids go as numbers; anything else as given, for the hub to name.
        list.push_back(field.numeric && ec == std::errc() && at == last ? Json(id)
                                                                        : Json(it->second));
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
    if (field.kind == Kind::kSelect && text.empty() && !field.initial.empty()) {
      continue;  // nothing chosen: the record keeps its value (a new one its initial value)
    }
    if (field.kind == Kind::kNumber || field.kind == Kind::kInteger || field.numeric) {
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

namespace {

// Marks where a field's group opens (its legend) and where the previous one closes, for the
// template's fieldsets; `fields` holds the views of the fields before this one.
void GroupMarks(const FormField& field, const Json& fields, Json& view) {
  const std::string previous = fields.empty() ? "" : fields.back().value("group", "");
  view["group"] = field.group;
  if (field.group == previous) return;
  if (!previous.empty()) view["close_group"] = true;
  if (!field.group.empty()) view["open_group"] = field.group;
}

}  // namespace

core::Result<std::string> RenderForm(const FormSpec& spec, const Json& values,
                                     const std::string& csrf, const core::Error& error) {
  Json fields = Json::array();
  bool placed = false;
  for (const FormField& field : spec.fields) {
    const Json value = values.contains(field.name) ? values[field.name]
                       : field.initial.empty()     ? Json()
                                                   : Json(field.initial);
    Json view = {{"name", field.name},
                 {"label", field.label},
                 {"required", field.required},
                 {"hint", field.hint.empty() ? Json() : Json(field.hint)},
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
    if (!error.message.empty() && (error.field == field.name || at_fault == field.name)) {
      view["error"] = error.message;
      described += (described.empty() ? "" : " ") + ("f-" + field.name + "-error");
      placed = true;
    }
    if (!described.empty()) view["described"] = described;
    GroupMarks(field, fields, view);
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
  const bool grouped = !spec.fields.empty() && !spec.fields.back().group.empty();
  Json view = {{"title", spec.title},
               {"action", spec.action},
               {"submit", spec.submit},
               {"csrf", csrf},
               {"fields", fields},
               {"close_last_group", grouped},
               {"intro", spec.intro.empty() ? Json() : Json(spec.intro)}};
  if (!error.message.empty() && !placed) view["form_error"] = error.message;
  return RenderTemplate("form", view);
}

}  // namespace inspire::web
