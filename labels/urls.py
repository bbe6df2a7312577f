from django.urls import path, register_converter

from labels import views
from labels.codes import CodeConverter

register_converter(CodeConverter, "label_code")

app_name = "labels"
urlpatterns = [
    path("p/<label_code:code>", views.port_page, name="port"),
    path("dashboard/stations/<int:pk>/labels/", views.label_sheet, name="sheet"),
]
