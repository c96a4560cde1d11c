"""Contains all the data models used in inputs/outputs"""

from .error_body import ErrorBody
from .error_response import ErrorResponse
from .message import Message
from .operation import Operation
from .operation_summary import OperationSummary
from .operation_summary_definition import OperationSummaryDefinition
from .step import Step

__all__ = (
    "ErrorBody",
    "ErrorResponse",
    "Message",
    "Operation",
    "OperationSummary",
    "OperationSummaryDefinition",
    "Step",
)
