// HTML forms that create and edit hub records without script: a form is a list of typed fields;
// a submitted form (application/x-www-form-urlencoded) becomes the same JSON object the API
// takes, so every rule and permission is the hub's. A refused submission comes back as the form
// with what was typed and the reason next to the field at fault (aria-invalid and
// aria-describedby), or at the top when no field is named.
#ifndef INSPIRE_WEB_FORMS_H_
#define INSPIRE_WEB_FORMS_H_

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "catalogue/catalogue.h"
#include "core/error.h"
#include "hub/record_fields.h"

namespace inspire::web {

struct FormField {
  enum class Kind {
    kText,
    kTextarea,
    kSelect,
    kMulti,
    kNumber,
    kInteger,
    kDate,
    kEmail,
    kPassword
  };
  std::string name;
  std::string label;
  Kind kind = Kind::kText;
  bool required = false;
  std::string hint;
  std::vector<std::pair<std::string, std::string>> options;  // value, label (select, multi)
  std::string initial{};  // shown when the record has no value; an empty choice keeps the value
  bool numeric = false;   // a choice whose values are ids, sent as numbers
  std::string group{};    // fields of one group share a fieldset with this legend ("": none)
};

struct FormSpec {
  std::string title;
  std::string action;  // where the form posts
  std::string submit;  // the button's label
  std::vector<FormField> fields;
  std::string intro{};  // a paragraph under the title ("": none)
};

// What a form's choices are drawn from: the catalogue (countries, approaches, indicators,
// regions) and the organisations by id (name shown).
struct FormChoices {
  const catalogue::Catalogue& catalogue;
  const std::map<int64_t, std::string>& organizations;
};

// The input of one declared field: its kind, label, hint and choices (labelled by the UI strings
// the declaration names).
FormField FieldFor(const hub::FieldSpec& field, const FormChoices& choices);

// The form of a record kind, one input per declared field (objects and internal fields aside):
// labels and hints from the UI strings named in the declaration, choices labelled likewise.
// `title`: the UI string key of the form's title.
FormSpec RecordForm(const hub::RecordFields& fields, const std::string& title,
                    const FormChoices& choices);
// The form of a user account (fields of their own: e-mail, password, role).
FormSpec UserForm(const std::map<int64_t, std::string>& organizations,
                  const catalogue::Catalogue& catalogue);

// The submitted fields as a JSON object typed by `spec`: empty text stays "", an empty number
// is null, a multiple choice is a list (empty when nothing is chosen), a number that does not
// read as one stays text so that the hub names the field; fields the form lacks are left out.
nlohmann::ordered_json FieldsFromForm(const FormSpec& spec,
                                      const std::multimap<std::string, std::string>& params);

// The form's main part: `values` (a record or what was typed), the CSRF token, and `error`
// (shown next to its field: the field named exactly, else the one named by the last part of a
// path such as "records[2].title"; empty message: none). Consecutive fields of one `group` share
// a fieldset.
core::Result<std::string> RenderForm(const FormSpec& spec, const nlohmann::ordered_json& values,
                                     const std::string& csrf, const core::Error& error);

}  // namespace inspire::web

#endif  // INSPIRE_WEB_FORMS_H_
