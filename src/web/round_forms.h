// The form of one section of an implementation round: a fieldset per row (a kind of law, an
// approach, a milestone; for plans and surveys each one given and two blank ones to add), each
// field named "r<row>.<field>", so that a long questionnaire is saved section by section without
// script. Turns what was posted into the section's items (the rows left blank are answers not
// given) and a refusal of item i into the field of its row.
#ifndef INSPIRE_WEB_ROUND_FORMS_H_
#define INSPIRE_WEB_ROUND_FORMS_H_

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "catalogue/catalogue.h"
#include "core/error.h"
#include "web/forms.h"

namespace inspire::web {

struct SectionForm {
  FormSpec spec;
  std::string section;
  std::vector<std::string> keys;  // the row's law kind, approach or milestone; "" in lists
};

// The form of `section` ("laws", ...) for a round whose section holds `items`. kNotFound naming
// section for an unknown one.
core::Result<SectionForm> MakeSectionForm(const std::string& section,
                                          const nlohmann::ordered_json& items,
                                          const catalogue::Catalogue& catalogue);

// `items` as the form's values ({"r0.in_place": "yes", ...}).
nlohmann::ordered_json SectionValues(const SectionForm& form, const nlohmann::ordered_json& items);

// The posted `params` as the section's items; `rows[i]` is the row of item i.
nlohmann::ordered_json SectionItems(const SectionForm& form,
                                    const std::multimap<std::string, std::string>& params,
                                    std::vector<size_t>& rows);

// The hub's refusal of "<section>[i].<field>" as the refusal of "r<rows[i]>.<field>".
core::Error SectionError(const SectionForm& form, core::Error error,
                         const std::vector<size_t>& rows);

}  // namespace inspire::web

#endif  // INSPIRE_WEB_ROUND_FORMS_H_
