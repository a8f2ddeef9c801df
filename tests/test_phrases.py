"""The catalog of what the core says (outputs/phrases.py): every message the package
raises is worded in both languages, and each wording is in its own language only."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from gongshu_targets import cli
from gongshu_targets.cli import Refused
from gongshu_targets.core.store.plan import PYDANTIC_KEYS, field_problem
from gongshu_targets.enums import Comparator, Lang
from gongshu_targets.errors import (
    _CONTROL_NAMES,
    InvalidDataError,
    Problem,
    Said,
    TargetsError,
    UnknownTargetError,
    in_turn,
    quoted,
)
from gongshu_targets.outputs import messages
from gongshu_targets.outputs.phrases import PHRASES, say
from test_language import ALLOWED_IN_ZH, CJK, ENGLISH_WORD

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "gongshu_targets"
CATALOG = PACKAGE / "outputs" / "phrases.py"
# In a Chinese wording Latin letters stand only for what is typed: a YAML key or a value
# of the plan in backticks (`pace: rate`), and what ALLOWED_IN_ZH allows in any output; in
# an English one Chinese only for a value typed, in backticks (`万元`) or quoted ('31万').
TYPED = re.compile(r"`[^`\n]*`")
TYPED_OR_QUOTED = re.compile(r"`[^`\n]*`|'[^'\n]*'")


def _literals(tree: ast.AST) -> set[str]:
    return {
        n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    }


def _tables(tree: ast.Module) -> dict[str, set[str]]:
    """The text values of each table (a dict written out) the module defines at its top."""
    tables = {}
    for node in tree.body:
        target = node.targets[0] if isinstance(node, ast.Assign) else getattr(node, "target", None)
        if isinstance(target, ast.Name) and isinstance(node.value, ast.Dict):  # type: ignore[attr-defined]
            tables[target.id] = _literals(ast.Expression(ast.List(node.value.values)))  # type: ignore[attr-defined]
    return tables


def _keys_of(expr: ast.AST, tables: dict[str, set[str]]) -> set[str]:
    """The keys an expression can give: text written out, either branch of a condition,
    the values of a table it looks up (``PYDANTIC_KEYS.get(kind)``, ``NAMES.get(c, "x")``
    with its default)."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return {expr.value}
    if isinstance(expr, ast.IfExp):
        return _keys_of(expr.body, tables) | _keys_of(expr.orelse, tables)
    if isinstance(expr, ast.BoolOp):
        return set().union(*(_keys_of(v, tables) for v in expr.values))
    if isinstance(expr, ast.Subscript):
        return _keys_of(expr.value, tables)
    if isinstance(expr, ast.Name):
        return tables.get(expr.id, set())
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute):
        default = expr.args[1:2]
        return _keys_of(expr.func.value, tables).union(*(_keys_of(d, tables) for d in default))
    return set()


def _said_calls(tree: ast.AST) -> list[ast.Call]:
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "Said"
        and node.args
    ]


def _passed(tree: ast.AST, scope: ast.AST, name: str) -> list[ast.AST]:
    """What the module's calls of the function ``scope`` pass as its parameter ``name``."""
    if not isinstance(scope, ast.FunctionDef):
        return []
    params = [a.arg for a in scope.args.args]
    if name not in params:
        return []
    at = params.index(name)
    passed: list[ast.AST] = []
    for call in ast.walk(tree):
        if isinstance(call, ast.Call) and getattr(call.func, "id", None) == scope.name:
            passed += call.args[at : at + 1] + [k.value for k in call.keywords if k.arg == name]
    return passed


def raised_keys() -> set[str]:
    """The key of every ``Said(key, ...)`` in the package: a key written out, or each a
    variable can hold (what its function assigns to it or is passed for it, the tables
    that reads); a call whose keys cannot be told is an error, so no key escapes."""
    keys: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        tables = _tables(tree)
        scopes = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.Lambda))]
        for scope in scopes:
            assigned: dict[str, list[ast.AST]] = {}
            for node in ast.walk(scope):
                if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
                    for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                        if isinstance(target, ast.Name):
                            assigned.setdefault(target.id, []).append(node.value)
            for call in _said_calls(scope):
                first = call.args[0]
                exprs = [first]
                if isinstance(first, ast.Name):
                    exprs = assigned.get(first.id, []) + _passed(tree, scope, first.id)
                found = set().union(*(_keys_of(e, tables) for e in exprs))
                assert found, f"{path.name}:{call.lineno}: Said's key cannot be told"
                keys |= found
    return keys


