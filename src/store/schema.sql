-- The project database, `project.db`: everything coda knows about a study. Documented
-- for researchers in docs/schema.md; `PRAGMA user_version` is the schema version
-- (store::schema::VERSION). Tables are read-only for everyone but coda.

-- Settings of the last ingest and the state of the derived search index.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- One row per transcript file (source).
CREATE TABLE transcript (
    id             TEXT PRIMARY KEY,  -- the file name without extension
    path           TEXT NOT NULL,     -- absolute path when ingested (its bytes, if not UTF-8)
    sha256         TEXT NOT NULL,     -- of the file's bytes
    content_sha256 TEXT NOT NULL,     -- of its segments as parsed
    indexed_sha256 TEXT NOT NULL,     -- of its segments with their participants' attributes
    format         TEXT NOT NULL,
    encoding       TEXT NOT NULL,
    segments       INTEGER NOT NULL,
    tokens         INTEGER NOT NULL   -- text tokens, for exact BM25 statistics
) WITHOUT ROWID;

CREATE TABLE transcript_warning (
    transcript TEXT NOT NULL REFERENCES transcript(id) ON DELETE CASCADE,
    n          INTEGER NOT NULL,      -- order in the file's warnings
    line       INTEGER,
    message    TEXT NOT NULL,
    PRIMARY KEY (transcript, n)
) WITHOUT ROWID;

-- One row per speaker turn.
CREATE TABLE segment (
    id          INTEGER PRIMARY KEY,  -- internal; the search index refers to it
    transcript  TEXT NOT NULL REFERENCES transcript(id) ON DELETE CASCADE,
    number      INTEGER NOT NULL,     -- 1-based, interviewer turns included
    speaker     TEXT NOT NULL,        -- the label as written (may be a real name)
    role        TEXT NOT NULL CHECK (role IN ('interviewer', 'participant')),
    participant TEXT,                 -- NULL for interviewer turns
    start_ms    INTEGER,
    end_ms      INTEGER,
    line_start  INTEGER NOT NULL,
    line_end    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    words       INTEGER NOT NULL DEFAULT 0 -- words of the text (what `--count words` sums)
);
-- The segment table's indexes are in schema.rs (SEGMENT_INDEXES): a new project's first
-- ingest makes them after loading the segments, which is faster than keeping them up
-- to date row by row.

CREATE TABLE participant (
    id       TEXT PRIMARY KEY,
    segments INTEGER NOT NULL          -- participant segments in the project
) WITHOUT ROWID;

-- A participant and a transcript they speak in: the unit matrices count by, since a
-- segment has the attributes of its transcript and of its participant.
CREATE TABLE participant_transcript (
    participant TEXT NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
    transcript  TEXT NOT NULL,
    segments    INTEGER NOT NULL DEFAULT 0, -- the participant's turns in the transcript
    words       INTEGER NOT NULL DEFAULT 0, -- and their words
    PRIMARY KEY (participant, transcript)
) WITHOUT ROWID;
CREATE INDEX participant_transcript_by_transcript ON participant_transcript (transcript, participant);

-- Each attribute name is of one kind: of participants (the participants sheet) or of
-- transcripts (the transcripts sheet and front matter keys that are not participants
-- sheet columns).
CREATE TABLE attribute (
    name TEXT PRIMARY KEY,
    kind TEXT NOT NULL DEFAULT 'participant' CHECK (kind IN ('participant', 'transcript'))
) WITHOUT ROWID;

CREATE TABLE participant_value (
    participant TEXT NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
    attribute   TEXT NOT NULL REFERENCES attribute(name) ON DELETE CASCADE,
    value       TEXT NOT NULL,
    PRIMARY KEY (participant, attribute)
) WITHOUT ROWID;
CREATE INDEX participant_value_by_value ON participant_value (attribute, value);

CREATE TABLE transcript_value (
    transcript TEXT NOT NULL REFERENCES transcript(id) ON DELETE CASCADE,
    attribute  TEXT NOT NULL,
    value      TEXT NOT NULL,
    PRIMARY KEY (transcript, attribute)
) WITHOUT ROWID;

-- Each attribute's distinct values (what `--where` checks a value against).
CREATE TABLE attribute_value (
    attribute TEXT NOT NULL REFERENCES attribute(name) ON DELETE CASCADE,
    value     TEXT NOT NULL,
    PRIMARY KEY (attribute, value)
) WITHOUT ROWID;

-- A set of codings: `auto` (a run of a codebook's rules), `human` (a person's, imported
-- from a coding sheet or a long-form CSV by `coda import`).
CREATE TABLE pass (
    id               INTEGER PRIMARY KEY, -- internal; the tables below refer to it
    name             TEXT NOT NULL UNIQUE,
    kind             TEXT NOT NULL DEFAULT 'auto',
    coder            TEXT,
    codebook_name    TEXT NOT NULL,
    codebook_version TEXT,
    codebook_sha256  TEXT NOT NULL,
    codebook_path    TEXT NOT NULL,
    created          TEXT NOT NULL,    -- UTC, RFC 3339
    segments         INTEGER NOT NULL, -- segments read
    coded_segments   INTEGER NOT NULL,
    codings          INTEGER NOT NULL,
    codings_sha256   TEXT NOT NULL,
    state            TEXT NOT NULL     -- meta 'state' when coded: the project it coded
);

