from django import forms

from claims.models import Claim
from claims.proof import sniff


class ClaimForm(forms.ModelForm):
    class Meta:
        model = Claim
        fields = [
            "full_name",
            "title",
            "business_name",
            "contact_email",
            "contact_phone",
            "relationship",
            "proof",
        ]
        widgets = {
            "proof": forms.ClearableFileInput(
                attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}
            ),
            "contact_phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        }

    def clean_proof(self):
        proof = self.cleaned_data["proof"]
        self.instance.proof_type = sniff(proof)
        return proof


class ReviewForm(forms.ModelForm):
    """What support staff decide about a claim, in the admin."""

    decision = forms.ChoiceField(
        choices=[("", "Keep pending"), ("approve", "Approve"), ("reject", "Reject")],
        required=False,
        help_text="Approving makes the claimant the owner, if their plan has room for it.",
    )

    class Meta:
        model = Claim
        fields = ["review_note"]

    def clean(self):
        data = super().clean()
        if data.get("decision") and not self.instance.is_pending:
            self.add_error(
                "decision",
                f"This claim is already {self.instance.get_status_display().lower()}. "
                "To change who manages the location, edit the location's owner.",
            )
        elif data.get("decision") == "reject" and not data.get("review_note", "").strip():
            self.add_error("review_note", "Tell the claimant why the claim is rejected.")
        return data
