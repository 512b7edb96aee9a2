#!/usr/bin/env python3
"""Runs golden cases and rewrites their expected @stdout/@stderr/@exit with what the command
printed now, showing the diff. For a deliberate change of output: read every diff before
committing. Usage: tests/cli/accept.py BUILD_DIR CASE_FILE..."""
import os
import subprocess
import sys
import tempfile

build, cases = os.path.abspath(sys.argv[1]), sys.argv[2:]
repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
vstation = os.path.join(build, "apps", "vstation")
for case in map(os.path.abspath, cases):
    with tempfile.TemporaryDirectory() as keep:
        env = dict(os.environ, VSTATION_GOLDEN_KEEP=keep)
        env.pop("VSTATION_TEST_PG_URL", None)
        run = subprocess.run([os.path.join(repo, "tests/cli/run_case.sh"), vstation, case,
                              os.path.join(repo, "data")], env=env, capture_output=True, text=True)
        if not os.path.exists(os.path.join(keep, "actual.exit")):
            sys.exit(f"{case}: the command did not run:\n{run.stdout}{run.stderr}")
        out = open(os.path.join(keep, "actual.stdout"), encoding="utf-8", newline="").read()
        err = open(os.path.join(keep, "actual.stderr"), encoding="utf-8", newline="").read()
        code = open(os.path.join(keep, "actual.exit")).read().strip()
    lines = open(case, encoding="utf-8", newline="").read().split("\n")
    cmd = next(i for i, l in enumerate(lines) if l.startswith("$ "))
    head = lines[: cmd + 1]
    # Directives after the expected blocks (none today) would be lost: refuse them.
    block = "\n".join(head) + "\n"
    if out:
        block += "@stdout\n" + out + ("" if out.endswith("\n") else "\n")
    if err:
        block += "@stderr\n" + err + ("" if err.endswith("\n") else "\n")
    block += "@exit " + code + "\n"
    old = "\n".join(lines)
    if block != old:
        open(case, "w", encoding="utf-8", newline="").write(block)
        subprocess.run(["git", "--no-pager", "diff", "--", case], cwd=repo)
