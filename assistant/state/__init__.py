"""What the workers and replicas of one service share: conversations, transcripts, rate limits.

In memory by default (one process: the demo needs nothing). With ``BOUSSOLE_REDIS_URL`` set,
they live in Redis, so a conversation started on one worker goes on on another and a rate
limit counts across all of them. This package offers:

- :class:`KeyValue`, the small storage protocol (get, put with a time to live, delete), with
  :class:`MemoryKeyValue` and :class:`RedisKeyValue`, and :func:`open_redis`;
- :class:`Sealed`, which turns objects into signed bytes and back (nothing unsigned is read);
- :class:`SharedConversations`, the dialogue's conversation store on a :class:`KeyValue`;
- :class:`SharedRateLimiter` and :class:`SharedSignInThrottle`, rate limits counted by the
  ``limits`` library in memory or in Redis.

Errors::

    AssistantError
    └── StateError   Redis cannot be reached or answered wrongly
"""

from assistant.state.conversations import SharedConversations
from assistant.state.kv import KeyValue, MemoryKeyValue, RedisKeyValue, StateError, open_redis
from assistant.state.limits import SharedRateLimiter, SharedSignInThrottle, limits_storage
from assistant.state.sealed import Sealed

__all__ = [
    "KeyValue",
    "MemoryKeyValue",
    "RedisKeyValue",
    "Sealed",
    "SharedConversations",
    "SharedRateLimiter",
    "SharedSignInThrottle",
    "StateError",
    "limits_storage",
    "open_redis",
]
