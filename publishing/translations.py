"""A translation saved in wagtail-localize's editor waits for review like any edit.

wagtail-localize (``TranslationSource.create_or_update_translation``) writes the
translated fields into the target's row, then saves a revision and, to publish,
publishes it after the commit. For a target that is already live that row is what the
public reads: a translation saved as a draft, or a publication the four-eyes check then
refuses, would change the public page without review, and a live record saved as a
draft would go offline without a withdrawal. So ``Translation.save_target`` is wrapped:
it never publishes (the saved translation is submitted to its workflow like any draft),
and a live target's row is put back to its live revision, the new content kept as the
latest revision with unpublished changes.
"""

from django.db import transaction

from wagtail.models import Page, Revision
from wagtail_localize.models import Translation

_save_target = Translation.save_target


def save_target_for_review(self, user=None, publish=True):
    live_revision_id = _live_revision_id(self)
    with transaction.atomic():
        _save_target(self, user=user, publish=False)
        if live_revision_id is not None:
            _restore_live_row(self.get_target_instance(), live_revision_id)


def _live_revision_id(translation):
    try:
        target = translation.get_target_instance()
    except translation.source.specific_content_type.model_class().DoesNotExist:
        return None
    return target.live_revision_id if getattr(target, "live", False) else None


def _restore_live_row(target, live_revision_id):
    """Write the live revision's content back into the row; keep the draft's markers."""
    live = Revision.objects.get(pk=live_revision_id).as_object()
    live.live = True
    live.live_revision_id = live_revision_id
    live.latest_revision_id = target.latest_revision_id
    live.has_unpublished_changes = True
    if isinstance(live, Page):
        live.draft_title = target.draft_title
        live.save(clean=False)
    else:
        live.save()


def install():
    Translation.save_target = save_target_for_review
