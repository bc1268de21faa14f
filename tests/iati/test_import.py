"""`manage.py import_iati`: activities in, projects out; a bad file changes nothing."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from donors.models import Contribution
from events.models import Event
from kernel.publishing import Status
from kernel.taxonomy.models import Source
from organisations.models import Organisation
from projects.iati import activities_document
from projects.models import Participant, Project, Result
from tests.factories import theme

pytestmark = pytest.mark.django_db

ILO = "XM-DAC-41302"


def snapshot():
    """Everything about the projects that an export and an import must keep, by slug."""
    projects = Project.objects.prefetch_related(
        "countries", "regions", "themes", "sdgs", "donors", "participants__organisation", "results"
    ).select_related("parent")
    return {
        project.slug: {
            "iati_id": project.iati_id,
            "iati_identifier": project.iati_identifier,
            "text": (project.title, project.acronym, project.kind, project.summary, project.description),
            "status": project.status,
            "dates": (project.start_date, project.start_precision, project.end_date, project.end_precision),
            "budget_usd": project.budget_usd,
            "source": project.source.slug if project.source else None,
            "parent": project.parent.slug if project.parent else None,
            "countries": sorted(c.code for c in project.countries.all()),
            "regions": sorted(r.slug for r in project.regions.all()),
            "themes": sorted(t.slug for t in project.themes.all()),
            "sdgs": sorted(s.number for s in project.sdgs.all()),
            "donors": sorted(d.slug for d in project.donors.all()),
            "participants": sorted(
                (
                    p.organisation.slug,
                    p.organisation.name,
                    p.organisation.acronym,
                    p.organisation.iati_identifier,
                    p.organisation.type,
                    p.organisation.category,
                    p.role,
                    p.amount_usd,
                    p.note,
                    p.position,
                )
                for p in project.participants.all()
            ),
            "results": [
                (r.title, r.value, r.qualifier, r.unit, r.country_id, r.place, r.year, r.position)
                for r in project.results.all()
            ],
        }
        for project in projects
    }


def row_counts():
    return {model.__name__: model.objects.count() for model in (Project, Participant, Result, Organisation)}


def flush_content():
    """An empty database as far as projects and organisations go (donors stay, to be linked again)."""
    Event.objects.filter(parent__isnull=False).delete()
    Event.objects.all().delete()
    Contribution.objects.update(channel=None)
    for model in (Project, Organisation):
        model.objects.filter(parent__isnull=False).delete()
        model.objects.all().delete()


def import_file(path, *args, **options):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_iati", str(path), *args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def seed_with_more(seed):
    """The seed, with the figures it lacks: budgets, day-precise dates, a participant's amount."""
    Project.objects.filter(slug="way-out-of-informality").update(budget_usd=Decimal("4567890.12"))
    Project.objects.filter(slug="social-safety-nets-fund").update(budget_usd=Decimal("1000000.00"))
    Project.objects.filter(slug="insight-industrial-relations").update(
        start_date=datetime.date(2014, 3, 15),
        start_precision="day",  # update() writes around the model, which would set them itself
        end_date=datetime.date(2016, 9, 30),
        end_precision="day",
        budget_usd=Decimal("250000.50"),
    )
    Participant.objects.filter(project__slug="way-out-of-informality", role="1").update(
        amount_usd=Decimal("99.95")
    )
    Project.objects.filter(slug="strengthening-sse-in-asia").update(iati_identifier=f"{ILO}-KOR-2022-01")
    # Sources with an address travel as document-links and come back as the same source.
    for slug in ("japan-ilo-cooperation-2017", "decent-work-sse-seminar-news-2022"):
        Source.objects.filter(slug=slug).update(url=f"https://example.org/{slug}")


def test_export_then_import_into_an_empty_database_gives_the_same_projects(seed_with_more, tmp_path):
    before = snapshot()
    path = tmp_path / "activities.xml"
    path.write_bytes(activities_document(Project.objects.all()))
    flush_content()
    assert row_counts() == {"Project": 0, "Participant": 0, "Result": 0, "Organisation": 0}

    out, _ = import_file(path, quiet_progress=True)

    assert "Created 16, updated 0, skipped 0." in out
    assert snapshot() == before
    assert set(Project.objects.values_list("publication_status", flat=True)) == {Status.DRAFT}
    assert set(Organisation.objects.values_list("publication_status", flat=True)) == {Status.DRAFT}


