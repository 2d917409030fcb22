"""Makes `import capgen` work in bench/: the capture generator the benchmark shares
with samples/generate.py lives in samples/capgen/ (its docstring says why there).

The project has no Python packaging, so this is the one place bench/ reaches
outside its folder for code; bench modules import it before capgen. samples/ is
appended, not prepended: it has a generate.py of its own, and bench/generate.py
must stay the one `import generate` finds here.
"""
import pathlib
import sys

SAMPLES = str(pathlib.Path(__file__).resolve().parents[1] / "samples")
if SAMPLES not in sys.path:
    sys.path.append(SAMPLES)
