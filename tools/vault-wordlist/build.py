#!/usr/bin/env python3
"""Rebuilds crates/web/static/vault/wordlist.js, the vault's French word list.

The list serves two purposes: passphrases (each word is 11 bits, exactly, since
the list has 2,048 words and the generator draws them uniformly) and recovery
share sheets, where a holder types words back from paper. For the second, every
word is decided by its first four letters, so a sheet can be typed back from
prefixes and a misspelt ending still reads as the right word.

Source: the npm package dictionary-fr 3.0.0 (Grammalecte's French Hunspell
dictionary 7.5 by Olivier R., MPL-2.0), fetched with `npm pack` and checked
against the SHA-256 below, so the same input gives the same list. The output
is a selection of that dictionary's words and stays under the MPL-2.0, which
allows shipping it inside this AGPL program as a separate file.

There is no word frequency in that source, and no French frequency list with
a licence compatible with it was at hand, so "common" is approximated: base
forms only (nouns and adjectives as the dictionary lists them, no verb forms),
5 to 7 letters once accents are removed, no letters k, w, y (mostly loanwords
and rare words), nothing capitalised (names). A word's score is how many
dictionary entries begin with it: living roots have derivatives (drain,
drainage, drainer...), obscure words have none. Within each four-letter prefix
the best-scored word is kept, then the 2,048 best prefix groups, ties broken by
length and then alphabetically.

Usage: python3 tools/vault-wordlist/build.py [path/to/index.dic]
Without an argument it runs `npm pack dictionary-fr@3.0.0` in a temporary
folder (the npm registry must be reachable).
"""

import bisect
import hashlib
import io
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
from pathlib import Path

PACKAGE = "dictionary-fr@3.0.0"
TARBALL_SHA256 = "b20ab69249881bc36b1dcdfbfd2df226660a7cecc95f2cf122714008b491c78e"
SIZE = 2048
OUT = Path(__file__).resolve().parents[2] / "crates/web/static/vault/wordlist.js"

# Hunspell flags that mark a noun or an adjective in this dictionary
# (plural in -s, in -x, feminine forms). Verbs (a0p+, f0p+, ...) are left out:
# their infinitives read fine but a holder would second-guess conjugations.
NOUN_FLAGS = {"S.", "X.", "F.", "F+", "W."}

# Words nobody wants on a sheet handed to a board member, or that read badly
# once accents are gone. Small and hand-made; extend it and rebuild.
BLOCKLIST = {
    "anus", "bite", "cocu", "con", "conne", "cul", "gode", "nazi", "nazie", "negre",
    "pede", "pute", "sexe", "viol", "mort", "morte", "cancer", "sida", "tuer", "porc",
    "salope", "merde", "connard", "bordel", "putain", "zizi", "pipi", "caca", "crotte",
    "foutre", "chier", "pisse", "teton", "sein", "nichon", "penis", "vagin", "clito",
    "fesse", "orgie", "ivre", "drogue", "suicide", "cadavre", "deces", "veuf", "veuve",
    "nazisme", "gay", "lesbien", "juif", "juive", "arabe", "negro", "bougnoul", "youpin",
    "batard", "christ", "pedant", "moche", "crever", "poison", "bombe", "arme", "armes",
}
BLOCKED_PREFIXES = ("sex", "nazi", "pute", "merd", "conn", "couil", "branl", "encul", "bord", "pede")


def fold(word: str) -> str:
    """Lower-case ASCII: accents removed, ligatures spelt out."""
    word = word.replace("œ", "oe").replace("æ", "ae").replace("Œ", "OE").replace("Æ", "AE")
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def read_dic() -> str:
    if len(sys.argv) > 1:
        return Path(sys.argv[1]).read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
        tarball = next(Path(tmp).glob("dictionary-fr-*.tgz"))
        data = tarball.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != TARBALL_SHA256:
        sys.exit(f"{PACKAGE}: SHA-256 {digest}, expected {TARBALL_SHA256}")
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        return tar.extractfile("package/index.dic").read().decode("utf-8")


def candidates(dic: str):
    for line in dic.splitlines()[1:]:
        word, _, flags = line.partition("/")
        flags = flags.split()[0] if flags.strip() else ""
        if flags not in NOUN_FLAGS or word != word.lower():
            continue
        folded = fold(word)
        if not (5 <= len(folded) <= 7) or not folded.isascii() or not folded.isalpha():
            continue
        if set(folded) & set("kwy") or folded in BLOCKLIST or folded.startswith(BLOCKED_PREFIXES):
            continue
        yield folded


def build(dic: str) -> list[str]:
    entries = sorted({fold(line.partition("/")[0]).lower() for line in dic.splitlines()[1:]})

    def derivatives(word: str) -> int:
        i = bisect.bisect_left(entries, word)
        count = 0
        while i < len(entries) and entries[i].startswith(word):
            count += 1
            i += 1
        return count - 1

    # Best first: most derivatives, then shortest, then alphabetical.
    def rank(word: str):
        return (-derivatives(word), len(word), word)

    by_prefix: dict[str, str] = {}
    for word in sorted(set(candidates(dic))):
        prefix = word[:4]
        if prefix not in by_prefix or rank(word) < rank(by_prefix[prefix]):
            by_prefix[prefix] = word
    chosen = sorted(by_prefix.values(), key=rank)
    if len(chosen) < SIZE:
        sys.exit(f"only {len(chosen)} candidate words, need {SIZE}")
    return sorted(chosen[:SIZE])


def main() -> None:
    words = build(read_dic())
    assert len(words) == SIZE and len({w[:4] for w in words}) == SIZE
    lines = [
        "// Generated by tools/vault-wordlist/build.py: do not edit, rebuild.",
        "// 2,048 French words (11 bits each), each decided by its first four letters.",
        "// Selected from Grammalecte's French Hunspell dictionary 7.5 (npm dictionary-fr 3.0.0),",
        "// Olivier R. and contributors, under the Mozilla Public License 2.0:",
        "// this file is MPL-2.0 (https://mozilla.org/MPL/2.0/).",
        "export const WORDS = Object.freeze([",
    ]
    for i in range(0, SIZE, 8):
        lines.append("  " + ", ".join(f'"{w}"' for w in words[i : i + 8]) + ",")
    lines.append("]);")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({SIZE} words)")


if __name__ == "__main__":
    main()
