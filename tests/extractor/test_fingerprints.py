"""Near-duplicate fingerprints: the same article with other furniture shares an LSH band, another
article does not, and the values are the same in every process (they are stored and compared
across workers and restarts)."""
from __future__ import annotations

import subprocess
import sys

from services.extractor import fingerprints as fp

ARTICLE = (
    "The Harbourside Foundation has awarded £2.4m to eleven coastal youth projects in its spring round. "
    "Among them, Saltmarsh Rowing Club receives £180,000 to rebuild its boathouse and run free sessions "
    "for pupils from four schools. Tidewater Arts gets £95,000 for a touring theatre programme along the "
    "estuary, and the Lantern Street food bank £60,000 towards a refrigerated van. The foundation said the "
    "next round opens in September and will favour projects run by young people themselves. ") * 2
OTHER = (
    "A research council has funded six studies of soil carbon in upland farms, worth £7m in all. The "
    "largest, at a northern university, will sample peat across three national parks over five years, "
    "while smaller grants pay for sensors, doctoral posts and a public data portal. Farmers' groups will "
    "sit on each project's steering board and the first results are expected within two years. ") * 2


def test_a_copy_with_other_furniture_shares_a_band_and_another_article_does_not():
    copy = "Share this page. Print. " + ARTICLE + " Accept cookies."
    mine, theirs, other = (set(fp.bands(t)) for t in (ARTICLE, copy, OTHER))
    assert len(mine) == fp.BANDS
    assert mine & theirs
    assert fp.jaccard(fp.shingles(ARTICLE), fp.shingles(copy)) >= fp.THRESHOLD
    assert not mine & other


def test_fingerprint_is_the_text_hash_and_the_bands():
    digest, bands = fp.fingerprint(ARTICLE)
    assert digest == fp.text_hash(ARTICLE) == fp.text_hash(ARTICLE.upper().replace(".", " ."))
    assert bands == fp.bands(ARTICLE)
    assert fp.fingerprint("") == (fp.text_hash(""), fp.bands(""))   # an empty text still has a value


def test_bands_are_the_same_in_another_process():
    code = ("from services.extractor import fingerprints; import sys; "
            "print(fingerprints.bands(sys.stdin.read()))")
    out = subprocess.run([sys.executable, "-c", code], input=ARTICLE, capture_output=True, text=True, check=True,
                         env={"PYTHONHASHSEED": "12345", "PATH": ""}, cwd=fp.__file__.rsplit("/services/", 1)[0])
    assert out.stdout.strip() == str(fp.bands(ARTICLE))


def test_a_syndicated_text_with_a_sentence_added_or_left_out_is_a_near_copy():
    story = ("The Harbourside Foundation has awarded Saltmarsh Rowing Club £180,000 to rebuild its boathouse. "
             "Free sessions will run for pupils from four schools, the club said. The new boathouse will have "
             "room for twelve boats and a changing block. Work starts in March and should finish by the summer. ")
    added = story + "This article first appeared in the Estuary Courier and is republished with permission."
    cut = story.replace("Free sessions will run for pupils from four schools, the club said. ", "")
    own, more, less = fp.shingles(story), fp.shingles(added), fp.shingles(cut)
    assert fp.jaccard(own, more) < fp.THRESHOLD          # too short a text for one article by Jaccard ...
    assert fp.near_copy(own, more) and fp.near_copy(more, own)   # ... but a near copy
    assert fp.near_copy(own, less)
    # another article, and a short quote inside a long roundup, are not
    assert not fp.near_copy(fp.shingles(ARTICLE), fp.shingles(OTHER))
    assert not fp.near_copy(own, fp.shingles(OTHER + story + ARTICLE))
    assert not fp.near_copy(own, set())
