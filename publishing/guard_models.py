"""The administrator's allow-list of sites that published content may link to."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

_DOMAIN = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9-]{1,63}$")


def normalise_domain(value):
    """``https://www.Example.gov.cn/path`` → ``www.example.gov.cn``."""
    value = (value or "").strip().lower()
    value = re.sub(r"^[a-z][a-z0-9+.-]*://", "", value)
    value = value.split("/", 1)[0].split(":", 1)[0]
    return value.lstrip("*.").rstrip(".")


class AllowedDomain(models.Model):
    """A domain (and every subdomain of it) that links in published content may
    point to. The site's own hosts are always allowed."""

    domain = models.CharField(
        _("域名"),
        max_length=253,
        unique=True,
        help_text=_("如 gov.cn：同时允许其所有下级域名，如 www.mca.gov.cn"),
    )
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        ordering = ["domain"]
        verbose_name = _("允许链接的域名")
        verbose_name_plural = _("允许链接的域名")

    def __str__(self):
        return self.domain

    def clean(self):
        super().clean()
        self.domain = normalise_domain(self.domain)
        if not _DOMAIN.match(self.domain):
            raise ValidationError(
                {"domain": _("“%(domain)s”不是有效的域名") % {"domain": self.domain}}
            )
