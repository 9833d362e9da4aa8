"""A neural Chinese spelling-correction (CSC) model run with onnxruntime: the optional extra
``gwlint[csc]``.

The model is a folder the user exported once (README: "Neural spelling model (optional)"):

- ``model.onnx``: a BERT-style masked-LM / token-classification model (MacBERT-for-CSC and the
  like) taking ``input_ids`` (and, if it declares them, ``attention_mask`` and
  ``token_type_ids``) of shape [batch, length] and giving logits over the vocabulary of shape
  [batch, length, vocabulary] as its first output;
- ``vocab.txt``: BERT's vocabulary, one token per line (Chinese characters are single tokens).

Nothing is ever downloaded. The folder comes from a configuration, which gwlint treats as
untrusted: it must be a folder owned by the user running gwlint (or root) that others may not
write, ``model.onnx`` is capped in size, and no code is loaded from it: ONNX is data, the
session registers no custom-op library (a model that needs one does not load), and nothing is
unpickled; a tensor stored as external data must be a file inside the folder. Every problem
with the folder is a :class:`lint.errors.ConfigError` naming the file.

onnxruntime and numpy are imported only when a model is loaded: ``import lint`` and a run
without the neural rule never import them (tests/test_csc.py checks this).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError

MODEL_FILE = "model.onnx"
VOCAB_FILE = "vocab.txt"
MAX_MODEL_BYTES = 2 * 1024 ** 3   # 2 GB: a BERT-large export is about 1.3 GB
MAX_VOCAB_BYTES = 10 * 1024 ** 2
MAX_VOCAB_TOKENS = 500_000
SPECIAL = ("[CLS]", "[SEP]", "[UNK]")
INSTALL_HINT = "pip install 'gwlint[csc]'"


class ExtraMissing(Exception):
    """onnxruntime or numpy is not installed: the neural rule stays inert."""


def _runtime():
    try:
        import numpy
        import onnxruntime
    except ImportError as exc:
        raise ExtraMissing(f"未安装可选组件 gwlint[csc]（缺少 {exc.name or 'onnxruntime'}），"
                           f"可运行 {INSTALL_HINT} 安装") from None
    return numpy, onnxruntime


def _owned(path: Path, what: str) -> None:
    """``path`` is owned by this user (or root) and not writable by others (group or everyone)."""
    try:
        st = path.stat()
    except OSError as exc:
        raise ConfigError(str(path), f"无法读取{what}（{exc.strerror or exc}）") from None
    getuid = getattr(os, "getuid", None)
    if getuid is not None and st.st_uid not in (getuid(), 0):
        raise ConfigError(str(path), f"{what}属于其他用户：gwlint 只使用本人的模型文件")
    if st.st_mode & 0o022:
        raise ConfigError(str(path), f"{what}可被其他用户写入：请先运行 chmod go-w 收回写权限")


def check_folder(folder: str | os.PathLike) -> tuple[Path, Path, Path]:
    """(folder, model.onnx, vocab.txt) of a model folder, checked without loading anything."""
    d = Path(os.path.expanduser(str(folder)))
    if not d.exists():
        raise ConfigError(str(d), "神经纠错模型的文件夹不存在")
    d = d.resolve()
    if not d.is_dir():
        raise ConfigError(str(d), "神经纠错模型应为文件夹（内含 model.onnx 和 vocab.txt）")
    _owned(d, "模型文件夹")
    files = []
    for name in (MODEL_FILE, VOCAB_FILE):
        p = d / name
        if not p.is_file():
            raise ConfigError(str(p), f"模型文件夹中缺少 {name}")
        p = p.resolve()  # a link may point elsewhere: what it points to is checked
        _owned(p, name)
        files.append(p)
    model, vocab = files
    size = model.stat().st_size
    if size > MAX_MODEL_BYTES:
        raise ConfigError(str(model), f"模型文件过大（{size / 1024 ** 3:.1f} GB，上限 "
                                      f"{MAX_MODEL_BYTES // 1024 ** 3} GB）")
    if size == 0:
        raise ConfigError(str(model), "模型文件是空的")
    return d, model, vocab


# Where TensorProto messages can sit in an ONNX file (onnx.proto): message -> {field: message}.
_HOLDS = {
    "model": {7: "graph", 20: "training", 25: "function"},
    "training": {1: "graph", 2: "graph"},
    "graph": {1: "node", 5: "tensor", 15: "sparse"},
    "function": {7: "node", 11: "attribute"},
    "node": {5: "attribute"},
    "attribute": {5: "tensor", 6: "graph", 10: "tensor", 11: "graph", 22: "sparse", 23: "sparse"},
    "sparse": {1: "tensor", 2: "tensor"},
    "tensor": {13: "entry"},
}


def external_data(data) -> list[str]:
    """The ``location`` of every tensor of an ONNX file stored as external data, read straight
    from the protocol buffer (no onnx package; the weights are skipped over, not read)."""
    found: list[str] = []

    def varint(pos: int, end: int) -> tuple[int, int]:
        value = shift = 0
        while True:
            if pos >= end or shift > 63:
                raise ValueError("truncated varint")
            b = data[pos]
            pos += 1
            value |= (b & 0x7F) << shift
            shift += 7
            if not b & 0x80:
                return value, pos

    def walk(kind: str, pos: int, end: int, depth: int) -> None:
        if depth > 64:
            raise ValueError("nested too deep")
        holds = _HOLDS.get(kind, {})
        key = value = None
        while pos < end:
            tag, pos = varint(pos, end)
            field, wire = tag >> 3, tag & 7
            if wire == 0:
                _, pos = varint(pos, end)
            elif wire == 1:
                pos += 8
            elif wire == 5:
                pos += 4
            elif wire == 2:
                size, pos = varint(pos, end)
                if pos + size > end:
                    raise ValueError("truncated field")
                if kind == "entry" and field in (1, 2):
                    text = bytes(data[pos:pos + size]).decode("utf-8", "replace")
                    key, value = (text, value) if field == 1 else (key, text)
                elif field in holds:
                    walk(holds[field], pos, pos + size, depth + 1)
                pos += size
            else:
                raise ValueError(f"wire type {wire}")
        if pos != end:
            raise ValueError("truncated message")
        if kind == "entry" and key == "location" and value is not None:
            found.append(value)

    walk("model", 0, len(data), 0)
    return found


def _check_external(model: Path, folder: Path) -> None:
    """External data of ``model`` must be files inside ``folder`` (no absolute path, no ``..``
    out of it, no link out of it), owned like the model. onnxruntime 1.24 and later refuse a path
    out of the folder too; earlier versions do not, hence this check of our own."""
    import mmap

    try:
        with open(model, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as mm, \
                memoryview(mm) as view:
            locations = external_data(view)
    except (OSError, ValueError) as exc:
        raise ConfigError(str(model), f"无法加载模型（不是完整的 ONNX 文件：{exc}）") from None
    for loc in dict.fromkeys(locations):
        target = (folder / loc).resolve()
        if Path(loc).is_absolute() or not target.is_relative_to(folder) or target == folder:
            raise ConfigError(str(model), f"模型引用了模型文件夹之外的外部数据“{loc}”：gwlint 只读取模型文件夹中的文件")
        if not target.is_file():
            raise ConfigError(str(folder / loc), "模型引用的外部数据文件不存在")
        _owned(target, "模型的外部数据文件")


def read_vocab(path: Path) -> dict[str, int]:
    """BERT's vocab.txt: token -> id (its line number from 0)."""
    if path.stat().st_size > MAX_VOCAB_BYTES:
        raise ConfigError(str(path), f"词表文件过大（上限 {MAX_VOCAB_BYTES // 1024 ** 2} MB）")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[:exc.start].count(b"\n") + 1
        raise ConfigError(str(path), "词表不是 UTF-8 编码的文本", line) from None
    except OSError as exc:
        raise ConfigError(str(path), f"无法读取词表（{exc.strerror or exc}）") from None
    tokens = text.split("\n")
    if tokens and tokens[-1] == "":
        tokens.pop()
    if len(tokens) > MAX_VOCAB_TOKENS:
        raise ConfigError(str(path), f"词表过长（{len(tokens)} 行，上限 {MAX_VOCAB_TOKENS} 行）")
    vocab: dict[str, int] = {}
    for i, t in enumerate(tokens):
        t = t.rstrip("\r")
        if not t or t != t.strip():
            raise ConfigError(str(path), "词表每行应为一个词元，不能为空行或带空格", i + 1)
        vocab.setdefault(t, i)
    missing = [s for s in SPECIAL if s not in vocab]
    if missing:
        raise ConfigError(str(path), f"词表中缺少 {'、'.join(missing)}：这不是 BERT 的 vocab.txt")
    return vocab


