#include "core/xlsx_reader.h"

#include <fmt/format.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <charconv>
#include <map>
#include <memory>

#include "core/zip_archive.h"

namespace inspire::core {
namespace {

using Document = std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)>;

// What is being read, for messages and limits.
struct Reading {
  const std::string& file;
  const XlsxLimits& limits;
  size_t cells = 0;
};

Result<ZipArchive> OpenArchive(std::string_view bytes, const Reading& reading) {
  auto archive = ZipArchive::Open(bytes);
  if (!archive) {
    return Fail(ErrorCode::kParse,
                fmt::format("{}: not an XLSX workbook (not a ZIP archive)", reading.file));
  }
  return archive;
}

// The uncompressed part `name` of the archive; "" when `optional` and absent.
Result<std::string> ReadPart(const ZipArchive& archive, const std::string& name,
                             const Reading& reading, bool optional = false) {
  auto part = archive.Read(name, reading.limits.max_entry_bytes);
  if (part) return part;
  if (part.error().code == ErrorCode::kNotFound) {
    if (optional) return std::string();
    return Fail(ErrorCode::kParse,
                fmt::format("{}: not an XLSX workbook (no part {})", reading.file, name));
  }
  return Fail(part.error().code, fmt::format("{}: {}", reading.file, part.error().message));
}

Result<Document> ParseXml(const std::string& text, const std::string& part,
                          const Reading& reading) {
  // No network, no DTD loading, no entity substitution; libxml2's own limits guard expansion.
  xmlDoc* doc = xmlReadMemory(text.data(), static_cast<int>(text.size()), part.c_str(), nullptr,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == nullptr || xmlDocGetRootElement(doc) == nullptr) {
    if (doc != nullptr) xmlFreeDoc(doc);
    return Fail(ErrorCode::kParse,
                fmt::format("{}: part {} is not well-formed XML", reading.file, part));
  }
  return Document(doc, &xmlFreeDoc);
}

bool Named(const xmlNode* node, const char* name) {
  return node->type == XML_ELEMENT_NODE &&
         xmlStrcmp(node->name, reinterpret_cast<const xmlChar*>(name)) == 0;
}

// The first child element of `node` called `name`, or nullptr.
const xmlNode* Child(const xmlNode* node, const char* name) {
  for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
    if (Named(child, name)) return child;
  }
  return nullptr;
}

std::string Attribute(const xmlNode* node, const char* name) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  if (value == nullptr) return "";
  std::string out(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return out;
}

// The text of `node` (its text children only: no descent).
std::string TextOf(const xmlNode* node) {
  std::string out;
  for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
    if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) {
      out += reinterpret_cast<const char*>(child->content);
    }
  }
  return out;
}

// A string item (<si> or <is>): its <t>, or the <t> of each of its runs <r>.
std::string StringItem(const xmlNode* item) {
  std::string out;
  for (const xmlNode* child = item->children; child != nullptr; child = child->next) {
    if (Named(child, "t")) out += TextOf(child);
    if (Named(child, "r")) {
      if (const xmlNode* text = Child(child, "t")) out += TextOf(text);
    }
  }
  return out;
}

Result<std::vector<std::string>> SharedStrings(const ZipArchive& archive, Reading& reading) {
  INSPIRE_ASSIGN_OR_RETURN(const std::string text,
                           ReadPart(archive, "xl/sharedStrings.xml", reading, true));
  std::vector<std::string> strings;
  if (text.empty()) return strings;
  INSPIRE_ASSIGN_OR_RETURN(const Document doc, ParseXml(text, "xl/sharedStrings.xml", reading));
  for (const xmlNode* si = xmlDocGetRootElement(doc.get())->children; si != nullptr;
       si = si->next) {
    if (!Named(si, "si")) continue;
    if (strings.size() >= reading.limits.max_cells) {
      return Fail(ErrorCode::kTooLarge, fmt::format("{}: too many strings", reading.file));
    }
    strings.push_back(StringItem(si));
  }
  return strings;
}

// The sheets' names and their parts, in the workbook's order.
Result<std::vector<std::pair<std::string, std::string>>> SheetParts(const ZipArchive& archive,
                                                                    const Reading& reading) {
  INSPIRE_ASSIGN_OR_RETURN(const std::string rels_text,
                           ReadPart(archive, "xl/_rels/workbook.xml.rels", reading));
  INSPIRE_ASSIGN_OR_RETURN(const Document rels, ParseXml(rels_text, "workbook.xml.rels", reading));
  std::map<std::string, std::string> targets;
  for (const xmlNode* r = xmlDocGetRootElement(rels.get())->children; r != nullptr; r = r->next) {
    if (!Named(r, "Relationship")) continue;
    const std::string target = Attribute(r, "Target");
    targets[Attribute(r, "Id")] = target.rfind('/', 0) == 0 ? target.substr(1) : "xl/" + target;
  }
  INSPIRE_ASSIGN_OR_RETURN(const std::string book_text,
                           ReadPart(archive, "xl/workbook.xml", reading));
  INSPIRE_ASSIGN_OR_RETURN(const Document book, ParseXml(book_text, "xl/workbook.xml", reading));
  const xmlNode* sheets = Child(xmlDocGetRootElement(book.get()), "sheets");
  std::vector<std::pair<std::string, std::string>> parts;
  for (const xmlNode* s = sheets == nullptr ? nullptr : sheets->children; s != nullptr;
       s = s->next) {
    if (!Named(s, "sheet")) continue;
    xmlChar* id =
        xmlGetNsProp(s, reinterpret_cast<const xmlChar*>("id"),
                     reinterpret_cast<const xmlChar*>(
                         "http://schemas.openxmlformats.org/officeDocument/2006/relationships"));
    const std::string rel = id == nullptr ? "" : reinterpret_cast<const char*>(id);
    if (id != nullptr) xmlFree(id);
    if (parts.size() >= reading.limits.max_sheets) {
      return Fail(ErrorCode::kTooLarge,
                  fmt::format("{}: more than {} sheets", reading.file, reading.limits.max_sheets));
    }
    const auto target = targets.find(rel);
    if (target == targets.end()) {
      return Fail(ErrorCode::kParse,
                  fmt::format("{}: sheet '{}' has no part", reading.file, Attribute(s, "name")));
    }
    parts.emplace_back(Attribute(s, "name"), target->second);
  }
  return parts;
}

