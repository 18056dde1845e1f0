"""The module manifest: each app declares, in one `module.py`, what it adds to the platform.

A module is a folder with a `module.py` that calls `register(Module(...))`; adding it to INSTALLED_APPS
is the only other edit. The project's URLs, the side navigation, the API, the demo, the benchmark and the
role → action map iterate this registry, so nothing in `core` names a business module. Decidim's
`register_component` is the model.

    register(Module(
        label="outreach",
        title=_("Outreach"),
        urls="jinguo.outreach.urls",                       # mounted at /outreach/
        public_urls=("c/", "jinguo.outreach.urls_public"),  # pages without login
        nav=[NavItem("outreach:lectures", _("Lectures"), "language")],
        api=[("/lectures", "jinguo.outreach.api:lectures_router")],
        loads=["jinguo.outreach.importers", "jinguo.outreach.metrics"],  # importers, exporters, metrics
        actions={"verify": _("Verify lectures of the units below")},
        grants={Role.CADRE: ["verify"], Role.REVIEWER: ["verify"]},
        seeds=[Seed("outreach.lectures", "jinguo.outreach.demo:seed_lectures", after=["people.people"])],
        bench="jinguo.outreach.bench",
    ))
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import import_module

from django.utils.functional import Promise
from django.utils.module_loading import autodiscover_modules

from jinguo.core.roles import grant


@dataclass(frozen=True)
class NavItem:
    """One entry of the side navigation; shown when the user holds `perm` (None: every signed-in user)."""

    url_name: str
    label: str | Promise
    icon: str
    perm: str | None = "read"
    order: int = 100


@dataclass(frozen=True)
class Seed:
    """One step of the demo: `run(out=...)` builds what is missing and returns {what: how many created}.

    Seeds run in dependency order (`after` names other seeds); a seed builds its own module's data only.
    """

    name: str
    run: str  # "dotted.module:function"
    after: Sequence[str] = ()


@dataclass(frozen=True)
class NoticeKind:
    """A kind of notification a module sends; a mandatory kind (an escalation) cannot be turned off."""

    label: str | Promise
    mandatory: bool = False


@dataclass(frozen=True)
class Module:
    label: str
    title: str | Promise = ""
    urls: str | None = None  # dotted module of page URL patterns …
    prefix: str | None = None  # … mounted at f"{prefix}/" (default: the label)
    public_urls: tuple[str, str] | None = None  # (prefix, dotted module) of pages without login
    nav: Sequence[NavItem] = ()
    api: Sequence[tuple[str, str]] = ()  # (path under /api/v1, "dotted.module:router")
    loads: Sequence[str] = ()  # modules imported at start-up: they register importers, exporters, metrics
    actions: Mapping[str, str | Promise] = field(default_factory=dict)  # action → label; held as "label.action"
    grants: Mapping[str, Iterable[str]] = field(default_factory=dict)  # role → actions of this module
    notices: Mapping[str, NoticeKind] = field(default_factory=dict)  # name → kind; sent as "label.name"
    comments: Sequence[str] = ()  # record types ("outreach.lecture") with a history and comments on their page
    events: Mapping[str, str | Promise] = field(default_factory=dict)  # audit event code → how it reads
    seeds: Sequence[Seed] = ()
    demo_wrap: str | None = None  # "dotted:context_manager" entered around the whole demo (e.g. deferred roll-ups)
    bench: str | None = None  # dotted module that registers bench generators and scenarios
    home: str | None = None  # "dotted:function" (request) -> HTML of the module's cards on the home page, or ""
    # "dotted:function" () -> a short summary, run by `jinguo periodic` (every minute under `make run`): each does only
    # what is due (poll due feeds, publish scheduled posts, send briefs…) and is idempotent.
    periodic: Sequence[str] = ()

    def notice(self, name: str) -> str:
        """The code of one of this module's notification kinds ("outreach.verify_request")."""
        if name not in self.notices:
            raise KeyError(f"{self.label} declares no notice {name!r}")
        return f"{self.label}.{name}"

    def action(self, name: str) -> str:
        """The permission code of one of this module's actions ("outreach.verify")."""
        if name not in self.actions:
            raise KeyError(f"{self.label} declares no action {name!r}")
        return f"{self.label}.{name}"


