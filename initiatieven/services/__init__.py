"""Business logic of initiatieven: initiatives, memberships, organisations, schemes, shortlists.

Every function checks who may do it and raises ``InitiativeError`` (a translated
message the view shows) rather than trusting the view to have checked. The matching
app reacts to saved initiatives, needs, offers and schemes through Django's model
signals, so this app never imports it (DESIGN.md, convention 10).
"""

from initiatieven.services.common import (
    RESERVED_SLUGS,
    InitiativeError,
    ResourceRow,
    can_act_for,
    can_edit_initiative,
    is_initiator,
    is_organisation_admin,
    unique_slug,
)
from initiatieven.services.initiatives import (
    initiative_create,
    initiative_search_refresh,
    initiative_set_visibility,
    initiative_update,
)
from initiatieven.services.memberships import (
    invitation_accept,
    invitation_create,
    invitation_may_accept,
    membership_hand_over,
    membership_remove,
    membership_set_role,
    membership_set_visible,
)
from initiatieven.services.organisations import (
    organisation_decide,
    organisation_member_remove,
    organisation_member_set_role,
    organisation_request,
    organisation_update,
)
from initiatieven.services.personal_data import (
    personal_data_erase,
    personal_data_export,
)
from initiatieven.services.schemes import (
    scheme_save,
)
from initiatieven.services.shortlists import (
    shortlist_add,
    shortlist_csv,
    shortlist_remove,
    shortlist_update_note,
)

__all__ = [
    "InitiativeError",
    "RESERVED_SLUGS",
    "ResourceRow",
    "can_act_for",
    "can_edit_initiative",
    "initiative_create",
    "initiative_search_refresh",
    "initiative_set_visibility",
    "initiative_update",
    "invitation_accept",
    "invitation_may_accept",
    "invitation_create",
    "is_initiator",
    "is_organisation_admin",
    "membership_hand_over",
    "membership_remove",
    "membership_set_role",
    "membership_set_visible",
    "organisation_decide",
    "organisation_member_remove",
    "organisation_member_set_role",
    "organisation_request",
    "organisation_update",
    "personal_data_erase",
    "personal_data_export",
    "scheme_save",
    "shortlist_add",
    "shortlist_csv",
    "shortlist_remove",
    "shortlist_update_note",
    "unique_slug",
]
