"""The optional neural spelling model (gwlint[csc], WD015): loading a model folder, its checks
against an untrusted configuration, the detector's thresholds, and the default install that
never needs it. The model is a tiny one built here (tests/csc_fixtures.py)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from lint.engine import check_document, load_rules
from lint.readers import read_stdin
from tests.helpers import CORPUS, REPO, run

pytest.importorskip("numpy")
pytest.importorskip("onnx")
pytest.importorskip("onnxruntime")

from tests.csc_fixtures import build_model  # noqa: E402  (needs onnx)

RULE = load_rules().get("WD015")
TEXT = "认真落实中央决测部署。持续优化营商环境。坚持以需求为导向。窗口服务质量很好。市场形势变幻莫测。"
CHANGES = {"测": ("策", 0.99), "以": ("已", 0.5), "好": ("优", 0.99)}


@pytest.fixture
def model(tmp_path):
    return build_model(tmp_path / "model", TEXT, CHANGES)


def findings(text: str, **options):
    doc = read_stdin(text.encode("utf-8"), "draft.txt")
    doc.meta["doctype"] = None
    rule = RULE.with_options(options) if options else RULE
    return [f for f in check_document(doc, [rule]) if f.code == "WD015"]


def test_finding_and_suggestion(model):
    got = findings("认真落实中央决测部署。", model=str(model))
    assert [(f.text, f.suggestion, f.column) for f in got] == [("测", "策", 8)]
    assert "“央决测部署”中的“测”可能是错字" in got[0].message and "99%" in got[0].message


def test_no_finding_on_correct_text(model):
    assert findings("认真落实中央决策部署。持续优化营商环境。", model=str(model)) == []


def test_thresholds(model):
    text = "坚持以需求为导向。"  # the model puts 已 for 以 at 0.5, 以 itself at about 0.02
    assert findings(text, model=str(model)) == []
    assert [f.suggestion for f in findings(text, model=str(model), threshold=0.4)] == ["已"]
    assert findings(text, model=str(model), threshold=0.4, keep=0.01) == []
    assert findings("认真落实中央决测部署。", model=str(model), threshold=0.995) == []


def test_confusable_and_proper_terms(model):
    # 好 -> 优 is a synonym, not a sound- or shape-alike: reported only when the filter is off
    assert findings("窗口服务质量很好。", model=str(model)) == []
    assert [f.suggestion for f in findings("窗口服务质量很好。", model=str(model), confusable=False)] == ["优"]
    # 变幻莫测 is an idiom of gwlint's own lists: its 测 is never changed
    assert findings("市场形势变幻莫测。", model=str(model)) == []


def test_long_sentence_is_cut_and_batched(model):
    text = "认真落实中央决测部署，" * 30 + "。"
    got = findings(text, model=str(model), max_length=25, batch=3)
    assert len(got) == 30 and {f.suggestion for f in got} == {"策"}


def test_model_with_input_ids_only(tmp_path):
    folder = build_model(tmp_path / "m", TEXT, CHANGES, inputs=("input_ids",))
    assert [f.suggestion for f in findings("认真落实中央决测部署。", model=str(folder))] == ["策"]


def test_inert_without_model():
    assert findings("认真落实中央决测部署。") == []


def _draft(tmp_path, model_line: str | None):
    (tmp_path / "a.txt").write_text("认真落实中央决测部署。\n", encoding="utf-8")
    cfg = tmp_path / "gwlint.yaml"
    cfg.write_text(f"csc-model: {model_line}\n" if model_line else "preview: true\n", encoding="utf-8")
    return str(tmp_path / "a.txt"), str(cfg)


def test_config_key_runs_the_rule(tmp_path, model):
    draft, cfg = _draft(tmp_path, "model")  # relative to the configuration's folder
    r = run("check", "--format", "json", "--config", cfg, draft)
    got = [f for f in r.json["findings"] if f["code"] == "WD015"]
    assert [(f["text"], f["suggestion"]) for f in got] == [("测", "策")], r
    assert r.err == ""


def test_environment_variable(tmp_path, model):
    draft, cfg = _draft(tmp_path, None)
    r = run("check", "--format", "json", "--select", "WD015", "--config", cfg, draft,
            env={"GWLINT_CSC_MODEL": str(model)})
    assert [f["suggestion"] for f in r.json["findings"]] == ["策"], r


def test_no_model_configured_says_so_once(tmp_path):
    draft, cfg = _draft(tmp_path, None)
    r = run("check", "--select", "WD015", "--config", cfg, draft, draft)
    assert r.code == 0, r
    assert r.err.count("WD015 未运行：没有指定神经纠错模型") == 1 and "GWLINT_CSC_MODEL" in r.err


def _one_line_error(r, name: str) -> str:
    assert r.code == 2, r
    lines = r.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in r.err, r
    assert name in lines[0], r
    return lines[0]


def test_missing_folder(tmp_path):
    draft, cfg = _draft(tmp_path, "nowhere")
    assert "文件夹不存在" in _one_line_error(run("check", "--config", cfg, draft), "nowhere")


def test_corrupt_model(tmp_path, model):
    (model / "model.onnx").write_bytes(b"\x08\x07not an onnx model at all" * 10)
    draft, cfg = _draft(tmp_path, "model")
    assert "无法加载模型" in _one_line_error(run("check", "--config", cfg, draft), "model.onnx")


def test_missing_files(tmp_path, model):
    draft, cfg = _draft(tmp_path, "model")
    (model / "vocab.txt").unlink()
    assert "缺少 vocab.txt" in _one_line_error(run("check", "--config", cfg, draft), "vocab.txt")


@pytest.mark.parametrize("content,why", [
    ("[PAD]\n[UNK]\n测\n", "缺少 [CLS]、[SEP]"),
    ("[PAD]\n\n[CLS]\n", "不能为空行"),
])
def test_bad_vocab(tmp_path, model, content, why):
    (model / "vocab.txt").write_text(content, encoding="utf-8")
    draft, cfg = _draft(tmp_path, "model")
    assert why in _one_line_error(run("check", "--config", cfg, draft), "vocab.txt")


def test_vocab_not_utf8(tmp_path, model):
    (model / "vocab.txt").write_bytes("[CLS]\n[SEP]\n[UNK]\n测\n".encode("gbk"))
    draft, cfg = _draft(tmp_path, "model")
    assert "不是 UTF-8" in _one_line_error(run("check", "--config", cfg, draft), "vocab.txt:4")


def test_vocab_that_does_not_match_the_model(tmp_path):
    build_model(tmp_path / "model", TEXT, CHANGES, vocab_extra=3)
    draft, cfg = _draft(tmp_path, "model")
    assert "输出的形状" in _one_line_error(run("check", "--config", cfg, draft), "model.onnx")


def test_custom_operator_is_refused(tmp_path):
    build_model(tmp_path / "model", TEXT, CHANGES, custom_op=True)
    draft, cfg = _draft(tmp_path, "model")
    assert "标准算子" in _one_line_error(run("check", "--config", cfg, draft), "model.onnx")


def test_external_data_inside_the_folder_loads_and_outside_is_refused(tmp_path):
    build_model(tmp_path / "model", TEXT, CHANGES, external="weights.bin")
    assert [f.suggestion for f in findings("认真落实中央决测部署。", model=str(tmp_path / "model"))] == ["策"]
    draft, cfg = _draft(tmp_path, "model")
    for where in ("../outside.bin", str(tmp_path / "outside.bin"), "link.bin"):
        if where == "link.bin":  # a link inside the folder to a file outside it
            (tmp_path / "model" / "link.bin").symlink_to(tmp_path / "outside.bin")
            build_model(tmp_path / "outside-model", TEXT, CHANGES, external="../outside.bin")
        build_model(tmp_path / "model", TEXT, CHANGES, external=where)
        line = _one_line_error(run("check", "--config", cfg, draft), "model.onnx")
        assert "模型文件夹之外的外部数据" in line, where
    build_model(tmp_path / "model", TEXT, CHANGES, external="weights.bin")
    (tmp_path / "model" / "weights.bin").unlink()
    assert "外部数据文件不存在" in _one_line_error(run("check", "--config", cfg, draft), "weights.bin")


def test_external_data_scan():
    from lint.text.csc_model import external_data

    assert external_data(b"") == []
    with pytest.raises(ValueError):
        external_data(b"\x3a\x05ab")  # a field longer than the file


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_folder_others_may_write_is_refused(tmp_path, model):
    model.chmod(0o777)
    draft, cfg = _draft(tmp_path, "model")
    assert "可被其他用户写入" in _one_line_error(run("check", "--config", cfg, draft), "model")


def test_model_size_cap(tmp_path, model, monkeypatch):
    from lint.text import csc_model

    monkeypatch.setattr(csc_model, "MAX_MODEL_BYTES", 100)
    draft, cfg = _draft(tmp_path, "model")
    assert "模型文件过大" in _one_line_error(run("check", "--config", cfg, draft), "model.onnx")


def test_bad_option(tmp_path, model):
    draft, cfg = _draft(tmp_path, "model")
    with open(cfg, "a", encoding="utf-8") as f:
        f.write("rules:\n  WD015: {threshold: 1.5}\n")
    line = _one_line_error(run("check", "--config", cfg, draft), "gwlint.yaml:3")
    assert "WD015 的选项“threshold”应为大于 0、不大于 1 的数" in line


def test_extra_not_installed(tmp_path, model, monkeypatch):
    from lint.text import csc_model

    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # import onnxruntime -> ImportError
    csc_model._loaded.clear()
    draft, cfg = _draft(tmp_path, "model")
    r = run("check", "--format", "json", "--config", cfg, draft)
    assert r.code in (0, 1) and not [f for f in r.json["findings"] if f["code"] == "WD015"], r
    assert r.err.strip() == ("gwlint: WD015 未运行：未安装可选组件 gwlint[csc]（缺少 onnxruntime），"
                             "可运行 pip install 'gwlint[csc]' 安装")
    assert findings("认真落实中央决测部署。", model=str(model)) == []


def test_default_run_never_imports_the_runtime(tmp_path):
    (tmp_path / "a.txt").write_text("认真落实中央决测部署。持续优化营商环镜。\n", encoding="utf-8")
    code = ("import sys\n"
            "from lint.cli import main\n"
            "try:\n"
            f"    main(['check', '--preview', {str(tmp_path / 'a.txt')!r}])\n"
            "except SystemExit:\n"
            "    pass\n"
            "print('LOADED', sorted(m for m in ('onnxruntime', 'numpy', 'lint.text.csc_model') if m in sys.modules))\n")
    env = {k: v for k, v in os.environ.items() if k != "GWLINT_CSC_MODEL"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, env=env)
    assert "LOADED []" in out.stdout, out.stdout[-500:] + out.stderr[-500:]
    assert "WD015" not in out.stderr  # swept in by --preview, not asked for: no note


def test_a_rule_named_without_its_model_says_so(tmp_path):
    (tmp_path / "a.txt").write_text("认真落实中央决测部署。\n", encoding="utf-8")
    r = run("check", "--select", "WD015", str(tmp_path / "a.txt"))
    assert r.code == 0 and "WD015 未运行：没有指定神经纠错模型" in r.err


def test_worker_processes_load_their_own(tmp_path, model):
    draft, cfg = _draft(tmp_path, "model")
    (tmp_path / "b.txt").write_text("持续优化营商环境，认真落实中央决测部署。\n", encoding="utf-8")
    r = run("check", "--format", "json", "--select", "WD015", "--jobs", "2", "--config", cfg,
            draft, str(tmp_path / "b.txt"))
    assert sorted(f["path"].rsplit("/", 1)[-1] for f in r.json["findings"]) == ["a.txt", "b.txt"], r


def test_explain_says_where_the_model_comes_from():
    r = run("explain", "WD015")
    assert r.code == 0
    for words in ("gwlint 不附带、也从不下载任何模型", "csc-model", "GWLINT_CSC_MODEL", "gwlint[csc]", "optimum"):
        assert words in r.out, words


@pytest.mark.skipif(not (CORPUS / "ecspell-odw").is_dir(), reason="shared/corpus is not beside the repository")
def test_bench_measures_the_rule_with_a_model(tmp_path, model):
    out = subprocess.run([sys.executable, str(REPO / "bench" / "spelling.py"), "--smoke", "--sets-only",
                          "--codes", "WD015", "--csc-model", str(model)], capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode == 0, out.stderr[-1000:]
    assert "| WD015 neural-typo |" in out.stdout
    missing = subprocess.run([sys.executable, str(REPO / "bench" / "spelling.py"), "--smoke", "--sets-only",
                              "--codes", "WD015", "--csc-model", str(tmp_path / "nowhere")],
                             capture_output=True, text=True, cwd=tmp_path)
    assert missing.returncode != 0 and "文件夹不存在" in missing.stderr and "Traceback" not in missing.stderr
