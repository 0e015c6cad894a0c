from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

import pytest

from content_models.charity.models import CharityOrganisation

from . import charity_factories as make
from .charity_factories import D


def errors_of(record):
    with pytest.raises(ValidationError) as error:
        record.full_clean()
    return error.value.message_dict


def test_a_valid_charity_passes(agency):
    make.charity(agency, publish=False).full_clean()


def test_credit_code_is_checked_by_the_shared_validator(agency):
    bad = make.credit_code(3, "150299000000", "x")[:-1] + "0"
    errors = errors_of(make.charity(agency, credit_code=bad, publish=False))
    assert bad in errors["credit_code"][0]


def test_org_type_must_agree_with_the_credit_code(agency):
    # The same rule as for credit lists: a 5x code's second character is its type.
    foundation_code = make.code("mismatch", 3)
    record = make.charity(
        agency, credit_code=foundation_code, org_type="1", publish=False
    )
    assert foundation_code in errors_of(record)["org_type"][0]
    record.org_type = "3"
    record.full_clean()


def test_credit_code_is_normalised_and_unique(agency):
    good = make.code("dup")
    make.charity(agency, credit_code=good.lower())
    assert CharityOrganisation.objects.get().credit_code == good
    errors = errors_of(
        make.charity(agency, name="另一家", credit_code=good, publish=False)
    )
    assert "credit_code" in errors
    with pytest.raises(IntegrityError), transaction.atomic():
        CharityOrganisation.objects.create(
            name="另一家",
            credit_code=good,
            org_type="3",
            registering_authority="清源区民政局",
            registered_on=D(2020, 1, 1),
            address="演示地址",
            agency=agency,
        )


def test_fundraising_qualification_needs_a_year_of_registration(agency):
    too_soon = make.charity(
        agency,
        registered_on=D(2023, 3, 1),
        recognised_on=D(2023, 3, 1),
        public_fundraising_since=D(2024, 2, 28),
        publish=False,
    )
    message = errors_of(too_soon)["public_fundraising_since"][0]
    assert "2024-02-28" in message and "2024-03-01" in message
    too_soon.public_fundraising_since = D(2024, 3, 1)
    too_soon.full_clean()


def test_fundraising_qualification_only_for_recognised_charities(agency):
    record = make.charity(agency, recognised_on=None, publish=False)
    assert "只有已认定的慈善组织" in errors_of(record)["public_fundraising_since"][0]
    before_recognition = make.charity(
        agency,
        recognised_on=D(2019, 1, 1),
        public_fundraising_since=D(2018, 4, 10),
        publish=False,
    )
    assert "public_fundraising_since" in errors_of(before_recognition)


def test_recognition_cannot_precede_registration(agency):
    record = make.charity(agency, recognised_on=D(2010, 1, 1), publish=False)
    assert "2010-01-01" in errors_of(record)["recognised_on"][0]


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [(2024, None, "tax_deductible_until"), (None, 2026, "tax_deductible_from")],
)
def test_tax_years_come_in_pairs(agency, start, end, field):
    record = make.charity(
        agency, tax_deductible_from=start, tax_deductible_until=end, publish=False
    )
    assert field in errors_of(record)


def test_tax_years_in_order_and_in_range(agency):
    backwards = make.charity(
        agency, tax_deductible_from=2026, tax_deductible_until=2024, publish=False
    )
    assert "2024" in errors_of(backwards)["tax_deductible_until"][0]
    absurd = make.charity(
        agency, tax_deductible_from=1900, tax_deductible_until=2024, publish=False
    )
    assert "1900" in errors_of(absurd)["tax_deductible_from"][0]
    neither = make.charity(
        agency, tax_deductible_from=None, tax_deductible_until=None, publish=False
    )
    neither.full_clean()


def test_tax_years_pair_is_a_database_constraint(agency):
    record = make.charity(
        agency, tax_deductible_from=2024, tax_deductible_until=None, publish=False
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        record.save()


def test_cszg_link_must_be_https(agency):
    plain = make.charity(agency, cszg_url="http://cszg.mca.gov.cn/", publish=False)
    assert "http://cszg.mca.gov.cn/" in errors_of(plain)["cszg_url"][0]
    make.charity(
        agency, cszg_url="https://cszg.mca.gov.cn/", publish=False
    ).full_clean()


def test_qualification_lists(agency):
    year = timezone.localdate().year
    both = make.charity(agency, name="甲基金会")
    make.charity(
        agency,
        name="乙服务中心",
        org_type="2",
        public_fundraising_since=None,
        tax_deductible_from=year - 3,
        tax_deductible_until=year - 1,
    )
    assert list(CharityOrganisation.objects.fundraising_qualified()) == [both]
    assert list(CharityOrganisation.objects.tax_deductible()) == [both]
    assert both.has_fundraising_qualification(on=D(2018, 4, 10))
    assert not both.has_fundraising_qualification(on=D(2018, 4, 9))


def test_public_record_points_at_the_section_route(home, agency):
    make.section(home)
    org = make.charity(agency)
    record = org.as_public_record()
    assert record.kind == "charity_organisation"
    assert record.url == f"/charity/org/{org.credit_code}/"
    assert (
        record.title == "清源区助学基金会" and record.index_number == org.index_number
    )
