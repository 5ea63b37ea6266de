"""How one organisation's name is restated on another page: a shorter form of it ("Harbour Arts" for
"Harbour Arts Trust") or its initials ("NCAT" for "Northfield Community Arts Trust", "NHH" for
"Northvale Harbour Hospitals NHS Trust": the first initials, or all but one of them).

All of it works on recipient keys (`orgs.name_key`: lower case, words of letters and digits);
keys that are org-ids (councils from the register) have no variants, they meet on the id.
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

# words an acronym leaves out, and that a short form does not end on
MINOR_WORDS = frozenset({"of", "and", "for", "the", "in", "at", "on", "to"})
SHORTEST_FORM = 4        # characters of a shorter form: "arts" could be anything's, "ncat" is a name
ACRONYM_LETTERS = (3, 8)  # two letters stand for too many names to say which


def initials(key: str) -> str:
    """The initials of a key's words, minor words left out ("ncat" for "northfield community arts trust")."""
    return "".join(w[0] for w in key.split() if w not in MINOR_WORDS)


def acronym_of(short: str, long_: str) -> bool:
    """A one-word key that is the initials of a longer name's words, or their start ("nhht" for
    "northvale harbour hospitals nhs trust", "nimr" for "northvale institute for marine and coastal
    research": its letters in order, the first and last on word initials)."""
    if " " in short or not ACRONYM_LETTERS[0] <= len(short) <= ACRONYM_LETTERS[1] or not short.isalpha():
        return False
    letters = initials(long_)
    if len(letters) < len(short) or letters[0] != short[0]:
        return False
    if letters.startswith(short):
        return True
    it = iter(letters)
    return all(ch in it for ch in short) and letters.endswith(short[-1]) and len(letters) - len(short) <= 1


def shorter_form_of(short: str, long_: str) -> bool:
    """The first words of a longer name ("harbour arts" of "harbour arts trust"), long enough to be a name."""
    return (len(short) >= SHORTEST_FORM and long_.startswith(short + " ")
            and short.rsplit(" ", 1)[-1] not in MINOR_WORDS)


def restates(short: str, long_: str) -> bool:
    """`short` may stand for `long_` on another page: a shorter form of it, or its acronym."""
    return short != long_ and (shorter_form_of(short, long_) or acronym_of(short, long_))


@lru_cache(maxsize=65536)
def short_forms(key: str) -> frozenset[str]:
    """Every key that `restates` this one: its shorter forms and acronyms, so that a page naming the
    organisation so can be looked up by them (what `restates(form, key)` accepts, enumerated)."""
    if not key.islower() or " " not in key:   # an org-id, or one word: nothing shorter to be
        return frozenset()
    words = key.split()
    forms = {" ".join(words[:n]) for n in range(1, len(words))}
    letters = initials(key)
    low, high = ACRONYM_LETTERS
    forms.update(letters[:n] for n in range(low, min(len(letters), high) + 1))
    if low + 1 <= len(letters) <= high + 1:   # all the initials but one
        forms.update(letters[:i] + letters[i + 1:] for i in range(1, len(letters)))
    return frozenset(f for f in forms if restates(f, key))


def page_forms(keys: Iterable[str]) -> list[str]:
    """The forms a page's recipients may be named by elsewhere, sorted (what the page row keeps)."""
    return sorted(set().union(*(short_forms(k) for k in keys)))
