"""Triage assistant for agency account managers.

The pipeline, one subpackage per stage:

    mailin  -> parse -> resolve -> retrieve -> label -> draft -> review -> mailout
    (mail in)  (typed   (sender ->  (scope      (in/out/  (reply   (human    (APPEND to
               message)  client)     clauses)    red flag)  draft)   approval)  Drafts/SMTP)

``state`` holds what survives restarts, ``config`` the settings, ``cli`` the commands.
"""

__version__ = "0.1.0"
