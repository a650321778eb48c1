from assistant.store.db import Contact, Store, StoreError

__all__ = ["Contact", "Store", "StoreError"]
