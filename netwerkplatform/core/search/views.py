"""The header search: one box, results grouped by kind, each group linking to its list."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from netwerkplatform.core.search.sections import search_sections
from netwerkplatform.core.search.suggest import suggest

HITS_PER_SECTION = 5


def _run(q: str) -> list[dict]:
    groups = []
    for section in search_sections():
        count, hits = section.search(q, HITS_PER_SECTION)
        groups.append(
            {
                "key": section.key,
                "title": section.title,
                "count": count,
                "hits": hits,
                "more_url": section.more_url(q),
            }
        )
    return groups


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    q = " ".join(request.GET.get("q", "").split())[:200]
    groups, suggestion, original = [], None, ""
    if q:
        groups = _run(q)
        if not any(group["count"] for group in groups):
            corrected = suggest(q)
            if corrected:
                corrected_groups = _run(corrected)
                if any(group["count"] for group in corrected_groups):
                    groups, suggestion, original, q = corrected_groups, corrected, q, corrected
    return render(
        request,
        "core/search.html",
        {
            "q": q,
            "original": original,
            "suggestion": suggestion,
            "groups": groups,
            "total": sum(group["count"] for group in groups),
        },
    )
