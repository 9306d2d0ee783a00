"""Tessera's entrypoint for the scheduler, worker and runner image (see worker-image/README.md)."""

__version__ = "0.1.0"