def test_importing_the_same_file_twice_updates_and_never_duplicates(seed_with_more, tmp_path):
    before, counts = snapshot(), row_counts()
    path = tmp_path / "activities.xml"
    path.write_bytes(activities_document(Project.objects.all()))

    first, _ = import_file(path, quiet_progress=True)
    second, _ = import_file(path, quiet_progress=True)

    assert "Created 0, updated 16, skipped 0." in first
    assert "Created 0, updated 16, skipped 0." in second
    assert snapshot() == before
    assert row_counts() == counts
    # Updating keeps what the file does not speak about: a published project stays published.
    assert set(Project.objects.values_list("publication_status", flat=True)) == {Status.PUBLISHED}


def test_publish_publishes_the_imported_projects(seed, tmp_path):
    path = tmp_path / "activities.xml"
    path.write_bytes(activities_document(Project.objects.all()))
    flush_content()
    import_file(path, quiet_progress=True, publish=True)
    assert Project.objects.published().count() == 16


def test_the_progress_bar_and_the_report(seed, tmp_path):
    path = tmp_path / "activities.xml"
    path.write_bytes(activities_document(Project.objects.filter(slug="way-out-of-informality")))
    Project.objects.filter(slug="way-out-of-informality").delete()
    out, err = import_file(path)
    assert "activities" in err and "1/1" in err and "[" in err
    assert out.startswith("Created 1, updated 0, skipped 0.")


ACTIVITY = """
  <iati-activity default-currency="USD" xml:lang="en">
    <iati-identifier>{identifier}</iati-identifier>
    <reporting-org ref="{reporting}" type="10"><narrative>A publisher</narrative></reporting-org>
    <title>
      <narrative xml:lang="fr">Protection sociale</narrative><narrative>Social protection for all</narrative>
    </title>
    <description type="1"><narrative>Extending social protection.</narrative></description>
    <participating-org ref="XM-DAC-41302" role="4" type="40"><narrative>ILO</narrative></participating-org>
    <participating-org role="1" type="10"><narrative>Ministry of Somewhere</narrative></participating-org>
    <activity-status code="2"/>
    <activity-date type="1" iso-date="2019-01-01"/>
    <activity-date type="2" iso-date="2019-02-01"/>
    <activity-date type="3" iso-date="2022-12-31"/>
    {geography}
    <sector vocabulary="1" code="16010" percentage="60"/>
    <sector vocabulary="1" code="16020" percentage="40"/>
    <sector vocabulary="2" code="160"/>
    <tag vocabulary="2" code="1"/>
    <tag vocabulary="3" code="8.5"/>
    <budget type="1"><period-start iso-date="2019-02-01"/><period-end iso-date="2020-01-31"/>
      <value value-date="2019-02-01">1000.50</value></budget>
    <budget type="1"><period-start iso-date="2020-02-01"/><period-end iso-date="2021-01-31"/>
      <value value-date="2020-02-01">2000.25</value></budget>
    <result type="1">
      <title><narrative>Workers covered</narrative></title>
      <indicator measure="1">
        <title><narrative>workers</narrative></title>
        <period><period-start iso-date="2020-01-01"/><period-end iso-date="2020-12-31"/>
          <actual value="1,200"/></period>
      </indicator>
    </result>
  </iati-activity>"""


def foreign(
    tmp_path, *identifiers, geography='<recipient-country code="KE" percentage="100"/>', reporting=ILO
):
    """A file from another system, without our extension: one activity per identifier."""
    activities = "".join(
        ACTIVITY.format(identifier=identifier, geography=geography, reporting=reporting)
        for identifier in identifiers
    )
    path = tmp_path / "foreign.xml"
    path.write_text(f'<iati-activities version="2.03">{activities}\n</iati-activities>\n')
    return path


def test_an_activity_from_another_system_is_read_through_the_iati_codelists(db, tmp_path):
    out, _ = import_file(foreign(tmp_path, f"{ILO}-social-protection-kenya"), quiet_progress=True)

    assert "Created 1" in out
    project = Project.objects.get()
    assert project.slug == "social-protection-kenya"  # derived from the ILO identifier
    assert project.iati_identifier == ""  # ...which the slug gives back
    assert project.iati_id == f"{ILO}-social-protection-kenya"
    assert project.title == "Social protection for all"
    assert project.description == "Extending social protection."
    assert project.status == Project.Status.IMPLEMENTATION
    assert (project.start_date, project.end_date) == (datetime.date(2019, 2, 1), datetime.date(2022, 12, 31))
    assert project.budget_usd == Decimal("3000.75")
    assert list(project.countries.values_list("code", flat=True)) == ["KE"]
    assert set(project.themes.all()) == {theme("social-protection"), theme("employment-policy")}
    assert sorted(project.sdgs.values_list("number", flat=True)) == [1, 8]
    assert project.publication_status == Status.DRAFT
    participants = {
        (p.organisation.name, p.role) for p in project.participants.select_related("organisation")
    }
    assert participants == {("ILO", "4"), ("Ministry of Somewhere", "1")}
    ministry = Organisation.objects.get(name="Ministry of Somewhere")
    assert (ministry.type, ministry.category, ministry.publication_status) == ("10", "ministry", Status.DRAFT)
    (result,) = project.results.all()
    assert (result.title, result.value, result.unit, result.year) == (
        "Workers covered",
        1200,
        "workers",
        2020,
    )


