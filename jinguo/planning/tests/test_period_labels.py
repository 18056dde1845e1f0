"""Periods read one way on every page (Period.label: 2026年07月, 2026年第3季度), while links keep the codes."""

import re

from django.utils import timezone, translation


def _h2(html: str) -> str:
    return re.search(r'<h2 class="page-title">(.*?)</h2>', html, re.S).group(1)


def test_the_calendar_coverage_and_themes_write_periods_as_labels(login, actors, calendar, settings):
    year = timezone.localdate().year
    client = login(actors["county_cadre"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    month = client.get(f"/planning/?month={year}-07").content.decode()
    assert f"{year}年07月" in _h2(month)
    assert f'href="?month={year}-06"' in month and f"‹ {year}年06月" in month
    assert f"{year}年第3季度 · <strong>{year}Q3主题</strong>" in month
    coverage = client.get(f"/outreach/coverage/?period={year}Q3").content.decode()
    assert f"{year}年第3季度" in _h2(coverage) and f"{year}Q3" not in _h2(coverage)
    july = calendar["month"][(year, 7)]
    with translation.override("zh-hans"):
        assert str(july) == f"{year}年07月 {year}年7月重点"
    detail = client.get(f"/planning/themes/{july.pk}/").content.decode()
    assert f"?period={year}-07&amp;theme={july.pk}" in detail or f"?period={year}-07&theme={july.pk}" in detail
