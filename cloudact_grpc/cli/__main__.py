"""``cloudact``: operator commands over gRPC with the root key.

The root key is ``CA_ROOT_API_KEY`` or the development key file (``data/root-key``); the
target is ``--grpc`` (default ``127.0.0.1:$CLOUDACT_GRPC_PORT``). Answers are printed as JSON
(proto field names) on stdout; progress and errors go to stderr. Exit status: 0 done, 1 the
server refused (the line names the gRPC code, reason and fields), 2 bad usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import grpc
from cloudact.v1 import (
    admin_pb2,
    admin_pb2_grpc,
    costs_pb2,
    costs_pb2_grpc,
    integrations_pb2,
    integrations_pb2_grpc,
    organizations_pb2,
    organizations_pb2_grpc,
)
from google.protobuf import json_format
from google.protobuf.message import Message

from cloudact_grpc.cli.errors import describe
from cloudact_grpc.cli.progress import bytes_progress, spinner
from cloudact_grpc.config import ConfigError, load_settings
from cloudact_grpc.domain.dates import optional_date
from cloudact_grpc.domain.errors import InvalidArgument

_EXTENSIONS = {"csv": "csv", "json": "jsonl", "parquet": "parquet"}
Answer = Message | dict[str, object]


class Cli:
    """One connection and the root key; a method per command."""

    def __init__(self, channel: grpc.Channel, root_key: str, timeout: float) -> None:
        self.metadata = (("x-ca-root-key", root_key),)
        self.timeout = timeout
        self.admin = admin_pb2_grpc.AdminServiceStub(channel)
        self.orgs = organizations_pb2_grpc.OrganizationsServiceStub(channel)
        self.integrations = integrations_pb2_grpc.IntegrationsServiceStub(channel)
        self.costs = costs_pb2_grpc.CostsServiceStub(channel)

    def bootstrap(self, args: argparse.Namespace) -> Message:
        request = admin_pb2.BootstrapRequest(
            force_recreate_tables=args.force_recreate_tables,
            force_recreate_dataset=args.force_recreate_dataset,
        )
        with spinner("bootstrapping the central dataset"):
            return self.admin.Bootstrap(request, metadata=self.metadata, timeout=self.timeout)

    def onboard(self, args: argparse.Namespace) -> Message:
        request = organizations_pb2.OnboardOrganizationRequest(
            org_slug=args.org_slug,
            company_name=args.company,
            admin_email=args.email,
            subscription_plan=args.plan,
            request_id=args.request_id or "",
        )
        with spinner(f"onboarding {args.org_slug}"):
            return self.orgs.OnboardOrganization(
                request, metadata=self.metadata, timeout=self.timeout
            )

    def keys_info(self, args: argparse.Namespace) -> Message:
        request = organizations_pb2.GetApiKeyInfoRequest(org_slug=args.org_slug)
        return self.orgs.GetApiKeyInfo(request, metadata=self.metadata, timeout=self.timeout)

    def keys_rotate(self, args: argparse.Namespace) -> Message:
        request = organizations_pb2.RotateApiKeyRequest(
            org_slug=args.org_slug, request_id=args.request_id or ""
        )
        return self.orgs.RotateApiKey(request, metadata=self.metadata, timeout=self.timeout)

    def keys_revoke(self, args: argparse.Namespace) -> Message:
        """Revoke the current key: rotate and show only the new key's metadata, never the key."""
        self.keys_rotate(args)
        return self.keys_info(args)

    def quota(self, args: argparse.Namespace) -> Message:
        request = organizations_pb2.GetQuotaRequest(org_slug=args.org_slug)
        return self.orgs.GetQuota(request, metadata=self.metadata, timeout=self.timeout)

    def runs_list(self, args: argparse.Namespace) -> Message:
        """Pipeline runs of one org (or every org), newest first; ``--status`` narrows."""
        request = organizations_pb2.ListPipelineRunsRequest(
            org_slug=args.org or "", status=args.status or "", page_size=args.limit
        )
        return self.orgs.ListPipelineRuns(request, metadata=self.metadata, timeout=self.timeout)

    def runs_cancel(self, args: argparse.Namespace) -> Message:
        """Cancel a reserved or running run; its concurrency slot is freed."""
        request = organizations_pb2.CancelPipelineRunRequest(
            org_slug=args.org_slug, run_id=args.run_id, reason=args.reason or "",
            request_id=args.request_id or "",
        )  # fmt: skip
        return self.orgs.CancelPipelineRun(request, metadata=self.metadata, timeout=self.timeout)

    def rewrap(self, args: argparse.Namespace) -> Message:
        request = integrations_pb2.RewrapCredentialsRequest(
            org_slug=args.org or "", dry_run=args.dry_run, request_id=args.request_id or ""
        )
        with spinner("re-wrapping data keys under the current key version"):
            return self.integrations.RewrapCredentials(
                request, metadata=self.metadata, timeout=self.timeout
            )

    def notify_costs(self, args: argparse.Namespace) -> Message:
        request = costs_pb2.NotifyCostsChangedRequest(
            org_slug=args.org_slug, start_date=args.start or "", end_date=args.end or ""
        )
        return self.costs.NotifyCostsChanged(request, metadata=self.metadata, timeout=self.timeout)

    def export(self, args: argparse.Namespace) -> Answer:
        """Stream the export into a file with a progress bar; answers with what was written."""
        request = costs_pb2.ExportCostsRequest(
            org_slug=args.org_slug,
            start_date=args.start or "",
            end_date=args.end or "",
            format=args.format,
            providers=args.provider or [],
        )
        out = Path(args.output or f"{args.org_slug}-costs.{_EXTENSIONS.get(args.format, 'out')}")
        part = out.with_name(out.name + ".part")
        written = 0
        content_type = ""
        with bytes_progress() as progress, part.open("wb") as sink:
            task = progress.add_task(f"downloading {out.name}", total=None)
            for chunk in self.costs.ExportCosts(
                request, metadata=self.metadata, timeout=self.timeout
            ):
                content_type = content_type or chunk.content_type
                sink.write(chunk.data)
                written += len(chunk.data)
                progress.update(task, completed=written)
        part.replace(out)  # only a complete download gets the final name
        return {"path": str(out), "bytes": written, "content_type": content_type}


