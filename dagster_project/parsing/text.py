"""Character-level normalisation and splitting of lines into cells.

Normalisation is length-preserving (one character in, one out) so that every offset
computed on the normalised text is also an offset in the text as stored.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Full-width ASCII (！..～) to half-width, ideographic space to space, and a few look-alikes
# that PDF and OCR output use for brackets, colons and dashes. All 1:1.
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FULLWIDTH.update({0x3000: 0x20, 0xA0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20,
                   0x3014: ord("("), 0x3015: ord(")"), 0x2014: 0x2014, 0xFE30: ord(":")})
_TRANSLATE = str.maketrans(_FULLWIDTH)
_TO_FOLD = re.compile("[" + "".join(re.escape(chr(cp)) for cp, new in _FULLWIDTH.items() if cp != new) + "]+")


def normalize(text: str) -> str:
    """Full-width forms to ASCII, odd spaces to spaces; same length as the input.

    Only the runs that need folding are translated: most text is already half-width CJK."""
    return _TO_FOLD.sub(lambda m: m.group().translate(_TRANSLATE), text)


@dataclass(frozen=True)
class TextCell:
    text: str  # stripped cell text
    offset: int  # offset of text[0] in the document (or of the cell position when empty)


@dataclass(frozen=True)
class Line:
    offset: int
    text: str
    cells: tuple[TextCell, ...]
    delimited: bool  # cells came from explicit delimiters (pipes, tabs): empty cells are real


_MD_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_WIDE_GAP = re.compile(r"[ ]{2,}")
# A value glued to its label by a single space at the end of a line ("行政许可 97").
_TRAILING_VALUES = re.compile(r"^(?P<label>.*?[^\d\s.,+\-/—–])\s+(?P<values>(?:[-+]?[\d,]+(?:\.\d+)?|/|—+|-)(?:\s+(?:[-+]?[\d,]+(?:\.\d+)?|/|—+|-))*)\s*$")


def _cells_by(line: str, base: int, pattern: re.Pattern) -> list[TextCell]:
    cells, pos = [], 0
    for m in pattern.finditer(line):
        cells.append(_cell(line, base, pos, m.start()))
        pos = m.end()
    cells.append(_cell(line, base, pos, len(line)))
    return cells


def _cell(line: str, base: int, start: int, end: int) -> TextCell:
    raw = line[start:end]
    stripped = raw.strip()
    lead = len(raw) - len(raw.lstrip())
    return TextCell(stripped, base + start + lead)


_PIPE = re.compile(r"\|")
_TAB = re.compile(r"\t")


def split_line(line: str, base: int) -> Line:
    """Split one normalised line into cells: pipes, then tabs, then wide space gaps."""
    if "|" in line:
        cells = _cells_by(line, base, _PIPE)
        # Markdown rows start and end with a pipe: drop the empty outer cells only.
        if cells and not cells[0].text and line.lstrip().startswith("|"):
            cells = cells[1:]
        if cells and not cells[-1].text and line.rstrip().endswith("|"):
            cells = cells[:-1]
        return Line(base, line, tuple(cells), True)
    if "\t" in line:
        return Line(base, line, tuple(c for c in _cells_by(line, base, _TAB)), True)
    cells = [c for c in _cells_by(line, base, _WIDE_GAP) if c.text]
    # A label followed by values separated by single spaces ("行政许可 97", "规章 0 0 0").
    if cells:
        last = cells[-1]
        m = _TRAILING_VALUES.match(last.text)
        if m:
            label = m.group("label").strip()
            rest = [TextCell(v.group(), last.offset + m.start("values") + v.start())
                    for v in re.finditer(r"\S+", m.group("values"))]
            cells = cells[:-1] + [TextCell(label, last.offset)] + rest
    return Line(base, line, tuple(cells), False)


def split_lines(text: str) -> list[Line]:
    """All non-empty lines of the (normalised) text with their cells; markdown rules dropped."""
    lines, pos = [], 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        if body.strip() and not _MD_RULE.match(body):
            lines.append(split_line(body, pos))
        pos += len(raw)
    return lines
