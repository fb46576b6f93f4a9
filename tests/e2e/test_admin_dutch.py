"""The admin as a Dutch staff member sees it: no English and no formal "u" on any admin
page of the models registered in /beheer/ (issue 14: "Can add tagged item", the
organiser picker, "Weet u het zeker?").

Django's own admin markup is not ours, so axe and the Nu checker are not applied here;
the words a staff member reads are.
"""

import os
import re

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.urls import reverse

from matching.models import MatchRun
from netwerkplatform.celery import app
from netwerkplatform.core.demo import DEMO_PASSWORD
from tests.e2e import quality

pytestmark = pytest.mark.django_db(transaction=True)

# What an untranslated admin shows besides the site-wide giveaways: field names Django
# made from the attribute ("Created by:", "Submitted at:", "User:"), its own strings
# missing from its Dutch catalogue, and formal "you".
ADMIN_ENGLISH = re.compile(
    r"\b\w+ (?:by|at):|\b(?:User|Add link|Change or view|After you|Is coordinator)\b"
    r"|\b(?:[Uu] (?:kunt|hebt|bent|wilt)|[Uu]w \w+|[Ww]eet u|[Bb]ent u)\b"
)


def _admin_paths() -> list[str]:
    """The index, each app's index and, per registered model, its list, its add form
    and the change and delete pages of one object (the first), so every form widget
    is shown; and the password change form."""
    paths = [reverse("admin:index")]
    apps = set()
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        apps.add(opts.app_label)
        prefix = f"admin:{opts.app_label}_{opts.model_name}"
        paths.append(reverse(f"{prefix}_changelist"))
        if model_admin.has_add_permission(_StaffRequest):
            paths.append(reverse(f"{prefix}_add"))
        objects = model._default_manager.order_by("pk")
        if model is MatchRun:
            # A run's stored error is Python's own (English) text: data, not wording.
            objects = objects.filter(error="")
        first = objects.first()
        if first is not None:
            paths.append(reverse(f"{prefix}_change", args=[first.pk]))
            if model_admin.has_delete_permission(_StaffRequest, first):
                # "Are you sure?": where Django's own Dutch says "u".
                paths.append(reverse(f"{prefix}_delete", args=[first.pk]))
    paths += [reverse("admin:app_list", args=[label]) for label in sorted(apps)]
    paths.append(reverse("admin:password_change"))
    return paths


class _StaffRequest:
    """Just enough of a request for ``has_add_permission``: the demo staff user is a
    superuser."""

    class user:  # noqa: N801 - mimics request.user
        is_active = is_staff = is_superuser = True

        @staticmethod
        def has_perm(perm, obj=None):
            return True


@pytest.mark.timeout(600)
def test_it_shows_every_admin_page_in_dutch_to_staff(browser, live_server, settings):
    settings.ALLOWED_HOSTS = ["*"]
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    try:
        call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    finally:
        app.conf.task_always_eager = eager
    paths = _admin_paths()

    found = quality.dutch_check(
        browser, live_server.url, ("beheer@demo.nl", DEMO_PASSWORD), paths, ADMIN_ENGLISH
    )

    report = "\n".join([f"admin pages {len(paths)}; English {len(found)}", *found])
    print(report)
    assert len(paths) > 60, report
    assert found == [], report
