"""Writes of the opinion module. Each function checks who acts, validates, writes and records the audit event in
one transaction.

Ingest (`mentions_ingest`) is the one way in for the push API, the imports and the feed poller: it validates every
item (each answered on its own), skips a URL the source already has (idempotent on source and URL), analyses the new
ones (segmentation, place, topics, sentiment, fingerprint), groups near-duplicates into stories, places each mention
at the county it names (within its source's units), keeps the roll-ups and raises the alerts the rules call for.

Alerts and incidents run on the workflow engine (core.workflow); an alert asks the holders of `opinion.respond` at
its unit through the inbox with the level's deadline, and `jinguo notify sweep` escalates it to the level above
when nobody acknowledged it in time.
"""

import datetime
import hashlib
import urllib.parse
from dataclasses import dataclass, field
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jinguo.core import audit, notify
from jinguo.core.bounds import check, out_of_range, too_long
from jinguo.core.scope import in_scope, require_write
from jinguo.core.workflow import Transition, Workflow
from jinguo.opinion import analysis
from jinguo.opinion.models import (
    Alert,
    AlertState,
    BriefSubscription,
    Incident,
    IncidentState,
    Level,
    Mention,
    Rule,
    Sentiment,
    SentimentModel,
    Source,
    SourceKind,
    Story,
)
from jinguo.opinion.module import ALERT, INCIDENT, MONITOR, RESPOND
from jinguo.orgs.models import OrgUnit
from jinguo.stats import rollups

MAX_BATCH = 1000  # items of one push or one call
STORY_WINDOW_DAYS = 30  # a mention joins a story first seen at most this long ago …
STORY_BITS = 7  # … whose fingerprint differs in at most this many of 64 bits (analysis.near_bands finds it)
STORY_LOOKUP_CHUNK = 250  # mentions whose candidate stories one query looks up
FUTURE_SLACK = datetime.timedelta(days=1)  # clocks differ: a mention dated up to a day ahead is accepted

# Hours to acknowledge an alert, per level (settings.OPINION_ALERT_HOURS overrides).
ALERT_HOURS = {Level.RED: 1, Level.ORANGE: 4, Level.YELLOW: 24, Level.BLUE: 72}
# Hours for each step of an incident, from the step before.
STEP_HOURS = {
    IncidentState.JUDGING: 4,
    IncidentState.REPORTED: 8,
    IncidentState.RESPONDING: 48,
    IncidentState.RESOLVED: 168,
}


def alert_hours(level: str) -> int:
    return getattr(settings, "OPINION_ALERT_HOURS", {}).get(level, ALERT_HOURS[level])


def _may_monitor(actor, path: str) -> None:
    if not in_scope(actor, path, MONITOR):
        raise PermissionDenied(_("You may not manage public-opinion monitoring at this unit."))


# --- sources ------------------------------------------------------------------------------------------------------


