from django.http import HttpResponse


def home_cards(request) -> str:
    return ""


def _todo(request, **kw):
    return HttpResponse("")


teams = approvals = record = volunteer = applications = mine = _todo
