"""Docs that run: every shell block in README.md and docs/ci.md, as written, from a fresh
copy of the repository; the CI files docs/ci.md shows, step by step. The conventions are in
the README ("Docs that run")."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from gongshu_targets.enums import Lang
from gongshu_targets.errors import ExitCode
from gongshu_targets.outputs import helptext

ROOT = Path(__file__).resolve().parents[1]
DOCS = ("README.md", "docs/ci.md")
WORKFLOW = ROOT / "docs" / "examples" / "targets.yml"
NOT_RUN = re.compile(r"^<!-- not run: (?P<reason>.+) -->$")
FENCE = re.compile(r"^```(?P<lang>\S*)")


@dataclass(frozen=True)
class Block:
    doc: str
    line: int  # of the opening fence
    lang: str
    text: str
    not_run: str | None  # the reason given by a `<!-- not run: … -->` line above it

    def __str__(self) -> str:
        return f"{self.doc}:{self.line}"


def blocks(doc: str) -> list[Block]:
    lines = (ROOT / doc).read_text(encoding="utf-8").splitlines()
    found, index = [], 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if not opening:
            index += 1
            continue
        end = lines.index("```", index + 1)
        above = lines[index - 1] if index else ""
        marker = NOT_RUN.match(above)
        found.append(
            Block(
                doc,
                index + 1,
                opening["lang"],
                "\n".join(lines[index + 1 : end]) + "\n",
                marker["reason"] if marker else None,
            )
        )
        index = end + 1
    return found


ALL = [b for doc in DOCS for b in blocks(doc)]
SHELL = [b for b in ALL if b.lang == "sh"]
INSTALL = SHELL[0]  # the README's first command: a venv and `pip install .`
RUN = [b for b in SHELL if b.not_run is None and b is not INSTALL]
TRANSCRIPTS = [b for b in ALL if b.lang == "text" and b.text.startswith("$ ")]


def copy_of_the_repository(destination: Path) -> Path:
    """The files a clone holds: git's tracked files (as they are in the working tree)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination / name)
    return destination


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository in which the README's install block has run: its .venv."""
    clone = copy_of_the_repository(tmp_path_factory.mktemp("clone"))
    assert ".venv" in INSTALL.text and "pip install ." in INSTALL.text
    result = bash(INSTALL.text, clone, os.environ["PATH"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "拱墅区" in result.stdout  # `targets status` showed the bundled plan
    return clone / ".venv" / "bin"


def bash(script: str, cwd: Path, path: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in ("TARGETS_FILE", "TARGETS_LANG", "VIRTUAL_ENV")
    }
    environment.update(PATH=path, COLUMNS="100", **env)
    return subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", script],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def on_path(bin_dir: Path) -> str:
    return f"{bin_dir}{os.pathsep}{os.environ['PATH']}"


@pytest.mark.parametrize("block", RUN, ids=str)
def test_shell_block_runs_as_written(block: Block, installed: Path, tmp_path: Path):
    result = bash(block.text, copy_of_the_repository(tmp_path), on_path(installed))
    assert result.returncode == 0, f"{block}\n{block.text}\n{result.stdout}\n{result.stderr}"


@pytest.mark.parametrize("block", TRANSCRIPTS, ids=str)
def test_transcript_shows_what_the_command_prints(block: Block, installed: Path, tmp_path: Path):
    command, expected = block.text.split("\n", 1)
    result = bash(command.removeprefix("$ "), copy_of_the_repository(tmp_path), on_path(installed))
    assert result.stdout == expected, f"{block}: {command}"


@pytest.mark.parametrize("block", [b for b in SHELL if b.not_run], ids=str)
def test_a_block_not_run_says_why_and_parses(block: Block):
    assert len(block.not_run or "") > 10
    assert subprocess.run(["bash", "-n", "-c", block.text], capture_output=True).returncode == 0


def test_every_block_is_of_a_kind_the_runner_knows():
    """sh runs; yaml is a CI file run below; text and untagged blocks are output."""
    assert {b.lang for b in ALL} <= {"sh", "yaml", "text", "json", ""}
    assert all(b.not_run is None for b in ALL if b.lang != "sh")
    assert len(RUN) >= 5 and INSTALL.doc == "README.md" and INSTALL.not_run is None


def test_not_run_marks_only_what_cannot_run():
    reasons = sorted(b.not_run or "" for b in SHELL if b.not_run)
    assert reasons == [
        "gongshu-targets is not published on PyPI yet",
        "it runs this test suite, which runs these blocks; .ci/run runs it",
        "it runs this test suite, which runs these blocks; .ci/run runs it",
    ]


def test_exit_code_tables_and_help_list_every_code():
    codes = {int(c) for c in ExitCode}
    assert codes == {0, 1, 2, 3, 4, 130}
    for lang, head, word in ((Lang.EN, "Exit codes: ", "[a-z]"), (Lang.ZH, "退出码：", r"\w")):
        help_text = helptext.command_help("targets", lang)
        said = help_text[help_text.index(head) + len(head) :]
        assert {int(c) for c in re.findall(rf"(\d+) {word}", said)} == codes, lang
    for doc in DOCS:
        text = (ROOT / doc).read_text(encoding="utf-8")
        table = text[text.index("| code | meaning |") :].split("\n\n")[0]
        listed = {int(m) for m in re.findall(r"^\| (\d+) \|", table, flags=re.M)}
        assert listed == codes, doc


# --- the CI files docs/ci.md shows, run in a district's repository ------------------------


def yaml_block(key: str) -> tuple[Block, dict[str, object]]:
    (found,) = [
        (b, data)
        for b in ALL
        if b.lang == "yaml" and isinstance(data := yaml.safe_load(b.text), dict) and key in data
    ]
    return found


@pytest.fixture(scope="session")
def district(installed: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A district's repository: an init copy of the example plan, and in vendor/ the
    wheel that docs/ci.md's block builds (run as written, in a fresh copy)."""
    (wheel_block,) = [b for b in RUN if "pip wheel" in b.text]
    clone = copy_of_the_repository(tmp_path_factory.mktemp("wheel"))
    built = bash(wheel_block.text, clone, on_path(installed))
    assert built.returncode == 0, built.stderr
    (wheel,) = (clone / "dist").glob("gongshu_targets-*.whl")
    repo = tmp_path_factory.mktemp("district")
    assert bash("targets init .", repo, on_path(installed)).returncode == 0
    (repo / "vendor").mkdir()
    shutil.copy2(wheel, repo / "vendor" / wheel.name)
    return repo


def test_the_workflow_shown_is_the_shipped_file():
    block, _ = yaml_block("jobs")
    assert block.text == WORKFLOW.read_text(encoding="utf-8")


def test_the_workflow_steps_run_in_a_district_repository(district: Path, installed: Path):
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    (job,) = workflow["jobs"].values()
    uses = [s["uses"].split("@")[0] for s in job["steps"] if "uses" in s]
    assert uses == ["actions/checkout", "actions/setup-python", "actions/upload-artifact"]
    runs = [s["run"] for s in job["steps"] if "run" in s]
    assert runs[0].startswith("pip install vendor/")
    assert runs[1] == "targets validate"
    summary = district / "step-summary.md"
    for command in runs:
        result = bash(command, district, on_path(installed), GITHUB_STEP_SUMMARY=str(summary))
        assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
        if "--format github" in command:
            annotations = [x for x in result.stdout.splitlines() if x.startswith("::")]
            assert 0 < len(annotations) <= 10
    (artefacts,) = [s for s in job["steps"] if s.get("uses", "").startswith("actions/upload")]
    for name in artefacts["with"]["path"].split():
        assert (district / name).stat().st_size > 0, name
    junit = ET.parse(district / "targets-junit.xml").getroot()
    assert junit.get("name") == "目标检查 targets.yaml" and junit.get("tests") == "76"
    assert (district / "targets-report.html").read_text(encoding="utf-8").startswith("<!")
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("### 目标检查通过：") and "，计划 targets.yaml（" in written
    assert written.count("\n| ") == 77  # the header and one row per target


def test_the_gitlab_job_runs_in_a_district_repository(district: Path, installed: Path):
    _, config = yaml_block("targets-check")
    job = config["targets-check"]
    assert isinstance(job, dict)
    for command in job["script"]:
        result = bash(command, district, on_path(installed))
        assert result.returncode == 0, f"{command}\n{result.stderr}"
    assert (district / job["artifacts"]["reports"]["junit"]).is_file()


def test_the_pre_commit_hook_runs_in_a_district_repository(district: Path, installed: Path):
    _, config = yaml_block("repos")
    (repo,) = config["repos"]  # type: ignore[misc]
    assert repo["repo"] == "local"
    (hook,) = repo["hooks"]
    assert hook["language"] == "system" and hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    assert [bool(files.search(p)) for p in ("targets.yaml", "a/progress.csv", "notes.csv")] == [
        True, True, False,
    ]  # fmt: skip
    result = bash(hook["entry"], district, on_path(installed))
    assert result.returncode == 0 and result.stdout.startswith("无误：")
