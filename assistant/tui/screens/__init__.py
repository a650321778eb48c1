"""The screens of the outreach TUI: queue, contact, ask, help, import, and the small modals."""
