"""Commands that run the service or set it up: run, process-once, init, demo, check-config, parse."""
from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from pathlib import Path
from typing import Any

from marac import logs
from marac.config import Config, ConfigError, Limits, load, load_service

from .common import UsageError, config_and_home, configs_for, findings_by_area, is_served_area


def _service(args: argparse.Namespace, watch: bool = False) -> Any:
    from marac.daemon.areas import AreaServices
    from marac.daemon.service import Service
    configs = configs_for(args)
    if len(configs) > 1:  # every area of the file, on one daemon
        return AreaServices(configs, watch=watch)
    return Service(configs[0], configs[0].home, watch=watch)


def _start_when_possible(args: argparse.Namespace, stop: threading.Event) -> Any:
    """The daemon never exits on its own: if this machine cannot start it now (a full disk, the database
    server down or restarting), it says so and tries again until it can, or until it is asked to stop."""
    from intake.files import local_failure
    from marac.store.pg import StoreUnreachable
    while True:
        try:
            return _service(args, watch=True)
        except StoreUnreachable as exc:  # the sentence names host and port at most, never the url
            logs.error("store.unreachable", reason=str(exc))
        except Exception as exc:  # noqa: BLE001 - only this machine's failures are waited out
            reason = local_failure(exc, Path(args.home) if args.home else None)
            if reason is None:
                raise
            logs.error("local.failure", reason=reason)
        if stop.wait(5.0):
            return None


def cmd_run(args: argparse.Namespace) -> int:
    stop = threading.Event()
    service = None

    def stop_now() -> None:
        stop.set()
        if service is not None:
            service.interrupt()

    def on_signal(signum: int, _frame: object) -> None:
        # Not in the handler itself: it may have interrupted the main thread inside an Event's lock.
        threading.Thread(target=stop_now, daemon=True).start()

    # Before anything slow, so a stop asked for during start-up is a clean stop too.
    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    service = _start_when_possible(args, stop)
    if service is None:
        return 0  # asked to stop while waiting for the disk
    try:
        service.run(stop)
    finally:
        service.close()
    return 0


def cmd_process_once(args: argparse.Namespace) -> int:
    service = _service(args)
    try:
        result = service.process_once()
    finally:
        service.close()
    print(f"{result.referrals} referral(s) accepted ({result.reviews} held for review), "
          f"{result.exceptions} other message(s) sent to exceptions, "
          f"{result.duplicates} already handled, {result.failed} failed and kept for retry; "
          f"{result.decisions} desk decision(s) carried out; "
          f"{result.sent} message(s) sent, {result.deferred} waiting to be retried, {result.refused} refused.")
    if result.unreachable:
        print(f"The mailbox could not be read: {result.unreachable}. Nothing was lost; the next run tries again.",
              file=sys.stderr)
    if result.deferred and result.unsent:
        print(f"{result.deferred} message(s) could not be sent: {result.unsent}. They wait in the outbox and the "
              "next run tries again.", file=sys.stderr)
    return 1 if result.failed or result.deferred or result.unreachable else 0


def _init_area(config: Config) -> None:
    from marac.store import db
    home = config.home
    existed = (home / "marac.db").exists()
    db.open_store(config.store, home, config.area.code).close()
    for sub in ("exceptions/approved", "exceptions/rejected", "documents"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    if config.mailbox.backend == "maildir":
        for sub in ("new", "cur", "tmp"):
            (home / config.mailbox.path / sub).mkdir(parents=True, exist_ok=True)  # type: ignore[union-attr]
    whose = f" for {config.area.name}" if is_served_area(config) else ""
    where = " (its cases in the PostgreSQL store)" if config.store.url is not None else ""
    print(f"The service's state{whose} is {'already' if existed else 'now'} set up under {home}{where}.")


def cmd_init(args: argparse.Namespace) -> int:
    """Every area's home (or the one chosen with --area)."""
    for config in configs_for(args):
        _init_area(config)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from .demo import put_demo_referrals
    config, home = config_and_home(args)
    if config.mailbox.backend != "maildir":
        raise UsageError("The demo puts messages into the local mailbox, so it needs backend = \"maildir\"")
    cmd_init(args)
    names = put_demo_referrals(home / config.mailbox.path)  # type: ignore[union-attr]
    print(f"Put {len(names)} invented referral messages into {home / config.mailbox.path / 'new'}.")
    return 0


def cmd_check_config(args: argparse.Namespace) -> int:
    """Every area the file serves (or the one chosen with --area), each finding naming its area."""
    configs = configs_for(args)
    errors, warnings = findings_by_area(configs)
    for warning in warnings:
        print("Warning: " + warning[0].upper() + warning[1:].rstrip(".") + ".", file=sys.stderr)
    if errors:
        raise ConfigError(errors)
    served = "; ".join(f"{c.area.name} ({c.area.code}) with state under {c.home}" for c in configs)
    if len(configs) == 1:
        served = f"{configs[0].area.name} is valid (state under {configs[0].home})"
    else:
        served = f"{len(configs)} areas is valid: {served}"
    print(f"The configuration for {served}" + (f"; {len(warnings)} warning(s) above" if warnings else "") + ".")
    return 0


def _limits(args: argparse.Namespace) -> Limits:
    """The parsing limits of the chosen area (any area's, when none is chosen: they are shared as a rule)."""
    path, area = Path(args.config), getattr(args, "area", None)
    if not path.exists():
        return Limits()
    return load(path, area=area).limits if area else load_service(path)[0].limits


def cmd_parse(args: argparse.Namespace) -> int:
    from parsers.sandbox import ParserPool
    limits = _limits(args)
    results: list[dict[str, Any]] = []
    unreadable = False
    with ParserPool(limits.parse_seconds, limits.parse_memory_mb, limits.max_attachment_bytes) as pool:
        for name in args.files:
            path = Path(name)
            try:
                data = path.read_bytes()
            except OSError as exc:
                print(f"{name}: cannot be read ({exc.strerror or type(exc).__name__}).", file=sys.stderr)
                unreadable = True
                continue
            results.append(pool.parse(data, path.name))
    if args.json:
        out: Any = results[0] if len(args.files) == 1 and results else results
        print(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        from .readable import describe
        for result in results:
            print(describe(result))
    return 1 if unreadable else 0
