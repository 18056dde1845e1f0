"""gunicorn's settings for scripts/serve.sh (`gunicorn -c python:jinguo.gunicorn_conf`).

Django sets the process's time zone (TZ) to settings.TIME_ZONE when it loads, but that happens in the
workers only: gunicorn's master would stamp its own lines ("Starting gunicorn", a worker restarted) in the
machine's zone (+0000 on most servers) while the workers' access lines read +0800. Setting TZ here, before
gunicorn writes its first line, puts gunicorn, Django and the task worker in one zone.
"""

import os
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jinguo.settings")

from django.conf import settings  # noqa: E402

os.environ["TZ"] = settings.TIME_ZONE
time.tzset()
