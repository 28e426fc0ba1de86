// Small documents of each kind the library meets, made by tests/support/make_document.py: a
// one-page PDF holding a text, DOCX, XLSX and ODT archives, a plain ZIP archive and a file that
// starts as a PDF but is not one.
#ifndef INSPIRE_TESTS_SUPPORT_MAKE_DOCUMENT_H_
#define INSPIRE_TESTS_SUPPORT_MAKE_DOCUMENT_H_

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>

#include "support/run_binary.h"
#include "support/temp_dir.h"

namespace inspire::testing {

// The bytes of a document of `kind` (pdf, docx, xlsx, odt, zip, broken-pdf); a pdf holds `text`.
inline std::string MakeDocument(const std::string& kind,
                                const std::string& text = "A test document") {
  TempDir dir;
  const auto path = dir.path() / "document";
  const RunOutput made =
      RunProgram("/usr/bin/python3",
                 {INSPIRE_SOURCE_DIR "/tests/support/make_document.py", kind, path.string(), text});
  EXPECT_EQ(made.exit_code, 0) << made.err;
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace inspire::testing

#endif  // INSPIRE_TESTS_SUPPORT_MAKE_DOCUMENT_H_
