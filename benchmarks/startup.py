"""Start-up: `targets status` (and --help, --version) on the bundled plan, against what
the dependencies alone cost: `python -c "import typer, rich, pydantic, yaml"`, alternated.

    python benchmarks/startup.py [--repeats 21]
"""

from __future__ import annotations

import argparse
import os
import tempfile

from common import PYTHON, TARGETS, alternate, median_seconds

# Floors: the baseline's imports plus what targets status cannot do without.
# Typer running a command: a one-command app with one option that does nothing. Typer 0.29
# coerces every option through a pydantic TypeAdapter, which loads pydantic's machinery.
BASELINE = "import typer, rich, pydantic, yaml"
TYPER_COMMAND = """
app = typer.Typer()
@app.command()
def status(fmt: str = "table") -> None:
    pass
app()
"""

# Rich printing a table of the status table's shape (the bundled plan's 76 targets and 5
# section rows, 8 columns), filled with fixed text.
RICH_TABLE = """
from rich.console import Console
from rich.table import Table
table = Table(title="拱墅区2025年政府工作报告主要目标任务 · data as of 2025-03-31")
for name in ("ID", "Name", "Target", "Latest", "Pace", "Gap", "Status", "Progress"):
    table.add_column(name)
for i in range(81):
    table.add_row(f"target-{i}", "地区生产总值增长", "≈ 5.5%", "4.6% (2025-03-31)", "5%",
                  "-0.40", "at risk", "███████░ score 92")
Console(width=240).print(table)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=21)
    args = parser.parse_args()
    os.chdir(tempfile.mkdtemp())  # no ./targets.yaml here: the bundled plan is used
    commands = {
        "baseline: import typer, rich, pydantic, yaml": [PYTHON, "-c", BASELINE],
        "floor: a do-nothing one-option Typer command": [PYTHON, "-c", BASELINE + TYPER_COMMAND],
        "floor: Rich printing a table of status's shape": [PYTHON, "-c", BASELINE + RICH_TABLE],
        "floor: both in one process": [PYTHON, "-c", BASELINE + RICH_TABLE + TYPER_COMMAND],
        "targets status": [*TARGETS, "status"],
        "targets status --format json": [*TARGETS, "status", "--format", "json"],
        "targets --help": [*TARGETS, "--help"],
        "targets --version": [*TARGETS, "--version"],
    }  # fmt: skip
    results = alternate(commands, args.repeats)
    base = median_seconds(results["baseline: import typer, rich, pydantic, yaml"])
    print(f"{'command':<46} {'median':>9} {'ratio':>6}   ({args.repeats} runs each, alternated)")
    for name, samples in results.items():
        median = median_seconds(samples)
        print(f"{name:<46} {median * 1000:7.0f} ms {median / base:6.2f}")


if __name__ == "__main__":
    main()
