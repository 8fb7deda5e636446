"""Label normalisation and matching: brackets, spaces, quotes, numbering and known variants."""
from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from . import codes
from .text import normalize

_QUOTES = "\"'“”‘’「」『』《》〈〉"
_NUMBERING = re.compile(
    r"^(?:其中[:：]?|[一二三四五六七八九十]+[、.．]|\(?[一二三四五六七八九十]+\)|[0-9]+[、.．)]|\([0-9]+\)|[①-⑳])+"
)
_PAREN_NOTE = re.compile(r"\([^()]*\)$")
_GENERIC_NAME = re.compile(r"范围\d+数?$")
_TRAILING_PUNCT = re.compile(r"[:：;；,，。、]+$")
# Known variants written for the same row (crosswalk §2): totals, corrections.
_VARIANTS = (("合计", "总计"), ("结果纠错", "结果纠正"), ("总汁", "总计"))


_KEPT = codes.lookup({codes.SPACES + _QUOTES: False}, bool, default=True, above=True)


def squeeze(text: str) -> str:
    """compact() of an already normalised text (text.normalize): for whole texts, seen once."""
    if len(text) >= codes.LONG:
        points = codes.code_points(text)
        text = codes.from_code_points(points[_KEPT.take(codes.in_bmp(points))])
    else:
        text = "".join(text.split())  # str.split() and re's \s agree on what a space is
        for quote in _QUOTES:
            if quote in text:
                text = text.replace(quote, "")
    for old, new in _VARIANTS:
        if old in text:
            text = text.replace(old, new)
    return text


@lru_cache(maxsize=1 << 16)  # aliases and labels recur in every report
def compact(label: str) -> str:
    """Label without spaces, quotes, with half-width brackets: the form matching works on."""
    return squeeze(normalize(label))


def label_key(label: str) -> str:
    """Normalised key of a free-form indicator label: numbering, notes and punctuation removed."""
    text = compact(label)
    text = _NUMBERING.sub("", text)
    while True:  # "(不同渠道和方式公开相同信息计1条)" and "(单位:万元)" notes go; the name stays
        stripped = _PAREN_NOTE.sub("", text)
        # ...unless the name alone says nothing: "免予公开范围1数(涉及国家秘密)" means what its
        # note says, and local forms number their ranges differently.
        if stripped == text or not stripped or _GENERIC_NAME.search(stripped):
            break
        text = stripped
    return _TRAILING_PUNCT.sub("", text)


@lru_cache(maxsize=1 << 16)  # the same labels are matched against the same rows in every report
def matches(label: str, aliases: tuple[str, ...], fuzzy: bool = False) -> bool:
    """Does a printed label carry one of a row's distinctive fragments?"""
    text = compact(label)
    if any(compact(a) in text for a in aliases):
        return True
    # OCR misreads one character in a few labels: accept a near-identical fragment.
    return fuzzy and any(len(a) >= 4 and fuzz.partial_ratio(compact(a), text) >= 85 for a in aliases)
