from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("curbside.interactions.urls")),
    path("", include("curbside.network.urls")),
    path("", include("curbside.portability.urls")),
    path("", include("curbside.intros.urls")),
    path("", include("curbside.opportunities.urls")),
    path("accounts/", include("curbside.accounts.urls")),
    path("api/v1/", include("curbside.api.urls")),
    path("admin/", admin.site.urls),
]
