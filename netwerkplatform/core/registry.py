"""Small registries through which apps contribute to pages core owns.

Core must not import the apps' internals (DESIGN.md, convention 10), yet "Mijn
overzicht", the home page, an initiative's profile, the demo data and the privacy
export/delete span all apps.
Each app registers what it contributes in its ``AppConfig.ready()``; core only
iterates. Order is explicit so pages do not depend on app loading order.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest


@dataclass(frozen=True)
class Block:
    """A card on a page core owns ("Mijn overzicht" or the home page);
    ``get_context(request)`` returns None when it has nothing to show."""

    key: str
    template: str
    get_context: Callable[[HttpRequest], dict[str, Any] | None]
    order: int = 100


# The two pages take the same kind of block; the names say where it goes.
DashboardBlock = Block
HomeBlock = Block


@dataclass(frozen=True)
class ProfileSection:
    """A section on an initiative's public profile contributed by another app (events it
    took part in, matches it made, its Netwerkmozaïek summary), so ``initiatieven`` shows
    them without importing those apps. ``get_context(request, initiative)`` returns None
    when there is nothing to show."""

    key: str
    template: str
    get_context: Callable[[HttpRequest, Any], dict[str, Any] | None]
    order: int = 100


@dataclass(frozen=True)
class PersonalData:
    """What an app keeps about a person: how to export it and how to erase it.

    ``erase`` removes or anonymises the app's records of the person; it runs inside the
    account deletion's transaction, before the user row itself is anonymised.
    """

    key: str
    export: Callable[[Any], Any]
    erase: Callable[[Any], None] | None = None


@dataclass(frozen=True)
class DemoLoader:
    """Loads one app's demo data idempotently; returns demo logins as (role, email)."""

    key: str
    load: Callable[[], list[tuple[str, str]]]
    order: int = 100


@dataclass(frozen=True)
class EventSection:
    """Something another app shows on an event's pages without ``bijeenkomsten``
    importing it (the dates: a tab for organisers, "Wie kun je hier ontmoeten?" on the
    registration). ``where`` names the spot: "event_page", "organiser_nav",
    "registration" or "my_registrations". ``get_context(request, event)`` returns None
    when there is nothing to show."""

    key: str
    where: str
    template: str
    get_context: Callable[[HttpRequest, Any], dict[str, Any] | None]
    order: int = 100


@dataclass(frozen=True)
class RegistrationExtra:
    """An optional part of an event's registration form contributed by another app.
    ``get_form(request, event, data)`` returns a form (or None when it does not apply);
    ``save(form, registration)`` runs once the registration exists."""

    key: str
    get_form: Callable[[HttpRequest, Any, Any], Any]
    save: Callable[[Any, Any], None]
    template: str = ""
    order: int = 100


_dashboard_blocks: dict[str, DashboardBlock] = {}
_event_sections: dict[tuple[str, str], EventSection] = {}
_registration_extras: dict[str, RegistrationExtra] = {}
_home_blocks: dict[str, HomeBlock] = {}
_profile_sections: dict[str, ProfileSection] = {}
_personal_data: dict[str, PersonalData] = {}
_demo_loaders: dict[str, DemoLoader] = {}


def register_dashboard_block(block: DashboardBlock) -> None:
    _dashboard_blocks[block.key] = block


def register_home_block(block: HomeBlock) -> None:
    _home_blocks[block.key] = block


def register_event_section(section: EventSection) -> None:
    _event_sections[(section.where, section.key)] = section


def register_registration_extra(extra: RegistrationExtra) -> None:
    _registration_extras[extra.key] = extra


def event_sections(where: str) -> list[EventSection]:
    return sorted(
        (s for s in _event_sections.values() if s.where == where),
        key=lambda section: (section.order, section.key),
    )


def registration_extras(request, event, data=None) -> list[dict[str, Any]]:
    """The extra forms for this event's registration form, as ``{"extra", "form"}``."""
    found = []
    for extra in sorted(_registration_extras.values(), key=lambda e: (e.order, e.key)):
        form = extra.get_form(request, event, data)
        if form is not None:
            found.append({"extra": extra, "form": form, "template": extra.template})
    return found


def register_profile_section(section: ProfileSection) -> None:
    _profile_sections[section.key] = section


def register_personal_data(section: PersonalData) -> None:
    _personal_data[section.key] = section


def register_demo_loader(loader: DemoLoader) -> None:
    _demo_loaders[loader.key] = loader


def collect(contributions, *args) -> list[dict[str, Any]]:
    """Call each contribution's ``get_context(*args)`` and keep those with something to
    show, as ``{"key", "template", "context"}`` for a template to include."""
    collected = []
    for contribution in contributions:
        context = contribution.get_context(*args)
        if context is not None:
            collected.append(
                {"key": contribution.key, "template": contribution.template, "context": context}
            )
    return collected


def dashboard_blocks() -> list[DashboardBlock]:
    return sorted(_dashboard_blocks.values(), key=lambda block: (block.order, block.key))


def home_blocks() -> list[HomeBlock]:
    return sorted(_home_blocks.values(), key=lambda block: (block.order, block.key))


def profile_sections() -> list[ProfileSection]:
    return sorted(_profile_sections.values(), key=lambda section: (section.order, section.key))


def personal_data_sections() -> list[PersonalData]:
    return sorted(_personal_data.values(), key=lambda section: section.key)


def demo_loaders() -> list[DemoLoader]:
    return sorted(_demo_loaders.values(), key=lambda loader: (loader.order, loader.key))


@dataclass(frozen=True)
class EventMoveHook:
    """Something another app keeps at an event's time (the dates' slots) that must move
    when the organiser moves the event, without ``bijeenkomsten`` importing that app.

    ``count(event)`` says how many items would move (shown before the organiser
    confirms); ``move(event, shift)`` moves them by the wall-clock ``shift`` (a
    ``datetime.timedelta`` in Europe/Amsterdam local time) and returns how many moved.
    Both run inside the move's transaction.
    """

    key: str
    label: str
    count: Callable[[Any], int]
    move: Callable[[Any, Any], int]


_event_move_hooks: dict[str, EventMoveHook] = {}


def register_event_move_hook(hook: EventMoveHook) -> None:
    _event_move_hooks[hook.key] = hook


def event_move_hooks() -> list[EventMoveHook]:
    return sorted(_event_move_hooks.values(), key=lambda hook: hook.key)


@dataclass(frozen=True)
class BlockSessions:
    """Where the Netwerkmozaïek finds workshops for a building block without
    ``initiatieven`` importing the app that holds them (``bijeenkomsten``).

    ``find(block_key=..., limit=..., now=...)`` returns the upcoming sessions tagged with
    the block, soonest first."""

    key: str
    find: Callable[..., list]


_block_sessions: dict[str, BlockSessions] = {}


def register_block_sessions(source: BlockSessions) -> None:
    _block_sessions[source.key] = source


def block_sessions(block_key: str, *, limit: int, now=None) -> list:
    """The sessions every registered source offers for the block, at most ``limit``."""
    found: list = []
    for source in sorted(_block_sessions.values(), key=lambda s: s.key):
        found.extend(source.find(block_key=block_key, limit=limit, now=now))
    return found[:limit]
