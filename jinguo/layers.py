"""The layer map: which code may import which. One declaration, checked by `jinguo/core/tests/test_layers.py`
(and by `python -m jinguo.layers`) over every module that is not a test, imports inside functions included.

Bottom to top:

- core        users, roles, scope, audit, imports/exports, the module registry, shared UI plumbing (forms,
              photos, rate limits) and the tree's arithmetic (core.paths). It names no business module:
              it reaches them only through the registry (jinguo.core.modules), by dotted strings.
- mechanisms  what every module plugs into and core does not need: the metric registry and roll-ups of
              stats, and the schemas the API routers share.
- orgs        the org tree, and who holds which role in it.
- people      the people registry.
- planning    the theme calendar.
- places      the publicity venues: activities of the modules above name the venue they were held at.
- modules     outreach, study, contest, honors, opinion, media, publications, governance, volunteer: siblings.
- platform    the stats pages, the API, the benchmark, the notification inbox: they iterate the registry.
- plug-ins    each module's bench.py: it feeds the benchmark, which loads it by name from the manifest.
- project     settings, root URLs, the command line, WSGI.

The rules:

0. Every app has its place in the map.
1. A module imports modules of its own layer and of the layers below, never above.
2. Modules of one layer that belong to different apps (siblings) read each other only through the other's
   `selectors` and `services`, never its models, forms, views or helpers.
3. No app imports a private name (`_x`) of another app.
4. No import cycle, neither between apps nor between modules.
"""

import ast
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# (layer, module patterns); a pattern names a module and everything below it, "*" stands for one name.
# A module belongs to the layer of its longest matching pattern.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("core", ("jinguo.core",)),
    (
        "mechanisms",
        (
            "jinguo.stats.registry",
            "jinguo.stats.rollups",
            "jinguo.stats.models",
            "jinguo.stats.coverage",
            "jinguo.stats.charts",
            "jinguo.api.params",
            "jinguo.api.lists",
        ),
    ),
    ("orgs", ("jinguo.orgs",)),
    ("people", ("jinguo.people",)),
    ("planning", ("jinguo.planning",)),
    ("places", ("jinguo.venues",)),
    (
        "modules",
        (
            "jinguo.outreach",
            "jinguo.study",
            "jinguo.contest",
            "jinguo.honors",
            "jinguo.opinion",
            "jinguo.media",
            "jinguo.publications",
            "jinguo.governance",
            "jinguo.volunteer",
        ),
    ),
    ("platform", ("jinguo.stats", "jinguo.api", "jinguo.bench", "jinguo.notifications")),
    ("plug-ins", ("jinguo.*.bench",)),
    ("project", ("jinguo",)),  # the project's own modules; every app must be named above
]
SIBLING_ENTRANCES = ("selectors", "services")  # what a sibling may import of another app
ROOT = Path(__file__).resolve().parent


def is_test(relative: Path) -> bool:
    """Tests are exempt: the tests packages, conftest files and the browser-test harness."""
    return "tests" in relative.parts or relative.name == "conftest.py" or relative == Path("jinguo/browser.py")


def modules(root: Path = ROOT) -> dict[str, Path]:
    """Every module of the package at `root` that is not a test, by dotted name."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root.parent)
        if not is_test(relative):
            parts = relative.with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def app_of(module: str, known: dict[str, Path]) -> str:
    """The app a module belongs to ("outreach" for jinguo.outreach.bench); "" for the project's own modules."""
    parts = module.split(".")
    if len(parts) == 2 and known[module].name != "__init__.py":
        return ""
    return parts[1] if len(parts) >= 2 else ""


def _matches(pattern: str, module: str) -> bool:
    p, m = pattern.split("."), module.split(".")
    return len(m) >= len(p) and all(a in ("*", b) for a, b in zip(p, m, strict=False))


