from .base import BasePage
from .pages import (
    InternationalWorkPage,
    NetworkMembership,
    NetworkPage,
    ReportIndexPage,
    StandardPage,
)
from .reports import Report, ReportKind, ReportLanguage, ReportsMixin
from .settings import SiteSettings

__all__ = [
    "BasePage",
    "InternationalWorkPage",
    "NetworkMembership",
    "NetworkPage",
    "Report",
    "ReportIndexPage",
    "ReportKind",
    "ReportLanguage",
    "ReportsMixin",
    "SiteSettings",
    "StandardPage",
]
