"""The admin form for 社会组织: who may override the code check, and the audit trail.

Overriding is for a real code that fails the GB 32100 checksum (../shared/docs/DOMAIN.md
section C, the ``91350203M0001QAY9B`` caveat). It is a decision an ordinary editor must
not be able to make, so the fields are removed from the form for users without the
permission, and every override is written to Wagtail's audit log with who did it.
"""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.log_actions import log

from content_models.disclosure.identifiers import normalise_credit_code

OVERRIDE_PERMISSION = "credit.override_credit_code"
OVERRIDE_ACTION = "credit.override_credit_code"
OVERRIDE_FIELDS = ("credit_code_override", "override_reason")
OVERRIDE_LABEL = _("统一社会信用代码校验例外")


class SocialOrganisationForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.may_override = bool(
            self.for_user and self.for_user.has_perm(OVERRIDE_PERMISSION)
        )
        self.code_before = self.instance.credit_code
        if not self.may_override:
            # Without the field the posted value is ignored, not merely hidden.
            for name in OVERRIDE_FIELDS:
                self.fields.pop(name, None)

    def clean(self):
        cleaned = super().clean()
        code = normalise_credit_code(cleaned.get("credit_code"))
        if (
            not self.may_override
            and self.instance.credit_code_override
            and code != self.code_before
        ):
            # The override vouched for one code; a new code must pass the check again.
            self.instance.credit_code_override = False
            self.instance.override_reason = ""
        return cleaned

    def save(self, commit=True):
        instance = super().save(commit=commit)
        if self._override_was_set(instance):
            log(
                instance=instance,
                action=OVERRIDE_ACTION,
                user=self.for_user,
                data={"code": instance.credit_code, "reason": instance.override_reason},
            )
        return instance

    def _override_was_set(self, instance):
        """A new or changed override: the code, the flag or the reason was edited."""
        touched = {"credit_code", *OVERRIDE_FIELDS} & set(self.changed_data)
        return bool(
            self.may_override
            and instance.credit_code_override
            and instance.pk
            and touched
        )
