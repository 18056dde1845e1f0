"""The project's URLs: the few of the site itself, then every module's pages as its manifest declares."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path

from jinguo.core import modules, pages
from jinguo.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("help/", pages.help_page, name="help"),
    path("i18n/", include("django.conf.urls.i18n")),
]
for m in modules.modules():
    if m.urls:
        prefix = m.label if m.prefix is None else m.prefix
        urlpatterns.append(path(f"{prefix}/" if prefix else "", include(m.urls)))
    if m.public_urls:
        urlpatterns.append(path(m.public_urls[0], include(m.public_urls[1])))

from jinguo.api.api import api  # noqa: E402  (after the modules are discovered; it mounts their routers)

urlpatterns.append(path("api/v1/", api.urls))

if settings.BENCH:
    from django.contrib import admin

    urlpatterns.append(path("bench-admin/", admin.site.urls))
