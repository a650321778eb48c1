"""Fuzzing (hypothesis), bounded in time for CI: every importer's parse on mutated real fixtures ends in an
ImportBatch or a ParseError, never another exception; the CLI's argument handling on hostile arguments ends
in an exit code, never a traceback (a crash log, exit 70, counts as one)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from assistant.domain import ImportBatch, ParseError
from assistant.ingest import IMPORTERS, detect, load

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
# CI budget (the whole file < 30 s); OUTREACH_FUZZ_SCALE=10 for a longer, randomised run.
SCALE = int(os.environ.get("OUTREACH_FUZZ_SCALE", "1"))
FUZZ = settings(max_examples=8 * SCALE, deadline=None, derandomize=SCALE == 1, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def _seeds() -> dict[str, list[Path]]:
    """One or two real files per importer, found by sniffing the fixtures (small ones, to keep this fast)."""
    seeds: dict[str, list[Path]] = {name: [] for name in IMPORTERS}
    files = sorted(p for p in FIXTURES.rglob("*") if p.is_file() and p.stat().st_size < 200_000
                   and p.suffix.lower() not in (".py", ".md") or (p.is_file() and p.parent.name == "signal"))
    for p in files:
        try:
            mod = detect(p)
        except ParseError:
            continue
        name = mod.NAME
        if len(seeds[name]) < 2:
            seeds[name].append(p)
    return seeds


SEEDS = _seeds()
EXPORT_SEED = (b'{"format":"outreach-export","version":1,"me":[{"channel":"*","kind":"name","raw":"Alex"}],'
               b'"contacts":[{"id":1,"name":"Mia","identities":[{"kind":"phone","raw":"+49 170 1234567",'
               b'"source":"whatsapp"}],"sources":["whatsapp"]}],"groups":[{"id":1,"channel":"whatsapp","key":"g",'
               b'"name":"G","members":[1]}],"messages":[{"id":1,"channel":"whatsapp","conversation":"c","contact_id":1,'
               b'"group_id":null,"sender_id":1,"direction":"in","kind":"text","ts":1700000000,"text":"hi",'
               b'"source_file":"x","source_id":"1"},{"id":2,"channel":"whatsapp","conversation":"g","contact_id":null,'
               b'"group_id":1,"sender_id":null,"direction":"out","kind":"text","ts":1700000001,"text":"yo",'
               b'"source_file":"x","source_id":"2"}]}')


@st.composite
def mutated(draw, data: bytes) -> bytes:
    """Real bytes, damaged the way files get damaged: truncated, bytes flipped, junk spliced in, lines repeated."""
    ops = draw(st.lists(st.sampled_from(["truncate", "flip", "insert", "delete", "dup", "junk_utf8"]), min_size=1,
                        max_size=4))
    b = bytearray(data)
    for op in ops:
        n = len(b)
        i = draw(st.integers(0, max(n - 1, 0)))
        if op == "truncate":
            del b[i:]
        elif op == "flip" and n:
            b[i] = draw(st.integers(0, 255))
        elif op == "insert":
            b[i:i] = draw(st.binary(min_size=1, max_size=64))
        elif op == "delete":
            del b[i:i + draw(st.integers(1, 256))]
        elif op == "dup":
            j = min(n, i + draw(st.integers(1, 400)))
            b[i:i] = b[i:j] * draw(st.integers(1, 3))
        elif op == "junk_utf8":
            b[i:i] = draw(st.text(min_size=1, max_size=20)).encode("utf-8", "surrogatepass")
    return bytes(b)


TRIED = {"importers": 0, "cli": 0}


def _parse(name: str, path: Path):
    mod = load(name)
    batches = mod.parse_many(path) if hasattr(mod, "parse_many") else [mod.parse(path)]
    assert all(isinstance(b, ImportBatch) for b in batches)


@pytest.mark.parametrize("name", IMPORTERS)
def test_importer_parse_survives_damaged_input(name, tmp_path_factory):
    seeds = [p.read_bytes() for p in SEEDS.get(name, [])] if name != "outreach_export" else [EXPORT_SEED]
    names = [p.name for p in SEEDS.get(name, [])] or ["export.json"]
    if not seeds:
        pytest.skip(f"no fixture for {name}")

    @FUZZ
    @given(data=st.data())
    def run(data):
        k = data.draw(st.integers(0, len(seeds) - 1))
        blob = data.draw(mutated(seeds[k]))
        path = tmp_path_factory.mktemp(name) / names[k]
        path.write_bytes(blob)
        TRIED["importers"] += 1
        try:
            _parse(name, path)
        except ParseError:
            pass  # a clean, located error is the right answer for a damaged file

    run()


@FUZZ
@given(blob=st.binary(max_size=2000))
def test_every_importer_refuses_random_bytes_cleanly(blob, tmp_path_factory):
    path = tmp_path_factory.mktemp("rand") / "export.txt"
    path.write_bytes(blob)
    for name in IMPORTERS:
        TRIED["importers"] += 1
        try:
            _parse(name, path)
        except ParseError:
            pass


# --- the CLI --------------------------------------------------------------------------------------------------

nasty_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8", categories=("Cc", "Cf", "Zs", "Lo", "So")), max_size=40),
    st.sampled_from(["", " ", "#", "#0", "#-1", "#99999999999999999999999", "%", "_", "*", "'", '"', "\\", "--",
                     "-x", "\x1b]52;c;QQ==\x07", "a" * 250, "名" * 300, "NULL", "../../etc/passwd", "\u202e"]),
)
durations = st.one_of(st.sampled_from(["10000y", "0", "0d", "-5d", "99999999999999999999", "1y", "3m", "2w", "1e9",
                                       "", "  ", "10 d", "٣d", "１０d"]), st.text(max_size=12))
numbers = st.one_of(st.integers(-10**12, 10**12).map(str), st.sampled_from(["nan", "", "1.5", "0x10", "١٢"]))


@st.composite
def argvs(draw):
    t, d, n = draw(nasty_text), draw(durations), draw(numbers)
    return draw(st.sampled_from([
        ["snooze", t], ["snooze", t, "--for", d], ["snooze", t, "--until", t], ["dismiss", t],
        ["contacts", "show", t], ["contacts", "search", t], ["contacts", "set", t, "--cadence", d],
        ["contacts", "set", t, "--birthday", t], ["contacts", "set", t, "--name", t], ["contacts", "list", "--limit", n],
        ["contacts", "delete", t, "--yes"], ["forget", t, "--yes"], ["merge", t, t], ["split", t, "--channel", t],
        ["suggest", "--month", t], ["suggest", "--limit", n], ["suggest", "--today", t], ["suggest", "--about", t],
        ["drafts", "snooze", n, "--days", n], ["drafts", "approve", n, "--text", t], ["drafts", "show", n],
        ["drafts", "list", "--status", t], ["drafts", "list", "--limit", n], ["draft", t, "--offline"],
        ["draft", "--suggested", n, "--offline"], ["style", t], ["groups", "show", t], ["search", t, "-k", n],
        ["search", t, "--since", t], ["ask", t, "--offline"], ["import", t], ["rewrite", t, "--offline"],
        ["status"], ["export", "--out", t],
    ]))


@pytest.fixture
def small_store(isolated_home, tmp_path):
    from assistant.cli import main

    chat = tmp_path / "WhatsApp Chat with Mia Wong.txt"
    chat.write_text("[15/03/2024, 10:00:00] Mia Wong: hi, how was the climbing trip?\n"
                    "[15/03/2024, 10:01:00] Alex Chen: great, we went to Arco\n", encoding="utf-8")
    assert main(["import", str(chat), "--me", "Alex Chen", "--no-index"]) == 0
    return isolated_home


def test_cli_arguments_never_crash(small_store, capsys):
    from assistant.cli import main

    @settings(max_examples=90 * SCALE, deadline=None, derandomize=SCALE == 1, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    @given(argv=argvs())
    def run(argv):
        assume(not (argv[0] == "rewrite" and argv[1] == "-"))  # stdin is pytest's here
        TRIED["cli"] += 1
        try:
            code = main(argv)
        except SystemExit as e:  # argparse's own usage errors
            code = e.code
        err = capsys.readouterr().err
        assert code != 70 and "Traceback" not in err, (argv, err)

    run()
    print(f"\nfuzz: {TRIED}")
