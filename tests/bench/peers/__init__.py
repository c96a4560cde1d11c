"""Peer SDK contenders, run only by the .bench-peers interpreter (`make bench-peers`).

These modules import azure-mgmt-monitor, azure-core and msgraph-sdk, which are never installed in
.venv. mypy still checks them there: pyproject's [[tool.mypy.overrides]] marks those packages as
missing-imports-allowed (their objects are typed Any in .venv), so no file is excluded.
"""
