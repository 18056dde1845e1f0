"""An objector's contact is stored encrypted, with its masked form for the lists; existing rows are encrypted."""

from django.db import migrations, models


def encrypt_contacts(apps, schema_editor):
    from jinguo.core import crypto
    from jinguo.honors.models import Objection as Current

    Objection = apps.get_model("honors", "Objection")
    for o in Objection.objects.exclude(contact="").only("pk", "contact").iterator():
        Objection.objects.filter(pk=o.pk).update(
            contact_enc=crypto.encrypt(o.contact), contact_shown=Current.mask_contact(o.contact)
        )


class Migration(migrations.Migration):
    dependencies = [("honors", "0002_programme_stages_social_publicity_recommendations")]

    operations = [
        migrations.AddField(
            model_name="objection", name="contact_enc", field=models.TextField(default="", editable=False)
        ),
        migrations.AddField(
            model_name="objection",
            name="contact_shown",
            field=models.CharField(default="", editable=False, max_length=60, verbose_name="phone or e-mail"),
        ),
        migrations.RunPython(encrypt_contacts, migrations.RunPython.noop),
        migrations.RemoveField(model_name="objection", name="contact"),
    ]
