"""Figures the report's prose states about disclosure work (gold rules 6 and 8).

Reports without a table, and the text parts of 2021-format reports, state a few figures in
sentences: the 信息处理费, the proactive-disclosure total, requests received and closed, and
disclosure-related reviews, suits and complaints. Only unambiguous statements are returned:

- the figure must be tied to disclosure by the words next to it (a general 行政复议 caseload,
  a 12345 hotline count or a website-update count is never taken);
- no approximations (余/多/近/约), no part of the year (截至11月, 1-11月), no sub-unit
  (代表…, 本级), no breakdown (其中…, …领域), no last-year figure (上年…);
- at most one figure per metric: the first statement wins, later ones are never emitted.

Matching runs on a copy of the text without line breaks, page footers ("-1-", "— 2 —") and
spaces, with full-width forms folded to ASCII; an index map gives offsets in the original.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate, repeat
from operator import add

import numpy as np

from . import codes
from .model import Cell

# ---------------------------------------------------------------- normalisation

# Full-width forms the patterns care about, folded 1:1 so offsets survive ("１１３６", "（", "，").
# A chain of str.replace is much faster than str.translate on long texts.
_FOLD = tuple((chr(0xFF10 + d), str(d)) for d in range(10)) + tuple(
    zip("，；：（）！？．｜－～", ",;:()!?.|-~")
)
# A page-footer line: "-1-", "— 2 —", "第 3 页", "第3页 共7页".
_FOOTER = (
    r"[ \t]*(?:[-—–─]+[ \t]*\d{1,4}[ \t]*[-—–─]+|第[ \t]*\d{1,4}[ \t]*页(?:[ \t,/]*共[ \t]*\d{1,4}[ \t]*页)?)"
    r"[ \t]*(?=\r?\n|\f|\Z)"
)
_FOOTER_LINE = re.compile(rf"[\n\f]{_FOOTER}")
# A heading line ("四、政府信息公开申请情况", "（二）依申请公开方面"): short, no sentence punctuation.
# The break after it ends a paragraph even without a blank line, as in PDF text.
_HEADING = re.compile(
    r"[ \t]*(?:[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\)|\d{1,2}[.、](?!\d))"
    r"[^。;,:!?\n]{0,30}$"
)
# For row_label: undo hard wraps only, keep the spaces printed inside the line.
_UNWRAP = re.compile(rf"\s*[\n\f]{_FOOTER}\s*|[ \t]*[\r\n\f]+[ \t]*")

# Character classes for _normalise, one bit each (above the BMP: none).
_SPACE, _BLANK, _ASCII_DIGIT, _FOOTER_OPENS = (1 << i for i in range(4))
_CLASS = sum(codes.lookup({chars: bit}, np.uint8) for chars, bit in (
    (codes.SPACES, _SPACE), (" \t", _BLANK), ("0123456789", _ASCII_DIGIT), ("-—–─第", _FOOTER_OPENS),
))
# A line opening with an enumeration mark ("一、", "(二)", "3." or "3、"): maybe a _HEADING. Searched
# in "\n" + text, so that a match starts where its line starts in the text; only the few lines
# found are tested with _HEADING.
_MARKED_LINE = re.compile(r"\n[ \t]*(?:\d\d?[.、]|[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十])")


def _normalise(text: str) -> tuple[str, np.ndarray]:
    """Matching copy of `text` and, per character of the copy (and for its end), its offset in `text`.

    The copy leaves out the gaps: runs of whitespace (with a page-footer line after a break in
    them, and the whitespace after it) and "&nbsp;". Line breaks are hard wraps and vanish. A
    blank line (not at a page break) or the break after a heading ends a paragraph and becomes
    one "\n", so a heading or a table cell never runs into the next sentence; a gap between two
    digits becomes one space, so "12 31" never becomes the number 1231.

    A report has hundreds of gaps: they are found and decided with numpy over the code points,
    and only the few footer and heading candidates are checked one by one with re.
    """
    t = text
    for wide, narrow in _FOLD:
        if wide in t:
            t = t.replace(wide, narrow)
    n = len(t)
    points = codes.code_points(t)
    cls = np.zeros(n + 1, _CLASS.dtype)  # padded with no class: the end of the text, and cls[-1]
    _CLASS.take(codes.in_bmp(points), out=cls[:n])
    edged = np.zeros(n + 2, bool)  # a non-space before and after the text: every run opens and closes
    space = edged[1:-1]
    np.not_equal(cls[:n] & _SPACE, 0, out=space)
    bounds = np.flatnonzero(edged[1:] != edged[:-1])
    starts, ends = bounds[0::2], bounds[1::2]  # the runs of whitespace
    newlines = np.flatnonzero(points == 10)
    breaks = np.flatnonzero((points == 10) | (points == 12)) if "\f" in t else newlines
    # where the text of each line starts, after its spaces and tabs (n: at the end)
    nonblank = np.flatnonzero((cls & _BLANK) == 0)
    lead = nonblank[np.searchsorted(nonblank, breaks + 1)]
    # A run whose last break is followed by a footer line ends after the footer and the run after
    # it, unless the run is itself the one after a footer taken so.
    pure = np.ones(len(starts), bool)  # not a footer gap nor &nbsp;
    footers = [m for m in map(_FOOTER_LINE.match, repeat(t), breaks[(cls[lead] & _FOOTER_OPENS) > 0].tolist()) if m]
    if footers:
        start_list, end_list = starts.tolist(), ends.tolist()
        merged, taken = [], -1
        for m in footers:
            k = bisect_right(start_list, m.start()) - 1
            if start_list[k] < taken:
                continue
            end = m.end()
            if end < n and space[end]:
                merged.append(bisect_right(start_list, end) - 1)
                end = end_list[merged[-1]]
            end_list[k], pure[k], taken = end, False, end
        ends = np.array(end_list)
        if merged:
            starts, ends, pure = (np.delete(a, merged) for a in (starts, ends, pure))
    if "&nbsp;" in t:
        found, at = [], t.find("&nbsp;")
        while at >= 0:
            found.append(at)
            at = t.find("&nbsp;", at + 6)
        nbsp = np.array(found)
        order = np.argsort(np.concatenate([starts, nbsp]), kind="stable")
        starts = np.concatenate([starts, nbsp])[order]
        ends = np.concatenate([ends, nbsp + 6])[order]
        pure = np.concatenate([pure, np.zeros(len(nbsp), bool)])[order]
    paragraph = pure & (np.searchsorted(newlines, ends) - np.searchsorted(newlines, starts) >= 2)
    if "\f" in t:
        feeds = np.flatnonzero(points == 12)
        paragraph &= np.searchsorted(feeds, ends) == np.searchsorted(feeds, starts)
    heads = [(m.start(), brk) for m in _MARKED_LINE.finditer("\n" + t) if (brk := t.find("\n", m.start())) >= 0]
    if heads:
        gap = np.searchsorted(starts, [brk for _, brk in heads], "right") - 1  # the gap holding the break
        for (line, _), i, start in zip(heads, gap.tolist(), starts[gap].tolist()):
            if _HEADING.match(t, line, start):
                paragraph[i] = True
    # cls[-1] is padding: no digit before the text
    between_digits = (cls[starts - 1] & cls[ends] & _ASCII_DIGIT > 0) & ~paragraph
    keep = ~space
    for start, end in zip(starts[~pure].tolist(), ends[~pure].tolist()):  # footers and &nbsp;
        keep[start:end] = False
    out = points.copy()
    for marks, code in ((between_digits, 32), (paragraph, 10)):  # each gap kept as one character
        out[starts[marks]] = code
        keep[starts[marks]] = True
    offsets = np.flatnonzero(keep)
    return codes.from_code_points(out[offsets]), np.append(offsets, n)


# ---------------------------------------------------------------- pattern pieces
# Patterns start with a literal (or a short set of literals) wherever possible: Python's re then
# skips ordinary text quickly. Figures printed before their noun are read back with _NUM_TAIL.

_NUM = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
# 余/多/万/千 between number and unit mark an approximate or rounded figure ("5500余条", "4.4万多条").
_MOD = r"(?P<mod>[余多万千]{1,2})?"
_FILL = r"(?:共计|共|合计|总计|累计|计|达到|达|为|有)?"
_FOI = r"(?:政府信息公开|信息公开|依申请公开)"
_NEG = r"(?:未|没有|从未|无)"
# For figures printed before their noun ("有1件涉及政府信息公开工作的行政复议"): the number
# that ends right where the pattern starts.
_NUM_TAIL = re.compile(r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<mod>[余多万千]{1,2})?$")

# Proactive total: 主动公开/主动发布/发布 + 政府信息 + number. 更新政务信息 or 发布信息 are not 政府信息.
_PROACTIVE = re.compile(
    rf"(?:主动(?:公开|发布|公布)|发布|公布)了?(?:各类|各项|各种|相关)?政府信息{_FILL}{_NUM}{_MOD}(?P<unit>条|件|篇)"
)
# Requests received. The object must be a disclosure request (not 行政复议申请, not 咨询投诉举报).
_APPS_OBJ = (
    r"(?:政府信息公开申请|政府信息依申请公开(?:申请)?件?|依申请公开(?:政府信息)?(?:申请|事项)?件?"
    r"|信息公开申请|公开申请)"
)
_APPS_RECEIVED = re.compile(
    rf"(?:受理|收到|接收|接到|新收|收悉)了?(?:并(?:办理|受理|答复))?(?:各类|公众|群众|社会公众)?的?{_APPS_OBJ}"
    rf"{_FILL}{_NUM}{_MOD}(?P<unit>件次|件|宗)"
)
# Requests closed, as a clause right after the received count ("受理…3119件,答复3050件") or on its
# own with the request as object. 按时答复/同意公开答复 etc. are parts, so only plain fillers are allowed.
_CLOSED_VERB = r"(?:办结|答复|办理完毕|办理完成)"
# Words before the verb that make it a part (按时答复 …). The check follows the verb, so that the
# pattern opens with a literal, which re skips to quickly (a leading lookbehind runs at every position).
_NOT_PLAIN = r"(?:按时|延期|逾期|超期|限期|公开)"
_APPS_CLOSED_AFTER = re.compile(
    rf"(?:\([^()]{{0,30}}\))?,(?:共|均|已|均已|全部|依法|累计)?{_CLOSED_VERB}了?{_NUM}{_MOD}(?P<unit>件次|件|宗)"
)
_APPS_CLOSED = re.compile(
    rf"(?:办结(?<!{_NOT_PLAIN}..)|答复(?<!{_NOT_PLAIN}..)|办理完[毕成](?<!{_NOT_PLAIN}....))"
    rf"了?(?:各类)?{_APPS_OBJ}{_FILL}{_NUM}{_MOD}"
    r"(?P<unit>件次|件|宗)"
)

# 信息处理费 (the 2021 fee) and the older 依申请公开 cost-recovery fee, with a printed amount.
# 行政事业性收费 never matches: each form names 处理费 or 依申请公开.
_FEE = re.compile(
    rf"(?:(?:收取|收缴|收到)了?{_FOI}?的?(?:信息)?处理费用?|处理费(?:收入|收取金额|收缴金额)"
    rf"|依申请公开(?:政府)?信息(?:收取|收费)的?费用)"
    rf"{_FILL}{_NUM}(?P<unit>万元|元)"
)
# The pre-2019 cost-recovery fee of 依申请公开, named by its parts: "收取检索费、复制费和邮寄费共计126元".
# Only taken where the sentence or the section heading before it is about disclosure (_FEE_PARTS_CONTEXT).
_FEE_PART = r"(?:检索费|复制费|邮寄费|(?:信息)?处理费)"
_FEE_PARTS = re.compile(
    rf"(?:收取|收缴|收到)了?(?:政府信息公开的?)?{_FEE_PART}(?:(?:、|和|及|与|,){_FEE_PART}){{1,4}}等?(?:费用)?"
    rf"{_FILL}{_NUM}(?P<unit>万元|元)"
)
_FEE_PARTS_CONTEXT = re.compile(rf"依申请|{_FOI}|政府信息")
_FEE_SECTION = re.compile(r"收费(?:及|和|与|、)减免")
# Implied zero fee: "未收取…处理费", "未发生政府信息公开收费事项", "未向…收取与政府信息公开有关的
# 费用", and "依申请公开…未收取任何费用" (group z: the phrase the offset points at).
_FEE_ZERO = re.compile(
    rf"{_NEG}(?:(?:向[^。;,\n]{{1,12}}?)?(?:收取|收缴|征收|产生|发生)过?(?:任何)?{_FOI}?(?:工作)?的?(?:信息)?处理费"
    rf"|(?:发生|产生|出现)过?(?:任何)?{_FOI}(?:工作)?(?:相关|有关)?的?(?:收费|费用)"
    rf"|(?:向[^。;\n]{{1,15}}?)?(?:收取|收缴)(?:任何)?与?{_FOI}(?:工作)?(?:有关|相关)的?费用)"
)
_FEE_ZERO_AFTER_FOI = re.compile(rf"{_FOI}[^。;,\n]{{0,10}}?(?P<z>{_NEG}(?:收取|收缴)过?(?:任何)?费用)")
# The 收费及减免 section of older reports, when its first words say nothing was charged.
_FEE_SECTION_ZERO = re.compile(
    r"收费(?:及|和|与|、)减免(?:公开)?情况[^。]{0,6}?"
    rf"(?P<z>(?:目前)?(?:暂|均|一律|尚)?{_NEG}(?:收取|收缴)过?(?:任何)?(?:相关)?费用)"
)


# Outcomes of the year's requests, stated as a breakdown right after the request count
# ("受理政府信息公开申请5件,办结5件。其中同意公开4件;1件因所申请信息不属于本局掌握范围").
# Only taken inside a request block (_request_blocks). A combined figure ("予以公开及部分公开208件")
# gives neither: the number must follow 予以公开 directly, and 部分公开 must not follow 及/和.
# As in _APPS_CLOSED, the lookbehinds follow the first words.
_OUT_GRANTED = re.compile(
    rf"(?:同意|予以)(?<![不未]..)公开(?:答复)?的?{_FILL}{_NUM}{_MOD}(?P<unit>件次|件)"
)
_OUT_PARTIAL = re.compile(
    rf"(?:同意(?<![及和与、或]..)部分|部分(?<![及和与、或]..))公开(?:答复)?的?{_FILL}{_NUM}{_MOD}(?P<unit>件次|件)"
)
_HOLDER = r"本(?:机关|行政机关|局|委|办|厅|部门|单位|府|院)"
# 不属于本局掌握范围 | (所)(申请的)(政府)信息不存在, each alternative opening with its first character and
# then checking the one before it.
_NOT_LISTED = r"(?<![等及和与、或].)"
_OUT_NOT_HELD = re.compile(
    rf"(?:不{_NOT_LISTED}属于{_HOLDER}(?:掌握|所掌握)(?:的?范围)?|所{_NOT_LISTED}申请的?(?:政府)?信息不存在"
    rf"|申{_NOT_LISTED}请的?(?:政府)?信息不存在|政{_NOT_LISTED}府信息不存在|信{_NOT_LISTED}息不存在)"
    rf"的?{_FILL}{_NUM}{_MOD}(?P<unit>件次|件)"
)
# "1件因所申请信息不属于本局掌握范围": the number is read back from before the match.
_OUT_NOT_HELD_FIRST = re.compile(
    rf"(?P<unit>件次|件)(?:因|系|为|属)?(?:所?申请(?:公开)?的?(?:政府)?信息)?"
    rf"(?:不属于{_HOLDER}(?:掌握|所掌握)|不存在)"
)
# What may stand between the clause start and a read-back number (";1件因…", "另有1件因…").
_OUT_LEAD = re.compile(r"(?:其中|另有|还有|有)?:?$")
# A sentence continuing a request statement with its breakdown: "其中…" or "所有办结的信息公开申请中…".
_OUT_CONTINUATION = re.compile(r"其中|[^。;,!?|\n]{0,20}申请中")

# Disclosure meetings: "召开政府信息公开工作专题会议2次". Inspections (检查), press conferences
# (新闻发布会) and meetings not named for disclosure (政务公开, 常务会议) are never taken.
_MEETINGS = re.compile(
    rf"召开了?(?:[^。;,!?|:\n\d]{{0,12}}?){_FOI}[^。;,!?|:\n\d]{{0,12}}?会议数?{_FILL}{_NUM}{_MOD}(?P<unit>次|场)"
)


def _remedy(kw: str) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """Disclosure-related review (kw=复议) or suit (kw=诉讼) counts; 信息公开 must touch the word."""
    fwd = re.compile(
        rf"{_FOI}(?:工作|申请|类|方面)?(?:引起|引发|产生)?的?被?(?:申请|提起)?(?:行政)?{kw}(?:案件|申请)?(?:数量|数)?{_FILL}"
        rf"{_NUM}{_MOD}(?P<unit>件|起|宗)"
    )
    # "(被提起)复议政府信息公开案件9件"
    rev = re.compile(rf"{kw}的?{_FOI}类?案件{_FILL}{_NUM}{_MOD}(?P<unit>件|起|宗)")
    # "(有1)件涉及政府信息公开工作的行政复议": the number is read back from before the match.
    first = re.compile(rf"(?P<unit>件|起|宗)(?:涉及|关于|因)(?:政府)?{_FOI}(?:工作)?的?(?:行政)?{kw}")
    return fwd, rev, first


_REVIEW_FWD, _REVIEW_REV, _REVIEW_FIRST = _remedy("复议")
_LIT_FWD, _LIT_REV, _LIT_FIRST = _remedy("(?:诉讼|应诉)")
# A suit count continuing a disclosure review statement: "复议案件有98件、诉讼案件53件", or the next
# sentence "涉及的行政诉讼数为0件" (the 涉及 refers back to disclosure).
_LIT_AFTER_REVIEW = re.compile(
    rf"(?:[、,;]|和|及)(?:被?提起)?(?:行政)?诉讼(?:案件)?{_FILL}{_NUM}{_MOD}(?P<unit>件|起|宗)"
    rf"|[^。\n]{{0,30}}。涉及的(?:行政)?诉讼(?:案件)?(?:数量|数)?{_FILL}"
    rf"{_NUM.replace('num', 'num2')}{_MOD.replace('mod', 'mod2')}(?P<unit2>件|起|宗)"
)
_COMPLAINTS = re.compile(
    rf"{_FOI}(?:工作)?(?:方面|相关|引起|引发)?的?(?:举报投诉|投诉举报|举报|投诉)(?:案件)?(?:数量|数)?{_FILL}"
    rf"{_NUM}{_MOD}(?P<unit>件|起|宗)"
)
# "无因政府信息公开工作不当引起的举报、投诉、行政复议和行政诉讼(的情况)": each listed item is 0.
# The list must end the clause, so "未发生因依申请公开被行政复议纠错或行政诉讼败诉情形" never matches.
_ITEM = r"被?(?:申请|提起)?(?:举报|投诉|申诉|行政复议|复议|行政诉讼|诉讼)(?:案件)?"
_REMEDY_ZERO = re.compile(
    rf"{_NEG}(?:发生|出现|有|收到|接到)?过?(?:任何)?(?:因|涉及|有关|关于|针对)?(?:政府)?信息公开(?:工作|申请|事项)?(?:不当)?而?"
    rf"(?:引起|引发|产生|导致)?的?(?P<items>{_ITEM}(?:(?:、|和|及|或|与|,){_ITEM}){{0,6}})"
    r"的?(?:情况|情形|案件|事项|现象)?(?=[。;,\n]|$)"
)
_ITEM_METRIC = (("复议", "review_total"), ("诉讼", "lit_total"), ("举报", "complaints"), ("投诉", "complaints"))

# Context guards, applied to the words before the statement.
# Part of the year: 截至11月 / 截至11月30日 / 截至目前 / 1-11月 / 上半年 (截至…12月31日 is fine).
_PARTIAL = re.compile(
    r"截[至止]到?(?:\d{2,4}年度?|今年|本年|当年)?(?:(?P<m>\d{1,2})月(?P<d>\d{1,2}日)?|(?P<now>目前|当前|现在|发稿))"
    r"|(?P<m1>\d{1,2})[-—–~至到](?P<m2>\d{1,2})月|上半年|前三季度|前\d{1,2}个月"
)
_SUBUNIT = re.compile(r"代表|本级")  # a sub-office's own figure ("区政府办代表区政府受理…17件")
_PRIOR = re.compile(r"上年|上一年|去年|前一年")  # last year's figure, quoted for comparison
_BREAKDOWN = re.compile(r"领域|分别")  # a part of a total ("…等23个重点领域主动公开…")
_CUMULATIVE = re.compile(r"历年|以来|至今|迄今|累计至")  # a stock since inception, not the year
_APPROX_BEFORE = re.compile(r"(?:近|约|逾|超|超过|不足|不到)$")
_APPROX_AFTER = re.compile(r"左右|以上|上下")
_SENTENCE_END = "。;!?|\n"
_CLAUSE_END = "。;!?|\n,:"
_LOOKBACK = 200


def _partial_year(prefix: str) -> bool:
    for m in _PARTIAL.finditer(prefix):
        if m.group("now"):
            return True
        if m.group("m"):
            if int(m.group("m")) != 12 or (m.group("d") and int(m.group("d")[:-1]) != 31):
                return True
        elif m.group("m1"):
            if (int(m.group("m1")), int(m.group("m2"))) != (1, 12):
                return True
        else:
            return True
    return False


def _start_after(norm: str, pos: int, stops: str) -> int:
    """Start of the sentence (or clause) that contains `pos`, at most _LOOKBACK back."""
    lo = max(0, pos - _LOOKBACK)
    return max([norm.rfind(c, lo, pos) + 1 for c in stops] + [lo])


# ---------------------------------------------------------------- rules


# No rule pattern matches across a line break or a full stop (the copy's paragraph and sentence
# ends): _scan searches only the sentences that hold one of a rule's literals.
class _Sentences:
    """The copy's sentences, each ending after its "\n" or "。" (the last one at the end)."""

    def __init__(self, norm: str) -> None:
        self.norm = norm
        lengths = map(len, norm.replace("。", "\n").split("\n"))
        self.ends = list(accumulate(map(add, lengths, repeat(1))))  # exclusive, break included
        self.ends[-1] = len(norm)
        self._holding: dict[str, list[int]] = {}

    def holding(self, literals: tuple[str, ...]) -> list[int]:
        """Indexes of the sentences that hold any of `literals`, in order."""
        found = [self._holding_one(lit) for lit in literals]
        return found[0] if len(found) == 1 else sorted(set().union(*found))

    def _holding_one(self, literal: str) -> list[int]:
        found = self._holding.get(literal)
        if found is None:
            found = self._holding[literal] = []
            at = self.norm.find(literal)
            while at >= 0:
                i = bisect_right(self.ends, at)
                found.append(i)
                at = self.norm.find(literal, self.ends[i])
        return found


