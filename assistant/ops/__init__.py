"""Operating a deployment: backups and restores. Sits above the runtime (it reads the state
and the vector store's files; no pipeline stage imports it)."""
