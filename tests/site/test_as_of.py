"""Every state and figure says when it was true: the home page counts projects reported ongoing long
ago apart from those reported recently, with the months of those reports; figures are added per
kind, period and qualifier; summaries are cut at a sentence or not at all."""

import datetime
import re

import pytest
from django.utils import timezone

from donors.models import Contribution
from kernel.text import sentences, summarize
from projects.models import Project
from tests.factories import ContributionFactory, DonorFactory, EventFactory, ProjectFactory

MAY_2017 = datetime.date(2017, 5, 1)
DEC_2022 = datetime.date(2022, 12, 14)


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# ------------------------------------------------------------------ home page


@pytest.mark.django_db
def test_home_counts_stale_ongoing_projects_apart_and_says_when(client):
    ProjectFactory(title="Reported in 2017", status_as_of=MAY_2017)
    ProjectFactory(title="Reported in 2022", status_as_of=DEC_2022)
    last_month = timezone.localdate() - datetime.timedelta(days=30)
    ProjectFactory(title="Reported last month", status_as_of=last_month)
    ProjectFactory(title="Finished", status=Project.Status.CLOSED, status_as_of=MAY_2017)
    response = client.get("/")
    assert response.context["ongoing_now_count"] == 1
    assert response.context["ongoing_earlier_count"] == 2
    assert response.context["ongoing_earlier_reported"] == "May 2017 to December 2022"
    text = text_of(response.content.decode())
    assert "Ongoing projects reported in the last 12 months 1" in text
    assert "Also reported ongoing as of May 2017 to December 2022 2" in text
    assert "Ongoing, as reported in May 2017" in text
    # the most recently reported first
    html = response.content.decode()
    assert html.index("Reported last month") < html.index("Reported in 2022") < html.index("Reported in 2017")


@pytest.mark.django_db
def test_home_never_calls_old_reports_ongoing_projects(client):
    ProjectFactory(status_as_of=MAY_2017)
    text = text_of(client.get("/").content.decode())
    assert "Ongoing projects" not in text
    assert "Projects reported ongoing as of May 2017 1" in text


@pytest.mark.django_db
def test_home_contributions_never_add_kinds_periods_or_qualifiers(client):
    japan = DonorFactory(name="Japan")
    korea = DonorFactory(name="Korea")
    ContributionFactory(
        donor=japan, kind=Contribution.Kind.ASSESSED, amount_usd="271000000", amount_qualifier="more-than"
    )
    ContributionFactory(donor=japan, amount_usd="31800000")
    ContributionFactory(donor=korea, amount_usd="1200000")  # same kind and period: added
    ContributionFactory(donor=korea, amount_usd="500000", amount_qualifier="about")  # not with exact ones
    ContributionFactory(donor=japan, amount_usd="12500000", year_from=2022, year_to=2023)
    text = text_of(client.get("/").content.decode())
    assert "USD 315.3 million" not in text and "USD 302.8 million" not in text
    assert "USD 12.5 million , voluntary, earmarked, 2022–2023" in text
    assert "More than USD 271 million , assessed, 2012–2017" in text
    assert "USD 33 million , voluntary, earmarked, 2012–2017 from 2 donors" in text
    assert "About USD 500,000 , voluntary, earmarked, 2012–2017" in text


@pytest.mark.django_db
def test_home_from_the_seed_states_when_its_projects_were_reported(client, seed):
    response = client.get("/")
    text = text_of(response.content.decode())
    assert response.context["ongoing_now_count"] == 0
    assert "Projects reported ongoing as of May 2017 to December 2022 13" in text
    assert "More than USD 271 million , assessed, 2012–2017" in text
    assert "USD 31.8 million , voluntary, earmarked, 2012–2017" in text
    assert "302.8" not in text
    assert "Implementation" not in text


# ------------------------------------------------------------------ summaries


JAPAN = (
    "A founding member State of the ILO and one of its key development partners, especially in Asia and "
    "the Pacific: the second largest contributor to the ILO's regular budget, with more than USD 271 "
    "million in assessed contributions and USD 31.8 million in voluntary contributions in 2012–2017."
)


def test_a_short_text_is_kept_whole():
    assert summarize("One sentence. Two.", 240) == "One sentence. Two."


def test_a_long_text_keeps_the_whole_sentences_that_fit():
    text = "First sentence here. Second sentence is somewhat longer than the first. Third."
    assert summarize(text, 30) == "First sentence here."
    assert summarize(text, 75) == "First sentence here. Second sentence is somewhat longer than the first."


def test_a_sentence_longer_than_the_place_is_kept_whole_never_cut():
    assert summarize(JAPAN, 240) == JAPAN
    assert summarize(JAPAN + " More.", 240) == JAPAN
    # where a hard limit holds (a page description), nothing rather than half a fact
    assert summarize(JAPAN, 180, strict=True) == ""


def test_abbreviations_and_figures_do_not_end_a_sentence():
    text = "Ms. Simel Esim spoke of USD 31.8 million. Prof. Furusawa closed the seminar, e.g. with thanks."
    assert sentences(text) == [
        "Ms. Simel Esim spoke of USD 31.8 million.",
        "Prof. Furusawa closed the seminar, e.g. with thanks.",
    ]


def test_markdown_is_read_as_text():
    assert summarize("**Bold** start. Then [a link](https://example.org).", 20) == "Bold start."


@pytest.mark.django_db
def test_cards_never_cut_a_summary_mid_sentence(client):
    DonorFactory(name="Japan", summary=JAPAN, featured=True)
    ProjectFactory(summary="Short first sentence. " + "Word " * 60 + "end.")
    EventFactory(summary=JAPAN, start=timezone.now() + datetime.timedelta(days=3))
    html = client.get("/").content.decode()
    assert JAPAN.replace("'", "&#x27;") in html
    assert "…" not in text_of(html)
    html = client.get("/projects/").content.decode()
    assert '<p class="card__summary">Short first sentence.</p>' in html
