"""The community's regions on pages the core owns: the location page and the dashboard."""

from django import template

from community.models import CheckIn, Review

register = template.Library()

RECENT = 10  # check-ins and reviews shown on the location page, each


@register.inclusion_tag("community/location_section.html")
def community_section(site):
    """Three queries, however many check-ins and reviews the location has."""
    charged, of = CheckIn.objects.signal_for([site.pk]).get(site.pk, (0, 0))
    return {
        "site": site,
        "charged": charged,
        "of": of,
        "check_ins": list(CheckIn.objects.filter(site=site).newest_first()[:RECENT]),
        "reviews": list(Review.objects.filter(site=site).shown().newest_first()[:RECENT]),
    }


@register.simple_tag
def community_attention(user):
    """The owner's unanswered negative check-ins and low reviews: two queries. Set with
    `as`, so the dashboard knows whether anything needs attention at all."""
    return {
        "check_ins": list(
            CheckIn.objects.for_owner(user)
            .negative()
            .unanswered()
            .newest_first()
            .select_related("site")
        ),
        "reviews": list(
            Review.objects.for_owner(user)
            .shown()
            .low()
            .unanswered()
            .newest_first()
            .select_related("site")
        ),
    }
