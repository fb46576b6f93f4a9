"""Helpers to post the initiative form the way a browser does."""


def initiative_post(**overrides) -> dict:
    data = {
        "kind": "initiative",
        "name": "Moestuin De Kas",
        "pitch": "Bewoners kweken samen groente in een oude kas.",
        "description": "We ontmoeten elkaar elke zaterdag.",
        "municipality_name": "Gouda",
        "neighbourhood": "Korte Akkeren",
        "themes": ["groen", "voedsel"],
        "own_themes": "moestuin",
        "stage": "start",
        "legal_form": "informal",
        "website": "",
        "contact_email": "kas@example.nl",
        "visibility": "draft",
        "needs-TOTAL_FORMS": "2",
        "needs-INITIAL_FORMS": "0",
        "needs-MIN_NUM_FORMS": "0",
        "needs-MAX_NUM_FORMS": "20",
        "needs-0-kind": "money",
        "needs-0-description": "Gereedschap en zaden",
        "needs-0-amount": "2500",
        "needs-0-status": "open",
        "needs-1-kind": "people",
        "needs-1-description": "Vrijwilligers op zaterdag",
        "needs-1-amount": "",
        "needs-1-status": "open",
        "offers-TOTAL_FORMS": "1",
        "offers-INITIAL_FORMS": "0",
        "offers-MIN_NUM_FORMS": "0",
        "offers-MAX_NUM_FORMS": "20",
        "offers-0-kind": "space",
        "offers-0-description": "De kas voor bijeenkomsten",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def existing_rows(initiative) -> dict:
    """The management and row data of an initiative's current needs and offers."""
    data = {}
    needs = list(initiative.needs.all())
    offers = list(initiative.offers.all())
    data.update(
        {
            "needs-TOTAL_FORMS": str(len(needs)),
            "needs-INITIAL_FORMS": str(len(needs)),
            "needs-MIN_NUM_FORMS": "0",
            "needs-MAX_NUM_FORMS": "20",
            "offers-TOTAL_FORMS": str(len(offers)),
            "offers-INITIAL_FORMS": str(len(offers)),
            "offers-MIN_NUM_FORMS": "0",
            "offers-MAX_NUM_FORMS": "20",
        }
    )
    for i, need in enumerate(needs):
        data.update(
            {
                f"needs-{i}-id": str(need.pk),
                f"needs-{i}-kind": need.kind,
                f"needs-{i}-description": need.description,
                f"needs-{i}-amount": "" if need.amount is None else str(need.amount),
                f"needs-{i}-status": need.status,
            }
        )
    for i, offer in enumerate(offers):
        data.update(
            {
                f"offers-{i}-id": str(offer.pk),
                f"offers-{i}-kind": offer.kind,
                f"offers-{i}-description": offer.description,
            }
        )
    return data
