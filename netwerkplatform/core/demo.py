"""Demo people: one per role, with the hats people wear at Samen Doen! and RollingStones.

The names are invented; the roles and places come from the seed documents (Zwolle,
Leiden, Gouda, Amstelveen). Other apps add their demo data through their own loaders
and look these people up by e-mail with ``demo_person``.
"""

from allauth.account.models import EmailAddress

from netwerkplatform.core import registry
from netwerkplatform.core.models import User

DEMO_PASSWORD = "netwerk-demo-2026"  # noqa: S105 - printed on purpose by `make run`

# (role shown at `make run`, e-mail, name, hats, staff?)
DEMO_PEOPLE = [
    (
        "initiatiefnemer",
        "initiatiefnemer@demo.nl",
        "Anouk Verbeek",
        ["initiatiefnemer", "bewoner", "moeder"],
        False,
    ),
    (
        "netwerkcoördinator",
        "netwerk@demo.nl",
        "Ravi Mahabier",
        ["verbinder", "initiatiefnemer"],
        False,
    ),
    ("organisator", "organisator@demo.nl", "Marieke de Boer", ["verbinder", "professional"], False),
    ("fondsmedewerker", "fonds@demo.nl", "Johan Kuipers", ["fondsmedewerker"], False),
    (
        "partner (welzijn)",
        "partner@demo.nl",
        "Samira el Amrani",
        ["professional", "vrijwilliger"],
        False,
    ),
    ("ambtenaar", "gemeente@demo.nl", "Peter Hoekstra", ["ambtenaar", "verbinder"], False),
    ("beheerder", "beheer@demo.nl", "Beheer Netwerkplatform", ["beheerder"], True),
]


def demo_person(email: str) -> User:
    return User.objects.get(email=email)


def load_people() -> list[tuple[str, str]]:
    logins = []
    for role, email, name, hats, staff in DEMO_PEOPLE:
        person, created = User.objects.get_or_create(
            email=email,
            defaults={"name": name, "hats": hats, "is_staff": staff, "is_superuser": staff},
        )
        if created:
            person.set_password(DEMO_PASSWORD)
            person.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(
            user=person, email=email, defaults={"verified": True, "primary": True}
        )
        logins.append((role, email))
    return logins


registry.register_demo_loader(registry.DemoLoader(key="people", load=load_people, order=10))
