"""Our own Dutch for a few of allauth's phrases.

allauth's Dutch translation says "Aanmelden" for signing in. On this platform people
"aanmelden" for events, so signing in must be "Inloggen" and signing up "Account
aanmaken". Marking allauth's msgids here puts them in our catalogue (locale/nl), which
takes precedence over allauth's own.
"""

from django.utils.translation import gettext_noop

ALLAUTH_MSGIDS = (
    gettext_noop("Sign In"),
    gettext_noop("Sign Up"),
    gettext_noop("Signup"),
    gettext_noop("Sign Out"),
    gettext_noop("Send me a sign-in code"),
    gettext_noop("Enter Sign-In Code"),
    gettext_noop("Sign-In Code"),
    gettext_noop("Other sign-in options"),
    gettext_noop("A sign-in code has been sent to %(recipient)s."),
    gettext_noop("You will receive a special code for a password-free sign-in."),
    gettext_noop(
        "If you have not created an account yet, then please %(link)ssign up%(end_link)s first."
    ),
    gettext_noop("Already have an account? Then please %(link)ssign in%(end_link)s."),
)
