"""schema.org JSON-LD for the detail pages, as plain dicts the `ld_json` filter renders.

Built from what the detail view has already fetched (relations prefetched there, as the reader may
see them: kernel.visibility), so no query runs here beyond those. Projects are schema.org
`Project` ("an enterprise … planned to achieve a particular aim"), a subtype of Organization: it
takes `funder`, `foundingDate`/`dissolutionDate` and `areaServed`, which describe a development
cooperation project; `CreativeWork` would describe a made work (a report), which a project is not.

Languages: the texts are in the page's language (kernel.translation.localized), English standing in
where a record has no translation, and the page's language is stated as the `inLanguage` of the page
the record is the main entity of (`mainEntityOfPage`: a `WebPage`). `inLanguage` is not a property
of Organization (nor of Project), and on an Event it is the language the event is held in, so it
goes on the page, where schema.org defines it. A text in English standing in for a translation stays
a plain string: a language-tagged value (`{"@value": …, "@language": "en"}`) is valid JSON-LD, but
the readers that matter (search engines' rich results, link previews) expect Text, and the page
itself marks the fallback with `lang="en"`.
"""

from kernel.dates import local_time
from kernel.markdown import to_text
from kernel.translation import active_language, localized
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


def _text(record, *field_names):
    """The first field with text in the page's language, else the first with English text, as
    plain text: a summary, else the description."""
    texts = [localized(record, name) for name in field_names]
    chosen = next((t for t in texts if t and not t.fallback), None) or next((t for t in texts if t), "")
    return to_text(chosen)


def _page(request, record):
    """The page the record is the main entity of, in the page's language."""
    return {
        "@type": "WebPage",
        "url": request.build_absolute_uri(record.get_absolute_url()),
        "inLanguage": active_language(),
    }


def _url(request, record):
    """The absolute address of a published record's page; none for a draft, which the public cannot see."""
    if not is_visible(record, None):
        return None
    return request.build_absolute_uri(record.get_absolute_url())


def _organisation_reference(request, organisation):
    return _compact(
        {"@type": "Organization", "name": localized(organisation, "name"), "url": _url(request, organisation)}
    )


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
                    "jobTitle": localized(speaker, "position"),
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
            "name": localized(event, "title"),
            "description": _text(event, "summary", "description"),
            "url": request.build_absolute_uri(event.get_absolute_url()),
            "mainEntityOfPage": _page(request, event),
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
            "name": localized(donor, "name"),
            "alternateName": localized(donor, "short_name") if donor.short_name != donor.name else None,
            "description": _text(donor, "summary", "profile"),
            "url": request.build_absolute_uri(donor.get_absolute_url()),
            "mainEntityOfPage": _page(request, donor),
        }
    )


def organisation_data(request, organisation):
    return _compact(
        {
            "@context": CONTEXT,
            "@type": "Organization",
            "name": localized(organisation, "name"),
            "alternateName": organisation.acronym,
            "description": _text(organisation, "description"),
            "url": request.build_absolute_uri(organisation.get_absolute_url()),
            "mainEntityOfPage": _page(request, organisation),
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
            "name": localized(project, "title"),
            "alternateName": project.acronym,
            "description": _text(project, "summary", "description"),
            "url": request.build_absolute_uri(project.get_absolute_url()),
            "mainEntityOfPage": _page(request, project),
            "identifier": project.iati_id,
            "foundingDate": project.start_date.isoformat() if project.start_date else None,
            "dissolutionDate": project.end_date.isoformat() if project.end_date else None,
            "funder": [
                _compact(
                    {"@type": "Organization", "name": localized(donor, "name"), "url": _url(request, donor)}
                )
                for donor in project.donors.all()
            ],
            "areaServed": [
                {
                    "@type": "Country",
                    "name": str(country),
                    "url": request.build_absolute_uri(country.get_absolute_url()),
                }
                for country in project.countries.all()
            ],
        }
    )


def country_data(request, country):
    """A Country, named in the page's language and identified by its ISO 3166-1 alpha-2 code.

    No `sameAs`: the taxonomy holds no identifier of the country elsewhere (Wikidata, GeoNames), and
    an address guessed from the name could name another place."""
    return _compact(
        {
            "@context": CONTEXT,
            "@type": "Country",
            "name": country.label,
            "alternateName": country.name if country.name != country.label else None,
            "identifier": {
                "@type": "PropertyValue",
                "propertyID": "ISO 3166-1 alpha-2",
                "value": country.code,
            },
            "url": request.build_absolute_uri(country.get_absolute_url()),
            "mainEntityOfPage": _page(request, country),
        }
    )


def sdg_data(request, sdg):
    """A CollectionPage (the projects contributing to a goal) `about` the goal, which the United
    Nations' page for it identifies (`sameAs`)."""
    name = str(sdg)
    return _compact(
        {
            "@context": CONTEXT,
            "@type": "CollectionPage",
            "name": name,
            "description": localized(sdg, "name"),
            "url": request.build_absolute_uri(sdg.get_absolute_url()),
            "inLanguage": active_language(),
            "about": _compact(
                {
                    "@type": "Thing",
                    "name": name,
                    "description": localized(sdg, "name"),
                    "identifier": f"SDG {sdg.number}",
                    "sameAs": sdg.un_url,
                }
            ),
        }
    )
