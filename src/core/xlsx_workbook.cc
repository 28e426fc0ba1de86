// The adapter of libxlsxwriter: the only file that includes <xlsxwriter.h>. The library (and
// the libcrypto and minizip it pulls in) is opened when the first workbook is made, not when the
// program starts: `inspire estimate` writes CSV far more often than XLSX, and loading it cost
// every run 5 ms (docs/DESIGN.md, "Two binaries").
#include "core/xlsx_workbook.h"

#include <dlfcn.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <array>
#include <cstdio>
#include <vector>

#include "core/file.h"

namespace inspire::core {
namespace {

// The functions of libxlsxwriter this adapter calls, typed by the library's own declarations.
struct XlsxApi {
  decltype(&::workbook_new) workbook_new = nullptr;
  decltype(&::workbook_add_format) workbook_add_format = nullptr;
  decltype(&::workbook_add_worksheet) workbook_add_worksheet = nullptr;
  decltype(&::workbook_close) workbook_close = nullptr;
  decltype(&::format_set_bold) format_set_bold = nullptr;
  decltype(&::format_set_num_format) format_set_num_format = nullptr;
  decltype(&::worksheet_write_string) worksheet_write_string = nullptr;
  decltype(&::worksheet_write_number) worksheet_write_number = nullptr;
  decltype(&::worksheet_set_column) worksheet_set_column = nullptr;
  decltype(&::worksheet_data_validation_range) worksheet_data_validation_range = nullptr;
  decltype(&::worksheet_freeze_panes) worksheet_freeze_panes = nullptr;
  decltype(&::lxw_strerror) lxw_strerror = nullptr;
};

template <typename Function>
bool Bind(void* library, const char* name, Function& function) {
  function = reinterpret_cast<Function>(::dlsym(library, name));
  return function != nullptr;
}

// Opens the library and finds every function; the error names what is missing.
Result<XlsxApi> OpenXlsxApi() {
  void* library = ::dlopen(INSPIRE_XLSXWRITER_SONAME, RTLD_NOW | RTLD_LOCAL);
  if (library == nullptr) {
    return Fail(ErrorCode::kInternal,
                std::string("XLSX output needs ") + INSPIRE_XLSXWRITER_SONAME +
                    " (Debian package libxlsxwriter4), which cannot be loaded: " + ::dlerror());
  }
  XlsxApi api;
  const bool bound =
      Bind(library, "workbook_new", api.workbook_new) &&
      Bind(library, "workbook_add_format", api.workbook_add_format) &&
      Bind(library, "workbook_add_worksheet", api.workbook_add_worksheet) &&
      Bind(library, "workbook_close", api.workbook_close) &&
      Bind(library, "format_set_bold", api.format_set_bold) &&
      Bind(library, "format_set_num_format", api.format_set_num_format) &&
      Bind(library, "worksheet_write_string", api.worksheet_write_string) &&
      Bind(library, "worksheet_write_number", api.worksheet_write_number) &&
      Bind(library, "worksheet_set_column", api.worksheet_set_column) &&
      Bind(library, "worksheet_data_validation_range", api.worksheet_data_validation_range) &&
      Bind(library, "worksheet_freeze_panes", api.worksheet_freeze_panes) &&
      Bind(library, "lxw_strerror", api.lxw_strerror);
  if (!bound) {
    return Fail(ErrorCode::kInternal, std::string(INSPIRE_XLSXWRITER_SONAME) +
                                          " lacks a function this build needs: " + ::dlerror());
  }
  return api;  // the library stays open for the life of the process
}

// The library's functions, opened once for the process.
const Result<XlsxApi>& Xlsx() {
  static const Result<XlsxApi> api = OpenXlsxApi();
  return api;
}

}  // namespace

struct XlsxWorkbook::Impl {
  lxw_workbook* workbook = nullptr;
  std::vector<lxw_worksheet*> sheets;
  std::array<lxw_format*, 5> formats{};  // by Style

  lxw_format* Format(Style style) const {
    return style == Style::kPlain ? nullptr : formats[static_cast<size_t>(style)];
  }
};

Result<XlsxWorkbook> XlsxWorkbook::Create(const std::filesystem::path& path) {
  if (!Xlsx()) return tl::unexpected(Xlsx().error());
  const XlsxApi& api = *Xlsx();
  auto impl = std::make_unique<Impl>();
  impl->workbook = api.workbook_new(path.c_str());
  if (impl->workbook == nullptr) {
    return Fail(ErrorCode::kIo, path.string() + ": cannot start an XLSX workbook");
  }
  const auto add = [&](Style style) {
    lxw_format* format = api.workbook_add_format(impl->workbook);
    impl->formats[static_cast<size_t>(style)] = format;
    return format;
  };
  api.format_set_bold(add(Style::kHeader));
  api.format_set_num_format(add(Style::kPercent), "0.0%");
  api.format_set_num_format(add(Style::kDecimal), "0.0000");
  api.format_set_num_format(add(Style::kInteger), "0");
  return XlsxWorkbook(std::move(impl));
}

XlsxWorkbook::XlsxWorkbook(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
XlsxWorkbook::XlsxWorkbook(XlsxWorkbook&&) noexcept = default;
XlsxWorkbook& XlsxWorkbook::operator=(XlsxWorkbook&&) noexcept = default;

XlsxWorkbook::~XlsxWorkbook() {
  if (impl_ != nullptr && impl_->workbook != nullptr) Xlsx()->workbook_close(impl_->workbook);
}

Result<size_t> XlsxWorkbook::AddSheet(const std::string& name) {
  lxw_worksheet* sheet = Xlsx()->workbook_add_worksheet(impl_->workbook, name.c_str());
  if (sheet == nullptr) return Fail(ErrorCode::kIo, "the workbook refuses a sheet named " + name);
  impl_->sheets.push_back(sheet);
  return impl_->sheets.size() - 1;
}

void XlsxWorkbook::Text(size_t sheet, uint32_t row, uint16_t column, const std::string& text,
                        Style style) {
  Xlsx()->worksheet_write_string(impl_->sheets.at(sheet), row, column, text.c_str(),
                                 impl_->Format(style));
}

void XlsxWorkbook::Number(size_t sheet, uint32_t row, uint16_t column, double value, Style style) {
  Xlsx()->worksheet_write_number(impl_->sheets.at(sheet), row, column, value, impl_->Format(style));
}

void XlsxWorkbook::ColumnWidth(size_t sheet, uint16_t first, uint16_t last, double width) {
  Xlsx()->worksheet_set_column(impl_->sheets.at(sheet), first, last, width, nullptr);
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
  Xlsx()->worksheet_data_validation_range(impl_->sheets.at(sheet), first_row, column, last_row,
                                          column, &validation);
  return {};
}

void XlsxWorkbook::FreezeTopRow(size_t sheet) {
  Xlsx()->worksheet_freeze_panes(impl_->sheets.at(sheet), 1, 0);
}

Result<void> XlsxWorkbook::Close() {
  const lxw_error closed = Xlsx()->workbook_close(impl_->workbook);
  impl_->workbook = nullptr;
  if (closed != LXW_NO_ERROR) {
    return Fail(ErrorCode::kIo,
                std::string("cannot write the XLSX workbook: ") + Xlsx()->lxw_strerror(closed));
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
