"""Report metadata from raw report text: body, statistics year and period, document date, scope.

Works on web page text (breadcrumbs, 发布日期 lines), PDF-to-text (hard wraps, page footers)
and markdown. Deterministic and cheap: every regex is compiled at import, and a call makes a
few linear passes over the text (see design/crosswalk.md §6 for where each field lives).

Field rules, in order of preference:
- body_name: the report title "〈机关〉〈YYYY〉年(度)政府信息公开(工作)(年度)报告" (also wrapped over
  two lines, year first, or with the body on its own line above/below) > an organisation name
  alone on a line of the page head > the organisation a self-reference ("本办公室", "本局") points
  to > "由〈机关〉…编制" > a 发布机构 field. The name is then normalised: common abbreviations
  (data/body_abbreviations.csv) are expanded, a bare region gets its 人民政府, and a district or
  county name takes the parent-city prefix the text itself prints.
- report_year: statistics period ("统计期限/时限/期/周期…") > title year > "（YYYY年度）".
- period_start / period_end: from the statistics period only.
- publish_date: the in-document date (signature or date line) > 成文/发文日期 > 发布日期/时间.
- body_type, admin_level, region_code and region names, body_id: parsing/regions.py, which may
  also correct the name (an OCR misread of its region, a region the text supplies).
- scope: consolidated_region on compilation cues ("综合…报告编制而成", "全县各单位", "全区61家…单位"),
  or, for a government or its office, when the report gives its region's figures ("全市共受理…申请",
  "全区政府信息公开工作虽…"); else single_body.
"""
from __future__ import annotations

import csv
import re
from datetime import date
from functools import lru_cache
from pathlib import Path

from . import codes
from .model import ReportMeta
from .regions import identify_body

__all__ = ["extract_meta", "extract_meta_folded", "cn_numeral_to_int", "load_abbreviations"]

_CJK = "\u4e00-\u9fff"
_HZ = f"[{_CJK}]"
_G = r"[ \t\u3000\xa0]*"  # horizontal gap: PDF text prints "2024 年 1 月"

# ---------------------------------------------------------------- numerals

_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def cn_numeral_to_int(s: str) -> int | None:
    """'2014' / '二〇一四' (digit by digit) / '十二' / '三十一' -> int; None if not a numeral."""
    if not s:
        return None
    if s.isascii() and s.isdigit():
        return int(s)
    try:
        if "十" in s:  # month/day style: [tens]十[ones]
            tens, _, ones = s.partition("十")
            if len(tens) > 1 or len(ones) > 1:
                return None
            return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
        n = 0
        for ch in s:
            n = n * 10 + _CN_DIGITS[ch]
        return n
    except KeyError:
        return None


@lru_cache(maxsize=1 << 12)  # the same dates recur: period bounds, signatures
def _iso(y: str, m: str, d: str) -> str | None:
    yi, mi, di = cn_numeral_to_int(y), cn_numeral_to_int(m), cn_numeral_to_int(d)
    if yi is None or mi is None or di is None:
        return None
    try:
        return date(yi, mi, di).isoformat()
    except ValueError:
        return None


_YEAR = r"(?:19|20)\d{2}|[一二][〇○零一二三四五六七八九]{3}"
_MD = r"\d{1,2}|[一二三四五六七八九十]{1,3}"


def _date_pat(tag: str) -> str:
    return (rf"(?P<{tag}y>{_YEAR}){_G}年{_G}(?P<{tag}m>{_MD}){_G}月"
            rf"{_G}(?P<{tag}d>{_MD}){_G}日")


# ---------------------------------------------------------------- normalisation

_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_FULLWIDTH_RE = re.compile("[０-９]")  # str.translate is slow on CJK text: only when needed
# Line patterns start with a literal "\n" (the text is wrapped in newlines) rather than ^ + re.M,
# which lets the regex engine jump between line starts: several times faster on 20 KB.
# Page footers ("-1-", "— 2 —", "第 3 页 共 5 页") would otherwise split a wrapped sentence.
_FOOTER_RE = re.compile(
    rf"\n{_G}(?:[-—–－―]+{_G}\d{{1,3}}{_G}[-—–－―]+|第{_G}\d{{1,3}}{_G}页(?:{_G}[,，/]?{_G}共{_G}\d{{1,3}}{_G}页)?)"
    rf"{_G}(?=\n)"
)
_LINE_JUNK = "|#*`_"  # markdown / table-pipe debris around a title
_CRUMB_MARKS = ">›»"  # breadcrumb separators
_NOT_SPACE = codes.lookup({codes.SPACES: False}, bool, default=True, above=True)


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


