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
        "003_ranking",
        """
        -- What the user did with a suggestion: snoozed it, dismissed it, or reached out outside any import
        -- (a draft marked sent). 'contacted' resets the keep-in-touch clock like a real message.
        CREATE TABLE ranking_actions (
            id INTEGER PRIMARY KEY,
            contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
            action TEXT NOT NULL CHECK (action IN ('snooze', 'dismiss', 'contacted')),
            at INTEGER NOT NULL,                       -- Unix seconds, UTC
            until INTEGER,                             -- snooze: hidden until this time (Unix seconds)
            note TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX ranking_actions_contact ON ranking_actions(contact_id, at);

        -- The ranking's look-ups: last time and count of the 1:1 history per contact and direction, and the
        -- last message each person wrote in a (small) group. Partial and covering: no table reads.
        CREATE INDEX messages_contact_activity ON messages(contact_id, direction, ts)
            WHERE contact_id IS NOT NULL AND kind != 'system';
        CREATE INDEX messages_group_activity ON messages(group_id, sender_id, ts)
            WHERE group_id IS NOT NULL AND kind != 'system';
        """,
    ),
    (
        "004_retrieval",
        """
        -- The retrieval store (assistant/retrieval). Chunks of conversations, their lexical index, and the
        -- interests/topics extracted per contact. Vectors live in Chroma under the same chunk keys.
        CREATE TABLE retrieval_meta (
            key TEXT PRIMARY KEY,                      -- e.g. 'model_id', 'chunk_tokens', 'session_gap'
            value TEXT NOT NULL
        );
        CREATE TABLE retrieval_conversations (
            channel TEXT NOT NULL,
            conversation TEXT NOT NULL,
            signature TEXT NOT NULL,                   -- fingerprint of its messages when last chunked
            PRIMARY KEY (channel, conversation)
        );
        CREATE TABLE retrieval_chunks (
            rid INTEGER PRIMARY KEY,                   -- rowid in retrieval_fts
            key TEXT NOT NULL UNIQUE,                  -- stable chunk id ('m<first message id>'), the Chroma id
            channel TEXT NOT NULL,
            conversation TEXT NOT NULL,
            contact_id INTEGER,                        -- 1:1 peer
            group_id INTEGER,
            start_ts INTEGER NOT NULL,
            end_ts INTEGER NOT NULL,
            message_ids TEXT NOT NULL,                 -- JSON list of messages.id: the citations
            n_messages INTEGER NOT NULL,
            text TEXT NOT NULL,                        -- what was indexed and embedded
            text_hash TEXT NOT NULL,
            meta_hash TEXT NOT NULL,
            vec_text_hash TEXT,                        -- text_hash of the vector in Chroma (NULL: none yet)
            vec_meta_hash TEXT                         -- meta_hash of the metadata in Chroma
        );
        CREATE INDEX retrieval_chunks_conv ON retrieval_chunks(channel, conversation);
        CREATE INDEX retrieval_chunks_contact ON retrieval_chunks(contact_id, start_ts);
        CREATE INDEX retrieval_chunks_group ON retrieval_chunks(group_id, start_ts);
        CREATE TABLE retrieval_chunk_people (
            contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
            rid INTEGER NOT NULL REFERENCES retrieval_chunks(rid) ON DELETE CASCADE,
            PRIMARY KEY (contact_id, rid)
        ) WITHOUT ROWID;
        CREATE INDEX retrieval_chunk_people_rid ON retrieval_chunk_people(rid);
        CREATE TABLE retrieval_tombstones (
            key TEXT PRIMARY KEY                       -- chunk keys still to delete from Chroma
        );
        CREATE VIRTUAL TABLE retrieval_fts USING fts5(
            body, tokenize = "porter unicode61 remove_diacritics 2 categories 'L* N* Co M*'"
        );
        CREATE TABLE contact_interests (
            contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('interest', 'topic')),
            label TEXT NOT NULL,
            score REAL NOT NULL,
            shared INTEGER NOT NULL DEFAULT 0,         -- 1: the user shows the same interest
            evidence TEXT NOT NULL DEFAULT '[]',       -- JSON list of messages.id
            method TEXT NOT NULL,                      -- 'offline' or 'llm:<model>'
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (contact_id, kind, label)
        );
        CREATE TABLE interests_state (
            contact_id INTEGER PRIMARY KEY REFERENCES contacts(id) ON DELETE CASCADE,
            signature TEXT NOT NULL                    -- of the chunks the interests were computed from
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
    (
        "006_drafts",
        """
        -- Drafts made by the agent (assistant/agent), their review, and what the user changed.
        CREATE TABLE drafts (
            id INTEGER PRIMARY KEY,
            contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
            status TEXT NOT NULL DEFAULT 'queued'
                CHECK (status IN ('queued', 'held', 'approved', 'sent', 'snoozed', 'dismissed', 'replaced')),
            text TEXT NOT NULL,                        -- the draft as it stands (the user's edit once edited)
            language TEXT NOT NULL,
            register TEXT NOT NULL DEFAULT '',         -- formal / informal
            hook TEXT NOT NULL DEFAULT '{}',           -- JSON: kind, topic, quote, ts of the talking point
            cited_ids TEXT NOT NULL DEFAULT '[]',      -- JSON list of messages.id the draft relies on
            rationale TEXT NOT NULL DEFAULT '',
            why_now TEXT NOT NULL DEFAULT '',
            about TEXT NOT NULL DEFAULT '',            -- the user's news it was drafted for (--about)
            instruction TEXT NOT NULL DEFAULT '',      -- e.g. "shorter"
            source TEXT NOT NULL,                      -- 'llm' or 'offline'
            outcome TEXT NOT NULL DEFAULT 'ready',     -- ready | needs_fill | not_usable
            verdicts TEXT NOT NULL DEFAULT '{}',       -- JSON: guardrail results (asks, grounding, language ...)
            hold_reason TEXT NOT NULL DEFAULT '',
            prompt_id TEXT NOT NULL DEFAULT '',
            prompt_hash TEXT NOT NULL DEFAULT '',
            model TEXT NOT NULL DEFAULT '',
            encoding TEXT NOT NULL DEFAULT '',         -- tiktoken encoding used for the budget
            prompt_tokens INTEGER,                     -- as the server reported (all calls for this draft)
            completion_tokens INTEGER,
            context_tokens INTEGER,                    -- counted here with tiktoken, before sending
            token_budget INTEGER,
            cut TEXT NOT NULL DEFAULT '[]',            -- JSON: what did not fit the budget
            original_text TEXT NOT NULL,               -- the draft as generated
            final_text TEXT,                           -- what the user approved (edited or not)
            edit_labels TEXT NOT NULL DEFAULT '[]',    -- JSON: why it was edited (failure modes)
            similarity REAL,                           -- original vs final, 0..1
            parent_id INTEGER REFERENCES drafts(id) ON DELETE SET NULL,   -- regenerated from
            snooze_until INTEGER,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            sent_at INTEGER
        );
        CREATE INDEX drafts_status ON drafts(status, created_at);
        CREATE INDEX drafts_contact ON drafts(contact_id, created_at);

        -- How the user writes: derived from their sent messages and approved drafts, or set by the user.
        -- contact_id NULL: global (per language), lang '*': any language.
        CREATE TABLE style_notes (
            id INTEGER PRIMARY KEY,
            contact_id INTEGER REFERENCES contacts(id) ON DELETE CASCADE,
            lang TEXT NOT NULL DEFAULT '*',
            key TEXT NOT NULL,                         -- length, emoji, greeting, signoff, address, lessons ...
            value TEXT NOT NULL,                       -- JSON
            source TEXT NOT NULL CHECK (source IN ('derived', 'user')),
            evidence INTEGER NOT NULL DEFAULT 0,       -- how many texts it was derived from
            updated_at INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX style_notes_key ON style_notes(ifnull(contact_id, 0), lang, key, source);
        """,
    ),
    (
        "007_touches",
        """
        -- Every touch the user sent (an approved draft marked sent, or an outbound 1:1 message that opened a
        -- conversation after a silence) and what came of it, recomputed from messages and drafts by
        -- assistant/outcomes (see store/touches.py). `thread`: none | reply | conversation | call | meeting.
        CREATE TABLE touches (
            id INTEGER PRIMARY KEY,
            contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
            source TEXT NOT NULL CHECK (source IN ('draft', 'opener')),
            draft_id INTEGER,
            message_id INTEGER,
            at INTEGER NOT NULL,                       -- Unix seconds, UTC
            channel TEXT NOT NULL,
            hook_kind TEXT NOT NULL DEFAULT '',        -- open_loop, news, shared_interest, birthday, left_off, ...
            language TEXT NOT NULL DEFAULT '',
            register TEXT NOT NULL DEFAULT '',
            length INTEGER NOT NULL,                   -- characters sent
            edited INTEGER,                            -- drafts: 1 when the user changed the text, NULL: not a draft
            weekday INTEGER NOT NULL,                  -- 0 = Monday, in the user's zone
            silence_days INTEGER,                      -- since the previous message either way (NULL: none)
            replied_at INTEGER,                        -- their first answer, on any channel (NULL: none yet)
            reply_channel TEXT,
            thread TEXT NOT NULL DEFAULT 'none'
        );
        CREATE INDEX touches_contact ON touches(contact_id, at);
        CREATE TABLE touches_state (
            key TEXT PRIMARY KEY,                      -- 'signature': of the messages and drafts last read
            value TEXT NOT NULL
        );
        """,
    ),
    (
        "007_owner_pending",
        """
        -- Chats imported while it was not known which author is the user ("me"): their messages are all
        -- 'in', each author a contact, until `outreach me NAME` (or a later import) settles it in place.
        CREATE TABLE owner_pending (
            channel TEXT NOT NULL,
            conversation TEXT NOT NULL,
            PRIMARY KEY (channel, conversation)
        );
        """,
    ),
    (
        "007_retrieval_turns",
        """
        -- Retrieval at two granularities: session chunks (level 0) and single messages (level 1, key 't<id>',
        -- parent: the key of the session chunk it belongs to). Only level-1 rows with dense = 1 are embedded.
        ALTER TABLE retrieval_chunks ADD COLUMN level INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE retrieval_chunks ADD COLUMN parent TEXT;
        ALTER TABLE retrieval_chunks ADD COLUMN dense INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX retrieval_chunks_parent ON retrieval_chunks(parent);
        CREATE VIRTUAL TABLE retrieval_turn_fts USING fts5(
            body, tokenize = "porter unicode61 remove_diacritics 2 categories 'L* N* Co M*'"
        );
        """,
    ),
]
