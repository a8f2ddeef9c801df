"""Report text -> clean text in which the plan's quotes can be found."""

from __future__ import annotations

import re

# OCR left spaces around the decimal point of some numbers: "38 .3%", "1. 9%", "75 .7亿元".
_SPACE_BEFORE_POINT = re.compile(r"(?<=\d)[ \u2002\u3000]+(?=\.\d)")
_SPACE_AFTER_POINT = re.compile(r"(?<=\d\.)[ \u2002\u3000]+(?=\d)")


def normalise_report(text: str) -> str:
    """Join the newspaper column's line breaks and repair OCR spaces inside numbers."""
    joined = "".join(line.strip("\r") for line in text.split("\n"))
    return _SPACE_AFTER_POINT.sub("", _SPACE_BEFORE_POINT.sub("", joined))
