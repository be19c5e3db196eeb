"""The kinds and languages of a report: imported by the models and by the
archive's filter form alike, so neither imports the other's package."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportKind(models.TextChoices):
    REPORT = "report", _("Report")
    ANNUAL_REPORT = "annual_report", _("Annual report")
    FEASIBILITY_STUDY = "feasibility_study", _("Feasibility study")
    CONFERENCE_REPORT = "conference_report", _("Conference report")
    SEMINAR_REPORT = "seminar_report", _("Seminar report")
    STUDY_TRIP_REPORT = "study_trip_report", _("Study trip report")
    PROGRESS_REPORT = "progress_report", _("Progress report")
    ARTICLE = "article", _("Article")


class ReportLanguage(models.TextChoices):
    NORWEGIAN = "nb", _("Norwegian")
    ENGLISH = "en", _("English")
