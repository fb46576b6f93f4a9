from django.http import Http404


def index(request, *args, **kwargs):
    raise Http404


def feed(request, *args, **kwargs):
    raise Http404


def mine(request, *args, **kwargs):
    raise Http404


def event_create(request, *args, **kwargs):
    raise Http404


def registration_edit(request, *args, **kwargs):
    raise Http404


def registration_cancel(request, *args, **kwargs):
    raise Http404


def registration_ics(request, *args, **kwargs):
    raise Http404


def cancel_by_token(request, *args, **kwargs):
    raise Http404


def duo_answer(request, *args, **kwargs):
    raise Http404


def evaluate(request, *args, **kwargs):
    raise Http404


def series_invite(request, *args, **kwargs):
    raise Http404


def detail(request, *args, **kwargs):
    raise Http404


def register(request, *args, **kwargs):
    raise Http404


def event_ics(request, *args, **kwargs):
    raise Http404


def event_edit(request, *args, **kwargs):
    raise Http404


def event_publish(request, *args, **kwargs):
    raise Http404


def event_duplicate(request, *args, **kwargs):
    raise Http404


def event_cancel(request, *args, **kwargs):
    raise Http404


def programme(request, *args, **kwargs):
    raise Http404


def session_edit(request, *args, **kwargs):
    raise Http404


def dashboard(request, *args, **kwargs):
    raise Http404


def attendees(request, *args, **kwargs):
    raise Http404


def attendees_csv(request, *args, **kwargs):
    raise Http404


def attendees_xlsx(request, *args, **kwargs):
    raise Http404


def attendees_print(request, *args, **kwargs):
    raise Http404


def badges(request, *args, **kwargs):
    raise Http404


def check_in(request, *args, **kwargs):
    raise Http404


def check_in_toggle(request, *args, **kwargs):
    raise Http404


def message(request, *args, **kwargs):
    raise Http404


def evaluation_results(request, *args, **kwargs):
    raise Http404


def evaluation_csv(request, *args, **kwargs):
    raise Http404
