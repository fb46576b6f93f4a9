"""Daily caps on outgoing invitations, for every kind (mozaïek, team, organisation, duo,
series, event messages): the platform must not become a way to mail strangers.

One rule, one home: a sender must have a verified address, and per calendar day at most
``INVITATIONS_PER_PERSON_PER_DAY`` invitations per person and
``INVITATIONS_PER_ORGANISATION_PER_DAY`` per initiative/organisation/event they send for.
Counters live in the cache (Redis in production) with a two-day expiry: losing them
only ever resets a cap, never blocks anyone for longer than a day.
"""

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _

from netwerkplatform.core.errors import DomainError

SECONDS = 2 * 24 * 3600


class InvitationLimitError(DomainError):
    """A daily cap is reached; ``message`` is translated for the sender."""


def _key(scope: str) -> str:
    return f"invitation-cap:{timezone.localdate().isoformat()}:{scope}"


def _used(scope: str) -> int:
    return int(cache.get(_key(scope)) or 0)


def invitations_reserve(*, sender, count: int, on_behalf_of: str) -> None:
    """Check and count ``count`` invitations by ``sender`` for ``on_behalf_of`` (a stable
    key such as ``"initiative:12"``). Raises ``InvitationLimitError`` and counts nothing
    when a cap would be passed or the sender is not verified."""
    if not getattr(sender, "has_verified_email", False):
        raise InvitationLimitError(
            _("Confirm your e-mail address first; then you can invite people.")
        )
    per_person = settings.INVITATIONS_PER_PERSON_PER_DAY
    per_organisation = settings.INVITATIONS_PER_ORGANISATION_PER_DAY
    person_scope, organisation_scope = f"user:{sender.pk}", on_behalf_of
    if _used(person_scope) + count > per_person:
        raise InvitationLimitError(
            _("You can send at most %(max)s invitations a day. Try again tomorrow.")
            % {"max": per_person}
        )
    if _used(organisation_scope) + count > per_organisation:
        raise InvitationLimitError(
            _(
                "At most %(max)s invitations a day can go out on behalf of one initiative, "
                "organisation or event. Try again tomorrow."
            )
            % {"max": per_organisation}
        )
    for scope in (person_scope, organisation_scope):
        key = _key(scope)
        cache.add(key, 0, SECONDS)
        try:
            cache.incr(key, count)
        except ValueError:  # expired between add and incr
            cache.set(key, count, SECONDS)
