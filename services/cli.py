"""The `fundwatch` command: everything an operator does."""
from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import sys
from pathlib import Path

from shared import queues
from shared.settings import get_settings


class _ScheduleAtDebug(logging.Filter):
    """Celery's own lines about the webhook round the beat starts every 5 s (sent, received,
    succeeded) are logged at DEBUG, not INFO: they would bury everything else. The round itself
    logs at INFO when it planned or sent something; its failures keep their level."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.INFO and record.name.startswith("celery"):
            message = record.getMessage()
            if queues.DELIVER_WEBHOOKS in message:
                record.levelno, record.levelname = logging.DEBUG, "DEBUG"
                return logging.getLogger().isEnabledFor(logging.DEBUG)
        return True


def _logging() -> None:
    from shared.logs import TaskContext
    from shared.outages import OutageFilter

    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(TaskContext())   # a task's lines name the task and the records it was given
    handler.addFilter(_ScheduleAtDebug())
    handler.addFilter(OutageFilter())  # an unreachable database or broker: a line per change, not per retry
    logging.basicConfig(level=get_settings().log_level, handlers=[handler],
                        format="%(asctime)s %(levelname)-7s %(name)s:%(task_context)s %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    # pgserver logs every command it runs (initdb's whole output among them) at INFO
    logging.getLogger("pgserver").setLevel(logging.WARNING)
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)  # a line per plugin, every start


def cmd_extract(args: argparse.Namespace) -> int:
    """Run the extractor on local files, with no server."""
    from services.extractor.files import extract_files
    from services.extractor.readers import by_version

    try:
        extractor = by_version(args.extractor)
    except ValueError as exc:
        print(f"fundwatch extract: {exc}", file=sys.stderr)
        return 2
    failed = 0
    for result in extract_files([Path(p) for p in args.files], extractor):
        failed += "error" in result
        if args.jsonl:
            print(json.dumps(result, ensure_ascii=False))
        else:
            print(f"{result['document']}: {len(result['awards'])} awards" + (f" ({result['error']})" if "error" in result else ""))
            for a in result["awards"]:
                amount = f"{a['currency']} {a['amount']:,}" if a["amount"] is not None else "amount not stated"
                print(f"  - {a['recipient']}: {amount}")
    return 1 if failed == len(args.files) else 0


def cmd_export(args: argparse.Namespace) -> int:
    """Print every consolidated award with its sources, or as a 360Giving package: the stream
    `/awards/export` serves."""
    from collections import Counter

    from services.api.export import Format, stream
    from shared.filters import AwardFilters

    fmt = {"json": Format.json, "csv": Format.csv, "360giving": Format.giving360_json,
           "360giving-csv": Format.giving360_csv}[args.format]
    left_out: Counter = Counter()
    pieces = stream(fmt, AwardFilters(), left_out)
    if args.pretty and fmt in (Format.json, Format.giving360_json):
        json.dump(json.loads("".join(pieces)), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        for piece in pieces:
            sys.stdout.write(piece)
    if left_out["without_amount"]:
        print(f"fundwatch: {left_out['without_amount']} awards with no stated amount left out "
              "(the 360Giving standard requires one)", file=sys.stderr)
    return 0


def cmd_reprocess(args: argparse.Namespace) -> int:
    """Re-extract stored pages read by an older extractor, updating the records in place."""
    from services.extractor import reprocess

    reprocess.run(everything=args.all, inline=args.inline, wait=args.wait, failed=args.failed)
    return 0


def cmd_apikey(args: argparse.Namespace) -> int:
    """Create, list or revoke API keys (only their hashes are stored)."""
    from services.api import keys

    if args.action == "create":
        key = keys.create(args.name, args.scope)
        print(key)
        print(f"fundwatch: key '{args.name}' ({args.scope}) created; it is shown only now: send it as "
              "the X-API-Key header", file=sys.stderr)
        return 0
    if args.action == "revoke":
        prefix = args.prefix.rstrip("…")   # as `apikey list` prints it
        n = keys.revoke(prefix)
        if not n:
            print(f"fundwatch: no live key has the prefix '{prefix}', so nothing was revoked; a prefix is the "
                  f"{keys.PREFIX_LENGTH} characters `fundwatch apikey list` shows before the '…'", file=sys.stderr)
            return 1
        print(f"fundwatch: {n} key(s) revoked", file=sys.stderr)
        return 0
    from sqlalchemy import select

    from shared.db import session_scope
    from shared.models import ApiKey

    with session_scope() as s:
        for k in s.scalars(select(ApiKey).order_by(ApiKey.id)):
            state = f"revoked {k.revoked_at:%Y-%m-%d}" if k.revoked_at else "live"
            used = f"{k.last_used_at:%Y-%m-%d %H:%M}" if k.last_used_at else "never used"
            print(f"{k.prefix}…  {k.scope:5}  {state:18}  {used:16}  {k.name}")
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    from shared.migrate import upgrade

    upgrade()
    print("database is at the latest migration")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from services.supervisor import run

    return run(with_examples=not args.no_examples)


def cmd_api(args: argparse.Namespace) -> int:
    import uvicorn

    s = get_settings()
    port = args.port or s.api_port
    if args.workers > 1 and s.prometheus_multiproc_dir is None:
        # several processes answer: each keeps its request histogram in a file of this run's own
        # directory (emptied first: a file left by an earlier run would be added in), and /metrics
        # adds them up; the processes started below inherit the variable
        where = s.data_dir / "prometheus" / f"api-{port}"
        shutil.rmtree(where, ignore_errors=True)
        where.mkdir(parents=True)
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(where.resolve())
    uvicorn.run("services.api.app:app", host=args.host or s.api_host, port=port,
                log_level=s.log_level.lower(), workers=args.workers)
    return 0


def cmd_fetcher(args: argparse.Namespace) -> int:
    from services.fetcher.service import main

    main()
    return 0


# the task modules each kind of worker runs, and the queues it takes them from
WORKERS = {"worker": (["services.extractor.tasks"], queues.EXTRACTOR_QUEUES),
           "notifier": (["services.notifier.tasks"], queues.NOTIFIER_QUEUES)}


def _celery_worker(kind: str, concurrency: int) -> int:
    from shared.celery_app import app

    include, consumes = WORKERS[kind]
    app.conf.include = include
    app.worker_main(["worker", "-Q", ",".join(consumes), "--hostname", f"{kind}@%h", "--loglevel",
                     get_settings().log_level, "--concurrency", str(concurrency), "--without-gossip",
                     "--without-mingle"])
    return 0


def cmd_worker(args: argparse.Namespace) -> int:
    return _celery_worker("worker", args.concurrency)


def cmd_notifier(args: argparse.Namespace) -> int:
    return _celery_worker("notifier", args.concurrency)


def cmd_beat(args: argparse.Namespace) -> int:
    from shared.celery_app import app

    s = get_settings()
    s.data_dir.mkdir(parents=True, exist_ok=True)
    app.start(["beat", "--loglevel", s.log_level, "--schedule", str(s.data_dir / "celerybeat-schedule")])
    return 0


def cmd_examples(args: argparse.Namespace) -> int:
    from services import examples

    log = logging.getLogger("fundwatch.examples")
    port = get_settings().example_site_port if args.port is None else args.port
    try:
        server = examples.bind(port)
    except OSError as exc:
        if not args.any_port_if_taken:
            print(f"fundwatch examples: cannot serve the sample site on 127.0.0.1:{port} ({exc.strerror}): set "
                  "FUNDWATCH_EXAMPLE_SITE_PORT (or --port) to a free port, or 0 for any", file=sys.stderr)
            return 1
        server = examples.bind(0)
        log.warning("port %d (FUNDWATCH_EXAMPLE_SITE_PORT) is taken (%s); the sample site is on port %d instead",
                    port, exc.strerror, server.server_address[1])
    if args.watch:
        from shared.sources import SourceSpec, upsert

        upsert(SourceSpec(name=examples.SOURCE_NAME, kind="feed", url=examples.feed_url(server),
                          interval_seconds=60), trusted=True)
        log.info("watched as source %s: %s", examples.SOURCE_NAME, examples.feed_url(server))
    examples.serve(server)
    return 0


def cmd_sources(args: argparse.Namespace) -> int:
    from shared.sources import sync_file

    n = sync_file(get_settings().sources_file)
    print(f"{n} sources loaded from {get_settings().sources_file}")
    return 0


# the commands that need PostgreSQL (and Redis): beside `fundwatch run` they use its servers
USES_SERVERS = {cmd_export, cmd_reprocess, cmd_apikey, cmd_migrate, cmd_api, cmd_fetcher, cmd_worker, cmd_beat,
                cmd_sources}


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="fundwatch", description="Track public funding awards.")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p = sub.add_parser("run", help="run the whole system in the foreground (embedded servers unless configured)")
    p.add_argument("--no-examples", action="store_true", help="do not serve the offline sample site")
    p.set_defaults(func=cmd_run)
    p = sub.add_parser("extract", help="extract awards from local HTML or text files (no server)")
    p.add_argument("files", nargs="+", help="HTML or text files")
    p.add_argument("--jsonl", action="store_true", help="one JSON object per document")
    p.add_argument("--extractor", metavar="VERSION",
                   help="which extractor reads the files (default: the current one; rules-0.2 is the earlier "
                        "rule-based one, kept for comparison)")
    p.set_defaults(func=cmd_extract)
    p = sub.add_parser("export", help="print every consolidated award with its sources")
    p.add_argument("--format", choices=["json", "csv", "360giving", "360giving-csv"], default="json",
                   help="json: records with their sources; csv: one row per record; 360giving: a 360Giving Data "
                        "Standard package (360giving-csv: its flat form)")
    p.add_argument("--pretty", action="store_true", help="indent the JSON")
    p.set_defaults(func=cmd_export)
    sub.add_parser("migrate", help="upgrade the database to the latest migration").set_defaults(func=cmd_migrate)
    p = sub.add_parser("apikey", help="create, list or revoke API keys for write and admin endpoints")
    keys_sub = p.add_subparsers(dest="action", required=True)
    k = keys_sub.add_parser("create", help="make a key and print it (once)")
    k.add_argument("--name", required=True, help="who or what the key is for")
    k.add_argument("--scope", choices=["admin", "write"], default="admin",
                   help="admin: every endpoint that needs a key (POST /sources among them); write: webhook "
                        "subscriptions only (default: admin)")
    k = keys_sub.add_parser("revoke", help="revoke the key whose printed prefix this is")
    k.add_argument("prefix", help="the key's first 10 characters, as `apikey list` shows them")
    keys_sub.add_parser("list", help="every key: prefix, scope, state, last use, name")
    p.set_defaults(func=cmd_apikey)
    p = sub.add_parser("reprocess", help="re-extract stored pages whose extraction is older than this extractor",
                       description="Re-runs the current extractor over stored pages (their raw bodies are kept) "
                                   "whose extraction came from another version, replacing their mentions and "
                                   "re-deriving the records they touch. By default the pages are queued for the "
                                   "workers; --inline reads them in this process.")
    p.add_argument("--all", action="store_true", help="every stored page, not only those read by another version")
    p.add_argument("--failed", action="store_true",
                   help="the pages that failed, whatever read them (after raising a FUNDWATCH_EXTRACT_* limit, or "
                        "to try pages failed by a passing fault now rather than at their retry time)")
    p.add_argument("--inline", action="store_true", help="extract here, one page after another, with progress")
    p.add_argument("--wait", action="store_true", help="after queueing, wait until the workers have read them all")
    p.set_defaults(func=cmd_reprocess)
    p = sub.add_parser("api", help="serve the HTTP API")
    p.add_argument("--host", help="address to listen on (default: FUNDWATCH_API_HOST, 127.0.0.1)")
    p.add_argument("--port", type=int, help="port to listen on (default: FUNDWATCH_API_PORT, 8000)")
    p.add_argument("--workers", type=int, default=1,
                   help="API processes sharing the port (default: 1); each keeps FUNDWATCH_API_READ_CONNECTIONS "
                        "connections to PostgreSQL")
    p.set_defaults(func=cmd_api)
    sub.add_parser("fetcher", help="watch the sources and store new or changed pages").set_defaults(func=cmd_fetcher)
    p = sub.add_parser("worker", help="run a Celery extraction worker")
    p.add_argument("--concurrency", type=int, default=2,
                   help="extraction processes in this worker (default: 2; about one per CPU core)")
    p.set_defaults(func=cmd_worker)
    p = sub.add_parser("notifier", help="run the webhook notifier (a Celery worker on the notify queue)")
    p.add_argument("--concurrency", type=int, default=1, help="processes delivering webhooks (default 1)")
    p.set_defaults(func=cmd_notifier)
    sub.add_parser("beat", help="run the periodic scheduler (sweeps, webhook rounds)").set_defaults(func=cmd_beat)
    p = sub.add_parser("examples", help="serve the offline sample announcement site")
    p.add_argument("--port", type=int, help="port on 127.0.0.1 (default: FUNDWATCH_EXAMPLE_SITE_PORT; 0: any free one)")
    p.add_argument("--watch", action="store_true",
                   help="register its feed, on the port it got, as the source 'sample-site' (what fundwatch run does)")
    p.add_argument("--any-port-if-taken", action="store_true",
                   help="serve on a free port, saying so, when the port is taken (what fundwatch run does)")
    p.set_defaults(func=cmd_examples)
    sub.add_parser("sources", help="load the sources file into the database").set_defaults(func=cmd_sources)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    _logging()
    if args.func in USES_SERVERS or getattr(args, "watch", False):
        problem = _find_servers()
        if problem:
            print(f"fundwatch {args.command}: {problem}", file=sys.stderr)
            return 1
    try:
        code = args.func(args)
        sys.stdout.flush()   # so that a reader gone shows here, not as an error at exit
        return code
    except BrokenPipeError:   # the reader has gone (`fundwatch export | head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _find_servers() -> str | None:
    """Where settings name no servers, those of the `fundwatch run` running here; or why there are none."""
    from shared import runtime

    settings = get_settings()
    try:
        runtime.attach(settings)
    except runtime.StaleRun as exc:
        return str(exc)
    if not settings.database_url:
        return (f"no database: FUNDWATCH_DATABASE_URL is not set and no `fundwatch run` is running here "
                f"(none has written {runtime.run_file(settings)}); start `fundwatch run` (or `make run`) first")
    return None


if __name__ == "__main__":
    sys.exit(main())
