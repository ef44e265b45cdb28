"""Real PDF and Word files made in the test run (fpdf2, python-docx): no file is checked in."""

from __future__ import annotations

import io

import docx
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def pdf(*paragraphs: str) -> bytes:
    document = FPDF()
    for paragraph in paragraphs:
        document.add_page()
        document.set_font("helvetica", size=12)
        document.multi_cell(0, 8, paragraph)
    return bytes(document.output())


def encrypted_pdf(text: str, password: str = "secret") -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf(text))))
    writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def word(heading: str, *paragraphs: str, table: list[list[str]] | None = None) -> bytes:
    document = docx.Document()
    document.add_heading(heading, 1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                grid.cell(r, c).text = cell
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
