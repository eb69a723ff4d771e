"""Console: the counsellors' side: accounts and sessions, shortlists and their PDF and share
links, the audit log, anonymous usage counts and catalog rebuild jobs.

:func:`open_console` opens all of it from the settings, on the database of :mod:`assistant.db`.
Imports partners (the console administers them); never the dialogue.
"""
