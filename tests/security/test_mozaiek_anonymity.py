"""Issue 11: the anonymity of the Netwerkmozaïek holds against a coordinator who reads
the results (and the CSV) before and after one more answer."""

import pytest
from django.urls import reverse

from initiatieven.mozaiek import results, services
from tests.mozaiek.factories import AssessmentFactory, coordinator_of, submitted_response

pytestmark = pytest.mark.django_db


def _export(client, assessment) -> bytes:
    response = client.get(reverse("mozaiek:export", args=[assessment.pk]))
    assert response.status_code == 200
    return response.content


def test_it_does_not_let_two_exports_differ_by_one_answer(client):
    """The attack from the issue: three answers (two of them the coordinator's own
    addresses), export, a fourth answer, export again: the difference was that person."""
    assessment = AssessmentFactory()
    coordinator = coordinator_of(assessment.initiative)
    client.force_login(coordinator)
    for value in (2, 3, 4):
        submitted_response(assessment, value)
    before = _export(client, assessment)
    submitted_response(assessment, 5)
    assert _export(client, assessment) == before
    page = client.get(reverse("mozaiek:results", args=[assessment.pk])).content.decode()
    assert "3 partners" in page  # the results still speak of the batch they are based on
    # Two more: a batch of three new answers refreshes the results.
    submitted_response(assessment, 5)
    submitted_response(assessment, 5)
    assert _export(client, assessment) != before
    assert results.round_results(assessment).submitted == 6


def test_it_refreshes_the_results_when_the_round_closes(client):
    assessment = AssessmentFactory()
    coordinator = coordinator_of(assessment.initiative)
    for value in (2, 3, 4):
        submitted_response(assessment, value)
    assert results.round_results(assessment).submitted == 3
    submitted_response(assessment, 5)
    assert results.round_results(assessment).submitted == 3
    services.assessment_close(assessment=assessment, user=coordinator)
    assert results.round_results(assessment).submitted == 4


def test_it_withholds_per_statement_distributions_below_five_answers():
    assessment = AssessmentFactory()
    for value in (2, 3, 4):
        submitted_response(assessment, value)
    table = results.statement_table(assessment)
    statement_rows = [row for row in table if row[1]]
    block_rows = [row for row in table if not row[1]]
    # Per statement: only the number of answers, no counts per score, mean or consensus.
    assert all(row[2] == 3 and row[3:] == [""] * 8 for row in statement_rows)
    # Per block (many answers of at least three people) the distribution stays.
    assert block_rows[0][4:9] == [0, 5, 5, 5, 0]
    for value in (4, 5):
        submitted_response(assessment, value)
    assessment.status = "closed"
    assessment.save()
    statement_rows = [row for row in results.statement_table(assessment) if row[1]]
    assert statement_rows[0][4:9] == [0, 1, 1, 2, 1]


def test_it_shows_comments_in_an_order_unrelated_to_names_or_time():
    assessment = AssessmentFactory()
    texts = [f"opmerking {letter}" for letter in "abcdefghij"]
    for text in texts:
        submitted_response(assessment, 3, comment=text)
    comments = results.round_results(assessment).blocks[0].comments
    unique = list(dict.fromkeys(comments))
    assert sorted(unique) == texts
    # Not in the order of answering, and not alphabetical (which is the same here).
    assert unique != texts


def test_it_explains_on_the_results_page_what_anonymity_can_and_cannot_do(client):
    assessment = AssessmentFactory()
    client.force_login(coordinator_of(assessment.initiative))
    for value in (2, 3, 4):
        submitted_response(assessment, value)
    page = client.get(reverse("mozaiek:results", args=[assessment.pk])).content.decode()
    assert "alle andere antwoorden" in page
    assert "per drie nieuwe antwoorden" in page


def test_it_shows_counts_on_the_round_page_never_who_answered_when(client):
    assessment = AssessmentFactory()
    client.force_login(coordinator_of(assessment.initiative))
    response = submitted_response(assessment, 4)
    page = client.get(reverse("mozaiek:round", args=[assessment.pk])).content.decode()
    assert response.invitation.email in page  # addresses are shown, ...
    assert "ingevuld" not in page.split(response.invitation.email)[1][:200]  # ... no status


def test_it_removes_an_erased_persons_comment_from_the_stored_results_too():
    from tests.core.factories import UserFactory

    assessment = AssessmentFactory()
    person = UserFactory(verified=True)
    mine = submitted_response(assessment, 2, comment="Mijn eigen woorden")
    mine.invitation.email = person.email
    mine.invitation.user = person
    mine.invitation.save()
    for value in (3, 4):
        submitted_response(assessment, value)
    assert "Mijn eigen woorden" in results.round_results(assessment).blocks[0].comments
    submitted_response(assessment, 5)  # a newer answer, not yet in the results
    services.personal_data_erase(person)
    assessment.refresh_from_db()
    outcome = results.round_results(assessment)
    assert "Mijn eigen woorden" not in outcome.blocks[0].comments
    assert outcome.submitted == 3  # rebuilt from the same people: nobody new slipped in
