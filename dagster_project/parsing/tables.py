"""Tables 2–4 of the 2019 and 2021 forms, from any line-based rendering.

Renderings differ in how a row reaches us: a whole row on one line (pipes, tabs, wide spaces,
HTML rendered to pipes), or one cell per line as PDF-to-text writes it, where a page's block of
rows may even come out column by column. Rows are rebuilt first, then placed on the form's rows:
by order when the row count fits the form, by label otherwise. Values are never changed.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from functools import lru_cache
from itertools import accumulate, chain, permutations
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from .labels import compact, matches, squeeze
from .model import Cell, new_cell
from .templates import (
    T2_STANDARD_2021, T2_TRIAL_2019, T3_COLUMN_LABELS, T3_COLUMNS, T3_ROWS_SINGLE_OTHER,
    T3_ROWS_SPLIT_OTHER, T4_BLOCK_LABELS, T4_BLOCKS, T4_COLUMN_LABELS, T4_COLUMNS, BlockSpec, RowSpec,
)
from .text import Line, TextCell, split_line
from .values import parse_value

_PAGE_FOOTER = re.compile(r"^\s*[-—–]+\s*\d{1,3}\s*[-—–]+\s*$|^\s*第\s*\d+\s*页")
_T2_ANCHOR = re.compile(r"第二十条\s*第?\s*\(\s*([一五六八九])\s*\)\s*项")
_CN = {"一": "1", "五": "5", "六": "6", "八": "8", "九": "9"}
_T3_START = ("收到和处理政府信息公开申请", "申请人情况", "本年新收")
_SECTION_HEADING = re.compile(r"^[一二三四五六七八九十]+、")
_UNIT_WAN = "万元"
_FUZZY_ROW = 70  # rapidfuzz ratio for a table-2 row label with one misread character
_MAX_T4_RUNS = 7  # 7! orders at most; more runs than that is not a table-4 rendering we know
_T3_COLUMN_PAIRS = tuple(zip(T3_COLUMNS, T3_COLUMN_LABELS))


@dataclass
class Row:
    """A table row as rebuilt from the rendering: label (may be empty) and value cells."""

    label: str
    values: list[TextCell]
    labelled: bool  # the label was printed on the same line as the values


def _is_footer(line: Line) -> bool:
    return bool(_PAGE_FOOTER.match(line.text))  # the pattern takes the spaces around the line


def _split(line: Line) -> tuple[list[str], list[TextCell]]:
    """Label texts and value cells of a line: the values after the last label, without blanks
    except in delimited rows, where blanks count."""
    cells = line.cells
    if len(cells) == 1:  # PDF text prints most cells on a line of their own
        cell = cells[0]
        return ([cell.text], []) if parse_value(cell.text).kind == "text" else ([], [cell])
    last_label = len(cells) - 1  # values trail their label: look from the end
    while last_label >= 0 and (not cells[last_label].text or parse_value(cells[last_label].text).kind != "text"):
        last_label -= 1
    labels = [c.text for c in cells[: last_label + 1] if c.text]
    if line.delimited:
        return labels, list(cells[last_label + 1:])
    return labels, [c for c in cells[last_label + 1:] if c.text]


def _has_number(cells: list[TextCell]) -> bool:
    return any(parse_value(c.text).kind in ("number", "zero", "not_applicable") for c in cells)


def _make_cell(table: str, section: str, row: str, col: str, row_label: str, col_label: str,
               row_index: int, col_index: int, tc: TextCell, unit: str = "") -> Cell:
    v = parse_value(tc.text)
    return new_cell((table, section, row, col, row_label, col_label, row_index, col_index, tc.text,
                     v.number, v.kind, v.unit or unit, tc.offset, "table"))


# ---------------------------------------------------------------- regions

def find_regions(lines: list[Line]) -> dict[str, tuple[int, int]]:
    """Line ranges of tables 2, 3 and 4 (absent tables are left out)."""
    index = _LineIndex(lines)
    t2 = index.first(_T2_WORDS, 0, lambda ln: _T2_ANCHOR.search(ln.text.replace(" ", "")))
    search_from = t2 or 0
    t3 = index.first(_T3_WORDS, search_from, lambda ln: any(k in ln.text.replace(" ", "") for k in _T3_START)
                     and not _T2_ANCHOR.search(ln.text))
    regions: dict[str, tuple[int, int]] = {}
    if t3 is None:
        if t2 is not None:
            regions["T2"] = (t2, _t4_start(index, t2) or len(lines))
        return regions
    if t2 is not None and t2 < t3:
        regions["T2"] = (t2, t3)
    t4 = _t4_start(index, t3 + 1)
    regions["T3"] = (t3, t4 if t4 is not None else len(lines))
    if t4 is not None:
        regions["T4"] = (t4, len(lines))
    return regions


def _t4_start(index: _LineIndex, start: int) -> int | None:
    def opens_t4(line: Line) -> bool:
        text = line.text.replace(" ", "")
        return "行政复议" in text and "结转" not in text
    return index.first(_T4_WORDS, start, opens_t4)


def _spaced(*words: str) -> re.Pattern:
    """The words with any spaces between their characters (the tests below ignore spaces)."""
    return re.compile("|".join(" *".join(map(re.escape, w)) for w in words))


_T2_WORDS = _spaced("第二十条")
_T3_WORDS = [_spaced(k) for k in _T3_START]  # one each: a literal first character is quick to find
_T4_WORDS = _spaced("行政复议")


class _LineIndex:
    """The lines joined, to find the few that hold a region's words with re instead of testing
    every line."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self.text = "\n".join(ln.text for ln in lines)
        self.starts = list(accumulate(len(ln.text) + 1 for ln in lines))  # where the next line starts

    def first(self, words: re.Pattern | list[re.Pattern], start: int, test) -> int | None:
        """The first line from `start` that passes `test`; only lines holding `words` can."""
        pos = self.starts[start - 1] if start else 0
        found = sorted({bisect_right(self.starts, m.start())
                        for pattern in (words if isinstance(words, list) else [words])
                        for m in pattern.finditer(self.text, pos)})
        return next((i for i in found if test(self.lines[i])), None)


