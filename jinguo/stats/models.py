from django.db import models


class Rollup(models.Model):
    """A figure of one unit's whole subtree for one period: e.g. lectures held under 鄂尔多斯市 in 2026Q3.

    `period` is a month (2026-07), a quarter (2026Q3) or a year (2026). Rows are kept for the unit where a
    record sits and for every unit above it, so any unit's figure for a period is one row.
    Coverage metrics (`covered:<level>:<metric>`) count the units of that level below which have a
    non-zero value of `<metric>`.
    """

    metric = models.CharField(max_length=60)
    period = models.CharField(max_length=7)
    org_path = models.CharField(max_length=12)
    value = models.BigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["metric", "period", "org_path"], name="rollup_unique")]

    def __str__(self) -> str:
        return f"{self.metric} {self.period} {self.org_path} = {self.value}"
