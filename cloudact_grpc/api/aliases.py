"""Request fields the REST contract accepts under two names: the seed's and the frontend's.

The existing frontend sends some fields under other names than the seed's contract
(``input_price_per_1k`` for ``price_per_1k_input_tokens``, ``seats`` for ``number_of_users``,
``start_date`` for ``effective_date``...). Both are fields of the request message; the servicer
reads them through :func:`either`, so one value given twice under two names and different is a
400 naming both.
"""

from __future__ import annotations

from collections.abc import Mapping

from google.protobuf.message import Message

from cloudact_grpc.api import request_context
from cloudact_grpc.domain.errors import FieldViolation, InvalidArgument


def sent(msg: Message, name: str) -> object | None:
    """The value of ``name`` when sent: a presence field set, a plain field not its default."""
    field = msg.DESCRIPTOR.fields_by_name[name]
    if field.has_presence:
        return getattr(msg, name) if msg.HasField(name) else None
    value = getattr(msg, name)
    return value if value not in ("", 0, 0.0, False) else None


def either(msg: Message, seed: str, alias: str) -> object | None:
    """The value sent under ``seed`` or ``alias``, None when neither was sent.

    Both sent with different values is INVALID_ARGUMENT with a violation on each name.
    """
    first, second = sent(msg, seed), sent(msg, alias)
    if first is not None and second is not None and first != second:
        why = f"'{seed}' and '{alias}' are the same field and were sent with different values"
        raise InvalidArgument(
            why, violations=[FieldViolation(seed, why), FieldViolation(alias, why)]
        )
    if first is None and second is not None:
        request_context.sent_as(seed, alias)
    return first if first is not None else second


def _renamed(field: str, names: Mapping[str, str]) -> str:
    head, sep, rest = field.partition(".")
    return names.get(head, head) + sep + rest


def as_sent(error: InvalidArgument, names: Mapping[str, str]) -> InvalidArgument:
    """``error`` naming each field as the caller sent it (``names``: seed name → name sent).

    Renamed in its violations and at the head of its message (``"start_date: ..."``).
    """
    if not any(v.field.partition(".")[0] in names for v in error.violations):
        return error
    head, sep, rest = error.message.partition(": ")
    message = _renamed(head, names) + sep + rest if sep and " " not in head else error.message
    violations = [FieldViolation(_renamed(v.field, names), v.description) for v in error.violations]
    renamed = InvalidArgument(
        message, violations=violations, reason=error.reason, metadata=error.metadata
    )
    renamed.__cause__ = error.__cause__
    return renamed


def sent_text(msg: Message, name: str) -> str | None:
    """``sent`` as text (None when not sent)."""
    value = sent(msg, name)
    return None if value is None else str(value)
