#!/usr/bin/python3
"""Reads an Atom feed with Python's feedparser (Debian's python3-feedparser), a reader that is not
ours, and prints what it found as JSON: the feed's version and title and each entry's id, title,
link, updated time and categories. Fails (exit 1, the reason on stderr) when feedparser finds the
feed malformed (bozo), when it is not Atom 1.0, or when an entry lacks an id, title, link or
updated time (RFC 4287 4.1.2).
Usage: read_atom.py FILE"""
import json
import sys

import feedparser


def main():
    feed = feedparser.parse(sys.argv[1])
    if feed.bozo:
        raise ValueError(f"malformed feed: {feed.bozo_exception}")
    if feed.version != "atom10":
        raise ValueError(f"not Atom 1.0 but {feed.version!r}")
    entries = []
    for entry in feed.entries:
        for required in ("id", "title", "link", "updated"):
            if not entry.get(required):
                raise ValueError(f"an entry lacks {required}")
        entries.append({
            "id": entry.id,
            "title": entry.title,
            "link": entry.link,
            "updated": entry.updated,
            "categories": [tag.term for tag in entry.get("tags", [])],
            "summary": entry.get("summary", ""),
        })
    json.dump({"title": feed.feed.get("title", ""), "entries": entries}, sys.stdout)


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # every failure is the feed's: say why and fail
        print(f"read_atom: {error}", file=sys.stderr)
        sys.exit(1)
