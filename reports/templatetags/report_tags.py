from django import template

from reports.models import ReportIndexPage

register = template.Library()


@register.simple_tag(takes_context=True)
def report_archive_url(context, owner):
    """The report archive filtered to the reports of ``owner`` (a partner or a
    conference), in its language; empty if there is no archive."""
    return ReportIndexPage.url_for(owner, context.get("request"))
