"""Everything the engine scores, read from initiatieven in a few queries, held as matrices.

Reading is the only contact with the initiatieven app (read-only). A ``Corpus`` holds
three tables — initiatives, open funding schemes and partner organisations with
offers — with their TF-IDF vectors, theme sets and region coverage. A worker process
keeps one corpus in memory (``get_corpus``) so an incremental run only re-reads the
few rows that changed and patches them in.
"""

import copy
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import scipy.sparse as sp
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from sklearn.feature_extraction.text import TfidfVectorizer
from taggit.models import TaggedItem

from initiatieven.models import FundingScheme, Initiative, Need, Offer, Organisation
from initiatieven.selectors import legal_form_ok, stage_eligible
from matching.engine import scoring as sc
from matching.services import decline_facts
from netwerkplatform.core.models import Municipality
from netwerkplatform.core.vocabulary import ResourceKind

RESOURCE_KINDS: tuple[str, ...] = tuple(ResourceKind.values)
KIND_INDEX = {kind: i for i, kind in enumerate(RESOURCE_KINDS)}
STAGE_INDEX = {stage: i for i, stage in enumerate(sc.STAGES)}
# A cached corpus older than this is rebuilt, so words and themes new since the last
# build are picked up even without a full run.
MAX_AGE_S = 15 * 60
# Up to this many cells (8 bytes each, 64 MB) a transposed matrix is kept dense.
DENSE_LIMIT = 8_000_000


@dataclass
class InitiativeRecord:
    id: int
    name: str
    text: str
    municipality_id: int
    province_id: int
    place: str
    province: str
    stage: str
    legal_form: str
    themes: set = field(default_factory=set)
    need_kinds: set = field(default_factory=set)
    offer_kinds: set = field(default_factory=set)
    asks_money: bool = False
    # One entry per open money need (None: no amount named); never summed.
    amounts: list = field(default_factory=list)
    needs: list = field(default_factory=list)  # (kind, description, amount) of open needs
    offers: list = field(default_factory=list)  # (kind, description)
    # (kind, concept) of the non-money needs and of the offers (sc.kind_concepts)
    need_topics: frozenset = frozenset()
    offer_topics: frozenset = frozenset()
    partner_need_topics: frozenset = frozenset()  # what a partner may meet (sc.partner_need_topics)
    text_concepts: frozenset = frozenset()  # what the whole text speaks about
    between_subjects: frozenset = frozenset()  # towards initiatives (sc.subjects_between)
    audience: frozenset = frozenset()  # whom it is for (sc.audience_of)
    people: frozenset = frozenset()  # whom its words name (sc.people_named)
    plain_need_kinds: set = field(default_factory=set)  # kinds of needs met by kind


@dataclass
class TargetRecord:
    """A funding scheme or a partner organisation."""

    id: int
    name: str
    text: str
    scope: str
    provinces: set = field(default_factory=set)
    municipalities: set = field(default_factory=set)
    themes: set = field(default_factory=set)
    subject: set = field(default_factory=set)  # a scheme's main subject (sc.fund_subject)
    text_subjects: frozenset = frozenset()  # what its text speaks about (sc.subjects)
    stated_audience: frozenset = frozenset()  # schemes: whom it says it is for
    stated_people: frozenset = frozenset()  # schemes: sc.stated_people
    for_neighbourhoods: bool = False  # schemes: sc.for_neighbourhoods
    offer_kinds: set = field(default_factory=set)
    organisation: str = ""
    stages: list = field(default_factory=list)
    min_amount: float | None = None
    max_amount: float | None = None
    requires_legal_entity: bool = False
    offers: list = field(default_factory=list)  # (kind, description), partners only
    offer_topics: frozenset = frozenset()  # partners: sc.offer_topics of every offer
    knowledge_subjects: frozenset = frozenset()  # partners: sc.knowledge_subjects


