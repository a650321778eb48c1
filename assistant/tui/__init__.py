"""The Textual front end. Screens talk to services (e.g. `assistant.announce.service.AnnounceService`), never to
openai, chromadb or SQL; background workers only post messages, handlers change state."""
