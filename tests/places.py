"""The places, agency, taxonomies and home page most tests stand on.

Each returns the row when it already exists (a shared world built it), so that a test
asking for ``town`` beside ``world`` gets the world's town rather than a clash."""

from wagtail.models import Page, Site

from content_models.disclosure.models import Agency, Genre, HomePage, Topic
from content_models.regions.models import Region
from portal.demo.helpers import publish_reviewed

# Valid 统一社会信用代码 (check characters verified by python-stdnum).
AGENCY_CODE = "11150299MJ0000001M"


def region(code, name, kind, parent=None):
    defaults = {"name": name, "kind": kind, "parent": parent}
    return Region.objects.get_or_create(code=code, defaults=defaults)[0]


def the_district():
    return region("150299000000", "清源区", "区")


def the_town():
    return region("150299100000", "青山镇", "镇", the_district())


def the_village():
    return region("150299100201", "红旗村", "村", the_town())


def the_agency():
    return Agency.objects.get_or_create(
        credit_code=AGENCY_CODE,
        defaults={"name": "清源区民政局", "region": the_district()},
    )[0]


def the_topic():
    return Topic.objects.get_or_create(
        code="mz", defaults={"name": "民政、乡村振兴、救灾"}
    )[0]


def the_genre():
    return Genre.objects.get_or_create(code="gh", defaults={"name": "规划"})[0]


def the_home():
    """A published HomePage as the default site's root (Wagtail's placeholder removed)."""
    home = HomePage.objects.filter(slug="test-home").first()
    if home is not None:
        return home
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="清源区民政局", slug="test-home"))
    publish_reviewed(home)
    site = Site.objects.get(is_default_site=True)
    placeholder = site.root_page
    site.root_page = home
    site.save()
    placeholder.delete()
    return home