def _themes_of(model, ids) -> dict[int, set]:
    content_type = ContentType.objects.get_for_model(model)
    items = TaggedItem.objects.filter(content_type=content_type)
    if ids is not None:
        items = items.filter(object_id__in=ids)
    themes: dict[int, set] = {}
    for object_id, name in items.values_list("object_id", "tag__name"):
        themes.setdefault(object_id, set()).add(name.lower())
    return themes


def load_initiatives(ids=None) -> list[InitiativeRecord]:
    """Public initiatives (drafts are never suggested), with open needs and offers."""
    records = _initiative_records(ids)
    if not records:
        return []
    wanted = list(records) if ids is not None else None
    for pk, themes in _themes_of(Initiative, wanted).items():
        if pk in records:
            records[pk].themes = themes
    extra_text: dict[int, list[str]] = {}
    _add_needs(records, wanted, extra_text)
    _add_offers(records, wanted, extra_text)
    for pk, texts in extra_text.items():
        records[pk].text += " " + " ".join(texts)
    for record in records.values():
        record.text_concepts = sc.concepts(record.text)
        record.between_subjects = sc.subjects_between(record.text_concepts)
        record.audience = sc.audience_of(record.themes, record.text)
        record.people = sc.people_named(record.text)
    return list(records.values())


def _initiative_records(ids) -> dict[int, InitiativeRecord]:
    """The public initiatives' own fields, by id, in id order."""
    query = Initiative.objects.filter(visibility=Initiative.Visibility.PUBLIC)
    if ids is not None:
        query = query.filter(pk__in=ids)
    records = {}
    for row in query.order_by("pk").values_list(
        "pk",
        "name",
        "pitch",
        "description",
        "municipality_id",
        "municipality__province_id",
        "municipality__name",
        "municipality__province__name",
        "stage",
        "legal_form",
    ):
        pk, name, pitch, description, muni, prov, place, province, stage, legal_form = row
        records[pk] = InitiativeRecord(
            id=pk,
            name=name,
            text=f"{name} {pitch} {description}",
            municipality_id=muni,
            province_id=prov,
            place=place,
            province=province,
            stage=stage,
            legal_form=legal_form,
        )
    return records


def _add_needs(records: dict, wanted, extra_text: dict) -> None:
    """Each open need: its kind and text, a money need's amount (never summed), and
    what a non-money need speaks about (concepts, topics, met by kind alone)."""
    needs = Need.objects.filter(status=Need.Status.OPEN)
    if wanted is not None:
        needs = needs.filter(initiative_id__in=wanted)
    for pk, kind, description, amount in needs.order_by("pk").values_list(
        "initiative_id", "kind", "description", "amount"
    ):
        record = records.get(pk)
        if record is None:
            continue
        record.need_kinds.add(kind)
        extra_text.setdefault(pk, []).append(description)
        amount = None if amount is None else float(amount)
        record.needs.append((kind, description, amount))
        if kind == ResourceKind.MONEY:
            record.asks_money = True
            record.amounts.append(amount)
        else:
            record.need_topics |= sc.kind_concepts(kind, description)
            record.partner_need_topics |= sc.partner_need_topics(kind, description)
            if sc.met_by_kind(kind, description):
                record.plain_need_kinds.add(kind)


def _add_offers(records: dict, wanted, extra_text: dict) -> None:
    """Each offer of an initiative: its kind, its text and what it speaks about."""
    offers = Offer.objects.filter(initiative__isnull=False)
    if wanted is not None:
        offers = offers.filter(initiative_id__in=wanted)
    for pk, kind, description in offers.order_by("pk").values_list(
        "initiative_id", "kind", "description"
    ):
        record = records.get(pk)
        if record is None:
            continue
        record.offer_kinds.add(kind)
        record.offers.append((kind, description))
        record.offer_topics |= sc.kind_concepts(kind, description)
        extra_text.setdefault(pk, []).append(description)