def used_literals() -> set[str]:
    """Every text constant in the package outside the catalog: keys chosen from a table
    (a pydantic error's type to its key) are among them."""
    found: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        if path != CATALOG:
            found |= _literals(ast.parse(path.read_text(encoding="utf-8")))
    return found


class _Ones(dict[str, object]):
    """Parameters for any wording: each is 1 (a number, and text once formatted)."""

    def __missing__(self, key: str) -> object:
        return 1


# Values for the wordings that need more than numbers: a doubted figure, each way it is
# worded (a rate out of its band; a count read without its 万; money typed in yuan).
DOUBTS = [
    {"value": 7625.0, "low": -100.0, "high": 1000.0, "unit": "%", "recording_unit": "%",
     "reference": None, "reading_unit": None, "reading_value": None},
    {"value": 31.0, "low": 80.0, "high": 400000.0, "unit": "万名", "recording_unit": "名",
     "reference": 40000.0, "reading_unit": "万", "reading_value": 310000.0},
    {"value": 6.1e7, "low": 0.002, "high": 10.0, "unit": "亿元", "recording_unit": "亿元",
     "reference": 1.0, "reading_unit": "元", "reading_value": 0.61},
    {"value": 6.1e7, "low": 0.002, "high": 10.0, "unit": "亿元", "recording_unit": "亿元",
     "reference": 1.0, "reading_unit": None, "reading_value": None},
]  # fmt: skip
SAMPLES: dict[str, list[dict[str, object]]] = {
    "implausible": DOUBTS,
    "in turn": [{"parts": ("1", "2")}],
    "no such section": [{"section": 1, "headings": 1, "more": m} for m in (0, 2)],
    "quote says": [
        {"comparator": "at_least", "target": 6900.0, "unit": "家", "said": said}
        for said in ("1", "")
    ]
    + [{"comparator": "positive", "target": None, "unit": "%", "said": "1"}],
    "split number": [
        {
            "first": 1,
            "second": 1,
            "joined": 1,
            "bare": 1,
            "past": past,
            "column": 1,
            "quoting": quoting,
        }
        for past in (True, False)
        for quoting in (True, False)
    ],
}


def worded(key: str, lang: Lang) -> str:
    """Every way ``key`` is worded in ``lang``, one per line."""
    wording = PHRASES[key][lang is Lang.ZH]
    if isinstance(wording, str):
        return wording.format_map(_Ones())
    return "\n".join(wording(params) for params in SAMPLES.get(key, [_Ones()]))


def test_every_key_raised_has_both_wordings():
    assert raised_keys() - set(PHRASES) == set()


def test_keys_chosen_from_tables_are_among_those_raised():
    keys = raised_keys()
    assert set(PYDANTIC_KEYS.values()) | set(_CONTROL_NAMES.values()) <= keys
    assert {"baseline above target", "baseline below target", "char surrogate"} <= keys


def test_every_wording_is_said_somewhere():
    assert set(PHRASES) - used_literals() == set()


@pytest.mark.parametrize("key", sorted(PHRASES))
def test_each_wording_is_in_its_language_only(key: str):
    zh = ALLOWED_IN_ZH.sub(" ", TYPED.sub(" ", worded(key, Lang.ZH)))
    assert ENGLISH_WORD.findall(zh) == []
    assert CJK.findall(TYPED_OR_QUOTED.sub(" ", worded(key, Lang.EN))) == []


def test_a_message_is_worded_in_either_language_and_text_as_it_is():
    said = Said("problems", count=1, listed=None)
    assert say(said, Lang.ZH) == "发现 1 个问题"
    assert say(said, Lang.EN) == "1 problem found"
    assert str(said) == "1 problem found"  # English where no reader chose a language
    assert say("plain text", Lang.ZH) == "plain text"


def test_an_error_is_worded_in_the_language_asked_for():
    problem = Problem(Path("plan.yaml"), Said("file not found"), 3, "gdp")
    exc = InvalidDataError([problem, problem], Said("nothing written"), more=250)
    assert (
        messages.problems_head(exc, Lang.ZH) == "发现 252 个问题（列出前 2 个）；未写入任何内容："
    )
    assert messages.problems_head(exc, Lang.EN) == (
        "252 problems found (the first 2 listed); nothing was written:"
    )
    assert messages.problem_text(problem, Lang.ZH) == "plan.yaml:3: [gdp] 文件不存在"
    assert str(exc).splitlines()[1] == "  plan.yaml:3: [gdp] file not found"
    refusal = TargetsError(Said("nothing written"))
    assert messages.error_text(refusal, Lang.ZH) == "未写入任何内容"
    assert str(refusal) == "nothing was written"


