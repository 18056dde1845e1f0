"""Uploaded files are removed when the transaction that drops them commits, never before.

Deleting the file first and the row second leaves a row pointing at nothing when the row's delete
fails or rolls back (a photo page that answers 500 for ever).
"""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def remove_file_on_commit(file) -> None:
    """Delete `file` (a FieldFile) from its storage once the current transaction commits."""
    if not file or not file.name:
        return
    storage, name = file.storage, file.name

    def remove() -> None:
        try:
            storage.delete(name)
        except OSError as e:
            # The file name may carry a person's name: log only what went wrong, not the name.
            logger.warning("could not remove an uploaded file after commit: %s", type(e).__name__)

    transaction.on_commit(remove)
