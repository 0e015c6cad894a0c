"""How background tasks run: inline, as django-tasks' immediate backend runs them,
except inside ``once_each()``, where each distinct task runs once when the block ends.

A bulk job (loading the demo, an import) saves the same objects many times, and Wagtail
queues a reference-index and an admin-search update on every save, search its queue
run on every publication: inside ``once_each()`` each of them runs once, on the last
state, instead of once per save."""

import contextvars
import json
from contextlib import contextmanager

from django_tasks.backends.immediate import ImmediateBackend

_pending = contextvars.ContextVar("pending_tasks", default=None)


class ImmediateBackendOnceEach(ImmediateBackend):
    def _execute_task(self, task_result):
        pending = _pending.get()
        if pending is None:
            return super()._execute_task(task_result)
        call = [task_result.task.module_path, task_result.args, task_result.kwargs]
        key = json.dumps(call, sort_keys=True, default=str)
        pending.setdefault(key, (self, task_result))


@contextmanager
def once_each():
    """Run each distinct task enqueued inside once, when the block ends (not if it
    raises). Nested blocks run theirs with the outermost."""
    if _pending.get() is not None:
        yield
        return
    pending = {}
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    for backend, task_result in pending.values():
        ImmediateBackend._execute_task(backend, task_result)
