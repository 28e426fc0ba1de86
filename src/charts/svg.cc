#include "charts/svg.h"

#include <fmt/format.h>

#include <functional>

namespace inspire::charts {

std::string Cut(const std::string& text, size_t limit) {
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (++chars > limit) return text.substr(0, i) + "…";
  }
  return text;
}

size_t Characters(const std::string& text) {
  size_t chars = 0;
  for (const char c : text) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return chars;
}

std::string Open(double width, double height, const ChartText& text, const std::string& id) {
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {} {}\" "
      "role=\"img\" aria-labelledby=\"{}-t {}-d\" font-family=\"system-ui, sans-serif\" "
      "font-size=\"13\"><title id=\"{}-t\">{}</title><desc id=\"{}-d\">{}</desc>",
      width, height, id, id, id, EscapeXml(text.title), id, EscapeXml(text.description));
}

std::string ChartId(const ChartText& text) {
  return fmt::format("c{:x}", std::hash<std::string>{}(text.title + text.description) & 0xffffff);
}

}  // namespace inspire::charts
