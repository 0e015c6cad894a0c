"""The base of every published record that is not a page (credit-list entries,
organisations, charity records): a snippet with drafts, revisions, locking, preview and
workflows, carrying the disclosure metadata. The mixin stack follows
wagtail/bakerydemo's ``Person`` snippet."""

from django.contrib.contenttypes.fields import GenericRelation

from modelcluster.models import ClusterableModel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from .metadata import DisclosureMetadata
from .publication import GuardedPublication


class PublishedRecord(
    GuardedPublication,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    DisclosureMetadata,
    index.Indexed,
    ClusterableModel,
):
    # Explicit relations so revisions and workflow states are deleted with the record
    # and can be queried from it (Wagtail docs, "Snippets: saving revisions").
    _revisions = GenericRelation(
        "wagtailcore.Revision", related_query_name="%(app_label)s_%(class)s"
    )
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="%(app_label)s_%(class)s",
        for_concrete_model=False,
    )

    class Meta:
        abstract = True

    @property
    def revisions(self):
        return self._revisions

    def get_preview_template(self, request, mode_name):
        return f"{self._meta.app_label}/{self._meta.model_name}.html"

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        context["record"] = self
        return context
