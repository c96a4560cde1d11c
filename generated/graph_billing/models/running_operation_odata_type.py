from enum import StrEnum


class RunningOperationOdataType(StrEnum):
    VALUE_0 = "#microsoft.graph.partners.billing.runningOperation"

    def __str__(self) -> str:
        return str(self.value)