def _scan(pattern: re.Pattern, anchors: tuple[str, ...], sentences: _Sentences) -> Iterator[re.Match]:
    """pattern.finditer(sentences.norm), for a pattern that matches within a sentence and whose
    every match contains one of `anchors`.

    Only the sentences holding an anchor are searched: re tests a pattern's opening characters at
    every position of the text, str.find skips to a literal. The break that ends a sentence stays
    inside the search, so that lookaheads see it.
    """
    norm, ends = sentences.norm, sentences.ends
    for i in sentences.holding(anchors):
        end = ends[i]
        m = pattern.search(norm, ends[i - 1] if i else 0, end)
        while m:
            yield m
            m = pattern.search(norm, m.end(), end)


@dataclass(frozen=True)
class _Rule:
    metric: str
    pattern: re.Pattern
    needle: str  # cheap substring test before running the pattern
    anchors: tuple[str, ...]  # every match holds one of these (_scan)
    breakdown: bool = False  # reject parts of a total (其中…, …领域)
    cumulative: bool = False  # reject stocks since inception
    number_first: bool = False  # the number is printed just before the match
    follow: tuple[tuple[str, re.Pattern], ...] = ()  # (metric, pattern) matched right after this one


_RULES: tuple[_Rule, ...] = (
    _Rule("foi_fee_yuan", _FEE, "费", ("费",)),
    _Rule("proactive_items", _PROACTIVE, "政府信息", ("主动公开", "发布", "公布"), breakdown=True,
          cumulative=True),
    _Rule("apps_received", _APPS_RECEIVED, "申请", ("受理", "收到", "接收", "接到", "新收", "收悉"),
          breakdown=True, follow=(("apps_closed", _APPS_CLOSED_AFTER),)),
    _Rule("apps_closed", _APPS_CLOSED, "申请", ("办结", "答复", "办理完"), breakdown=True),
    _Rule("review_total", _REVIEW_FWD, "复议", ("复议",), follow=(("lit_total", _LIT_AFTER_REVIEW),)),
    _Rule("review_total", _REVIEW_REV, "复议", ("复议",)),
    _Rule("review_total", _REVIEW_FIRST, "复议", ("复议",), number_first=True,
          follow=(("lit_total", _LIT_AFTER_REVIEW),)),
    _Rule("lit_total", _LIT_FWD, "诉", ("诉",)),
    _Rule("lit_total", _LIT_REV, "诉", ("诉",)),
    _Rule("lit_total", _LIT_FIRST, "诉", ("诉",), number_first=True),
    _Rule("complaints", _COMPLAINTS, "信息公开", ("举报", "投诉")),
    _Rule("meetings", _MEETINGS, "会议", ("召开",), breakdown=True, cumulative=True),
)
# Request outcomes; kept only inside a request block.
_OUT_RULES: tuple[_Rule, ...] = (
    _Rule("out_granted", _OUT_GRANTED, "公开", ("同意公开", "予以公开")),
    _Rule("out_partial", _OUT_PARTIAL, "部分公开", ("部分公开",)),
    _Rule("out_unable_not_held", _OUT_NOT_HELD, "不", ("不属于", "不存在")),
    _Rule("out_unable_not_held", _OUT_NOT_HELD_FIRST, "不", ("不属于", "不存在"), number_first=True),
)
_BLOCK_RULES = ("apps_received", "apps_closed")
# Implied zeros, with the literals every match holds (_scan).
_FEE_ZERO_SCANS = ((_FEE_ZERO, ("费",)), (_FEE_ZERO_AFTER_FOI, ("费用",)))
_REMEDY_ZERO_ANCHORS = ("举报", "诉", "复议")  # 投诉, 申诉 and 诉讼 hold 诉