# ---------------------------------------------------------------- names

_REGION_SUFFIX = r"(?:省|自治区|市|自治州|州|盟|地区|县|区|旗)"
# Autonomous divisions name their peoples: up to 14 characters before 自治 (双江拉祜族佤族布朗族傣族自治县).
_PEOPLES = rf"{_HZ}{{2,14}}?自治"
_AUTONOMOUS = rf"{_PEOPLES}(?:区|州|县|旗)"
_REGION_SEG = rf"(?:{_HZ}{{1,7}}?{_REGION_SUFFIX}|{_AUTONOMOUS})"
_REGION_FULL_RE = re.compile(rf"(?:{_REGION_SEG})+")
_REGION_START_RE = re.compile(_REGION_SEG)
# First administrative segment of a name, to know whether it is a district/county/town.
_FIRST_SEG_RE = re.compile(rf"{_HZ}{{1,7}}?(?P<suf>自治区|省|市|自治州|州|盟|地区|县|区|旗|街道|镇|乡)"
                           rf"|{_PEOPLES}(?P<suf2>区|州|县|旗)")
_ORG_SUFFIX = (r"(?:人民政府|政府|办公室|办公厅|委员会|管委会|办事处|街道|局|厅|委|办|署|院|中心"
               r"|站|所|馆|处|队|会|部|镇|乡)")
_ORG_RE = re.compile(rf"(?:{_REGION_SEG})*[{_CJK}（）()·]{{0,20}}?{_ORG_SUFFIX}")
_BODY_CHARS_RE = re.compile(rf"[{_CJK}（）()·]{{2,40}}")
# Zones are run by a 管委会 whose exact name the text must give: never append 人民政府.
_ZONE_RE = re.compile(r"(?:开发区|高新区|新区|园区|功能区|示范区|保税区|试验区|合作区|管理区|度假区|景区)$")
_TOWN_RE = re.compile(rf"(?:{_REGION_SEG})*{_HZ}{{1,8}}?(?P<suf>镇|乡|街道)")
# Characters that start the words before a name ("请与", "由", "本报告由") but rarely a place name.
_STOP = frozenset("请与由向在对经为是及的了将据按被至即各该现并报给称如见系联但也等已均又还其此这那之所到把让使令依因就全本我")
_MAX_RUN = 16
_DISC = r"(?:政府信息公开|政务信息公开|信息公开|政务公开)"
_NOT_A_NAME_RE = re.compile(r"信息公开|政务公开|年度报告|工作报告|统计表|首页|位置|网站")


def load_abbreviations(path: Path | None = None) -> tuple[tuple[str, str], ...]:
    """(short, full) pairs, longest short form first so 政府办公室 wins over 政府."""
    path = path or Path(__file__).with_name("data") / "body_abbreviations.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [(r["short"].strip(), r["full"].strip()) for r in csv.DictReader(fh) if r["short"].strip()]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


_ABBREVIATIONS = load_abbreviations()
_LEVEL_CHARS = ("省", "市", "县", "区")


def _body_like(s: str) -> bool:
    return (
        bool(_BODY_CHARS_RE.fullmatch(s))
        and not _NOT_A_NAME_RE.search(s)
        and (bool(_REGION_START_RE.match(s)) or bool(_ORG_RE.fullmatch(s)))
    )


def _org_line(s: str) -> bool:
    return len(s) <= 30 and bool(_BODY_CHARS_RE.fullmatch(s)) and not _NOT_A_NAME_RE.search(s) \
        and bool(_ORG_RE.fullmatch(s))


