"""The general reader: money mentions and organisation mentions in every unit of a page (title,
sentences, list items, table rows, segments of enumerations), linked by general structure and
scored, rather than matched against a list of phrasings."""
