from django.core.exceptions import ValidationError

import pytest

from content_models.regions.codes import DISTRICT, TOWN, VILLAGE, validate_region_code
from content_models.regions.models import Region


@pytest.mark.parametrize(
    "code",
    [
        "15029900000",
        "1502990000001",
        "15029900000A",
        "１５０２９９０００００",
        "150200000000",
    ],
)
def test_bad_region_codes_are_rejected_with_the_code_named(code):
    with pytest.raises(ValidationError) as error:
        validate_region_code(code)
    assert code in str(error.value)


def test_levels_are_read_from_the_code(district, town, village):
    assert (district.level, town.level, village.level) == (DISTRICT, TOWN, VILLAGE)
    assert village.full_name == "青山镇红旗村"
    assert [r.name for r in village.ancestors()] == ["清源区", "青山镇"]


def test_village_must_sit_under_its_own_town(district, town):
    other_town = Region.objects.create(
        code="150299101000", name="白云镇", kind="镇", parent=district
    )
    misplaced = Region(code="150299100205", name="错位村", kind="村", parent=other_town)
    with pytest.raises(ValidationError) as error:
        misplaced.full_clean()
    assert "parent" in error.value.message_dict
    assert "150299100205" in error.value.message_dict["parent"][0]


def test_kind_must_match_level(district):
    town = Region(code="150299100000", name="青山镇", kind="村", parent=district)
    with pytest.raises(ValidationError) as error:
        town.full_clean()
    assert "kind" in error.value.message_dict


def test_district_has_no_parent_and_villages_need_one(district):
    with pytest.raises(ValidationError) as error:
        Region(code="150299100201", name="孤村", kind="村").full_clean()
    assert "parent" in error.value.message_dict
    with pytest.raises(ValidationError):
        Region(
            code="150298000000", name="另区", kind="区", parent=district
        ).full_clean()


def test_codes_are_unique(district):
    with pytest.raises(ValidationError) as error:
        Region(code=district.code, name="重复", kind="区").full_clean()
    assert "code" in error.value.message_dict


def test_lookup_and_subtree_by_code(district, town, village, other_village):
    assert Region.objects.by_code("150299100201") == village
    assert set(Region.objects.within(town)) == {town, village, other_village}
    assert set(Region.objects.within(district)) == {
        district,
        town,
        village,
        other_village,
    }
    assert list(Region.objects.of_level(TOWN)) == [town]
    assert set(Region.objects.of_level(VILLAGE)) == {village, other_village}