-- The segments a person's pass covers: the rows of the coding sheet imported. A covered
-- segment the pass does not code is coded "no"; one it does not cover was not seen by
-- the coder (missing, for agreement). A pass without rows here covers every segment
-- (automatic passes, long-form imports).
CREATE TABLE pass_segment (
    pass       INTEGER NOT NULL REFERENCES pass(id) ON DELETE CASCADE,
    transcript TEXT NOT NULL,
    number     INTEGER NOT NULL,
    PRIMARY KEY (pass, transcript, number)
) WITHOUT ROWID;

-- The pass's theme tree, in codebook order.
CREATE TABLE pass_theme (
    pass     INTEGER NOT NULL REFERENCES pass(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    theme    TEXT NOT NULL,
    label    TEXT,
    parent   TEXT,
    codings  INTEGER NOT NULL,         -- segments coded with the theme itself
    keys     BLOB,                     -- their segment ids (internal: `--theme`)
    PRIMARY KEY (pass, position),
    UNIQUE (pass, theme)
) WITHOUT ROWID;

-- What each transcript was when the pass coded it.
CREATE TABLE pass_transcript (
    pass           INTEGER NOT NULL REFERENCES pass(id) ON DELETE CASCADE,
    transcript     TEXT NOT NULL,
    content_sha256 TEXT NOT NULL,
    PRIMARY KEY (pass, transcript)
) WITHOUT ROWID;

-- One row per theme applied to a segment.
CREATE TABLE coding (
    pass        INTEGER NOT NULL REFERENCES pass(id) ON DELETE CASCADE,
    transcript  TEXT NOT NULL,
    number      INTEGER NOT NULL,
    position    INTEGER NOT NULL,      -- the theme's place in pass_theme
    theme       TEXT NOT NULL,
    participant TEXT,                  -- NULL unless a participant's turn
    segment     INTEGER NOT NULL,      -- the segment's id when coded (internal)
    hits        INTEGER NOT NULL,
    evidence    TEXT NOT NULL,         -- JSON: [{"rule","text","start","end"}], character offsets
    PRIMARY KEY (pass, transcript, number, position)
) WITHOUT ROWID;
CREATE INDEX coding_by_theme ON coding (pass, position, segment);

-- Per pass, participant and theme: participant segments coded with the theme itself
-- (`own`) and with it or a sub-theme (`rollup`, each segment once).
CREATE TABLE pass_participant (
    pass        INTEGER NOT NULL REFERENCES pass(id) ON DELETE CASCADE,
    participant TEXT NOT NULL,
    position    INTEGER NOT NULL,
    own         INTEGER NOT NULL,
    rollup      INTEGER NOT NULL,
    PRIMARY KEY (pass, participant, position)
) WITHOUT ROWID;

-- Per pass, participant, transcript and theme: as pass_participant, within one
-- transcript, with the coded segments' words. What matrices count from.
CREATE TABLE pass_unit (
    pass         INTEGER NOT NULL REFERENCES pass(id) ON DELETE CASCADE,
    participant  TEXT NOT NULL,
    transcript   TEXT NOT NULL,
    position     INTEGER NOT NULL,
    own          INTEGER NOT NULL,
    rollup       INTEGER NOT NULL,
    own_words    INTEGER NOT NULL,
    rollup_words INTEGER NOT NULL,
    PRIMARY KEY (pass, participant, transcript, position)
) WITHOUT ROWID;

-- What matrices read: per pass, theme, attribute and value (NULL: participants without
-- the attribute), participants and segments, with and without sub-themes.
CREATE TABLE pass_count (
    pass                INTEGER NOT NULL REFERENCES pass(id) ON DELETE CASCADE,
    position            INTEGER NOT NULL,
    attribute           TEXT NOT NULL,
    value               TEXT,
    participants        INTEGER NOT NULL,
    segments            INTEGER NOT NULL,
    own_participants    INTEGER NOT NULL,
    own_segments        INTEGER NOT NULL
);
CREATE INDEX pass_count_by ON pass_count (pass, attribute);

-- Readable views for researchers.

-- Each participant and transcript they speak in, with every attribute value their
-- segments there have: the participant's and the transcript's.
CREATE VIEW unit_value AS
SELECT pt.participant, pt.transcript, v.attribute, v.value
FROM participant_transcript pt JOIN participant_value v ON v.participant = pt.participant
UNION ALL
SELECT pt.participant, pt.transcript, v.attribute, v.value
FROM participant_transcript pt JOIN transcript_value v ON v.transcript = pt.transcript;

CREATE VIEW segment_view AS
SELECT s.transcript || '#' || s.number AS segment, s.transcript, s.number, s.participant,
       s.speaker, s.role, s.start_ms, s.end_ms, s.line_start, s.line_end, s.text
FROM segment s;

CREATE VIEW coding_view AS
SELECT p.name AS pass, c.transcript || '#' || c.number AS segment, c.transcript, c.number,
       c.participant, c.theme, c.hits, c.evidence, s.text
FROM coding c JOIN pass p ON p.id = c.pass
JOIN segment s ON s.transcript = c.transcript AND s.number = c.number;
