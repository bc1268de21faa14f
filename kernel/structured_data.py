"""schema.org JSON-LD for the detail pages, as plain dicts the `ld_json` filter renders.

Built from what the detail view has already fetched (relations prefetched there, as the reader may
see them: kernel.visibility), so no query runs here beyond those. Projects are schema.org
`Project` ("an enterprise … planned to achieve a particular aim"), a subtype of Organization: it
takes `funder`, `foundingDate`/`dissolutionDate` and `areaServed`, which describe a development
cooperation project; `CreativeWork` would describe a made work (a report), which a project is not.
"""

from kernel.dates import local_time
from kernel.markdown import to_text
from kernel.visibility import is_visible

CONTEXT = "https://schema.org"
EVENT_STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "postponed": "https://schema.org/EventPostponed",
    "rescheduled": "https://schema.org/EventRescheduled",
    "cancelled": "https://schema.org/EventCancelled",
}
ATTENDANCE_MODE = {
    "in-person": "https://schema.org/OfflineEventAttendanceMode",
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "hybrid": "https://schema.org/MixedEventAttendanceMode",
}


def _compact(data):
    """Leave out empty values: schema.org readers take a missing property better than an empty one."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def _url(request, record):
    """The absolute address of a published record's page; none for a draft, which the public cannot see."""
    if not is_visible(record, None):
        return None
    return request.build_absolute_uri(record.get_absolute_url())


def _organisation_reference(request, organisation):
    return _compact({"@type": "Organization", "name": organisation.name, "url": _url(request, organisation)})


def _local_iso(event, value):
    """An event's start or end: with its offset in the event's zone when the time is known, else the date
    (or the month, or the year) as precisely as it is known."""
    local = local_time(value, event.zone)
    if local is None:
        return None
    if event.has_time:
        return local.isoformat()
    return local.date().isoformat()[: {"month": 7, "year": 4}.get(event.precision, 10)]


def event_data(request, event):
    """An Event: when and where (in the event's own time zone), who organised it, who spoke."""
    place = _compact(
        {
            "@type": "Place",
            "name": event.venue,
            "address": _compact(
                {
                    "@type": "PostalAddress",
                    "addressLocality": event.city,
                    "addressCountry": event.country_id,
                }
            ),
        }
    )
    locations = []
    if event.format != "online" and (event.venue or event.city or event.country_id):
        locations.append(place)
    if event.format != "in-person" and event.online_url:
        locations.append({"@type": "VirtualLocation", "url": event.online_url})
    speakers = {}
    for speaker in event.speakers.all():
        speakers.setdefault(
            speaker.person_id,
            _compact(
                {
                    "@type": "Person",
                    "name": speaker.person.full_name,
                    "jobTitle": speaker.position,
                    "affiliation": _organisation_reference(request, speaker.organisation)
                    if speaker.organisation
                    else None,
                }
            ),
        )
    return _compact(
        {
            "@context": CONTEXT,
            "@type": "Event",
            "name": event.title,
            "description": to_text(event.summary or event.description),
            "url": request.build_absolute_uri(event.get_absolute_url()),
            "startDate": _local_iso(event, event.start),
            "endDate": _local_iso(event, event.end),
            "eventStatus": EVENT_STATUS.get(event.status),
            "eventAttendanceMode": ATTENDANCE_MODE.get(event.format),
            "location": locations[0] if len(locations) == 1 else locations,
            "organizer": [
                _organisation_reference(request, organiser.organisation)
                for organiser in event.organisers.all()
            ],
            "performer": list(speakers.values()),
            "inLanguage": event.languages,
        }
    )


def donor_data(request, donor):
    return _compact(
        {
            "@context": CONTEXT,
            "@type": "Organization",
            "name": donor.name,
            "alternateName": donor.short_name if donor.short_name != donor.name else None,
            "description": to_text(donor.summary or donor.profile),
            "url": request.build_absolute_uri(donor.get_absolute_url()),
        }
    )


def organisation_data(request, organisation):
    return _compact(
        {
            "@context": CONTEXT,
            "@type": "Organization",
            "name": organisation.name,
            "alternateName": organisation.acronym,
            "description": to_text(organisation.description),
            "url": request.build_absolute_uri(organisation.get_absolute_url()),
            "sameAs": organisation.website,
            "email": organisation.email,
            "telephone": organisation.telephone,
            "faxNumber": organisation.fax,
            "address": organisation.address,
            "parentOrganization": _organisation_reference(request, organisation.parent)
            if organisation.parent
            else None,
        }
    )


def project_data(request, project):
    """A Project, funded by its donors, serving its countries."""
    return _compact(
        {
            "@context": CONTEXT,
            "@type": "Project",
            "name": project.title,
            "alternateName": project.acronym,
            "description": to_text(project.summary or project.description),
            "url": request.build_absolute_uri(project.get_absolute_url()),
            "identifier": project.iati_id,
            "foundingDate": project.start_date.isoformat() if project.start_date else None,
            "dissolutionDate": project.end_date.isoformat() if project.end_date else None,
            "funder": [
                _compact({"@type": "Organization", "name": donor.name, "url": _url(request, donor)})
                for donor in project.donors.all()
            ],
            "areaServed": [{"@type": "Country", "name": str(country)} for country in project.countries.all()],
        }
    )
