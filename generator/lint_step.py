"""Step 1: check the specs before anything is generated from them (the ``lint-specs`` rules).

The rules live in :mod:`generator.speclint`; this step only turns its findings into the lines the
command line prints, so ``generate`` stops on exactly what ``make lint-specs`` reports.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from generator.speclint import format_finding, lint_specs


def lint(paths: Sequence[Path]) -> list[str]:
    """One human-readable line per finding in ``paths``; an empty list means the specs are fine."""
    findings = lint_specs(paths, warnings=True)
    for finding in findings:
        if finding.severity == "warning":  # said once, on stderr; nothing fails on it
            print(format_finding(finding), file=sys.stderr)
    return [format_finding(finding) for finding in findings if finding.severity == "error"]