// "B3" -> (column 1, row 2); false when `ref` is not a cell reference within the limits.
bool CellPosition(const std::string& ref, const XlsxLimits& limits, size_t& row, size_t& column) {
  size_t i = 0;
  column = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z' && i < 3) {
    column = column * 26 + static_cast<size_t>(ref[i] - 'A' + 1);
    ++i;
  }
  size_t number = 0;
  const auto [end, ec] = std::from_chars(ref.data() + i, ref.data() + ref.size(), number);
  if (i == 0 || ec != std::errc() || end != ref.data() + ref.size() || number == 0) return false;
  row = number - 1;
  column -= 1;
  return row < limits.max_rows && column < limits.max_columns;
}

std::string CellValue(const xmlNode* cell, const std::vector<std::string>& strings) {
  const std::string type = Attribute(cell, "t");
  if (type == "inlineStr") {
    const xmlNode* is = Child(cell, "is");
    return is == nullptr ? "" : StringItem(is);
  }
  const xmlNode* value = Child(cell, "v");
  std::string text = value == nullptr ? "" : TextOf(value);
  if (type == "s") {
    size_t index = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), index);
    return ec == std::errc() && index < strings.size() ? strings[index] : "";
  }
  if (type == "b") return text == "1" ? "TRUE" : "FALSE";
  return text;
}

Result<XlsxSheet> ReadSheet(const ZipArchive& archive,
                            const std::pair<std::string, std::string>& part,
                            const std::vector<std::string>& strings, Reading& reading) {
  INSPIRE_ASSIGN_OR_RETURN(const std::string text, ReadPart(archive, part.second, reading));
  INSPIRE_ASSIGN_OR_RETURN(const Document doc, ParseXml(text, part.second, reading));
  XlsxSheet sheet{part.first, {}};
  const xmlNode* data = Child(xmlDocGetRootElement(doc.get()), "sheetData");
  for (const xmlNode* row = data == nullptr ? nullptr : data->children; row != nullptr;
       row = row->next) {
    if (!Named(row, "row")) continue;
    for (const xmlNode* cell = row->children; cell != nullptr; cell = cell->next) {
      if (!Named(cell, "c")) continue;
      size_t r = 0, c = 0;
      const std::string ref = Attribute(cell, "r");
      if (!CellPosition(ref, reading.limits, r, c)) {
        return Fail(ErrorCode::kParse,
                    fmt::format("{}: sheet '{}': cell '{}' is not a cell reference within row {} "
                                "and column {}",
                                reading.file, sheet.name, ref, reading.limits.max_rows,
                                ColumnLetters(reading.limits.max_columns - 1)));
      }
      if (++reading.cells > reading.limits.max_cells) {
        return Fail(ErrorCode::kTooLarge,
                    fmt::format("{}: more than {} cells", reading.file, reading.limits.max_cells));
      }
      if (sheet.rows.size() <= r) sheet.rows.resize(r + 1);
      if (sheet.rows[r].size() <= c) sheet.rows[r].resize(c + 1);
      sheet.rows[r][c] = CellValue(cell, strings);
    }
  }
  return sheet;
}

}  // namespace

std::string ColumnLetters(size_t column) {
  std::string letters;
  for (size_t n = column + 1; n > 0; n = (n - 1) / 26) {
    letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
  }
  return letters;
}

Result<std::vector<XlsxSheet>> ReadXlsx(std::string_view bytes, const std::string& file_name,
                                        const XlsxLimits& limits) {
  Reading reading{file_name, limits};
  INSPIRE_ASSIGN_OR_RETURN(const ZipArchive archive, OpenArchive(bytes, reading));
  INSPIRE_ASSIGN_OR_RETURN(const auto strings, SharedStrings(archive, reading));
  INSPIRE_ASSIGN_OR_RETURN(const auto parts, SheetParts(archive, reading));
  std::vector<XlsxSheet> sheets;
  for (const auto& part : parts) {
    INSPIRE_ASSIGN_OR_RETURN(XlsxSheet sheet, ReadSheet(archive, part, strings, reading));
    sheets.push_back(std::move(sheet));
  }
  return sheets;
}

}  // namespace inspire::core
