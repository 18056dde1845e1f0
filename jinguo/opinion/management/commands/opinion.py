"""`jinguo opinion poll|train|briefs|bench`: poll due feeds, train the sentiment model, send briefs, measure."""

from django.core.management.base import BaseCommand

from jinguo.core.actors import SYSTEM


class Command(BaseCommand):
    help = "Public-opinion monitoring: poll due feeds, train the sentiment model, send briefs, run the benchmark."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["poll", "train", "briefs", "bench"])
        parser.add_argument("--mentions", type=int, default=5000, help="bench: mentions to ingest")

    def handle(self, *args, action, mentions, **options):
        if action == "poll":
            from jinguo.opinion import tasks

            due = tasks.due_sources()
            for s in due:
                self.stdout.write(f"{s.name}: {tasks.poll(s.pk)}")
        elif action == "train":
            from jinguo.opinion import services

            row = services.sentiment_train(actor=SYSTEM)
            self.stdout.write(
                f"model {row.pk}: accuracy {row.accuracy:.3f} on the held-out set, {row.own_examples} labelled"
            )
        elif action == "briefs":
            from jinguo.opinion import services

            self.stdout.write(f"briefs sent: {services.briefs_send(actor=SYSTEM)}")
        else:
            from jinguo.opinion.measure import run

            for line in run(mentions=mentions):
                self.stdout.write(line)
