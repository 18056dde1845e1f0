"""Closed lecture months move to the platform's closed periods (core.ClosedPeriod, subject "outreach.lecture")."""

from django.db import migrations


def copy_forward(apps, schema_editor):
    PeriodLock = apps.get_model("outreach", "PeriodLock")
    ClosedPeriod = apps.get_model("core", "ClosedPeriod")
    ClosedPeriod.objects.bulk_create(
        [
            ClosedPeriod(
                subject="outreach.lecture",
                org_id=lock.org_id,
                org_path=lock.org_path,
                month=lock.month,
                closed_by_id=lock.locked_by_id,
                closed_from=(lock.org_path[:4] if len(lock.org_path) >= 6 else lock.org_path[:2]),
                settled=lock.verified_count,
            )
            for lock in PeriodLock.objects.all()
        ]
    )


def copy_back(apps, schema_editor):
    PeriodLock = apps.get_model("outreach", "PeriodLock")
    ClosedPeriod = apps.get_model("core", "ClosedPeriod")
    PeriodLock.objects.bulk_create(
        [
            PeriodLock(
                org_id=p.org_id,
                org_path=p.org_path,
                month=p.month,
                locked_by_id=p.closed_by_id,
                verified_count=p.settled,
            )
            for p in ClosedPeriod.objects.filter(subject="outreach.lecture")
        ]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("outreach", "0004_bounds_on_counts_and_texts"),
        ("core", "0005_closed_period"),
    ]

    operations = [
        migrations.RunPython(copy_forward, copy_back),
        migrations.DeleteModel(name="PeriodLock"),
    ]
