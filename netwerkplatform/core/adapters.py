"""allauth adapter: account mail goes through the outbox like all other mail, and links
in e-mails sent outside a request still point at SITE_URL."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.core.mail import EmailMultiAlternatives

from netwerkplatform.core.services import email_enqueue


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Render allauth's mail (confirm address, reset password …) here, in the
        person's language, and send it after commit through the outbox: a sign-up must
        not fail, nor its confirmation get lost, because SMTP is down at that moment."""
        message = self._rendered(template_prefix, email, context)
        if isinstance(message, EmailMultiAlternatives) and message.alternatives:
            message.send()  # our account mail is plain text; keep an HTML one intact
            return
        email_enqueue(recipients=list(message.to), subject=message.subject, body=message.body)

    def _rendered(self, template_prefix: str, email: str, context: dict):
        """What ``DefaultAccountAdapter.send_mail`` renders, without sending it."""
        request = allauth_context.request
        ctx = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
            **context,
        }
        return self.render_mail(template_prefix, email, ctx)

    def build_absolute_uri(self, request, location: str, protocol: str | None = None) -> str:
        if request is None:
            return settings.SITE_URL + location
        return super().build_absolute_uri(request, location, protocol)
