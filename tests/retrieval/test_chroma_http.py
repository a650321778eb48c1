"""The HTTP client against a real `chroma run` server on loopback."""

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.retrieval import Retriever
from assistant.retrieval.index import RetrievalIndex
from assistant.retrieval.vector import make_client

from .conftest import CountingEmbedder

CHROMA = shutil.which("chroma") or str(Path(sys.executable).with_name("chroma"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def chroma_server(tmp_path):
    if not Path(CHROMA).exists():
        pytest.skip("the `chroma` CLI is not installed (it comes with the chromadb package)")
    port = _free_port()
    log = open(tmp_path / "chroma.log", "wb")
    proc = subprocess.Popen(
        [CHROMA, "run", "--path", str(tmp_path / "server-data"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                make_client(host="127.0.0.1", port=port).heartbeat()
                break
            except Exception:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"chroma run did not start: {(tmp_path / 'chroma.log').read_text()[-2000:]}")
                time.sleep(0.3)
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def test_index_and_search_through_a_chroma_server(store, corpus, chroma_server, monkeypatch, isolated_home):
    monkeypatch.setenv("CHROMA_HOST", "127.0.0.1")
    monkeypatch.setenv("CHROMA_PORT", str(chroma_server))
    idx = RetrievalIndex.from_settings(Settings(), store, embedder=CountingEmbedder())
    idx.update()
    assert not (isolated_home / "chroma").exists()  # nothing written locally
    client = idx.vectors.client
    assert type(client).__name__ != "PersistentClient" and client.heartbeat()
    n = store.db.execute("SELECT count(*) FROM retrieval_chunks WHERE dense = 1").fetchone()[0]
    assert idx.vectors.count() == n
    r = Retriever(idx)
    claire = store.find_contact("Claire Dubois").id
    hits = r.search("Bourgogne Pommard", contact_id=claire, k=3, mode="hybrid")
    assert hits and corpus["claire_wine"] in hits[0].message_ids
    dense = r.search("marathon de Paris", contact_id=claire, k=5, mode="dense")
    assert dense and all(h.contact_id == claire for h in dense)

    store.delete_contact(claire)
    idx.update()
    assert idx.vectors.count() == store.db.execute("SELECT count(*) FROM retrieval_chunks WHERE dense = 1").fetchone()[0]
    assert not client.get_collection(idx.vectors.name).get(where={"contact_id": claire})["ids"]
