"""Contains all the data models used in inputs/outputs"""

from .cloud_error import CloudError
from .cloud_error_body import CloudErrorBody
from .error_additional_info import ErrorAdditionalInfo
from .error_additional_info_info import ErrorAdditionalInfoInfo
from .error_response_common import ErrorResponseCommon
from .operation_status import OperationStatus

__all__ = (
    "CloudError",
    "CloudErrorBody",
    "ErrorAdditionalInfo",
    "ErrorAdditionalInfoInfo",
    "ErrorResponseCommon",
    "OperationStatus",
)