def _best_prefix(compact: str, anchor: str, ok, tail: str = "") -> str | None:
    """The name part printed right before `anchor` (e.g. the parent city before a district name).

    Candidates are the endings of the run of Chinese characters before each occurrence that `ok`
    accepts and whose first character is not a function word. The one the text prints most often
    (with `tail` appended), at least twice, wins; ties go to the longer. A real region or body name
    recurs on its own (addresses, contact lines), the sentence glue before it ("请与", "本报告由")
    does not, so "淮安市" beats "报告由淮安市" even when a page repeats the whole report.
    """
    best: tuple[int, int, str] | None = None
    counts: dict[str, int] = {}
    start, seen = 0, 0
    while seen < 30:
        i = compact.find(anchor, start)
        if i < 0:
            break
        seen += 1
        start = i + 1
        j, lo = i, max(0, i - _MAX_RUN)
        while j > lo and _is_cjk(compact[j - 1]):
            j -= 1
        run = compact[j:i]
        for k in range(len(run), 1, -1):
            p = run[-k:]
            if p[0] in _STOP or not ok(p):
                continue
            c = counts.get(p)
            if c is None:
                c = counts[p] = compact.count(p + tail)
            if c >= 2 and (best is None or (c, k) > best[:2]):
                best = (c, k, p)
    return best[2] if best else None


def _parent_ok(p: str) -> bool:
    # Parent city/prefecture (or district, for a town); provinces are not part of official names.
    return (len(p) >= 3 and "省" not in p and "自治区" not in p
            and bool(_REGION_FULL_RE.fullmatch(p)) and p[-1] in "市州盟区县旗")


def _qualify(body: str, compact: str) -> str:
    """District/county/town names are not unique nationally: take the parent prefix the text prints
    ("洪泽区人民政府" + "淮安市洪泽区人民政府办公室" -> "淮安市洪泽区人民政府")."""
    m = _FIRST_SEG_RE.match(body)
    if not m or (m.group("suf") or m.group("suf2")) not in ("区", "县", "旗", "街道", "镇", "乡"):
        return body
    p = _best_prefix(compact, body, _parent_ok)
    return p + body if p else body


def _region_for_level(level: str, short: str, full: str, compact: str) -> str | None:
    """'市' + 科委 -> '上海市' when the text prints 上海市科委 / 上海市政府 … at least twice."""
    def ok(p: str) -> bool:
        return 2 <= len(p) <= 6 and not _REGION_FULL_RE.fullmatch(p)

    for anchor in (level + short, level + full, level + "人民政府", level + "政府", level + "委"):
        p = _best_prefix(compact, anchor, ok, tail=level)
        if p:
            return p + level
    return None


def _normalize_body(body: str, compact: str) -> str:
    for short, full in _ABBREVIATIONS:
        if body.endswith(short) and not body.endswith(full):
            rest = body[: -len(short)]
            if rest in _LEVEL_CHARS:  # "市科委": the region comes from elsewhere in the text
                region = _region_for_level(rest, short, full, compact)
                body = (region or rest) + full
                break
            if rest and _REGION_FULL_RE.fullmatch(rest):
                body = rest + full
                break
    if not _ZONE_RE.search(body):
        t = _TOWN_RE.fullmatch(body)
        if t:
            body += "办事处" if t.group("suf") == "街道" else "人民政府"
        elif _REGION_FULL_RE.fullmatch(body):  # "资兴市2017年度…报告" is the city government's
            body += "人民政府"
    return _qualify(body, compact)


# ---------------------------------------------------------------- title

_REPORT = rf"{_DISC}(?:工作)?(?:的)?(?:年度)?(?:工作)?(?:报告|年报)"
_TITLE_RES = (
    # 〈机关〉YYYY年(度)〈机关〉政府信息公开(工作)(年度)报告〈机关〉
    re.compile(rf"^(?P<pre>.*?)(?P<y>{_YEAR})年度?(?P<mid>.*?){_REPORT}(?P<post>.*)$"),
    # 〈机关〉政府信息公开工作YYYY年度报告
    re.compile(rf"^(?P<pre>.*?){_DISC}(?:工作)?(?P<y>{_YEAR})年度?(?:报告|年报)(?P<post>.*)$"),
    # 〈机关〉政府信息公开工作年度报告 (year printed elsewhere, e.g. "（2013年度）")
    re.compile(rf"^(?P<pre>.*?){_REPORT}(?P<post>.*)$"),
)
_CHROME_SPLIT_RE = re.compile(r"^.*[:：]")  # "标题：〈title〉"
_PRE_TRIM_RE = re.compile(r"^(?:正文|现将|现予公布|现公布|现发布|关于)+|(?:关于|的)+$")
_BRACKETS = "《》“”\"'【】[]「」"
_HEAD_LINES = 40
_HEAD_CHARS = 8000
_TITLE_MAX = 80
_PREFACE_CHARS = 3000


