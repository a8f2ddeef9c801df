"""Start-up: `targets status` (and --help, --version) on the bundled plan, against what
the dependencies alone cost: `python -c "import typer, rich, pydantic, yaml"`, alternated.

    python benchmarks/startup.py [--repeats 21]
"""

from __future__ import annotations

import argparse
import os
import tempfile

from common import PYTHON, TARGETS, alternate, median_seconds

# What Typer itself costs to run a command, beyond importing it: a one-command app with
# one option that does nothing. Typer 0.29 coerces every option through a pydantic
# TypeAdapter, so this already imports pydantic's model machinery.
TYPER_FLOOR = """
import typer
app = typer.Typer()
@app.command()
def status(fmt: str = "table") -> None:
    pass
app()
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=21)
    args = parser.parse_args()
    os.chdir(tempfile.mkdtemp())  # no ./targets.yaml here: the bundled plan is used
    commands = {
        "baseline: import typer, rich, pydantic, yaml": [
            PYTHON, "-c", "import typer, rich, pydantic, yaml"
        ],
        "floor: a do-nothing one-option Typer command": [PYTHON, "-c", TYPER_FLOOR],
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
