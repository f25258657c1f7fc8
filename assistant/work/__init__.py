"""Several workers: how the triage work is shared out.

:class:`~assistant.work.jobs.Worker` runs the job, the same on every database: claim the
messages (a lease each, ``assistant.state.leases``), triage the claimed ones
(:func:`assistant.pipeline.triage_pending`), renew the leases meanwhile, release them.

On the embedded SQLite database the job runs in process over every pending message, in
order, with no queue. On PostgreSQL, :mod:`assistant.work.queue` puts one job per message in
pgqueuer's queue in the same database, and any number of ``assistant triage``/``watch``
processes, on one machine or several, take them from it.
"""

from assistant.work.jobs import Outcome, Worker

__all__ = ["Outcome", "Worker"]
