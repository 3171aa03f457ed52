"""The message table is written in blocks (one per feature); a key defined in two blocks would let the later
block silently replace the earlier text, so each key is defined once."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

from nkc_kg.service.i18n import messages

MESSAGES_SOURCE = Path(messages.__file__)


def _keys_per_block() -> Counter[str]:
    tree = ast.parse(MESSAGES_SOURCE.read_text(encoding="utf-8"))
    keys: Counter[str] = Counter()
    for node in ast.walk(tree):
        targets = (
            node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        )
        if any(getattr(t, "id", None) == "MESSAGES" for t in targets) and isinstance(node.value, ast.Dict):
            keys.update(k.value for k in node.value.keys if isinstance(k, ast.Constant) and isinstance(k.value, str))
    return keys


def test_no_message_key_is_defined_twice() -> None:
    twice = sorted(key for key, count in _keys_per_block().items() if count > 1)
    assert not twice, f"defined in more than one block of {MESSAGES_SOURCE.name}: {twice}"


def test_every_message_has_both_languages() -> None:
    missing = sorted(key for key, texts in messages.MESSAGES.items() if set(texts) != {"nl", "en"})
    assert not missing, missing
