"""SQL text that is the same in both dialects."""

from __future__ import annotations

ENTRY_STATS_SQL = """
WITH q AS (
    SELECT entry_id, COUNT(*) AS hits, COUNT(*) FILTER (WHERE answered) AS answered
    FROM questions WHERE entry_id IS NOT NULL AND ({GUILD} IS NULL OR guild_id = {GUILD}) GROUP BY entry_id
), f AS (
    SELECT entry_id,
        COUNT(*) FILTER (WHERE vote = 'helpful') AS helpful,
        COUNT(*) FILTER (WHERE vote = 'not_helpful') AS not_helpful,
        COUNT(*) FILTER (WHERE vote = 'outdated') AS outdated
    FROM feedback WHERE {GUILD} IS NULL OR guild_id = {GUILD} GROUP BY entry_id
), ids AS (
    SELECT entry_id FROM q UNION SELECT entry_id FROM f
)
SELECT ids.entry_id AS entry_id,
    COALESCE(q.hits, 0) AS hits, COALESCE(q.answered, 0) AS answered,
    COALESCE(f.helpful, 0) AS helpful, COALESCE(f.not_helpful, 0) AS not_helpful,
    COALESCE(f.outdated, 0) AS outdated
FROM ids LEFT JOIN q ON q.entry_id = ids.entry_id LEFT JOIN f ON f.entry_id = ids.entry_id
ORDER BY hits DESC, ids.entry_id
"""


# ``ENTRY_STATS_SQL`` with each dialect's guild placeholder (a NULL guild: every guild and DMs, bot-wide).
ENTRY_STATS_SQLITE = ENTRY_STATS_SQL.replace("{GUILD}", "?")
ENTRY_STATS_POSTGRES = ENTRY_STATS_SQL.replace("{GUILD}", "$1::bigint")


# One DELETE per table in USER_TABLES; the user id is the only parameter (``?``; Postgres rewrites to $1).
FORGET_SQL = {
    "questions": "DELETE FROM questions WHERE user_id = ?",
    "feedback": "DELETE FROM feedback WHERE user_id = ?",
    "profiles": "DELETE FROM profiles WHERE user_id = ?",
    "subscriptions": "DELETE FROM subscriptions WHERE user_id = ?",
    "audit_log": "DELETE FROM audit_log WHERE user_id = ?",
}
