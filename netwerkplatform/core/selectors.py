"""Who owns an e-mail address: the one rule every app uses before trusting an address.

Anyone can sign up with any address, so an address proves identity only once the
account verified it (allauth's ``EmailAddress.verified``). Nothing tied to an address —
an invitation of any kind, mozaïek answers, a place on a closed series, the contents
of a personal-data export, what an account deletion erases — may be linked to an
account through an unverified address. Every app asks these functions instead of
comparing ``user.email`` itself.
"""

from __future__ import annotations

from allauth.account.models import EmailAddress

from netwerkplatform.core.models import User


def verified_emails(user) -> set[str]:
    """The addresses this account proved it reads, lower-cased (empty when anonymous)."""
    if user is None or not getattr(user, "is_authenticated", False) or user.pk is None:
        return set()
    return {
        address.lower()
        for address in EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
    }


def user_owns_address(user, email: str) -> bool:
    """Whether ``user`` verified exactly ``email`` (case-insensitive)."""
    if not email:
        return False
    return email.strip().lower() in verified_emails(user)


def user_with_verified_address(email: str) -> User | None:
    """The account that verified ``email``, if any (allauth keeps a verified address
    unique across accounts)."""
    if not email:
        return None
    address = (
        EmailAddress.objects.filter(email__iexact=email.strip(), verified=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return address.user if address else None
