"""Assistant stage: settings, the search service and the command line. Imports ``corpus``
and ``index``; never ``web``."""