def _clean_title_part(s: str) -> str:
    s = _CHROME_SPLIT_RE.sub("", s).strip(_BRACKETS)
    return _PRE_TRIM_RE.sub("", s).strip(_BRACKETS)


def _match_title(s: str) -> tuple[str, int | None] | None:
    """(body or '', year) when `s` reads as a report title; None otherwise."""
    if len(s) > _TITLE_MAX or "公开" not in s:  # every title pattern names 公开 (_DISC)
        return None
    for rx in _TITLE_RES:
        m = rx.match(s)
        if not m:
            continue
        gd = m.groupdict()
        pre = _clean_title_part(gd.get("pre") or "")
        mid = _clean_title_part(gd.get("mid") or "")
        post = _clean_title_part(gd.get("post") or "").strip("（）()")
        # Text before the title words must be a name (or nothing): rules out prose lines.
        if (pre and not _body_like(pre)) or (mid and not _body_like(mid)):
            return None
        body = pre or mid or (post if _body_like(post) else "")
        year = cn_numeral_to_int(gd["y"]) if gd.get("y") else None
        if not body and year is None:
            return None  # a bare "信息公开年报" is a navigation crumb, not a title
        return body, year
    return None


def _find_title(head: list[str]) -> tuple[str, int | None, int] | None:
    """Title in the page head; single lines first, then a title hard-wrapped over two lines."""
    for i, s in enumerate(head):
        r = _match_title(s)
        if r:
            return r[0], r[1], i
    for i in range(len(head) - 1):
        r = _match_title(head[i] + head[i + 1])
        if r:
            return r[0], r[1], i + 1
    return None


_SELF_REF = (
    (re.compile(r"(?:本|我)办(?:公室)?(?!法|理|事|结|件|案)"), ("办公室",)),  # not 本办法 / 我办理
    (re.compile(r"(?:本|我)局"), ("局",)),
    (re.compile(r"(?:本|我)委(?!托)"), ("委员会", "委")),
    (re.compile(r"(?:本|我)厅"), ("厅",)),
    (re.compile(r"本中心"), ("中心",)),
    (re.compile(r"(?:本|我)街道"), ("街道办事处", "街道")),
    (re.compile(r"(?:本|我)镇"), ("镇人民政府", "镇")),
    (re.compile(r"(?:本|我)乡"), ("乡人民政府", "乡")),
)
_COMPILER_RE = re.compile(rf"由({_HZ}{{4,30}}?)(?:根据|依据|按照|综合|汇总|负责|编制|组织)")
# Page field; may name the hosting office rather than the reporting body, hence last resort.
# Matched on the raw text: in the compact text the field runs into the next one.
_ISSUER_RE = re.compile(rf"(?:发布机构|发文机关){_G}[:：]{_G}({_HZ}[{_CJK}（）()]{{3,29}})")


def _self_reference_body(compact: str) -> str | None:
    """'本办公室' + '瑞安市人民政府办公室' printed in the text -> that office."""
    def ok(p: str) -> bool:
        return len(p) <= 20 and bool(_REGION_START_RE.match(p))

    hits = []
    for rx, suffixes in _SELF_REF:
        m = rx.search(compact)
        if m:
            hits.append((m.start(), suffixes))
    for _, suffixes in sorted(hits):  # the self-reference printed first decides
        for suffix in suffixes:
            p = _best_prefix(compact, suffix, ok)
            if p:
                return p + suffix
    return None


