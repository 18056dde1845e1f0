import datetime

import pytest
from django.core.exceptions import ValidationError

from jinguo.core.actors import SYSTEM
from jinguo.honors.services import holiday_year_enter, notice_schedule
from jinguo.honors.workdays import NoHolidayData, notice_end

D = datetime.date


@pytest.mark.django_db
def test_national_day_2025_counts_the_make_up_saturday():
    # 30 Sep (Tue) is day 1; 1–8 Oct are holidays; 9, 10 Oct; Sat 11 Oct is a make-up working day; Mon 13 Oct.
    assert notice_end(D(2025, 9, 30), 5) == (D(2025, 9, 30), D(2025, 10, 13))


@pytest.mark.django_db
def test_a_notice_starting_on_the_make_up_sunday_before_national_day():
    # Sun 28 Sep 2025 is a make-up working day: it is day 1.
    assert notice_end(D(2025, 9, 28), 3) == (D(2025, 9, 28), D(2025, 9, 30))


@pytest.mark.django_db
def test_spring_festival_2026_counts_both_make_up_saturdays():
    # Thu 12, Fri 13, Sat 14 Feb (make-up) then 15–23 Feb holiday; Tue 24, Wed 25.
    assert notice_end(D(2026, 2, 12), 5) == (D(2026, 2, 12), D(2026, 2, 25))
    # Sat 28 Feb 2026 is a make-up working day too.
    assert notice_end(D(2026, 2, 26), 3) == (D(2026, 2, 26), D(2026, 2, 28))


@pytest.mark.django_db
def test_a_start_on_a_holiday_moves_to_the_next_working_day():
    assert notice_end(D(2025, 10, 3), 1) == (D(2025, 10, 9), D(2025, 10, 9))


@pytest.mark.django_db
def test_a_year_without_holiday_data_is_refused_with_the_reason():
    with pytest.raises(NoHolidayData) as e:
        notice_end(D(2030, 4, 1), 5)
    assert "The public holidays of 2030 are not known yet" in e.value.messages[0]


@pytest.mark.django_db
def test_a_year_entered_in_the_holiday_table_is_counted_with_it():
    holiday_year_enter(
        actor=SYSTEM,
        year=2030,
        days=[(D(2030, 4, 5), False, "清明节"), (D(2030, 4, 6), True, "补班")],
    )
    # Thu 4 Apr, (Fri 5 holiday), Sat 6 make-up, (Sun 7), Mon 8.
    assert notice_end(D(2030, 4, 4), 3) == (D(2030, 4, 4), D(2030, 4, 8))


@pytest.mark.django_db
def test_scheduling_a_notice_into_an_unknown_year_is_refused(programme, tree):
    programme.year = 2030
    with pytest.raises(ValidationError) as e:
        notice_schedule(
            actor=SYSTEM, programme=programme, org=tree["150000"], stage="region_final", start=D(2030, 4, 1)
        )
    assert "2030" in e.value.messages[0]
