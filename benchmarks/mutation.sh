#!/usr/bin/env bash
# Mutation testing of the core: mutmut changes one thing in the code (a < to <=, a
# constant, a removed call) and runs the tests that reach it; a mutant no test notices
# "survived". The README's "Mutation testing" section quotes the kill rates this prints.
#
#   bash benchmarks/mutation.sh [scoring|figures|store|all]   (default: all)
#
# Run it in the project's virtual environment (the README's test command makes one); it
# installs mutmut there if it is missing. mutmut is a tool for a developer's desk, not
# for every CI install, so it is pinned here rather than in the test extras. Each group
# runs in a scratch copy of the working tree (mutants/ and its cache stay out of the
# repository), under `nice -n 19`, on the tests that exercise that group's modules.
# JOBS (default 1) is how many mutants run at once. KEEP=1 keeps the scratch copies, so
# that `python -m mutmut show NAME` can be run in them.
set -euo pipefail

MUTMUT_VERSION=3.8.1
repo="$(cd "$(dirname "$0")/.." && pwd)"
jobs="${JOBS:-1}"
groups=("$@")
[ ${#groups[@]} -eq 0 ] && groups=(scoring figures store)
[ "${groups[0]}" = all ] && groups=(scoring figures store)

if [ "$(python -c 'import importlib.metadata as m; print(m.version("mutmut"))' 2>/dev/null)" \
  != "$MUTMUT_VERSION" ]; then
  python -m pip install --quiet "mutmut==$MUTMUT_VERSION"
fi

core=src/gongshu_targets/core
for group in "${groups[@]}"; do
  skip=""
  case "$group" in
    scoring)
      mutate="$core/scoring.py"
      tests="tests/test_scoring.py tests/test_explain.py tests/test_shares.py tests/test_floors.py
             tests/test_items.py tests/test_check.py"
      ;;
    figures)
      mutate="$core/figures/*.py $core/units.py"
      tests="tests/test_import.py tests/test_figures.py tests/test_shares.py tests/test_intake.py
             tests/test_cli_edges.py tests/test_limits.py tests/test_exit_codes.py
             tests/test_items.py tests/test_cli.py tests/test_escape.py tests/test_files.py
             tests/test_figure_cells.py tests/test_figure_intake.py tests/test_plausible_edges.py"
      skip="ctrl_c or two_writers or fifo or device or process_substitution"
      ;;
    store)
      mutate="$core/store/*.py"
      # Tests that run targets in a subprocess (test_safety's, and those -k leaves out) cannot
      # see a mutant: left out.
      tests="tests/test_store.py tests/test_new.py tests/test_figures.py tests/test_import.py
             tests/test_hostile.py tests/test_cli_edges.py tests/test_intake.py
             tests/test_files.py tests/test_limits.py tests/test_exit_codes.py
             tests/test_shares.py tests/test_progress_file.py tests/test_safe_files.py
             tests/test_plan_file.py"
      skip="ctrl_c or killed or concurrent or two_writers or fifo or device or process_substitution"
      ;;
    *)
      echo "unknown group $group: use scoring, figures, store or all" >&2
      exit 2
      ;;
  esac
  work="$(mktemp -d "${TMPDIR:-/tmp}/mutation-$group.XXXXXX")"
  # The working tree as it is (tracked and new files, not ignored ones).
  git -C "$repo" ls-files -z --cached --others --exclude-standard \
    | (cd "$repo" && xargs -0 tar -cf - --ignore-failed-read 2>/dev/null) \
    | tar -xf - -C "$work"
  selected=""
  for t in $tests; do [ -f "$work/$t" ] && selected="$selected    $t"$'\n'; done
  {
    echo "[mutmut]"
    echo "source_paths = src"
    echo "only_mutate ="
    for m in $mutate; do echo "    $m"; done
    echo "pytest_add_cli_args_test_selection ="
    printf '%s' "$selected"
    echo "pytest_add_cli_args ="  # one argument a line: mutmut passes each as it is
    printf '    %s\n' -p no:cacheprovider -q
    [ -n "$skip" ] && printf '    %s\n' -k "not ($skip)"
    echo "also_copy ="
    for f in README.md targets.yaml progress.csv targets.schema.json reports; do
      echo "    $f"
    done
  } >"$work/setup.cfg"
  echo "== $group: mutating $mutate; tests: $(echo $selected)"
  # pytest's own temporary folders, apart from other pytest runs on the machine (their
  # clean-up of a shared root can race, and the tests turn its warning into an error).
  mkdir "$work/pytest-tmp"
  (cd "$work" && PYTEST_DEBUG_TEMPROOT="$work/pytest-tmp" \
    nice -n 19 python -m mutmut run --max-children "$jobs" >mutmut.log 2>&1) || {
    tail -20 "$work/mutmut.log" >&2
    exit 1
  }
  (cd "$work" && python -m mutmut results --all true) >"$work/results.txt"
  python - "$group" "$work/results.txt" <<'EOF'
import collections, re, sys

group, path = sys.argv[1], sys.argv[2]
by_module = collections.defaultdict(collections.Counter)
survivors = []
for line in open(path, encoding="utf-8"):
    match = re.match(r"\s*(\S+)__mutmut_\d+: (.+)", line)
    if not match:
        continue
    name, status = match.groups()
    module = name.split(".x")[0].split(".xǁ")[0]
    by_module[module][status] += 1
    if status != "killed":
        survivors.append(line.strip())
for module, counts in sorted(by_module.items()):
    total = sum(counts.values())
    print(f"{module}: {counts['killed']}/{total} killed "
          f"({100 * counts['killed'] / total:.1f}%); " +
          ", ".join(f"{n} {s}" for s, n in sorted(counts.items()) if s != "killed"))
print("not killed:")
print("\n".join(f"  {s}" for s in survivors) or "  none")
EOF
  if [ "${KEEP:-0}" = 1 ]; then
    echo "kept $work"
  else
    rm -rf "$work"
  fi
done
