"""Whole texts as arrays of code points, for passes that touch every character.

A report is thousands of characters; per-character work in Python (str.translate, re.sub with a
function, a loop over whitespace runs) is what made parsing slow. numpy does it in a few array
operations. Lookup tables cover the Basic Multilingual Plane; their last entry stands for every
code point above it.
"""
from __future__ import annotations

import re

import numpy as np

BMP = 0x10000
# Texts shorter than this are handled with str and re: numpy's fixed cost per call is higher.
LONG = 256

_BMP_CHARS = "".join(map(chr, range(BMP)))
SPACES = "".join(re.findall(r"\s", _BMP_CHARS))  # what re's \s and str.split() take for a space


def code_points(text: str) -> np.ndarray:
    """The code points of `text` (lone surrogates included, as str allows them): 16 bits each
    when the text has nothing above the BMP (reports never do), which is quicker to convert."""
    data = text.encode("utf-16-le", "surrogatepass")
    if len(data) == 2 * len(text):
        return np.frombuffer(data, np.uint16)
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), np.uint32)


def from_code_points(points: np.ndarray) -> str:
    if points.dtype == np.uint16:
        text = points.tobytes().decode("utf-16-le", "surrogatepass")
        if len(text) == len(points):  # else a high and a low surrogate in a row became one character
            return text
    return points.astype(np.uint32).tobytes().decode("utf-32-le", "surrogatepass")


def in_bmp(points: np.ndarray) -> np.ndarray:
    """Indexes into a lookup table: code points above the BMP share its last entry."""
    return points if points.dtype == np.uint16 else np.minimum(points, BMP)


def lookup(entries: dict[str, int], dtype, default: int = 0, above: int = 0) -> np.ndarray:
    """A table giving each character of each key of `entries` its value (later keys win)."""
    table = np.full(BMP + 1, default, dtype)
    for chars, value in entries.items():
        table[[ord(c) for c in chars]] = value
    table[BMP] = above
    return table