def _regions(model, field_name: str, ids) -> dict[int, set]:
    through = getattr(model, field_name).through
    owner = f"{model._meta.model_name}_id"
    target = f"{'province' if field_name == 'provinces' else 'municipality'}_id"
    query = through.objects.all()
    if ids is not None:
        query = query.filter(**{f"{owner}__in": ids})
    found: dict[int, set] = {}
    for pk, value in query.values_list(owner, target):
        found.setdefault(pk, set()).add(value)
    return found


def load_schemes(ids=None, *, today: date | None = None) -> list[TargetRecord]:
    """Schemes open today of approved funds: the hard rule "scheme active and open"."""
    today = today or timezone.localdate()
    query = FundingScheme.objects.filter(
        is_active=True, organisation__status=Organisation.Status.APPROVED
    ).select_related("organisation")
    if ids is not None:
        query = query.filter(pk__in=ids)
    schemes = [scheme for scheme in query.order_by("pk") if scheme.is_open_on(today)]
    if not schemes:
        return []
    scheme_ids = [scheme.pk for scheme in schemes]
    org_ids = list({scheme.organisation_id for scheme in schemes})
    wanted = scheme_ids if ids is not None else None
    wanted_orgs = org_ids if ids is not None else None
    themes = _themes_of(FundingScheme, wanted)
    provinces = _regions(FundingScheme, "provinces", wanted)
    municipalities = _regions(FundingScheme, "municipalities", wanted)
    org_provinces = _regions(Organisation, "provinces", wanted_orgs)
    org_municipalities = _regions(Organisation, "municipalities", wanted_orgs)
    records = []
    for scheme in schemes:
        org = scheme.organisation
        own = bool(scheme.scope)
        scheme_themes = themes.get(scheme.pk, set())
        main = {t.lower() for t in scheme.main_themes or []}
        text = f"{scheme.name} {scheme.description}"
        records.append(
            TargetRecord(
                id=scheme.pk,
                name=scheme.name,
                text=text,
                text_subjects=sc.text_subjects(sc.concepts(text)),
                stated_audience=sc.stated_audience(scheme_themes, text),
                stated_people=sc.stated_people(scheme_themes, text),
                scope=scheme.scope or org.scope,
                provinces=(provinces if own else org_provinces).get(
                    scheme.pk if own else org.pk, set()
                ),
                municipalities=(municipalities if own else org_municipalities).get(
                    scheme.pk if own else org.pk, set()
                ),
                themes=scheme_themes,
                subject=sc.fund_subject(scheme_themes, main),
                for_neighbourhoods=sc.for_neighbourhoods(scheme_themes, main),
                organisation=org.name,
                stages=list(scheme.eligible_stages or []),
                min_amount=float(scheme.min_amount) if scheme.min_amount is not None else None,
                max_amount=float(scheme.max_amount) if scheme.max_amount is not None else None,
                requires_legal_entity=scheme.requires_legal_entity,
            )
        )
    return records


def load_partners(ids=None) -> list[TargetRecord]:
    """Approved organisations with at least one offer: those can help with a need."""
    offers = Offer.objects.filter(
        organisation__isnull=False, organisation__status=Organisation.Status.APPROVED
    )
    if ids is not None:
        offers = offers.filter(organisation_id__in=ids)
    offered: dict[int, list] = {}
    for pk, kind, description in offers.order_by("pk").values_list(
        "organisation_id", "kind", "description"
    ):
        offered.setdefault(pk, []).append((kind, description))
    if not offered:
        return []
    wanted = list(offered) if ids is not None else None
    themes = _themes_of(Organisation, wanted)
    provinces = _regions(Organisation, "provinces", wanted)
    municipalities = _regions(Organisation, "municipalities", wanted)
    records = []
    for pk, name, description, scope in (
        Organisation.objects.filter(pk__in=list(offered))
        .order_by("pk")
        .values_list("pk", "name", "description", "scope")
    ):
        offers_here = offered[pk]
        records.append(
            TargetRecord(
                id=pk,
                name=name,
                text=" ".join([name, description, *(text for _, text in offers_here)]),
                scope=scope,
                provinces=provinces.get(pk, set()),
                municipalities=municipalities.get(pk, set()),
                themes=themes.get(pk, set()),
                offer_kinds={kind for kind, _ in offers_here},
                offers=list(offers_here),
                offer_topics=frozenset().union(
                    *(sc.offer_topics(kind, text) for kind, text in offers_here)
                ),
                knowledge_subjects=sc.knowledge_subjects(offers_here),
            )
        )
    return records


