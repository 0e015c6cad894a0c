from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "publishing"
    label = "publishing"
    verbose_name = _("发布与审核")

    def ready(self):
        from content_models.disclosure.announcements import public_items_changed
        from content_models.disclosure.publication import (
            on_blocked,
            register_approval_check,
        )

        from . import (
            events,  # noqa: F401 (watches Wagtail and announces what changed)
            guards,  # noqa: F401 (registers the pre-publish guards)
        )
        from .approval import approval_problems
        from .blocked import log_blocked
        from .drafts import install as new_rows_are_drafts
        from .ledger import record_changes
        from .translations import install as review_translations

        register_approval_check(approval_problems)
        on_blocked(log_blocked)
        public_items_changed.connect(record_changes, dispatch_uid="publishing.ledger")
        review_translations()  # wagtail-localize's editor never bypasses review
        new_rows_are_drafts()  # nothing is inserted public, whatever the view
