from .base import BasePage
from .pages import (
    InternationalWorkPage,
    NetworkMembership,
    NetworkPage,
    StandardPage,
)
from .settings import SiteSettings

__all__ = [
    "BasePage",
    "InternationalWorkPage",
    "NetworkMembership",
    "NetworkPage",
    "SiteSettings",
    "StandardPage",
]
