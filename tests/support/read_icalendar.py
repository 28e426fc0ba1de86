#!/usr/bin/python3
"""Reads an iCalendar file with Python's icalendar (Debian's python3-icalendar), a reader that is
not ours, and prints its events as JSON: what the tests compare with what the hub holds.
Fails (exit 1, the reason on stderr) when the file does not parse or lacks what RFC 5545 requires
of a calendar (VERSION 2.0, PRODID) or of an event (UID, DTSTAMP, DTSTART).
Usage: read_icalendar.py FILE"""
import json
import sys

import icalendar


def utc(value):
    moment = value.dt
    if getattr(moment, "tzinfo", None) is None or moment.utcoffset().total_seconds() != 0:
        raise ValueError(f"{moment!r} is not a UTC date-time")
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def main():
    with open(sys.argv[1], "rb") as file:
        calendar = icalendar.Calendar.from_ical(file.read())
    if str(calendar.get("VERSION")) != "2.0" or not calendar.get("PRODID"):
        raise ValueError("the calendar lacks VERSION:2.0 or PRODID")
    events = []
    for event in calendar.walk("VEVENT"):
        for required in ("UID", "DTSTAMP", "DTSTART"):
            if event.get(required) is None:
                raise ValueError(f"an event lacks {required}")
        events.append({
            "uid": str(event["UID"]),
            "summary": str(event.get("SUMMARY", "")),
            "description": str(event.get("DESCRIPTION", "")),
            "location": str(event.get("LOCATION", "")),
            "url": str(event.get("URL", "")),
            "status": str(event.get("STATUS", "")),
            "start": utc(event["DTSTART"]),
            "end": utc(event["DTEND"]) if event.get("DTEND") is not None else "",
        })
    json.dump({"name": str(calendar.get("X-WR-CALNAME", "")), "events": events}, sys.stdout)


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # every failure is the file's: say why and fail
        print(f"read_icalendar: {error}", file=sys.stderr)
        sys.exit(1)
