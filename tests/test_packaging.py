"""The wheel a plain `pip install .` builds carries every prompt of prompts/ (as assistant/prompts/), and the
installed package loads each one through importlib.resources, away from any checkout."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROMPTS = sorted(p.name for p in (ROOT / "prompts").glob("*.md"))


def test_wheel_ships_and_loads_every_prompt(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    for name in ("assistant", "prompts"):  # symlinks kept: assistant/prompts -> ../prompts, as in the checkout
        shutil.copytree(ROOT / name, src / name, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
    assert (src / "assistant" / "prompts").is_symlink()
    out = tmp_path / "dist"
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                            "-w", str(out), str(src)], capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = out.glob("outreach_assistant-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert PROMPTS and {f"assistant/prompts/{p}" for p in PROMPTS} <= names
    assert "assistant/tui/outreach.tcss" in names and "assistant/tui/screens/announce.tcss" in names

    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    probe = (
        "import sys; from assistant.llm.prompts import prompt, prompts_dir\n"
        "d = prompts_dir(); assert 'site' in str(d), d\n"
        "names = sys.argv[1:]\n"
        "for n in names: p = prompt(n[:-3]); assert p.text.strip() and str(p.path).startswith(str(d)), n\n"
        "print(len(names))\n"
    )
    run = subprocess.run([sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(site)!r}); " + probe,
                          *PROMPTS], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == str(len(PROMPTS))
