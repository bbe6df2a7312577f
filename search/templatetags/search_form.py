from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def select_options(bound_field):
    """A select's <option>s with the chosen one selected, without a template per option."""
    chosen = bound_field.value()
    if chosen in (None, ""):
        chosen = bound_field.field.initial  # what the search uses when nothing was chosen
    chosen = "" if chosen is None else str(chosen)
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (value, mark_safe(" selected") if str(value) == chosen else "", label)
            for value, label in bound_field.field.choices
        ),
    )


# Folded under "Filters (N active)": each ticked connector counts, as a person counts them.
FILTERS = ("min_kw", "available", "free", "open_now", "network", "state")


@register.simple_tag
def active_filter_count(form):
    """How many filters the driver has set, for the folded filters' summary."""
    chosen = form["connector"].value() or []
    return len(chosen) + sum(1 for name in FILTERS if form[name].value() not in (None, "", False))
