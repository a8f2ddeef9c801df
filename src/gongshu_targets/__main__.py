"""``python -m gongshu_targets`` runs the ``targets`` command."""

from .cli import app

app(prog_name="targets")
