-- The GDELT 2.0 Mentions table (16 columns in GDELT's order, GDELT's types), for DuckDB; every
-- mention refers to an event of events.sql. Load the events first:
--   dragoman export mentions --format gdelt > mentions.tsv
--   duckdb gdelt.duckdb -c "COPY mentions FROM 'mentions.tsv' (DELIMITER '\t', HEADER false, QUOTE '')"
CREATE TABLE mentions (
    GLOBALEVENTID             BIGINT NOT NULL REFERENCES events (GLOBALEVENTID),
    EventTimeDate             BIGINT NOT NULL,
    MentionTimeDate           BIGINT NOT NULL,
    MentionType               INTEGER NOT NULL CHECK (MentionType BETWEEN 1 AND 6),
    MentionSourceName         VARCHAR,
    MentionIdentifier         VARCHAR,
    SentenceID                INTEGER NOT NULL CHECK (SentenceID >= 1),
    Actor1CharOffset          INTEGER NOT NULL,
    Actor2CharOffset          INTEGER NOT NULL,
    ActionCharOffset          INTEGER NOT NULL,
    InRawText                 INTEGER NOT NULL CHECK (InRawText IN (0, 1)),
    Confidence                INTEGER NOT NULL CHECK (Confidence BETWEEN 0 AND 100),
    MentionDocLen             INTEGER NOT NULL,
    MentionDocTone            DOUBLE,
    MentionDocTranslationInfo VARCHAR,
    Extras                    VARCHAR
);
