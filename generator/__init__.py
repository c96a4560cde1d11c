"""The opstatus generator: turns the OpenAPI documents in specs/ into the code in generated/.

Run it as ``python -m generator lint|generate|check`` (the Makefile targets ``lint-specs``, ``generate`` and
``check-generated``). Every step is a small module of its own; :mod:`generator.pipeline` strings them
together and :mod:`generator.registry` says which APIs exist.
"""

from generator.runtime import ensure_runtime

ensure_runtime()  # before any step imports opstatus._table (generator/runtime.py says why)
