"""Forms of initiatieven. They parse and validate input; the services decide."""

from initiatieven.forms.common import (
    MAX_AMOUNT,
    MAX_TEXT,
    MAX_THEMES,
    MunicipalitiesField,
    MunicipalityField,
    RegionMixin,
    ThemesMixin,
    parse_words,
)
from initiatieven.forms.directory import (
    OrganisationSearchForm,
    SearchForm,
)
from initiatieven.forms.initiatives import (
    InitiativeForm,
    NeedForm,
    NeedFormSet,
    OfferForm,
    OfferFormSet,
    OrganisationOfferFormSet,
    RowsFormSet,
)
from initiatieven.forms.memberships import (
    INITIATIVE_INVITE_ROLES,
    ORGANISATION_INVITE_ROLES,
    InvitationForm,
)
from initiatieven.forms.organisations import (
    OrganisationForm,
)
from initiatieven.forms.schemes import (
    FundingSchemeForm,
)
from initiatieven.forms.shortlists import (
    NoteForm,
)

__all__ = [
    "FundingSchemeForm",
    "INITIATIVE_INVITE_ROLES",
    "InitiativeForm",
    "InvitationForm",
    "MAX_AMOUNT",
    "MAX_TEXT",
    "MAX_THEMES",
    "MunicipalitiesField",
    "MunicipalityField",
    "NeedForm",
    "NeedFormSet",
    "NoteForm",
    "ORGANISATION_INVITE_ROLES",
    "OfferForm",
    "OfferFormSet",
    "OrganisationForm",
    "OrganisationOfferFormSet",
    "OrganisationSearchForm",
    "RegionMixin",
    "RowsFormSet",
    "SearchForm",
    "ThemesMixin",
    "parse_words",
]
