"""Plan- and figure-provided text made safe for the medium it is written to.

A plan, a progress file, a sheet or a report text may come from anyone who can open a
pull request. Whatever they wrote must reach each reader as text: never as a terminal
control sequence, a CI runner's workflow command, a spreadsheet formula, Markdown or HTML
markup, or a byte that makes XML unreadable. Every format calls one function here for each
piece of such text; no format escapes on its own.

``lines`` is the last guard on stdout and stderr: a line that a runner would read as a
workflow command (``::add-mask::…``, or the older ``##[…]``) is made inert there, whatever
put it at the start of a line (a wrapped title, a multi-line note in a CSV cell).
"""

from __future__ import annotations

import html as _html
import json as _json
import re
from typing import Any

# C0, DEL and C1 controls; line and paragraph separators (read as line ends by some
# viewers); bidirectional overrides and isolates (they reorder what a terminal shows).
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# The same, less tab and line feed: for fields whose text may span lines (notes, quotes).
_BLOCK_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# Characters XML 1.0 cannot hold at all, even escaped.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_SHORT = {"\t": "\\t", "\n": "\\n", "\r": "\\r", "\x1b": "\\e"}
# A workflow command: `::name …` at the start of a line (the runner trims leading blanks).
_COMMAND_LINE = re.compile(r"^([ \t\f\v]*)::", re.MULTILINE)
_OLD_COMMAND = "##["  # the runner's older syntax, found anywhere in a line
# A text cell starting so is a spreadsheet formula. The importer's own copy
# (core/figures/tables.py) takes our apostrophe off again; a test holds the two equal.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_CELL_LIMIT = 32_767  # Excel's most characters in one cell


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    if char in _SHORT:
        return _SHORT[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _no_controls(text: str) -> str:
    return _CONTROLS.sub(_visible, text)


def commands(text: str, colon: str = "'::", hashes: str = "#'#[") -> str:
    """Workflow commands made inert: a ``::`` that starts a line becomes ``colon`` (an
    apostrophe before it, as before a spreadsheet formula) and ``##[`` becomes ``hashes``.
    A medium with its own escapes passes forms that show the same text."""
    return _COMMAND_LINE.sub(lambda m: m.group(1) + colon, text).replace(_OLD_COMMAND, hashes)


def terminal(text: str) -> str:
    """Text for a person's terminal, on one line: every control character is shown as an
    escape (``\\e``, ``\\n``, ``\\x9b``), so none reaches the terminal."""
    return commands(_no_controls(text))


def text(value: str) -> str:
    """Text for a plain-text output or a log line (CI logs are read by a runner): as for a
    terminal, on one line, with no workflow command."""
    return commands(_no_controls(value))


MESSAGE_LIMIT = 500  # characters in one line of a message on stderr


def message(value: str, limit: int = MESSAGE_LIMIT) -> str:
    """One line of a message for people (an error, a problem in a list): as ``text``, one
    line however much input it quotes, and cut in its middle past ``limit`` characters, so
    that its start (where) and its end (why) are both kept and a huge cell is never echoed
    back in full."""
    line = text(value)
    if len(line) <= limit:
        return line
    tail = limit // 5
    return f"{line[: limit - tail]} … ({len(line) - limit:,} characters cut) … {line[-tail:]}"


def block(value: str) -> str:
    """A text that may span lines (a note), for a terminal or a log: line feeds and tabs
    kept, every other control shown as an escape, no line a workflow command."""
    return commands(_BLOCK_CONTROLS.sub(_visible, value))


def lines(output: str) -> str:
    """The last guard on text bound for stdout or stderr: no line is a workflow command
    and no control other than line feed and tab reaches the reader."""
    return commands(_BLOCK_CONTROLS.sub(_visible, output))


def csv_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text: a text that starts with = + - @, a tab or a
    carriage return gets a leading apostrophe (which an import takes off again), so it is
    never a formula; controls other than tab and line feed are shown as escapes. Numbers,
    dates and None are left to the writer. A file is data: workflow commands are made
    inert where it goes to stdout (``lines``/``commands``), not in the cell."""
    if not isinstance(value, str):
        return value
    value = _BLOCK_CONTROLS.sub(_visible, value)
    return "'" + value if value.startswith(FORMULA_START) else value


def xlsx_cell(value: Any) -> Any:
    """An .xlsx cell: as a CSV cell, cut to the 32,767 characters Excel holds."""
    value = csv_cell(value)
    if isinstance(value, str) and len(value) > XLSX_CELL_LIMIT:
        return value[: XLSX_CELL_LIMIT - 1] + "…"
    return value


# Inline markup (emphasis, code, links and images, strike-through), the table's cell
# separator, and < (every raw HTML tag starts with it, so none survives).
_MARKDOWN_SPECIAL = re.compile(r"[\\`*_\[\]|~<]")


def markdown(value: str) -> str:
    """Text inside Markdown (a table cell or a heading's text): one line, no markup, no
    raw HTML, no pipe that would split a table cell."""
    flat = _no_controls(value.replace("\r\n", " ").replace("\n", " "))
    marked = _MARKDOWN_SPECIAL.sub(lambda m: "&lt;" if m.group() == "<" else "\\" + m.group(), flat)
    return commands(marked, colon="\\::", hashes="#\\#[")


def github_data(value: str) -> str:
    """A workflow command's message (after ``::``), as @actions/core escapes it, with
    other controls shown as escapes (the log viewer would draw them)."""
    escaped = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return _no_controls(escaped).replace(_OLD_COMMAND, "#'#[")


def github_property(value: str) -> str:
    """A workflow command's property value (``title=…``): as its message, and : and ,."""
    return github_data(value).replace(":", "%3A").replace(",", "%2C")


def step_summary(value: str) -> str:
    """Text in a job's step summary, which GitHub renders as Markdown."""
    return markdown(value)


def junit(value: str) -> str:
    """Text for a JUnit XML attribute or element: characters XML cannot hold and other
    controls are shown as escapes (the XML writer escapes & < > and quotes)."""
    return commands(_BLOCK_CONTROLS.sub(_visible, _XML_ILLEGAL.sub(_visible, value)))


def html(value: str) -> str:
    """Text for an HTML element or a quoted attribute: no markup, controls as escapes,
    workflow commands written with character references (a browser shows them the same)."""
    escaped = _html.escape(_BLOCK_CONTROLS.sub(_visible, value), quote=True)
    return commands(escaped, colon="&#58;:", hashes="#&#35;[")


_JSON_RAW = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")  # JSON leaves these


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def json_text(document: Any) -> str:
    """A JSON document, indented, as text any reader may print. JSON escapes C0 controls
    itself; the others (C1, separators, bidi) are written as \\uXXXX and ``##[`` as
    ``#\\u0023[``: they stand only inside strings, which read back the same."""
    dumped = _json.dumps(document, ensure_ascii=False, indent=2)
    return _JSON_RAW.sub(_json_escape, dumped).replace(_OLD_COMMAND, "#\\u0023[")