_REGISTRY: dict[str, Module] = {}
_discovered = False


def register(module: Module) -> Module:
    """Add a module (called from its `module.py`); its role grants take effect at once."""
    _REGISTRY[module.label] = module
    for role, actions in module.grants.items():
        grant(role, [module.action(a) for a in actions])
    return module


def unregister(label: str) -> None:
    """Take a module out again (tests that add a throw-away module)."""
    _REGISTRY.pop(label, None)


def discover() -> None:
    """Import every installed app's `module.py` once, then what each module `loads`."""
    global _discovered
    if _discovered:
        return
    _discovered = True
    autodiscover_modules("module")
    for m in list(_REGISTRY.values()):
        for dotted in m.loads:
            import_module(dotted)


def modules() -> list[Module]:
    discover()
    return list(_REGISTRY.values())


def get(label: str) -> Module:
    discover()
    return _REGISTRY[label]


def resolve(dotted: str):
    """ "pkg.module:attr" → the attribute."""
    module, _, attr = dotted.partition(":")
    obj = import_module(module)
    return getattr(obj, attr) if attr else obj


def notice_kinds() -> dict[str, NoticeKind]:
    """Every module's notification kinds by code ("outreach.verify_request")."""
    return {f"{m.label}.{name}": kind for m in modules() for name, kind in m.notices.items()}


def event_labels() -> dict[str, str | Promise]:
    """How every module's audit events read in the log and in a record's history, by event code."""
    return {code: label for m in modules() for code, label in m.events.items()}


def nav_items() -> list[NavItem]:
    return sorted((item for m in modules() for item in m.nav), key=lambda i: i.order)


def seeds_in_order() -> list[Seed]:
    """Every module's seeds, each after the seeds it names (a cycle or an unknown name is an error)."""
    seeds = {s.name: s for m in modules() for s in m.seeds}
    done: list[Seed] = []
    state: dict[str, str] = {}

    def visit(name: str, chain: tuple[str, ...]) -> None:
        if state.get(name) == "done":
            return
        if state.get(name) == "visiting":
            raise ValueError(f"demo seeds depend on each other in a cycle: {' → '.join((*chain, name))}")
        if name not in seeds:
            raise ValueError(f"demo seed {chain[-1] if chain else '?'} runs after unknown seed {name}")
        state[name] = "visiting"
        for dep in seeds[name].after:
            visit(dep, (*chain, name))
        state[name] = "done"
        done.append(seeds[name])

    for name in seeds:  # registration order breaks ties, so the order is the same every run
        visit(name, ())
    return done


def run_demo(out: Callable[[str], None] | None = None, options: dict | None = None) -> dict:
    """Run every seed in order inside the wrappers modules declare; idempotent when each seed is.

    A seed is `def seed_x(*, out, options) -> dict`: `out` prints a line of progress, `options` are the
    demo command's (people_per_county, per_county, year, seed); it returns {what: how many created}.
    """
    from contextlib import ExitStack

    say = out or (lambda msg: None)
    created: dict = {}
    with ExitStack() as stack:
        for m in modules():
            if m.demo_wrap:
                stack.enter_context(resolve(m.demo_wrap)())
        order = seeds_in_order()
        for i, seed in enumerate(order, start=1):
            say(f"[{i}/{len(order)}] {seed.name} …")
            result = resolve(seed.run)(out=say, options=dict(options or {})) or {}
            created.update(result)
            if result:
                say("    " + ", ".join(f"{k}: {v:,}" for k, v in result.items()))
    return created
