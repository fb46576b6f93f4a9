"""The events demo (make demo) loads the same events again without duplicates."""

import pytest

from bijeenkomsten import demo
from bijeenkomsten.models import Evaluation, Event, Registration
from netwerkplatform.core.demo import load_people

pytestmark = pytest.mark.django_db


def test_it_loads_the_demo_events_twice_without_duplicates():
    load_people()
    demo.load()
    demo.load()
    assert sorted(Event.objects.values_list("slug", flat=True)) == [
        "leerkring-hellendoorn-1",
        "leerkring-hellendoorn-2",
        "rollingstone-makassarplein",
        "rollingstone-stadslab-leiden",
        "samen-doen-zwolle",
    ]
    past = Event.objects.get(slug="rollingstone-stadslab-leiden")
    assert Registration.objects.filter(event=past).count() == 4
    assert Evaluation.objects.filter(registration__event=past).count() == 4
    assert Event.objects.get(slug="samen-doen-zwolle").rounds.count() == 3