def _find_body(head: list[str], text: str, compact: str,
               title: tuple[str, int | None, int] | None) -> str | None:
    if title:
        body, _, i = title
        if body:
            return body
        # Body printed on its own line above the title, else as a byline right below it.
        for j in (i - 1, i - 2, i + 1):
            if 0 <= j < len(head) and _org_line(head[j]):
                return head[j]
    for s in head[:12]:
        if _org_line(s):
            return s
    found = _self_reference_body(compact)
    if found:
        return found
    # The "由〈机关〉编制" statement belongs to the preface; later "由…" phrases are about others.
    for rx, where in ((_COMPILER_RE, compact[:_PREFACE_CHARS]), (_ISSUER_RE, text)):
        m = rx.search(where)
        if m and _body_like(m.group(1)):
            return m.group(1)
    return None


# ---------------------------------------------------------------- dates

_PERIOD_WORD = r"(?:统计|数据)(?:期限|时限|期间|周期|区间|时段|时间|范围|期)"
_PERIOD_RE = re.compile(
    rf"{_PERIOD_WORD}[^。；;\d〇○零一二三四五六七八九十]{{0,10}}?"
    rf"(?P<sy>{_YEAR})年(?P<sm>{_MD})月(?P<sd>{_MD})日?(?:起|开始)?(?:至|到|—|–|－|-|~|～)+"
    rf"(?:(?P<ey>{_YEAR})年)?(?P<em>{_MD})月(?P<ed>{_MD})日"
)
_PERIOD_YEAR_RE = re.compile(
    rf"{_PERIOD_WORD}[^。；;\d〇○零一二三四五六七八九十]{{0,10}}?(?P<y>{_YEAR})年(?:度|全年)"
)
_BRACKET_YEAR_RE = re.compile(rf"[（(](?P<y>{_YEAR})年度?[)）]")

# A date alone on its line, optionally after the signing body: the document's own date.
_DATE_LINE_RE = re.compile(
    rf"\n{_G}(?P<org>{_HZ}[{_CJK}（）()·]{{1,29}}?)?{_G}[（(]?{_G}{_date_pat('')}{_G}[）)]?{_G}(?=\n)"
)
# Chinese-numeral dates ("二〇一四年三月三日") are signatures even inside one long web-text line.
_CN_DATE_RE = re.compile(
    rf"(?P<y>[一二][〇○零一二三四五六七八九]{{3}}){_G}年{_G}(?P<m>[一二三四五六七八九十]{{1,2}}){_G}月"
    rf"{_G}(?P<d>[一二三四五六七八九十]{{1,3}}){_G}日"
)
# A date line ends in 日: where that holds is found by its literal, instead of trying the pattern
# at every line start (the organisation part is tried at many lengths).
_DATE_LINE_END_RE = re.compile(rf"日{_G}[）)]?{_G}\n")
# A Chinese-numeral date has a Chinese-numeral month after its 年, which ordinary text rarely has.
_CN_MONTH_RE = re.compile(rf"年{_G}[一二三四五六七八九十]{{1,2}}{_G}月")
_GAP_CHARS = " \t\u3000\xa0"  # _G


def _all_at(text: str, char: str) -> list[int]:
    found, at = [], text.find(char)
    while at >= 0:
        found.append(at)
        at = text.find(char, at + 1)
    return found


def _gap_start(text: str, pos: int) -> int:
    """Where the run of _G characters that ends at `pos` starts."""
    while pos and text[pos - 1] in _GAP_CHARS:
        pos -= 1
    return pos


def _date_lines(text: str) -> list[re.Match]:
    """_DATE_LINE_RE.finditer(text): each match is one whole line, so lines are tried one by one."""
    found = []
    for end in _DATE_LINE_END_RE.finditer(text):
        m = _DATE_LINE_RE.match(text, text.rfind("\n", 0, end.start()))
        if m:
            found.append(m)
    return found


def _cn_dates(text: str) -> list[re.Match]:
    """_CN_DATE_RE.finditer(text): a match is the four numerals of its year, spaces, 年 and the rest,
    so it starts four characters before the spaces that precede the 年 of a _CN_MONTH_RE hit."""
    found = []
    for month in _CN_MONTH_RE.finditer(text):
        year_end = _gap_start(text, month.start())
        m = _CN_DATE_RE.match(text, year_end - 4) if year_end >= 4 else None
        if m:
            found.append(m)
    return found


_RANGE_AFTER = frozenset("起至到止—–－-~～，,的前后")
_RANGE_BEFORE = frozenset("自从至到于截")
_WEB_DATE_LABELS = ("成文日期", "发文日期", "印发日期", "发布日期", "发布时间", "公开日期", "生成日期", "更新日期",
                    "更新时间", "日期", "时间")
