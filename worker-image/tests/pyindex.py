"""A package index for tests, never the internet: tiny pure-Python wheels built with the standard
library, served as a PEP 503 simple index by http.server from a temporary directory.

    with SimpleIndex(tmp_path / "index") as index:
        index.add("tessera-probe", "1.0", requires=["toolz"])
        index.url  # http://127.0.0.1:<port>/simple/
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import http.server
import re
import threading
import zipfile
from pathlib import Path


def normalise(name: str) -> str:
    """PEP 503 normalisation: the index's directory name of a project."""
    return re.sub(r"[-_.]+", "-", name).lower()


def build_wheel(directory: Path, name: str, version: str, requires: tuple[str, ...] | list[str] = (),
                module: str | None = None) -> Path:
    """A py3-none-any wheel whose module (the name with '_' for '-', unless given) holds __version__."""
    module = module or normalise(name).replace("-", "_")
    stem = f"{normalise(name).replace('-', '_')}-{version}"
    info = f"{stem}.dist-info"
    metadata = "".join([f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n",
                        *(f"Requires-Dist: {requirement}\n" for requirement in requires)])
    files = {
        f"{module}/__init__.py": f"__version__ = {version!r}\n",
        f"{info}/METADATA": metadata,
        f"{info}/WHEEL": "Wheel-Version: 1.0\nGenerator: tessera-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    record = [f"{path},sha256={_digest(text.encode())},{len(text.encode())}" for path, text in files.items()]
    files[f"{info}/RECORD"] = "\n".join([*record, f"{info}/RECORD,,"]) + "\n"
    directory.mkdir(parents=True, exist_ok=True)
    wheel = directory / f"{stem}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for path, text in files.items():
            archive.writestr(path, text)
    return wheel


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _digest(data: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002  (the base class's name)
        self.server.requests.append(self.path)  # type: ignore[attr-defined]


class SimpleIndex:
    """Serves root/simple/<project>/ pages linking to root/files/*.whl (with #sha256= fragments)."""

    def __init__(self, root: Path):
        self.root = root
        (root / "simple").mkdir(parents=True, exist_ok=True)
        (root / "files").mkdir(exist_ok=True)
        self._server: http.server.ThreadingHTTPServer | None = None

    def add(self, name: str, version: str, requires: tuple[str, ...] | list[str] = (),
            module: str | None = None) -> Path:
        wheel = build_wheel(self.root / "files", name, version, requires, module)
        self.add_file(name, wheel)
        return wheel

    def add_file(self, name: str, path: Path) -> None:
        """Links a file (already under root/files) from the project's page."""
        page = self.root / "simple" / normalise(name) / "index.html"
        page.parent.mkdir(exist_ok=True)
        links = page.read_text().split("\n")[1:-2] if page.exists() else []
        links.append(f'<a href="../../files/{html.escape(path.name)}#sha256={sha256(path)}">'
                     f"{html.escape(path.name)}</a><br/>")
        page.write_text("\n".join(["<!DOCTYPE html><html><body>", *links, "</body></html>", ""]))

    @property
    def url(self) -> str:
        assert self._server, "start the index first"
        return f"http://127.0.0.1:{self._server.server_address[1]}/simple/"

    @property
    def requests(self) -> list[str]:
        return self._server.requests if self._server else []  # type: ignore[attr-defined]

    def __enter__(self) -> SimpleIndex:
        handler = functools.partial(_Quiet, directory=str(self.root))
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.requests = []  # type: ignore[attr-defined]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()
