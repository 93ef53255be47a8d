"""HTTP side: the FastAPI composition root, webhook routes, web chat, API and the CLI."""
