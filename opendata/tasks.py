from django_tasks import task


@task()
def send_webhook_deliveries():
    """Runs after each transaction that queued webhook deliveries: inline by
    default, on a worker where ``TASKS`` names a queue backend."""
    from .webhooks import send_due

    return send_due()
