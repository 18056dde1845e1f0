"""Django admin changelists used only as a benchmark baseline (JINGUO_BENCH=1 installs the admin).

The registry's changelist is here; each module registers its own in its bench module (outreach: lectures).
"""

from django.apps import apps

if apps.is_installed("django.contrib.admin"):
    from django.contrib import admin

    from jinguo.people.models import Person

    @admin.register(Person)
    class PersonAdmin(admin.ModelAdmin):
        list_display = ["name", "gender", "ethnicity", "id_number_masked", "phone_masked", "org"]
        list_filter = ["gender", "ethnicity"]
        search_fields = ["name"]
        list_select_related = ["org"]
