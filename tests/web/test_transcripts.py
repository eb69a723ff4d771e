"""The in-memory transcripts: bounded by bytes, the oldest conversation forgotten first."""

from __future__ import annotations

from assistant.dialogue import Reply
from assistant.understanding import Profile
from web.transcripts import Transcripts, Turn


def turn(conversation_id: str, n: int, text: str) -> Turn:
    reply = Reply(
        conversation_id=conversation_id,
        intent="profile",
        text="Voici des formations.",
        summary=None,
        question=None,
        question_text=None,
        guidance=None,
        focus_module=None,
        restarted=False,
        language="fr",
        profile=Profile(),
    )
    return Turn(n, text, reply)


def test_transcripts_are_bounded_by_bytes_oldest_first() -> None:
    store = Transcripts(1800, max_bytes=40_000)
    for c in range(8):
        cid = f"conversation-{c:08d}"
        for n in range(1, 5):
            store.add(cid, turn(cid, n, f"{c}.{n} " + "x" * 2_000))
    assert 0 < store.bytes <= 40_000
    assert len(store.turns("conversation-00000007")) == 4
    assert store.turns("conversation-00000000") == []
    kept = [c for c in range(8) if store.turns(f"conversation-{c:08d}")]
    assert kept == list(range(8 - len(kept), 8))
    store.forget("conversation-00000007")
    assert store.turns("conversation-00000007") == []
