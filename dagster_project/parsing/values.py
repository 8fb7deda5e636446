"""Parse one printed value: keep the raw text, tell 0 from blank from '/' and '—'."""
from __future__ import annotations

import re
from functools import lru_cache

from .model import Value

_NOT_APPLICABLE = {"/", "\\", "—", "——", "-", "--", "–", "－", "―", "——", "/ /", "—/—"}
# A number, optionally signed, with thousands separators, optionally followed by a unit and/or a
# parenthetical note ("22(其中修订16件)") that stays in the raw text.
_NUMBER = re.compile(
    r"^(?P<sign>[-+]|减少|增加|减|增)?\s*(?P<num>\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*"
    r"(?P<unit>万元|元|件|条|个|次|人次|人|项|场|期)?\s*(?:[(（].*[)）])?$"
)
_NEGATIVE = {"-", "减少", "减"}


@lru_cache(maxsize=1 << 16)  # cells repeat ("0", labels): parse each distinct text once
def parse_value(raw: str) -> Value:
    text = raw.strip()
    if not text:
        return Value(raw, None, "blank")
    if text in _NOT_APPLICABLE or set(text) <= {"—", "-", "/", " ", "－", "–"}:
        return Value(raw, None, "not_applicable")
    m = _NUMBER.match(text)
    if not m:
        return Value(raw, None, "text")
    number = float(m.group("num").replace(",", "").replace("，", ""))
    if m.group("sign") in _NEGATIVE:
        number = -number
    return Value(raw, number, "zero" if number == 0 else "number", m.group("unit") or "")


def is_value(text: str) -> bool:
    """True when the cell holds a value (number, zero, or a not-applicable mark), not a label."""
    return parse_value(text).kind in ("number", "zero", "not_applicable")
