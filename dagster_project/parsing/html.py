"""HTML report pages to plain text, with tables as pipe rows.

Pure functions, no Dagster imports. The parser downstream reads lines, so this module's only job is to
turn a saved page into lines that look like the text renderings the rest of the corpus has:

- page chrome (``head``, ``script``, ``style``, ``noscript``, ``template``, embedded objects) is dropped;
- block elements (``p``, ``div``, ``br``, ``li``, ``h1``-``h6``, ``tr``, ``table``, …) end a line;
- ``&nbsp;``, the full-width space U+3000 and other Unicode spaces become plain spaces, runs of spaces
  collapse to one, lines are stripped and empty lines are left out;
- every ``<table>`` becomes one line per ``<tr>`` in the form ``| cell | cell | … |``. Row and column
  spans are expanded into a rectangular grid: a spanned text cell repeats its text in every position it
  covers, while a spanned *number* appears only at its origin and the other positions are empty, so a
  figure is never counted twice. An empty cell renders as ``| |``. A ``|`` inside a cell is written as
  the full-width ``｜`` so that cells can be split on ``|``;
- line breaks inside a cell become single spaces; a table nested in a cell is rendered as its own pipe
  rows, right after the row that contains it;
- exception: a single-column table (every row has one cell) that wraps another table is a layout
  wrapper, not data, and its cells are rendered as ordinary blocks.

Nothing is executed and nothing is fetched: lxml's HTML parser is run with ``no_network=True`` and
scripts are removed before any text is read.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

import lxml.etree

__all__ = ["looks_like_html", "html_to_text"]

# Tags whose whole subtree is chrome or non-text.
_DROP_TAGS = frozenset(
    {"head", "script", "style", "noscript", "template", "iframe", "object", "embed", "applet", "title", "meta", "link"}
)
# Tags that start and end a line.
_BLOCK_TAGS = frozenset(
    {
        "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
        "section", "article", "header", "footer", "nav", "aside", "main", "blockquote", "pre", "hr", "form",
        "fieldset", "address", "figure", "figcaption", "caption", "center", "body", "html", "legend",
        "details", "summary", "thead", "tbody", "tfoot", "td", "th",
    }
)
_CELL_TAGS = frozenset({"td", "th"})
_ROW_GROUP_TAGS = frozenset({"thead", "tbody", "tfoot"})

_HTML_SNIFF = re.compile(
    r"<\s*(?:!doctype\s+html|html|head|body|meta|title|table|tbody|thead|tr|td|th|p|div|span|br|font|center)\b",
    re.IGNORECASE,
)
_SNIFF_CHARS = 4096

# Whitespace that should read as a plain space: ASCII whitespace, NBSP, the Unicode space block, U+3000.
_SPACES = re.compile(r"[ \t\n\r\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
# A leading DOCTYPE, including an internal subset ("[<!ENTITY …>]") that the HTML parser would print as text.
_DOCTYPE = re.compile(r"^\s*<!DOCTYPE[^\[>]*(?:\[.*?\]\s*)?>", re.IGNORECASE | re.DOTALL)

# A cell "is a number" when it is a signed/unsigned integer or decimal, in ASCII or full-width digits,
# with optional thousands separators, an optional percent sign or a short count/money unit.
_NUMBER_CELL = re.compile(
    r"^[+\-−＋－]?[0-9０-９]{1,3}(?:(?:[,，][0-9０-９]{3})+|[0-9０-９]*)(?:[.．][0-9０-９]+)?"
    r"\s*(?:%|％|件|条|个|次|人|人次|项|元|万元)?$"
)

_SPAN_NUMBER = re.compile(r"\d+")
_MAX_COLSPAN = 1000  # the HTML limits
_MAX_ROWSPAN = 65534


def looks_like_html(text: str) -> bool:
    """True when markup such as ``<html``, ``<table``, ``<td``, ``<p`` or ``<div`` occurs near the start."""
    if not text:
        return False
    return _HTML_SNIFF.search(text[:_SNIFF_CHARS]) is not None


def html_to_text(html: str) -> str:
    """Render an HTML page (or fragment) to plain text; tables become ``| a | b |`` lines."""
    if not html or not html.strip():
        return ""
    root = _parse(html)
    if root is None:
        return ""
    _strip_chrome(root)
    out = _Lines()
    _render_children_of(root, out)
    out.flush()
    return "\n".join(out.lines)


# --------------------------------------------------------------------------------------------------
# parsing


def _parse(html: str) -> lxml.etree._Element | None:
    html = _XML_DECL.sub("", html.lstrip("\ufeff"), count=1)
    html = _DOCTYPE.sub("", html, count=1)
    # lxml.etree's parser rather than lxml.html's: the same libxml2 tree, but plain elements, where
    # lxml.html looks up a Python element class for every element the renderer touches.
    parser = lxml.etree.HTMLParser(
        remove_comments=True, remove_pis=True, no_network=True, recover=True, default_doctype=False
    )
    try:
        return lxml.etree.fromstring(html, parser)  # None for an empty document
    except (lxml.etree.ParserError, ValueError):
        return None


def _tag(el) -> str | None:
    """Lower-case tag name, or None for comments, processing instructions and entities."""
    tag = el.tag
    return _tag_name(tag) if isinstance(tag, str) else None


@lru_cache(maxsize=1024)  # a page has thousands of elements and a few dozen tag names
def _tag_name(tag: str) -> str:
    if "}" in tag:  # namespaced (XHTML pasted into HTML)
        tag = tag.rsplit("}", 1)[1]
    return tag.lower()


def _strip_chrome(root) -> None:
    doomed = [el for el in root.iter() if (tag := _tag(el)) is None or tag in _DROP_TAGS]
    for el in doomed:
        if el.getparent() is None:
            continue
        _drop_keep_tail(el)


def _drop_keep_tail(el) -> None:
    """Remove el and its subtree but keep the text that follows it (its tail)."""
    parent = el.getparent()
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


# --------------------------------------------------------------------------------------------------
# text rendering


def _clean(text: str) -> str:
    if text.isprintable() and "  " not in text:  # no odd space, no zero-width character (most cells)
        return text.strip()
    return _SPACES.sub(" ", _ZERO_WIDTH.sub("", text)).strip()


class _Lines:
    """Accumulates inline fragments into the current line; flush() ends the line."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self._cur: list[str] = []

    def add(self, text: str | None) -> None:
        if text:
            self._cur.append(text)

    def flush(self) -> None:
        if self._cur:
            line = _clean("".join(self._cur))
            self._cur = []
            if line:
                self.lines.append(line)

    def extend_lines(self, lines: list[str]) -> None:
        self.flush()
        self.lines.extend(lines)