def test_an_organisation_is_matched_by_its_iati_identifier_before_it_is_created(seed, tmp_path):
    flush_content()
    import_file(foreign(tmp_path, f"{ILO}-a"), quiet_progress=True)
    import_file(foreign(tmp_path, f"{ILO}-b"), quiet_progress=True)
    assert Organisation.objects.filter(iati_identifier=ILO).count() == 1
    assert Organisation.objects.filter(name="Ministry of Somewhere").count() == 1


def test_another_publishers_identifier_is_kept_and_the_slug_made_from_the_title(db, tmp_path):
    import_file(foreign(tmp_path, "GB-GOV-1-300123", reporting="GB-GOV-1"), quiet_progress=True)
    project = Project.objects.get()
    assert (project.iati_identifier, project.slug) == ("GB-GOV-1-300123", "social-protection-for-all")


def test_regions_are_matched_by_their_oecd_dac_code(db, tmp_path):
    geography = '<recipient-region code="298" vocabulary="1" percentage="100"/>'
    import_file(foreign(tmp_path, f"{ILO}-regional", geography=geography), quiet_progress=True)
    assert list(Project.objects.get().regions.values_list("slug", flat=True)) == ["africa"]


def test_an_unknown_country_skips_the_activity_and_says_why(seed, tmp_path):
    path = tmp_path / "activities.xml"
    document = activities_document(Project.objects.all()).replace(b'code="NP"', b'code="QQ"')
    path.write_bytes(document)
    flush_content()
    out, _ = import_file(path, quiet_progress=True)
    # Only Way out of Informality works in Nepal; the others come in.
    assert "Created 15, updated 0, skipped 1." in out
    assert "skipped XM-DAC-41302-way-out-of-informality: unknown recipient-country code 'QQ'" in out
    assert not Project.objects.filter(slug="way-out-of-informality").exists()


def test_strict_refuses_the_whole_file_for_one_bad_activity(seed, tmp_path):
    path = tmp_path / "activities.xml"
    path.write_bytes(activities_document(Project.objects.all()).replace(b'code="NP"', b'code="QQ"', 1))
    flush_content()
    with pytest.raises(CommandError, match="refused under --strict; nothing was imported") as refused:
        import_file(path, "--strict", quiet_progress=True)
    assert "unknown recipient-country code 'QQ'" in str(refused.value)
    assert row_counts() == {"Project": 0, "Participant": 0, "Result": 0, "Organisation": 0}


def test_strict_refuses_an_activity_the_database_would_refuse(db, tmp_path):
    path = foreign(tmp_path, f"{ILO}-long")
    path.write_text(path.read_text().replace("Social protection for all", "x" * 301))
    with pytest.raises(CommandError, match="title"):
        import_file(path, "--strict", quiet_progress=True)
    assert row_counts()["Project"] == 0 and row_counts()["Organisation"] == 0
    out, _ = import_file(path, quiet_progress=True)
    assert "skipped 1" in out and "title: Ensure this value has at most 300 characters" in out


def test_a_file_the_schema_refuses_changes_nothing_and_says_where(seed, tmp_path):
    before, counts = snapshot(), row_counts()
    document = activities_document(Project.objects.all())
    # A budget without its period and an activity without a status: the schema says no.
    broken = document.replace(b'<activity-status code="4"/>', b"", 1)
    path = tmp_path / "broken.xml"
    path.write_bytes(broken)
    with pytest.raises(
        CommandError, match=r"not a valid IATI 2.03 activities file; nothing was imported"
    ) as error:
        import_file(path, quiet_progress=True)
    assert "line " in str(error.value) and "activity-status" in str(error.value)
    assert snapshot() == before and row_counts() == counts


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<iati-activities version='2.03'><iati-activity>", "line 1"),
        (b"", "line"),
        (b"<iati-organisations version='2.03'/>", "not <iati-activities>"),
    ],
)
def test_what_is_not_an_activities_file_is_refused(db, tmp_path, content, message):
    path = tmp_path / "bad.xml"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        import_file(path, quiet_progress=True)


