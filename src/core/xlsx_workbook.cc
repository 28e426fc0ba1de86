// The adapter of libxlsxwriter: the only file that includes <xlsxwriter.h>.
#include "core/xlsx_workbook.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <array>
#include <cstdio>
#include <vector>

#include "core/file.h"

namespace inspire::core {

struct XlsxWorkbook::Impl {
  lxw_workbook* workbook = nullptr;
  std::vector<lxw_worksheet*> sheets;
  std::array<lxw_format*, 5> formats{};  // by Style

  lxw_format* Format(Style style) const {
    return style == Style::kPlain ? nullptr : formats[static_cast<size_t>(style)];
  }
};

Result<XlsxWorkbook> XlsxWorkbook::Create(const std::filesystem::path& path) {
  auto impl = std::make_unique<Impl>();
  impl->workbook = workbook_new(path.c_str());
  if (impl->workbook == nullptr) {
    return Fail(ErrorCode::kIo, path.string() + ": cannot start an XLSX workbook");
  }
  const auto add = [&](Style style) {
    lxw_format* format = workbook_add_format(impl->workbook);
    impl->formats[static_cast<size_t>(style)] = format;
    return format;
  };
  format_set_bold(add(Style::kHeader));
  format_set_num_format(add(Style::kPercent), "0.0%");
  format_set_num_format(add(Style::kDecimal), "0.0000");
  format_set_num_format(add(Style::kInteger), "0");
  return XlsxWorkbook(std::move(impl));
}

XlsxWorkbook::XlsxWorkbook(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
XlsxWorkbook::XlsxWorkbook(XlsxWorkbook&&) noexcept = default;
XlsxWorkbook& XlsxWorkbook::operator=(XlsxWorkbook&&) noexcept = default;

XlsxWorkbook::~XlsxWorkbook() {
  if (impl_ != nullptr && impl_->workbook != nullptr) workbook_close(impl_->workbook);
}

Result<size_t> XlsxWorkbook::AddSheet(const std::string& name) {
  lxw_worksheet* sheet = workbook_add_worksheet(impl_->workbook, name.c_str());
  if (sheet == nullptr) return Fail(ErrorCode::kIo, "the workbook refuses a sheet named " + name);
  impl_->sheets.push_back(sheet);
  return impl_->sheets.size() - 1;
}

void XlsxWorkbook::Text(size_t sheet, uint32_t row, uint16_t column, const std::string& text,
                        Style style) {
  worksheet_write_string(impl_->sheets.at(sheet), row, column, text.c_str(), impl_->Format(style));
}

void XlsxWorkbook::Number(size_t sheet, uint32_t row, uint16_t column, double value, Style style) {
  worksheet_write_number(impl_->sheets.at(sheet), row, column, value, impl_->Format(style));
}

void XlsxWorkbook::ColumnWidth(size_t sheet, uint16_t first, uint16_t last, double width) {
  worksheet_set_column(impl_->sheets.at(sheet), first, last, width, nullptr);
}

Result<void> XlsxWorkbook::ChoiceList(size_t sheet, uint32_t first_row, uint32_t last_row,
                                      uint16_t column, const std::vector<std::string>& choices) {
  size_t length = 0;
  for (const auto& choice : choices) length += choice.size() + 1;
  if (choices.empty() || length > 256) {
    return Fail(ErrorCode::kValidation, "a drop-down list holds at most 255 characters");
  }
  std::vector<char*> list;
  list.reserve(choices.size() + 1);
  for (const auto& choice : choices) list.push_back(const_cast<char*>(choice.c_str()));
  list.push_back(nullptr);
  lxw_data_validation validation{};
  validation.validate = LXW_VALIDATION_TYPE_LIST;
  validation.value_list = list.data();
  worksheet_data_validation_range(impl_->sheets.at(sheet), first_row, column, last_row, column,
                                  &validation);
  return {};
}

void XlsxWorkbook::FreezeTopRow(size_t sheet) {
  worksheet_freeze_panes(impl_->sheets.at(sheet), 1, 0);
}

Result<void> XlsxWorkbook::Close() {
  const lxw_error closed = workbook_close(impl_->workbook);
  impl_->workbook = nullptr;
  if (closed != LXW_NO_ERROR) {
    return Fail(ErrorCode::kIo,
                std::string("cannot write the XLSX workbook: ") + lxw_strerror(closed));
  }
  return {};
}

Result<std::string> XlsxBytes(const std::function<Result<void>(XlsxWorkbook&)>& fill) {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "inspire-xlsx-XXXXXX.xlsx").string();
  const int fd = ::mkstemps(pattern.data(), 5);
  if (fd < 0) return Fail(ErrorCode::kIo, "cannot make a temporary file for XLSX");
  ::close(fd);
  struct Remove {
    std::string path;
    ~Remove() { std::remove(path.c_str()); }
  } remove{pattern};
  INSPIRE_ASSIGN_OR_RETURN(XlsxWorkbook workbook, XlsxWorkbook::Create(pattern));
  INSPIRE_RETURN_IF_ERROR(fill(workbook));
  INSPIRE_RETURN_IF_ERROR(workbook.Close());
  return ReadFile(pattern);
}

}  // namespace inspire::core
