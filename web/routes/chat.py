"""The conversation endpoint: one message in, the assistant's reply out."""

from __future__ import annotations

import html
from typing import Any, Literal

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, ConfigDict, Field

from assistant.dialogue import Dialogue, Reply
from assistant.partners import Partner
from web.partner_api import PartnerDep, partner_for
from web.problems import BODY_ERRORS, BUSY_ERRORS, INVALID_ERRORS, PARTNER_ERRORS, Problem
from web.routes.api import hit_out, pathway_out, public_profile
from web.routes.deps import SearchSlot, count_search
from web.schemas import HitOut, ModuleOut, PathwayOut, RelaxationOut, TextIn

# The gate first: a request refused for lack of a slot costs no key lookup.
router = APIRouter(
    prefix="/api/v1",
    tags=["chat"],
    dependencies=[SearchSlot, Depends(partner_for)],
    responses={**BODY_ERRORS, **INVALID_ERRORS, **PARTNER_ERRORS, **BUSY_ERRORS},
)


class ChatIn(TextIn):
    """A message of the person. The conversation id travels in the body, never in a URL: send
    the ``conversation_id`` of the previous reply with each following message."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "message": "J'habite à Gosselies, j'ai été magasinier 15 ans et je voudrais "
                    "travailler dans l'informatique, mais je n'y connais presque rien.",
                },
                {
                    "message": "I live in Liège and I would like to learn web development",
                    "language": "en",
                },
            ]
        },
    )

    conversation_id: str | None = Field(None, max_length=64)
    message: str = Field(..., description="What the person wrote (at most 2,000 characters).")
    language: Literal["fr", "nl", "en", "de"] | None = Field(
        None,
        description="The page's language. The reply is written in the message's language; "
        "this one is used only when a first message is too short to tell.",
    )


class ChatOut(BaseModel):
    conversation_id: str
    intent: str
    text: str = Field(description="The whole reply, plain text.")
    summary: str | None
    question: str | None = Field(description="The facet asked about: place, level or time.")
    question_text: str | None
    profile: dict[str, Any]
    results: list[HitOut]
    pathway: PathwayOut | None
    relaxations: list[RelaxationOut]
    focus_module: ModuleOut | None
    restarted: bool
    language: str = Field(description="The language the reply is written in.")


def _dialogue(request: Request) -> Dialogue:
    return request.state.dialogue  # type: ignore[no-any-return]


@router.post(
    "/chat",
    response_model=ChatOut,
    responses={
        404: {"model": Problem, "description": "Another partner started this conversation."}
    },
)
def chat(body: ChatIn, request: Request, partner: PartnerDep) -> ChatOut:
    """Send one message of a conversation; omit ``conversation_id`` to start one. A
    conversation belongs to the partner whose key started it: another key gets 404."""
    reply = _dialogue(request).reply(
        body.conversation_id, body.message, body.language, owner=owner_of(partner)
    )
    count_search(request, reply.guidance)
    return chat_out(reply)


def owner_of(partner: Partner) -> str:
    return f"partner:{partner.id}"


def chat_out(reply: Reply) -> ChatOut:
    g = reply.guidance
    pathway = None
    if g is not None and g.pathway is not None:
        pathway = pathway_out(g.pathway)
    return ChatOut(
        conversation_id=reply.conversation_id,
        intent=reply.intent,
        # The templates escape what they insert (for pages); the API speaks plain text.
        text=html.unescape(reply.text),
        summary=None if reply.summary is None else html.unescape(reply.summary),
        question=reply.question,
        question_text=None if reply.question_text is None else html.unescape(reply.question_text),
        profile=public_profile(reply.profile),
        results=[] if g is None else [hit_out(i, m) for i, m in enumerate(g.matches, 1)],
        pathway=pathway,
        relaxations=[]
        if g is None
        else [RelaxationOut(kind=r.kind, from_km=r.from_km, to_km=r.to_km) for r in g.relaxations],
        focus_module=None
        if reply.focus_module is None
        else ModuleOut(**reply.focus_module.to_dict()),
        restarted=reply.restarted,
        language=reply.language,
    )
