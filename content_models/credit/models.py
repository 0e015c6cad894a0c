from .entries import CreditListEntry, ListType  # noqa: F401
from .organisations import SocialOrganisation  # noqa: F401
from .pages import CreditIndexPage  # noqa: F401
