# ruff: noqa: E501 - catalogue texts are easier to review as one line each
"""The Netwerkmozaïek catalogue: seven building blocks, their statements and prompts.

Based on the seven building blocks of Platform31's "Meer bereiken met
organisatienetwerken", rewritten in our own words. The catalogue lives in code, not in
the database, because its wording is part of what a round measured: every round stores
the ``version`` it used, and an answer stores only a statement key. When the wording
changes, add a new version next to the old one (never edit a published version), so old
rounds stay readable and comparable where keys are shared.

Texts are English msgids translated through gettext (Dutch is the main language). The
``keywords`` are Dutch search words, not UI text: they find partners whose offered
knowledge mentions a block (see ``next_steps``).
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class Statement:
    key: str
    text: str | Promise


@dataclass(frozen=True)
class Link:
    """A "stem af met" link: how this block relates to another, as a question to discuss."""

    block: str
    prompt: str | Promise


@dataclass(frozen=True)
class BuildingBlock:
    key: str
    name: str | Promise
    aim: str | Promise
    explanation: str | Promise
    statements: tuple[Statement, ...]
    deeper_questions: tuple[str | Promise, ...]
    links: tuple[Link, ...]
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Catalogue:
    version: int
    blocks: tuple[BuildingBlock, ...]

    def block(self, key: str) -> BuildingBlock:
        for block in self.blocks:
            if block.key == key:
                return block
        raise KeyError(key)

    def statement_keys(self) -> list[str]:
        return [statement.key for block in self.blocks for statement in block.statements]

    def block_of_statement(self) -> dict[str, str]:
        return {st.key: block.key for block in self.blocks for st in block.statements}

    def statement(self, key: str) -> Statement:
        for block in self.blocks:
            for statement in block.statements:
                if statement.key == key:
                    return statement
        raise KeyError(key)


OPGAVE = BuildingBlock(
    key="opgave",
    name=pgettext_lazy("building block", "Shared challenge"),
    aim=_("A shared, binding picture of the social issue we work on."),
    explanation=_(
        "Partners come together because they feel that a social problem is urgent. That "
        "problem is complex and nobody can define it alone: the partners shape the "
        "challenge together, keep checking whether their picture still fits a changing "
        "world, and make it the reason the network exists."
    ),
    statements=(
        Statement(
            "opgave.besproken",
            _("We have discussed our shared challenge together and written it down."),
        ),
        Statement(
            "opgave.betrokkenen",
            _(
                "Residents and the professionals who face the problem every day helped to define the challenge."
            ),
        ),
        Statement(
            "opgave.ter_discussie",
            _("There is room to question the challenge, and we look at it again regularly."),
        ),
        Statement(
            "opgave.gevolgd",
            _("We follow how the challenge develops, with facts as well as experiences."),
        ),
        Statement(
            "opgave.eigenaarschap", _("Every partner recognises the challenge as their own.")
        ),
    ),
    deeper_questions=(
        _(
            "Is the challenge neither so broad that anything fits in it, nor so narrow that two or three partners could have tackled it alone?"
        ),
        _(
            "Which other social challenges touch ours, and how do we use those overlaps without getting in each other's way?"
        ),
        _(
            "May partners see the challenge differently and set other priorities, and do we say so openly?"
        ),
        _("What do the facts and independent experts say, and which figures do we keep track of?"),
    ),
    links=(
        Link(
            "waarde",
            _(
                "Is the value we want to create the mirror image of the challenge, and is it enough to really tackle it?"
            ),
        ),
        Link(
            "verankering",
            _(
                "Can people and organisations around the network have their say about the challenge?"
            ),
        ),
        Link(
            "binding",
            _(
                "Is the shared challenge strong enough to hold partners together, even when the work gets difficult?"
            ),
        ),
    ),
    keywords=("opgave", "vraagstuk", "probleemanalyse", "urgentie", "visie"),
)

WAARDE = BuildingBlock(
    key="waarde",
    name=pgettext_lazy("building block", "Value"),
    aim=_("A difference that people value, made explicit and followed over time."),
    explanation=_(
        "A network wants to make a difference. An effect only becomes value when someone "
        "appreciates it: the partners themselves, or residents and society. That value is "
        "why the network exists, so it helps to name it, to check with those who should "
        "appreciate it, and to follow over time whether it comes about."
    ),
    statements=(
        Statement("waarde.verschil", _("It is clear what difference our network wants to make.")),
        Statement(
            "waarde.waardeerders",
            _("We know who values that difference, inside and outside the network."),
        ),
        Statement(
            "waarde.gevolgd",
            _("We follow whether we create that value, for instance with a simple monitor."),
        ),
        Statement(
            "waarde.realistisch",
            _(
                "Our expectations are realistic; we have checked them against experiences elsewhere."
            ),
        ),
        Statement(
            "waarde.zichtbaar", _("We make our results visible and use them in our conversations.")
        ),
    ),
    deeper_questions=(
        _(
            "Have we mapped all the different effects together, and asked those who should value them what they think?"
        ),
        _("Are our high expectations realistic? What do experiences elsewhere and experts say?"),
        _(
            "Does our way of monitoring suit the stage our network is in, and does it also tell us something about how we work together?"
        ),
    ),
    links=(
        Link(
            "opgave",
            _("Does the value we create match the challenge, or do we create value beyond it?"),
        ),
        Link(
            "deelname",
            _(
                "Is it clear what each partner wants to gain from taking part: value for society, for themselves, or both?"
            ),
        ),
        Link(
            "samen_doen",
            _(
                "What do we assume about how our joint work turns into value, and do we test those assumptions?"
            ),
        ),
    ),
    keywords=("waarde", "impact", "effect", "monitor", "meten", "resultaten"),
)

SAMEN_DOEN = BuildingBlock(
    key="samen_doen",
    name=pgettext_lazy("building block", "Doing it together"),
    aim=_("Tangible results: turning good intentions into action."),
    explanation=_(
        "Talking about a challenge only gets you so far; collaboration takes off when "
        "people, time and money go into tangible results. That is hard work across the "
        "borders of everyone's own organisation, so it needs someone who coordinates, sets "
        "deadlines, removes obstacles, and makes time to reflect and celebrate together."
    ),
    statements=(
        Statement(
            "samen_doen.resultaten",
            _("Our network produces tangible results and clear next steps in the short term."),
        ),
        Statement(
            "samen_doen.regie",
            _("It is clear who coordinates our joint work and keeps things moving."),
        ),
        Statement(
            "samen_doen.taken",
            _("We know which tasks the network takes on and which stay with the partners."),
        ),
        Statement(
            "samen_doen.reflectie",
            _("We regularly look back together on what went well and what was difficult."),
        ),
        Statement(
            "samen_doen.steun",
            _("The people who coordinate get the support, time and means they need."),
        ),
    ),
    deeper_questions=(
        _(
            "Do we share a view on how we work towards concrete results, for instance by working in one place?"
        ),
        _("Are our ways of working together written down and known to partners at every level?"),
        _(
            "Who looks after the people who carry the coordination, and do they have enough means and influence?"
        ),
        _(
            "When do we reflect on our work together, including what went less well and where tension lies?"
        ),
    ),
    links=(
        Link(
            "opgave", _("Do we use what we learn by doing to sharpen our picture of the challenge?")
        ),
        Link(
            "deelname",
            _(
                "Is the balance between what partners give and what they get visible in our joint work?"
            ),
        ),
        Link(
            "organisatie",
            _(
                "Is the coordination organised so that it lasts, with someone who drives and connects?"
            ),
        ),
    ),
    keywords=(
        "samen doen",
        "uitvoering",
        "coördinatie",
        "projectmanagement",
        "aanjagen",
        "resultaten",
    ),
)

VERANKERING = BuildingBlock(
    key="verankering",
    name=pgettext_lazy("building block", "Anchoring"),
    aim=_("A lively relationship between the network and the world around it."),
    explanation=_(
        "A network easily looks inward, while its reason to exist lies outside: with "
        "residents, in the neighbourhoods. The people and organisations around the network "
        "give it legitimacy. That asks for knowing who they are, keeping in touch and "
        "giving them a way to influence the network."
    ),
    statements=(
        Statement(
            "verankering.omgeving",
            _(
                "We know who matters in the world around our network and keep that picture up to date."
            ),
        ),
        Statement(
            "verankering.relaties",
            _(
                "We actively maintain relationships with residents, organisations and the municipality around us."
            ),
        ),
        Statement(
            "verankering.steun",
            _("We know there is support for our network and what that support is based on."),
        ),
        Statement(
            "verankering.invloed",
            _("People around the network can influence what the network does."),
        ),
    ),
    deeper_questions=(
        _(
            "Does the way we earn legitimacy fit our own network, our local surroundings and our stage of development?"
        ),
        _(
            "How do we notice changes around us: fixed moments to invite others, visits to key players, a periodic review?"
        ),
    ),
    links=(
        Link(
            "waarde",
            _("Do we actively ask the people around us how they value what the network does?"),
        ),
        Link(
            "deelname",
            _(
                "Do partners know how the other partners justify their part in the network to their own organisation?"
            ),
        ),
        Link(
            "organisatie",
            _(
                "Does the network have its own external communication, and a fixed place for society, such as a sounding board?"
            ),
        ),
    ),
    keywords=(
        "verankering",
        "legitimiteit",
        "draagvlak",
        "communicatie",
        "participatie",
        "omgeving",
    ),
)

DEELNAME = BuildingBlock(
    key="deelname",
    name=pgettext_lazy("building block", "Taking part"),
    aim=_("Commitment to a role and a contribution in the network."),
    explanation=_(
        "Joining a network is a conscious choice that costs time, attention and sometimes "
        "control over your own work. Partners stay committed when their own motives get a "
        "place. The network in turn asks: are the right partners on board, who is in the "
        "core and who in the wider circle, and is giving and taking in balance for each?"
    ),
    statements=(
        Statement(
            "deelname.juiste_partners", _("All the partners the challenge needs are involved.")
        ),
        Statement(
            "deelname.draagvlak",
            _(
                "Within the partner organisations there is enough support for taking part, at management and at staff level."
            ),
        ),
        Statement(
            "deelname.bijdrage", _("It is clear what each partner contributes to the network.")
        ),
        Statement(
            "deelname.balans",
            _("For each partner, what they put in and what they get out is in balance."),
        ),
        Statement(
            "deelname.rollen",
            _(
                "It is clear who is a core partner and who is involved in another way, for instance as adviser or ambassador."
            ),
        ),
    ),
    deeper_questions=(
        _(
            "Do we distinguish kinds of partners: core partners, advisers, ambassadors, others with a lighter role?"
        ),
        _("How open is the network to newcomers, and do outsiders know how to join?"),
        _(
            "Are we open about what it costs partners to take part, and about what they need from each other?"
        ),
    ),
    links=(
        Link(
            "opgave", _("Do all partners recognise the definition of the challenge as theirs too?")
        ),
        Link("waarde", _("Is it clear which value each partner hopes to gain by taking part?")),
        Link(
            "binding",
            _("Do we talk openly about why a partner chooses a certain role or contribution?"),
        ),
    ),
    keywords=("deelname", "partners", "commitment", "rollen", "samenwerking", "netwerkvorming"),
)

BINDING = BuildingBlock(
    key="binding",
    name=pgettext_lazy("building block", "Bonding"),
    aim=_("Lasting connections and trust between the partners."),
    explanation=_(
        "Partners join for the challenge, but the collaboration lasts longer when they "
        "also build real relationships with each other. Trust is like a reservoir that "
        "partners fill together: it carries them through difficult choices and dilemmas, "
        "and gives a safe place to discuss the changes the work asks of them."
    ),
    statements=(
        Statement("binding.vertrouwen", _("Partners in our network trust each other.")),
        Statement(
            "binding.kennen",
            _(
                "There are enough opportunities to get to know each other and each other's interests."
            ),
        ),
        Statement(
            "binding.spelregels",
            _("We have agreed how we treat each other and we hold each other to it."),
        ),
        Statement(
            "binding.spanningen", _("Tensions and dilemmas can be discussed safely in our network.")
        ),
        Statement(
            "binding.gesprek",
            _("We regularly talk about how partners experience working in the network."),
        ),
    ),
    deeper_questions=(
        _(
            "Do partners talk about how they experience the network and whether it brings them enough, and is there room for that?"
        ),
        _(
            "Have we named shared values for working together, such as genuine interest and reliability, and who speaks up when things get difficult?"
        ),
        _(
            "Does the network offer a safe setting to discuss tensions, and who watches over the quality of the conversation?"
        ),
    ),
    links=(
        Link(
            "waarde",
            _(
                "Do partners see the results the network achieves, and do we use them to strengthen our ties?"
            ),
        ),
        Link(
            "deelname", _("Do we make clear why a partner chooses a certain role or contribution?")
        ),
        Link(
            "organisatie",
            _("Are our unwritten rules known? Do we make them explicit when new partners join?"),
        ),
    ),
    keywords=("binding", "vertrouwen", "relaties", "verbinding", "ontmoeting", "dialoog"),
)

ORGANISATIE = BuildingBlock(
    key="organisatie",
    name=pgettext_lazy("building block", "Organisation"),
    aim=_("Clear consultation, decision-making and coordination."),
    explanation=_(
        "A network needs tailor-made organisation: who meets at which table, at the level "
        "of directors, policy and daily work, and where decisions are made. Some networks "
        "share coordination, others have a leading partner or a network manager. Clear "
        "arrangements, including about money, save energy for the work itself."
    ),
    statements=(
        Statement(
            "organisatie.overleg",
            _("Our meetings are well organised and the right people are at the table."),
        ),
        Statement(
            "organisatie.besluitvorming", _("It is clear where and by whom decisions are made.")
        ),
        Statement(
            "organisatie.verantwoordelijk",
            _("It is clear who is responsible for organising the network."),
        ),
        Statement(
            "organisatie.geld",
            _("We have clear arrangements about costs and about finding funding together."),
        ),
        Statement(
            "organisatie.vorm",
            _(
                "The way we are organised suits our network: formal where needed, informal where possible."
            ),
        ),
    ),
    deeper_questions=(
        _(
            "How formal should we be: contracts and a legal entity, or an organisation deliberately built on trust?"
        ),
        _("Should the network present itself to the outside world, and are we equipped for that?"),
        _(
            "Have we discussed the municipality's different roles and how it organises its own part in the network?"
        ),
    ),
    links=(
        Link("deelname", _("Does our way of organising still fit the number of partners we have?")),
        Link(
            "binding",
            _("Which rules do partners hold each other to, and what happens in a conflict?"),
        ),
        Link(
            "samen_doen",
            _(
                "Does our organisation balance room for building ties with delivering visible results?"
            ),
        ),
    ),
    keywords=(
        "organisatie",
        "governance",
        "besluitvorming",
        "regie",
        "procesbegeleiding",
        "netwerkmanagement",
    ),
)

CATALOGUES: dict[int, Catalogue] = {
    1: Catalogue(
        version=1,
        blocks=(OPGAVE, WAARDE, SAMEN_DOEN, VERANKERING, DEELNAME, BINDING, ORGANISATIE),
    ),
}
CURRENT_VERSION = 1

# The keys other apps may store (e.g. ``bijeenkomsten.Session.building_blocks``).
BLOCK_KEYS: tuple[str, ...] = tuple(block.key for block in CATALOGUES[CURRENT_VERSION].blocks)


def catalogue(version: int = CURRENT_VERSION) -> Catalogue:
    return CATALOGUES[version]
