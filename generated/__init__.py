"""Code emitted by ``make generate`` from the OpenAPI documents; never edited by hand.

One package per API (``monitor``, ``partner_portal``, ``graph_billing``), each an
openapi-python-client package plus ``polling.py`` (the polling table) and ``emulator_models.py`` (pydantic
models for the emulator). Imported as ``opstatus._generated.<key>`` by the hand-written layer only.
"""
