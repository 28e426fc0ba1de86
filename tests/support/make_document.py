#!/usr/bin/python3
"""Writes a small document of a given kind, for the library's upload tests.

usage: make_document.py KIND OUT [TEXT]
KIND: pdf (one page holding TEXT), docx, xlsx, odt (ZIP archives laid out as those formats),
zip (a ZIP archive that is none of them), pdf-encrypted-like (starts as a PDF, is not one).
"""
import sys
import zipfile


def pdf(text):
    content = "BT /F1 12 Tf 56 780 Td ({}) Tj ET\n".format(
        text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return out


def archive(path, parts):
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts:
            z.writestr(name, data)


def main():
    kind, out = sys.argv[1], sys.argv[2]
    text = sys.argv[3] if len(sys.argv) > 3 else "A test document"
    types = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
    if kind == "pdf":
        open(out, "wb").write(pdf(text))
    elif kind == "docx":
        archive(out, [("[Content_Types].xml", types),
                      ("word/document.xml", "<w:document xmlns:w='w'><w:body/></w:document>")])
    elif kind == "xlsx":
        archive(out, [("[Content_Types].xml", types), ("xl/workbook.xml", "<workbook/>")])
    elif kind == "odt":
        archive(out, [("mimetype", "application/vnd.oasis.opendocument.text"),
                      ("content.xml", "<office:document-content xmlns:office='o'/>")])
    elif kind == "zip":
        archive(out, [("readme.txt", text)])
    elif kind == "broken-pdf":
        open(out, "wb").write(b"%PDF-1.7\nthis is not really a PDF at all\n")
    else:
        sys.exit("unknown kind " + kind)


main()
