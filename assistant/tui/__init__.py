"""The Textual front end. Screens talk to services (e.g. `assistant.services.announce.AnnounceService`), never to
openai, chromadb or SQL; background workers only post messages, handlers change state."""
