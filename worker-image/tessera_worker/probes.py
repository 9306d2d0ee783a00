"""Readiness for the operator's probes, served as an extra Dask HTTP route module.

GET <prefix>tessera/ready answers 200 once the process can do its job: a scheduler that is
running (its comm port listens), a worker that is registered with its scheduler. Otherwise 503
with the reason. Liveness stays with Dask's own /health, which answers while the event loop runs.
"""

from __future__ import annotations

from distributed.core import Status
from distributed.http.utils import RequestHandler


def readiness(server) -> tuple[bool, str]:
    if server.status != Status.running:
        return False, f"status is {server.status.name}"
    stream = getattr(server, "batched_stream", None)  # workers only: their link to the scheduler
    if stream is not None and (stream.comm is None or stream.comm.closed()):
        return False, "not connected to the scheduler"
    return True, "running"


class ReadyHandler(RequestHandler):
    def get(self):
        ready, reason = readiness(self.server)
        self.set_status(200 if ready else 503)
        self.write({"ready": ready, "reason": reason})  # tornado sends a dict as JSON


routes: list[tuple] = [("/tessera/ready", ReadyHandler, {})]