def source_create(*, actor, org: OrgUnit, name: str, kind: str = SourceKind.API, url: str = "", poll_minutes=30):
    require_write(actor, org.path)
    _may_monitor(actor, org.path)
    source = Source(
        org=org,
        org_path=org.path,
        name=" ".join((name or "").split()),
        kind=kind,
        url=(url or "").strip(),
        poll_minutes=poll_minutes,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    errors = check(source)
    if kind == SourceKind.FEED and not source.url:
        errors.setdefault("url", []).append(_("A feed needs its address."))
    if source.url and not source.url.lower().startswith(("http://", "https://")):
        errors.setdefault("url", []).append(_("Only http and https addresses are polled."))
    if not errors and Source.objects.filter(org=org, name=source.name).exists():
        errors["name"] = [_("The unit already has a source of that name.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        source.save()
        audit.record(actor, "opinion.source_create", obj=source, detail={"name": source.name, "kind": kind})
    return source


# --- ingest -------------------------------------------------------------------------------------------------------


def normalise_url(url: str) -> str:
    """The form of a URL that decides "the same item": scheme and host in lower case, no fragment, no spaces."""
    text = "".join(str(url or "").split())
    parts = urllib.parse.urlsplit(text)
    return urllib.parse.urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, ""))


def url_hash(url: str) -> str:
    return hashlib.sha256(normalise_url(url).encode("utf-8")).hexdigest()


@dataclass
class ItemResult:
    """The answer for one item: created, exists (the source has that URL) or invalid (with the reasons)."""

    index: int
    status: str
    id: int | None = None
    errors: dict = field(default_factory=dict)
    twin: "ItemResult | None" = None  # the earlier item of the same batch with the same URL


_URL = URLValidator(schemes=["http", "https"])


def clean_item(raw: dict, now) -> tuple[dict | None, dict]:
    """A raw item (dict) → its cleaned values, or the reasons per field."""
    errors: dict[str, list[str]] = {}
    out: dict = {}
    for name in ("url", "title", "text", "author"):
        value = raw.get(name)
        value = "" if value is None else str(value).strip()
        msg = too_long(Mention, name, value)
        if msg:
            errors[name] = [msg]
        out[name] = value
    if not out["url"]:
        errors.setdefault("url", []).append(_("The address is required."))
    elif "url" not in errors:
        try:
            _URL(out["url"])
        except ValidationError:
            errors["url"] = [_("Give a full http or https address.")]
    if not out["title"] and not out["text"]:
        errors["text"] = [_("Give a title or a text.")]
    reach = raw.get("reach") or 0
    try:
        reach = int(reach)
    except (TypeError, ValueError):
        errors["reach"] = [_("Reach is a whole number.")]
    else:
        msg = out_of_range(Mention, "reach", reach)
        if msg:
            errors["reach"] = [msg]
    out["reach"] = reach
    published = raw.get("published_at") or now
    if isinstance(published, str):
        from django.utils.dateparse import parse_datetime

        try:
            parsed = parse_datetime(published.strip())
        except ValueError:
            parsed = None
        if parsed is None:
            errors["published_at"] = [_("Give the time as ISO 8601, such as 2026-07-15T08:30:00+08:00.")]
        published = parsed
    if isinstance(published, datetime.date) and not isinstance(published, datetime.datetime):
        published = datetime.datetime.combine(published, datetime.time(12))
    if isinstance(published, datetime.datetime):
        if timezone.is_naive(published):
            published = timezone.make_aware(published)
        if published > now + FUTURE_SLACK:
            errors["published_at"] = [_("The time is in the future.")]
        elif published.year < 2000:
            errors["published_at"] = [_("The time is before 2000.")]
    out["published_at"] = published
    return (None, errors) if errors else (out, {})


def mentions_ingest(*, actor, source: Source, items: list[dict], channel: str = "api") -> list[ItemResult]:
    """Take a batch of items for `source`; one answer per item, in order. Nothing of an invalid item is written;
    valid items are written together (one transaction) with one audit event for the batch."""
    require_write(actor, source.org_path)
    _may_monitor(actor, source.org_path)
    if len(items) > MAX_BATCH:
        raise ValidationError({"items": [_("At most %(n)s items at a time.") % {"n": f"{MAX_BATCH:,}"}]})
    for attempt in range(2):
        try:
            return _ingest(actor, source, items, channel)
        except IntegrityError:  # another batch wrote one of these URLs at the same moment: read them again
            if attempt:
                raise
    return []


def _ingest(actor, source: Source, items: list[dict], channel: str) -> list[ItemResult]:
    now = timezone.now()
    results: list[ItemResult] = []
    fresh: list[tuple[ItemResult, dict, str]] = []
    for i, raw in enumerate(items):
        if not isinstance(raw, dict):
            results.append(ItemResult(i, "invalid", errors={"__all__": [_("Each item is an object.")]}))
            continue
        cleaned, errors = clean_item(raw, now)
        result = ItemResult(i, "invalid" if errors else "created", errors=errors)
        results.append(result)
        if cleaned is not None:
            fresh.append((result, cleaned, url_hash(cleaned["url"])))
    with transaction.atomic():
        existing = dict(
            Mention.objects.filter(source=source, url_hash__in={h for _r, _c, h in fresh}).values_list("url_hash", "pk")
        )
        todo: list[tuple[ItemResult, dict, str]] = []
        seen: dict[str, ItemResult] = {}
        for result, cleaned, h in fresh:
            if h in existing:
                result.status, result.id = "exists", existing[h]
            elif h in seen:  # the same URL twice in one batch: the first counts
                result.status = "exists"
                result.twin = seen[h]
            else:
                seen[h] = result
                todo.append((result, cleaned, h))
        created = _write(actor, source, todo, now) if todo else []
        for result in results:
            if result.twin is not None:
                result.id = result.twin.id
        if created:
            audit.record(
                actor,
                "opinion.ingest",
                obj=source,
                detail={"channel": channel, "created": len(created), "items": len(items)},
            )
    return results


def _write(actor, source: Source, todo, now) -> list[Mention]:
    an = analysis.analyzer()
    analysed = [(r, c, h, an.analyse(c["title"], c["text"], source.org_path)) for r, c, h in todo]
    # The unit of each mention: the place it names, when that lies within the source's units.
    places = {a.place for *_x, a in analysed if a.place and a.place.startswith(source.org_path)}
    units = {o.path: o for o in OrgUnit.objects.filter(path__in=places)} if places else {}
    mentions = []
    for _result, c, h, a in analysed:
        unit = units.get(a.place) if a.place else None
        mentions.append(
            Mention(
                source=source,
                org=unit or source.org,
                org_path=unit.path if unit else source.org_path,
                place_id=unit.pk if unit else None,
                url=c["url"],
                url_hash=h,
                author=c["author"],
                published_at=c["published_at"],
                title=c["title"] or c["text"][:60],
                text=c["text"],
                reach=c["reach"],
                sentiment=a.sentiment,
                score=a.score,
                topics=a.topics,
            )
        )
    stories = _group(mentions, [a for *_x, a in analysed], now)
    Mention.objects.bulk_create(mentions, batch_size=500)
    for (result, *_x), m in zip(analysed, mentions, strict=True):
        result.id = m.pk
    rollups.changed_many("opinion.Mention", afters=mentions)
    _raise_alerts(mentions, [a for *_x, a in analysed], stories, now)
    return mentions


class _Near(NamedTuple):
    """A stored story's candidate look-up row: just what matching reads."""

    pk: int
    fingerprint: int


def _stories_near(near: list[list[frozenset[int]]], since) -> list[_Near]:
    """(id, fingerprint) of the stories first seen since `since` holding, in some quarter, one of the values `near`
    gives for it. Raw SQL: the ORM spends longer composing these IN lists (thousands of values) and building whole
    stories than the database takes to answer."""
    q = connection.ops.quote_name
    col = {name: q(Story._meta.get_field(name).column) for name in ("id", "fingerprint", "first_seen")}
    bands = [q(Story._meta.get_field(f"band{i}").column) for i in range(4)]
    values = [sorted(set().union(*(n[i] for n in near))) for i in range(4)]
    where = " OR ".join(f"{bands[i]} IN ({', '.join(['%s'] * len(values[i]))})" for i in range(4))
    sql = (
        f"SELECT {col['id']}, {col['fingerprint']} FROM {q(Story._meta.db_table)} "  # noqa: S608 - the model's names
        f"WHERE {col['first_seen']} >= %s AND ({where})"
    )
    params = [connection.ops.adapt_datetimefield_value(since), *(v for vs in values for v in vs)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [_Near(pk, fp) for pk, fp in cursor.fetchall()]


def _grow_stories(rows: list[tuple[int, int, int, datetime.datetime]]) -> None:
    """Add (story id, mentions, reach, latest time) to the stored stories: counts and reach added to what is stored,
    not replaced, so two batches growing one story at once both count. One statement, many rows."""
    q = connection.ops.quote_name
    f = {name: q(Story._meta.get_field(name).column) for name in ("id", "mentions", "reach", "last_seen")}
    sql = (
        f"UPDATE {q(Story._meta.db_table)} SET {f['mentions']} = {f['mentions']} + %s, "  # noqa: S608
        f"{f['reach']} = {f['reach']} + %s, "
        f"{f['last_seen']} = CASE WHEN {f['last_seen']} < %s THEN %s ELSE {f['last_seen']} END WHERE {f['id']} = %s"
    )
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(n, reach, adapt(last), adapt(last), pk) for pk, n, reach, last in rows])