def _render_children_of(el, out: _Lines, on_table: Callable | None = None) -> None:
    """Render el's text, children and their tails; on_table, when given, receives nested tables' lines."""
    _add_text(el, el.text, out)
    for child in el:
        _render(child, out, on_table)
        _add_text(el, child.tail, out)


def _in_pre(el) -> bool:
    while el is not None:
        if _tag(el) == "pre":
            return True
        el = el.getparent()
    return False


def _add_text(owner, text: str | None, out: _Lines) -> None:
    if not text:
        return
    if "\n" in text and _in_pre(owner):
        parts = text.split("\n")
        for i, part in enumerate(parts):
            if i:
                out.flush()
            out.add(part)
    else:
        out.add(text)


def _render(el, out: _Lines, on_table: Callable | None = None) -> None:
    tag = _tag(el)
    if tag is None or tag in _DROP_TAGS:
        return
    if tag == "br":
        out.flush()
        return
    if tag == "table":
        out.flush()
        lines = _render_table(el)
        if on_table is not None:
            on_table(lines)
        else:
            out.extend_lines(lines)
        return
    block = tag in _BLOCK_TAGS
    if block:
        out.flush()
    _render_children_of(el, out, on_table=on_table)
    if block:
        out.flush()


# --------------------------------------------------------------------------------------------------
# tables


