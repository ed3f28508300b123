"""Work on many items with progress and cancel: a few threads over a list (map_until_cancelled)
and progress reported at most ten times a second (Ticker)."""
from __future__ import annotations

import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, Iterator, TypeVar

Progress = Callable[[int, int, str], None]  # (done, total, what is being done)
T = TypeVar("T")
R = TypeVar("R")


def map_until_cancelled(work: Callable[[T], R], items: list[T], cancel: threading.Event | None,
                        workers: int | None = None) -> Iterator[tuple[T, R]]:
    """(item, work(item)) for each item, in order, with the work on a few threads (Pillow,
    hashing and file copies release the GIL). Once `cancel` is set, items not started are
    dropped; those started finish and are still yielded, so nothing done is lost."""
    with ThreadPoolExecutor(max_workers=workers or max(2, min(8, os.cpu_count() or 2))) as pool:
        futures = [pool.submit(work, item) for item in items]
        for item, future in zip(items, futures):
            if cancel is not None and cancel.is_set():
                for f in futures:
                    f.cancel()
            if not future.cancelled():
                yield item, future.result()


class Ticker:
    """Progress at most ten times a second, and at the end."""

    def __init__(self, progress: Progress | None, total: int, message: str):
        self.progress, self.total, self.message = progress, total, message
        self.done, self._last = 0, 0.0

    def tick(self) -> None:
        self.done += 1
        now = time.monotonic()
        if self.progress and (now - self._last >= 0.1 or self.done == self.total):
            self._last = now
            self.progress(self.done, self.total, self.message)