def _earlier(a: "_Near | Story", b: "_Near | Story") -> bool:
    """Stored stories (by id, the order they were made) come before this batch's, which are not saved yet."""
    return (a.pk is None, a.pk or 0) < (b.pk is None, b.pk or 0)


def _group(mentions: list[Mention], analysed, now) -> dict[int, Story]:
    """Attach each mention to the story within STORY_BITS of its fingerprint (first seen within the window), or to
    a new one; the stories' counts, reach and last seen grow in one UPDATE each. Returns the touched stories.
    Candidates are read as (id, fingerprint, first seen) rows; only the stories that grow are loaded whole."""
    since = now - datetime.timedelta(days=STORY_WINDOW_DAYS)
    prints = [a.fingerprint for a in analysed]
    near = [analysis.near_bands(fp) for fp in prints]
    candidates: dict[int, _Near] = {}
    for start in range(0, len(near), STORY_LOOKUP_CHUNK):  # 4 × 17 values a mention: bounded parameter lists
        chunk = near[start : start + STORY_LOOKUP_CHUNK]
        candidates.update((n.pk, n) for n in _stories_near(chunk, since))
    by_band: list[dict[int, list[_Near | Story]]] = [{} for _ in range(4)]

    def index(story: _Near | Story) -> None:
        for i, b in enumerate(analysis.bands(story.fingerprint)):
            by_band[i].setdefault(b, []).append(story)

    for n in candidates.values():
        index(n)
    stored: dict[int, list[Mention]] = {}  # a stored story's id → this batch's mentions joining it
    new: list[Story] = []
    joined: dict[int, list[Mention]] = {}  # id() of a new story → its mentions
    for m, fp, values in zip(mentions, prints, near, strict=True):
        match, best = None, STORY_BITS + 1
        for i in range(4):  # the nearest story in reach; the earliest on a tie
            for v in values[i]:
                for s in by_band[i].get(v, ()):
                    d = analysis.distance(s.fingerprint, fp)
                    if d < best or (d == best and match is not None and _earlier(s, match)):
                        match, best = s, d
        if isinstance(match, _Near):
            stored.setdefault(match.pk, []).append(m)
            continue
        if match is None:
            b = analysis.bands(fp)
            match = Story(
                org=m.org,
                org_path=m.org_path,
                title=m.title[:200],
                fingerprint=fp,
                band0=b[0],
                band1=b[1],
                band2=b[2],
                band3=b[3],
                mentions=0,
                reach=0,
                first_seen=m.published_at,
                last_seen=m.published_at,
                sentiment=m.sentiment,
            )
            new.append(match)
            index(match)
        m.story = match
        joined.setdefault(id(match), []).append(m)
    for s in new:  # counted in the INSERT
        ms = joined[id(s)]
        s.mentions, s.reach = len(ms), sum(m.reach for m in ms)
        s.last_seen = max(m.published_at for m in ms)
    Story.objects.bulk_create(new, batch_size=500)
    touched = {s.pk: s for s in new}
    if stored:  # one UPDATE for every story that grew: counts and reach added to what is stored, not replaced
        rows = [(pk, len(ms), sum(m.reach for m in ms), max(m.published_at for m in ms)) for pk, ms in stored.items()]
        _grow_stories(rows)
        grown = Story.objects.in_bulk(list(stored))
        for pk, ms in stored.items():
            for m in ms:
                m.story = grown[pk]
            touched[pk] = grown[pk]
    for m in mentions:
        m.story_id = m.story.pk
    return touched


