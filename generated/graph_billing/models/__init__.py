"""Contains all the data models used in inputs/outputs"""

from .blob import Blob
from .error_details import ErrorDetails
from .export_success_operation import ExportSuccessOperation
from .export_success_operation_odata_type import ExportSuccessOperationOdataType
from .failed_operation import FailedOperation
from .failed_operation_odata_type import FailedOperationOdataType
from .inner_error import InnerError
from .long_running_operation_status import LongRunningOperationStatus
from .main_error import MainError
from .manifest import Manifest
from .o_data_error import ODataError
from .operation_base import OperationBase
from .public_error import PublicError
from .public_error_detail import PublicErrorDetail
from .public_inner_error import PublicInnerError
from .running_operation import RunningOperation
from .running_operation_odata_type import RunningOperationOdataType

__all__ = (
    "Blob",
    "ErrorDetails",
    "ExportSuccessOperation",
    "ExportSuccessOperationOdataType",
    "FailedOperation",
    "FailedOperationOdataType",
    "InnerError",
    "LongRunningOperationStatus",
    "MainError",
    "Manifest",
    "ODataError",
    "OperationBase",
    "PublicError",
    "PublicErrorDetail",
    "PublicInnerError",
    "RunningOperation",
    "RunningOperationOdataType",
)
