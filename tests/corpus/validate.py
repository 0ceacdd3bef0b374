#!/usr/bin/env python3
"""Validate tests/corpus/corpus.jsonl (or the JSONL file given as the only argument,
e.g. tests/corpus/heldout.jsonl) against the labelling conventions in README.md and
print counts per category. Exit 1 on any problem.

ids are `c` + 4 digits in corpus.jsonl; another file may use another single-letter
prefix (`h` for heldout.jsonl), the same on every line."""
import json, re, sys, unicodedata, collections, os

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = {"post", "comment", "share", "like", "message", "connection", "tag", "profile"}
CATS = ["derogatory", "offensive_language", "harassment", "confidential", "personal_data",
        "political", "speaking_for_council", "supplier_comment", "liked_inappropriate",
        "service_user_connection", "self_identification"]
KEYS = {"id", "kind", "text", "counterpart", "in_reply_to_user", "mentions", "hashtags", "field", "expect", "note"}
FIELDS = {"bio", "work", "website", "location"}

def fold(s):
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).casefold()

def nhs_valid(d):
    s = sum(int(d[i]) * (10 - i) for i in range(9))
    r = 11 - s % 11
    r = 0 if r == 11 else r
    return r != 10 and r == int(d[9])

def names_person(text, full):
    """full name, either order, on word boundaries, case/accent-insensitive"""
    parts = fold(full).split()
    t = fold(text)
    first, last = parts[0], " ".join(parts[1:])
    for a, b in ((first, last), (last, first)):
        if re.search(r"(?<!\w)" + re.escape(a) + r"[\s,]+" + re.escape(b) + r"(?!\w)", t):
            return True
    return False

def main(argv):
    if len(argv) > 2:
        print("usage: validate.py [FILE.jsonl]", file=sys.stderr)
        return 2
    path = argv[1] if len(argv) == 2 else os.path.join(HERE, "corpus.jsonl")
    default = os.path.abspath(path) == os.path.join(HERE, "corpus.jsonl")
    prefix = "c" if default else None
    org = json.load(open(os.path.join(HERE, "org.json"), encoding="utf-8"))
    sus = org["people"]["service_users"]
    errs = []
    ids = set()
    counts = collections.Counter()
    kinds = collections.Counter()
    decoys = 0
    n = 0
    with open(path, encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            def err(m): errs.append(f"line {ln}: {m}")
            try:
                o = json.loads(line)
            except Exception as e:
                err(f"bad JSON: {e}"); continue
            n += 1
            if set(o) - KEYS: err(f"unknown keys {set(o) - KEYS}")
            for k in ("id", "kind", "text", "expect", "note"):
                if k not in o: err(f"missing {k}")
            i = o.get("id", "")
            if prefix is None and re.fullmatch(r"[a-z]\d{4}", i): prefix = i[0]
            if not re.fullmatch(re.escape(prefix or "c") + r"\d{4}", i): err(f"bad id {i!r}")
            if i in ids: err(f"duplicate id {i}")
            ids.add(i)
            k = o.get("kind")
            kinds[k] += 1
            if k not in KINDS: err(f"bad kind {k!r}")
            ex = o.get("expect", [])
            if len(set(ex)) != len(ex): err("duplicate category")
            for c in ex:
                if c not in CATS: err(f"bad category {c!r}")
                counts[c] += 1
            if not ex: decoys += 1
            if not o.get("note", "").strip(): err("empty note")
            if k in ("connection", "message", "tag") and not o.get("counterpart"): err("counterpart required")
            if k == "profile" and o.get("field") not in FIELDS: err("profile needs field")
            if k != "profile" and "field" in o: err("field only for profile")
            if k in ("like", "share") and set(ex) - {"liked_inappropriate"}: err("like/share expect only liked_inappropriate")
            if "liked_inappropriate" in ex and k not in ("like", "share"): err("liked_inappropriate only on like/share")
            text = o.get("text", "")
            # NHS numbers: checksum-valid ones only in personal_data positives (or likes of them)
            for m in re.finditer(r"(?<![\d])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d])", text):
                d = "".join(m.groups())
                if nhs_valid(d) and not ({"personal_data", "liked_inappropriate"} & set(ex)):
                    err(f"checksum-valid NHS-like number {d} in an item without personal_data")
            # service users: counterpart or full name in text => service_user_connection
            if k not in ("like", "share"):
                hit = any(names_person(o.get("counterpart", ""), s) or names_person(text, s) for s in sus)
                if hit != ("service_user_connection" in ex):
                    err(f"service_user_connection mismatch (name hit={hit})")
    for e in errs: print(e)
    print(f"lines: {n}  decoys (expect []): {decoys}")
    print("kinds:", dict(sorted(kinds.items())))
    for c in CATS: print(f"  {c:26s} {counts[c]}")
    return 1 if errs else 0

if __name__ == "__main__":
    sys.exit(main(sys.argv))
