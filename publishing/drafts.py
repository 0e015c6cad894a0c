"""A new row of a type that publishing guards is a draft, however it is created.

Wagtail's page create view adds the new page to the tree as it comes from the form,
live (``Page.live`` defaults to True), and only then asks the ``before_publish_page``
hook: when the hook refuses (an editor publishing their own work), the refusal is
shown and logged but the page is already public, unreviewed, with no ledger entry
and no announcement. Copying a page with "publish copies" inserts live rows the same
way. Every such insertion therefore saves a draft; the item becomes public only
when a revision is published through ``GuardedPublication.publish``, which updates
the row that already exists. An alias shows a page already reviewed and follows it."""

from django.db.models.signals import pre_save

from content_models.disclosure.publication import GuardedPublication


def new_rows_are_drafts(sender, instance, raw=False, **kwargs):
    if raw or not instance._state.adding or not getattr(instance, "live", False):
        return
    if not isinstance(instance, GuardedPublication):
        return
    if getattr(instance, "alias_of_id", None):
        return
    instance.live = False
    instance.has_unpublished_changes = True


def install():
    pre_save.connect(new_rows_are_drafts, dispatch_uid="publishing.new_rows_are_drafts")
