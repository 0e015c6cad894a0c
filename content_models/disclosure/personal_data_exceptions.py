"""Reviewer overrides of the personal-data search: "this number is not personal data".

The search (privacy.py) errs on the side of privacy, so a serial number or a code may
look like an ID or a mobile number. A reviewer who may edit the item records, with a
reason, that one number of that item is not personal data; the guards and the masking
then leave that number alone in that item only. Who recorded it and why is kept here
and in the item's audit log.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PersonalDataException(models.Model):
    # "app_label.model:pk", the key the ledger and the guards use for an item.
    item_key = models.CharField(_("信息"), max_length=255, db_index=True)
    # Half-width digits without separators, upper-case X (privacy.normalise_number).
    number = models.CharField(_("号码"), max_length=19)
    reason = models.TextField(_("理由"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("记录人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("个人信息误报豁免")
        verbose_name_plural = _("个人信息误报豁免")
        constraints = [
            models.UniqueConstraint(
                fields=["item_key", "number"], name="personal_data_exception_once"
            )
        ]

    def __str__(self):
        from .privacy import mask_number

        return f"{self.item_key} {mask_number(self.number)}"
