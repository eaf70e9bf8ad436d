"""From a new article to checked evidence: `factsheet add-source` and `factsheet suggest`.

extract.py       an article's text and metadata (trafilatura, htmldate; the seeds' own header lines)
sources_file.py  a source entry added to content/sources.yaml, comments and layout kept (ruamel.yaml)
add.py           add-source: refusals, the seed's name, nothing half-written
passages.py      a seed cut into the exact passages a quote may be, and the figures they state
cues.py          stance and attribution wording of English news copy (general, documented)
attribution.py   who a passage attributes what it says to: actors by name, `via`
rank.py          which claims each passage bears on (BM25)
suggest.py       evidence items and candidate claims, each checked as `factsheet check` would
"""
