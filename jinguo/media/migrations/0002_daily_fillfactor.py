"""PostgreSQL: leave a tenth of each page of the daily rows free, so a re-imported day (platform exports overlap
week on week) is updated in place (a HOT update: none of the four indexes touched)."""

from django.db import migrations

from jinguo.core.dbtune import fillfactor


class Migration(migrations.Migration):
    dependencies = [("media", "0001_initial")]
    operations = [fillfactor("media_dailymetric", 90)]
