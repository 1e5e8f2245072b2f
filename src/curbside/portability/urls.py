from django.urls import URLPattern, URLResolver, path

from . import export_views, views

app_name = "portability"
urlpatterns: list[URLPattern | URLResolver] = [
    path("import/", views.import_upload, name="import"),
    path("import/<int:pk>/", views.import_preview, name="import_preview"),
    path("import/<int:pk>/report/", views.import_report, name="import_report"),
    path("import/<int:pk>/discard/", views.import_discard, name="import_discard"),
    path("export/", export_views.export, name="export"),
    path("export/download/", export_views.export_download, name="export_download"),
]
