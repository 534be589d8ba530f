#!/usr/bin/env python3
"""Build navne's gazetteers (people, places, organisations) from the raw source lists.

  python3 scripts/build_gazetteers.py [--sources DIR] [--train FILE] [--no-train] [--out DIR]

Defaults (relative to the repository root): --sources ../shared/sources,
--train ../shared/data/uner-da-ddt/da_ddt-ud-train.iob2, --out gazetteers/.

Reads the raw lists described in the sources README, the hand-written lists in
gazetteers/manual/, and (unless --no-train) the entity strings of the UNER Danish DDT train
split. Writes people.tsv (PER), places.tsv (LOC), organisations.tsv (ORG), ambiguous.txt,
rules/ballot_letters.tsv and the row-count section of gazetteers/README.md. The same inputs give byte-identical output:
rows are sorted, nothing depends on hash order, and no timestamps are written.

Python 3.11 standard library only.
"""
import argparse
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
LABELS = ("PER", "LOC", "ORG")
FILES = {"PER": "people.tsv", "LOC": "places.tsv", "ORG": "organisations.tsv"}

# Which source wins when the same surface form is listed under two labels and the train split
# says nothing about it, and the prior an entry gets when its forms never occur in train.
# Curated lists first; large, noisy lists last.
BASE_PRIOR = {
    "manual": 0.9, "cldr": 0.85, "iso-codes": 0.85, "dawa": 0.8, "seed": 0.8, "ft": 0.75,
    "geonames-da": 0.7, "cldr-tz": 0.7, "dawa-postnr": 0.6, "faker": 0.5,
    "geonames": 0.45, "ft-org": 0.4, "dawa-ejerlav": 0.3, "name-pattern": 0.2, "first-names": 0.2,
    "ddt-train": 0.5,
}

# --------------------------------------------------------------------------------------------
# small helpers


def nfc(s):
    return unicodedata.normalize("NFC", s)


def clean(s):
    """NFC, straight apostrophes, single spaces, no surrounding space."""
    s = nfc(s).replace("\u00a0", " ").replace("’", "'").replace("`", "'")
    return re.sub(r"\s+", " ", s).strip()


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        lines = [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]
    header = lines[0].split("\t")
    rows = []
    for l in lines[1:]:
        cols = l.split("\t")
        cols += [""] * (len(header) - len(cols))
        rows.append({h: cols[i].strip() for i, h in enumerate(header)})
    return rows


def slug(s):
    s = clean(s)
    s = re.sub(r"[\s|\t]+", "_", s)
    return s


def strip_accents(s):
    """São Paulo -> Sao Paulo; keeps Danish æøå."""
    out = []
    for ch in s:
        if ch in "æøåÆØÅ":
            out.append(ch)
            continue
        d = unicodedata.normalize("NFD", ch)
        out.append("".join(c for c in d if not unicodedata.combining(c)))
    return nfc("".join(out))


def aa_variants(name):
    """Danish aa/å spelling variants: Aabenraa <-> Åbenrå, Århus <-> Aarhus."""
    out = []
    if "Aa" in name or "aa" in name:
        v = name.replace("Aa", "Å").replace("aa", "å")
        out.append(v)
    if "Å" in name or "å" in name:
        v = name.replace("Å", "Aa").replace("å", "aa")
        out.append(v)
    return out


# Countries whose own script is Cyrillic: their towns' GeoNames names are English-style
# transliterations (`Chelyabinsk`, `Zaporizhzhya`, `Kupiansk`), which Danish writes after Dansk
# Sprognævn's rules for Russian and Ukrainian (`Tjeljabinsk`, `Zaporizjzja`, `Kupjansk`).
CYRILLIC_COUNTRIES = {"RU", "UA", "BY", "BG", "KZ", "KG", "TJ"}

VOWELS = "aeiouy"


# Each Danish transliteration added to an entry, by the entry's id and the variant, with the
# name it was made from: the variant is kept only where that name is kept too
# (drop_orphan_variants), so that it does not bring back a town that a filter turned down
# under its own name (`Pushkin`, `Gay`), or whose name another entry holds (`Kostanay`).
TRANSLITERATED_FROM = {}


def danish_variant(id, name):
    """danish_transliteration() of `name`, a name of entry `id`, noted in TRANSLITERATED_FROM."""
    variant = danish_transliteration(name)
    if variant != name:
        TRANSLITERATED_FROM[(id, variant)] = name
    return variant


def drop_orphan_variants(entries):
    """`entries` without the Danish transliterations (TRANSLITERATED_FROM) whose name was not
    kept in the same entry, and without the entries left with no form."""
    kept = []
    for e in entries:
        forms = e.forms()
        keep = [f for f in forms if TRANSLITERATED_FROM.get((e.id, f), f) in forms]
        if keep:
            if keep != forms:
                e.set_forms(keep)
            kept.append(e)
    return kept


def danish_transliteration(name):
    """`name`, an English-style transliteration from Cyrillic, as Danish writes it: shch, zh,
    ch and sh as sjtj, zj, tj and sj; y before a, e, o or u as j, and i so after a consonant
    (я, ю, є: `Berdyansk`, `Tyumen`, `Kupiansk` -> `Berdjansk`, `Tjumen`, `Kupjansk`); y
    between vowels as j, i after a vowel as ji before a consonant (ї: `Avdiyivka`, `Mykolaiv`
    -> `Avdijivka`, `Mykolajiv`) and as j at a word's end (й: `Kryvyi Rih` -> `Kryvyj Rih`).
    Kh stays (`Kharkiv`). A variant to add beside the name, which stays."""
    def word(w):
        for a, b in (("shch", "sjtj"), ("Shch", "Sjtj"), ("zh", "zj"), ("Zh", "Zj"),
                     ("ch", "tj"), ("Ch", "Tj"), ("sh", "sj"), ("Sh", "Sj")):
            w = w.replace(a, b)
        out = ""
        for k, c in enumerate(w):
            low = c.lower()
            # What is written before (a vowel, or a j of a digraph), and the letter after.
            before = out[-1:].lower()
            after = w[k + 1].lower() if k + 1 < len(w) else ""
            vowel_before = before != "" and before in VOWELS
            if low == "y" and (after in ("a", "e", "o", "u") and after or
                               after == "i" and vowel_before):
                # `zhya`, `shchyo`: the j of the digraph is the y's.
                c = "" if before == "j" else ("J" if c.isupper() else "j")
            elif low in "iy" and vowel_before and not after:
                c = "j"
            elif low == "i" and after in ("a", "e", "u") and after and before and not vowel_before:
                c = "" if before == "j" else "j"
            elif low == "i" and vowel_before and after and after not in VOWELS:
                c = "ji"
            out += c
        return out
    return " ".join("-".join(word(p) for p in w.split("-")) for w in name.split(" "))


