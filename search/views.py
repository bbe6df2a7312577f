from django.shortcuts import render
from django.views.decorators.http import require_safe

from search.query import SearchForm, search

PAGE = "search/locations.html"


@require_safe
def locations(request):
    form = SearchForm(request.GET)
    results = search(form.cleaned_data, form.place) if form.is_valid() else None
    context = {"form": form, "results": results, "map_points": _map_points(results)}
    return render(request, f"{PAGE}#results" if request.htmx else PAGE, context)


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
