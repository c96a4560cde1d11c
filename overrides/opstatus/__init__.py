"""opstatus: typed clients that read, and wait for, Microsoft long-running-operation statuses."""

__all__: list[str] = []
