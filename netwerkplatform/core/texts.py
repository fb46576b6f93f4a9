"""Texts of Django and allauth that we translate ourselves.

Their own Dutch catalogues address people formally ("Uw wachtwoord ...") or misspell
("Bevestigings e-mail"), while the site says "je". Our catalogue (LOCALE_PATHS) wins over
theirs, but ``makemessages`` only keeps msgids it finds in our source: listing them here,
word for word as the packages spell them, keeps them in locale/nl. Nothing calls this.
"""

from django.utils.translation import gettext_noop, ngettext


def _overridden_texts() -> list[str]:  # pragma: no cover - read by makemessages only
    return [
        # django.contrib.auth.password_validation: help texts under the password field ...
        gettext_noop("Your password can’t be too similar to your other personal information."),
        gettext_noop("Your password can’t be a commonly used password."),
        gettext_noop("Your password can’t be entirely numeric."),
        ngettext(
            "Your password must contain at least %(min_length)d character.",
            "Your password must contain at least %(min_length)d characters.",
            8,
        ),
        # ... and the messages when a password is refused.
        ngettext(
            "This password is too short. It must contain at least %d character.",
            "This password is too short. It must contain at least %d characters.",
            8,
        ),
        gettext_noop("The password is too similar to the %(verbose_name)s."),
        gettext_noop("This password is too common."),
        gettext_noop("This password is entirely numeric."),
        gettext_noop("Your old password was entered incorrectly. Please enter it again."),
        # allauth
        gettext_noop("Confirmation email sent to %(email)s."),
        gettext_noop("Please contact us if you have any trouble resetting your password."),
        gettext_noop(
            "We have sent you an email. If you have not received it please check your spam"
            " folder. Otherwise contact us if you do not receive it in a few minutes."
        ),
        gettext_noop(
            "We have sent an email to you for verification. Follow the link provided to"
            " finalize the signup process. If you do not see the verification email in your"
            " main inbox, check your spam folder. Please contact us if you do not receive the"
            " verification email within a few minutes."
        ),
        # Django's admin: strings its Dutch catalogue (5.2) lacks
        gettext_noop("Add link"),
        gettext_noop("Change or view list link"),
        gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
        # django.contrib.auth's User admin
        gettext_noop(
            "Designates whether this user should be treated as active. Unselect this instead"
            " of deleting accounts."
        ),
    ]
