from django import forms
from django.contrib import admin, messages
from django.db.models import Case, When

from helpcenter.models import RequestStatus, SupportRequest


class AnswerForm(forms.ModelForm):
    """What support staff write back; the rest of a request is as its sender wrote it."""

    class Meta:
        model = SupportRequest
        fields = ["answer"]
        widgets = {"answer": forms.Textarea(attrs={"rows": 10, "cols": 80})}

    def clean_answer(self):
        answer = self.cleaned_data["answer"].strip()
        if not answer and self.instance.status == RequestStatus.ANSWERED:
            raise forms.ValidationError(
                "This request was answered: keep its answer, or write a corrected one to send."
            )
        return answer


@admin.register(SupportRequest)
class SupportRequestAdmin(admin.ModelAdmin):
    form = AnswerForm
    list_display = ["created_at", "topic", "requester_display", "location", "status"]
    list_filter = ["status", "topic", "created_at"]
    search_fields = ["name", "email", "message", "location__name", "requester__email"]
    list_select_related = ["location", "requester"]
    readonly_fields = [
        "requester",
        "name",
        "email",
        "topic",
        "location",
        "message",
        "created_at",
        "status",
        "answered_by",
        "answered_at",
    ]
    fieldsets = [
        ("Request", {"fields": ["created_at", "topic", "location", "message"]}),
        ("From", {"fields": ["name", "email", "requester"]}),
        ("Answer", {"fields": ["status", "answer", "answered_by", "answered_at"]}),
    ]

    def get_ordering(self, request):
        # Open first: they are the work.
        return [Case(When(status=RequestStatus.OPEN, then=0), default=1), "-created_at"]

    @admin.display(description="requester", ordering="email")
    def requester_display(self, support_request):
        return f"{support_request.name} <{support_request.email}>"

    def has_add_permission(self, request):
        return False  # requests come from the Contact Support form

    def save_model(self, request, support_request, form, change):
        if "answer" in form.changed_data and support_request.answer:
            support_request.send_answer(support_request.answer, by=request.user)
            messages.success(request, f"Answer mailed to {support_request.email}.")
        else:
            support_request.save()
