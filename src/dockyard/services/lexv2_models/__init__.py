"""Amazon Lex V2 model building (`lexv2-models`): bots, locales, intents, slots, slot types,
custom vocabulary, versions and locale builds. See ``docs/lexv2-resources.md``.

The ``archive`` subpackage is the import/export file-format library (no storage, no HTTP).
"""

from dockyard.service_kit import ServiceSpec

SPEC = ServiceSpec(name="lexv2-models")
