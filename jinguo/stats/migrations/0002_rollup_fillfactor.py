"""PostgreSQL: leave a fifth of each roll-up page free. Every recorded lecture adds to a dozen roll-up rows (its
unit and ancestors; month, quarter and year); with room on the page each is a HOT update, in place, with no new
entry in the (metric, period, org_path) index."""

from django.db import migrations

from jinguo.core.dbtune import fillfactor


class Migration(migrations.Migration):
    dependencies = [("stats", "0001_rollup")]
    operations = [fillfactor("stats_rollup", 80)]
