"""The one exception the dialogue uses internally: an answer the current step refuses."""

from __future__ import annotations


class Invalid(ValueError):
    """The answer is refused; `message` (from a catalogue) tells the user what to fix."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
