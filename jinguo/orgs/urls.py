from django.urls import path

from jinguo.orgs import views

# Mounted at the site's root (the module's prefix is ""): the tree under orgs/, users and roles under users/.
app_name = "orgs"
urlpatterns = [
    path("orgs/", views.tree, name="tree"),
    path("orgs/search/", views.search, name="search"),
    path("orgs/export.xlsx", views.export, name="export"),
    path("orgs/pick/", views.unit_pick, name="pick"),
    path("users/", views.users, name="users"),
    path("users/add/", views.user_add, name="user_add"),
    path("users/memberships/<int:pk>/revoke/", views.membership_remove, name="membership_remove"),
    path("users/memberships/<int:pk>/account/<slug:action>/", views.account_action, name="account_action"),
]
