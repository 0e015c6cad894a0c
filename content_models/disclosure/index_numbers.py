"""索引号: unique across every kind of item and permanent (../shared/docs/DOMAIN.md A2:
"一经生成不因发布机构变更而更改"). The registry below is the one authority: a number
once issued stays taken even if its item is deleted, and the next serial never reuses
it."""

import re

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext_lazy as _

_SERIAL = re.compile(r"\{(n+)\}")
_SERIAL_MARK = "{n}"  # stays in the stored scope: readable, and PostgreSQL rejects NUL


class IndexNumber(models.Model):
    value = models.CharField(_("索引号"), max_length=64, unique=True)
    scope = models.CharField(max_length=64, db_index=True, editable=False)
    serial = models.PositiveIntegerField(null=True, editable=False)
    # "app_label.model:key" of the item holding it; translations share one key.
    owner = models.CharField(max_length=120, blank=True, db_index=True)
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("索引号")
        verbose_name_plural = _("索引号")

    def __str__(self):
        return self.value


def render_scope(agency, day, pattern=None):
    """The pattern filled in except for the serial, which is left as a marker."""
    pattern = pattern or settings.INDEX_NUMBER_PATTERN
    if len(_SERIAL.findall(pattern)) != 1:
        raise ImproperlyConfigured(
            f"INDEX_NUMBER_PATTERN {pattern!r} needs exactly one serial, "
            "such as {nnnnn}"
        )
    values = {
        "机构代码": agency.org_code,
        "统一社会信用代码": agency.credit_code,
        "yyyy": f"{day.year:04d}",
        "mm": f"{day.month:02d}",
    }
    width = len(_SERIAL.search(pattern).group(1))
    text = _SERIAL.sub("{n}", pattern)
    try:
        return text.format(**values, n=_SERIAL_MARK), width
    except KeyError as missing:
        raise ImproperlyConfigured(
            f"INDEX_NUMBER_PATTERN {pattern!r}: unknown placeholder {missing}"
        ) from None


def allocate(agency, day, owner="", pattern=None):
    """Issue the next 索引号 for this agency and day, retrying if another writer won."""
    scope, width = render_scope(agency, day, pattern)
    for _attempt in range(5):
        last = (
            IndexNumber.objects.filter(scope=scope).aggregate(models.Max("serial"))[
                "serial__max"
            ]
            or 0
        )
        value = scope.replace(_SERIAL_MARK, f"{last + 1:0{width}d}")
        try:
            with transaction.atomic():
                IndexNumber.objects.create(
                    value=value, scope=scope, serial=last + 1, owner=owner
                )
            return value
        except IntegrityError:
            continue
    raise IntegrityError(f"could not allocate an index number in scope {scope!r}")


def holder(value):
    """The owner key holding this number, or None if it is free."""
    return (
        IndexNumber.objects.filter(value=value).values_list("owner", flat=True).first()
    )


def claim(value, owner):
    """Record that ``owner`` holds ``value`` (a number typed in or imported)."""
    number, created = IndexNumber.objects.get_or_create(
        value=value, defaults={"owner": owner, "scope": ""}
    )
    if not created and number.owner != owner:
        if number.owner:
            raise IntegrityError(f"索引号 {value} is held by {number.owner}")
        number.owner = owner
        number.save(update_fields=["owner"])


def reserve(agency, day, count, pattern=None):
    """Issue ``count`` consecutive 索引号 for this agency and day at once (a bulk
    import), as registry rows without an owner yet: the caller sets ``owner`` once
    its items have keys. Call inside the transaction that saves the items."""
    scope, width = render_scope(agency, day, pattern)
    last = (
        IndexNumber.objects.filter(scope=scope).aggregate(models.Max("serial"))[
            "serial__max"
        ]
        or 0
    )
    numbers = [
        IndexNumber(
            value=scope.replace(_SERIAL_MARK, f"{serial:0{width}d}"),
            scope=scope,
            serial=serial,
        )
        for serial in range(last + 1, last + 1 + count)
    ]
    return IndexNumber.objects.bulk_create(numbers)
