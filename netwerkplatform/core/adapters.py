"""allauth adapter: links in e-mails sent outside a request still point at SITE_URL."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


class AccountAdapter(DefaultAccountAdapter):
    def build_absolute_uri(self, request, location: str, protocol: str | None = None) -> str:
        if request is None:
            return settings.SITE_URL + location
        return super().build_absolute_uri(request, location, protocol)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Account mails (confirmation links, login codes) go through the outbox too: a
        mail server that is down for a moment must not break signing up or logging in."""
        from netwerkplatform.core import outbox
        from netwerkplatform.core.tasks import send_email

        message = self.render_mail(template_prefix, email, context)
        outbox.enqueue(
            send_email, recipients=list(message.to), subject=message.subject, body=message.body
        )
