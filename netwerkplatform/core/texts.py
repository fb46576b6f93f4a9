"""Texts of Django and allauth that we translate ourselves.

Their own Dutch catalogues address people formally ("Uw wachtwoord ...") or misspell
("Bevestigings e-mail"), while the site says "je". Our catalogue (LOCALE_PATHS) wins over
theirs, but ``makemessages`` only keeps msgids it finds in our source: listing them here,
word for word as the packages spell them, keeps them in locale/nl. Nothing calls this.
"""

from django.utils.translation import gettext_noop, ngettext


def _overridden_texts() -> list[str]:  # pragma: no cover - read by makemessages only
    """Long because it is a list: one entry per text, nothing to split."""
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
        # Django's admin, which addresses staff formally in its own Dutch
        gettext_noop("Are you sure?"),
        gettext_noop("You may edit it again below."),
        gettext_noop(
            "The {name} “{obj}” was added successfully. You may add another {name} below."
        ),
        gettext_noop(
            "The {name} “{obj}” was changed successfully. You may edit it again below."
        ),
        gettext_noop(
            "The {name} “{obj}” was changed successfully. You may add another {name} below."
        ),
        gettext_noop(
            "There’s been an error. It’s been reported to the site administrators via email"
            " and should be fixed shortly. Thanks for your patience."
        ),
        gettext_noop("You don’t have permission to view or edit anything."),
        gettext_noop(
            "First, enter a username and password. Then, you’ll be able to edit more user"
            " options."
        ),
        gettext_noop(
            "Deleting the %(object_name)s '%(escaped_object)s' would result in deleting"
            " related objects, but your account doesn't have permission to delete the"
            " following types of objects:"
        ),
        gettext_noop(
            'Are you sure you want to delete the %(object_name)s "%(escaped_object)s"? All'
            " of the following related items will be deleted:"
        ),
        gettext_noop(
            "Deleting the selected %(objects_name)s would result in deleting related"
            " objects, but your account doesn't have permission to delete the following"
            " types of objects:"
        ),
        gettext_noop(
            "Are you sure you want to delete the selected %(objects_name)s? All of the"
            " following objects and their related items will be deleted:"
        ),
        gettext_noop(
            "You are authenticated as %(username)s, but are not authorized to access this"
            " page. Would you like to login to a different account?"
        ),
        gettext_noop("Your password was changed."),
        gettext_noop(
            "Please enter your old password, for security’s sake, and then enter your new"
            " password twice so we can verify you typed it in correctly."
        ),
        # django.contrib.auth's User admin
        gettext_noop(
            "Designates whether this user should be treated as active. Unselect this instead"
            " of deleting accounts."
        ),
    ]