@dataclass(frozen=True)
class _Found:
    metric: str
    start: int  # label start in the matching copy
    end: int  # label end in the matching copy
    value_pos: int  # number start in the copy (phrase start for implied zeros)
    value_end: int  # number end in the copy (-1 for implied zeros)
    number: float
    unit: str
    approx: bool


def _rejected(norm: str, anchor: int, rule: _Rule | None) -> bool:
    sentence = norm[_start_after(norm, anchor, _SENTENCE_END):anchor]
    clause = norm[_start_after(norm, anchor, _CLAUSE_END):anchor]
    if _partial_year(sentence) or _SUBUNIT.search(clause) or _PRIOR.search(clause):
        return True
    if rule is not None and rule.breakdown and ("其中" in sentence or _BREAKDOWN.search(clause)):
        return True
    return bool(rule is not None and rule.cumulative and _CUMULATIVE.search(sentence))


def _group(m: re.Match, *names: str) -> tuple[str, str | None]:
    """First of `names` that took part in the match (alternatives carry numbered copies)."""
    for name in names:
        if name in m.re.groupindex and m.group(name) is not None:
            return name, m.group(name)
    return names[0], None


def _found(
    metric: str, norm: str, num: re.Match, label_start: int, end: int, unit: str, mod: str | None
) -> _Found:
    """A printed figure; `num` holds the number, `end` is where the statement ends."""
    s, e = num.span(_group(num, "num", "num2")[0])
    approx = bool(mod or _APPROX_BEFORE.search(norm, max(0, s - 2), s) or _APPROX_AFTER.match(norm, end))
    number = float(norm[s:e].replace(",", ""))
    return _Found(metric, label_start, end, s, e, number, unit, approx)


