from django.urls import URLPattern, URLResolver

app_name = "intros"
urlpatterns: list[URLPattern | URLResolver] = []
