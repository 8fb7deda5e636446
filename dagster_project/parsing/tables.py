"""Tables 2–4 of the 2019 and 2021 forms, from any line-based rendering.

Renderings differ in how a row reaches us: a whole row on one line (pipes, tabs, wide spaces,
HTML rendered to pipes), or one cell per line as PDF-to-text writes it, where a page's block of
rows may even come out column by column. Rows are rebuilt first, then placed on the form's rows:
by order when the row count fits the form, by label otherwise. Values are never changed.
"""
from __future__ import annotations

import re
from collections import Counter
from itertools import permutations
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from .labels import compact, matches
from .model import Cell
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


@dataclass
class Row:
    """A table row as rebuilt from the rendering: label (may be empty) and value cells."""

    label: str
    values: list[TextCell]
    labelled: bool  # the label was printed on the same line as the values


def _is_footer(line: Line) -> bool:
    return bool(_PAGE_FOOTER.match(line.text.strip()))


def _split(line: Line) -> tuple[list[TextCell], list[TextCell]]:
    """Label cells and value cells of a line. In delimited rows, blanks after the label count."""
    cells = list(line.cells)
    last_label = -1
    for i, c in enumerate(cells):
        if c.text and parse_value(c.text).kind == "text":
            last_label = i
    labels = [c for c in cells[: last_label + 1] if c.text]
    values = cells[last_label + 1:]
    if not line.delimited:
        values = [c for c in values if c.text]
    return labels, values


def _has_number(cells: list[TextCell]) -> bool:
    return any(parse_value(c.text).kind in ("number", "zero", "not_applicable") for c in cells)


def _make_cell(table: str, section: str, row: str, col: str, row_label: str, col_label: str,
               row_index: int, col_index: int, tc: TextCell, unit: str = "") -> Cell:
    v = parse_value(tc.text)
    return Cell(table, section, row, col, row_label, col_label, row_index, col_index, tc.text,
                v.number, v.kind, v.unit or unit, tc.offset)


# ---------------------------------------------------------------- regions

def find_regions(lines: list[Line]) -> dict[str, tuple[int, int]]:
    """Line ranges of tables 2, 3 and 4 (absent tables are left out)."""
    t2 = next((i for i, ln in enumerate(lines) if _T2_ANCHOR.search(ln.text.replace(" ", ""))), None)
    search_from = t2 or 0
    t3 = next((i for i in range(search_from, len(lines))
               if any(k in lines[i].text.replace(" ", "") for k in _T3_START)
               and not _T2_ANCHOR.search(lines[i].text)), None)
    regions: dict[str, tuple[int, int]] = {}
    if t3 is None:
        if t2 is not None:
            regions["T2"] = (t2, _t4_start(lines, t2) or len(lines))
        return regions
    if t2 is not None and t2 < t3:
        regions["T2"] = (t2, t3)
    t4 = _t4_start(lines, t3 + 1)
    regions["T3"] = (t3, t4 if t4 is not None else len(lines))
    if t4 is not None:
        regions["T4"] = (t4, len(lines))
    return regions


def _t4_start(lines: list[Line], start: int) -> int | None:
    for i in range(start, len(lines)):
        text = lines[i].text.replace(" ", "")
        if "行政复议" in text and "结转" not in text:
            return i
    return None


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

    def row_ok(vals: list[float | None]) -> bool:
        if any(v is None for v in vals):
            return True
        return abs(sum(vals[:-1]) - vals[-1]) < 1e-9

    best: list[tuple[float, list[list[int]]] | None] = [None] * (m + 1)
    best[0] = (0.0, [])
    for start in range(m):
        if best[start] is None:
            continue
        cost0, rows0 = best[start]
        base = start * width
        for b in range(1, m - start + 1):
            if b == 1:
                block = [[base + c for c in range(width)]]
            else:  # b rows written column by column
                block = [[base + c * b + r for c in range(width)] for r in range(b)]
            bad = sum(not row_ok([nums[i] for i in idx]) for idx in block)
            cand = (cost0 + b + (0.5 if b > 1 else 0) + 100 * bad, rows0 + block)
            if best[start + b] is None or cand[0] < best[start + b][0]:
                best[start + b] = cand
    return [[run[i] for i in idx] for idx in best[m][1]]


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
        numbers = [v for v in values if v.text]
        if not numbers:
            flush()
            pending.extend(c.text for c in labels)
            continue
        if len(numbers) == 1 and not labels and not line.delimited:
            run.append(numbers[0])
            continue
        flush()
        label = " ".join(c.text for c in labels)
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
    rows, strays = rebuild_rows(lines, len(T3_COLUMNS))
    rows = [r for r in rows if any(v.text for v in r.values)]
    region_text = compact(" ".join(ln.text for ln in lines))
    if len(rows) == len(T3_ROWS_SPLIT_OTHER):
        split = True
    elif len(rows) == len(T3_ROWS_SINGLE_OTHER):
        split = False
    else:
        split = any(k in region_text for k in ("逾期不补正", "收费通知", "缴纳费用"))
    specs = T3_ROWS_SPLIT_OTHER if split else T3_ROWS_SINGLE_OTHER
    cells: list[Cell] = []
    widths = Counter(len(_trim(r.values, len(T3_COLUMNS))) for r in rows)
    # a table that prints only the 总计 column; a lone value in a wider table is a row cut short
    total_only = bool(widths) and widths.most_common(1)[0][0] == 1
    for index, (row, spec) in enumerate(_align(rows, specs)):
        values = _trim(row.values, len(T3_COLUMNS))
        label = row.label or (spec.label if spec else "")
        for c, tc in enumerate(values):
            col_key = T3_COLUMNS[c] if c < len(T3_COLUMNS) and len(values) <= len(T3_COLUMNS) else ""
            col_label = T3_COLUMN_LABELS[c] if col_key else ""
            if len(values) == 1 and total_only:
                col_key, col_label = "total", "总计"
            cells.append(_make_cell("T3", "", spec.key if spec else "", col_key, label, col_label,
                                    index, c, tc))
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
    best = None
    for perm in permutations(range(len(runs))):
        flat = [(r, v) for r in perm for v in runs[r]]
        if len(flat) < 15 or not _t4_identities_hold([n for r in perm for n in numbers[r]][:15]):
            continue
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
        taken = vals if line.delimited else [v for v in vals if v.text]
        runs[-1].extend(taken[:15 - count])
        count += len(taken[:15 - count])
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
            labels, values = _split(line)
            label = " ".join(c.text for c in labels)
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
            numbers = values if line.delimited else [v for v in values if v.text]
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