def _dates(args: argparse.Namespace) -> None:
    """The one date rule for ``--start``/``--end`` before anything is sent."""
    today = dt.datetime.now(dt.UTC).date()
    for name in ("start", "end"):
        raw = getattr(args, name, None)
        if raw:
            optional_date(raw, f"--{name}", today=today)


def _add_runs(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``runs list`` and ``runs cancel``."""
    runs = commands.add_parser("runs", help="pipeline runs").add_subparsers(
        dest="runs_command", required=True
    )
    listing = runs.add_parser("list", help="runs, newest first (leases past due show EXPIRED)")
    listing.add_argument("--org", help="one organization (default: all)")
    listing.add_argument("--status", help="RUNNING, SUCCESS, FAILED, CANCELLED or EXPIRED")
    listing.add_argument("--limit", type=int, default=50, help="at most this many (max 1000)")
    listing.set_defaults(run=Cli.runs_list)
    cancel = runs.add_parser("cancel", help="cancel a run and free its concurrency slot")
    cancel.add_argument("org_slug")
    cancel.add_argument("run_id")
    cancel.add_argument("--reason")
    cancel.add_argument("--request-id")
    cancel.set_defaults(run=Cli.runs_cancel)


def parser(grpc_port: int) -> argparse.ArgumentParser:
    """The command line; ``--grpc`` defaults to ``127.0.0.1:grpc_port``."""
    root = argparse.ArgumentParser(
        prog="cloudact",
        description=__doc__.split("\n\n")[0],
        epilog=(
            "The root key is CA_ROOT_API_KEY, else the file make run wrote (data/root-key under "
            "the current directory, or CLOUDACT_ROOT_KEY_FILE). Exit status: 0 done, 1 refused "
            "by the server or no server at --grpc, 2 bad usage."
        ),
    )
    root.add_argument(
        "--grpc",
        default=f"127.0.0.1:{grpc_port}",
        metavar="HOST:PORT",
        help="the server's gRPC listener (default: %(default)s; the port is CLOUDACT_GRPC_PORT)",
    )
    root.add_argument(
        "--timeout", type=float, default=300.0, help="deadline per call, seconds (%(default)s)"
    )
    commands = root.add_subparsers(dest="command", required=True)

    boot = commands.add_parser("bootstrap", help="create the central dataset and meta tables")
    boot.add_argument("--force-recreate-tables", action="store_true")
    boot.add_argument("--force-recreate-dataset", action="store_true")
    boot.set_defaults(run=Cli.bootstrap)

    onboard = commands.add_parser("onboard", help="onboard an organization (prints its API key)")
    onboard.add_argument("org_slug")
    onboard.add_argument("--company", required=True)
    onboard.add_argument("--email", required=True)
    onboard.add_argument("--plan", default="FREE", help="subscription plan (%(default)s)")
    onboard.add_argument("--request-id", help="idempotency key: a retry replays the answer")
    onboard.set_defaults(run=Cli.onboard)

    keys = commands.add_parser("keys", help="an organization's API key").add_subparsers(
        dest="keys_command", required=True
    )
    for name, run, text in (
        ("info", Cli.keys_info, "key metadata and fingerprint, never the key"),
        ("rotate", Cli.keys_rotate, "new key (printed once); the old one stops working at once"),
        ("revoke", Cli.keys_revoke, "the current key stops working; the new one is not shown"),
    ):
        command = keys.add_parser(name, help=text)
        command.add_argument("org_slug")
        if name != "info":
            command.add_argument("--request-id")
        command.set_defaults(run=run)

    quota = commands.add_parser("quota", help="today's and this month's pipeline usage")
    quota.add_argument("org_slug")
    quota.set_defaults(run=Cli.quota)

    _add_runs(commands)

    rewrap = commands.add_parser("rewrap", help="re-wrap credential data keys (key rotation)")
    rewrap.add_argument("--org", help="one organization (default: all)")
    rewrap.add_argument(
        "--dry-run", action="store_true", help="count what would be re-wrapped; change nothing"
    )
    rewrap.add_argument("--request-id")
    rewrap.set_defaults(run=Cli.rewrap)

    notify = commands.add_parser("notify-costs", help="a loader changed these charge days")
    notify.add_argument("org_slug")
    notify.add_argument("--start", help="first charge day, YYYY-MM-DD (none: every day)")
    notify.add_argument("--end", help="last charge day, YYYY-MM-DD")
    notify.set_defaults(run=Cli.notify_costs)

    export = commands.add_parser("export", help="download the filtered cost rows as a file")
    export.add_argument("org_slug")
    export.add_argument("--format", choices=sorted(_EXTENSIONS), default="parquet")
    export.add_argument("--start", help="YYYY-MM-DD")
    export.add_argument("--end", help="YYYY-MM-DD")
    export.add_argument("--provider", action="append", help="repeat for several")
    export.add_argument("-o", "--output", help="file (default ORG-costs.EXT)")
    export.set_defaults(run=Cli.export)
    return root


def _print(answer: Answer) -> None:
    if isinstance(answer, dict):
        print(json.dumps(answer))
        return
    print(
        json_format.MessageToJson(
            answer, preserving_proto_field_name=True, always_print_fields_with_no_presence=True
        )
    )


def _hint(exc: grpc.RpcError, target: str) -> str:
    """What to check when the call never reached a server (no ``ErrorInfo`` came back)."""
    if isinstance(exc, grpc.Call) and exc.code() in _UNREACHED and not exc.trailing_metadata():
        return (
            f" (is the server running at {target}? choose it with --grpc HOST:PORT; "
            "the default port is CLOUDACT_GRPC_PORT)"
        )
    return ""


_UNREACHED = (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED)


def main(argv: Sequence[str] | None = None) -> int:
    """Parse, call, print; see the module docstring for exit statuses."""
    try:
        settings = load_settings()
        args = parser(settings.grpc_port).parse_args(argv)
        _dates(args)
        key = settings.root_api_key
        if not key:
            if not settings.root_key_file.exists():
                raise ConfigError(
                    f"no root key: set CA_ROOT_API_KEY, or run from the directory where "
                    f"`make run` wrote {settings.root_key_file} (or point CLOUDACT_ROOT_KEY_FILE "
                    "at that file)"
                )
            key = settings.root_key_file.read_text().strip()
    except (ConfigError, InvalidArgument) as exc:
        print(f"cloudact: {exc}", file=sys.stderr)
        return 2
    run: Callable[[Cli, argparse.Namespace], Answer] = args.run
    with grpc.insecure_channel(args.grpc) as channel:
        try:
            answer = run(Cli(channel, key, args.timeout), args)
        except grpc.RpcError as exc:
            print(
                f"cloudact {args.command}: {describe(exc)}{_hint(exc, args.grpc)}", file=sys.stderr
            )
            return 1
    _print(answer)
    return 0


if __name__ == "__main__":
    sys.exit(main())
