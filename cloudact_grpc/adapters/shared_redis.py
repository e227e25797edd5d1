"""``SharedState`` in Redis: one Lua script per take (atomic), notices over pub/sub.

Buckets are hashes ``cloudact:bucket:<name>`` (tokens, updated) refilled with Redis's own clock,
so replicas' clocks never matter; each expires once it would be full again. Version counters are
``cloudact:version:<name>``. Notices go to the
channel ``cloudact:changes`` as ``<origin> <topic> <subject>`` (tab-separated); a background
thread listens and, after every (re)subscription, first delivers ``("*", "*")``: notices may
have been missed while the connection was down, so the listener should forget all it cached.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Sequence

import redis
import structlog
from redis.backoff import NoBackoff
from redis.retry import Retry

from cloudact_grpc.ports.shared_state import Bucket, Notice, SharedStateDown, Taken

CHANNEL = "cloudact:changes"
_PREFIX = "cloudact:bucket:"
_VERSION = "cloudact:version:"
_log = structlog.get_logger("cloudact.shared_redis")

# KEYS: the buckets; ARGV: mode (take, force, peek), then per bucket its rate and burst.
_TAKE = """
local now_parts = redis.call('TIME')
local now = tonumber(now_parts[1]) + tonumber(now_parts[2]) / 1000000
local mode = ARGV[1]
local tokens, allowed = {}, 1
for i = 1, #KEYS do
  local rate, burst = tonumber(ARGV[2 * i]), tonumber(ARGV[2 * i + 1])
  local stored = redis.call('HMGET', KEYS[i], 't', 'u')
  local t = tonumber(stored[1]) or burst
  local u = tonumber(stored[2]) or now
  t = math.min(burst, t + math.max(0, now - u) * rate)
  tokens[i] = t
  if t < 1 then allowed = 0 end
end
if mode ~= 'peek' and (allowed == 1 or mode == 'force') then
  for i = 1, #KEYS do
    local rate, burst = tonumber(ARGV[2 * i]), tonumber(ARGV[2 * i + 1])
    tokens[i] = math.max(0, tokens[i] - 1)
    redis.call('HSET', KEYS[i], 't', tostring(tokens[i]), 'u', tostring(now))
    local full_in = rate > 0 and (burst - tokens[i]) / rate or 86400
    redis.call('PEXPIRE', KEYS[i], math.ceil(full_in * 1000) + 1000)
  end
end
local out = {allowed}
for i = 1, #KEYS do out[i + 1] = tostring(tokens[i]) end
return out
"""


class RedisSharedState:
    """Token buckets and change notices in one Redis (``redis://host:port/db``)."""

    backend = "redis"

    def __init__(self, url: str, *, timeout_seconds: float = 0.5) -> None:
        self._client = redis.Redis.from_url(
            url,
            socket_timeout=timeout_seconds,
            socket_connect_timeout=timeout_seconds,
            retry=Retry(NoBackoff(), 1),
        )
        self._script = self._client.register_script(_TAKE)
        self._origin = uuid.uuid4().hex
        self._stopped = threading.Event()
        self._threads: list[threading.Thread] = []

    def take(self, buckets: Sequence[Bucket], *, force: bool = False) -> Taken:
        """One token from each bucket, all or none (``force``: from each, floored at 0)."""
        allowed, tokens = self._run("force" if force else "take", buckets)
        return Taken(allowed, tokens)

    def peek(self, buckets: Sequence[Bucket]) -> tuple[float, ...]:
        """Each bucket's tokens now."""
        return self._run("peek", buckets)[1]

    def _run(self, mode: str, buckets: Sequence[Bucket]) -> tuple[bool, tuple[float, ...]]:
        args: list[str | float | int] = [mode]
        for bucket in buckets:
            args += [repr(bucket.per_second), bucket.burst]
        try:
            reply = self._script(keys=[_PREFIX + b.name for b in buckets], args=args)
        except redis.RedisError as exc:
            raise SharedStateDown(f"redis: {exc}") from exc
        return reply[0] == 1, tuple(float(t) for t in reply[1:])

    def version(self, name: str) -> int:
        """The counter ``name`` (one GET)."""
        try:
            value = self._client.get(_VERSION + name)
        except redis.RedisError as exc:
            raise SharedStateDown(f"redis: {exc}") from exc
        return int(value) if value is not None else 0

    def bump(self, name: str) -> None:
        """Add one to the counter ``name`` (one INCR)."""
        try:
            self._client.incr(_VERSION + name)
        except redis.RedisError as exc:
            raise SharedStateDown(f"redis: {exc}") from exc

    def publish(self, topic: str, subject: str) -> None:
        """Tell the other replicas; a lost notice is logged (their caches expire by TTL)."""
        try:
            self._client.publish(CHANNEL, f"{self._origin}\t{topic}\t{subject}")
        except redis.RedisError:
            _log.warning("change notice not published", topic=topic, subject=subject)

    def subscribe(self, handler: Notice) -> None:
        """Listen in a daemon thread until ``close``."""
        thread = threading.Thread(
            target=self._listen, args=(handler,), name="shared-state-notices", daemon=True
        )
        self._threads.append(thread)
        thread.start()

    def _listen(self, handler: Notice) -> None:
        while not self._stopped.is_set():
            pubsub = self._client.pubsub(ignore_subscribe_messages=True)  # type: ignore[no-untyped-call]
            try:
                pubsub.subscribe(CHANNEL)
                handler("*", "*")
                while not self._stopped.is_set():
                    message = pubsub.get_message(timeout=0.2)
                    if message is not None:
                        self._deliver(handler, message["data"])
            except redis.RedisError:
                _log.warning("change notices interrupted; resubscribing")
                self._stopped.wait(0.2)
            finally:
                pubsub.close()

    def _deliver(self, handler: Notice, data: bytes) -> None:
        origin, topic, subject = data.decode().split("\t", 2)
        if origin != self._origin:
            handler(topic, subject)

    def ping(self) -> bool:
        """Whether Redis answers now."""
        try:
            return bool(self._client.ping())
        except redis.RedisError:
            return False

    def close(self) -> None:
        """Stop the listener and close the connections."""
        self._stopped.set()
        for thread in self._threads:
            thread.join(timeout=2)
        self._client.close()
