"""Undo the NFKC folding of the stored web pages the unseen excerpts come from.

The page store folds full-width punctuation to ASCII (，→, ：→: （）→() ；→; ！→! ？→?)
and the ideographic space to a space. Published documents use the full-width forms,
so gwlint would otherwise be measured on the scraper. This restores them; a colon or
comma between two digits (4:3:3, 1,000) is left alone. Run from the repository root:
    python bench/unseen/restore_punct.py
It reads bench/unseen/raw/*.txt and writes bench/unseen/*.txt.
"""
import pathlib
import re

HERE = pathlib.Path(__file__).resolve().parent
FULL = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？"}
CJK = r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’《》〈〉—…]"


def restore(text: str) -> str:
    out = []
    for i, ch in enumerate(text):
        if ch in FULL:
            prev = text[i - 1] if i else ""
            nxt = text[i + 1] if i + 1 < len(text) else ""
            if ch in ",:" and prev.isdigit() and nxt.isdigit():
                out.append(ch)
                continue
            out.append(FULL[ch])
        else:
            out.append(ch)
    text = "".join(out)
    # a space run touching CJK on both sides was an ideographic space
    text = re.sub(rf"(?<={CJK}) +(?={CJK})", lambda m: "\u3000" * len(m.group()), text)
    return text


def main() -> None:
    for src in sorted((HERE / "raw").glob("*.txt")):
        (HERE / src.name).write_text(restore(src.read_text(encoding="utf-8")), encoding="utf-8")


if __name__ == "__main__":
    main()