# Table attributes that are not one entry per row (kept as they are on subset/patch).
_NOT_PER_ROW = frozenset(
    {
        "index",
        "_transposed",
        "_prepared",
        "is_initiative",
        "related_themes",
        "generic_themes",
        "theme_weight",
        "broad_themes",
        "audience_themes",
        "learned",  # what the declines taught (engine.scorers.load_learned), per run
    }
)


class Table:
    """One side's records as arrays; rows are appended on patch and old rows deactivated."""

    def __init__(self, records, corpus: "Corpus", *, is_initiative: bool):
        self.is_initiative = is_initiative
        self.related_themes = corpus.related_themes
        self.generic_themes = corpus.generic_themes
        self.theme_weight = corpus.theme_weight
        self.broad_themes = corpus.broad_themes
        self.audience_themes = corpus.audience_themes
        self.records = list(records)
        self.ids = np.array([r.id for r in self.records], dtype=np.int64)
        self.active = np.ones(len(self.records), dtype=bool)
        self.text = corpus.vectorise([r.text for r in self.records])
        self.themes = corpus.theme_matrix([r.themes for r in self.records])
        self.theme_count = np.array([len(r.themes) for r in self.records], dtype=np.float64)
        if is_initiative:
            self._initiative_columns(self.records, corpus)
        else:
            self._target_columns(self.records, corpus)
        self._transposed = None
        self._prepared = None  # the scorers' arrays, see matching.engine.scorers._prepared
        self.index = {int(pk): i for i, pk in enumerate(self.ids)}

    def _initiative_columns(self, records, corpus: "Corpus") -> None:
        """Place, stage, legal form, money asks, needs and offers of each initiative."""
        self.municipality = np.array([r.municipality_id for r in records], dtype=np.int64)
        self.province = np.array([r.province_id for r in records], dtype=np.int64)
        self.muni_col = np.array(
            [corpus.muni_col.get(r.municipality_id, 0) for r in records], dtype=np.int64
        )
        self.stage = np.array([STAGE_INDEX.get(r.stage, 0) for r in records], dtype=np.int64)
        # the legal-form rule for a scheme that demands a legal entity
        self.informal = np.array(
            [
                not legal_form_ok(legal_form=r.legal_form, requires_legal_entity=True)
                for r in records
            ],
            dtype=bool,
        )
        self.asks_money = np.array([r.asks_money for r in records], dtype=bool)
        # The stated amounts of each initiative's money needs, NaN-padded; an
        # unstated one is a flag (see initiatieven.selectors.money_asks_fit).
        self.amounts = _amounts_matrix([r.amounts for r in records])
        self.amount_unknown = np.array(
            [any(a is None for a in r.amounts) for r in records], dtype=bool
        )
        self.audience = corpus.theme_matrix([r.audience for r in records])
        self.people = _people_matrix([r.people for r in records])
        self._need_and_offer_columns(records)

    def _need_and_offer_columns(self, records) -> None:
        """What the needs and offers are (kinds) and speak about (concepts, topics)."""
        self.need_topics = _topics_matrix([r.need_topics for r in records])
        self.partner_need_topics = _topics_matrix([r.partner_need_topics for r in records])
        self.offer_topics = _topics_matrix([r.offer_topics for r in records])
        self.text_concepts = _concepts_matrix([r.text_concepts for r in records])
        self.needs = _kinds_matrix([r.need_kinds for r in records])
        self.plain_needs = _kinds_matrix([r.plain_need_kinds for r in records])
        self.offers = _kinds_matrix([r.offer_kinds for r in records])
        self.need_count = self.needs.sum(axis=1)

    def _target_columns(self, records, corpus: "Corpus") -> None:
        """Region, offers, stages, amount range and legal-form rule of funds/partners."""
        self.coverage = corpus.coverage_matrix(records)
        self.subject = corpus.theme_matrix([r.subject for r in records])
        self.text_subjects = _concepts_matrix([r.text_subjects for r in records])
        self.stated_audience = corpus.theme_matrix([r.stated_audience for r in records])
        self.stated_people = _people_matrix([r.stated_people for r in records])
        self.for_neighbourhoods = np.array([r.for_neighbourhoods for r in records], dtype=bool)
        self.offers = _kinds_matrix([r.offer_kinds for r in records])
        self.offer_topics = _topics_matrix([r.offer_topics for r in records])
        self.knowledge = _concepts_matrix([r.knowledge_subjects for r in records])
        self.stage_ok = np.array(
            [[stage_eligible(stage=s, stages=r.stages) for s in sc.STAGES] for r in records],
            dtype=bool,
        ).reshape(len(records), len(sc.STAGES))
        self.min_amount = np.array(
            [np.nan if r.min_amount is None else r.min_amount for r in records]
        )
        self.max_amount = np.array(
            [np.nan if r.max_amount is None else r.max_amount for r in records]
        )
        self.requires_entity = np.array([r.requires_legal_entity for r in records], dtype=bool)

    @property
    def n(self) -> int:
        return len(self.records)

    def transposed(self):
        """Text and theme matrices transposed once, for the right side of products.

        A small vocabulary (or few themes) makes the product dense anyway; then a dense
        right side lets BLAS do the work, many times faster than a sparse product.
        """
        if self._transposed is None:
            self._transposed = tuple(
                matrix.T.toarray()
                if matrix.shape[0] * matrix.shape[1] <= DENSE_LIMIT
                else matrix.T.tocsr()
                for matrix in (self.text, self.themes)
            )
        return self._transposed

    def subset(self, rows) -> "Table":
        """The same table restricted to some rows (for scoring one target's column)."""
        part = copy.copy(self)
        for name, value in vars(self).items():
            if name in _NOT_PER_ROW:
                continue
            if isinstance(value, list):
                setattr(part, name, [value[r] for r in rows])
            else:
                setattr(part, name, value[rows])
        part._transposed = None
        part._prepared = None
        part.index = {int(pk): i for i, pk in enumerate(part.ids)}
        return part

    def patch(self, other: "Table", removed_ids) -> None:
        """Deactivate the old rows of changed/removed ids and append the fresh ones."""
        for pk in list(removed_ids) + [int(pk) for pk in other.ids]:
            row = self.index.get(int(pk))
            if row is not None:
                self.active[row] = False
        self._prepared = None
        if other.n == 0:
            return
        offset = self.n
        for name, value in list(vars(self).items()):
            if name in _NOT_PER_ROW:
                continue
            extra = getattr(other, name)
            if isinstance(value, list):
                value.extend(extra)
            elif sp.issparse(value):
                setattr(self, name, sp.vstack([value, extra], format="csr"))
            elif name == "amounts":
                setattr(self, name, np.concatenate(_pad_columns(value, extra)))
            else:
                setattr(self, name, np.concatenate([value, extra]))
        for i, pk in enumerate(other.ids):
            self.index[int(pk)] = offset + i
        self._transposed = None
        self._prepared = None


