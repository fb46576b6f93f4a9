"""Inviting someone to an initiative or an organisation."""

from django import forms
from django.utils.translation import gettext_lazy as _

from initiatieven.models import (
    Membership,
    OrganisationMember,
)


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"))
    allow_other_address = forms.BooleanField(
        label=_("This person may accept with an account that uses another e-mail address"),
        required=False,
    )

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = roles


INITIATIVE_INVITE_ROLES = [
    (Membership.Role.CORE, _("core team")),
    (Membership.Role.MEMBER, _("member")),
]
ORGANISATION_INVITE_ROLES = OrganisationMember.Role.choices
