#!/usr/bin/env python3
"""Derive the Segmenter's shipped word lists from jieba's dictionary (MIT licence).

Usage: make-segmenter-data.py path/to/jieba/dict.txt Sources/Segmenter/Resources
(`pip download --no-deps jieba==0.42.1` and unpack to get dict.txt.)

Writes
  words.txt  word + frequency, POS dropped; numeral+classifier compounds tagged m/mq
             (一年, 两个, 多名, 一万一千多间) are left out: PKU-style segmentation keeps the
             numeral and the classifier apart, and the number grammar handles numerals.
"""
import sys

NUMERALS = set("零〇○一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟几多半数余来")


def main(dict_path, out_dir):
    kept = dropped = 0
    with open(dict_path, encoding="utf-8") as src, open(f"{out_dir}/words.txt", "w", encoding="utf-8") as out:
        out.write(
            "# General word list with frequencies: jieba 0.42.1 dict.txt (MIT licence), POS dropped,\n"
            "# numeral+classifier compounds left out. Made by scripts/make-segmenter-data.py; see NOTICE.md.\n"
        )
        for line in src:
            parts = line.split()
            if len(parts) < 2:
                continue
            word, freq = parts[0], parts[1]
            tag = parts[2] if len(parts) > 2 else ""
            if tag in ("m", "mq") and word[0] in NUMERALS and not all(c in NUMERALS for c in word):
                dropped += 1
                continue
            out.write(f"{word} {freq}\n")
            kept += 1
    print(f"words.txt: {kept} words ({dropped} numeral+classifier compounds left out)")


if __name__ == "__main__":
    main(*sys.argv[1:3])
