"""Sign-up that does not tell whether an address already has an account.

allauth prevents enumeration on sign-up only with mandatory e-mail verification; here
verification is optional (people may look around first), so allauth would answer
"a user is already registered with this address". Instead the form accepts the address:
no account is made, nobody is logged in, the owner of the address gets allauth's
"someone tried to sign up with your address" mail, and the answer is the same redirect
a new account gets.

Limit (written down for the lead): a new account is logged in at once, so whoever
*follows* that redirect sees "Mijn overzicht" for a new address and the login page for
a known one. Only mandatory verification (ACCOUNT_EMAIL_VERIFICATION="mandatory")
closes that, at the price of logging in only after clicking the mail link.
"""

from allauth.account.adapter import get_adapter
from allauth.account.forms import SignupForm
from django import forms
from django.shortcuts import redirect


class EnumerationSafeSignupForm(SignupForm):
    def clean_email(self):
        try:
            return super().clean_email()
        except forms.ValidationError as error:
            if not any(getattr(e, "code", None) == "email_taken" for e in error.error_list):
                raise
            self.account_already_exists = True
            return get_adapter().clean_email(self.cleaned_data["email"].lower())

    def try_save(self, request):
        if not self.account_already_exists:
            return super().try_save(request)
        adapter = get_adapter()
        adapter.send_account_already_exists_mail(self.cleaned_data["email"])
        return None, redirect(adapter.get_signup_redirect_url(request))
