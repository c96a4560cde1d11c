"""Steps in a status body: each rendered from the spec example's step through the step pointers.

For an API whose polling table has ``steps`` (CPP), a :class:`StepView` becomes one item of that array:
a copy of the first step item the state's example shows (else any status example's), with ``name``,
``status``, ``progress`` and ``messages`` set where the table's ``step-name``, ``step-status``,
``step-percent`` and ``step-messages`` point, and every other field at the member of its camelCase name
(``estimated_time_frame`` -> ``estimatedTimeFrame``); a field left ``None`` leaves its member out. A
message is a copy of the first message the examples show, its text where ``step-message-text`` points (a
plain string where the table has no such pointer) and its ``level`` by name. Date-times a template holds
are set afterwards, with the rest of the body's (``_examples.stamp_times``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from ._apis import ApiProfile
from ._examples import at_pointer, camel, drop_pointer, set_pointer, start_from
from ._lifecycle import StepMessage, StepView

__all__ = ["render_steps"]

_STEP_POINTED: Final = ("name", "status", "progress", "messages")
"""The :class:`StepView` fields the polling table's step pointers place (the rest go by name)."""


def render_steps(profile: ApiProfile, steps: Sequence[StepView], example: Any) -> list[dict[str, Any]]:
    """The steps array of a status body that starts from ``example``."""
    templates = _step_templates(profile, example)
    return [_step(profile, step, *templates) for step in steps]


def _step_templates(profile: ApiProfile, example: Any) -> tuple[dict[str, Any], Any]:
    """The first step item and the first step message the state's example shows, else any status example
    (``{}``: none shows one)."""
    table = profile.polling
    steps_at, messages_at = table.steps_pointer or "", table.step_messages_pointer
    candidates = [example, *profile.emulation.status_examples.values()]
    items = [
        steps[0]
        for candidate in candidates
        if isinstance(steps := at_pointer(candidate, steps_at), list) and steps and isinstance(steps[0], dict)
    ]
    messages = [
        found
        for item in items
        if messages_at is not None and (found := at_pointer(item, f"{messages_at}/0")) is not None
    ]
    return (dict(items[0]) if items else {}), (messages[0] if messages else {})


def _step(
    profile: ApiProfile, step: StepView, template: dict[str, Any], message_template: Any
) -> dict[str, Any]:
    """One step: the template with the view's fields set through the step pointers (else by name)."""
    table = profile.polling
    pointers = {
        "name": table.step_name_pointer,
        "status": table.step_status_pointer,
        "progress": table.step_percent_pointer,
        "messages": table.step_messages_pointer,
    }
    item = start_from(template, server_url="", origin=None, scope={})
    for field in StepView.model_fields:
        pointer = pointers.get(field) if field in _STEP_POINTED else "/" + camel(field)
        if pointer is None:
            continue
        drop_pointer(item, pointer)
        value = getattr(step, field)
        if field == "messages":
            value = [_message(profile, message, message_template) for message in step.messages]
        if value is not None:
            set_pointer(item, pointer, value)
    return item


def _message(profile: ApiProfile, message: StepMessage, template: Any) -> Any:
    """A step message: a plain string where the table has no text pointer, else the template's shape."""
    text_at = profile.polling.step_message_text_pointer
    if text_at is None:
        return message.text
    item = start_from(template if isinstance(template, dict) else {}, server_url="", origin=None, scope={})
    set_pointer(item, text_at, message.text)
    item["level"] = message.level
    return item
