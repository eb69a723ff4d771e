"""``make demo`` says what it is doing: each install step prints one line before it runs
(the install used to print nothing for about 100 s). Checked on make's dry run."""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STEP = re.compile(r'^echo "\[(\d)/(\d)\] (.+)"$')


def dry_run(target: str) -> list[str]:
    make = shutil.which("make")
    assert make, "make is needed for the set-up commands (apt-get install make)"
    out = subprocess.run(
        [make, "-n", "-B", target], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return [line for line in out.splitlines() if line and not line.startswith("#")]


def test_every_install_step_says_what_it_does_first() -> None:
    lines = dry_run("install")
    steps = [STEP.match(line) for line in lines]
    numbers = [int(m[1]) for m in steps if m]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 4
    assert {int(m[2]) for m in steps if m} == {len(numbers)}
    # Every command that does work comes right after a step line saying what it is.
    for before, line in itertools.pairwise(lines):
        if line.startswith((".venv/bin/pip", ".venv/bin/boussole", "test -x")):
            assert STEP.match(before), f"{line!r} runs without a line saying what it does"


def test_make_demo_says_it_starts_the_server() -> None:
    lines = dry_run("demo")
    serve = lines.index(".venv/bin/boussole serve")
    assert lines[serve - 1].startswith('echo "Starting Boussole')
