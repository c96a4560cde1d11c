from enum import StrEnum


class FailedOperationOdataType(StrEnum):
    VALUE_0 = "#microsoft.graph.partners.billing.failedOperation"

    def __str__(self) -> str:
        return str(self.value)
