"""Partners: who may embed the widget and call the REST API.

``store`` holds the accounts and their hashed keys (a JSON file, or ``sql`` in the console's
database), ``origins`` normalises the web origins a partner registers, ``demo`` serves the
fictitious partner portal. Never imports the dialogue.
"""
