from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from jinguo.core.actors import SYSTEM
from jinguo.core.models import User
from jinguo.core.services import api_token_create


class Command(BaseCommand):
    help = "Create an API bearer token for USERNAME and print it (it is shown only once)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, **opts):
        user = User.objects.filter(username=opts["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"no active user {opts['username']}")
        try:
            key = api_token_create(actor=SYSTEM, user=user)
        except ValidationError as e:
            raise CommandError(" ".join(e.messages)) from None
        self.stdout.write(key)
