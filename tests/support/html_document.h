// A page as the browser sees it, for the page tests: parsed by libxml2's HTML parser (the only
// test file that includes libxml2) and queried with XPath, so that a test states what the page
// holds (an option selected in a select, the text of a cell, an attribute's decoded value)
// rather than where a string happens to appear in its source.
#ifndef INSPIRE_TESTS_SUPPORT_HTML_DOCUMENT_H_
#define INSPIRE_TESTS_SUPPORT_HTML_DOCUMENT_H_

#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>

#include <memory>
#include <string>
#include <vector>

namespace inspire::testing {

class HtmlDocument {
 public:
  explicit HtmlDocument(const std::string& html)
      : doc_(htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8",
                            HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET),
             xmlFreeDoc) {}

  // Whether the text parsed as an HTML document.
  bool ok() const { return doc_ != nullptr; }

  // How many nodes `xpath` selects (0 when the document or the expression is bad).
  size_t Count(const std::string& xpath) const { return Texts(xpath).size(); }

  // The text content of each node `xpath` selects (for an attribute: its decoded value), in
  // document order, with the whitespace at both ends trimmed.
  std::vector<std::string> Texts(const std::string& xpath) const {
    std::vector<std::string> out;
    if (doc_ == nullptr) return out;
    std::unique_ptr<xmlXPathContext, decltype(&xmlXPathFreeContext)> context(
        xmlXPathNewContext(doc_.get()), xmlXPathFreeContext);
    std::unique_ptr<xmlXPathObject, decltype(&xmlXPathFreeObject)> found(
        xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>(xpath.c_str()), context.get()),
        xmlXPathFreeObject);
    if (found == nullptr || found->nodesetval == nullptr) return out;
    for (int i = 0; i < found->nodesetval->nodeNr; ++i) {
      xmlChar* text = xmlNodeGetContent(found->nodesetval->nodeTab[i]);
      std::string value = text != nullptr ? reinterpret_cast<const char*>(text) : "";
      xmlFree(text);
      const size_t first = value.find_first_not_of(" \t\r\n");
      const size_t last = value.find_last_not_of(" \t\r\n");
      out.push_back(first == std::string::npos ? "" : value.substr(first, last - first + 1));
    }
    return out;
  }

  // The text of the first node `xpath` selects, or "" when none.
  std::string Text(const std::string& xpath) const {
    const auto texts = Texts(xpath);
    return texts.empty() ? "" : texts.front();
  }

 private:
  std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc_;
};

}  // namespace inspire::testing

#endif  // INSPIRE_TESTS_SUPPORT_HTML_DOCUMENT_H_
