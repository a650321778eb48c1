from assistant.store.db import Contact, Store, StoreBusy, StoreError

__all__ = ["Contact", "Store", "StoreBusy", "StoreError"]
