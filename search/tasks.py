from django_tasks import task


@task()
def apply_search_updates():
    """Runs after each publishing transaction: inline by default, on a worker where
    ``TASKS`` names a queue backend."""
    from .queue import apply_pending

    return apply_pending()
