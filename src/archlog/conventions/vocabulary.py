"""The words archlog knows, in one place: what each heading and key names.

Every table of the vocabulary lives here, so that a word is added in one place.
"""

from __future__ import annotations

#: JSON-ADR's named content fields ↔ section headings (first heading is the one written).
SECTION_FIELDS: dict[str, tuple[str, ...]] = {
    "context": ("Context", "Context and Problem Statement", "Background", "Problem"),
    "decision": ("Decision", "Decision Outcome"),
    "consequences": ("Consequences",),
    "decision_drivers": ("Decision Drivers",),
    "considered_options": ("Considered Options", "Alternatives Considered", "Options"),
    "confirmation": ("Confirmation",),
}
