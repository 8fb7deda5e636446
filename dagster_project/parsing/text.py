"""Character-level normalisation and splitting of lines into cells.

Normalisation is length-preserving (one character in, one out) so that every offset
computed on the normalised text is also an offset in the text as stored.
"""
from __future__ import annotations

import re
from functools import lru_cache, partial
from itertools import accumulate, count
from operator import add, sub
from typing import NamedTuple

import numpy as np

from . import codes

# Full-width ASCII (！..～) to half-width, ideographic space to space, and a few look-alikes
# that PDF and OCR output use for brackets, colons and dashes. All 1:1.
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FULLWIDTH.update({0x3000: 0x20, 0xA0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20,
                   0x3014: ord("("), 0x3015: ord(")"), 0x2014: 0x2014, 0xFE30: ord(":")})
_TRANSLATE = str.maketrans(_FULLWIDTH)
_TO_FOLD = re.compile("[" + "".join(re.escape(chr(cp)) for cp, new in _FULLWIDTH.items() if cp != new) + "]+")
_FOLDED = np.arange(codes.BMP + 1, dtype=np.uint32)
_FOLDED[list(_FULLWIDTH)] = list(_FULLWIDTH.values())
_FOLDED_16 = _FOLDED[:codes.BMP].astype(np.uint16)


def normalize(text: str) -> str:
    """Full-width forms to ASCII, odd spaces to spaces; same length as the input.

    A long text is folded as an array of code points; in a short one (a label) only the runs
    that need folding are translated: most text is already half-width CJK."""
    if len(text) < codes.LONG:
        return _TO_FOLD.sub(lambda m: m.group().translate(_TRANSLATE), text)
    points = codes.code_points(text)
    if points.dtype == np.uint16:
        return codes.from_code_points(_FOLDED_16.take(points))
    folded = _FOLDED.take(codes.in_bmp(points))
    above = points > codes.BMP  # the table maps U+10000 itself to itself
    folded[above] = points[above]
    return codes.from_code_points(folded)


class TextCell(NamedTuple):  # a tuple: cheap to build, and lines have many cells
    text: str  # stripped cell text
    offset: int  # offset of text[0] in the document (or of the cell position when empty)


# TextCell from a (text, offset) tuple, without the NamedTuple's Python-level constructor.
_text_cell = partial(tuple.__new__, TextCell)


class Line:
    """One non-empty line. Its cells are split on first use: most lines of a report are prose
    that only the legacy pass (reports without a 2019+ table) ever looks at as cells."""

    __slots__ = ("offset", "text", "_cells")

    def __init__(self, offset: int, text: str) -> None:
        self.offset = offset
        self.text = text
        self._cells: tuple[TextCell, ...] | None = None

    @property
    def cells(self) -> tuple[TextCell, ...]:
        if self._cells is None:
            self._cells = _cells_of(self.text, self.offset)
        return self._cells

    @property
    def delimited(self) -> bool:
        """Cells come from explicit delimiters (pipes, tabs): empty cells are real."""
        return "|" in self.text or "\t" in self.text

    def __repr__(self) -> str:
        return f"Line(offset={self.offset!r}, text={self.text!r})"


_MD_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_WIDE_GAP = re.compile(r"[ ]{2,}")
# Values glued to their label by single spaces at the end of a line ("行政许可 97", "规章 0 0 0"):
# a label ending in a character none of [\d\s.,+\-/—–], then values and spaces (_VALUE_CHARS) only.
_VALUE = r"(?:[-+]?[\d,]+(?:\.\d+)?|/|—+|-)"
_TRAILING_VALUES = re.compile(rf"\s+(?P<values>{_VALUE}(?:\s+{_VALUE})*)\s*")
_VALUE_CHARS = re.compile(r"[\s\d,.+\-/—]*")
_VALUE_END = frozenset(",/—-")  # besides digits, what the last value ends with
_NON_SPACE = re.compile(r"\S+")


