"""allauth adapter: links in e-mails sent outside a request still point at SITE_URL."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


class AccountAdapter(DefaultAccountAdapter):
    def build_absolute_uri(self, request, location: str, protocol: str | None = None) -> str:
        if request is None:
            return settings.SITE_URL + location
        return super().build_absolute_uri(request, location, protocol)
