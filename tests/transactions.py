"""A transaction held open across several tests, for rows that are costly to make and that many tests
read: each test runs in a savepoint of its own inside it (pytest-django's `db`), rolled back after the
test, and the held transaction is rolled back once they are done.

Only non-transactional tests may run inside it: a transactional test's live server reads committed
rows only, and its flush would empty the tables under it.
"""

from django.db import transaction


class HeldTransaction:
    def __init__(self, blocker):
        self.blocker = blocker
        self.atomic = None

    @property
    def is_open(self):
        return self.atomic is not None

    def open(self):
        with self.blocker.unblock():
            self.atomic = transaction.atomic()
            self.atomic.__enter__()

    def close(self):
        if self.atomic is None:
            return
        with self.blocker.unblock():
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)
        self.atomic = None
