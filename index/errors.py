"""Errors of the index package; the CLI and the app turn them into one-line messages."""


class BotIndexError(Exception):
    """Base class for errors the user can act on."""


class IngestError(BotIndexError):
    """A corpus file or folder cannot be read as a document."""


class StoreError(BotIndexError):
    """The vector store cannot be opened, reached or read."""


class ModelError(BotIndexError):
    """The embedding model cannot be prepared or loaded."""
