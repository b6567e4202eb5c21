"""Copies of one story across feeds, settled by their cleaned text (part of the store)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from reader.article_rows import story_window
from reader.stories import SKETCH_SHARED, UNRELATED, containment, same_story, shingled, sketch


def join_copies(db: sqlite3.Connection, article_id: int, paragraphs: Sequence[str]) -> None:
    """Settle a cleaned article's story by its text.

    A copy joined by address or headline whose text shares almost nothing with the story's
    other cleaned articles leaves it (a reused URL, a series headline). Then its story merges
    with that of any nearby article from another feed whose text it shares: the candidates are
    the articles whose sketches share hashes with its own, so the cost does not grow with the
    number of articles stored.
    """
    me = db.execute(
        "SELECT feed_id, sort_date, story_id, coalesce(story_id, id) AS story FROM articles WHERE id = ?",
        (article_id,),
    ).fetchone()
    mine = shingled(paragraphs)
    if me is None or not mine.all:
        return
    hashes = sketch(mine.all)
    db.execute("DELETE FROM story_sketch WHERE article_id = ?", (article_id,))
    db.executemany(
        "INSERT INTO story_sketch (hash, article_id) VALUES (?, ?)", [(h, article_id) for h in hashes]
    )
    for member in db.execute(
        """SELECT id, story_id, paragraphs FROM articles WHERE (story_id = ? OR id = ?) AND id != ?
             AND enrich_status = 'done' AND paragraphs IS NOT NULL""",
        (int(me["story"]), int(me["story"]), article_id),
    ).fetchall():
        if containment(mine.all, shingled(json.loads(member["paragraphs"])).all) < UNRELATED:
            leaving = article_id if me["story_id"] is not None else int(member["id"])
            db.execute("UPDATE articles SET story_id = NULL WHERE id = ?", (leaving,))
    story = int(
        db.execute("SELECT coalesce(story_id, id) FROM articles WHERE id = ?", (article_id,)).fetchone()[0]
    )
    marks = ",".join("?" * len(hashes))
    candidates = db.execute(
        f"""SELECT a.id, coalesce(a.story_id, a.id) AS story, a.paragraphs, count(*) AS shared
            FROM story_sketch s JOIN articles a ON a.id = s.article_id
            WHERE s.hash IN ({marks}) AND s.article_id != ? AND a.feed_id IS NOT ?
              AND a.sort_date BETWEEN ? AND ? AND a.paragraphs IS NOT NULL
            GROUP BY a.id HAVING shared >= ? ORDER BY shared DESC LIMIT ?""",
        (*hashes, article_id, me["feed_id"], *story_window(me["sort_date"]), SKETCH_SHARED, 5),
    ).fetchall()
    for candidate in candidates:
        if int(candidate["story"]) == story:
            continue
        if same_story(mine, shingled(json.loads(candidate["paragraphs"]))):
            first, second = sorted((int(candidate["story"]), story))
            db.execute(
                "UPDATE articles SET story_id = ? WHERE id = ? OR story_id = ?", (first, second, second)
            )
            story = first
