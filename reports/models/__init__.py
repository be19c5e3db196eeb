from .archive import ReportIndexPage
from .library import Report, ReportKind, ReportLanguage, ReportQuerySet, ReportsMixin

__all__ = [
    "Report",
    "ReportIndexPage",
    "ReportKind",
    "ReportLanguage",
    "ReportQuerySet",
    "ReportsMixin",
]