def _label_start(norm: str, pos: int) -> int:
    return max(_start_after(norm, pos, _CLAUSE_END), pos - 40)


def _rule_candidates(norm: str, rule: _Rule, sentences: _Sentences) -> list[_Found]:
    found: list[_Found] = []
    if rule.needle not in norm:
        return found
    for m in _scan(rule.pattern, rule.anchors, sentences):
        if rule.number_first:
            num = _NUM_TAIL.search(norm, max(0, m.start() - 24), m.start())
            if num is None:
                continue
            anchor, mod = num.start(), num.group("mod")
            if rule.metric.startswith("out_") and not _OUT_LEAD.search(
                norm[_start_after(norm, anchor, _CLAUSE_END):anchor]
            ):
                continue  # "办结5件因…": the number belongs to another clause
        else:
            num, anchor, mod = m, m.start(), _group(m, "mod", "mod2")[1]
        if _rejected(norm, anchor, rule):
            continue
        label_start = _label_start(norm, anchor)
        found.append(_found(rule.metric, norm, num, label_start, m.end(), m.group("unit"), mod))
        for metric, pattern in rule.follow:
            f = pattern.match(norm, m.end())
            if f:
                lead = len(f.group()) - len(f.group().lstrip("、,;和及"))
                found.append(_found(metric, norm, f, f.start() + lead, f.end(),
                                    _group(f, "unit", "unit2")[1], _group(f, "mod", "mod2")[1]))
    return found


