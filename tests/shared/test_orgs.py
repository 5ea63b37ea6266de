import csv
import re

from shared.orgs import DATA


def test_register_rows_are_well_formed():
    rows = list(csv.DictReader(open(DATA / "local_authorities.csv", encoding="utf-8")))
    assert len(rows) > 200
    ids = [r["org_id"] for r in rows]
    assert len(ids) == len(set(ids))
    for r in rows:
        assert re.fullmatch(r"GB-(LAE|LAS|PLA|LANI)-[A-Z]{3}", r["org_id"]), r
        assert r["name"] and r["place"]


def test_places_are_found_whatever_their_punctuation():
    from shared import orgs
    with_comma = next(p for p in orgs._register()[1] if "," in p)   # a place whose name has a comma
    text = f"{with_comma}, Stockton-on-Tees and Kingston upon Thames Council join."
    assert [m.group(0) for m in orgs.find_places(text)] == [
        with_comma, "Stockton-on-Tees", "Kingston upon Thames Council"]
