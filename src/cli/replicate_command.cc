#include "cli/replicate_command.h"

#include <fmt/format.h>

#include "core/file.h"
#include "survey/design.h"
#include "survey/public_file.h"
#include "survey/reader.h"
#include "survey/recipe.h"
#include "survey/replicate_make.h"

namespace inspire::cli {
namespace {

using core::ErrorCode;
using core::Fail;

core::Result<survey::MakeReplicatesOptions> MakeOptions(const ReplicateRequest& request) {
  survey::MakeReplicatesOptions options;
  const auto type = survey::ParseReplicateType(request.type);
  if (!type || (*type != survey::ReplicateType::kJKn && *type != survey::ReplicateType::kJK1 &&
                *type != survey::ReplicateType::kBootstrap)) {
    return Fail(ErrorCode::kInvalidArgument,
                "--type '" + request.type + "': expected JKn, JK1 or bootstrap");
  }
  options.type = *type;
  const auto lonely = survey::ParseLonelyPsu(request.lonely_psu);
  if (!lonely) {
    return Fail(ErrorCode::kInvalidArgument,
                "--lonely-psu '" + request.lonely_psu +
                    "': expected fail, remove, adjust, certainty or average");
  }
  options.lonely_psu = *lonely;
  options.bootstrap_replicates = request.replicates;
  options.seed = request.seed;
  if (request.prefix.empty()) return Fail(ErrorCode::kInvalidArgument, "--prefix is empty");
  return options;
}

std::string DesignPath(const ReplicateRequest& request) {
  if (!request.design_out.empty()) return request.design_out;
  std::filesystem::path path(request.out);
  path.replace_extension(".design.yaml");
  return path.string();
}

}  // namespace

core::Result<std::string> RunReplicate(const ReplicateRequest& request,
                                       const std::filesystem::path& data_dir) {
  INSPIRE_ASSIGN_OR_RETURN(const auto options, MakeOptions(request));
  const std::string extension = std::filesystem::path(request.out).extension().string();
  if (extension != ".csv" && extension != ".sav" && extension != ".dta") {
    return Fail(ErrorCode::kInvalidArgument,
                "--out '" + request.out + "': expected a .csv, .sav or .dta file name");
  }
  INSPIRE_ASSIGN_OR_RETURN(const survey::Recipe recipe,
                           survey::LoadRecipe(request.recipe, data_dir));
  // Every variable, SPSS user-missing values with their codes: the public file keeps them.
  INSPIRE_ASSIGN_OR_RETURN(const survey::Table table,
                           survey::ReadSurveys(request.data, nullptr, 0, true));
  const std::string name = request.data.size() == 1 ? request.data[0] : "the stacked files";
  INSPIRE_ASSIGN_OR_RETURN(const survey::Design design,
                           survey::BuildDesign(table, recipe.design, name));
  INSPIRE_ASSIGN_OR_RETURN(const auto made, survey::MakeReplicates(design, options));
  INSPIRE_ASSIGN_OR_RETURN(
      const survey::Table output,
      survey::PublicUseTable(table, design, recipe.design, made, request.prefix));
  const std::string yaml = survey::ReplicateDesignYaml(recipe.design.weight, made, request.prefix);
  const std::string design_path = DesignPath(request);
  INSPIRE_RETURN_IF_ERROR(survey::WriteSurvey(request.out, output));
  INSPIRE_RETURN_IF_ERROR(core::WriteFileAtomically(design_path, yaml));
  std::string removed = recipe.design.strata;
  if (!recipe.design.psu.empty()) removed += (removed.empty() ? "" : ", ") + recipe.design.psu;
  return fmt::format(
      "{}: {} rows, {} {} replicate weights {}1..{}{} (weight {} kept{}{})\n"
      "The recipe's design block for it ({}):\n{}",
      request.out, output.rows(), made.count(), survey::ReplicateTypeName(made.type),
      request.prefix, request.prefix, made.count(), recipe.design.weight,
      removed.empty() ? "" : "; removed ", removed, design_path, yaml);
}

void AddReplicateCommand(CLI::App& app, const std::function<void(const ReplicateRequest&)>& run) {
  auto request = std::make_shared<ReplicateRequest>();
  auto* command = app.add_subcommand(
      "replicate",
      "Write a public-use copy of a survey file with replicate weights instead of its strata "
      "and PSUs");
  command->add_option("DATA", request->data, "Survey file(s): .csv, .sav, .zsav or .dta")
      ->required();
  command
      ->add_option("--recipe", request->recipe,
                   "Recipe whose design gives the weight, strata and PSU (a file or builtin:NAME)")
      ->required();
  command->add_option("--type", request->type,
                      "JKn (default: one replicate per PSU, by stratum), JK1 (no strata) or "
                      "bootstrap (Rao-Wu rescaling)");
  command->add_option("--replicates", request->replicates, "Bootstrap replicates (default 200)");
  command->add_option("--seed", request->seed, "Bootstrap seed (default 1)");
  command->add_option("--lonely-psu", request->lonely_psu,
                      "Strata with one PSU: fail (default), remove, adjust, certainty, average");
  command->add_option("--prefix", request->prefix,
                      "Names of the replicate weights: PREFIX1, PREFIX2, ... (default repw)");
  command->add_option("--out", request->out, "The public-use file: .csv, .sav or .dta")->required();
  command->add_option("--design-out", request->design_out,
                      "Where to write the recipe design block (default: OUT with .design.yaml)");
  command->callback([request, run] { run(*request); });
}

}  // namespace inspire::cli
