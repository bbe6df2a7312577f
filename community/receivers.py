"""How check-ins and reviews reach the rest of the site without the core knowing of them."""

from django.db.models import Count

from community.models import CheckIn, Outcome


def could_not_charge(port_ids, since, open_only):
    """ "Couldn't charge" check-ins per port, counted with "Not working" reports toward flagging
    (reports.models.flag_port_if_needed). Answering one is the owner dealing with it."""
    check_ins = CheckIn.objects.filter(
        outcome=Outcome.COULD_NOT, created_at__gte=since, port__isnull=False
    )
    if open_only:
        check_ins = check_ins.unanswered()
    if port_ids is not None:
        check_ins = check_ins.filter(port_id__in=port_ids)
    return dict(check_ins.values_list("port_id").annotate(n=Count("pk")))
