import datetime

from jinguo.honors import services
from jinguo.people.tests.factories import new_person


def nominate(actor, programme, org, *, person=None, name="其其格", submit=True, **kw):
    person = person or new_person(
        actor if getattr(actor, "pk", None) else actor, org, name=name, birth=kw.pop("birth", datetime.date(1985, 3, 8))
    )
    n = services.nomination_create(
        actor=actor,
        programme=programme,
        org=org,
        person=person.pk,
        deeds="扎根基层二十年。",
        summary="基层妇联主席",
        **kw,
    )
    if submit:
        services.nomination_submit(actor=actor, nomination=n)
    return n