def ascii_spelling(name):
    """`name` with æ, ø and å written as ae, oe and aa (Næstved -> Naestved, Køge -> Koege)."""
    for letter, spelled in (("Æ", "Ae"), ("Ø", "Oe"), ("Å", "Aa"),
                            ("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        name = name.replace(letter, spelled)
    return name


CONNECTORS = {
    "og", "i", "af", "for", "på", "de", "da", "del", "la", "le", "les", "van", "von", "der",
    "den", "det", "ved", "am", "an", "upon", "on", "of", "the", "and", "es", "el", "al", "y",
    "til", "under", "über", "sur", "en", "im", "zu", "di", "do", "dos", "das", "du", "des",
    "with", "in", "at", "til", "mod", "om", "med", "e", "bin", "ibn", "ben", "&",
}

# Sources whose names were chosen or checked by people; their multi-word forms may contain
# lowercase words (`Det radikale Venstre`, `Handels- og Europaministeriet`).
CURATED = {"manual", "seed", "cldr", "iso-codes", "dawa", "ft", "ddt-train"}

# Endings that Danish village names share with surnames (Oustrup, Bastrup, Stauning,
# Rasborg); set by --villages strict.
VILLAGE_SURNAME_RE = None

GENITIVE_RE = re.compile(r"(?:'s|s'|'|s)$")


def tokens(form):
    return form.split(" ")


def plausible_form(form, strict=True, commas=False):
    """A surface form the matcher can use at all, and that looks like a name. `strict`: every
    word after the first must be capitalised (curated lists may have `Det radikale Venstre`).
    `commas`: a comma before a space may stand in it, as in a Danish public body's name that
    lists its fields (`Klima-, Energi- og Forsyningsministeriet`, `Ministeriet for Fødevarer,
    Landbrug og Fiskeri`); elsewhere a comma marks an inverted form (`Korea, Republic of`)."""
    if len(form) < 2 or len(form) > 80:
        return False
    if not (form[0].isupper() or form[0].isdigit()):
        return False
    if any(c in form for c in "()[]{};:\"?!*=<>\t|@#$%+"):
        return False
    if "," in form and not (commas and all(part.startswith(" ") for part in form.split(",")[1:])):
        return False
    if form.endswith("-") or "--" in form or form.startswith("'"):
        return False
    if not any(c.isalpha() for c in form):
        return False
    toks = tokens(form)
    if len(toks) > 8:
        return False
    for t in toks[1:]:
        # every word after the first is capitalised, a number, an abbreviation or a connector
        if t in CONNECTORS or t.lower() in CONNECTORS and t == t.lower():
            continue
        if strict and t[0].islower() and not re.match(r"^[a-zæøå]+-[A-ZÆØÅ]", t):
            return False
    # A name ends in no connector (`Foreningen af`); in capitals of two letters or more the
    # word is an abbreviation (`DI`, Dansk Industri), not the connector (`di`), unless it is a
    # frequent Danish word too (`DA`, `da`: form_ok_for).
    last = toks[-1]
    if last.lower() in CONNECTORS and last not in ("E",) and not (len(last) >= 2 and last.isupper()):
        return False
    # Latin script only (the matcher is for Danish text)
    for c in form:
        if c.isalpha():
            name = unicodedata.name(c, "")
            if not name.startswith("LATIN"):
                return False
    return True


# --------------------------------------------------------------------------------------------
# the Danish lexicon: which capitalised forms are also ordinary words


class Lexicon:
    """Danish word lists, used to flag or drop names that are also common words."""

    def __init__(self, src):
        self.lower = set()      # lowercase Danish words (inflected forms and stems)
        self.rank = {}          # lowercase word -> rank in the subtitle frequency list
        self.capitalised = set()
        for r in read_tsv(os.path.join(src, "da_wordlist_wdanish.tsv")):
            w = nfc(r["word"])
            if r["capitalised"] == "yes":
                self.capitalised.add(w)
            else:
                self.lower.add(w)
        for r in read_tsv(os.path.join(src, "da_hunspell_stems.tsv")):
            w = nfc(r["stem"])
            if r["capitalised"] == "yes":
                self.capitalised.add(w)
            else:
                self.lower.add(w)
        for r in read_tsv(os.path.join(src, "da_freq_opensubtitles2018_50k.tsv")):
            w = nfc(r["word"])
            if w not in self.rank:
                self.rank[w] = int(r["rank"])
        # first names: Danish (faker) and the Danish column of nam_dict
        self.dk_first = {}
        for r in read_tsv(os.path.join(src, "dk_first_names_faker.tsv")):
            self.dk_first[nfc(r["name"])] = 13
        self.world_first = {}
        # the highest frequency a first name has in any country of the dictionary (1-13)
        self.world_first_top = {}
        for r in read_tsv(os.path.join(src, "world_first_names_namdict.tsv")):
            n = nfc(r["name"]).replace("+", " ")
            f = int(r["freq_denmark"] or 0)
            self.world_first[n] = max(self.world_first.get(n, 0), f)
            freqs = (c.rsplit(":", 1)[-1] for c in r["countries"].split(";"))
            top = max((int(q) for q in freqs if q.isdigit()), default=0)
            self.world_first_top[n] = max(self.world_first_top.get(n, 0), top, f)
            if f >= 1:
                self.dk_first[n] = max(self.dk_first.get(n, 0), f)
        # bearers in Denmark of each surname (Statistics Denmark 2023), and the most people of
        # a Danish town of each name (GeoNames), to weigh a town against a surname of its name
        self.bearers = {nfc(r["name"]): int(r["count"] or 0)
                        for r in read_tsv(os.path.join(src, "dk_surnames_dst_2023.tsv"))}
        self.town_pop = Counter()
        for r in read_tsv(os.path.join(src, "dk_towns_geonames.tsv")):
            n = clean(r["name"])
            self.town_pop[n] = max(self.town_pop[n], int(r["population"] or 0))
        self.surnames = Counter()
        for r in read_tsv(os.path.join(src, "dk_surnames_faker.tsv")):
            self.surnames[nfc(r["surname"])] += 5
        for r in read_tsv(os.path.join(src, "dk_folketing_persons_oda.tsv")):
            ln = clean(r["last_name"])
            if ln:
                self.surnames[ln] += 1

    def is_word(self, form):
        """The lowercase of this single-token form is a Danish dictionary word."""
        low = form.lower()
        return low in self.lower

    def is_common_word(self, form, max_rank=20000):
        """A dictionary word that is also frequent in running text."""
        low = form.lower()
        return low in self.lower and self.rank.get(low, 10 ** 9) <= max_rank

    def is_frequent(self, form, max_rank=50000):
        """Frequent in the subtitle list (also catches English words and names)."""
        return self.rank.get(form.lower(), 10 ** 9) <= max_rank

    def is_first_name(self, form, min_freq=1):
        return self.dk_first.get(form, 0) >= min_freq

    def is_any_first_name(self, form):
        return form in self.world_first or form in self.dk_first

    def is_weighty_first_name(self, form):
        """A first name in use in Denmark, or one of some frequency (4 of 13 or more) in a
        country of the dictionary: `Orlando`, `Madison`, not `Riga` or `Torino`, which the
        dictionary lists as rare names of one country or two."""
        return form in self.dk_first or self.world_first_top.get(form, 0) >= WEIGHTY_FIRST_NAME

    def is_surname(self, form, min_count=1):
        return self.surnames.get(form, 0) >= min_count


# --------------------------------------------------------------------------------------------
# entries


class Entry:
    __slots__ = ("id", "label", "name", "aliases", "source", "kind", "base", "keep_words", "prior",
                 "pop", "country", "home", "word_forms", "also")

    def __init__(self, id, label, name, aliases=(), source="", kind="", base=None, keep_words=False):
        self.id = clean(id)
        self.label = label
        self.name = clean(name)
        self.aliases = []
        for a in aliases:
            a = clean(a)
            if a and a != self.name and a not in self.aliases:
                self.aliases.append(a)
        self.source = source
        self.kind = kind
        self.base = BASE_PRIOR.get(source.split(":")[0], 0.5) if base is None else base
        self.keep_words = keep_words  # curated: keep forms that are common words (flagged)
        self.prior = None
        self.pop = 0             # population, for places that have one
        self.country = ""        # ISO country code, for places that have one
        self.home = ""           # a club's home city
        self.word_forms = set()  # forms kept though they are words: listed in ambiguous.txt
        self.also = set()        # other sources that name the same thing (merged entries)

    def forms(self):
        return [self.name] + self.aliases

    def set_forms(self, forms):
        self.name, self.aliases = forms[0], forms[1:]


class Collector:
    def __init__(self):
        self.entries = []

    def add(self, *a, **k):
        e = Entry(*a, **k)
        if e.name:
            self.entries.append(e)
        return e


# --------------------------------------------------------------------------------------------
# sources


def countries(src, col):
    """Countries, territories and world regions (CLDR, iso-codes, GeoNames Danish names)."""
    skip_other = {"EU", "UN", "EZ", "QO", "XA", "XB", "ZZ", "IC"}
    for r in read_tsv(os.path.join(src, "countries_da.tsv")):
        code, kind = r["iso_code"], r["kind"]
        if kind == "other" and code in skip_other:
            continue
        names = []
        for k in ("name_da", "isocodes_name_da", "isocodes_official_name_da", "geonames_name_da"):
            v = clean(r[k])
            if not v:
                continue
            m = re.match(r"^(.*?) \((.*)\)$", v)
            if m:  # "Myanmar (Burma)", "Den demokratiske folkerepublik Korea (Nordkorea)"
                names += [m.group(1), m.group(2)]
            elif "," not in v:
                names.append(v)
        names = [n for n in names if not n.startswith("SAR ")]
        if code == "001":
            continue  # "Verden" (the world) is an ordinary word
        if kind == "region":
            names = names[:1]
        if not names:
            continue
        if code == "US":
            names.append("USA")
        # The abbreviation Danish writes for the United Kingdom as often as its name.
        if code == "GB":
            names.append("UK")
        if code in ("AE",):
            names.append("Emiraterne")
        col.add(f"cldr:{code}", "LOC", names[0], names[1:], source="cldr", kind=kind)


def world_admin1(src, col):
    for r in read_tsv(os.path.join(src, "world_admin1_da_geonames.tsv")):
        col.add(f"geonames-admin1:{r['geonames_admin1_code']}", "LOC", r["name_da"],
                source="geonames-da", kind="admin1")


def dk_regions(src, col):
    for r in read_tsv(os.path.join(src, "dk_regions.tsv")):
        col.add(f"dawa-region:{r['regionskode']}", "LOC", r["name_da"], source="dawa", kind="region")
        col.add(f"dawa-region:{r['regionskode']}", "ORG", r["name_da_official"],
                source="dawa", kind="region_council")


def dk_municipalities(src, col, lex):
    names = []
    for r in read_tsv(os.path.join(src, "dk_municipalities.tsv")):
        code = r["kommunekode"]
        short = clean(r["name_short"] or r["name_dagi"])
        forms = [short, clean(r["name_dagi"])]
        # a hyphenated name is also written with a space (Høje Taastrup, its town and station)
        forms += [f.replace("-", " ") for f in forms if "-" in f]
        for f in list(forms):
            forms += aa_variants(f)
        col.add(f"dawa-kommune:{code}", "LOC", forms[0], forms[1:], source="dawa",
                kind="municipality", keep_words=True)
        if r["is_municipality"] != "yes":
            continue
        off = clean(r["name_official"])
        orgs = [off]
        for base in [short] + aa_variants(short):
            orgs += [f"{base} Kommune", f"{base}s Kommune"]
        orgs += aa_variants(off)
        # "Københavns Kommune" is the official form; "København Kommune" is a common slip
        col.add(f"dawa-kommune:{code}", "ORG", off, orgs, source="dawa", kind="municipality")
        names.append(short)
    return names


def dk_postnumre(src, col, lex):
    """Post towns, and their postal districts as addresses write them (`1620 København V`,
    `8000 Aarhus C`), each an entry of its own. News names the town without the district
    suffix or the regional one that tells two towns of one name apart (Viby J, Viby
    Sjælland, Brenderup Fyn), so the town's entry is its name without them."""
    seen, suffixed = {}, {}
    for r in read_tsv(os.path.join(src, "dk_postnumre.tsv")):
        nr = r["postnr"]
        if int(nr) < 1000:
            continue  # special codes: Scanning, Facility, Udbetaling...
        for k in ("name", "name_dawa"):
            full = clean(r[k])
            n = re.sub(r" (?:K|V|Ø|N|S|C|SV|NV|NØ|SØ|Ø\.|M)$", "", full)
            n = re.sub(r" (?:J|Sj|Sjælland|Fyn|Thy|Vestj|Ærø)$", "", n)
            if not n or "/" in n:  # "Santa Claus/Julemanden"
                continue
            if full != n and not full.endswith("."):
                suffixed.setdefault(full, nr)
            seen.setdefault(n, nr)
    for n, nr in sorted(suffixed.items()):
        col.add(f"dawa-postnr:{nr}:{slug(n)}", "LOC", n, aa_variants(n), source="dawa-postnr",
                kind="post_town")
    for n, nr in sorted(seen.items()):
        forms = [n] + aa_variants(n)
        col.add(f"dawa-postnr:{nr}:{slug(n)}", "LOC", forms[0], forms[1:], source="dawa-postnr",
                kind="post_town")


def dk_islands(src, col):
    for r in read_tsv(os.path.join(src, "dk_islands.tsv")):
        n = clean(r["name"])
        if n == "Nørrejyske Ø":
            continue  # a survey term, not a name used in news
        col.add(f"dawa-island:{r['dawa_sted_id']}", "LOC", n, aa_variants(n), source="dawa",
                kind="island", base=0.8 if int(r["antal"] or 0) >= 1000 else 0.5)


def dk_opstillingskredse(src, col):
    for r in read_tsv(os.path.join(src, "dk_opstillingskredse.tsv")):
        n = clean(r["name"])
        col.add(f"dawa-opstillingskreds:{r['nummer']}", "LOC", n, aa_variants(n), source="dawa",
                kind="district")


EJERLAV_SUFFIX = re.compile(
    r" (?:By|Hgd\.|Gde\.|Del|Ejerlav|Bygrunde|Markjorder|Præstegård|Overdrev|Enge|Ladegård|"
    r"Inddæmning|Hegn|Hedegård|Nygård|Huse|Fjerding|Kvarter|Mark|Hovedgård|Gods)$")


def dk_ejerlav(src, col, lex):
    """Villages and parishes from the cadastral districts. Only the `X By` villages and the
    parish names are used, and only names that are not Danish words, first names or surnames
    (many Danish surnames are farm or village names)."""
    villages, parishes = {}, {}
    for r in read_tsv(os.path.join(src, "dk_ejerlav.tsv")):
        p1, p2 = clean(r["name_part1"]), clean(r["name_part2"])
        if p1.endswith(" By"):
            v = p1[:-3]
            villages.setdefault(v, r["ejerlavkode"])
        if p2:
            parishes.setdefault(p2, r["ejerlavkode"])
    out = {}
    for d in (parishes, villages):
        for n, code in d.items():
            if n in out:
                continue
            out[n] = code
    for n, code in sorted(out.items()):
        col.add(f"dawa-ejerlav:{code}", "LOC", n, aa_variants(n), source="dawa-ejerlav",
                kind="village")


def shares_words(a, b):
    """Whether one of the names `a` and `b` is the other with words added before or after it
    (`Viby` and `Viby J`, `Nørre Broby` and `Broby`)."""
    short, long = sorted((a, b), key=len)
    return long.startswith(short + " ") or long.endswith(" " + short)


def dk_towns_geonames(src, col, danish_names):
    for r in read_tsv(os.path.join(src, "dk_towns_geonames.tsv")):
        main = clean(r["name"])
        alts = [clean(a) for a in r["alternatenames_latin"].split("|") if a]
        forms = []
        for a in [main] + alts:
            if a in danish_names or a == main:
                forms.append(a)
        # the Danish name first when GeoNames' main name is English or old; a main name that a
        # Danish name is part of, or that is part of one, is Danish itself and stays (Viby J and
        # Tranbjerg J are post districts of Viby and Tranbjerg; Broby is Nørre Broby's post town)
        dk = [a for a in forms if a in danish_names]
        if dk and main not in danish_names and not any(shares_words(main, d) for d in dk):
            forms = dk  # the main name is English or old (Copenhagen): only the Danish one
        extra = []
        for f in forms:
            extra += aa_variants(f)
        pop = int(r["population"] or 0)
        e = col.add(f"geonames:{r['geonameid']}", "LOC", forms[0], forms[1:] + extra,
                    source="geonames", kind="dk_town", base=0.8 if pop >= 5000 else 0.6)
        e.pop = pop


def dk_old_municipalities(src, col):
    """`X Kommune` (ORG) for Danish towns that are not one of the 98 municipalities: the 275
    municipalities of 1970-2006 were named after towns (Søllerød Kommune, Ringe Kommune), and
    news of that time names them. The form only matches where the text says `Kommune`."""
    towns = set()
    for r in read_tsv(os.path.join(src, "dk_towns_geonames.tsv")):
        if int(r["population"] or 0) >= 1000:
            towns.add((clean(r["name"]), f"geonames:{r['geonameid']}"))
    faker = {clean(r["city"]) for r in read_tsv(os.path.join(src, "dk_cities_faker.tsv"))}
    named = {n for n, _ in towns} | faker
    for r in read_tsv(os.path.join(src, "dk_postnumre.tsv")):
        n = clean(r["name"])
        # post towns that some other list also knows as a town (not Returpost, Centraltastning)
        if int(r["postnr"]) >= 1000 and " " not in n and n in named and r["stormodtager"] != "yes":
            towns.add((n, f"dawa-postnr:{r['postnr']}"))
    seen = set()
    for n, id in sorted(towns):
        if n in seen:
            continue
        seen.add(n)
        forms = [f"{n} Kommune", f"{n}s Kommune"] if not n.endswith("s") else [f"{n} Kommune"]
        for f in list(forms):
            forms += aa_variants(f)
        col.add(f"{id}:kommune", "ORG", forms[0], forms[1:], source=id.split(":")[0],
                kind="old_municipality")


def dk_faker_cities(src, col):
    for r in read_tsv(os.path.join(src, "dk_cities_faker.tsv")):
        n = clean(r["city"])
        col.add(f"faker:city:{slug(n)}", "LOC", n, aa_variants(n), source="faker", kind="dk_town")


def world_cities_da(src, col, lex):
    """World cities under their GeoNames Danish name (Moskva, Kairo, Hamborg). The GeoNames
    main name (mostly English: Moscow, Copenhagen) is not used: it turns up in English
    company and title names far more often than as the place in Danish text. Ukraine's cities
    are an exception: since 2022 Danish media write them as Ukrainian does (Kyiv, Odesa,
    Luhansk), which is the GeoNames main name, where the Danish name is the Russian form
    (Kiev, Odessa); both are kept, and the main name as Danish transliterates it
    (`Slovyansk` -> `Slovjansk`: danish_transliteration())."""
    for r in read_tsv(os.path.join(src, "world_cities_da_geonames.tsv")):
        da = clean(r["name_da"])
        pop = int(r["population"] or 0)
        if pop < 1000000 and city_is_person_name(lex, da, r["country_code"], True):
            continue  # Orlando, Bismarck
        id = f"geonames:{r['geonameid']}"
        forms = [da, strip_accents(da)]
        if r["country_code"] == "UA":
            main = clean(r["name_geonames"])
            forms += [main, danish_variant(id, strip_accents(main))]
        e = col.add(id, "LOC", forms[0], forms[1:], source="geonames-da",
                    kind="city", base=0.7 if pop >= 100000 else 0.55)
        e.pop = pop
        e.country = r["country_code"]


def world_exonyms_tz(src, col):
    for r in read_tsv(os.path.join(src, "world_exonyms_cldr_tz.tsv")):
        col.add(f"cldr-tz:{r['tz_id']}", "LOC", r["city_da"], source="cldr-tz", kind="city")


# Countries of Eastern Europe, West Asia and North Africa whose own script is not the Latin
# one: Cyrillic, Greek, Georgian, Armenian, Hebrew and the Arabic script (Arabic, Persian,
# Pashto, Urdu). Their cities' GeoNames main names are transliterations (`Bakhmut`, `Irpin`,
# `Idlib`), seldom a Danish or English word or a name borne in Denmark, unlike the small towns
# of Latin-script countries (`University`, `Hopkins`, `Pa`), and present-day Danish news
# reports from their wars and crises down to towns of tens of thousands. South and East Asia's
# many small towns are left out: Danish news seldom names them, and they would add thousands
# of patterns to the matcher.
TRANSLITERATED_COUNTRIES = {
    "RU", "UA", "BY", "BG", "RS", "MK", "ME", "KZ", "KG", "TJ", "MN", "GR", "CY", "GE", "AM",
    "SA", "AE", "QA", "KW", "BH", "OM", "YE", "IQ", "SY", "JO", "LB", "PS", "EG", "LY", "SD",
    "IR", "AF", "PK", "IL",
}


# A small town of TRANSLITERATED_COUNTRIES named like a Slavic surname (`Korsakov`, `Suvorov`,
# `Gusev`, `Zhukovsky`) goes: in Danish text such a name is more often the person's.
SLAVIC_SURNAME_RE = re.compile(r"^\S+(ov|ev|ova|eva|sky|skiy|skaya|ski)$")


def world_cities15000(src, col, lex, min_pop, transliterated_pop):
    """Large world cities under their GeoNames main name, unless GeoNames has a Danish name
    for the city (then the main name is the English exonym: Moscow, Cairo). In the countries
    of TRANSLITERATED_COUNTRIES, cities from `transliterated_pop` people up."""
    has_da = {r["geonameid"] for r in read_tsv(os.path.join(src, "world_cities_da_geonames.tsv"))}
    for r in read_tsv(os.path.join(src, "world_cities15000_geonames.tsv")):
        pop = int(r["population"] or 0)
        floor = min_pop
        if r["country_code"] in TRANSLITERATED_COUNTRIES:
            floor = min(min_pop, transliterated_pop)
        if pop < floor or r["country_code"] == "DK" or r["geonameid"] in has_da:
            continue
        n = clean(r["name"])
        if pop < min_pop and SLAVIC_SURNAME_RE.search(n):
            continue
        id = f"geonames:{r['geonameid']}"
        forms = [n, strip_accents(n)]
        if r["country_code"] in CYRILLIC_COUNTRIES:
            forms.append(danish_variant(id, strip_accents(n)))
        e = col.add(id, "LOC", forms[0], forms[1:], source="geonames",
                    kind="city", base=0.55 if pop >= 1000000 else 0.45)
        e.pop = pop
        e.country = r["country_code"]


def person_name(s):
    """`Aage Frandsen (udpeget af SF)`, `Poul Hansen (Grenaa)` -> the name alone."""
    return clean(re.sub(r"\s*\([^)]*\)\s*$", "", s))


def folketing_persons(src, col, lex):
    """Folketing members and ministers (Folketingets Åbne Data). The full name, plus
    `first last` without middle names where that is unique."""
    rows = read_tsv(os.path.join(src, "dk_folketing_persons_oda.tsv"))
    short = Counter()
    cand = {}
    fulls = set()
    for r in rows:
        full = person_name(r["name"])
        fulls.add(full)
        fn, ln = clean(r["first_name"]), clean(r["last_name"])
        first = fn.split(" ")[0] if fn else ""
        if first and ln and not first.endswith(".") and len(first) > 1:
            s = f"{first} {ln}"
            if s != full:
                cand[r["oda_id"]] = s
                short[s] += 1
    for r in rows:
        full = person_name(r["name"])
        toks = full.split(" ")
        if len(toks) < 2 or not toks[0][:1].isupper() or (
                lex.is_common_word(toks[0]) and not lex.is_any_first_name(toks[0])):
            continue  # "Den centrale indlevering", "growBusiness Administrator"
        forms = [full]
        # "A. C. Andersen" is also written "A.C. Andersen"
        if re.search(r"\b[A-ZÆØÅ]\. [A-ZÆØÅ]\.", full):
            forms.append(re.sub(r"\b([A-ZÆØÅ])\. (?=[A-ZÆØÅ]\.)", r"\1.", full))
        s = cand.get(r["oda_id"])
        if s and short[s] == 1 and s not in fulls:
            forms.append(s)
        col.add(f"ft:{r['oda_id']}", "PER", forms[0], forms[1:], source="ft", kind="politician")


def surnames(col, lex, min_count, max_count):
    """Lone surnames of Folketing members (Folketingets Åbne Data): news names people by the
    surname after the first mention. Surnames carried by more than max_count members
    (Jensen, Hansen) are left out: alone they are mostly the tail of a longer name."""
    for n, c in sorted(lex.surnames.items()):
        if " " in n or len(n) < 3 or c < min_count or c > max_count:
            continue
        if lex.is_any_first_name(n) or lex.is_word(n) or lex.is_frequent(n, 30000):
            continue
        col.add(f"ft:surname:{n}", "PER", n, source="ft", kind="surname", base=0.3)


def first_names(col, lex, min_freq):
    """Lone Danish first names (entries of kind first_name)."""
    for n, f in sorted(lex.dk_first.items()):
        if f < min_freq or " " in n or len(n) < 3:
            continue
        col.add(f"first-name:{n}", "PER", n, source="first-names", kind="first_name",
                base=0.2, keep_words=True)


def name_patterns(col, lex, n_first, n_sur):
    """`First Surname` for the most common Danish first names and surnames."""
    firsts = sorted((n for n, f in lex.dk_first.items() if f >= n_first and " " not in n
                     and len(n) > 2), key=lambda n: n)
    surs = sorted(n for n, c in lex.surnames.items() if c >= n_sur and " " not in n)
    for fn in firsts:
        col.add(f"name-pattern:{fn}", "PER", fn + " " + surs[0], [f"{fn} {s}" for s in surs[1:]],
                source="name-pattern", kind="name_pattern")


# Words that mark a hearing respondent in the ODA actor list as an organisation.
ORG_WORDS = re.compile(
    r"(?i)(forening|forbund|selskab|råd\b|rådet|institut|universitet|styrelse|direktorat|"
    r"center\b|centret|centre\b|fond\b|fonden|bank\b|banken|kommune|amt\b|region\b|\bA/S\b|ApS|"
    r"organisation|sammenslutning|akademi|skole|hospital|sygehus|museum|teater|parti\b|"
    r"partiet|union\b|unionen|tidende|avis|radio|\bTV\b|\bI/S\b|\bP/S\b|a\.m\.b\.a|holding|"
    r"group|gruppen|koncern|industri|landbrug|handel|bureau|agency|association|council|"
    r"society|federation|international|ministeri|nævn|kommission|tilsyn|politi|domstol|"
    r"landsret|byret|højskole|seminari|kirke|stift|bibliotek|arkiv|løsning|service|"
    r"consult|energi|transport|forsikring|pension|sparekasse|kredit|invest|medier|media|"
    r"forlag|netværk|network|\bLO\b|fagforening|klub|\bIF\b|\bBK\b|\bFC\b|kooperation|"
    r"landsforening|landsorganisation|fabrik|værk\b|værker|selskabet|firma|butik|laug)")
LEGAL_SUFFIX = re.compile(r" (?:A/S|ApS|I/S|P/S|K/S|a\.m\.b\.a\.?|AMBA|A\.m\.b\.a\.?|GmbH|AB|Ltd\.?|"
                          r"Inc\.?|ASA|AS|Plc|plc|S\.A\.|SA|NV|N\.V\.|BV|AG)$")


def folketing_orgs(src, col, lex):
    """Ministries (current and historical), parties, committees and commissions from
    Folketingets Åbne Data; hearing respondents only where the name says organisation."""
    for r in read_tsv(os.path.join(src, "dk_orgs_folketing_oda.tsv")):
        kind = r["kind"]
        n = clean(r["name"])
        sn = clean(r["short_name"])
        if kind == "minister_title":
            if n[:1].isupper() and not n.startswith("Minister"):
                col.add(f"ft:org:{slug(n)}", "ORG", n, source="ft-org", kind="state_body")
            continue
        if kind == "parliamentary_group":
            if n.startswith("Uden for folketingsgrupperne"):
                continue
            al = [sn] if sn and sn != "UFG" and len(sn) > 1 and not sn.endswith(".") else []
            col.add(f"ft:org:{slug(n)}", "ORG", n, al, source="ft", kind="party")
            continue
        if kind in ("ministry", "committee", "commission", "parliamentary_assembly", "other_group"):
            if n.lower() == "test":
                continue
            al = [sn] if sn and re.fullmatch(r"[A-ZÆØÅ]{2,6}", sn) and kind != "committee" else []
            col.add(f"ft:org:{slug(n)}", "ORG", n, al, source="ft" if kind == "ministry" else "ft-org",
                    kind=kind)
            continue
        if kind != "organisation":
            continue
        if re.search(r",| v/| - | – |\"|\(|:|/ |ved |att\.|c/o", n):
            continue
        toks = n.split(" ")
        if len(toks) > 6 or len(n) < 3:
            continue
        base = LEGAL_SUFFIX.sub("", n)
        has_word = bool(ORG_WORDS.search(n))
        looks_person = (lex.is_any_first_name(toks[0]) and 2 <= len(toks) <= 4
                        and not has_word) or (len(toks) >= 2 and lex.is_surname(toks[-1]) and not has_word)
        if looks_person:
            continue
        acronym = re.fullmatch(r"[A-ZÆØÅ0-9&]{2,8}", base) is not None
        if not has_word and not acronym:
            continue
        forms = [n]
        if base != n:
            forms.append(base)
        col.add(f"ft:org:{slug(n)}", "ORG", forms[0], forms[1:], source="ft-org", kind="organisation")


def seed_orgs(src, col, lex):
    for r in read_tsv(os.path.join(src, "org_seed_da_handcompiled.tsv")):
        n = clean(r["name_da"])
        al = [a for a in r["aliases"].split("|") if len(clean(a)) > 1]
        col.add(f"seed:{r['kind']}:{slug(n)}", "ORG", n, al, source="seed", kind=r["kind"],
                keep_words=True)


def stormodtagere(src, col):
    for r in read_tsv(os.path.join(src, "dk_stormodtagere_orgs.tsv")):
        n = clean(r["organisation"])
        base = LEGAL_SUFFIX.sub("", n)
        col.add(f"dawa-stormodtager:{r['own_postnr']}", "ORG", n, [base] if base != n else [],
                source="dawa", kind="organisation")


def fold(s):
    """A loose key for one name across lists: case, accents, spaces and dashes do not count, and
    æ/ae, ø/o, å/aa are the same (`Centrum-Demokraterne` = `Centrumdemokraterne`,
    `De Gronne` = `De Grønne`)."""
    s = clean(s).lower().replace("æ", "ae").replace("ø", "o").replace("å", "aa")
    return re.sub(r"[\W_]+", "", strip_accents(s))


def geonames_city_names(src):
    """Main names of the GeoNames cities in the source lists (any size, any country), which a
    club may share with its town without our place lists knowing the name (`Copenhagen`)."""
    out = set()
    for r in read_tsv(os.path.join(src, "world_cities15000_geonames.tsv")):
        out.add(clean(r["name"]))
    for r in read_tsv(os.path.join(src, "world_cities_da_geonames.tsv")):
        out.add(clean(r["name_geonames"]))
    for r in read_tsv(os.path.join(src, "dk_towns_geonames.tsv")):
        out.add(clean(r["name"]))
    return out


def club_initials(name):
    """How Danish sport abbreviates a Danish club whose name is one word of its kind in
    capitals (CLUB_KIND_WORDS) and capitalised words: the kind whole, each other word by its
    first letter (`FC Nordsjælland` -> `FCN`, `Brøndby IF` -> `BIF`, `AC Horsens` -> `ACH`).
    None for any other name (`AGF Aarhus`, `Esbjerg fB`, `B 1903 København`), and for a name
    that ends in `FC`, whose initials are English abbreviations too (`NFC`, `RFC`)."""
    words = name.split(" ")
    kinds = [w for w in words if w in CLUB_KIND_WORDS]
    if len(words) < 2 or len(kinds) != 1 or words[-1] == "FC":
        return None
    if not all(w in kinds or (w.isalpha() and w[0].isupper() and not w.isupper()) for w in words):
        return None
    initials = "".join(w if w in kinds else w[0] for w in words)
    return initials if 3 <= len(initials) <= 4 else None


def football_clubs(src, col):
    """Football clubs of 100 countries (openfootball/clubs, CC0): the name and its aliases, one
    entry per club, id `openfootball:<country file>:<name>` (`openfootball:dk:FC_København`).
    A Danish club also gets its initials (club_initials) where no other Danish club has them
    as initials or an alias (`Viborg FF` and `Vendsyssel FF` are both `VFF`: neither gets it).
    The home city (`København`; openfootball writes a stadium, `@ Anfield`, for some) is kept
    for settle_clubs."""
    rows = read_tsv(os.path.join(src, "world_football_clubs_openfootball.tsv"))
    # the country of a club's file (`dk` of `europe/denmark/dk.clubs.txt`)
    country = lambda r: os.path.basename(r["country_file"]).split(".")[0]
    danish = [r for r in rows if country(r) == "dk"]
    initials = {clean(r["name"]): club_initials(clean(r["name"])) for r in danish}
    held = Counter(f for r in danish for f in {initials[clean(r["name"])]} | {
        clean(a) for a in r["aliases"].split("|")} if f)
    for r in rows:
        key = country(r)
        name = clean(r["name"])
        # a foreign club's abbreviations (AZ, HB, TSV, UTC) are too short to tell in Danish text
        short = 2 if key == "dk" else 4
        aliases = [a for a in r["aliases"].split("|") if len(clean(a)) >= short or " " in clean(a)]
        own = initials.get(name) if key == "dk" else None
        if own and held[own] == 1 and own not in aliases:
            aliases.append(own)
        e = col.add(f"openfootball:{key}:{slug(name)}", "ORG", name, aliases,
                    source="openfootball", kind="club", base=CLUB_BASE)
        if len(name) < short and " " not in name:
            e.set_forms(e.aliases or [""])
            if not e.name:
                col.entries.pop()
                continue
        city = clean(r["city"])
        e.home = "" if city.startswith("@") else clean(city.split("›")[0])


# Sources whose entries merge with other lists' entries of the same thing; a merged entry's
# `source` names every list that names it (`manual+openfootball`), in this order after its own.
MERGE_SOURCES = {"openfootball", "partyfacts", "parlgov"}
SOURCE_ORDER = ["manual", "seed", "ft", "partyfacts", "parlgov", "openfootball"]


def source_names(e):
    """`manual+partyfacts`: the entry's own source, then the others that name it."""
    others = [x for x in SOURCE_ORDER if x in e.also and x != e.source]
    return "+".join([e.source] + others)


# --word-city-pop: a GeoNames city whose name is also a word stays (flagged ambiguous) from
# this population up, unless its name is one of the WORD_CITY_RANK commonest subtitle words
WORD_CITY_POP = 10 ** 12
WORD_CITY_RANK = 10000

# A world city whose name is a person's name goes. Outside the English-speaking countries,
# where towns are seldom named after people, that is when the name is in use in Denmark or of
# this frequency (of 13) or more in a country of the first-name dictionary (`Orlando`), or a
# surname this many times over in the Danish lists (faker's count 5 each, a Folketing
# member's 1): not for a rare name of one country (`Bratislava`, `Doha`, `Verona`) or one
# member's surname (`Kiel`). This holds for the cities with a Danish name, which Danish text
# names, and for those of a million people or more (`Erbil`, `Shiraz`); in the
# English-speaking countries (`Lincoln`, `Jackson`) any first name or surname makes a city go.
WEIGHTY_FIRST_NAME = 4
CITY_SURNAME = 2
ENGLISH_SPEAKING = {"US", "GB", "CA", "AU", "NZ", "IE", "ZA", "BM", "JM"}


# A small Danish town whose name is a surname stays when this many people or more live there
# for each bearer of the surname in Denmark: Danish surnames are often town names, and a town
# of 4,500 (`Brørup`) is what its name names in news, not the 32 people who bear it; `Gram`
# (2,521 people, 1,742 bearers) is a surname first.
TOWN_PEOPLE_PER_BEARER = 10


def town_outweighs(lex, form):
    """Whether the Danish town `form` is a name of a place rather than a surname: its people
    are TOWN_PEOPLE_PER_BEARER times the surname's bearers or more."""
    people = lex.town_pop.get(form, 0)
    return people > 0 and people >= TOWN_PEOPLE_PER_BEARER * lex.bearers.get(form, 0)


def city_is_person_name(lex, form, country, weighed):
    """Whether a world city named `form` in `country` goes for being a person's name; by the
    rarer names' weight (`weighed`) or by any name (above)."""
    if not weighed or country in ENGLISH_SPEAKING:
        return lex.is_any_first_name(form) or lex.is_surname(form)
    return lex.is_weighty_first_name(form) or lex.is_surname(form, CITY_SURNAME)

# --club-towns place: a club's town name loses to the town by default, whatever train says
CLUB_TOWN_LOSES = True

# Base prior of openfootball's clubs, and of the entries that hold a club's town name
# (`Brøndby` for Brøndby IF; below every place list's, so that the town wins unless navne's
# context rules see a sports sentence).
CLUB_BASE = 0.5
CLUB_CITY_BASE = 0.25
# Words that name a club's kind, not the club: `Arsenal FC` is `Arsenal`.
CLUB_TYPE_WORDS = {"FC", "AFC", "CF", "SC", "BK", "IF", "IK", "FF", "FK", "SK", "AC", "AS", "SV",
                   "CD", "CA", "SL", "SS", "UC", "RSC", "KV", "NK", "FBK", "Football", "Club"}
# The kinds of Danish club in capitals that their initials keep whole (club_initials).
CLUB_KIND_WORDS = {"FC", "AC", "BK", "IF", "IK", "FF", "FS"}


ACRONYM_RE = re.compile(r"[A-ZÆØÅ]{4,}")


def title_case_acronyms(col, lex):
    """An organisation's name of four or more capitals also in title case (`IKEA` -> `Ikea`,
    `UNICEF` -> `Unicef`), as Danish spells names said as words, where the Danish dictionaries
    hold the title-case form as a proper noun; not where it is also a lowercase word, a first
    name or a surname (`SKAT`, `DONG`, `FOSS`), or a form of any entry already."""
    forms = {f for e in col.entries for f in e.forms()}
    for e in col.entries:
        if e.label != "ORG":
            continue
        for f in e.forms():
            t = f.capitalize()
            if (ACRONYM_RE.fullmatch(f) and t not in forms and t in lex.capitalised
                    and not lex.is_word(t) and not lex.is_any_first_name(t)
                    and not lex.is_surname(t)):
                e.aliases.append(t)
                forms.add(t)


def settle_clubs(col, place_names):
    """Hand-written clubs and openfootball's as one entry each, and town names apart.

    1. An openfootball club that shares a form other than a town name with a hand-written club
       takes that club's id, so resolve() merges the two (FC København, F.C. København, FCK,
       FC Copenhagen, ...).
    2. A club's form that is only a town name (the club's home city, or a name that a place
       list or GeoNames has) moves to an entry of its own, id `<club id>:city`, kind
       `club_city`, whose prior stays below the place's. The canonical name of a hand-written
       club stays (`Ajax` is the club's name, not an alias)."""
    clubs = [e for e in col.entries if e.label == "ORG" and e.kind == "club"]
    is_city = lambda e, f: f == e.home or f in place_names
    # a country's or continent's name is no club's (College Europa FC: Europa)
    countries = {f for e in col.entries if e.label == "LOC" and e.source == "cldr"
                 for f in e.forms()}
    for e in clubs:
        e.set_forms([f for f in e.forms() if f not in countries] or [""])
    # forms that identify a club across the lists: several words, or one word of four letters
    # or more that is no abbreviation (`OB` is Odense Boldklub and Olympique de Béja), and that
    # no two openfootball clubs share (`Arsenal` is also Arsenal Tula's, `Liverpool FC` also
    # Liverpool Montevideo's)
    shared = Counter(f for e in clubs if e.source == "openfootball" for f in set(e.forms()))
    telling = lambda f: (" " in f or (len(f) >= 4 and f != f.upper())) and shared[f] < 2
    by_form = {}
    for e in clubs:
        if e.source != "openfootball":
            for f in e.forms():
                # a town name identifies the club only as a hand-written club's name (Chelsea)
                if telling(f) and (f == e.name or not is_city(e, f)):
                    by_form.setdefault(f, (e.id, f == e.name))
    # or the canonical names are the same but for words like FC, BK, IF (Arsenal, Arsenal FC)
    core = lambda n: " ".join(t for t in n.split(" ") if t not in CLUB_TYPE_WORDS)
    cores = Counter(core(e.name) for e in clubs if e.source == "openfootball")
    by_core = {}
    for e in clubs:
        if e.source != "openfootball":
            by_core.setdefault(core(e.name), e.id)
    for e in clubs:
        if e.source == "openfootball":
            c = core(e.name)
            if cores[c] == 1 and c in by_core:
                e.id = by_core[c]
                continue
            for f in e.forms():
                if f in by_form and (by_form[f][1] or not is_city(e, f)):
                    e.id = by_form[f][0]
                    break
    out = []
    for e in col.entries:
        if not e.name:
            continue
        out.append(e)
        if e.label != "ORG" or e.kind != "club":
            continue
        fixed = e.name if e.source == "manual" else None
        towns = [f for f in e.forms() if f != fixed and is_city(e, f)]
        # one word that several openfootball clubs go by (Racing, Sporting, Nacional, Arsenal)
        # is no one club's name
        rest = [f for f in e.forms() if f not in towns and not (
            e.source == "openfootball" and " " not in f and shared[f] > 1)]
        if rest:
            e.set_forms(rest)
        else:
            out.pop()
        if not towns:
            continue
        t = Entry(f"{e.id}:city", "ORG", towns[0], towns[1:], source=e.source, kind="club_city",
                  base=CLUB_CITY_BASE, keep_words=e.keep_words)
        t.home = e.home
        out.append(t)
    col.entries = out


# Denmark, the Faroe Islands and Greenland (Rigsfællesskabet): parties named in Danish news by
# their native names and abbreviations.
REALM = ("DNK", "FRO", "GRL")
PARTY_BASE_REALM = 0.7
PARTY_BASE_FOREIGN = 0.4


def asciify(s):
    """`De Grønne` -> `De Gronne`, `Fólkaflokkurin` -> `Folkaflokkurin`."""
    s = s.replace("æ", "ae").replace("ø", "o").replace("å", "aa")
    s = s.replace("Æ", "Ae").replace("Ø", "O").replace("Å", "Aa")
    return strip_accents(s)


def party_names(v):
    """`Liberal Party of Australia (South Australian Division)` -> the name without the
    qualifier; `A | B` -> both."""
    out = []
    for n in clean(v.replace("&nbsp;", " ")).split("|"):
        n = clean(re.sub(r"\s*\([^)]*\)\s*$", "", n))
        if n:
            out.append(n)
    return out


def parties(src, col):
    """Political parties of Party Facts' import of Wikidata (id `wikidata:Q…`, or
    `partyfacts:<id>`) and of ParlGov (`parlgov:<id>`), kind `party`.

    Parties of Denmark, the Faroe Islands and Greenland come first, by their native names and
    Party Facts' short names of two letters or more (ParlGov's `name_short` is ParlGov's own
    code, not a Danish ballot letter). Other countries' parties by their native names of four
    characters or more and their English names of two words or more; a name that parties of
    two countries share (`Democratic Party`, `Partido Socialista`, `Venstre` in Norway) is left
    to the Danish party or to none. Returns, per entry id, the country and the names
    settle_parties() matches entries on."""
    rows = []
    for r in read_tsv(os.path.join(src, "world_parties_partyfacts.tsv")):
        id = f"wikidata:{r['wikidata_id']}" if r["wikidata_id"] else f"partyfacts:{r['partyfacts_id']}"
        short = party_names(r["name_short"])
        rows.append((id, "partyfacts", r["country"], party_names(r["name_native"]),
                     party_names(r["name_en"]), [x for x in short if len(x) >= 2],
                     [x for x in short if len(x) == 1 and x.isupper()]))
    for r in read_tsv(os.path.join(src, "world_parties_parlgov.tsv")):
        rows.append((f"parlgov:{r['parlgov_id']}", "parlgov", r["country"],
                     party_names(r["name_native"]), party_names(r["name_en"]), [], []))
    countries = defaultdict(set)
    for id, source, c, native, en, short, one in rows:
        for f in native + en:
            countries[fold(f)].add(c)
    keys = {}
    for realm in (True, False):
        for id, source, c, native, en, short, one in rows:
            if (c in REALM) != realm:
                continue
            if realm:
                forms = native + (short if source == "partyfacts" else [])
            else:
                forms = [f for f in native if len(f) >= 4] + [f for f in en if " " in f]
                forms = [f for f in forms if len(countries[fold(f)]) == 1]
            if not forms:
                continue
            col.add(id, "ORG", forms[0], forms[1:], source=source, kind="party",
                    base=PARTY_BASE_REALM if realm else PARTY_BASE_FOREIGN, keep_words=realm)
            keys[id] = (c, native + short, en, one)
    return keys


def settle_parties(col, src, keys):
    """One entry per party. Party entries of the hand-written lists, the seed list, the
    Folketing's ODA and Party Facts/ParlGov that name the same party get one id: the Wikidata id
    where Party Facts gives one, else the ParlGov id, else the most trusted list's. Two entries
    name the same party when a native name or abbreviation is the same up to case, accents,
    spaces and dashes (fold()), or, within one country, the English name. ODA's own
    abbreviations are not compared (`SP` is Slesvigsk Parti in the seed list, Sambandsflokkurin
    in ODA), nor ParlGov's codes. Foreign parties are matched only within their country.

    Returns {ballot letter: id} for the Danish ballot letters: those the seed list gives in its
    notes (`ballot letter A`), the one-letter aliases of its historical parties (Z), and Party
    Facts' one-letter Danish short names where the seed list does not use the letter for
    another party (Party Facts' `K` for the Conservatives is their abbreviation, not their
    ballot letter C); then the seed list's other one-letter abbreviations of a party (`S`)."""
    seed = {}
    for r in read_tsv(os.path.join(src, "org_seed_da_handcompiled.tsv")):
        if r["kind"] == "party":
            seed[f"seed:party:{slug(clean(r['name_da']))}"] = r
    ents = [e for e in col.entries if e.label == "ORG" and e.kind == "party"]
    parent = list(range(len(ents)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner = {}
    for i, e in enumerate(ents):
        ks = set()
        if e.source in ("partyfacts", "parlgov"):
            c, native, en, _ = keys[e.id]
            if c in REALM:
                ks |= {("realm", fold(x)) for x in native}
            else:
                ks |= {(c, fold(x)) for x in native}
            ks |= {(c, "en", fold(x)) for x in en}
        elif e.source == "ft":
            ks.add(("realm", fold(e.name)))
        else:
            ks |= {("realm", fold(x)) for x in e.forms() if len(x) >= 2}
            r = seed.get(e.id)
            if r:
                note = r["note"]
                c = "GRL" if "Greenland" in note else "FRO" if "Faroe" in note else "DNK"
                ks |= {(c, "en", fold(x)) for x in party_names(r["name_en"])}
        for k in sorted(ks):
            if k[-1] == "":
                continue
            if k in owner:
                a, b = find(owner[k]), find(i)
                if a != b:
                    parent[max(a, b)] = min(a, b)
            else:
                owner[k] = i
    groups = defaultdict(list)
    for i, e in enumerate(ents):
        groups[find(i)].append(e)
    orig = {}
    natives = {id(e): keys[e.id][1] for e in ents if e.source in ("partyfacts", "parlgov")}
    for g in groups.values():
        ids = [e.id for e in g]
        new = (next((x for x in ids if x.startswith("wikidata:")), None) or
               next((x for x in ids if x.startswith(("partyfacts:", "parlgov:"))), None) or ids[0])
        also = [x for x in SOURCE_ORDER if any(e.source == x for e in g)]
        # `De Gronne` (ParlGov) is only `De Grønne` written without æ, ø, å
        ascii = {asciify(f): f for e in g for f in e.forms() if asciify(f) != f}
        for e in g:
            orig.setdefault(e.id, new)
            e.id = new
            e.also = set(also) if len(g) > 1 else set()
            if e.source in ("partyfacts", "parlgov"):
                e.set_forms([f for f in e.forms() if f not in ascii] or [""])
        # a party is named by its native name where one of the lists has it (Sverigedemokraterna,
        # not Sweden Democrats)
        first = g[0]
        if id(first) in natives and first.name not in natives[id(first)]:
            native = [f for e in g if id(e) in natives for f in e.forms() if f in natives[id(e)]]
            if native:
                first.set_forms([native[0]] + [f for f in first.forms() if f != native[0]])
    letters = {}
    for sid, r in seed.items():
        if sid not in orig:
            continue
        m = re.match(r"ballot letter (\w)$", r["note"])
        if m:
            letters.setdefault(m.group(1), orig[sid])
        elif r["note"] == "historical":
            for a in r["aliases"].split("|"):
                if len(clean(a)) == 1:
                    letters.setdefault(clean(a), orig[sid])
    for pid, (c, native, en, one) in sorted(keys.items()):
        if c == "DNK":
            for x in one:
                letters.setdefault(x, orig.get(pid, pid))
    # The one-letter abbreviations the news writes beside the ballot letters (`S` for
    # Socialdemokratiet, whose ballot letter is A), where no ballot letter is the same.
    for sid, r in seed.items():
        if sid in orig:
            for a in r["aliases"].split("|"):
                if len(clean(a)) == 1:
                    letters.setdefault(clean(a), orig[sid])
    return letters


def manual(col, mandir):
    """Hand-written lists: gazetteers/manual/{people,places,organisations}.tsv."""
    for label, fn in FILES.items():
        path = os.path.join(mandir, fn)
        if not os.path.exists(path):
            continue
        ids = set()
        for r in read_tsv(path):
            al = [a for a in r.get("aliases", "").split("|") if a]
            id = r.get("id") or f"manual:{slug(r['name'])}"
            if id in ids:
                sys.exit(f"{path}: duplicate id {id}")
            ids.add(id)
            col.add(id, label, r["name"], al, source="manual", kind=r.get("kind", ""),
                    keep_words=True)


# --------------------------------------------------------------------------------------------
# the train split


def read_iob2(path):
    text, toks, tags = None, [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if toks:
                    yield text, toks, tags
                text, toks, tags = None, [], []
                continue
            if line.startswith("#"):
                if line.startswith("# text = "):
                    text = line[len("# text = "):]
                continue
            p = line.split("\t")
            toks.append(p[1])
            tags.append(p[2])
    if toks:
        yield text, toks, tags


def spans(tags):
    out, cur = [], None
    for i, t in enumerate(tags):
        if t.startswith("B-") or (t.startswith("I-") and (cur is None or cur[2] != t[2:])):
            if cur:
                out.append(tuple(cur))
            cur = [i, i + 1, t[2:]]
        elif t.startswith("I-"):
            cur[1] = i + 1
        else:
            if cur:
                out.append(tuple(cur))
            cur = None
    if cur:
        out.append(tuple(cur))
    return out


def token_text(text, toks):
    """The sentence text and each token's character span in it."""
    offs, pos = [], 0
    if text is not None:
        for t in toks:
            k = text.find(t, pos)
            if k < 0:
                break
            offs.append((k, k + len(t)))
            pos = k + len(t)
    if len(offs) != len(toks):
        text, offs, pos = " ".join(toks), [], 0
        for t in toks:
            offs.append((pos, pos + len(t)))
            pos += len(t) + 1
    return text, offs


class Train:
    """Entity strings and label counts of the train split.

    `entity[label][form]` counts spans tagged `label` whose text is `form`. `stats[form]`
    counts, for any surface form, how its occurrences in train were tagged: one of the labels
    when a gold span covers exactly the occurrence (the last token may carry a genitive or
    compound), `O` when no gold span overlaps it, and `X` for partial overlaps."""

    def __init__(self, path):
        self.sents = []
        self.entity = {l: Counter() for l in LABELS}
        for text, toks, tags in read_iob2(path):
            text, offs = token_text(text, toks)
            sp = spans(tags)
            self.sents.append((text, offs, toks, sp))
            for s, e, l in sp:
                if l in self.entity:
                    self.entity[l][clean(text[offs[s][0]:offs[e - 1][1]])] += 1

    def count_forms(self, forms):
        """stats[form] = Counter of PER/LOC/ORG/O/X (+ `init-O` for sentence-initial O)."""
        forms = set(forms)
        stats = defaultdict(Counter)
        maxlen = 8
        for text, offs, toks, sp in self.sents:
            n = len(toks)
            gold = {}
            covered = [None] * n
            gold_known = {}
            for s, e, l in sp:
                gold[(s, e)] = l
                for k in range(s, e):
                    covered[k] = (s, e)
                g = clean(text[offs[s][0]:offs[e - 1][1]])
                gold_known[(s, e)] = g in forms or GENITIVE_RE.sub("", g) in forms
            for i in range(n):
                for j in range(i, min(n, i + maxlen)):
                    s = clean(text[offs[i][0]:offs[j][1]])
                    cands = [s]
                    last = toks[j]
                    for g in ("'s", "s'", "'", "s"):
                        if last.endswith(g) and len(last) > len(g):
                            cands.append(s[: -len(g)])
                    if "-" in last[1:]:
                        k = last.find("-", 1)
                        cands.append(s[: len(s) - (len(last) - k)])
                    for c in cands:
                        if c not in forms:
                            continue
                        l = gold.get((i, j + 1))
                        if l:
                            stats[c][l] += 1
                            if all(not any(ch.isalnum() for ch in t) for t in toks[:i]):
                                stats[c]["init-ENT"] += 1
                        elif all(covered[k] is None for k in range(i, j + 1)):
                            initial = all(not any(ch.isalnum() for ch in t) for t in toks[:i])
                            stats[c]["init-O" if initial else "O"] += 1
                        else:
                            # inside a longer gold span: counts against the form only when
                            # no listed form covers that longer span (`Bush` in `George Bush`
                            # is fine when `George Bush` is listed)
                            if not any(gold_known.get(covered[k]) for k in range(i, j + 1)
                                       if covered[k] is not None):
                                stats[c]["X"] += 1
        return stats


# --------------------------------------------------------------------------------------------
# filtering and resolution


# Kinds of place whose names one span of train tagged otherwise does not take (resolve, step 2).
STATE_KINDS = {"country", "historical_country", "municipality"}

# Kinds of Danish public body whose names may list their fields with commas (plausible_form).
PUBLIC_BODY_KINDS = {"ministry", "committee", "commission", "state_body"}

# An abbreviation in capitals, three letters or more (`SIF`, `FCN`, `KIF`).
ABBREVIATION_RE = re.compile(r"[A-ZÆØÅ]{3,}")


def form_ok_for(e, form, lex, stats):
    """Whether a surface form of a source entry is kept. Returns (keep, reason)."""
    curated = e.source in CURATED
    # Club and party names were written by people too (`Esbjerg forenede Boldklubber`,
    # `Rassemblement national`), but their table abbreviations (`Charlton Ath.`, `C. Palace`)
    # are no names of running text.
    listed = e.source in ("openfootball", "partyfacts", "parlgov")
    body = e.kind in PUBLIC_BODY_KINDS and e.source in ("ft", "ft-org", "seed", "manual")
    if not plausible_form(form, strict=not curated and not listed, commas=body):
        return False, "implausible"
    if listed and (form.endswith(".") or re.search(r"(?:^| )[A-ZÆØÅ]\. ", form)):
        return False, "abbreviated"
    toks = tokens(form)
    single = len(toks) == 1
    # stop words that head many noisy names
    if single and form.lower() in ("de", "den", "det", "the", "la", "le", "el", "al"):
        return False, "stopword"
    if e.source == "ddt-train":
        return True, ""
    if single and form.lower() in CONNECTORS and lex.is_common_word(form, 5000):
        # `DA` (Dansk Arbejdsgiverforening) is `da` in a headline or a first word in capitals
        return False, "connector-word"
    if single:
        word = lex.is_word(form)
        common = lex.is_common_word(form)
        freq = lex.is_frequent(form)
        first = lex.is_any_first_name(form)
        dk_first = lex.is_first_name(form)
        sur = lex.is_surname(form)
        if e.label == "LOC":
            if e.kind in ("village",):
                # villages: anything that may be a word, a name or a farm-name surname goes
                if word or freq or first or sur or len(form) < 4 or lex.surnames.get(form):
                    return False, "village-word"
                if re.search(r"(gaard|gård)$", form):
                    return False, "village-farmname"
                if VILLAGE_SURNAME_RE and VILLAGE_SURNAME_RE.search(form):
                    return False, "village-surname-like"
            elif e.kind in ("city", "admin1") and e.source == "geonames":
                # A frequent form is kept when the dictionary lists it capitalised, as a name
                # (Amsterdam, Manhattan, Cardiff), not when it is an English word (Mobile).
                frequent_word = freq and form not in lex.capitalised
                if city_is_person_name(lex, form, e.country, e.pop >= 1000000):
                    return False, "city-word"
                if word or frequent_word:
                    # a city of weight stays, flagged (Porto, Bordeaux), unless its name is one of
                    # the 10,000 commonest words and no name in the Danish word lists (Banan)
                    weighty = e.pop >= WORD_CITY_POP and (
                        form in lex.capitalised or not lex.is_frequent(form, WORD_CITY_RANK))
                    return (True, "word") if weighty else (False, "city-word")
            elif e.kind in ("city", "admin1"):
                if (dk_first or lex.is_surname(form, CITY_SURNAME)) and not e.keep_words:
                    return False, "city-word"
                if common and not e.keep_words:
                    # Nice, Boston, Rabat
                    weighty = e.pop >= WORD_CITY_POP and (
                        form in lex.capitalised or not lex.is_frequent(form, WORD_CITY_RANK))
                    return (True, "word") if weighty else (False, "city-word")
            elif e.kind in ("post_town", "dk_town", "island", "district"):
                # small towns (and every town from the post-town and faker lists) go when they
                # are also a Danish first name or a surname; a Danish town that is also a
                # common word stays, flagged (Give, Stege, Hals); an island or district does not
                small = e.base < 0.8 or e.source in ("faker", "dawa-postnr")
                surname = sur and not town_outweighs(lex, form)
                if small and not e.keep_words and (dk_first or surname):
                    return False, "town-word"
                if small and not e.keep_words and common:
                    if e.kind in ("post_town", "dk_town"):
                        return True, "word"
                    return False, "town-word"
        if e.label == "ORG" and e.source in ("ft-org",):
            if word or first or sur or freq:
                return False, "org-word"
        if e.label == "ORG" and listed and not e.keep_words and e.kind != "club_city":
            # a frequent form stays when the dictionary lists it capitalised (Liverpool); an
            # abbreviation in capitals (`SIF`, `BIF`) is matched as written, so only a common
            # word in it goes, one a headline in capitals could hold
            if ABBREVIATION_RE.fullmatch(form):
                if lex.is_common_word(form) or first or sur:
                    return False, "org-word"
            elif word or (freq and form not in lex.capitalised) or first or sur:
                return False, "org-word"
    else:
        # multi-word forms made only of lowercase-able common words are phrases, not names; a
        # Danish town of GeoNames is a name however common its words (Hvide Sande, Sønder Omme)
        danish_town = e.kind == "dk_town" and e.source == "geonames"
        if all(lex.is_common_word(t) or t in CONNECTORS for t in toks) and not e.keep_words \
                and e.source not in ("cldr", "dawa", "ft", "seed") and e.kind != "party" \
                and not danish_town:
            return False, "phrase"
    return True, ""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sources", default=os.path.join(ROOT, "..", "shared", "sources"))
    ap.add_argument("--train", default=os.path.join(ROOT, "..", "shared", "data", "uner-da-ddt",
                                                    "da_ddt-ud-train.iob2"))
    ap.add_argument("--no-train", action="store_true", help="use no strings from the train split")
    ap.add_argument("--out", default=os.path.join(ROOT, "gazetteers"))
    ap.add_argument("--manual", default=os.path.join(ROOT, "gazetteers", "manual"))
    ap.add_argument("--min-city-pop", type=int, default=100000,
                    help="population floor for GeoNames world cities (default 100000)")
    ap.add_argument("--transliterated-city-pop", type=int, default=15000,
                    help="population floor for GeoNames cities of countries whose own script "
                         "is not Latin (default 15000)")
    ap.add_argument("--word-city-pop", type=int, default=200000,
                    help="a GeoNames city whose name is also a word is kept, flagged ambiguous, "
                         "from this population up (default 200000; 0: never)")
    ap.add_argument("--first-names", type=int, default=0,
                    help="add lone Danish first names with nam_dict frequency >= N (0: none)")
    ap.add_argument("--name-patterns", default="",
                    help="FIRST,SUR: add `First Surname` forms (first-name freq >= FIRST, surname "
                         "count >= SUR); empty: none")
    ap.add_argument("--surnames", default="",
                    help="MIN,MAX: add lone Folketing surnames carried by MIN..MAX members")
    ap.add_argument("--villages", choices=("all", "strict", "none"), default="strict",
                    help="villages and parishes from the cadastral list: all that pass the word "
                         "filters, strict (also no surname-like endings), none")
    ap.add_argument("--club-towns", choices=("place", "train"), default="place",
                    help="a town name that is also a club's name (Brøndby) is the town by default "
                         "(place), or takes the label train tags it with most (train)")
    ap.add_argument("--quiet", action="store_true")
    a = ap.parse_args()
    build(a)


def log(a, *msg):
    if not a.quiet:
        print(*msg, file=sys.stderr)


def build(a):
    global CLUB_TOWN_LOSES, WORD_CITY_POP
    CLUB_TOWN_LOSES = a.club_towns == "place"
    WORD_CITY_POP = a.word_city_pop if a.word_city_pop > 0 else 10 ** 12
    src = a.sources
    lex = Lexicon(src)
    col = Collector()
    # Order matters: a form already listed under the same label by an earlier source is not
    # repeated, so curated sources come first.
    manual(col, a.manual)
    countries(src, col)
    dk_regions(src, col)
    dk_names = set(dk_municipalities(src, col, lex))
    seed_orgs(src, col, lex)
    folketing_persons(src, col, lex)
    world_exonyms_tz(src, col)
    world_cities_da(src, col, lex)
    world_admin1(src, col)
    dk_islands(src, col)
    dk_opstillingskredse(src, col)
    for r in read_tsv(os.path.join(src, "dk_postnumre.tsv")):
        dk_names.add(clean(r["name"]))
        dk_names.add(clean(r["name_dawa"]))
    for r in read_tsv(os.path.join(src, "dk_cities_faker.tsv")):
        dk_names.add(clean(r["city"]))
    dk_towns_geonames(src, col, dk_names)
    dk_postnumre(src, col, lex)
    dk_faker_cities(src, col)
    dk_old_municipalities(src, col)
    world_cities15000(src, col, lex, a.min_city_pop, a.transliterated_city_pop)
    stormodtagere(src, col)
    folketing_orgs(src, col, lex)
    letters = settle_parties(col, src, parties(src, col))
    place_names = {f for e in col.entries if e.label == "LOC" for f in e.forms()}
    football_clubs(src, col)
    settle_clubs(col, place_names | geonames_city_names(src))
    title_case_acronyms(col, lex)
    if a.villages != "none":
        global VILLAGE_SURNAME_RE
        if a.villages == "strict":
            VILLAGE_SURNAME_RE = re.compile(
                r"(rup|strup|trup|drup|torp|borg|bæk|bek|ning|lev|sted|holm|lund|bjerg|berg|høj|"
                r"dal|skov|gaard|gård|by|bøl|bøll|feld|toft|mose|ager|kjær|kær|vad|hoved)$")
        dk_ejerlav(src, col, lex)
    if a.surnames:
        lo, hi = (int(x) for x in a.surnames.split(","))
        surnames(col, lex, lo, hi)
    if a.first_names:
        first_names(col, lex, a.first_names)
    if a.name_patterns:
        nf, ns = (int(x) for x in a.name_patterns.split(","))
        name_patterns(col, lex, nf, ns)

    train = None
    if not a.no_train:
        train = Train(a.train)
        add_train_entries(col, train, lex)

    entries, stats = resolve(col.entries, lex, train, a)
    entries = drop_orphan_variants(entries)
    write_all(entries, lex, stats, a)
    write_ballot_letters(entries, letters, a)


# Danish alphabetical order of the ballot letters
DANISH_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ"


def write_ballot_letters(entries, letters, a):
    """OUT/rules/ballot_letters.tsv: each Danish ballot letter (current or historical) with the
    id and canonical name of its party's entry in organisations.tsv."""
    names = {e.id: e.name for e in entries if e.label == "ORG"}
    os.makedirs(os.path.join(a.out, "rules"), exist_ok=True)
    path = os.path.join(a.out, "rules", "ballot_letters.tsv")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("# Danish ballot letters (partibogstaver) and the party each stands for, as the id and\n"
                "# canonical name of its entry in organisations.tsv. Generated by\n"
                "# scripts/build_gazetteers.py from the seed list (org_seed_da_handcompiled.tsv) and\n"
                "# Party Facts (Wikidata); do not edit by hand.\n")
        f.write("letter\tid\tname\n")
        for letter, id in sorted(letters.items(),
                                 key=lambda x: (DANISH_ALPHABET.find(x[0]) % 99, x[0])):
            if id in names:
                f.write(f"{letter}\t{id}\t{names[id]}\n")
    log(a, f"rules/ballot_letters.tsv {len(letters):4d} letters")


def add_train_entries(col, train, lex):
    """Every entity string of the train split, except one-word strings that are also Danish
    words or first names and were tagged with this label only once (`Lille`, `Sky`, `Bodil`
    as ORG): one annotation is too little evidence against an ordinary reading."""
    for label in LABELS:
        for form, c in sorted(train.entity[label].items()):
            if c < 2 and " " not in form and (lex.is_common_word(form) or (
                    label != "PER" and lex.is_any_first_name(form))):
                continue
            col.add(f"ddt-train:{label}:{slug(form)}", label, form, source="ddt-train",
                    kind="train", base=0.5)


def resolve(entries, lex, train, a):
    """Filters forms, removes repeats within a label, settles forms listed under several labels,
    and sets each entry's prior."""
    # 1. per-form plausibility and word filters
    dropped = Counter()
    for e in entries:
        keep = []
        for f in e.forms():
            ok, why = form_ok_for(e, f, lex, None)
            if ok:
                keep.append(f)
                if why == "word":
                    e.word_forms.add(f)
            else:
                dropped[(e.source, why)] += 1
        e.set_forms(keep) if keep else e.set_forms([""])
    entries = [e for e in entries if e.name]

    # 2. train-split strings: drop genitives and compounds of known forms, one-letter strings
    known = defaultdict(set)
    states = set()
    for e in entries:
        if e.source != "ddt-train":
            for f in e.forms():
                known[e.label].add(f)
                if e.label == "LOC" and e.kind in STATE_KINDS:
                    states.add(f)
    train_forms = defaultdict(set)
    for e in entries:
        if e.source == "ddt-train":
            train_forms[e.label].add(e.name)
    kept = []
    for e in entries:
        if e.source == "ddt-train":
            f = e.name
            allf = known[e.label] | train_forms[e.label]
            m = GENITIVE_RE.search(f)
            if len(f) < 2:
                continue
            if m and f[: m.start()] in allf:
                dropped[("ddt-train", "genitive")] += 1
                continue
            # The genitive of a form listed under another label (`Europas`, `Frankrigs`, of
            # the places `Europa`, `Frankrig`, tagged ORG once): kept only if train tags it
            # with this label twice or more, and more often than with that one; else it
            # would override the genitive of the listed form.
            if m and train:
                base = f[: m.start()]
                others = [l for l in LABELS if l != e.label and base in known[l]]
                own = train.entity[e.label].get(f, 0)
                if others and (own < 2 or own <= max(train.entity[l].get(f, 0) for l in others)):
                    dropped[("ddt-train", "genitive of another label")] += 1
                    continue
            if "-" in f and any(f[:k] in allf for k in range(1, len(f)) if f[k] == "-"):
                dropped[("ddt-train", "compound")] += 1
                continue
            # A country's or municipality's name that train tags with another label once and
            # never as a place (`Belgien`, `Kolding`, each tagged ORG once, as a team) goes: one
            # span of train would make the country an organisation in every text. Where train
            # has both readings (`Italien`), this one stays, for the context rules to choose.
            if e.label != "LOC" and f in states and train and \
                    train.entity[e.label].get(f, 0) < 2 and not train.entity["LOC"].get(f, 0):
                dropped[("ddt-train", "once, a country or municipality")] += 1
                continue
        kept.append(e)
    entries = kept

    # 2b. A form of a list that is two listed names joined by `og` (`Politiken og Ekstra
    #     Bladet`, a shared postal recipient; `Nordjyllands Amt og Aalborg Kommune`) is two
    #     mentions where text writes it, as the gold standards mark it: it goes. A train span
    #     so written is one name by the gold, and stays.
    listed = {f for forms in known.values() for f in forms}

    def two_names(f):
        parts = f.split(" og ")
        return len(parts) == 2 and all(p in listed for p in parts)

    for e in entries:
        if e.source == "ddt-train":
            continue
        forms = e.forms()
        keep = [f for f in forms if not two_names(f)]
        if len(keep) < len(forms):
            dropped[(e.source, "two listed names")] += len(forms) - len(keep)
            e.set_forms(keep) if keep else e.set_forms([""])
    entries = [e for e in entries if e.name]

    # 3. label statistics of every form in train
    allforms = sorted({f for e in entries for f in e.forms()})
    stats = train.count_forms(allforms) if train else {}

    def label_count(f, l):
        return stats[f][l] if f in stats else 0

    def o_count(f):
        return stats[f]["O"] if f in stats else 0

    # 4. forms that are mostly not entities in train go, and one-word forms that are mostly
    #    the first or last word of a longer name (lone first names and surnames). Names from
    #    curated lists are trusted unless they are also ordinary words or first names.
    for e in entries:
        keep = []
        for f in e.forms():
            st = stats.get(f)
            if st:
                single = len(tokens(f)) == 1
                wordish = single and (lex.is_word(f) or lex.is_any_first_name(f))
                curated = e.source in CURATED and e.source != "ddt-train"
                trusted = curated and not wordish
                ent = sum(st[l] for l in LABELS)
                o = st["O"]
                # A tie of one entity and one O is too little evidence against a curated list
                # (`Afrika`: once a place, once in the title `Mit Afrika`).
                tie = o == ent and (o >= 2 or o > 0 and not curated)
                if not trusted and (o > ent and (o >= 2 or e.source == "ddt-train") or
                                    (tie and single and lex.is_common_word(f))):
                    dropped[(e.source, "train-mostly-O")] += 1
                    continue
                if single and st["X"] >= 2 and st["X"] > st[e.label]:
                    dropped[(e.source, "train-mostly-part")] += 1
                    continue
            keep.append(f)
        e.set_forms(keep) if keep else e.set_forms([""])
    entries = [e for e in entries if e.name]

    # 4b. a club's town name (Brøndby, Liverpool) stays only where a place list has the town:
    #     the place is the reading by default, the club the one of a sports sentence
    loc_forms = {f for e in entries if e.label == "LOC" for f in e.forms()}
    for e in entries:
        if e.kind == "club_city":
            keep = [f for f in e.forms() if f in loc_forms]
            if len(keep) < len(e.forms()):
                dropped[(e.source, "club-town-unlisted")] += len(e.forms()) - len(keep)
            e.set_forms(keep or [""])
    entries = [e for e in entries if e.name]

    # 5. a form is listed once per label: the first (most trusted) entry keeps it
    seen = {l: set() for l in LABELS}
    out = []
    for e in entries:
        keep = [f for f in e.forms() if f not in seen[e.label]]
        if not keep:
            continue
        for f in keep:
            seen[e.label].add(f)
        e.set_forms(keep)
        out.append(e)
    entries = out

    # 5b. each form with æ, ø or å is also listed in ASCII, as a keyboard without them writes it
    # (Naestved, Sjaelland, Koebenhavns Universitet, Soeren Pape Poulsen), where the label has
    # no such form yet; five letters or more. Only forms kept so far are spelled so, so no name
    # the filters dropped comes back in ASCII.
    for e in entries:
        added = []
        for f in e.forms():
            spelled = ascii_spelling(f)
            if spelled != f and len(spelled) >= 5 and spelled not in seen[e.label]:
                seen[e.label].add(spelled)
                added.append(spelled)
        if added:
            e.set_forms(e.forms() + added)

    # 6. merge rows that share an id within a label (the same place from two files)
    byid = {}
    merged = []
    for e in entries:
        k = (e.label, e.id)
        if k in byid:
            first = byid[k]
            first.set_forms(first.forms() + e.forms())
            first.word_forms |= e.word_forms
            first.also |= e.also
            if MERGE_SOURCES & {e.source, first.source}:
                first.also.add(e.source)
            continue
        byid[k] = e
        merged.append(e)
    entries = merged

    # 7. priors: the share of train occurrences of the entry's forms that carry its label;
    #    entries never seen in train get their source's base prior
    for e in entries:
        n = sum(sum(stats[f][l] for l in LABELS) + stats[f]["O"] for f in e.forms() if f in stats)
        hit = sum(stats[f][e.label] for f in e.forms() if f in stats)
        if n:
            e.prior = round((hit + e.base) / (n + 1), 3)
        else:
            e.prior = e.base
    owners = defaultdict(list)
    for e in entries:
        for f in e.forms():
            owners[f].append(e)
    if CLUB_TOWN_LOSES:
        # a club's town name loses to the town even where train tags it as the club more often
        for e in entries:
            if e.kind == "club_city":
                top = min(max(o.prior for o in owners[f] if o.label == "LOC") for f in e.forms())
                e.prior = min(e.prior, round(top - 0.001, 3))
    # 8. a form listed under several labels stays under all of them (context rules may pick
    #    another reading), but the entry with the highest prior must carry the label train
    #    tags the form with most (or, unseen in train, the label of the most trusted source).
    #    Where the priors disagree, the form leaves the entries that would wrongly win.
    for f, es in sorted(owners.items()):
        labels = sorted({e.label for e in es})
        if len(labels) == 1:
            continue
        counts = {l: label_count(f, l) for l in labels}
        best = max(labels, key=lambda l: (counts[l], max(e.base for e in es if e.label == l),
                                          -LABELS.index(l)))
        if CLUB_TOWN_LOSES and any(e.kind == "club_city" for e in es):
            best = "LOC"
        top = max(e.prior for e in es if e.label == best)
        for e in es:
            if e.label != best and e.prior >= top:
                e.set_forms([x for x in e.forms() if x != f] or [""])
                dropped[(e.source, "other-label")] += 1
    entries = [e for e in entries if e.name]
    if not a.quiet:
        for (s, why), c in sorted(dropped.items()):
            log(a, f"dropped {c:6d} forms  {s:14s} {why}")
    return entries, stats


# Kinds of place that are never ordinary words at a sentence start, whatever a lowercase word
# list says (`Polen`, `Asien` are in wdanish as lowercase words).
NEVER_AMBIGUOUS_KINDS = {"country", "historical_country", "region", "continent", "other", "water",
                         "city"}


def ambiguous_forms(entries, lex, stats):
    """One-word forms that must not be a name alone at a sentence start.

    A form is listed when its lowercase is a Danish dictionary word in the top 5,000 of the
    frequency list (Per, Hans, Bo, Tom, Venstre), when a place or organisation name is also a
    common Danish first name, or, with the train split, when train has it sentence-initially
    as an ordinary word at least as often as as a name; and always when a place was kept
    though its name is a word (Entry.word_forms: Give, Porto, Nice)."""
    out = set()
    for e in entries:
        for f in e.forms():
            if " " in f:
                continue
            if f in e.word_forms:
                out.add(f)  # a place kept though it is a word
                continue
            if e.kind in NEVER_AMBIGUOUS_KINDS and e.source in ("cldr", "manual", "cldr-tz",
                                                                 "geonames-da"):
                continue
            if lex.is_common_word(f, 5000):
                out.add(f)
            elif e.label != "PER" and lex.is_first_name(f, 5):
                out.add(f)
            elif f in stats and stats[f]["init-O"] >= stats[f]["init-ENT"] and (
                    stats[f]["init-O"] >= 2 or
                    stats[f]["init-O"] and (lex.is_word(f) or lex.is_any_first_name(f))):
                out.add(f)
    return out


def write_all(entries, lex, stats, a):
    os.makedirs(a.out, exist_ok=True)
    amb = ambiguous_forms(entries, lex, stats)
    counts = {}
    for label in LABELS:
        rows = [e for e in entries if e.label == label]
        rows.sort(key=lambda e: e.id)
        path = os.path.join(a.out, FILES[label])
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(f"# navne gazetteer: {label}. Generated by scripts/build_gazetteers.py; "
                    f"do not edit by hand. Sources and licences: README.md in this directory.\n")
            f.write("id\tname\taliases\tambiguous\tprior\tsource\tkind\n")
            for e in rows:
                singles = [x for x in e.forms() if " " not in x]
                flag = "yes" if singles and len(singles) == len(e.forms()) and all(
                    x in amb for x in singles) else ""
                f.write("\t".join([e.id, e.name, "|".join(e.aliases), flag, f"{e.prior:g}",
                                   source_names(e), e.kind]) + "\n")
        counts[label] = (len(rows), sum(len(e.forms()) for e in rows))
    with open(os.path.join(a.out, "ambiguous.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write(AMBIGUOUS_HEADER)
        for x in sorted(amb):
            f.write(x + "\n")
    for label in LABELS:
        log(a, f"{FILES[label]:20s} {counts[label][0]:7d} rows {counts[label][1]:7d} forms")
    log(a, f"ambiguous.txt        {len(amb):7d} forms")
    write_counts(entries, counts, len(amb), a)


def write_counts(entries, counts, n_amb, a):
    """Rewrites the row-count section of README.md in the output directory, if it has one."""
    path = os.path.join(a.out, "README.md")
    if not os.path.exists(path):
        return
    with open(path, encoding="utf-8") as f:
        text = f.read()
    start, end = "<!-- counts:start -->", "<!-- counts:end -->"
    if start not in text or end not in text:
        return
    by_source = Counter((e.label, source_names(e)) for e in entries)
    lines = [start, "",
             f"Built {'without' if a.no_train else 'with'} the train split "
             f"(`scripts/build_gazetteers.py{' --no-train' if a.no_train else ''}`).", "",
             "| file | rows | surface forms |", "|---|---:|---:|"]
    for label in LABELS:
        lines.append(f"| {FILES[label]} | {counts[label][0]} | {counts[label][1]} |")
    lines.append(f"| ambiguous.txt | {n_amb} | |")
    lines += ["", "Rows per source (`source` column):", "",
              "| file | source | rows |", "|---|---|---:|"]
    for (label, source), c in sorted(by_source.items(), key=lambda x: (LABELS.index(x[0][0]), -x[1], x[0][1])):
        lines.append(f"| {FILES[label]} | {source} | {c} |")
    lines += ["", end]
    text = text[: text.index(start)] + "\n".join(lines) + text[text.index(end) + len(end):]
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


AMBIGUOUS_HEADER = """\
# Surface forms that navne does not accept as a lone token at the start of a sentence.
# Generated by scripts/build_gazetteers.py; do not edit by hand.
# Rule: a one-word form from the gazetteers is listed when its lowercase is a Danish dictionary
# word (wdanish or hunspell-da) in the top 5,000 of the OpenSubtitles frequency list
# (Per/per, Hans/hans, Bo/bo, Venstre/venstre); when a place or organisation name is also a
# common Danish first name (frequency >= 5 of 13 in nam_dict's Danish column); or, unless built
# with --no-train, when the train split has it sentence-initially as an ordinary word at least
# as often as as a name; and a place kept though its name is a word (a Danish town, a city of
# 200,000+ people: Give, Porto, Nice). Other country and region names are never listed.
"""


if __name__ == "__main__":
    main()