@dataclass
class Prediction:
    """The model's view of one character: its own probability and the best other token."""

    index: int          # offset of the character in the sentence
    char: str
    p_char: float       # probability of the character itself (0 for an unknown character)
    top: str            # the most probable token
    p_top: float


class CscModel:
    """A loaded model: :meth:`predict` runs sentences through it in batches."""

    INPUTS = ("input_ids", "attention_mask", "token_type_ids")

    def __init__(self, folder: str | os.PathLike, threads: int = 0):
        np, ort = _runtime()
        self.np = np
        self.folder, self.model_path, self.vocab_path = check_folder(folder)
        self.vocab = read_vocab(self.vocab_path)
        self.tokens = [""] * (max(self.vocab.values()) + 1)
        for t, i in self.vocab.items():
            self.tokens[i] = t
        self.cls, self.sep, self.unk = (self.vocab[s] for s in SPECIAL)
        self.pad = self.vocab.get("[PAD]", 0)
        _check_external(self.model_path, self.folder)
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.log_severity_level = 3  # errors only: warnings would reach the user's terminal
        # No custom-op library is registered (register_custom_ops_library is never called), so a
        # model that names operators of its own fails here instead of loading foreign code.
        try:
            self.session = ort.InferenceSession(str(self.model_path), sess_options=options,
                                                providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own exception types
            raise ConfigError(str(self.model_path), f"无法加载模型（{_first_line(exc)}）：请确认它是完整的 "
                                                    "ONNX 文件且只使用标准算子") from None
        names = [i.name for i in self.session.get_inputs()]
        unknown = [n for n in names if n not in self.INPUTS]
        if "input_ids" not in names or unknown:
            raise ConfigError(str(self.model_path), "模型的输入应为 input_ids（可另有 attention_mask、"
                                                    f"token_type_ids），而它是：{', '.join(names)}")
        self.inputs = {i.name: (np.int32 if "int32" in i.type else np.int64) for i in self.session.get_inputs()}
        self.output = self.session.get_outputs()[0].name
        # One tiny run proves the model answers with logits over this vocabulary.
        probe = self._logits([[self.cls, self.sep]])
        if probe.ndim != 3 or probe.shape[:2] != (1, 2) or probe.shape[2] != len(self.tokens):
            raise ConfigError(str(self.model_path), f"模型输出的形状为 {tuple(probe.shape)}，应为 "
                                                    f"[句数, 长度, {len(self.tokens)}]（与 vocab.txt 的行数一致）")

    def _logits(self, rows: list[list[int]]):
        np = self.np
        width = max(len(r) for r in rows)
        ids = np.full((len(rows), width), self.pad, dtype=np.int64)
        mask = np.zeros((len(rows), width), dtype=np.int64)
        for k, r in enumerate(rows):
            ids[k, :len(r)] = r
            mask[k, :len(r)] = 1
        arrays = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        feed = {name: arrays[name].astype(dtype) for name, dtype in self.inputs.items()}
        try:
            return np.asarray(self.session.run([self.output], feed)[0])
        except Exception as exc:
            raise ConfigError(str(self.model_path), f"模型运行出错（{_first_line(exc)}）") from None

    def encode(self, sentence: str) -> tuple[list[int], list[int]]:
        """Character-level ids of ``sentence`` (whitespace left out) and the offset of each."""
        ids, where = [], []
        for i, ch in enumerate(sentence):
            if ch.isspace():
                continue
            tid = self.vocab.get(ch)
            if tid is None:
                tid = self.vocab.get(ch.lower(), self.unk)
            ids.append(tid)
            where.append(i)
        return ids, where

    def predict(self, sentences: list[str], batch: int = 16) -> list[list[Prediction]]:
        """For each sentence (each at most the model's length less two), a prediction per
        character kept by :meth:`encode`."""
        np = self.np
        out: list[list[Prediction]] = []
        for b in range(0, len(sentences), batch):
            chunk = sentences[b:b + batch]
            encoded = [self.encode(s) for s in chunk]
            logits = self._logits([[self.cls, *ids, self.sep] for ids, _ in encoded])
            logits = logits - logits.max(axis=-1, keepdims=True)
            probs = np.exp(logits)
            probs /= probs.sum(axis=-1, keepdims=True)
            top = probs.argmax(axis=-1)
            for k, (s, (ids, where)) in enumerate(zip(chunk, encoded)):
                row = []
                for j, (tid, i) in enumerate(zip(ids, where)):
                    pos = j + 1  # after [CLS]
                    t = int(top[k, pos])
                    row.append(Prediction(i, s[i], float(probs[k, pos, tid]) if tid != self.unk else 0.0,
                                          self.tokens[t], float(probs[k, pos, t])))
                out.append(row)
        return out


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:200]


_loaded: dict[tuple, CscModel] = {}
# Sessions a forked worker inherited from its parent: kept, never destroyed there (destroying one
# would wait for the parent's onnxruntime threads, which do not exist in the child).
_inherited: list[CscModel] = []


def load(folder: str | os.PathLike) -> CscModel:
    """The model of ``folder``, loaded once per process (a forked worker loads its own: an
    onnxruntime session does not survive a fork) and again when model.onnx changes."""
    d, model, _ = check_folder(folder)
    st = model.stat()
    key = (str(d), st.st_mtime_ns, st.st_size, os.getpid())
    m = _loaded.get(key)
    if m is None:
        for k in list(_loaded):
            old = _loaded.pop(k)
            if k[-1] != key[-1]:
                _inherited.append(old)
        m = _loaded[key] = CscModel(d)
    return m
