"""The charity family (慈善信息公开, ../shared/docs/DOMAIN.md D): one module per kind of
record."""

from .annual_reports import AnnualReport  # noqa: F401
from .fundraising import FundraisingFiling  # noqa: F401
from .organisations import CharityOrganisation  # noqa: F401
from .pages import CharityIndexPage  # noqa: F401
from .projects import CharityProject, ProgressReport  # noqa: F401
