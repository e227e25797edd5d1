"""Request fields the REST contract accepts under two names: the seed's and the frontend's.

The existing frontend sends some fields under other names than the seed's contract
(``input_price_per_1k`` for ``price_per_1k_input_tokens``, ``seats`` for ``number_of_users``,
``start_date`` for ``effective_date``...). Both are fields of the request message; the servicer
reads them through :func:`either`, so one value given twice under two names and different is a
400 naming both.
"""

from __future__ import annotations

from google.protobuf.message import Message

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
    return first if first is not None else second


def sent_text(msg: Message, name: str) -> str | None:
    """``sent`` as text (None when not sent)."""
    value = sent(msg, name)
    return None if value is None else str(value)
