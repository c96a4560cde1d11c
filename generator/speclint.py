"""The spec linter behind `python -m generator lint` (make lint-specs).

    findings = lint_specs([Path("specs/monitor.yaml"), ...])
    for finding in findings:
        print(format_finding(finding))        # file:pointer: rule: message (hint: ...)

Checks run in stages per file, each only on what the previous stage accepted, so one mistake gives one
clear finding rather than a cascade:

1. YAML (yaml-syntax, yaml-duplicate-key, yaml-json-type)
2. structure (openapi-version, openapi-ref, openapi-schema: openapi-spec-validator 0.9.0 for OpenAPI 3.1)
3. our rules: operations (operation-id, operation-summary, operation-security, error-responses,
   api-version), examples (example-valid, example-unused), unions (discriminator-pinned,
   discriminator-mapping), extensions (x-opstatus-api, x-opstatus-polling, polling-states,
   polling-pointer, x-opstatus-extension, emulator-times), access (security-scheme, parameter-usable,
   polling-enum, error-envelope), response-header.

RULES describes each rule; specs/README.md explains why they exist.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Final

from generator.speclint_access import check_access
from generator.speclint_budget import check_read_budget
from generator.speclint_core import RULES, Finding, Rule, SpecDocument
from generator.speclint_discriminator import check_discriminators
from generator.speclint_examples import check_examples
from generator.speclint_extensions import check_extensions
from generator.speclint_headers import check_response_headers
from generator.speclint_load import load_spec
from generator.speclint_openapi import check_openapi
from generator.speclint_operations import check_operations
from generator.speclint_polling import check_polling
from generator.speclint_times import check_times

__all__ = ["RULES", "RULE_CHECKS", "Finding", "Rule", "format_finding", "lint_specs"]

#: Stage 3, in order: each check takes a document the structural stage accepted.
RULE_CHECKS: Final[tuple[Callable[[SpecDocument], list[Finding]], ...]] = (
    check_operations,
    check_examples,
    check_discriminators,
    check_extensions,
    check_polling,
    check_read_budget,
    check_access,
    check_response_headers,
    check_times,
)


def _lint_one(path: Path) -> list[Finding]:
    document, findings = load_spec(path)
    if document is None:
        return findings
    findings = check_openapi(document)
    if findings:
        return findings
    return [finding for check in RULE_CHECKS for finding in check(document)]


def lint_specs(paths: Sequence[Path], *, warnings: bool = False) -> list[Finding]:
    """Every error for the given spec files (and warnings with ``warnings=True``), without duplicates,
    sorted by file, pointer and rule."""
    findings: set[Finding] = set()
    for path in paths:
        findings.update(_lint_one(Path(path)))
    return sorted(f for f in findings if warnings or f.severity == "error")


def format_finding(finding: Finding) -> str:
    """One line: `file:pointer: rule: message (hint: ...)`; the document root shows as `(root)`."""
    where = finding.pointer or "(root)"
    kind = "warning: " if finding.severity == "warning" else ""
    return f"{finding.file}:{where}: {kind}{finding.rule}: {finding.message} (hint: {finding.hint})"
