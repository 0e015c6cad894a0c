"""Permissions by place (a village clerk edits their own village only) and by section
(credit lists by the social-organisation section, charity records by the charity
section); editors submit, they do not publish."""

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

import pytest

from content_models.charity.models import CharityOrganisation
from content_models.credit.models import CreditListEntry, SocialOrganisation
from publishing import roles

from ..content_models.credit_factories import organisation
from ..content_models.villages_factories import *  # noqa: F403  (the fixtures)
from ..content_models.villages_factories import make_disclosure


@pytest.fixture
def clerk(person, column, other_column):
    user = person("hongqi-clerk")
    roles.grant_village(user, column.region.code)  # 红旗村
    return user


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def snippet_url(model, action, *args):
    return reverse(model.snippet_viewset.get_url_name(action), args=args)


def denied(response):
    """Wagtail answers a refused admin view with 403, or by sending a signed-in user
    back to the dashboard with a "no permission" message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


# -- by place ----------------------------------------------------------------------


def test_clerk_edits_own_village_disclosures_only(
    client, clerk, column, other_column, agency
):
    own = make_disclosure(column, agency)
    other = make_disclosure(other_column, agency)
    assert own.permissions_for_user(clerk).can_edit()
    assert not other.permissions_for_user(clerk).can_edit()
    client.force_login(clerk)
    assert client.get(edit_url(own)).status_code == 200
    assert denied(client.get(edit_url(other)))


def test_clerk_may_add_in_own_village_only(clerk, column, other_column):
    assert column.permissions_for_user(clerk).can_add_subpage()
    assert not other_column.permissions_for_user(clerk).can_add_subpage()


def test_clerk_submits_but_cannot_publish(client, clerk, column, agency):
    page = make_disclosure(column, agency, publish=False)
    permissions = page.permissions_for_user(clerk)
    assert not permissions.can_publish()
    assert permissions.can_submit_for_moderation()
    client.force_login(clerk)
    # The edit form offers submission for review, not publication.
    html = client.get(edit_url(page)).content.decode()
    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html


def test_grant_village_is_idempotent_and_named_after_the_village(
    clerk, column, django_user_model
):
    call_command("grant_village", "hongqi-clerk", column.region.code)
    group = Group.objects.get(name="红旗村村务公开")
    assert list(clerk.groups.filter(name__endswith="公开")) == [group]
    assert group.page_permissions.count() == len(roles.CLERK_PAGE_ACTIONS)


def test_grant_village_refuses_an_unknown_code(clerk):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("grant_village", "hongqi-clerk", "150299999999")


# -- by section --------------------------------------------------------------------


def test_only_the_social_organisation_section_edits_credit_records(
    client, person, agency
):
    org = organisation(agency)
    credit = person("credit", roles.SOCIAL_ORGANISATIONS)
    charity = person("charity", roles.CHARITY)
    reviewer = person("reviewer", roles.SECTION_REVIEWERS)

    client.force_login(credit)
    assert client.get(snippet_url(CreditListEntry, "add")).status_code == 200
    assert client.get(snippet_url(SocialOrganisation, "edit", org.pk)).status_code == (
        200
    )
    for outsider in (charity, reviewer):
        client.force_login(outsider)
        assert denied(client.get(snippet_url(CreditListEntry, "add")))
        assert denied(client.get(snippet_url(SocialOrganisation, "edit", org.pk)))


def test_only_the_charity_section_edits_charity_records(client, person):
    credit = person("credit", roles.SOCIAL_ORGANISATIONS)
    charity = person("charity", roles.CHARITY)
    client.force_login(charity)
    assert client.get(snippet_url(CharityOrganisation, "add")).status_code == 200
    client.force_login(credit)
    assert denied(client.get(snippet_url(CharityOrganisation, "add")))


def test_sections_submit_records_but_do_not_publish_them(person):
    credit = person("credit", roles.SOCIAL_ORGANISATIONS)
    principal = person("principal", roles.PRINCIPALS)
    assert credit.has_perm("credit.change_creditlistentry")
    assert not credit.has_perm("credit.publish_creditlistentry")
    # The last review step publishes, so its group holds the permission.
    assert principal.has_perm("credit.publish_creditlistentry")
    assert not principal.has_perm("credit.change_creditlistentry")


def test_town_approvers_publish_village_pages_only(person, home, column, agency):
    town = person("town", roles.TOWN_APPROVERS)
    page = make_disclosure(column, agency, publish=False)
    assert page.permissions_for_user(town).can_publish()
    assert not home.permissions_for_user(town).can_publish()
