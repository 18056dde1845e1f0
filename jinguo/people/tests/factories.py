import datetime

from jinguo.people.idcard import make_id_number
from jinguo.people.services import person_create

_seq = [0]


def new_person(actor, org, *, name="其其格", birth=datetime.date(1985, 3, 8), phone="13812345678", **kw):
    _seq[0] += 1
    number = kw.pop("id_number", None) or make_id_number(org.code[:6], birth, _seq[0], female=True)
    return person_create(
        actor=actor,
        org=org,
        name=name,
        gender="F",
        ethnicity="蒙古族",
        birth_date=birth,
        id_number=number,
        phone=phone,
        **kw,
    )