# --- alerts -------------------------------------------------------------------------------------------------------


def _raise_alerts(mentions, analysed, stories: dict[int, Story], now) -> list[Alert]:
    """For each mention a level-carrying rule matched: an alert when its story meets the rule's thresholds
    (negative, reach, mentions in the last hour) and has none of that rule yet. One alert per story and rule."""
    rules_hit = {pk for a in analysed for pk in a.rule_ids}
    if not rules_hit:
        return []
    rules = {r.pk: r for r in Rule.objects.filter(pk__in=rules_hit, active=True).exclude(level="")}
    if not rules:
        return []
    pairs = {(m.story_id, pk) for m, a in zip(mentions, analysed, strict=True) for pk in a.rule_ids if pk in rules}
    done = set(
        Alert.objects.filter(story_id__in={s for s, _r in pairs}, rule_id__in=rules).values_list("story_id", "rule_id")
    )
    spread: dict[int, int] = {}
    if any(r.min_spread for r in rules.values()):
        from django.db.models import Count

        spread = dict(
            Mention.objects.filter(
                story_id__in={s for s, _r in pairs}, published_at__gte=now - datetime.timedelta(hours=1)
            )
            .values("story_id")
            .annotate(n=Count("pk"))
            .values_list("story_id", "n")
        )
    alerts = []
    for m, a in zip(mentions, analysed, strict=True):
        for pk in a.rule_ids:
            rule = rules.get(pk)
            if rule is None or (m.story_id, pk) in done:
                continue
            story = stories[m.story_id]
            if rule.negative_only and m.sentiment != Sentiment.NEGATIVE:
                continue
            if story.reach < rule.min_reach or spread.get(story.pk, story.mentions) < rule.min_spread:
                continue
            done.add((m.story_id, pk))
            reason = _("%(rule)s: %(sentiment)s, reach %(reach)s, %(n)s mentions") % {
                "rule": rule.name,
                "sentiment": m.get_sentiment_display(),
                "reach": f"{story.reach:,}",
                "n": story.mentions,
            }
            alerts.append(
                Alert(
                    org_id=m.org_id,
                    org_path=m.org_path,
                    story=story,
                    mention=m,
                    rule=rule,
                    level=rule.level,
                    reason=reason[:300],
                    raised_at=now,
                    due_at=now + datetime.timedelta(hours=alert_hours(rule.level)),
                )
            )
    if not alerts:
        return []
    Alert.objects.bulk_create(alerts)
    rollups.changed_many("opinion.Alert", afters=alerts)
    for alert in alerts:
        audit.record(None, "opinion.alert_raise", obj=alert, detail={"level": alert.level, "rule": alert.rule.name})
        _ask_to_acknowledge(alert)
    return alerts