_WEB_DATE_RE = re.compile(
    rf"(?P<label>{'|'.join(_WEB_DATE_LABELS)})"
    rf"{_G}[:：]{_G}(?P<y>\d{{4}}){_G}[-/.年]{_G}(?P<m>\d{{1,2}}){_G}[-/.月]{_G}(?P<d>\d{{1,2}})"
)
_WEB_DATE_LABEL_SET = frozenset(_WEB_DATE_LABELS)
_WEB_RANK = {"成文日期": 0, "发文日期": 0, "印发日期": 0, "发布日期": 1, "发布时间": 1, "公开日期": 1}


def _find_period(compact: str) -> tuple[str | None, str | None, int | None]:
    m = _PERIOD_RE.search(compact)
    if m:
        start = _iso(m["sy"], m["sm"], m["sd"])
        end = _iso(m["ey"] or m["sy"], m["em"], m["ed"])
        if start and end and end < start and not m["ey"]:  # "12月1日至1月31日" crosses the year
            end = _iso(str(int(start[:4]) + 1), m["em"], m["ed"])
        if start and end:
            return start, end, int(end[:4])
    m = _PERIOD_YEAR_RE.search(compact)
    if m:
        return None, None, cn_numeral_to_int(m["y"])
    return None, None, None


def _next_char(text: str, pos: int) -> str:
    rest = text[pos: pos + 12].lstrip()
    return rest[:1]


def _prev_char(text: str, pos: int) -> str:
    before = text[max(0, pos - 12): pos].rstrip()
    return before[-1:]


def _document_date(text: str, report_year: int | None, period_end: str | None) -> str | None:
    """Last standalone date in the document (signature, or a date line under the title).

    A report is written after the period it covers: a date inside the period is a heading of
    the narrative ("2023年5月10日" in a timeline), not the document's date.
    """
    found: list[tuple[int, str]] = []
    for m in _date_lines(text):
        org = m["org"]
        if org and not _ORG_RE.fullmatch(org):
            continue  # "截至 2023 年 12 月 31 日" is prose, not a signature
        if _next_char(text, m.end()) in _RANGE_AFTER:
            continue  # a wrapped "…1 月 1 日\n起至…" fragment
        iso = _iso(m["y"], m["m"], m["d"])
        if iso:
            found.append((m.start(), iso))
    for m in _cn_dates(text):
        if _next_char(text, m.end()) in _RANGE_AFTER or _prev_char(text, m.start()) in _RANGE_BEFORE:
            continue
        iso = _iso(m["y"], m["m"], m["d"])
        if iso:
            found.append((m.start(), iso))
    found.sort()
    for _, iso in reversed(found):
        y = int(iso[:4])
        if period_end and iso <= period_end:
            continue
        if report_year is None or report_year <= y <= report_year + 3:
            return iso
    return None


def _web_dates(text: str) -> list[re.Match]:
    """_WEB_DATE_RE.finditer(text). A match's label ends where the spaces before its colon start,
    and labels have 2 or 4 characters, so only those two places before each colon are tried."""
    found, pos = [], 0
    for colon in sorted(_all_at(text, ":") + _all_at(text, "：")):  # str.find: faster than a [:：] scan
        label_end = _gap_start(text, colon)
        for start in (label_end - 4, label_end - 2):
            if start >= pos and text[start:label_end] in _WEB_DATE_LABEL_SET:
                m = _WEB_DATE_RE.match(text, start)
                if m:
                    found.append(m)
                    pos = m.end()
                    break
    return found


def _web_date(text: str) -> str | None:
    best: tuple[int, str] | None = None
    for m in _web_dates(text):
        iso = _iso(m["y"], m["m"], m["d"])
        if iso:
            rank = _WEB_RANK.get(m["label"], 2)
            if best is None or rank < best[0]:
                best = (rank, iso)
    return best[1] if best else None


# ---------------------------------------------------------------- scope

