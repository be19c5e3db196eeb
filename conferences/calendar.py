"""iCalendar (RFC 5545) for conferences with known dates."""

import datetime

from django.conf import settings
from django.http import HttpResponse
from icalendar import Calendar, Event

PRODID = "-//Krisesentersekretariatet//Internasjonalt arbeid//NO"


def conference_event(conference, request):
    event = Event()
    # Stable across edits, renames and translations of the page.
    event.add("uid", f"{conference.translation_key}@krisesenter.com")
    event.add("summary", conference.title)
    event.add("dtstamp", conference.last_published_at or datetime.datetime.now(datetime.UTC))
    # All-day dates: DTEND is the day after the last day (RFC 5545, 3.6.1).
    event.add("dtstart", conference.start_date)
    event.add("dtend", (conference.end_date or conference.start_date) + datetime.timedelta(days=1))
    place = ", ".join(filter(None, [conference.city, conference.country.name]))
    if place:
        event.add("location", place)
    if conference.summary:
        event.add("description", conference.summary)
    event.add("url", conference.get_full_url(request))
    return event


def calendar_response(conferences, name, request, filename):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for conference in conferences:
        if conference.start_date:
            calendar.add_component(conference_event(conference, request))
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
