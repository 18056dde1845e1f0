"""The code keeps to the layer map declared in jinguo/layers.py (rules there); tests are exempt."""

import textwrap

from jinguo import layers


def test_the_code_keeps_to_its_layers():
    assert layers.violations() == []


def _package(root, files: dict[str, str]):
    for name, text in files.items():
        path = root / "jinguo" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return root / "jinguo"


def test_the_check_sees_upward_and_sideways_imports_private_names_and_cycles(tmp_path):
    package = _package(
        tmp_path,
        {
            "__init__.py": "",
            "urls.py": "from jinguo.outreach import views\n",  # the project sits on top: allowed
            "core/__init__.py": "",
            "core/scope.py": "def lineage():\n    from jinguo.orgs.models import DIGITS  # lazy, still seen\n",
            "core/tests/__init__.py": "",
            "core/tests/test_x.py": "from jinguo.study.forms import F\n",  # tests are exempt
            "orgs/__init__.py": "",
            "orgs/models.py": "DIGITS = 2\n",
            "people/__init__.py": "",
            "people/services.py": "def _hash(): ...\n",
            "planning/__init__.py": "",
            "planning/services.py": "from jinguo.people.services import _hash\n",
            "outreach/__init__.py": "",
            "outreach/forms.py": "class F: ...\n",
            "outreach/selectors.py": "from jinguo.study.selectors import hours\n",
            "outreach/services.py": "def first(): ...\n",
            "outreach/views.py": "from . import forms\n",
            "study/__init__.py": "",
            "study/forms.py": "from jinguo.outreach.forms import F\n",
            "study/selectors.py": "from jinguo.outreach.services import first\n",  # a sibling's services: allowed
            "study/views.py": "from jinguo.outreach.selectors import first\n",  # … and selectors
            "gallery/__init__.py": "",  # an app missing from the map
            "gallery/views.py": "",
            "contest/__init__.py": "",
            "contest/selectors.py": "from .services import submit\n",
            "contest/services.py": "def submit():\n    from jinguo.contest.selectors import x\n",
        },
    )
    assert layers.violations(package) == [
        "gallery is in no layer of jinguo/layers.py",
        "jinguo.core.scope:2 imports jinguo.orgs.models: core is below orgs",
        "jinguo.planning.services:1 imports a private name of people: _hash",
        "jinguo.study.forms:1 imports jinguo.outreach.forms: siblings read each other only through selectors and "
        "services",
        "apps import each other in a cycle: outreach ↔ study",
        "modules import each other in a cycle: jinguo.contest.selectors ↔ jinguo.contest.services",
    ]