def _ask_to_acknowledge(alert: Alert) -> None:
    notify.notify(
        kind=ALERT,
        title=_("%(level)s opinion alert: %(title)s")
        % {"level": alert.get_level_display(), "title": alert.story.title},
        body=alert.reason,
        obj=alert,
        url=reverse("opinion:alert", args=[alert.pk]),
        unit=alert.org_path,
        perm=RESPOND,
        due=alert.due_at,
    )


def _may_respond(actor, obj) -> None:
    if not in_scope(actor, obj.org_path, RESPOND):
        raise PermissionDenied(_("You may not respond to public opinion at this unit."))


def _stamp_ack(actor):
    return {"acknowledged_by": actor if getattr(actor, "pk", None) else None, "acknowledged_at": timezone.now()}


ALERT_FLOW = Workflow(
    model="opinion.Alert",
    transitions=[
        Transition(
            "acknowledge",
            sources=[AlertState.OPEN],
            target=AlertState.ACKNOWLEDGED,
            event="opinion.alert_acknowledge",
            guard=_may_respond,
            stamp=_stamp_ack,
            notify=lambda actor, obj, fields: notify.resolve(obj),
        ),
        Transition(
            "close",
            sources=[AlertState.OPEN, AlertState.ACKNOWLEDGED],
            target=AlertState.CLOSED,
            event="opinion.alert_close",
            guard=_may_respond,
            notify=lambda actor, obj, fields: notify.resolve(obj),
        ),
    ],
)


def alert_acknowledge(*, actor, alert: Alert, note: str = "") -> Alert:
    msg = too_long(Alert, "note", note or "")
    if msg:
        raise ValidationError({"note": [msg]})
    return ALERT_FLOW.apply(actor, alert, "acknowledge", note=(note or "").strip())


def alert_close(*, actor, alert: Alert, note: str = "") -> Alert:
    msg = too_long(Alert, "note", note or "")
    if msg:
        raise ValidationError({"note": [msg]})
    return ALERT_FLOW.apply(actor, alert, "close", note=(note or alert.note).strip())


# --- rules --------------------------------------------------------------------------------------------------------

RULE_FIELDS = (
    "name",
    "all_terms",
    "any_terms",
    "not_terms",
    "near_terms",
    "within",
    "level",
    "negative_only",
    "min_reach",
    "min_spread",
    "active",
)


