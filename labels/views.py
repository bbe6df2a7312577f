"""A port's QR label: the sheet its owner prints, and the page a driver's phone opens."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from labels.models import PortLabel
from ports.models import Port
from ports.vocabulary import PortStatus
from stations.models import Station


def _get_station(request, pk):
    return get_object_or_404(Station.objects.for_owner(request.user).select_related("site"), pk=pk)


@require_safe
@login_required
def label_sheet(request, pk):
    station = _get_station(request, pk)
    # A decommissioned port is gone from the hardware: no sticker for it.
    ports = list(station.ports.exclude(status=PortStatus.DECOMMISSIONED))
    PortLabel.objects.issue_missing([port.pk for port in ports])
    labels = PortLabel.objects.filter(port__in=ports).select_related("port").order_by("port")
    return render(request, "labels/label_sheet.html", {"station": station, "labels": labels})


@require_safe
def port_page(request, code):
    label = get_object_or_404(PortLabel.objects.select_related("port__station__site"), code=code)
    port = label.port
    now = timezone.now()
    context = {
        "label": label,
        "port": port,
        "station": port.station,
        "site": port.station.site,
        # The rule for what drivers see is the port's own, not re-decided here.
        "listed": Port.objects.listed().filter(pk=port.pk).exists(),
        "live": port.live_now(now),
        "decommissioned": port.current_status is PortStatus.DECOMMISSIONED,
    }
    return render(request, "labels/port_page.html", context)
