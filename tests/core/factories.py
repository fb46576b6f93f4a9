import factory
from allauth.account.models import EmailAddress

from netwerkplatform.core.models import Municipality, User

DEFAULT_PASSWORD = "Netwerk-2026!"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@example.nl")
    name = factory.Sequence(lambda n: f"Persoon {n}")
    hats = factory.LazyFunction(lambda: ["initiatiefnemer"])
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        """``UserFactory(verified=True)`` also records a verified primary address."""
        obj.save()
        if create:
            EmailAddress.objects.create(
                user=obj, email=obj.email, primary=True, verified=bool(extracted)
            )


def municipality(name: str) -> Municipality:
    """Municipalities come from the data migration; tests look them up by name."""
    return Municipality.objects.get(name=name)