def test_a_missing_file_is_refused_plainly(db, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        import_file(tmp_path / "nowhere.xml")


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<iati-activities version="2.03"><iati-activity><iati-identifier>&lol9;</iati-identifier></iati-activity>
</iati-activities>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<iati-activities version="2.03"><iati-activity><iati-identifier>XM-DAC-41302-x</iati-identifier>
<title><narrative>&xxe;</narrative></title></iati-activity></iati-activities>"""


@pytest.mark.parametrize(
    "content", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["billion-laughs", "external-entity"]
)
def test_malicious_xml_is_refused_without_expanding_anything(db, tmp_path, content):
    path = tmp_path / "evil.xml"
    path.write_bytes(content)
    with pytest.raises(CommandError, match="DTD") as refused:
        import_file(path, quiet_progress=True)
    assert "root:" not in str(refused.value)  # nothing of /etc/passwd
    assert "lollol" not in str(refused.value)
    assert row_counts()["Project"] == 0


def test_an_organisation_made_for_a_skipped_activity_is_made_again_for_the_next(db, tmp_path):
    path = foreign(tmp_path, f"{ILO}-first", f"{ILO}-second")
    # The first activity's result title is too long: the activity is skipped after its new
    # organisations were made, and they go with it.
    path.write_text(path.read_text().replace("Workers covered", "w" * 301, 1))
    out, _ = import_file(path, quiet_progress=True)
    assert "Created 1, updated 0, skipped 1." in out
    project = Project.objects.get()
    assert project.slug == "second"
    ministry = Organisation.objects.get(name="Ministry of Somewhere")
    assert project.participants.filter(organisation=ministry, role="1").exists()


# ------------------------------------------------------------------ document-links and sources

DOCUMENT_LINK = """
    <document-link url="https://example.org/evaluation.pdf" format="application/pdf">
      <title><narrative>Mid-term evaluation</narrative></title>
      <category code="A07"/>
      <language code="fr"/>
      <document-date iso-date="2021-06-30"/>
    </document-link>
    <result type="1">"""


def with_document_link(path, link=DOCUMENT_LINK):
    path.write_text(path.read_text().replace('<result type="1">', link))
    return path


def test_a_document_link_from_another_system_becomes_the_projects_source(db, tmp_path):
    path = with_document_link(foreign(tmp_path, f"{ILO}-social-protection-kenya"))
    out, _ = import_file(path, quiet_progress=True)
    assert "Created 1" in out and "new source 'Mid-term evaluation' created" in out
    source = Project.objects.get().source
    assert (source.title, source.url, source.language) == (
        "Mid-term evaluation",
        "https://example.org/evaluation.pdf",
        "fr",
    )
    assert source.published_on == datetime.date(2021, 6, 30)
    assert (source.kind, source.document_category) == (Source.Kind.REPORT, "A07")


def test_a_document_link_to_a_known_address_reuses_the_source(db, tmp_path):
    known = Source.objects.create(
        slug="evaluation", title="Evaluation", kind="report", url="https://example.org/evaluation.pdf"
    )
    path = with_document_link(foreign(tmp_path, f"{ILO}-a", f"{ILO}-b"))
    import_file(path, quiet_progress=True)
    assert Source.objects.count() == 1
    assert set(Project.objects.values_list("source", flat=True)) == {known.pk}


def test_a_link_to_this_sites_download_finds_the_source_by_its_slug(db, tmp_path):
    known = Source.objects.create(slug="brochure", title="Brochure", kind="brochure", reference="archive")
    link = DOCUMENT_LINK.replace(
        "https://example.org/evaluation.pdf", "https://partners.ilo.org/sources/brochure/file/"
    )
    import_file(with_document_link(foreign(tmp_path, f"{ILO}-a"), link), quiet_progress=True)
    assert Project.objects.get().source == known
    assert Source.objects.count() == 1


def test_a_bad_document_link_is_left_out_and_the_activity_kept(db, tmp_path):
    link = DOCUMENT_LINK.replace("https://example.org/evaluation.pdf", "not a url")
    out, _ = import_file(with_document_link(foreign(tmp_path, f"{ILO}-a"), link), quiet_progress=True)
    assert "Created 1" in out and "document-link 'not a url' left out" in out
    assert Project.objects.get().source is None and not Source.objects.exists()


def test_another_publishers_link_does_not_replace_a_source_already_recorded(seed, tmp_path):
    brochure = Source.objects.get(slug="japan-ilo-cooperation-2017")
    project = Project.objects.get(slug="way-out-of-informality")
    path = foreign(tmp_path, project.iati_id)
    with_document_link(path)
    import_file(path, quiet_progress=True)
    project.refresh_from_db()
    assert project.source == brochure