def _own_rows(table) -> list:
    """The <tr> elements that belong to this table (not to tables nested in its cells)."""
    rows = []
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            rows.append(child)
        elif tag in _ROW_GROUP_TAGS:
            rows.extend(c for c in child if _tag(c) == "tr")
    return rows


def _span(el, attr: str, limit: int) -> int:
    raw = el.get(attr)
    if not raw:  # most cells
        return 1
    m = _SPAN_NUMBER.match(raw.strip())
    if not m:
        return 1
    n = int(m.group())
    if n < 1:
        # rowspan="0" means "to the end of the row group"; colspan="0" is invalid. Callers clamp later.
        return 0 if attr == "rowspan" else 1
    return min(n, limit)


def _cell_content(cell) -> tuple[str, list[str]]:
    """(cell text on one line, pipe lines of tables nested in the cell)."""
    text = cell.text
    if len(cell) == 0 and not (text and "\n" in text and _in_pre(cell)):  # text only: most cells
        return _clean(text or "").replace("|", "｜"), []
    nested: list[str] = []
    sub = _Lines()
    _render_children_of(cell, sub, on_table=nested.extend)
    sub.flush()
    text = " ".join(sub.lines).replace("|", "｜")
    return text, nested


def _is_number(text: str) -> bool:
    return bool(_NUMBER_CELL.match(text))


def _render_table(table) -> list[str]:
    lines: list[str] = []
    caption_and_stray = _Lines()
    for child in table:
        if _tag(child) == "caption":
            _render(child, caption_and_stray)
    # Stray text directly inside <table> (malformed pages) is kept, ahead of the rows.
    for piece in [table.text] + [c.tail for c in table]:
        if piece and _clean(piece):
            caption_and_stray.add(piece)
            caption_and_stray.flush()
    caption_and_stray.flush()
    lines.extend(caption_and_stray.lines)

    rows = _own_rows(table)
    row_cells = [[c for c in tr if _tag(c) in _CELL_TAGS] for tr in rows]
    row_cells = [cells for cells in row_cells if cells]
    if not row_cells:
        return lines
    n_rows = len(row_cells)

    # Layout wrapper: every row one plain cell, and some cell holds a table. Render as blocks.
    if all(len(cells) == 1 and _span(cells[0], "colspan", _MAX_COLSPAN) == 1 for cells in row_cells) and any(
        cell.find(".//table") is not None for cells in row_cells for cell in cells
    ):
        out = _Lines()
        for cells in row_cells:
            _render_children_of(cells[0], out)
            out.flush()
        lines.extend(out.lines)
        return lines

    # grid[(r, c)] = the text shown at that grid position
    grid: dict[tuple[int, int], str] = {}
    nested_by_row: dict[int, list[str]] = {}
    width = 0
    for r, cells in enumerate(row_cells):
        c = 0
        for cell in cells:
            while (r, c) in grid:
                c += 1
            colspan = _span(cell, "colspan", _MAX_COLSPAN)
            rowspan = _span(cell, "rowspan", _MAX_ROWSPAN)
            if rowspan == 0 or r + rowspan > n_rows:
                rowspan = n_rows - r
            text, nested = _cell_content(cell)
            if nested:
                nested_by_row.setdefault(r, []).extend(nested)
            if rowspan == 1 and colspan == 1:  # most cells: (r, c) is free, see above
                grid[(r, c)] = text
                c += 1
                width = max(width, c)
                continue
            numeric = _is_number(text)
            for dr in range(rowspan):
                for dc in range(colspan):
                    pos = (r + dr, c + dc)
                    if pos in grid:  # overlapping spans in broken markup: first writer wins
                        continue
                    origin = dr == 0 and dc == 0
                    grid[pos] = text if (origin or not numeric) else ""
            c += colspan
            width = max(width, c)

    for r in range(n_rows):
        cells = [grid.get((r, c), "") for c in range(width)]
        lines.append("|" + "".join(f" {t} |" if t else " |" for t in cells))
        lines.extend(nested_by_row.get(r, []))
    return lines
