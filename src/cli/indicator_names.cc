#include "cli/indicator_names.h"

#include <utility>

namespace inspire::cli {
namespace {

core::Result<std::unordered_map<std::string, std::string>> ReadNames(
    const catalogue::LoadOptions& options) {
  INSPIRE_ASSIGN_OR_RETURN(const auto indicators, catalogue::LoadIndicators(options));
  std::unordered_map<std::string, std::string> names;
  for (const auto& indicator : indicators) names.emplace(indicator.id, indicator.name);
  return names;
}

}  // namespace

IndicatorNames::IndicatorNames(catalogue::LoadOptions options)
    : names_(std::async(std::launch::async, ReadNames, std::move(options)).share()) {}

std::optional<std::string> IndicatorNames::NameOf(const std::string& id) const {
  const auto& names = names_.get();
  if (!names) return std::nullopt;
  const auto found = names->find(id);
  if (found == names->end()) return std::nullopt;
  return found->second;
}

core::Result<void> IndicatorNames::Status() const {
  const auto& names = names_.get();
  if (!names) return tl::unexpected(names.error());
  return {};
}

}  // namespace inspire::cli
