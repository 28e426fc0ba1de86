#include "survey/public_file.h"

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <memory>

#include "core/csv_writer.h"
#include "core/file.h"
#include "survey/readstat_writer.h"

namespace inspire::survey {
namespace {

using core::ErrorCode;
using core::Fail;

// The CSV text of `table`'s rows [begin, end).
std::string CsvRows(const Table& table, size_t begin, size_t end) {
  std::string out;
  std::vector<std::string> fields(table.columns().size());
  for (size_t row = begin; row < end; ++row) {
    for (size_t c = 0; c < fields.size(); ++c) {
      const Column& column = table.columns()[c];
      const double value = column.values[row];
      fields[c] = IsMissing(value) ? ""
                  : column.is_text ? column.LabelOf(value)
                                   : FormatNumber(value);
    }
    out += core::CsvRecord(fields);
  }
  return out;
}

core::Result<void> WriteCsv(const std::string& path, const Table& table) {
  return core::WriteThroughTemporary(path, [&](std::FILE* file) -> core::Result<void> {
    bool ok = true;
    const auto put = [&](const std::string& text) {
      ok = ok && std::fwrite(text.data(), 1, text.size(), file) == text.size();
    };
    put(core::CsvRecord(table.Names()));
    constexpr size_t kBlock = 4096;  // rows per write: memory stays small for any file
    for (size_t begin = 0; begin < table.rows() && ok; begin += kBlock) {
      put(CsvRows(table, begin, std::min(table.rows(), begin + kBlock)));
    }
    if (!ok) return Fail(ErrorCode::kIo, path + ": cannot write the file");
    return {};
  });
}

}  // namespace

core::Result<Table> PublicUseTable(const Table& table, const Design& design, const DesignSpec& spec,
                                   const MadeReplicates& made, const std::string& prefix) {
  Table out;
  for (const Column& column : table.columns()) {
    if (column.name == spec.strata || column.name == spec.psu) continue;
    out.Put(column);
  }
  const size_t count = made.count();
  for (size_t r = 0; r < count; ++r) {
    Column column;
    column.name = fmt::format("{}{}", prefix, r + 1);
    if (table.Find(column.name) != nullptr) {
      return Fail(ErrorCode::kValidation,
                  fmt::format("the file already has a variable '{}'; choose another --prefix",
                              column.name));
    }
    column.label =
        fmt::format("{} replicate weight {} of {}", ReplicateTypeName(made.type), r + 1, count);
    std::vector<double> values(table.rows());
    for (size_t row = 0; row < table.rows(); ++row) {
      values[row] = design.weight[row] * made.factors[design.psu[row] * count + r];
    }
    column.values = ColumnValues(values);
    out.Put(std::move(column));
  }
  return out;
}

std::string ReplicateDesignYaml(const std::string& weight, const MadeReplicates& made,
                                const std::string& prefix) {
  std::string rscales;
  for (const double value : made.rscales) {
    rscales += fmt::format("{}{:.17g}", rscales.empty() ? "" : ", ", value);
  }
  return fmt::format(
      "design:\n  weight: {}\n  replicates: \"{}*\"\n  type: {}\n  scale: {:.17g}\n"
      "  rscales: [{}]\n  mse: false\n",
      weight, prefix, ReplicateTypeName(made.type), made.scale, rscales);
}

core::Result<void> WriteSurvey(const std::string& path, const Table& table) {
  const std::string extension = std::filesystem::path(path).extension().string();
  if (extension == ".csv") return WriteCsv(path, table);
  if (extension == ".sav") return WriteStatFile(path, StatFormat::kSav, table);
  if (extension == ".dta") return WriteStatFile(path, StatFormat::kDta, table);
  return Fail(
      ErrorCode::kInvalidArgument,
      fmt::format("{}: cannot write '{}' files; expected .csv, .sav or .dta", path, extension));
}

}  // namespace inspire::survey
