from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from ports.models import Port
from stations.models import Station


class PortFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        # Port.clean() only sees saved ports; two new ones with one label would both pass.
        seen = set()
        for form in self.forms:
            label = form.cleaned_data.get("label", "") if hasattr(form, "cleaned_data") else ""
            if not label or self._should_delete_form(form):
                continue
            if label in seen:
                raise ValidationError(
                    f"Two ports here are labelled “{label}”. Give each port its own label."
                )
            seen.add(label)


class PortInline(admin.TabularInline):
    model = Port
    formset = PortFormSet
    fields = [
        "connector_type",
        "power_type",
        "max_power_kw",
        "voltage",
        "amperage",
        "status",
        "label",
        "notes",
        "expected_repair_date",
    ]
    show_change_link = True
    extra = 0


@admin.register(Station)
class StationAdmin(admin.ModelAdmin):
    list_display = ["name", "site", "network", "is_published"]
    list_filter = ["is_published", "network"]
    search_fields = ["name", "site__name", "site__city"]
    list_select_related = ["site"]
    autocomplete_fields = ["site"]
    inlines = [PortInline]

    def save_formset(self, request, form, formset, change):
        ports = formset.save(commit=False)
        for port in ports:
            port.updated_by = request.user
            port.save()
        for port in formset.deleted_objects:
            port.delete()
        formset.save_m2m()
