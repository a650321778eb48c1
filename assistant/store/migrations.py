"""Named, ordered schema migrations. Append only: never edit one that has shipped."""

MIGRATIONS: list[tuple[str, str]] = [
    (
        "001_core",
        """
        CREATE TABLE contacts (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            circle TEXT NOT NULL DEFAULT 'wider' CHECK (circle IN ('inner', 'close', 'wider', 'never')),
            cadence_days INTEGER,                      -- NULL: the circle's default
            languages TEXT NOT NULL DEFAULT '[]',      -- JSON list of language codes, preferred first
            interests TEXT NOT NULL DEFAULT '[]',      -- JSON list of strings
            notes TEXT NOT NULL DEFAULT '',
            organization TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL DEFAULT '',
            birthday TEXT,                             -- 'YYYY-MM-DD' or '--MM-DD'
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        );

        CREATE TABLE identities (
            id INTEGER PRIMARY KEY,
            contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,                        -- phone, email, linkedin, telegram, wechat, name, ...
            value TEXT NOT NULL,                       -- normalised key used for matching
            raw TEXT NOT NULL,                         -- as the export wrote it
            source TEXT NOT NULL DEFAULT '',           -- channel that brought it
            UNIQUE (contact_id, kind, value)
        );
        CREATE INDEX identities_lookup ON identities(kind, value);

        CREATE TABLE important_dates (
            id INTEGER PRIMARY KEY,
            contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
            label TEXT NOT NULL,
            date TEXT NOT NULL,                        -- 'YYYY-MM-DD' or '--MM-DD'
            UNIQUE (contact_id, label)
        );

        CREATE TABLE groups (
            id INTEGER PRIMARY KEY,
            channel TEXT NOT NULL,
            key TEXT NOT NULL,
            name TEXT NOT NULL,
            UNIQUE (channel, key)
        );

        CREATE TABLE group_members (
            group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
            contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
            PRIMARY KEY (group_id, contact_id)
        );

        CREATE TABLE messages (
            id INTEGER PRIMARY KEY,
            channel TEXT NOT NULL,
            conversation TEXT NOT NULL,                -- the chat's key within its channel
            contact_id INTEGER REFERENCES contacts(id) ON DELETE CASCADE,   -- the peer of a 1:1 chat
            group_id INTEGER REFERENCES groups(id) ON DELETE CASCADE,       -- or the group
            sender_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,   -- author when not the user
            direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
            kind TEXT NOT NULL DEFAULT 'text',
            ts INTEGER NOT NULL,                       -- Unix seconds, UTC
            text TEXT NOT NULL,
            source_file TEXT NOT NULL,
            source_id TEXT NOT NULL,
            UNIQUE (channel, conversation, source_id)
        );
        CREATE INDEX messages_contact_ts ON messages(contact_id, ts);
        CREATE INDEX messages_group_ts ON messages(group_id, ts);
        CREATE INDEX messages_sender_ts ON messages(sender_id, ts);

        CREATE TABLE me (
            channel TEXT NOT NULL,                     -- '*' for every channel
            kind TEXT NOT NULL,                        -- 'name' or an identity kind
            value TEXT NOT NULL,                       -- normalised
            raw TEXT NOT NULL,
            PRIMARY KEY (channel, kind, value)
        );

        CREATE TABLE imports (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL,
            format TEXT NOT NULL,
            at INTEGER NOT NULL,
            messages_added INTEGER NOT NULL,
            messages_skipped INTEGER NOT NULL,
            contacts_added INTEGER NOT NULL,
            contacts_merged INTEGER NOT NULL
        );
        """,
    ),
    (
        "005_contact_sources",
        """
        -- Which channels have brought each contact: tells "merged into an existing contact" from "seen again".
        CREATE TABLE contact_sources (
            contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
            channel TEXT NOT NULL,
            PRIMARY KEY (contact_id, channel)
        );
        INSERT OR IGNORE INTO contact_sources (contact_id, channel)
            SELECT DISTINCT contact_id, source FROM identities WHERE source != '';
        """,
    ),
]
