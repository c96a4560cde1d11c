"""When each of the "many operations" section's operations finishes (stdlib only: every side reads it).

Operation i finishes `finish_after(i)` seconds after the server's first counted read, spread evenly
over [first, last] in an order unrelated to i (a fixed permutation), so completions are spread over
the run and are not in the order the client added the operations.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class ManyPlan:
    operations: int
    first_s: float = 5.0
    last_s: float = 50.0

    def __post_init__(self) -> None:
        if self.operations < 0 or not (0 <= self.first_s <= self.last_s):
            raise ValueError(f"not a plan: {self!r}")

    def finish_after(self, index: int) -> float:
        """Seconds after the first read at which operation `index` finishes."""
        n = self.operations
        # 7919 is prime and does not divide the sizes used, so i -> i * 7919 mod n is a permutation.
        step = 7919 if math.gcd(7919, n) == 1 else 1
        slot = (index * step) % n
        return self.first_s + (self.last_s - self.first_s) * slot / max(1, n - 1)

    def to_arg(self) -> str:
        return f"{self.operations},{self.first_s},{self.last_s}"

    @classmethod
    def parse(cls, text: str) -> ManyPlan:
        """`N,FIRST,LAST` as `--many` takes it."""
        count, first, last = text.split(",")
        return cls(operations=int(count), first_s=float(first), last_s=float(last))
