"""Owners' pages are never kept in the browser's cache.

After an HTMX change (a port added, another deleted) the Back button would otherwise show
the page as it was first loaded; and a shared computer keeps no copy of an owner's pages.
Public pages (search, a location's page) stay cacheable.
"""

from django.utils.cache import add_never_cache_headers

# Every page under these is an owner's.
OWNER_PATHS = ("/dashboard/",)
# Pages that are an owner's once they are logged in (plan, password change); the login
# and sign-up forms a visitor sees stay as they are.
ACCOUNT_PATHS = ("/accounts/",)
# A claim and its proof document: an owner's, wherever their URL sits.
OWNER_APPS = {"claims"}


class PrivatePagesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        already = "no-store" in response.get("Cache-Control", "")
        if not already and _is_private(request):
            add_never_cache_headers(response)
        return response


def _is_private(request) -> bool:
    path = request.path_info
    if path.startswith(OWNER_PATHS):
        return True
    match = getattr(request, "resolver_match", None)
    if match is not None and match.app_name in OWNER_APPS:
        return True
    return path.startswith(ACCOUNT_PATHS) and request.user.is_authenticated