# ---------------------------------------------------------------- table 3

def _segment_run(run: list[TextCell], width: int) -> list[list[TextCell]]:
    """Split a run of one-per-line values into rows.

    PDF text gives a page's rows either row by row or column by column. Choose the split into
    row-major rows and column-major blocks that breaks the fewest row identities (the total
    column equals the sum of the applicant columns); among equals, read row by row (rows of
    zeros fit either reading), then prefer fewer column blocks.
    """
    nums = [parse_value(c.text).number for c in run]
    m = len(run) // width

    def bad(vals: list[float | None]) -> bool:
        return None not in vals and abs(sum(vals[:-1]) - vals[-1]) >= 1e-9

    # Row by row with every identity holding costs m; any column block costs at least m + 0.5.
    if not any(bad(nums[r * width:(r + 1) * width]) for r in range(m)):
        return [run[r * width:(r + 1) * width] for r in range(m)]
    all_numbers = None not in nums
    # best[k]: cheapest reading of the first k rows, as (cost, start of its last block)
    best: list[tuple[float, int] | None] = [None] * (m + 1)
    best[0] = (0.0, 0)
    for start in range(m):
        cost0 = best[start][0]
        base = start * width
        for b in range(1, m - start + 1):
            limit = best[start + b][0] if best[start + b] else float("inf")
            cost = cost0 + b + (0.5 if b > 1 else 0)
            block = nums[base:base + b * width]
            for r in range(b):  # row r of b rows written column by column (b = 1: the row itself)
                if cost >= limit:
                    break  # only a strictly cheaper reading replaces the best one
                vals = block[r::b]
                if (all_numbers or None not in vals) and abs(sum(vals[:-1]) - vals[-1]) >= 1e-9:  # bad
                    cost += 100
            if cost < limit:
                best[start + b] = (cost, start)
    rows: list[list[TextCell]] = []
    end = m
    while end:
        start = best[end][1]
        block = run[start * width:end * width]
        b = end - start
        rows[:0] = [block[r::b] for r in range(b)]
        end = start
    return rows