def test_a_said_is_data_compared_by_key_and_values():
    assert Said("k", a=1) == Said("k", a=1) != Said("k", a=2)
    assert hash(Said("k", a=[1])) == hash(Said("k", a=[1]))
    with pytest.raises(AttributeError):
        Said("k").key = "j"  # type: ignore[misc]


def test_an_implausible_figure_is_worded_in_either_language():
    doubt = Said("implausible", **DOUBTS[1])
    assert say(doubt, Lang.ZH) == (
        "不合理：31——是否指 31万（310,000 名）？31 名不到目标（40,000 名）的 1/500；"
        "如确属无误，请加 --accept-implausible 录入"
    )
    assert say(doubt, Lang.EN) == (
        "implausible: 31 — did you mean '31万' (310,000 people)? 31 people is less than 1/500 "
        "of the target (40,000 people); if it is right, record it with --accept-implausible"
    )


def test_a_long_value_is_cut_and_its_length_said_in_the_readers_language():
    long = quoted("x" * 100)
    assert say(long, Lang.ZH) == "'" + "x" * 59 + "……（共 100 个字符）"
    assert say(long, Lang.EN) == str(long) == "'" + "x" * 59 + "… (100 characters)"
    assert quoted("short") == "'short'"


def test_a_long_id_locating_a_problem_is_cut_in_the_readers_language():
    problem = Problem(Path("p.csv"), Said("file empty"), 3, "a" * 100)
    assert messages.problem_text(problem, Lang.ZH) == (
        f"p.csv:3: [{'a' * 60}……（共 100 个字符）] 文件是空的"
    )
    assert str(problem) == f"p.csv:3: [{'a' * 60}… (100 characters)] the file is empty"


def test_messages_said_in_turn_are_one_flat_list_however_many():
    parts = [Said("file not found") for _ in range(5000)]
    said = in_turn(parts)
    assert said == Said("in turn", parts=tuple(parts))
    assert say(said, Lang.ZH) == "；".join(["文件不存在"] * 5000)
    assert say(said, Lang.EN) == "; ".join(["file not found"] * 5000)
    assert in_turn([Said("file empty")]) == Said("file empty")
    assert in_turn([]) == ""


def test_an_unknown_id_is_data_worded_once_in_either_language():
    exc = UnknownTargetError("gdp", {"gdp-growth": ["地区生产总值增长"], "jobs": ["新增就业"]})
    assert exc.message == Said("no target with id", id="'gdp'", close=("gdp-growth",))
    assert (
        messages.error_text(exc, Lang.ZH) == "计划中没有编号为 'gdp' 的目标（是否指 gdp-growth？）"
    )
    assert str(exc) == "no target with id 'gdp' in the plan (did you mean gdp-growth?)"
    far = UnknownTargetError("x" * 5000, {"gdp-growth": []})
    assert len(str(far)) < 200


@pytest.mark.parametrize(
    ("lang", "said"),
    [(Lang.EN, "'around' is not a choice: use about, at_most or range"),
     (Lang.ZH, "'around' 不是可选的值：可用 about、at_most 或 range")],
)  # fmt: skip
def test_a_value_that_is_none_of_the_choices_is_worded_one_way_for_options_and_plans(
    lang: Lang, said: str
):
    """A plan's field (comparator: around) is refused with the key and the words an
    option's value is (status --sort bogus: cli.choice)."""
    expected = "'about', 'at_most' or 'range'"
    error = {"type": "enum", "input": "around", "ctx": {"expected": expected}}
    plan_field = field_problem(error)
    assert plan_field == Said(
        "not a choice", value="'around'", choices=("about", "at_most", "range")
    )
    assert say(plan_field, lang) == said
    with pytest.raises(Refused) as option:
        cli.choice(Comparator)("around")
    assert isinstance(option.value.said, Said)
    assert option.value.said.key == plan_field.key
    head = said.removesuffix("about, at_most or range").removesuffix("about、at_most 或 range")
    assert say(option.value.said, lang).startswith(head)
