"""Errors raised by the assistant stage.

AssistantError
└── InvalidQueryError    the request cannot be answered as given (empty text, bad filter, k)
"""

from __future__ import annotations


class AssistantError(Exception):
    """Base class of every error of the ``assistant`` package."""


class InvalidQueryError(AssistantError):
    """The query or its filters are unusable; the message says what to fix."""
