"""Reading a spec file: YAML syntax, duplicate keys and non-JSON values (rules yaml-*).

The generator, the emulator and schemathesis all read the specs as JSON data. YAML can say more than JSON
(timestamps, integer or boolean keys, sets, merge keys) and silently keeps the last of two equal keys; the
tools then disagree about what the document says. So the node tree is checked before the data is built.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Final

import yaml

from generator.speclint_core import Finding, SpecDocument, join_pointer, make_finding

_JSON_SCALAR_TAGS: Final = {
    "tag:yaml.org,2002:str": "string",
    "tag:yaml.org,2002:int": "integer",
    "tag:yaml.org,2002:float": "number",
    "tag:yaml.org,2002:bool": "boolean",
    "tag:yaml.org,2002:null": "null",
}
_STR_TAG: Final = "tag:yaml.org,2002:str"
# libyaml when PyYAML was built with it (same tags and marks, several times faster), else pure Python.
_LOADER: Final[type[yaml.SafeLoader]] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SEQ_TAG: Final = "tag:yaml.org,2002:seq"
_MAP_TAG: Final = "tag:yaml.org,2002:map"


def _tag_name(tag: str) -> str:
    return tag.rsplit(":", 1)[-1] if tag.startswith("tag:yaml.org,2002:") else tag


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _check_nodes(file: str, node: yaml.Node, pointer: str, active: set[int]) -> Iterator[Finding]:
    """Walk the composed YAML tree; `active` holds the nodes on the current path (recursive aliases)."""
    if id(node) in active:
        yield make_finding(file, pointer, "yaml-json-type", f"recursive YAML alias (line {_line(node)})")
        return
    if isinstance(node, yaml.ScalarNode):
        if node.tag not in _JSON_SCALAR_TAGS:
            yield make_finding(
                file,
                pointer,
                "yaml-json-type",
                f"value {node.value!r} (line {_line(node)}) is a YAML {_tag_name(node.tag)}, "
                "not a JSON value",
            )
        return
    active = active | {id(node)}
    if isinstance(node, yaml.SequenceNode):
        if node.tag != _SEQ_TAG:
            yield make_finding(
                file, pointer, "yaml-json-type", f"a YAML {_tag_name(node.tag)} (line {_line(node)})"
            )
        for index, item in enumerate(node.value):
            yield from _check_nodes(file, item, join_pointer(pointer, index), active)
        return
    if isinstance(node, yaml.MappingNode):
        if node.tag != _MAP_TAG:
            yield make_finding(
                file, pointer, "yaml-json-type", f"a YAML {_tag_name(node.tag)} (line {_line(node)})"
            )
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "<complex key>"
            child = join_pointer(pointer, key)
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR_TAG:
                kind = _tag_name(key_node.tag)
                yield make_finding(
                    file,
                    child,
                    "yaml-json-type",
                    f"key {key!r} (line {_line(key_node)}) is a YAML {kind}; JSON object keys are strings",
                    f"quote the key: '{key}'" if kind != "merge" else "write the merged keys out in full",
                )
            elif key in seen:
                yield make_finding(
                    file,
                    child,
                    "yaml-duplicate-key",
                    f"key {key!r} appears on line {seen[key]} and again on line {_line(key_node)}; "
                    "YAML keeps only the last",
                )
            else:
                seen[key] = _line(key_node)
            yield from _check_nodes(file, value_node, child, active)


def _describe_yaml_error(exc: yaml.YAMLError) -> str:
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem_mark is not None:
        mark = exc.problem_mark
        what = ", ".join(part for part in (exc.context, exc.problem) if part)
        return f"not valid YAML at line {mark.line + 1}, column {mark.column + 1}: {what}"
    return "not valid YAML: " + " ".join(str(exc).split())


def load_spec(path: Path) -> tuple[SpecDocument | None, list[Finding]]:
    """Read and parse one spec; the document is None when a yaml-* rule failed (nothing else is checked)."""
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [make_finding(file, "", "yaml-syntax", f"cannot read the file: {exc}")]
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        return None, [make_finding(file, "", "yaml-syntax", _describe_yaml_error(exc))]
    if not isinstance(root, yaml.MappingNode):
        return None, [make_finding(file, "", "yaml-syntax", "the top level is not a mapping (empty file?)")]
    problems = list(_check_nodes(file, root, "", set()))
    if problems:
        return None, problems
    data = yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader (CSafeLoader or SafeLoader)
    return SpecDocument(file=file, stem=path.stem, data=data), []
