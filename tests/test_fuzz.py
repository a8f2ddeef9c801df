"""The fuzzer's short run: random valid plans and figures, every command and format; no
exit 4, no traceback, every structured output readable (`benchmarks/fuzz.py` runs many)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import fuzz  # noqa: E402


@pytest.mark.parametrize("seed", range(4))
def test_random_plans_run_every_command_and_format(seed: int, tmp_path: Path):
    fuzz.check_one(seed, tmp_path)
