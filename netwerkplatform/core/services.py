"""Business logic of core: places, e-mail, and a person's data (export and erasure)."""

import functools
import unicodedata
from typing import Any

from django.contrib.sessions.models import Session
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from netwerkplatform.core import outbox, registry
from netwerkplatform.core.models import Municipality, User
from netwerkplatform.core.tasks import send_email

# Everyday names people type for places whose official (CBS) name differs.
MUNICIPALITY_ALIASES: dict[str, str] = {
    "den haag": "'s-Gravenhage",
    "the hague": "'s-Gravenhage",
    "s-gravenhage": "'s-Gravenhage",
    "den bosch": "'s-Hertogenbosch",
    "s-hertogenbosch": "'s-Hertogenbosch",
    "hertogenbosch": "'s-Hertogenbosch",
    "bergen limburg": "Bergen (L.)",
    "bergen l": "Bergen (L.)",
    "bergen noord-holland": "Bergen (NH.)",
    "bergen nh": "Bergen (NH.)",
    "nuenen": "Nuenen, Gerwen en Nederwetten",
    "sudwest-fryslan": "Súdwest-Fryslân",
    "sudwest fryslan": "Súdwest-Fryslân",
}
PROVINCE_ALIASES: dict[str, str] = {
    "friesland": "Fryslân",
    "fryslan": "Fryslân",
    "brabant": "Noord-Brabant",
}


def normalise_place_name(name: str) -> str:
    """Lower-case, strip accents, a leading "gemeente"/"provincie" and stray punctuation."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    text = text.lower().replace("\u2019", "'").strip().strip("'")
    for prefix in ("gemeente ", "provincie "):
        if text.startswith(prefix):
            text = text[len(prefix) :]
    text = text.replace("(", " ").replace(")", " ").replace(".", " ")
    return " ".join(text.split())


def municipality_lookup(name: str) -> Municipality | None:
    """Find a municipality by its CBS name, an everyday alias or its CBS code."""
    if not name or not name.strip():
        return None
    stripped = name.strip()
    if stripped.upper().startswith("GM") and stripped[2:].isdigit():
        return Municipality.objects.filter(code=stripped.upper()).first()
    wanted = normalise_place_name(stripped)
    official = MUNICIPALITY_ALIASES.get(wanted)
    if official:
        wanted = normalise_place_name(official)
    code = _municipality_codes_by_name().get(wanted)
    if code is None:
        return None
    return Municipality.objects.select_related("province").filter(code=code).first()


def municipality_nearest(name: str, *, limit: int = 3) -> list[str]:
    """The official names closest to what someone typed, for "Bedoelde je …?": names
    that start with it first ("Goud" → Gouda), then close spellings ("Gauda" → Gouda)."""
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    wanted = normalise_place_name(name or "")
    if not wanted:
        return []
    names = dict(Municipality.objects.values_list("name", "name"))
    by_key = {normalise_place_name(n): n for n in names}
    found = sorted((key for key in by_key if key.startswith(wanted)), key=lambda k: (len(k), k))
    cutoff = 1 if len(wanted) <= 4 else 2 if len(wanted) <= 7 else 3
    close = process.extract(
        wanted, list(by_key), scorer=Levenshtein.distance, score_cutoff=cutoff, limit=10
    )
    for key, _distance, _index in sorted(close, key=lambda c: (c[1], c[0])):
        if key not in found:
            found.append(key)
    return [by_key[key] for key in found[:limit]]


@functools.cache
def _municipality_codes_by_name() -> dict[str, str]:
    """Normalised name → CBS code, built once per process: the list changes only by
    migration (a municipal reorganisation), and imports look up thousands of rows."""
    return {
        normalise_place_name(name): code
        for code, name in Municipality.objects.values_list("code", "name")
    }


def email_send(
    *,
    recipients: list[str],
    subject: str,
    template_name: str,
    context: dict[str, Any],
    language: str | None = None,
    attachments: list[list[str]] | None = None,
) -> None:
    """Render an e-mail now and send it through the outbox once the surrounding transaction
    commits (``core.outbox``: it survives a broker outage and goes once).

    Rendering happens in the caller's language (or ``language``) so the worker needs no
    request; sending after commit means nobody is told about something that rolled back.
    """
    recipients = [address for address in recipients if address]
    if not recipients:
        return
    with translation.override(language or translation.get_language() or "nl"):
        # One line: a newline in a subject (from an event title, say) makes the mail
        # library refuse the message — a 500 and a lost e-mail.
        subject = " ".join(str(subject).split())
        body = render_to_string(template_name, context)
    email_enqueue(recipients=recipients, subject=subject, body=body, attachments=attachments)


def email_enqueue(
    *,
    recipients: list[str],
    subject: str,
    body: str,
    attachments: list[list[str]] | None = None,
) -> None:
    """Send an already rendered e-mail through the outbox after commit (see ``email_send``).

    For mail another library renders (allauth's account mail), so every e-mail of the
    platform takes the one path that survives a broker or SMTP outage.
    """
    extra = {"attachments": attachments} if attachments else {}
    outbox.enqueue(send_email, recipients=recipients, subject=subject, body=body, **extra)


def user_export_data(*, user: User) -> dict[str, Any]:
    """Everything the platform keeps about ``user``, as JSON-serialisable data."""
    from allauth.account.models import EmailAddress

    data: dict[str, Any] = {
        "account": {
            "email": user.email,
            "name": user.name,
            "hats": list(user.hats),
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "email_addresses": [
                {"email": address.email, "verified": address.verified, "primary": address.primary}
                for address in EmailAddress.objects.filter(user=user).order_by("email")
            ],
        },
        "exported_at": timezone.now().isoformat(),
    }
    for section in registry.personal_data_sections():
        data[section.key] = section.export(user)
    return data


@transaction.atomic
def user_delete(*, user: User) -> None:
    """Erase a person while keeping what others rely on intact.

    Records that other people count on (an event's registrations in its statistics, a
    match a fund responded to) keep pointing at the user row, but that row no longer
    says who it was: name, e-mail, hats and password are wiped, the account cannot log
    in, and every app erases the personal details it keeps (``PersonalData.erase``).
    """
    from allauth.account.models import EmailAddress

    for section in registry.personal_data_sections():
        if section.erase is not None:
            section.erase(user)
    EmailAddress.objects.filter(user=user).delete()
    user.email = f"verwijderd-{user.pk}@anoniem.invalid"
    user.name = ""
    user.hats = []
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.anonymised_at = timezone.now()
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    _delete_sessions_of(user)


def _delete_sessions_of(user: User) -> None:
    """Log the person out everywhere (sessions are not indexed by user, so scan them)."""
    for session in Session.objects.filter(expire_date__gte=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()


def user_update_profile(*, user: User, name: str, hats: list[str]) -> User:
    user.name = name.strip()
    user.hats = hats
    user.save(update_fields=["name", "hats"])
    return user
