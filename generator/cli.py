"""``python -m generator lint|generate|check``: the commands behind the Makefile targets.

Exit codes: 0 fine, 1 spec findings or drift (the output says what and where), 2 generation failed.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from generator import pipeline
from generator.errors import GeneratorError
from generator.lint_step import lint
from generator.registry import DEFAULT_OUTPUT, REGISTRY, REPO_ROOT


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the process exit code."""
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    parser.add_argument(
        "command",
        choices=("lint", "generate", "check"),
        help="lint: check the specs; generate: rewrite generated/; check: fail with a diff on drift",
    )
    parser.add_argument(
        "specs",
        nargs="*",
        type=Path,
        help="lint only: spec files to check instead of the registered ones (e.g. a new API's draft)",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=DEFAULT_OUTPUT,
        help="the generated tree to write or compare (default: generated/ in the checkout)",
    )
    arguments = parser.parse_args(argv)
    if arguments.specs and arguments.command != "lint":
        parser.error(f"{arguments.command} works on the registered specs; spec paths are for lint only")
    started = time.perf_counter()
    try:
        if arguments.command == "lint":
            return _lint(arguments.specs)
        if arguments.command == "generate":
            pipeline.generate(REGISTRY, root=REPO_ROOT, output=arguments.output)
            print(f"generated {arguments.output} in {time.perf_counter() - started:.1f} s")
            return 0
        return _check(arguments.output)
    except pipeline.SpecFindings as findings:
        _report_findings(findings.findings)
        return 1
    except GeneratorError as error:
        print(f"generator: {error}", file=sys.stderr)
        return 2


def _lint(specs: Sequence[Path]) -> int:
    findings = lint(specs) if specs else pipeline.lint_all(REGISTRY, root=REPO_ROOT)
    if findings:
        _report_findings(findings)
        return 1
    print(f"{len(specs) or len(REGISTRY)} specs: no findings")
    return 0


def _check(output: Path) -> int:
    diff = pipeline.check(REGISTRY, root=REPO_ROOT, output=output)
    if diff:
        sys.stdout.writelines(diff)
        print(
            f"\ngenerator: {output} does not match what specs/ produce (diff above). "
            "Run `make generate` and commit the result; never edit generated code by hand.",
            file=sys.stderr,
        )
        return 1
    print(f"{output} matches specs/")
    return 0


def _report_findings(findings: Sequence[str]) -> None:
    for finding in findings:
        print(finding, file=sys.stderr)
    print(f"generator: {len(findings)} spec finding(s); nothing was generated", file=sys.stderr)