_CONSOLIDATED_RES = (
    # "综合各功能区、各镇(街道)和市各有关部门单位的政府信息公开年度报告编制而成"
    # (one pattern per opening character: re skips to a literal prefix quickly)
    *(re.compile(rf"{opening}[^。；;]{{0,80}}?(?:年度报告|年报|报告|工作情况|统计数据)[^。；;]{{0,20}}?"
                 r"(?:编制|汇编|整理|形成|汇总)") for opening in ("综合", "汇(?:总|集)")),
    # "全县各单位", "全区各级行政机关", "全区61家政务公开责任单位"
    # (a bare "全市61个部门单位进驻中心" is not one: the counted units must be disclosure units)
    re.compile(r"全(?:省|市|县|区|旗|州|镇|乡)(?:各级(?:行政)?机关|各(?:有关)?单位"
               r"|\d+(?:家|个)[^。；;，,]{0,8}?(?:公开|责任)[^。；;，,]{0,6}?单位)"),
)


# A government speaking of its whole region ("全市" is its own region only for a government or its
# office: a department quotes region-wide totals as context, e.g. "全省交通运输系统共受理…").
_REGION_WIDE_RES = (
    # "全市共受理政府信息公开申请3119件", "全区受理…申请21件": the report's request figure is the region's
    re.compile(r"全(?:省|市|县|区|旗|州)(?:共|累计|总共)?(?:受理|收到|办理)[^。；;，,]{0,12}?申请"),
    # "全区政府信息公开工作虽取得一定成绩": the report assesses the region's disclosure work
    re.compile(r"全(?:省|市|县|区|旗|州)(?:政府信息公开|政务公开)工作(?:虽|取得|总体|整体)"),
)


def _scope(compact: str, body_type: str | None) -> str:
    for rx in _CONSOLIDATED_RES:
        if rx.search(compact):
            return "consolidated_region"
    if body_type in ("government", "government_office"):
        for rx in _REGION_WIDE_RES:
            if rx.search(compact):
                return "consolidated_region"
    return "single_body"


# ---------------------------------------------------------------- entry point


def _head_lines(text: str) -> list[str]:
    """The first non-blank lines, without spaces, markdown / pipe debris and breadcrumbs."""
    head: list[str] = []
    block = text[:_HEAD_CHARS]
    for junk in _LINE_JUNK:  # no line keeps debris: drop it from the whole head at once
        block = block.replace(junk, "")
    crumbs = any(mark in block for mark in _CRUMB_MARKS)
    for words in filter(None, map(str.split, block.splitlines())):  # most PDF lines are blank
        s = "".join(words)
        if crumbs:  # "首页 > 年报 > 〈title〉": the last crumb
            s = s[max(map(s.rfind, _CRUMB_MARKS)) + 1:]
        if s:
            head.append(s)
            if len(head) >= _HEAD_LINES:
                break
    return head


def extract_meta(text: str) -> ReportMeta:
    """Metadata of one report from its raw text (see the module docstring for the rules)."""
    if _FULLWIDTH_RE.search(text):
        text = text.translate(_FULLWIDTH)
    return extract_meta_folded(text)


def extract_meta_folded(text: str) -> ReportMeta:
    """extract_meta of a text without full-width digits, such as text.normalize's output."""
    text = "\n" + text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n") + "\n"
    text = _FOOTER_RE.sub("\n", text)
    points = codes.code_points(text)
    compact = codes.from_code_points(points[_NOT_SPACE.take(codes.in_bmp(points))])  # wraps, "2024 年" spacing
    head = _head_lines(text)

    title = _find_title(head)
    body = _find_body(head, text, compact, title)
    who = identify_body(_normalize_body(body, compact) if body else None, compact)

    start, end, year = _find_period(compact)
    if year is None and title and title[1]:
        year = title[1]
    if year is None:
        m = _BRACKET_YEAR_RE.search("".join(head))
        if m:
            year = cn_numeral_to_int(m["y"])

    return ReportMeta(
        body_name=who.body_name,
        report_year=year,
        period_start=start,
        period_end=end,
        publish_date=_document_date(text, year, end) or _web_date(text),
        scope=_scope(compact, who.body_type),
        body_type=who.body_type,
        admin_level=who.admin_level,
        region_code=who.region_code,
        province_name=who.province_name,
        prefecture_name=who.prefecture_name,
        county_name=who.county_name,
        body_id=who.body_id,
    )