_BLOCK_END = "。!?|\n"


def _sentence_end(norm: str, pos: int) -> int:
    """End (exclusive, after the stop) of the sentence that contains `pos`."""
    ends = [e for e in (norm.find(c, pos) for c in _BLOCK_END) if e >= 0]
    return min(ends) + 1 if ends else len(norm)


def _request_blocks(norm: str, found: list[_Found]) -> list[tuple[int, int]]:
    """Spans of the sentences that state the year's requests, with a following breakdown sentence."""
    blocks = []
    for f in found:
        if f.metric not in _BLOCK_RULES or f.value_end < 0:
            continue
        start = _start_after(norm, f.value_pos, _BLOCK_END)
        end = _sentence_end(norm, f.value_pos)
        if norm[end - 1:end] != "\n" and _OUT_CONTINUATION.match(norm, end):
            end = _sentence_end(norm, end)
        blocks.append((start, end))
    return blocks


def _fee_parts(norm: str) -> list[_Found]:
    found = []
    for m in _FEE_PARTS.finditer(norm):
        sentence = norm[_start_after(norm, m.start(), _SENTENCE_END):m.start()]
        if not (_FEE_PARTS_CONTEXT.search(sentence)
                or _FEE_SECTION.search(norm, max(0, m.start() - _LOOKBACK), m.start())):
            continue
        if _rejected(norm, m.start(), None):
            continue
        found.append(_found("foi_fee_yuan", norm, m, _label_start(norm, m.start()), m.end(),
                            m.group("unit"), None))
    return found


