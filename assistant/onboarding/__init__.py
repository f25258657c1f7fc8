"""Getting started: ``assistant init`` (a workspace to edit) and ``assistant check`` (is it read as meant, and do the services answer)."""
