from enum import StrEnum


class ExportSuccessOperationOdataType(StrEnum):
    VALUE_0 = "#microsoft.graph.partners.billing.exportSuccessOperation"

    def __str__(self) -> str:
        return str(self.value)
