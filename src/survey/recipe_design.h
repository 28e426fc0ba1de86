// The `design` block of a recipe (docs/recipes.md): the weight, and either strata and PSU or
// replicate weights with their type and constants, and the df rule.
#ifndef INSPIRE_SURVEY_RECIPE_DESIGN_H_
#define INSPIRE_SURVEY_RECIPE_DESIGN_H_

#include <yaml-cpp/yaml.h>

#include <string>

#include "core/error.h"
#include "survey/design.h"

namespace inspire::survey {

// Reads root["design"]. Errors (kValidation) name `file`, the line and the field: a missing
// design or weight, an unknown key (with the nearest one), a df rule or replicate type outside
// the choices, a constant that is not a number, a replicate key without `replicates`, and
// replicates together with strata or psu.
core::Result<DesignSpec> ParseDesignSpec(const YAML::Node& root, const std::string& file);

}  // namespace inspire::survey

#endif  // INSPIRE_SURVEY_RECIPE_DESIGN_H_