def _cells_by(line: str, base: int, sep: str) -> list[TextCell]:
    parts = line.split(sep)
    # Built with map over C functions, not a Python loop: table rows have many cells. Part i ends
    # at base + i + the lengths of parts 0..i (sep is one character); its text starts as many
    # characters before that end as its lstrip keeps.
    ends = map(add, accumulate(map(len, parts)), count(base))
    offsets = map(sub, ends, map(len, map(str.lstrip, parts)))
    return list(map(_text_cell, zip(map(str.strip, parts), offsets)))


def _cell(raw: str, offset: int) -> TextCell:
    stripped = raw.strip()
    return _text_cell((stripped, offset + len(raw) - len(raw.lstrip())))


def _split_cells(line: str, base: int) -> tuple[TextCell, ...]:
    if "|" in line:
        cells = _cells_by(line, base, "|")
        # Markdown rows start and end with a pipe: drop the empty outer cells only.
        if cells and not cells[0].text and line.lstrip().startswith("|"):
            cells = cells[1:]
        if cells and not cells[-1].text and line.rstrip().endswith("|"):
            cells = cells[:-1]
        return tuple(cells)
    if "\t" in line:
        return tuple(_cells_by(line, base, "\t"))
    stripped = line.strip()
    if "  " in stripped:  # a wide gap between two cells (gaps at the ends only indent the one cell)
        cells, pos = [], 0
        for m in _WIDE_GAP.finditer(line):
            cells.append(_cell(line[pos:m.start()], base + pos))
            pos = m.end()
        cells.append(_cell(line[pos:], base + pos))
        cells = [c for c in cells if c.text]
    elif stripped:  # no wide gap (most prose): the whole line is one cell
        cells = [_text_cell((stripped, base + len(line) - len(line.lstrip())))]
    else:
        cells = []
    if cells:
        last = cells[-1]
        m = _trailing_values(last.text)
        if m:
            label = last.text[:m.start()].strip()
            rest = [_text_cell((v.group(), last.offset + m.start("values") + v.start()))
                    for v in _NON_SPACE.finditer(m.group("values"))]
            cells = cells[:-1] + [_text_cell((label, last.offset))] + rest
    return tuple(cells)


def _trailing_values(text: str) -> re.Match | None:
    """The values (and the spaces before them) that end a label cell, if any.

    The label can only end at the last character that no value or space contains, so that is
    found from the end (a lazy pattern from the start is quadratic on long prose lines)."""
    end = text[-1]
    if not (end in _VALUE_END or end.isdecimal()) or text.isdecimal():  # a lone number has no label
        return None
    label_end = len(text) - _VALUE_CHARS.match(text[::-1]).end()
    if label_end == 0 or text[label_end - 1] == "–":  # the label cannot end in an en dash either
        return None
    return _TRAILING_VALUES.fullmatch(text, label_end)


def _cells_of(line: str, base: int) -> tuple[TextCell, ...]:
    if len(line) > _SHORT:
        return _split_cells(line, base)
    cells = _short_line_cells(line)
    if len(cells) == 1:
        return (_text_cell((cells[0].text, cells[0].offset + base)),)
    return tuple([_text_cell((c.text, c.offset + base)) for c in cells])


_SHORT = 12  # "0", "行政许可": short lines recur in every table, so their split is cached


@lru_cache(maxsize=1 << 14)
def _short_line_cells(line: str) -> tuple[TextCell, ...]:
    return _split_cells(line, 0)


def split_line(line: str, base: int) -> Line:
    """One normalised line; its cells: pipes, then tabs, then wide space gaps."""
    return Line(base, line)


def split_lines(text: str) -> list[Line]:
    """All non-empty lines of the (normalised) text with their cells; markdown rules dropped."""
    raws = text.splitlines(keepends=True)
    return [Line(pos, body) for pos, raw in zip(accumulate(map(len, raws), initial=0), raws)
            if (body := raw.rstrip("\r\n")) and not body.isspace()
            and not ("---" in body and _MD_RULE.match(body))]
