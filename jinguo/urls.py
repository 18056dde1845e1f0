from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path

from jinguo.api.api import api
from jinguo.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("orgs/", include("jinguo.orgs.urls")),
    path("people/", include("jinguo.people.urls")),
    path("dashboard/", include("jinguo.stats.urls")),
    path("planning/", include("jinguo.planning.urls")),
    path("outreach/", include("jinguo.outreach.urls")),
    path("study/", include("jinguo.study.urls")),
    path("contest/", include("jinguo.contest.urls")),
    path("c/", include("jinguo.outreach.urls_public")),
    path("", include("jinguo.core.urls")),
    path("api/v1/", api.urls),
]

if settings.BENCH:
    from django.contrib import admin

    urlpatterns.append(path("bench-admin/", admin.site.urls))