CONCEPTS: tuple[str, ...] = tuple(sc.DOMAIN_CONCEPTS)


def coverage_matrix(records, muni_pk: np.ndarray, muni_province: np.ndarray) -> np.ndarray:
    """(records × municipalities) region level in milli, 0 where the region does not
    cover the place: the matrix form of ``initiatieven.selectors.Region.covers`` (a
    per-cell call would be too slow), tested against it on random regions."""
    coverage = np.zeros((len(records), len(muni_pk)), dtype=np.int64)
    for row, r in enumerate(records):
        level = sc.region_level_of_scope(r.scope)
        if r.scope == "municipalities":
            coverage[row, np.isin(muni_pk, list(r.municipalities))] = level
        elif r.scope == "provinces":
            coverage[row, np.isin(muni_province, list(r.provinces))] = level
        else:
            coverage[row, :] = level
    return coverage


def _amounts_matrix(amount_lists) -> np.ndarray:
    """Stated amounts per initiative, one column per money need, NaN-padded.

    As wide as the initiative with most stated amounts (at least one column), so the
    range test compares every single need, exactly like the selectors' predicate.
    """
    width = max([1] + [sum(a is not None for a in amounts) for amounts in amount_lists])
    matrix = np.full((len(amount_lists), width), np.nan, dtype=np.float64)
    for row, amounts in enumerate(amount_lists):
        known = [a for a in amounts if a is not None]
        matrix[row, : len(known)] = known
    return matrix


