"""The labelled corpus (tests/corpus/) is well formed, so the figures measured on it mean
what they say: every label points at one place of its text, in the words of that text, and
holds the number it claims."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from gongshu_targets.core.extract import extract
from gongshu_targets.enums import Comparator

CORPUS = Path(__file__).parent / "corpus"
LABELS = sorted(CORPUS.glob("*.labels.yaml"))
PREFIX = {"dev": "dev-", "holdout": "ho-"}
KEYS = {"at", "number", "unit", "comparator", "stretch", "floor", "upper", "horizon"}
RELATIVE = {Comparator.IN_STEP, Comparator.POSITIVE}
# 余/多 after a scale word ("6万余名": more than 60,000 people, unit 万名) stands between
# the scale word and the measure word of the unit.
_ABOUT_MORE = re.compile(r"(?<=[万亿])[余多]")


def _name(labels_file: Path) -> str:
    return labels_file.name.removesuffix(".labels.yaml")


def _load(labels_file: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(labels_file.read_text(encoding="utf-8"))
    return loaded


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _written(number: float) -> str:
    return f"{number:g}" if number < 1e15 else str(number)


def test_every_text_has_labels_and_every_label_file_a_text():
    texts = {path.name.removesuffix(".txt") for path in CORPUS.glob("*.txt")}
    assert texts == {_name(path) for path in LABELS}
    assert len(texts) >= 44


@pytest.mark.parametrize("labels_file", LABELS, ids=_name)
def test_the_header_names_source_split_and_what(labels_file: Path):
    labels = _load(labels_file)
    assert set(labels) == {"source", "what", "split", "commitments", "results"}
    assert labels["source"].startswith(("http://", "https://"))
    assert labels["what"].strip()
    assert labels["split"] in PREFIX
    assert _name(labels_file).startswith(PREFIX[labels["split"]])


@pytest.mark.parametrize("labels_file", LABELS, ids=_name)
def test_every_label_occurs_once_in_its_text(labels_file: Path):
    raw = labels_file.with_name(_name(labels_file) + ".txt").read_text(encoding="utf-8")
    prepared = extract(raw).text
    labels = _load(labels_file)
    for label in (labels["commitments"] or []) + (labels["results"] or []):
        at = label["at"]
        assert prepared.count(at) == 1, f"{at!r} occurs {prepared.count(at)} times"
        assert _squeezed(at) in _squeezed(raw), f"{at!r} is not in the text as written"


@pytest.mark.parametrize("labels_file", LABELS, ids=_name)
def test_every_commitment_holds_its_number_and_a_known_comparator(labels_file: Path):
    for label in _load(labels_file)["commitments"] or []:
        assert set(label) <= KEYS, label
        comparator = Comparator(label["comparator"])
        if comparator in RELATIVE:
            assert "number" not in label and "unit" not in label, label
            continue
        assert _written(label["number"]) in label["at"], label
        written = _ABOUT_MORE.sub("", label["at"])
        assert all(part in written for part in label["unit"].split("/")), label
        assert ("upper" in label) == (comparator is Comparator.RANGE), label
        if "upper" in label:
            assert label["upper"] > label["number"] and _written(label["upper"]) in label["at"]
        assert label.get("horizon", 2100) > 2000
        assert {label.get("stretch", False), label.get("floor", False)} <= {True, False}


@pytest.mark.parametrize("labels_file", LABELS, ids=_name)
def test_a_result_is_only_a_snippet(labels_file: Path):
    for label in _load(labels_file)["results"] or []:
        assert set(label) == {"at"}, label
