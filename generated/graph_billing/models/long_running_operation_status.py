from enum import StrEnum


class LongRunningOperationStatus(StrEnum):
    """An open enum: a value the spec does not list is kept (see ``is_known``), never an error."""

    FAILED = "failed"
    NOTSTARTED = "notStarted"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    UNKNOWNFUTUREVALUE = "unknownFutureValue"

    def __str__(self) -> str:
        return str(self.value)

    @property
    def is_known(self) -> bool:
        """False for a value this spec does not list (a pseudo-member that carries the raw value)."""
        return self._value_ in type(self)._value2member_map_

    @classmethod
    def _missing_(cls, value: object) -> "LongRunningOperationStatus | None":
        if not isinstance(value, str):
            return None
        pseudo_member = str.__new__(cls, value)
        pseudo_member._name_ = "UNKNOWNFUTUREVALUE"
        pseudo_member._value_ = value
        return pseudo_member
