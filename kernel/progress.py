"""A one-line progress bar for management commands that work through many records."""

import time

from django.core.management.base import OutputWrapper


class Progress:
    """A one-line progress bar on stderr, redrawn at most a few times a second."""

    def __init__(self, label, total, stream):
        self.label, self.total, self.stream = label, max(total, 1), stream
        self.done, self.shown_at, self.started = 0, 0.0, time.monotonic()

    def advance(self, count=1):
        self.done += count
        now = time.monotonic()
        if now - self.shown_at > 0.2 or self.done >= self.total:
            self.shown_at = now
            share = self.done / self.total
            bar = "#" * int(share * 30)
            rate = self.done / max(now - self.started, 1e-6)
            self._write(f"\r{self.label:<14} [{bar:<30}] {self.done:>9,}/{self.total:,} {rate:>9,.0f}/s")
            if self.done >= self.total:
                self._write("\n")
            self.stream.flush()

    def _write(self, text):
        # A command's own self.stderr ends every write with a newline unless told otherwise.
        if isinstance(self.stream, OutputWrapper):
            self.stream.write(text, ending="")
        else:
            self.stream.write(text)