def _candidates(norm: str) -> list[_Found]:
    found: list[_Found] = []
    sentences = _Sentences(norm)
    for rule in _RULES:
        found += _rule_candidates(norm, rule, sentences)
    blocks = _request_blocks(norm, found)
    if blocks:
        for rule in _OUT_RULES:
            for f in _rule_candidates(norm, rule, sentences):
                if any(s <= f.value_pos and f.end <= e for s, e in blocks):
                    found.append(f)
    if "费" in norm:
        found += _fee_parts(norm)
        scans = [(pattern, _scan(pattern, anchors, sentences)) for pattern, anchors in _FEE_ZERO_SCANS]
        for pattern, matches in (*scans, (_FEE_SECTION_ZERO, _FEE_SECTION_ZERO.finditer(norm))):  # spans lines
            for m in matches:
                s = m.start("z") if "z" in pattern.groupindex else m.start()
                if not _rejected(norm, s, None):
                    found.append(_Found("foi_fee_yuan", s, m.end(), s, -1, 0.0, "", False))
    if "信息公开" in norm:
        for m in _scan(_REMEDY_ZERO, _REMEDY_ZERO_ANCHORS, sentences):
            if _rejected(norm, m.start(), None):
                continue
            items = m.group("items")
            for metric in dict.fromkeys(metric for word, metric in _ITEM_METRIC if word in items):
                found.append(_Found(metric, m.start(), m.end(), m.start(), -1, 0.0, "", False))
    return found


