"""schema.org's vocabulary (types, and the types each property may be used on), derived from
the official release by ``make_vocabulary.py``, and a checker of JSON-LD against it."""
