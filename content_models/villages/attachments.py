"""Files published with a disclosure: the scanned 公开栏 sheet, the account statement.

Only formats anyone can open on a phone are allowed (PDF, spreadsheets, photos):
editable word-processor files leak revision history and .wps needs special software.
"""

import os

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

ALLOWED_EXTENSIONS = ("pdf", "xlsx", "xls", "png", "jpg", "jpeg")


def extension_of(document):
    return os.path.splitext(document.file.name)[1].lstrip(".").lower()


def validate_attachment_type(document):
    extension = extension_of(document)
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            gettext("附件“%(title)s”的格式是“%(extension)s”，只允许%(allowed)s")
            % {
                "title": document.title,
                "extension": extension or gettext("无扩展名"),
                "allowed": "、".join(e.upper() for e in ALLOWED_EXTENSIONS),
            }
        )


class VillageAttachment(Orderable):
    page = ParentalKey(
        "villages.VillageDisclosurePage",
        related_name="attachments",
        on_delete=models.CASCADE,
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("附件"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    def clean(self):
        super().clean()
        if self.document_id:
            try:
                validate_attachment_type(self.document)
            except ValidationError as error:
                raise ValidationError({"document": error}) from None

    @property
    def file_type(self):
        return extension_of(self.document).upper()
