#include "web/round_forms.h"

#include <fmt/format.h>

#include <charconv>

#include "hub/implementation_fields.h"
#include "hub/implementation_sections.h"
#include "web/page_text.h"

namespace inspire::web {

using Json = nlohmann::ordered_json;

namespace {

constexpr size_t kBlankRows = 2;  // rows offered for a new plan or survey

// The rows of a section: (key, legend) for each law kind, approach or milestone; for lists,
// one per item given and kBlankRows more.
std::vector<std::pair<std::string, std::string>> Rows(const std::string& section, const Json& items,
                                                      const catalogue::Catalogue& catalogue) {
  std::vector<std::pair<std::string, std::string>> rows;
  if (section == "laws") {
    for (const auto& law : catalogue.law_kinds()) rows.emplace_back(law.id, law.name);
  } else if (section == "approaches") {
    for (const auto& a : catalogue.approaches()) rows.emplace_back(a.id, a.id + " " + a.name);
  } else if (section == "milestones") {
    for (const auto& m : hub::Milestones()) rows.emplace_back(m, Label("milestone_", m));
  } else {
    const std::string noun = Label("", section == "plans" ? "impl_plan_row" : "impl_survey_row");
    for (size_t i = 0; i < items.size() + kBlankRows; ++i) {
      rows.emplace_back("", fmt::format("{} {}{}", noun, i + 1,
                                        i < items.size() ? "" : Label("", "impl_new_row")));
    }
  }
  return rows;
}

// The item of `items` for row `row` of `form`.
const Json* ItemOfRow(const SectionForm& form, const Json& items, size_t row) {
  const std::string key_field = hub::SectionKeyField(form.section);
  if (key_field.empty()) return row < items.size() ? &items[row] : nullptr;
  for (const Json& item : items) {
    if (item[key_field] == form.keys[row]) return &item;
  }
  return nullptr;
}

// True when a posted value says nothing (blank, no choice, unknown).
bool Blank(const Json& value) {
  return value.is_null() ||
         (value.is_string() && (value.get<std::string>().empty() || value == "unknown")) ||
         (value.is_array() && value.empty());
}

}  // namespace

core::Result<SectionForm> MakeSectionForm(const std::string& section, const Json& items,
                                          const catalogue::Catalogue& catalogue) {
  const hub::RecordFields* fields = hub::SectionFields(section);
  if (fields == nullptr) {
    return core::FailField(core::ErrorCode::kNotFound, "section",
                           fmt::format("a round has no section '{}'", section));
  }
  SectionForm form{
      {Label("", "impl_section_" + section), "", Label("", "form_save"), {}}, section, {}};
  form.spec.intro = Label("", "impl_section_intro");
  const std::map<int64_t, std::string> no_organizations;
  const std::string key_field = hub::SectionKeyField(section);
  for (const auto& [key, legend] : Rows(section, items, catalogue)) {
    const size_t row = form.keys.size();
    form.keys.push_back(key);
    for (const hub::FieldSpec& spec : fields->fields) {
      if (hub::SetByHub(spec) || spec.name == key_field) continue;
      FormField field = FieldFor(spec, {catalogue, no_organizations});
      field.name = fmt::format("r{}.{}", row, spec.name);
      field.required = field.required && key_field.empty() && row < items.size();
      field.group = legend;
      if (section == "laws" && spec.name == "in_place") {
        field.hint = Label("", "impl_partly_means") + " " + catalogue.FindLawKind(key)->partly;
      }
      form.spec.fields.push_back(std::move(field));
    }
  }
  return form;
}

Json SectionValues(const SectionForm& form, const Json& items) {
  Json values = Json::object();
  for (size_t row = 0; row < form.keys.size(); ++row) {
    const Json* item = ItemOfRow(form, items, row);
    if (item == nullptr) continue;
    for (const auto& [name, value] : item->items())
      values[fmt::format("r{}.{}", row, name)] = value;
  }
  return values;
}

Json SectionItems(const SectionForm& form, const std::multimap<std::string, std::string>& params,
                  std::vector<size_t>& rows) {
  const Json flat = FieldsFromForm(form.spec, params);
  const std::string key_field = hub::SectionKeyField(form.section);
  Json items = Json::array();
  rows.clear();
  for (size_t row = 0; row < form.keys.size(); ++row) {
    const std::string prefix = fmt::format("r{}.", row);
    Json item = Json::object();
    bool said = false;
    for (const auto& [name, value] : flat.items()) {
      if (name.rfind(prefix, 0) != 0) continue;
      said = said || !Blank(value);
      if (!value.is_null() && !(value.is_string() && value.get<std::string>().empty())) {
        item[name.substr(prefix.size())] = value;
      }
    }
    if (!said) continue;  // a blank row is an answer not given
    if (!key_field.empty()) item[key_field] = form.keys[row];
    items.push_back(std::move(item));
    rows.push_back(row);
  }
  return items;
}

core::Error SectionError(const SectionForm& form, core::Error error,
                         const std::vector<size_t>& rows) {
  const std::string start = form.section + "[";
  if (error.field.rfind(start, 0) != 0) return error;
  size_t index = 0;
  const char* first = error.field.data() + start.size();
  const auto [end, ec] = std::from_chars(first, error.field.data() + error.field.size(), index);
  if (ec != std::errc() || index >= rows.size() || *end != ']') return error;
  const std::string rest = std::string(end + 1);  // ".enforcement"
  error.field = fmt::format("r{}{}", rows[index], rest);
  return error;
}

}  // namespace inspire::web
