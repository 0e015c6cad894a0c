"""Rules of the credit family's records: codes, listings, removals, deadlines."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

import pytest

from content_models.credit.models import CreditListEntry, SocialOrganisation
from content_models.disclosure.periods import add_months, add_years

from .credit_factories import (  # noqa: F401 (fixtures)
    BAD_CHECKSUM,
    bad_code,
    entry,
    org_fixture,
    organisation,
    removal,
    section_fixture,
    valid_code,
)

D = datetime.date


def errors_of(record):
    with pytest.raises(ValidationError) as error:
        record.full_clean()
    return error.value.message_dict


# -- 统一社会信用代码 --------------------------------------------------------------


def test_a_valid_code_is_normalised_to_upper_case(agency):
    code = valid_code(2, "阳光")
    record = organisation(
        agency,
        name="清源区阳光社会工作服务中心",
        org_type="2",
        credit_code=code.lower(),
        publish=False,
    )
    record.full_clean()
    record.save()
    assert SocialOrganisation.objects.get().credit_code == code


def test_a_code_with_a_wrong_check_character_is_rejected(agency):
    code = bad_code()
    record = organisation(agency, credit_code=code, publish=False)
    message = errors_of(record)["credit_code"][0]
    assert code in message and "校验码" in message


def test_an_override_needs_a_reason(agency):
    record = organisation(
        agency, credit_code=BAD_CHECKSUM, credit_code_override=True, publish=False
    )
    errors = errors_of(record)
    assert BAD_CHECKSUM in errors["override_reason"][0]
    assert "credit_code" not in errors


def test_an_override_with_a_reason_lets_a_failing_code_through(agency):
    record = organisation(
        agency,
        credit_code=BAD_CHECKSUM,
        credit_code_override=True,
        override_reason="登记证书原件核对无误，代码由上级系统赋码",
        publish=False,
    )
    record.full_clean()


def test_an_override_on_a_code_that_passes_is_refused(agency):
    record = organisation(
        agency, credit_code_override=True, override_reason="无", publish=False
    )
    assert "已通过校验" in errors_of(record)["credit_code_override"][0]


def test_the_second_character_must_match_the_organisation_type(agency):
    foundation_code = valid_code(3, "基金会")
    record = organisation(
        agency,
        name="清源区助学协会",
        org_type="1",
        credit_code=foundation_code,
        publish=False,
    )
    message = errors_of(record)["org_type"][0]
    assert foundation_code in message
    assert "基金会" in message and "社会团体" in message and "“1”" in message
    record.org_type = "3"
    record.full_clean()
    record.org_type = "9"  # not a choice: the field says so, the code rule stays quiet
    assert set(errors_of(record)) == {"org_type"}


def test_type_rule_only_applies_to_civil_affairs_codes(agency):
    # 9 = 工商: the second character means something else there.
    record = organisation(
        agency, credit_code="91350100M000100Y43", org_type="2", publish=False
    )
    record.full_clean()


def test_a_code_can_belong_to_one_organisation_only(org, agency):
    twin = organisation(
        agency, name="清源区书法协会", credit_code=org.credit_code, publish=False
    )
    assert org.credit_code in errors_of(twin)["credit_code"][0]
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()


def test_registration_cannot_be_in_the_future(agency):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    record = organisation(agency, registered_on=tomorrow, publish=False)
    assert "晚于今天" in errors_of(record)["registered_on"][0]


# -- list entries ---------------------------------------------------------------


def test_title_names_the_organisation_and_the_list(org):
    assert entry(org).title == "清源区书法家协会 列入活动异常名录"
    assert entry(org, list_type="serious", listed_on=D(2025, 1, 2)).title.endswith(
        "列入严重违法失信名单"
    )


def test_removal_fields_come_all_or_none_and_the_missing_ones_are_named(org):
    record = entry(
        org, removed_on=D(2024, 9, 1), removal_reason="已补报", publish=False
    )
    errors = errors_of(record)
    assert set(errors) == {"removal_authority", "removal_decision_number"}
    assert "移出决定机关" in errors["removal_authority"][0]
    assert "移出决定书文号" in errors["removal_authority"][0]
    entry(org, publish=False, **removal()).full_clean()


def test_removal_cannot_precede_listing(org):
    record = entry(org, publish=False, **removal(day=D(2024, 6, 1)))
    message = errors_of(record)["removed_on"][0]
    assert "2024-06-01" in message and "2024-07-02" in message


def test_no_decision_dates_in_the_future(org):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    errors = errors_of(entry(org, listed_on=tomorrow, publish=False))
    assert "列入日期" in errors["listed_on"][0]
    errors = errors_of(entry(org, publish=False, **removal(day=tomorrow)))
    assert "移出日期" in errors["removed_on"][0]


def test_one_listing_event_is_recorded_once(org):
    entry(org)
    again = entry(org, publish=False)
    message = errors_of(again)["__all__"][0]
    assert "清源区书法家协会" in message and "2024-07-02" in message
    with pytest.raises(IntegrityError), transaction.atomic():
        again.save()
    # Same organisation, same day, the other list: a different event.
    entry(org, list_type="serious").full_clean()


def test_a_removed_entry_is_not_current_but_stays(org):
    record = entry(org, **removal())
    assert not record.is_current
    assert CreditListEntry.objects.filter(pk=record.pk).exists()
    assert entry(org, listed_on=D(2025, 7, 1)).is_current


def test_abnormal_list_deadlines(org):
    record = entry(org, listed_on=D(2023, 8, 31))
    days = [deadline.day for deadline in record.deadlines]
    assert days == [
        D(2024, 2, 29),
        D(2025, 8, 31),
    ]  # 6 months (month end), 2 full years


def test_serious_list_deadline_and_none_once_removed(org):
    record = entry(org, list_type="serious", listed_on=D(2024, 5, 9))
    assert [deadline.day for deadline in record.deadlines] == [D(2026, 5, 9)]
    record = entry(org, listed_on=D(2024, 1, 5), **removal())
    assert record.deadlines == [] and record.next_deadline is None


def test_month_arithmetic():
    assert add_months(D(2025, 8, 31), 6) == D(2026, 2, 28)
    assert add_months(D(2025, 11, 15), 3) == D(2026, 2, 15)
    assert add_years(D(2024, 2, 29), 2) == D(2026, 2, 28)


def test_public_urls_point_at_the_chinese_section(section, org):
    record = entry(org)
    assert record.public_url() == f"/credit/entries/{record.pk}/"
    assert org.public_url() == f"/credit/organisations/{org.pk}/"
    public = record.as_public_record()
    assert public.kind == "credit_entry" and public.title == record.title
    assert "未按规定报送2023年度工作报告" in public.text
