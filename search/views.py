import json

from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.safestring import SafeString
from django.views.decorators.http import require_safe

from chargesites import page_cache
from search import clusters
from search.models import refresh_stale
from search.page_keys import results_page
from search.query import SearchForm, search

PAGE = "search/locations.html"
# A results page names the locations it showed here, for analytics to count; a page served
# from the page cache (which keeps headers) names them too. Removed before it leaves.
SHOWN_HEADER = "X-Shown-Locations"


@require_safe
@transaction.non_atomic_requests  # it only reads: see page_cache.serve
def locations(request):
    refresh_stale()  # before the cache is asked: a live status gone stale changes the key
    # Only a visitor's page is cached: no key (two cache reads) for an owner's.
    found = results_page(request) if page_cache.is_visitor(request) else None
    return page_cache.serve(request, found, _locations, atomic=False)


def _locations(request):
    form = SearchForm(request.GET)
    valid = form.is_valid()
    results = search(form.cleaned_data, form.place, stale_checked=True) if valid else None
    points = _map_points(results)
    context = {"form": form, "results": results, "map_points": points, "map_json": _json(points)}
    response = render(request, f"{PAGE}#results" if request.htmx else PAGE, context)
    if results is not None:
        response[SHOWN_HEADER] = ",".join(str(item.site_id) for item in results.items)
    return response


@require_safe
def map_data(request):
    """What is in the map's view, for search-map.js: see search/clusters.py."""
    refresh_stale()
    key, ttl = results_page(request, kind="map")
    # The same for everyone: a country's clusters are asked for again and again.
    answer = cache.get(key)
    if answer is None:
        form = clusters.MapForm(request.GET)
        if not form.is_valid():
            return JsonResponse(_problem(form), status=400)
        answer = clusters.answer(form.cleaned_data, form.place, stale_checked=True)
        cache.set(key, answer, timeout=ttl)
    return JsonResponse(answer)


def _problem(form) -> dict:
    """The first problem in a sentence naming its parameter, and every problem by name."""
    errors = {
        ("lat" if name == "__all__" else name): [error["message"] for error in found]
        for name, found in form.errors.get_json_data().items()
    }
    name, messages = next(iter(errors.items()))
    message = messages[0] if messages[0].startswith(f"{name}:") else f"{name}: {messages[0]}"
    return {"error": message, "errors": errors}


def _json(value) -> SafeString:
    """As the json_script filter writes it: <, > and & as \\u escapes, safe in a <script>.

    By str.replace: json_script's str.translate goes a character at a time through a dict,
    and took longer than building the whole list of results."""
    text = json.dumps(value, cls=DjangoJSONEncoder)
    return SafeString(text.replace(">", "\\u003E").replace("<", "\\u003C").replace("&", "\\u0026"))


def _map_points(results):
    if results is None:
        return []
    return [
        {
            "id": item.site_id,
            "name": item.name,
            "lat": item.latitude,
            "lng": item.longitude,
            "summary": item.summary,
            "tone": item.tone,
            "url": item.url,
        }
        for item in results.items
    ]
