from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from sites.models import Site
from stations.models import Station


class ClaimedFilter(admin.SimpleListFilter):
    title = "claimed"
    parameter_name = "claimed"

    def lookups(self, request, model_admin):
        return [("yes", "Claimed"), ("no", "Unclaimed")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.claimed()
        if self.value() == "no":
            return queryset.unclaimed()
        return queryset


class StationLimitFormSet(BaseInlineFormSet):
    """Counts every station added in one save against the owner's plan, not one at a time."""

    def clean(self):
        super().clean()
        self._validate_names_differ()
        new = [
            form.instance
            for form in self.extra_forms
            if form.has_changed() and not self._should_delete_form(form)
        ]
        if new:
            try:
                new[0].validate_station_limit(adding=len(new))
            except ValidationError as error:
                raise ValidationError(error.messages) from None

    def _validate_names_differ(self):
        # Station.clean() only sees saved stations; two new ones named alike would both pass.
        seen = set()
        for form in self.forms:
            name = form.cleaned_data.get("name", "") if hasattr(form, "cleaned_data") else ""
            if not name or self._should_delete_form(form):
                continue
            if name.lower() in seen:
                raise ValidationError(
                    f"Two stations here are named “{name}”. "
                    "Give each station its own name, like “Bank A” and “Bank B”."
                )
            seen.add(name.lower())


class StationInline(admin.TabularInline):
    model = Station
    formset = StationLimitFormSet
    fields = ["name", "network", "manufacturer", "model", "is_published"]
    show_change_link = True
    extra = 0


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ["name", "city", "state", "zip_code", "owner", "origin"]
    list_filter = ["state", ClaimedFilter, "origin"]
    search_fields = ["name", "city", "zip_code"]
    list_select_related = ["owner"]
    autocomplete_fields = ["owner"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [StationInline]
    fieldsets = [
        (None, {"fields": ["name", "street_address", "city", "state", "zip_code"]}),
        ("Map position", {"fields": ["latitude", "longitude"]}),
        ("Ownership and origin", {"fields": ["owner", "origin", "source_id"]}),
        ("Dates", {"fields": ["created_at", "updated_at"]}),
    ]
