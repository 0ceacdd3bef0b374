#!/usr/bin/env python3
"""Builds policies/lexicons/profanity-list.json from dsojevic/profanity-list
(en.json, MIT licence: NOTICE-profanity-list.txt beside this file).

Run: python3 build-profanity-list.py ../../../shared/data/profanity-list/en.json > profanity-list.json

What is taken: every entry's id, its match alternatives (the '*' repeat
marks dropped: the engine lets every letter repeat), its severity, and its
exceptions (with '*' replaced by the word).  What is changed, and why:
tags become the engine's groups (lgbtq -> sexuality, religious -> religion,
shock -> sexual, general -> profanity; ableist terms -> disability), and the
severities below are re-graded for a British workplace: words that are
clinical, innocent in British English or community self-descriptions are
set to 1 (the packs flag from 2 up), and British slurs the list grades
mildly are raised.  Every term matches whole words only unless listed in
PARTIAL (compounds such as "fuckwit", "gobshite").
"""
import json, sys

GROUP = {"lgbtq": "sexuality", "racial": "racial", "religious": "religion",
         "sexual": "sexual", "shock": "sexual", "general": "profanity"}
DISABILITY = {"retard", "spastic"}
PARTIAL = {"fuck", "cunt", "shit"}
SEVERITY = {
    # clinical, innocent in British English, news vocabulary, or self-descriptions
    "anus": 1, "breasts": 1, "genitals": 1, "nipples": 1, "penis": 1, "pubes": 1,
    "rectum": 1, "semen": 1, "vagina": 1, "venus-mound": 1, "snatch": 1, "ass": 1,
    "boob": 1, "sex": 1, "nude": 1, "topless": 1, "intercourse": 1, "lovemaking": 1,
    "viagra": 1, "cialis": 1, "playboy": 1, "threesome": 1, "horny": 1, "panties": 1,
    "missionary-position": 1, "homoerotic": 1, "gay-sex": 1, "fingering": 1,
    "domination": 1, "collaring": 1, "wet-dream": 1, "group-sex": 1, "bareback": 1,
    "scissoring": 1, "shibari": 1, "pegging": 1, "humping": 1, "frotting": 1, "tribbing": 1,
    "santorum": 1, "booty-call": 1, "camel-toe": 1, "g-spot": 1, "deep-throat": 1,
    "golden-shower": 1, "ejaculate": 1, "menage-a-trois": 1, "nymphomania": 1, "orgasm": 1,
    "prince-albert-piercing": 1, "vibrator": 1, "violet-wand": 1, "wax-play": 1,
    "impact-play": 1, "electro-play": 1, "leather-restraint": 1, "octopussy": 1,
    "shrimping": 1, "snowballing": 1, "wrapping-men": 1, "skittles-harvest": 1,
    "spicy-gringo": 1, "grope": 1, "pornography": 1, "incest": 1, "rape": 1, "raping": 1,
    "paedophilia|pedophilia": 1, "date-rape": 1, "jail-bait": 1, "barely-legal": 1,
    "leather-straight-jacket": 1, "ball-gag": 1, "strap-on": 1, "dominatrix": 1, "bdsm": 1,
    "clover-clamps": 1, "nipple-clamps": 1, "tea-bagging": 1, "poon": 1, "skeet": 1,
    "bicon": 1, "cishet": 1, "enby": 1, "gaysian": 1, "transbian": 1, "twink": 1,
    "t-girl": 1, "gym-bunny": 1, "switch-hitter": 1, "muscle-mary": 1, "bean-queen": 1,
    "chicken-queen": 1, "grey-queen": 1, "potato-queen": 1, "rice-queen": 1,
    "brownie-royalty": 1, "crafty-butcher": 1, "futanari": 1, "swastika": 1, "neonazi": 1,
    "christ": 1, "jesus": 1, "hell": 1, "damn": 1, "bloody": 1, "bugger": 1, "crap": 1,
    "sod-off": 1, "sodding": 1, "dingleberry": 1, "anal": 1, "xxx": 1, "tits": 2,
    "chinaman": 2, "hajji": 1, "eyetie": 2, "frogeater": 2, "gin-jockey": 2,
    # British slurs graded too mildly for a British workplace
    "wog": 3, "golliwog": 3, "negro": 3, "retard": 3, "spastic": 3, "bollocks": 2,
    "jap": 2, "kraut": 2, "arse": 1, "mayonnaise-monkey": 2, "fag": 2,
}

def terms(match):
    out = []
    for alt in match.split("|"):
        t = alt.replace("*", "").strip()
        if t and t not in out:
            out.append(t)
    return out

def main(path):
    src = json.load(open(path, encoding="utf-8"))
    entries = []
    for e in src:
        words = terms(e["match"])
        group = GROUP[e["tags"][0]]
        if e["id"] in DISABILITY:
            group = "disability"
        sev = SEVERITY.get(e["id"], e["severity"])
        ent = {"id": e["id"], "terms": words, "group": group, "severity": sev}
        if e["id"] in PARTIAL:
            ent["partial"] = True
        exc = []
        for x in e.get("exceptions", []):
            for w in words[:1]:
                exc.append(x.replace("*", w))
        if exc:
            ent["exceptions"] = exc
        entries.append(ent)
    out = {"description": "Converted from dsojevic/profanity-list en.json (MIT); see build-profanity-list.py",
           "source": "https://github.com/dsojevic/profanity-list commit c27924319aa9bd6f917e3782b4f4b6604a50b652",
           "licence": "MIT, Copyright (c) 2021 David Sojevic: NOTICE-profanity-list.txt",
           "entries": entries}
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")

main(sys.argv[1])
