"""Command palette (Ctrl+P): open any contact by name. The screen's actions come from
`OutreachApp.get_system_commands`."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class ContactsProvider(Provider):
    """"Contact: NAME" for every contact; choosing one opens the contact view."""

    async def startup(self) -> None:
        service = getattr(self.app, "service", None)
        self.contacts = service.contact_names() if service is not None else []

    async def discover(self) -> Hits:
        yield DiscoveryHit("Contact: …", self._hint, help="Type a name to open a contact")

    def _hint(self) -> None:
        self.app.notify("Type part of a name in the palette to open that contact", timeout=3)

    async def search(self, query: str) -> Hits:
        query = query.strip()
        if not query:
            return
        matcher = self.matcher(query)
        needle = set(query.lower().replace(" ", ""))
        shown = 0
        for cid, name in self.contacts:
            if not needle <= set(f"contact:{name.lower()}"):  # a cheap prefilter over 10,000 contacts
                continue
            score = matcher.match(f"Contact: {name}")
            if score > 0:
                yield Hit(score, matcher.highlight(f"Contact: {name}"), partial(self.app.action_open_contact, cid),
                          help="Open the profile, the timeline and search within it")
                shown += 1
                if shown >= 50:
                    return