def _pad_columns(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Two NaN-padded matrices made equally wide, for stacking."""
    width = max(a.shape[1], b.shape[1])
    pad = [np.pad(m, ((0, 0), (0, width - m.shape[1])), constant_values=np.nan) for m in (a, b)]
    return pad[0], pad[1]


def _people_matrix(people_sets) -> np.ndarray:
    """One column per ``sc.PEOPLE``: 1 where a text names those people."""
    return np.array(
        [[name in found for name in sc.PEOPLE] for found in people_sets], dtype=np.float32
    ).reshape(len(people_sets), len(sc.PEOPLE))


def _concepts_matrix(concept_sets) -> np.ndarray:
    matrix = np.zeros((len(concept_sets), len(CONCEPTS)), dtype=np.float32)
    for row, found in enumerate(concept_sets):
        for col, name in enumerate(CONCEPTS):
            if name in found:
                matrix[row, col] = 1.0
    return matrix


def topic_columns_of(kinds) -> np.ndarray:
    """Which columns of a topics matrix (``_topics_matrix``) belong to these kinds."""
    return np.repeat([kind in kinds for kind in RESOURCE_KINDS], len(CONCEPTS))


def _topics_matrix(topic_sets) -> np.ndarray:
    """One column per (resource kind, concept): 1 where a need/offer of that kind
    speaks about that concept (``sc.kind_concepts``)."""
    matrix = np.zeros((len(topic_sets), len(RESOURCE_KINDS) * len(CONCEPTS)), dtype=np.float32)
    column = {name: col for col, name in enumerate(CONCEPTS)}
    for row, topics in enumerate(topic_sets):
        for kind, concept in topics:
            if kind in KIND_INDEX:
                matrix[row, KIND_INDEX[kind] * len(CONCEPTS) + column[concept]] = 1.0
    return matrix


def _theme_flags(all_themes, flagged) -> np.ndarray:
    """1.0 for each theme column in ``flagged`` (at least one column, like the matrices)."""
    return np.array([theme in flagged for theme in all_themes] or [False], dtype=np.float32)


def _kinds_matrix(kind_sets) -> np.ndarray:
    matrix = np.zeros((len(kind_sets), len(RESOURCE_KINDS)), dtype=np.float64)
    for row, kinds in enumerate(kind_sets):
        for kind in kinds:
            if kind in KIND_INDEX:
                matrix[row, KIND_INDEX[kind]] = 1.0
    return matrix


class Corpus:
    def __init__(self, initiatives, schemes, partners, *, today: date | None = None):
        self.built_at = time.time()
        self.built_on = timezone.now()
        self.today = today or timezone.localdate()
        self._read_municipalities()
        self._index_themes(initiatives, schemes, partners)
        self._fit_vocabulary([r.text for rows in (initiatives, schemes, partners) for r in rows])
        self.initiatives = Table(initiatives, self, is_initiative=True)
        self.schemes = Table(schemes, self, is_initiative=False)
        self.partners = Table(partners, self, is_initiative=False)
        self._forget_analysed_texts()
        self._hosts: dict[int, list] = {}
        self.hosts_json: dict[int, str] = {}  # the penvoerder reason per place (explain.py)

    def _read_municipalities(self) -> None:
        """The municipality columns of the coverage matrices, with province and name."""
        munis = list(Municipality.objects.order_by("pk").values_list("pk", "province_id", "name"))
        self.muni_col = {pk: col for col, (pk, _, _) in enumerate(munis)}
        self.muni_province = np.array([prov for _, prov, _ in munis], dtype=np.int64)
        self.muni_pk = np.array([pk for pk, _, _ in munis], dtype=np.int64)
        self.muni_name = {pk: name for pk, _, name in munis}

    def _index_themes(self, initiatives, schemes, partners) -> None:
        """One column per theme any side carries, and per column what the scorers need
        to know of it: generic, broad, an audience, its weight, its related themes."""
        all_themes = sorted(
            {t for records in (initiatives, schemes, partners) for r in records for t in r.themes}
        )
        self.theme_col = {theme: col for col, theme in enumerate(all_themes)}
        self.generic_themes = _theme_flags(all_themes, sc.GENERIC_THEMES)
        self.broad_themes = _theme_flags(all_themes, sc.BROAD_THEMES)
        self.audience_themes = _theme_flags(all_themes, sc.AUDIENCE_THEMES)
        # Each theme's specificity among initiatives (scoring.theme_weights), fixed
        # until the next full run like the text vocabulary.
        weights = sc.theme_weights(
            Counter(t for r in initiatives for t in r.themes), len(initiatives)
        )
        self.theme_weight = np.array(
            [weights.get(theme, 0) for theme in all_themes] or [0], dtype=np.float32
        )
        self.related_themes = self._related_matrix(len(all_themes))

    def _related_matrix(self, size: int) -> np.ndarray:
        """(theme × theme) 1 where two themes are related (scoring.RELATED_THEMES)."""
        related = np.zeros((max(size, 1),) * 2, dtype=np.float32)
        for pair in sc.RELATED_THEMES:
            a, b = sorted(pair)
            if a in self.theme_col and b in self.theme_col:
                related[self.theme_col[a], self.theme_col[b]] = 1.0
                related[self.theme_col[b], self.theme_col[a]] = 1.0
        return related

    def _fit_vocabulary(self, docs: list[str]) -> None:
        """The TF-IDF vocabulary over every text, analysing each text only once.

        While building, the stems of each text are cached and reused by the tables'
        transforms (fit, then transform, would run the pure-Python analyser twice over
        every text); fit + transform keeps the vectors bit-identical.
        """
        seen: dict[str, list[str]] = {}

        def analyse_once(text: str) -> list[str]:
            stems = seen.get(text)
            if stems is None:
                stems = seen[text] = sc.analyse(text)
            return stems

        self.vectorizer = TfidfVectorizer(analyzer=analyse_once, sublinear_tf=True)
        try:
            self.vectorizer.fit(docs)
            self.vocabulary_size = len(self.vectorizer.vocabulary_)
        except ValueError:  # no words at all (an empty or wordless platform)
            self.vectorizer = None
            self.vocabulary_size = 1

    def _forget_analysed_texts(self) -> None:
        """Drop the build's cache of stems: later transforms analyse afresh."""
        if self.vectorizer is not None:
            self.vectorizer.set_params(analyzer=sc.analyse)

    @classmethod
    def load(cls, *, today: date | None = None) -> "Corpus":
        return cls(load_initiatives(), load_schemes(today=today), load_partners(), today=today)

    def vectorise(self, texts):
        if self.vectorizer is None or not texts:
            return sp.csr_matrix((len(texts), self.vocabulary_size), dtype=np.float64)
        return self.vectorizer.transform(texts).tocsr()

    def theme_matrix(self, theme_sets):
        rows, cols = [], []
        for row, themes in enumerate(theme_sets):
            for theme in themes:
                col = self.theme_col.get(theme)
                if col is not None:
                    rows.append(row)
                    cols.append(col)
        return sp.csr_matrix(
            (np.ones(len(rows)), (rows, cols)),
            shape=(len(theme_sets), max(len(self.theme_col), 1)),
            dtype=np.float64,
        )

    def coverage_matrix(self, records) -> np.ndarray:
        """Region level (milli) of each fund/partner for each municipality column."""
        return coverage_matrix(records, self.muni_pk, self.muni_province)

    def refresh(self, *, initiative_ids=(), scheme_ids=(), partner_ids=()) -> None:
        """Re-read changed rows and patch them in (gone or no longer eligible = removed)."""
        if initiative_ids:
            fresh = load_initiatives(list(initiative_ids))
            self.initiatives.patch(Table(fresh, self, is_initiative=True), initiative_ids)
        if scheme_ids:
            fresh = load_schemes(list(scheme_ids), today=self.today)
            self.schemes.patch(Table(fresh, self, is_initiative=False), scheme_ids)
        if partner_ids:
            fresh = load_partners(list(partner_ids))
            self.partners.patch(Table(fresh, self, is_initiative=False), partner_ids)
            self._hosts.clear()
            self.hosts_json.clear()

    def fiscal_hosts(self, municipality_id: int, limit: int = 3) -> list[dict]:
        """Partners offering penvoerderschap that work in this place or province, nearest first."""
        if municipality_id not in self._hosts:
            table = self.partners
            col = self.muni_col.get(municipality_id)
            found = []
            if table.n and col is not None:
                offers_hosting = table.offers[:, KIND_INDEX[ResourceKind.FISCAL_HOST]] > 0
                level = table.coverage[:, col]
                # "Nearby" means working in this place or its province, not the country.
                rows = np.flatnonzero(offers_hosting & (level >= sc.REGION_PROVINCE) & table.active)
                rows = sorted(rows, key=lambda r: (-level[r], table.ids[r]))[:limit]
                found = [{"id": int(table.ids[r]), "name": table.records[r].name} for r in rows]
            self._hosts[municipality_id] = found
        return self._hosts[municipality_id]


_cached: Corpus | None = None


def get_corpus(*, fresh_after=None) -> Corpus:
    """This process's corpus; rebuilt when missing, too old or older than ``fresh_after``."""
    global _cached
    stale = (
        _cached is None
        or time.time() - _cached.built_at > MAX_AGE_S
        or _cached.today != timezone.localdate()
        or (fresh_after is not None and _cached.built_on < fresh_after)
    )
    if stale:
        _cached = Corpus.load()
    return _cached


def set_corpus(corpus: Corpus | None) -> None:
    global _cached
    _cached = corpus


def load_learned() -> "sc.Learned":
    """What the stored declines taught (``scoring.learn``), with the themes and places
    of the sides they were about read afresh: one small query per kind involved."""
    facts = decline_facts()
    if not facts:
        return sc.Learned()
    models = {"initiative": Initiative, "scheme": FundingScheme, "partner": Organisation}
    wanted: dict[str, set] = {}
    for _why, decider, other in facts:
        for kind, pk in (decider, other):  # a decider's own themes are never declined
            wanted.setdefault(kind, set()).add(pk)
    themes = {kind: _themes_of(models[kind], ids) for kind, ids in wanted.items()}
    provinces = dict(
        Initiative.objects.filter(pk__in=wanted.get("initiative", ())).values_list(
            "pk", "municipality__province_id"
        )
    )
    return sc.learn(
        facts,
        lambda key: themes[key[0]].get(key[1], set()),
        lambda key: provinces.get(key[1]) if key[0] == "initiative" else None,
    )
