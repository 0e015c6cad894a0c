"""Where publishing watches Wagtail and the database, and decides which public items
each change reaches; it then announces them (content_models.disclosure.announcements).

This is the only module that listens to Wagtail's publishing signals. A change reaches:
- the item itself and its *public dependents* (the records of an organisation or
  charity, the progress figures of a plan, the records at a section page's routes);
- for a moved or renamed page, everything under it, with their dependents;
- for a saved shared row (an agency, a region, a taxonomy term), every public item
  that refers to it, whose public text shows its name.
"""

from django.db.models import ForeignKey
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from django.utils.translation import gettext as _

from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Page, Site, TaskState
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from content_models.disclosure.announcements import Change, announce
from content_models.disclosure.public import public_items, public_models

from .emergency import is_emergency


def _public_kind(instance):
    """The specific item if its type can be public, else None."""
    instance = instance.specific if isinstance(instance, Page) else instance
    return instance if hasattr(instance, "as_public_record") else None


def _with_dependents(item, **change):
    yield Change(item, **change)
    for dependent in getattr(item, "public_dependents", list)():
        yield Change(dependent)


def change_note(revision):
    """The editor's change note for a correction. Wagtail has no change-note field on
    publish; the comment a reviewer writes when approving the revision ("批准并附言")
    is the note the workflow already keeps, so the latest one is used."""
    if revision is None:
        return ""
    state = (
        TaskState.objects.filter(revision=revision, status=TaskState.STATUS_APPROVED)
        .exclude(comment="")
        .order_by("-finished_at", "-pk")
        .first()
    )
    return state.comment if state else ""


@receiver(page_published)
def page_was_published(sender, instance, revision=None, **kwargs):
    _published(instance, revision)


@receiver(published)
def record_was_published(sender, instance, revision=None, **kwargs):
    if not isinstance(instance, Page):  # pages also send page_published
        _published(instance, revision)


def _published(instance, revision):
    item = _public_kind(instance)
    if item is None:
        return
    emergency = is_emergency(revision)
    note = emergency.reason if emergency else change_note(revision)
    announce(_with_dependents(item, note=note, emergency=emergency is not None))


@receiver(page_unpublished)
def page_was_unpublished(sender, instance, **kwargs):
    _unpublished(instance)


@receiver(unpublished)
def record_was_unpublished(sender, instance, **kwargs):
    if not isinstance(instance, Page):
        _unpublished(instance)


def _unpublished(instance):
    item = _public_kind(instance)
    if item is not None:
        announce(_with_dependents(item, withdrawn=True))


@receiver(pre_delete)
def item_deleting(sender, instance, **kwargs):
    """Deleting a public item takes it away from the public like a withdrawal does
    (Wagtail sends no unpublish signal when it deletes a live page). Announced before
    the row goes, while the item can still describe itself."""
    if hasattr(instance, "as_public_record"):
        announce([Change(instance, note=_("已删除"), withdrawn=True)])


@receiver(post_page_move)
@receiver(page_slug_changed)
def pages_moved(sender, instance, **kwargs):
    """Every address under a moved or renamed page changes."""
    _addresses_changed(instance)


@receiver(post_save, sender=Site)
def site_saved(sender, instance, raw=False, **kwargs):
    """A site's root page and host decide every address under it."""
    if not raw and instance.root_page_id:
        # Wagtail's own receiver may not have run yet: addresses must be read anew.
        Site.clear_site_root_paths_cache()
        _addresses_changed(instance.root_page)


def _addresses_changed(top):
    pages = Page.objects.descendant_of(top, inclusive=True).live().specific()
    announce(
        change
        for page in pages
        if _public_kind(page) is not None
        for change in _with_dependents(page)
    )


@receiver(post_save)
def shared_row_saved(sender, instance, created=False, raw=False, **kwargs):
    """Agencies, regions and taxonomy terms are not published: a save shows at once
    in every public item that names them."""
    if raw or not _is_shared(sender):
        return
    referring = [] if created else _public_items_referring_to(instance)
    announce((Change(item) for item in referring), models=[_label(sender)])


@receiver(post_delete)
def shared_row_deleted(sender, instance, **kwargs):
    if _is_shared(sender):
        announce([], models=[_label(sender)])


@receiver(post_save)
def setting_saved(sender, instance, raw=False, **kwargs):
    """A site setting (the footer's 主办/承办 and 备案 lines, the open-data licence) is
    not published either: it shows at once on every page. No item changed; the
    setting's model is named, so listeners that show it (the page cache) hear of it."""
    if not raw and issubclass(sender, (BaseSiteSetting, BaseGenericSetting)):
        announce([], models=[_label(sender)])


def _is_shared(model):
    """Plain tables of our content apps that public items show (no draft state)."""
    return (
        model.__module__.startswith("content_models.")
        and not hasattr(model, "live")
        and not hasattr(model, "as_public_record")
        and not issubclass(model, Page)
    )


def _public_items_referring_to(instance):
    target = type(instance)._meta.concrete_model
    for model in public_models():
        for field in model._meta.get_fields():
            if isinstance(field, ForeignKey) and field.related_model is target:
                rows = public_items(model).filter(**{field.name: instance})
                if issubclass(model, Page):
                    rows = rows.exact_type(model)
                yield from rows.iterator()


def _label(model):
    return model._meta.concrete_model._meta.label_lower