def layer_of(module: str) -> int:
    best = max(
        (
            (len(pattern.split(".")), i)
            for i, (_name, patterns) in enumerate(LAYERS)
            for pattern in patterns
            if _matches(pattern, module)
        ),
        default=None,
    )
    if best is None:
        raise ValueError(f"{module} is in no layer of jinguo.layers.LAYERS")
    return best[1]


@dataclass(frozen=True)
class Import:
    source: str  # the importing module
    target: str  # the imported module
    names: tuple[str, ...]  # names imported from it (from … import a, b)
    line: int

    def where(self) -> str:
        return f"{self.source}:{self.line}"


def imports(known: dict[str, Path]) -> Iterator[Import]:
    """Every import of a jinguo module by a module of `known`, wherever it stands in the file."""
    for source, path in known.items():
        package = source if path.name == "__init__.py" else source.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            found: dict[str, list[str]] = defaultdict(list)  # target → names imported from it
            if isinstance(node, ast.Import):
                for alias in node.names:
                    found.setdefault(alias.name, [])
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:  # relative: from the package, `level - 1` packages up
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, *([base] if base else [])])
                for alias in node.names:
                    sub = f"{base}.{alias.name}"
                    if sub in known:  # from jinguo.core import audit: the module jinguo.core.audit
                        found.setdefault(sub, [])
                    else:
                        found[base].append(alias.name)
            for target, names in found.items():
                while target and target not in known:  # an attribute of a module: that module
                    target = target.rpartition(".")[0]
                if target.startswith("jinguo.") and target != source:
                    yield Import(source, target, tuple(names), node.lineno)


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one node (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10_000))
    try:
        for v in sorted(edges):
            if v not in index:
                visit(v)
    finally:
        sys.setrecursionlimit(limit)
    return found


def _undeclared(module: str) -> bool:
    """Only the project's catch-all ("jinguo") holds this module of an app."""
    return all(
        len(pattern.split(".")) < 2 for _name, patterns in LAYERS for pattern in patterns if _matches(pattern, module)
    )


def _entrance(module: str) -> bool:
    """jinguo.<app>.selectors / .services, or a module inside them."""
    return module.split(".")[2:3] in ([e] for e in SIBLING_ENTRANCES)


def violations(root: Path = ROOT) -> list[str]:
    """Every breach of the rules above in the package at `root`, one line each; empty when it keeps to its
    layers."""
    known = modules(root)
    out: list[str] = sorted(
        {f"{app} is in no layer of jinguo/layers.py" for m in known if (app := app_of(m, known)) and _undeclared(m)}
    )
    module_edges: dict[str, set[str]] = defaultdict(set)
    app_edges: dict[str, set[str]] = defaultdict(set)
    for imp in imports(known):
        src_layer, dst_layer = layer_of(imp.source), layer_of(imp.target)
        src_app, dst_app = app_of(imp.source, known), app_of(imp.target, known)
        module_edges[imp.source].add(imp.target)
        if src_app != dst_app:
            app_edges[src_app or "jinguo"].add(dst_app or "jinguo")
        if dst_layer > src_layer:
            out.append(f"{imp.where()} imports {imp.target}: {LAYERS[src_layer][0]} is below {LAYERS[dst_layer][0]}")
        elif dst_layer == src_layer and src_app != dst_app and not _entrance(imp.target):
            out.append(
                f"{imp.where()} imports {imp.target}: siblings read each other only through "
                f"{' and '.join(SIBLING_ENTRANCES)}"
            )
        if src_app != dst_app and any(n.startswith("_") for n in imp.names):
            out.append(f"{imp.where()} imports a private name of {dst_app}: {', '.join(imp.names)}")
    out += [f"apps import each other in a cycle: {' ↔ '.join(c)}" for c in _cycles(app_edges)]
    out += [f"modules import each other in a cycle: {' ↔ '.join(c)}" for c in _cycles(module_edges)]
    return out


if __name__ == "__main__":
    problems = violations()
    print("\n".join(problems) or "the code keeps to its layers")
    sys.exit(1 if problems else 0)
