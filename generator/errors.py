"""The one error type the generator raises for problems a person has to fix (spec, toolchain, drift)."""


class GeneratorError(Exception):
    """Generation cannot go on; ``str(exc)`` says what is wrong and where."""
