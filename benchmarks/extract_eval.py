"""Recall, precision and comparator accuracy of the report reader on hand-labelled texts.

    python benchmarks/extract_eval.py            # every text, dev and holdout apart
    python benchmarks/extract_eval.py --holdout  # the holdout only
    python benchmarks/extract_eval.py --dev-only # the dev texts only (while tuning)

Each text in tests/corpus/ has a NAME.labels.yaml beside it: its source address, whether it
is a dev text (the reader was tuned on it) or a holdout text (only ever measured), every
commitment (a unique snippet ``at`` of the text holding it, its number, unit, comparator)
and every result that must not be taken. A commitment the reader finds matches a label when
it lies inside the label's snippet with the same number; its comparator and unit are then
compared. Anything else the reader takes counts against precision.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from gongshu_targets.core.extract import extract

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus"
PREFIX = {"dev": "dev-", "holdout": "ho-"}


@dataclass
class Score:
    labelled: int = 0
    taken: int = 0
    matched: int = 0
    comparator: int = 0
    unit: int = 0
    results_taken: int = 0

    def add(self, other: Score) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @staticmethod
    def _share(part: int, whole: int) -> str:
        return f"{100 * part / whole:5.1f}%" if whole else "    —"

    def row(self, name: str) -> str:
        shares = (
            self._share(self.matched, self.labelled),
            self._share(self.matched, self.taken),
            self._share(self.comparator, self.matched),
            self._share(self.unit, self.matched),
        )
        return (
            f"{name:34} {self.labelled:4} {self.taken:5} {self.matched:5}  {'  '.join(shares)}"
            f"  {self.results_taken:3}"
        )


HEADER = (
    f"{'text':34} {'lab':>4} {'taken':>5} {'match':>5}  {'recall':>6}  {'precis':>6}  "
    f"{'compar':>6}  {'unit':>6}  {'res'}"
)


def _span(text: str, at: str, name: str) -> tuple[int, int]:
    start = text.find(at)
    if start == -1 or text.find(at, start + 1) != -1:
        sys.exit(f"{name}: label {at!r} is {'missing' if start == -1 else 'not unique'}")
    return start, start + len(at)


def score(name: str, raw: str, labels: dict[str, Any], verbose: bool) -> Score:
    found = extract(raw)
    text = found.text
    taken = found.commitments + found.later
    wanted = [(_span(text, c["at"], name), c) for c in labels["commitments"] or []]
    refused = [_span(text, r["at"], name) for r in labels["results"] or []]
    result = Score(labelled=len(wanted), taken=len(taken))
    used: set[int] = set()
    for commitment in taken:
        hit = next(
            (
                i
                for i, ((s, e), label) in enumerate(wanted)
                if i not in used
                and s <= commitment.start
                and commitment.end <= e
                and commitment.number == label.get("number")
            ),
            None,
        )
        if hit is None:
            inside = any(s <= commitment.start and commitment.end <= e for s, e in refused)
            result.results_taken += inside
            if verbose:
                print(
                    f"    extra {'(a result) ' if inside else ''}{commitment.quantity.phrase}"
                    f" | {commitment.clause}"
                )
            continue
        used.add(hit)
        label = wanted[hit][1]
        result.matched += 1
        right = commitment.comparator == label["comparator"]
        result.comparator += right
        unit = label.get("unit", commitment.unit if commitment.number is None else None)
        result.unit += commitment.unit == unit
        if verbose and not right:
            print(f"    comparator {commitment.comparator} != {label['comparator']}: {label['at']}")
        if verbose and commitment.unit != unit:
            print(f"    unit {commitment.unit} != {unit}: {label['at']}")
    if verbose:
        for i, (_, label) in enumerate(wanted):
            if i not in used:
                print(f"    missed {label['at']}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    only = parser.add_mutually_exclusive_group()
    only.add_argument("--holdout", action="store_true", help="only the holdout texts")
    only.add_argument(
        "--dev-only",
        action="store_true",
        help="only the dev texts: tune on these without the holdout's figures in view",
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="list every miss of the dev texts (never the holdout's)",
    )
    args = parser.parse_args()
    splits = ("holdout",) if args.holdout else ("dev",) if args.dev_only else ("dev", "holdout")
    print(HEADER)
    for split in splits:
        total = Score()
        # a text's name starts with its split (tests/test_corpus.py holds it so): with
        # --dev-only no holdout file is opened
        for labels_file in sorted(CORPUS.glob(f"{PREFIX[split]}*.labels.yaml")):
            labels = yaml.safe_load(labels_file.read_text(encoding="utf-8"))
            name = labels_file.name.removesuffix(".labels.yaml")
            raw = labels_file.with_name(name + ".txt").read_text(encoding="utf-8")
            one = score(name, raw, labels, args.verbose and split == "dev")
            print(one.row(name))
            total.add(one)
        print(total.row(f"ALL {split}"))
        print()


if __name__ == "__main__":
    main()
