"""Test settings with the throwaway module installed: the one line a new module needs."""

from jinguo.settings_test import *  # noqa: F403
from jinguo.settings_test import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "jinguo.core.tests.throwaway"]
