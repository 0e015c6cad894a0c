from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from content_models.regions.models import Region
from publishing.roles import VillageWithoutColumn, grant_village


class Command(BaseCommand):
    help = (
        "Make a user the clerk of a village or community: they may add and change "
        "its disclosures (and submit them for review), nothing elsewhere."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("village_code", help="统计用区划代码, 12 digits")

    def handle(self, *args, username, village_code, **options):
        try:
            user = get_user_model().objects.get_by_natural_key(username)
        except get_user_model().DoesNotExist as error:
            raise CommandError(f"no user {username!r}") from error
        try:
            group = grant_village(user, village_code)
        except Region.DoesNotExist as error:
            raise CommandError(f"no region {village_code!r}") from error
        except VillageWithoutColumn as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{username} → {group.name}")
