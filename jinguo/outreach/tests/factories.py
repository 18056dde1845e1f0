import datetime

from django.utils import timezone

from jinguo.outreach.models import AudienceGroup, Campaign, Topic
from jinguo.outreach.services import lecture_create


def today() -> datetime.date:
    return timezone.localdate()


def last_month_day() -> datetime.date:
    return today().replace(day=1) - datetime.timedelta(days=10)


def data(calendar, lecturer, *, day=None, **over) -> dict:
    """Keyword arguments of a valid lecture, theme = the month's primary focus."""
    day = day or today()
    d = {
        "title": "学习贯彻党的二十大精神宣讲",
        "date": day,
        "theme": calendar["month"][(day.year, day.month)],
        "topic": Topic.objects.order_by("pk").first(),
        "audience_group": AudienceGroup.objects.order_by("pk").first(),
        "campaign": Campaign.objects.order_by("pk").first(),
        "lecturer_ids": [lecturer.pk],
        "audience_count": 40,
    }
    d.update(over)
    return d


def _today_keys(calendar) -> dict:
    """Today's date and theme, the first topic and audience group: what every valid lecture names, as ids."""
    d = today()
    return {
        "date": d.isoformat(),
        "theme": calendar["month"][(d.year, d.month)].pk,
        "topic": Topic.objects.first().pk,
        "audience_group": AudienceGroup.objects.first().pk,
    }


def api_payload(calendar, lecturer, **over) -> dict:
    """The JSON body of a valid lecture for the API (`POST /api/v1/lectures`), in a county cadre's village."""
    p = {"org": "150602100200", "title": "接口录入的宣讲", **_today_keys(calendar), "lecturers": [lecturer.pk]}
    return {**p, "audience_count": 30, "held": True, **over}


def form_data(calendar, lecturer_ids, **over) -> dict:
    """The POST of a valid lecture form (`/outreach/lectures/new/`), in a county cadre's village."""
    data = {"org_code": "150602100200", "title": "家风家教故事会", "kind": "lecture", **_today_keys(calendar)}
    data.update(lecturers=list(lecturer_ids), audience_count="30", mode="offline", language="zh", held="on")
    return {**data, **over}


# Tests record what they say: a repeat or a large audience is confirmed unless a test asks otherwise.
CONFIRM_ALL = ("duplicate", "outlier:audience_count")


def new_lecture(actor, org, calendar, lecturer, *, held=True, day=None, confirm=CONFIRM_ALL, **over):
    return lecture_create(actor=actor, org=org, held=held, confirm=confirm, **data(calendar, lecturer, day=day, **over))
