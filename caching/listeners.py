"""The page cache listens to the announcement (content_models.disclosure.announcements)
and to nothing else: each one starts a new generation once its transaction commits.

After the commit, not inside: a reader that starts after the new generation can only
read the committed data, while a page rendered from the old data is stored under the
old generation, which nobody reads any more. A rolled-back change announces nothing.
"""

from django.db import transaction
from django.dispatch import receiver

from content_models.disclosure.announcements import public_items_changed

from .generation import start_new


@receiver(public_items_changed, dispatch_uid="caching.pages")
def pages_changed(sender, **kwargs):
    transaction.on_commit(start_new)
