"""村务居务公开: the section, a column per village or community, and their disclosures.

Everything here is a page (not a snippet) so that a village clerk's permissions can be
granted on their own village's subtree.
"""

from .attachments import VillageAttachment  # noqa: F401
from .disclosures import VillageDisclosurePage  # noqa: F401
from .finance import FinanceRow  # noqa: F401
from .index_pages import VillageAffairsIndexPage, VillageIndexPage  # noqa: F401
