"""The plan (targets.yaml) and its figures (progress.csv) on disk.

``plan`` finds and reads the plan, ``progress`` reads and writes its figures, ``files``
holds the safe reading and writing both use. The names most callers need are here.
"""

from gongshu_targets.core.store.files import (
    append_text,
    require_regular,
    same_file,
    write_atomic,
)
from gongshu_targets.core.store.new import new_plan, plan_header
from gongshu_targets.core.store.plan import (
    ALIAS_MESSAGE,
    MAX_PLAN_BYTES,
    PLAN_FILENAME,
    PROGRESS_FILENAME,
    SCHEMA_FILENAME,
    LoadedPlan,
    bundled_dir,
    find_plan,
    init_copy,
    load_plan,
    parse_yaml,
    plan_yaml,
    read_report,
    refuse_bundled,
    yaml_comment,
)
from gongshu_targets.core.store.progress import (
    PROGRESS_COLUMNS,
    RETRACTED,
    IsoTexts,
    bulk,
    check_progress,
    csv_records,
    empty_progress,
    format_value,
    load_progress,
    lock_file,
    parse_progress,
    progress_lock,
    write_progress_with,
    write_table,
)

__all__ = [
    "ALIAS_MESSAGE",
    "MAX_PLAN_BYTES",
    "PLAN_FILENAME",
    "PROGRESS_COLUMNS",
    "PROGRESS_FILENAME",
    "SCHEMA_FILENAME",
    "LoadedPlan",
    "append_text",
    "RETRACTED",
    "bulk",
    "check_progress",
    "bundled_dir",
    "csv_records",
    "find_plan",
    "format_value",
    "init_copy",
    "load_plan",
    "load_progress",
    "new_plan",
    "plan_header",
    "plan_yaml",
    "yaml_comment",
    "parse_progress",
    "parse_yaml",
    "lock_file",
    "progress_lock",
    "require_regular",
    "same_file",
    "empty_progress",
    "read_report",
    "refuse_bundled",
    "write_atomic",
    "write_progress_with",
    "write_table",
    "IsoTexts",
]