def rebuild_rows(lines: list[Line], width: int) -> tuple[list[Row], list[TextCell]]:
    """Rows of a table region, and stray values that fit no row."""
    rows: list[Row] = []
    strays: list[TextCell] = []
    run: list[TextCell] = []
    pending: list[str] = []

    def flush() -> None:
        nonlocal run
        if run:
            whole = len(run) - len(run) % width
            for i, vals in enumerate(_segment_run(run[:whole], width) if whole else []):
                rows.append(Row(" ".join(pending) if i == 0 else "", vals, False))
            strays.extend(run[whole:])
            run = []
            pending.clear()

    for line in lines:
        if _is_footer(line):
            continue
        labels, values = _split(line)
        delimited = line.delimited
        numbers = [v for v in values if v.text] if delimited else values
        if not numbers:
            flush()
            pending.extend(labels)
            continue
        if len(numbers) == 1 and not labels and not delimited:
            run.append(numbers[0])
            continue
        flush()
        label = " ".join(labels)
        rows.append(Row(label, values, bool(labels)))
        pending.clear()
    flush()
    return rows, strays


def _trim(values: list[TextCell], width: int) -> list[TextCell]:
    """Delimited rows carry empty cells beyond the form's columns: label columns spanned to the
    left (tab-separated exports), extra pipes to the right. Drop them, left side first."""
    while len(values) > width and not values[0].text:
        values = values[1:]
    while len(values) > width and not values[-1].text:
        values = values[:-1]
    return values