def rule_save(*, actor, org: OrgUnit, rule: Rule | None = None, **values) -> Rule:
    """Create a rule at `org`, or change `rule`: its terms, thresholds and level."""
    require_write(actor, org.path)
    _may_monitor(actor, org.path)
    creating = rule is None
    rule = rule or Rule(org=org, org_path=org.path, created_by=actor if getattr(actor, "pk", None) else None)
    before = audit.snapshot(rule, RULE_FIELDS) if not creating else {}
    for k in RULE_FIELDS:
        if k in values:
            setattr(rule, k, values[k].strip() if isinstance(values[k], str) else values[k])
    errors = check(rule)
    if not (rule.all_terms or rule.any_terms or rule.near_terms) and "all_terms" not in errors:
        errors["any_terms"] = [_("Give at least one term.")]
    for pair in analysis.split_terms(rule.near_terms):
        if pair.count("+") != 1 or not all(p.strip() for p in pair.split("+")):
            errors.setdefault("near_terms", []).append(_("Write each pair as term+term (%(pair)s).") % {"pair": pair})
    if not errors and Rule.objects.filter(org=org, name=rule.name).exclude(pk=rule.pk).exists():
        errors["name"] = [_("The unit already has a rule of that name.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        rule.save()
        after = audit.snapshot(rule, RULE_FIELDS)
        old, new = audit.diff(before, after) if before else ({}, after)
        audit.record(
            actor,
            "opinion.rule_create" if creating else "opinion.rule_update",
            obj=rule,
            detail={"before": old, "after": new},
        )
    return rule


# --- incidents ----------------------------------------------------------------------------------------------------


def _step_due(state: str, start=None):
    hours = STEP_HOURS.get(state)
    return (start or timezone.now()) + datetime.timedelta(hours=hours or 0)


def incident_open(*, actor, alert: Alert, title: str = "") -> Incident:
    """Open the incident file of an alert (one per alert); the alert counts as acknowledged."""
    _may_respond(actor, alert)
    title = (title or alert.story.title).strip()
    msg = too_long(Incident, "title", title)
    if msg:
        raise ValidationError({"title": [msg]})
    if Incident.objects.filter(alert=alert).exists():
        raise ValidationError({"__all__": [_("This alert already has an incident file.")]})
    now = timezone.now()
    with transaction.atomic():
        if alert.state == AlertState.OPEN:
            ALERT_FLOW.apply(actor, alert, "acknowledge", note=_("Incident opened"))
        incident = Incident.objects.create(
            org_id=alert.org_id,
            org_path=alert.org_path,
            alert=alert,
            title=title,
            opened_at=now,
            step_due_at=_step_due(IncidentState.JUDGING, now),
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        rollups.changed(after=incident)
        audit.record(actor, "opinion.incident_open", obj=incident, detail={"alert": alert.pk, "level": alert.level})
    return incident


def _tell_above(actor, obj, fields):
    """Reported upward: the holders of `opinion.respond` at the unit above are told."""
    from jinguo.core.paths import parent_path

    above = parent_path(obj.org_path)
    if above:
        notify.notify(
            kind=INCIDENT,
            title=_("Opinion incident reported: %(title)s") % {"title": obj.title},
            body=obj.report[:1000],
            obj=obj,
            url=reverse("opinion:incident", args=[obj.pk]),
            unit=above,
            perm=RESPOND,
            exclude=[getattr(actor, "pk", None)],
        )


S = IncidentState
INCIDENT_FLOW = Workflow(
    model="opinion.Incident",
    transitions=[
        Transition(
            "report",
            sources=[S.JUDGING],
            target=S.REPORTED,
            event="opinion.incident_report",
            guard=_may_respond,
            notify=_tell_above,
        ),
        Transition(
            "respond", sources=[S.REPORTED], target=S.RESPONDING, event="opinion.incident_respond", guard=_may_respond
        ),
        Transition(
            "resolve", sources=[S.RESPONDING], target=S.RESOLVED, event="opinion.incident_resolve", guard=_may_respond
        ),
        Transition(
            "review",
            sources=[S.RESOLVED],
            target=S.REVIEWED,
            event="opinion.incident_review",
            guard=_may_respond,
            stamp=lambda actor: {"closed_at": timezone.now()},
        ),
    ],
    stamp_updated="updated_at",
)
# The text each step records, and what the step is called.
STEP_TEXT = {"report": "judgement", "respond": "report", "resolve": "response", "review": "outcome"}
STEP_AFTER = {"report": S.REPORTED, "respond": S.RESPONDING, "resolve": S.RESOLVED, "review": S.REVIEWED}


def incident_step(*, actor, incident: Incident, step: str, text: str, review: str = "") -> Incident:
    """Record the text of the current step (研判, report, response, outcome) and move to the next; a step done after
    its deadline counts as late. The last step (`review`) also records the review."""
    if step not in STEP_TEXT:
        raise ValidationError({"step": [_("Unknown step.")]})
    name = STEP_TEXT[step]
    text = (text or "").strip()
    errors = {}
    if not text:
        errors[name] = [_("Write what was done in this step.")]
    elif msg := too_long(Incident, name, text):
        errors[name] = [msg]
    if step == "review":
        review = (review or "").strip()
        if not review:
            errors["review"] = [_("Write the review.")]
        elif msg := too_long(Incident, "review", review):
            errors["review"] = [msg]
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    fields = {name: text, "late_steps": incident.late_steps + (1 if now > incident.step_due_at else 0)}
    fields["step_due_at"] = _step_due(STEP_AFTER[step], now) if STEP_AFTER[step] in STEP_HOURS else now
    if step == "review":
        fields["review"] = review
    return INCIDENT_FLOW.apply(actor, incident, step, detail={"late": now > incident.step_due_at}, **fields)


# --- sentiment: labels and training -------------------------------------------------------------------------------


def mention_label(*, actor, mention: Mention, label: str) -> Mention:
    """A person's judgement of a mention's sentiment (trains the next model)."""
    _may_monitor(actor, mention.org_path)
    if label not in Sentiment.values:
        raise ValidationError({"label": [_("Choose negative, neutral or positive.")]})
    with transaction.atomic():
        before = mention.label
        Mention.objects.filter(pk=mention.pk).update(label=label)
        mention.label = label
        audit.record(actor, "opinion.mention_label", obj=mention, detail={"before": before, "after": label})
    return mention


def sentiment_train(*, actor) -> SentimentModel:
    """Train a model on the shipped corpus plus every labelled mention the actor may read, keep it if it is at least
    as accurate on the held-out set as the one in use, and make it the active one. Region level only."""
    from jinguo.core.scope import scope_paths, scoped
    from jinguo.opinion import training

    if "" not in scope_paths(actor, MONITOR) and not any(len(p) <= 2 for p in scope_paths(actor, MONITOR)):
        raise PermissionDenied(_("The sentiment model is trained at the region."))
    own = list(scoped(Mention.objects.exclude(label=""), actor).values_list("title", "text", "label")[:200_000])
    an = analysis.analyzer()
    cut = lambda s: an.cut(analysis.normalise(s))  # noqa: E731
    model, acc = training.train(cut, [(f"{t}\n{x}", label) for t, x, label in own])
    with transaction.atomic():
        SentimentModel.objects.filter(active=True).update(active=False)
        row = SentimentModel.objects.create(
            trained_by=actor if getattr(actor, "pk", None) else None,
            examples=training.CORPUS_SIZE + len(own),
            own_examples=len(own),
            accuracy=acc,
            params=model.params(),
            active=True,
        )
        audit.record(actor, "opinion.model_train", obj=row, detail={"own": len(own), "accuracy": round(acc, 4)})
    return row


# --- briefs -------------------------------------------------------------------------------------------------------


def brief_subscribe(*, actor, org: OrgUnit, frequency: str, on: bool = True) -> None:
    from jinguo.core.scope import in_scope as reads

    if not reads(actor, org.path):
        raise PermissionDenied
    with transaction.atomic():
        if on:
            BriefSubscription.objects.get_or_create(user=actor, org=org, org_path=org.path, frequency=frequency)
        else:
            BriefSubscription.objects.filter(user=actor, org=org, frequency=frequency).delete()
        audit.record(actor, "opinion.brief_subscribe", org_path=org.path, detail={"frequency": frequency, "on": on})


def briefs_send(*, actor, today: datetime.date | None = None) -> int:
    """Tell each subscriber that their brief is ready: daily ones every day, weekly ones on Mondays. Idempotent."""
    from jinguo.opinion.module import BRIEF

    today = today or timezone.localdate()
    due = BriefSubscription.objects.select_related("user", "org").exclude(last_sent_on=today)
    sent = 0
    for sub in due:
        if sub.frequency == "weekly" and today.weekday() != 0:
            continue
        with transaction.atomic():
            if not BriefSubscription.objects.filter(pk=sub.pk).exclude(last_sent_on=today).update(last_sent_on=today):
                continue
            url = reverse("opinion:brief") + f"?under={sub.org.code}&period={sub.frequency}&day={today:%Y-%m-%d}"
            notify.notify(
                kind=BRIEF,
                title=_("Public-opinion brief of %(unit)s, %(day)s")
                % {"unit": sub.org.name, "day": f"{today:%Y-%m-%d}"},
                url=url,
                recipients=[sub.user],
            )
            sent += 1
    if sent:
        audit.record(actor, "opinion.briefs_send", detail={"sent": sent, "day": f"{today:%Y-%m-%d}"})
    return sent


# --- feeds --------------------------------------------------------------------------------------------------------


def source_poll(*, actor, source: Source, fetch=None) -> dict:
    """Poll one feed with a conditional GET: 304 (or the same ETag) takes nothing; new entries are ingested."""
    from jinguo.opinion import feeds

    if source.kind != SourceKind.FEED or not source.url:
        raise ValidationError({"url": [_("This source is not a feed.")]})
    now = timezone.now()
    try:
        result = (fetch or feeds.fetch)(source.url, etag=source.etag, last_modified=source.last_modified)
    except feeds.FeedError as e:
        Source.objects.filter(pk=source.pk).update(polled_at=now, poll_status=str(e)[:200])
        return {"status": "error", "created": 0, "reason": str(e)}
    if result.not_modified:
        Source.objects.filter(pk=source.pk).update(polled_at=now, poll_status="304")
        return {"status": "not_modified", "created": 0}
    items = result.items[:MAX_BATCH]
    answers = mentions_ingest(actor=actor, source=source, items=items, channel="feed")
    created = sum(a.status == "created" for a in answers)
    Source.objects.filter(pk=source.pk).update(
        polled_at=now,
        etag=result.etag[:200],
        last_modified=result.last_modified[:100],
        poll_status=f"200: {created}/{len(items)}",
    )
    return {"status": "ok", "created": created, "items": len(items)}


# --- demo ---------------------------------------------------------------------------------------------------------


def demo_seed(*, actor, mentions: int = 3000, out=None) -> dict:
    """Sources, rules and `mentions` generated mentions across the region's counties over the last 30 days (with
    reposts), the alerts they raise and a handful of incidents. Deterministic; does nothing the second time."""
    import random

    from jinguo.opinion import corpus

    region = OrgUnit.objects.filter(level="province").order_by("path").first()
    if region is None or Source.objects.filter(org=region, name="全区网络监测").exists():
        return {}
    rng = random.Random(16)
    source = source_create(actor=actor, org=region, name="全区网络监测")
    source_create(actor=actor, org=region, name="北疆女声 RSS", kind=SourceKind.FEED, url="https://example.invalid/rss")
    rule_save(actor=actor, org=region, name="家暴", any_terms="家暴、家庭暴力", level=Level.RED, min_reach=20000)
    rule_save(actor=actor, org=region, name="校园欺凌", any_terms="欺凌、霸凌", level=Level.ORANGE, min_reach=5000)
    rule_save(actor=actor, org=region, name="拐卖", near_terms="拐卖+妇女", within=10, level=Level.RED)
    rule_save(
        actor=actor, org=region, name="欠薪", any_terms="拖欠工资、欠薪、克扣", level=Level.YELLOW, min_reach=2000
    )
    rule_save(actor=actor, org=region, name="家庭教育", any_terms="家庭教育、家风")
    counties = list(OrgUnit.objects.filter(level="county").values_list("name", flat=True))
    now = timezone.now()
    texts = corpus.generate(mentions, seed=16, places=counties)
    items = []
    for n, (text, _label) in enumerate(texts):
        if items and rng.random() < 0.25:  # a repost with a small edit
            orig = rng.choice(items[-200:])
            text = "转发：" + orig["text"][: max(10, len(orig["text"]) - rng.randint(0, 6))]
        published = now - datetime.timedelta(minutes=rng.randint(5, 30 * 24 * 60))
        items.append(
            {
                "url": f"https://weibo.example.cn/demo/{n}",
                "title": text[:40],
                "text": text,
                "author": f"网友{rng.randint(1000, 9999)}",
                "published_at": published,
                "reach": int(rng.paretovariate(1.2) * 300),
            }
        )
    for start in range(0, len(items), MAX_BATCH):
        mentions_ingest(actor=actor, source=source, items=items[start : start + MAX_BATCH], channel="demo")
    opened = 0
    for alert in Alert.objects.filter(level=Level.RED).order_by("pk")[:5]:
        incident = incident_open(actor=actor, alert=alert)
        if opened % 2 == 0:
            incident_step(actor=actor, incident=incident, step="report", text="经研判，属实，需上报并及时回应。")
        opened += 1
    return {"opinion mentions": Mention.objects.count(), "opinion alerts": Alert.objects.count(), "incidents": opened}
