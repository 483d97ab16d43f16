"""Running the rules over a folder: cached per record where a rule reads only its record,
the whole report kept while nothing it read has changed."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from archlog.features.lint.findings import Finding, Report, Rule
from archlog.features.lint.lint_config import Settings

if TYPE_CHECKING:
    from archlog.features.lint.inputs import Context
    from archlog.model import Record
    from archlog.read.cache import ParseCache
    from archlog.read.store import Store


def run(
    repo: Store,
    *,
    paths: Sequence[Path] = (),
    git: bool = False,
    against: str | None = None,
    today: str | None = None,
    only: Sequence[str] = (),
) -> Report:
    """Lint the repository (or only the records at ``paths``)."""
    from archlog.features.lint.inputs import Context
    from archlog.features.lint.rule_catalog import BY_ID, RULES
    from archlog.infra.clock import today as today_fn

    settings = Settings.of(dict(repo.config.values.get("lint") or {}), BY_ID, repo.config.source)
    today = today or today_fn()
    memo = None
    if not (paths or git or against or repo.parsed):  # the whole report, if nothing changed
        from archlog.features.lint.report_memo import ReportMemo

        memo = ReportMemo.open(repo, only, today)
        kept = memo.report() if memo is not None else None
        if kept is not None:
            return Report(kept.findings, kept.records, dict(BY_ID))
    records = repo.records
    chosen = records
    if paths:
        wanted = {p.resolve() for p in paths}
        chosen = [r for r in records if r.path.resolve() in wanted]
    ctx = Context(repo, repo.convention, records, settings, today, against=against)
    notes = _read_history(ctx) if git or against else []
    active = [
        r for r in RULES if settings.severity_of(r) is not None and (not only or r.id in only)
    ]
    active = [r for r in active if not r.git or ctx.history is not None]
    severity = {r.id: str(settings.severity_of(r)) for r in active}
    pure = [r for r in RULES if r.record_check is not None and r.pure and not r.git]
    store = None if ctx.history is not None else _lint_cache(repo, ctx)
    findings, disabled = _pure_findings(ctx, chosen, pure, store, severity)
    if store is not None:
        store.save(prune=not paths)
    only_paths = {r.path for r in chosen} if paths else None
    for rule in active:
        findings += _rule_findings(ctx, rule, severity[rule.id], chosen, disabled, only_paths)
    findings.sort(key=lambda f: (str(f.path), f.line, f.rule))
    if memo is not None:
        memo.keep(findings, ctx.asked, len(chosen))
    return Report(findings, len(chosen), dict(BY_ID), notes)


def _read_history(ctx: Context) -> list[str]:
    """Give the context the folder's git history; the notes to show when it is cut short."""
    from archlog.infra.git import read_patches

    ctx.history = read_patches(ctx.repo.folder)
    if ctx.history is None:
        return ["git checks skipped: this folder is not in a git repository"]
    if ctx.history.shallow:
        return [
            "this is a shallow clone: git dates and history are cut short, so "
            "git-based findings may be wrong (fetch with --unshallow)"
        ]
    return []


def _pure_findings(
    ctx: Context,
    chosen: Sequence[Record],
    pure: Sequence[Rule],
    store: ParseCache | None,
    severity: dict[str, str],
) -> tuple[list[Finding], dict[Path, set[str]]]:
    """The findings of the rules that read only their record, and the rules each record
    turns off (only the records that turn one off)."""
    findings: list[Finding] = []
    disabled: dict[Path, set[str]] = {}
    for record in chosen:
        results, off = _record_results(ctx, record, pure, store)
        if off:  # most records turn nothing off: keep the map small
            disabled[record.path] = disabled.get(record.path, set()) | off
        for rule_id, line, message in results:
            if rule_id in severity and rule_id not in off:
                findings.append(Finding(rule_id, severity[rule_id], record.path, line, message))
    return findings, disabled


def _rule_findings(
    ctx: Context,
    rule: Rule,
    severity: str,
    chosen: Sequence[Record],
    disabled: dict[Path, set[str]],
    only_paths: set[Path] | None,
) -> list[Finding]:
    """The findings of one rule that reads more than its record (other records, the folder,
    git); with ``only_paths``, a folder check's findings on records outside them are dropped."""
    findings: list[Finding] = []
    if rule.record_check is not None and not (rule.pure and not rule.git):
        for record in chosen:
            if disabled and rule.id in disabled.get(record.path, ()):
                continue
            for line, message in rule.record_check(ctx, record):
                findings.append(Finding(rule.id, severity, record.path, line, message))
    if rule.folder_check is not None:
        for target, line, message in rule.folder_check(ctx):
            path = target if isinstance(target, Path) else target.path
            if only_paths is not None and not isinstance(target, Path) and path not in only_paths:
                continue
            if rule.id in disabled.get(path, ()):
                continue
            findings.append(Finding(rule.id, severity, path, line, message))
    return findings


Result = tuple[str, int, str]  # rule id, line, message


def _record_results(
    ctx: Context, record: Record, pure: Sequence[Rule], store: ParseCache | None
) -> tuple[list[Result], set[str]]:
    """The findings of the rules that read only this record, and the rules it turns off:
    from the lint cache when the record's bytes and the settings are unchanged."""
    from archlog.features.lint.structure_rules import relative_links

    digest = ctx.repo.digest(record)
    name = ctx.repo.key_of(record)
    hit = store.get(name, digest) if store is not None and digest is not None else None
    if hit is not None:
        cached, off, links = hit
        ctx.links[(record.path, record.entry)] = [tuple(x) for x in links]
        return [tuple(x) for x in cached], set(off)
    ctx.repo.detail([record])
    results: list[Result] = []
    for rule in pure:
        assert rule.record_check is not None
        results += [(rule.id, line, message) for line, message in rule.record_check(ctx, record)]
    off = ctx.disabled(record)
    links = relative_links(ctx, record)
    ctx.links[(record.path, record.entry)] = links
    if store is not None and digest is not None:
        store.put(name, digest, (results, sorted(off), links))
    return results, off


def _lint_cache(repo: Store, ctx: Context) -> ParseCache | None:
    """The per-record findings cache, salted with everything they depend on but the record:
    archlog's code (every module: rules call the index, the conventions, …), the convention,
    the settings, today's date, the templates."""
    import hashlib
    import json

    from archlog.read.cache import code_digest

    h = hashlib.sha256(code_digest().encode())
    s = ctx.settings
    h.update(
        json.dumps(
            [
                ctx.conv.describe(),
                s.reading_minutes,
                s.words_per_minute,
                s.proposed_max_days,
                ctx.today,
                ctx.template_sources,
            ],
            sort_keys=True,
            default=str,
        ).encode()
    )
    return repo.side_cache("lint", h.hexdigest()[:16])