def _align(rows: list[Row], specs: tuple[RowSpec, ...]) -> list[tuple[Row, RowSpec | None]]:
    """Place observed rows on the form's rows.

    When the count fits, order decides (PDF and fragmented renderings detach labels from their
    values). Otherwise a monotone alignment that rewards matching labels and allows rows the
    rendering dropped or added.
    """
    if len(rows) == len(specs):
        return list(zip(rows, specs))
    n, m = len(rows), len(specs)
    NEG = float("-inf")
    score = [[NEG] * (m + 1) for _ in range(n + 1)]
    move = [[None] * (m + 1) for _ in range(n + 1)]
    score[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            s = score[i][j]
            if s == NEG:
                continue
            if i < n and j < m:
                gain = 1.0
                if rows[i].label:
                    if matches(rows[i].label, specs[j].aliases, fuzzy=True):
                        gain += 5
                    elif any(matches(rows[i].label, o.aliases) for o in specs if o is not specs[j]):
                        gain -= 5
                if s + gain > score[i + 1][j + 1]:
                    score[i + 1][j + 1], move[i + 1][j + 1] = s + gain, (i, j, "pair")
            if i < n and s - 2 > score[i + 1][j]:
                score[i + 1][j], move[i + 1][j] = s - 2, (i, j, "extra")
            if j < m and s - 1 > score[i][j + 1]:
                score[i][j + 1], move[i][j + 1] = s - 1, (i, j, "missing")
    out: list[tuple[Row, RowSpec | None]] = []
    i, j = n, m
    while (i, j) != (0, 0):
        pi, pj, kind = move[i][j]
        if kind == "pair":
            out.append((rows[pi], specs[pj]))
        elif kind == "extra":
            out.append((rows[pi], None))
        i, j = pi, pj
    return out[::-1]


def extract_t3(lines: list[Line]) -> tuple[list[Cell], bool]:
    """Table 3 cells, and whether the table splits (六) into three rows (the 2021 form)."""
    rows, strays = rebuild_rows(lines, len(T3_COLUMNS))  # every row holds a value
    if len(rows) == len(T3_ROWS_SPLIT_OTHER):
        split = True
    elif len(rows) == len(T3_ROWS_SINGLE_OTHER):
        split = False
    else:
        region_text = squeeze(" ".join(ln.text for ln in lines))
        split = any(k in region_text for k in ("逾期不补正", "收费通知", "缴纳费用"))
    specs = T3_ROWS_SPLIT_OTHER if split else T3_ROWS_SINGLE_OTHER
    cells: list[Cell] = []
    width = len(T3_COLUMNS)
    trimmed = {id(r): _trim(r.values, width) for r in rows}
    widths = Counter(map(len, trimmed.values()))
    # a table that prints only the 总计 column; a lone value in a wider table is a row cut short
    total_only = bool(widths) and widths.most_common(1)[0][0] == 1
    for index, (row, spec) in enumerate(_align(rows, specs)):
        values = trimmed[id(row)]
        label = row.label or (spec.label if spec else "")
        row_key = spec.key if spec else ""
        if len(values) == 1 and total_only:
            columns = (("total", "总计"),)
        elif len(values) <= width:
            columns = _T3_COLUMN_PAIRS
        else:  # more values than the form has columns: none is placed
            columns = (("", ""),) * len(values)
        for c, (tc, (col_key, col_label)) in enumerate(zip(values, columns)):
            v = parse_value(tc.text)
            cells.append(new_cell(("T3", "", row_key, col_key, label, col_label, index, c, tc.text,
                                   v.number, v.kind, v.unit, tc.offset, "table")))
    cells.extend(_make_cell("T3", "", "", "", "", "", -1, i, tc) for i, tc in enumerate(strays))
    return cells, split


# ---------------------------------------------------------------- table 4

def _t4_identities_hold(nums: list[float | None]) -> bool:
    if len(nums) != 15 or any(n is None for n in nums):
        return False
    return all(abs(sum(nums[b:b + 4]) - nums[b + 4]) < 1e-9 for b in (0, 5, 10))


def _reorder_t4(runs: list[list[TextCell]]) -> list[TextCell]:
    """PDF text can emit the cells of table 4 in several runs out of order. Keep the printed
    order when the block identities hold (or when no order makes them hold: a report that does
    not add up is kept as printed); else take the order that makes them hold, keeping the block
    totals in their printed order and moving as few runs as possible."""
    printed = [v for run in runs for v in run]
    numbers = [[parse_value(v.text).number for v in run] for run in runs]
    if _t4_identities_hold([n for run in numbers for n in run][:15]) or len(runs) > _MAX_T4_RUNS:
        return printed
    if len(printed) < 15:
        return printed  # no order has fifteen cells
    best = None
    for perm in permutations(range(len(runs))):
        if not _t4_identities_hold(list(chain.from_iterable(map(numbers.__getitem__, perm)))[:15]):
            continue
        flat = [(r, v) for r in perm for v in runs[r]]
        total_runs = [flat[i][0] for i in (4, 9, 14)]
        key = (_inversions(total_runs), _inversions(list(perm)))
        if best is None or key < best[0]:
            best = (key, [v for _, v in flat])
    return best[1] if best else printed


def _inversions(seq: list[int]) -> int:
    return sum(a > b for i, a in enumerate(seq) for b in seq[i + 1:])


def extract_t4(lines: list[Line]) -> list[Cell]:
    """Table 4: fifteen cells in the form's order; headers are often truncated, so position rules."""
    runs: list[list[TextCell]] = [[]]
    count = 0
    for line in lines[1:]:
        if _is_footer(line):
            continue
        labels, vals = _split(line)
        if not _has_number(vals):
            text = line.text.strip()
            if count and (_SECTION_HEADING.match(text) or ("。" in text and len(text) > 20)):
                break
            if runs[-1]:
                runs.append([])
            continue
        runs[-1].extend(vals[:15 - count])
        count += len(vals[:15 - count])
        if count >= 15:
            break
    values = _reorder_t4([r for r in runs if r])
    cells = []
    for i, tc in enumerate(values[:15]):
        block, col = divmod(i, 5)
        cells.append(_make_cell("T4", "", T4_BLOCKS[block], T4_COLUMNS[col], T4_BLOCK_LABELS[block],
                                T4_COLUMN_LABELS[col], block, col, tc))
    return cells


# ---------------------------------------------------------------- table 2

def _blocks(lines: list[Line]) -> list[tuple[str, list[Line]]]:
    blocks: list[tuple[str, list[Line]]] = []
    for line in lines:
        m = _T2_ANCHOR.search(line.text.replace(" ", ""))
        if m:
            blocks.append(("20." + _CN[m.group(1)], []))
            cut = line.text.find("项") + 1
            if line.text[cut:].strip(" |"):  # "第二十条第(一)项 22" keeps what follows the anchor
                blocks[-1][1].append(split_line(line.text[cut:], line.offset + cut))
        elif blocks:
            blocks[-1][1].append(line)
    return blocks


@lru_cache(maxsize=1 << 14)  # row labels recur in every report
def _row_spec(label: str, spec: BlockSpec, fuzzy: bool = False) -> RowSpec | None:
    # Longest alias wins: a 行政规范性文件 row is not a bare 规范性文件 row and vice versa.
    found = [(max(len(a) for a in r.aliases if compact(a) in compact(label)), r)
             for r in spec.rows if matches(label, r.aliases)]
    if found:
        return max(found, key=lambda t: t[0])[1]
    if fuzzy:  # OCR misreads a character (行政许町): the closest row of this block, if close
        score, row = max(((max(fuzz.ratio(compact(a), compact(label)) for a in (r.label, *r.aliases)), r) for r in spec.rows),
                         key=lambda t: t[0])
        return row if score >= _FUZZY_ROW else None
    return None


@dataclass
class _Block:
    spec: BlockSpec | None
    placed: list = field(default_factory=list)  # (RowSpec | None, label, [TextCell | None])
    loose: list[TextCell] = field(default_factory=list)
    seen: list[RowSpec] = field(default_factory=list)


def extract_t2(lines: list[Line], era: str) -> list[Cell]:
    """Table 2. Rows printed with their values are placed by label, in whichever block the
    rendering put them; values printed apart from labels (PDF text) go in the form's row order."""
    specs = {b.key: b for b in (T2_STANDARD_2021 if era == "standard_2021" else T2_TRIAL_2019)}
    blocks: dict[str, _Block] = {}
    for key, block_lines in _blocks(lines):
        home = blocks.setdefault(key, _Block(specs.get(key)))
        for line in block_lines:
            if _is_footer(line):
                continue
            labels, numbers = _split(line)
            label = " ".join(labels)
            target, row = home, _row_spec(label, home.spec) if home.spec and label else None
            if row is None and label:  # a row the rendering moved below another block's anchor
                for other_key, other in specs.items():
                    row = _row_spec(label, other)
                    if row:
                        target = blocks.setdefault(other_key, _Block(other))
                        break
            if row is None and label and home.spec:
                row = _row_spec(label, home.spec, fuzzy=True)
            if row and row not in target.seen:
                target.seen.append(row)
            if not _has_number(numbers):
                continue
            if not label:
                home.loose.extend(v for v in numbers if v.text)
                continue
            width = len(target.spec.columns) if target.spec else len(numbers)
            numbers = _trim(numbers, width)
            if len(numbers) < width:  # a column lost in the rendering: the form's first and
                gap = width - len(numbers)  # last columns survive, inner ones are missing
                numbers = numbers[:1] + [None] * gap + numbers[1:]
            target.placed.append((row, label, list(numbers)))
    cells: list[Cell] = []
    for key, block in blocks.items():
        cells.extend(_block_cells(key, block))
    return cells


def _block_cells(key: str, block: _Block) -> list[Cell]:
    spec, placed, loose = block.spec, block.placed, block.loose
    cols = spec.columns if spec else ()
    if spec and not placed and loose:
        order = [r for r in spec.rows if r in block.seen] or list(spec.rows)
        if len(loose) != len(order) * len(cols) and len(loose) == len(spec.rows) * len(cols):
            order = list(spec.rows)
        for r_i, row in enumerate(order):
            placed.append((row, row.label, loose[r_i * len(cols):(r_i + 1) * len(cols)]))
        loose = loose[len(order) * len(cols):]
    else:  # loose values fill, in order, the cells that labelled rows lost
        holes = [(p, c) for p, (_, _, vals) in enumerate(placed) for c, v in enumerate(vals) if v is None]
        if holes and len(holes) == len(loose):
            for (p, c), tc in zip(holes, loose):
                placed[p][2][c] = tc
            loose = []
    cells: list[Cell] = []
    for r_i, (row, label, vals) in enumerate(placed):
        for c, tc in enumerate(vals):
            if tc is None:
                continue
            col_key, col_label = cols[c] if c < len(cols) else ("", "")
            unit = _UNIT_WAN if _UNIT_WAN in col_label else ""
            cells.append(_make_cell("T2", key, row.key if row else compact(label), col_key, label,
                                    col_label, r_i, c, tc, unit))
    cells.extend(_make_cell("T2", key, "", "", "", "", -1, i, tc) for i, tc in enumerate(loose))
    return cells