# ---------------------------------------------------------------- entry point


def extract_narrative(text: str, tables: tuple[int, int] | None = None) -> list[Cell]:
    """One Cell per figure the prose states unambiguously about disclosure work.

    row_key is the metric code (design/metrics.csv); money stays in the printed unit (元 or 万元).
    Implied zeros ("未收取信息处理费") have raw_value "0", unit "" and char_offset at the phrase.
    The first statement of a metric wins; an approximate first statement ("5500余条") blocks it.
    `tables`, a span of `text` holding statistics tables, is not prose: it is left out, and the
    text on either side of it is read as separate paragraphs.
    """
    if not text:
        return []
    if tables:
        start, end = tables
        norm, idx = _normalise(text[:start] + "\n\n" + text[end:])
        idx[idx >= start + 2] += end - start - 2  # offsets after the gap: back to `text`
    else:
        norm, idx = _normalise(text)
    chosen: dict[str, _Found] = {}
    blocked: set[str] = set()
    for f in sorted(_candidates(norm), key=lambda f: f.value_pos):
        if f.metric in chosen or f.metric in blocked:
            continue
        if f.approx:
            blocked.add(f.metric)  # the report states this figure only roughly: no exact value
            continue
        chosen[f.metric] = f
    cells = []
    for i, f in enumerate(sorted(chosen.values(), key=lambda f: f.value_pos)):
        label = _UNWRAP.sub("", text[idx[f.start]:idx[f.end - 1] + 1]).strip()
        raw = "0" if f.value_end < 0 else text[idx[f.value_pos]:idx[f.value_end - 1] + 1]
        cells.append(Cell(
            table_key="TEXT", section_key="", row_key=f.metric, col_key="total",
            row_label=label, col_label="", row_index=i, col_index=0,
            raw_value=raw, number=f.number, value_kind="zero" if f.number == 0 else "number",
            unit=f.unit, char_offset=int(idx[f.value_pos]), extraction_method="narrative",
        ))
    return cells
