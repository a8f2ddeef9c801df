"""``python -m gongshu_targets`` runs the ``targets`` command."""

from gongshu_targets.cli import app

app(prog_name="targets")
