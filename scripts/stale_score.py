"""Scores tolk's stale set after an English edit against make-corpus's manifest (used by
scripts/bench; also runnable alone):

    scripts/stale_score.py REPORT.json BEFORE.json MANIFEST.json V1_CONTENT V2_CONTENT TOLK [WORKSPACE]

REPORT is `tolk status --format json` after the edit, BEFORE the same before it (segments
reported before the edit are left out: real translations that lack a segment of their
English). Per posting and language, every manifest change of text must be reported:

- edit    -> the segment `stale` (or `carried`), on the block's lines in today's English
- insert  -> `untranslated`
- delete  -> the translation `obsolete`, its English found in the deleted block

and nothing else may be reported (above all no reorder). What is text is what Markdown makes of
the file (`tolk segments`): a change with no English segment on its changed lines is a
skeleton change (link reference definitions, HTML comments, code, CSS), counted apart, and
must not be reported. The generator swaps blocks between pages and so leaves `<!--`, `<style>`
and `<script>` blocks open; an edit can then hide text inside one (its translation becomes
obsolete) or bring text out of one (untranslated): those are counted apart as well.
"""
import difflib
import json
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict


def norm(s):
    return re.sub(r"\s+", " ", s or "").strip()


def spans(tolk, root, paths, ws=None):
    """For each file: the (first, last) lines of every English segment, from `tolk segments`."""
    out = {}
    paths = list(paths)
    for k in range(0, len(paths), 500):
        chunk = [os.path.abspath(os.path.join(root, c)) for c in paths[k:k + 500]]
        p = subprocess.run([tolk, "segments", "--format", "json"] + (["-C", ws] if ws else []) + chunk, capture_output=True)
        for f in json.loads(p.stdout or b"[]"):
            data = open(f["path"], "rb").read()
            rel = os.path.relpath(f["path"], os.path.abspath(root))
            out[rel] = [(s["line"], s["line"] + data[s["range"][0]:s["range"][1]].count(b"\n"), data[s["range"][0]:s["range"][1]]) for s in f["segments"]]
    return out


def skeleton_kind(text):
    """A label for a change that holds no text, for the reader of the table."""
    ls = text.split("\n")
    if all(not l.strip() or l.startswith(("    ", "\t")) for l in ls):
        return "indented code"
    t = text.lstrip()
    if re.match(r"\[[^\]]+\]:", t):
        return "link reference definitions"
    if t.startswith("<!--"):
        return "HTML comments"
    if "```" in text or "~~~" in text:
        return "fenced code"
    return "inside an HTML block left open"


def score(report, before, manifest, v1, v2, tolk, ws=None, langs=("da", "sv", "nb")):
    files = manifest["files"]
    cache = {}

    def lines(root, path):
        if (root, path) not in cache:
            with open(os.path.join(root, path), encoding="utf-8", errors="replace") as f:
                cache[(root, path)] = f.read().split("\n")
        return cache[(root, path)]

    seg1, seg2 = spans(tolk, v1, files, ws), spans(tolk, v2, files, ws)

    def covered(segs, a, b):
        return any(x <= b and a <= y for x, y, _ in segs or ())

    def texts(segs, a, b):
        return sorted(t for x, y, t in segs or () if x <= b and a <= y)

    known = set()
    untranslated_before = defaultdict(list)
    for p in before["postings"]:
        for s in p["segments"]:
            if s["state"] == "untranslated":
                untranslated_before[(p["path"], p["lang"])].append(norm(s.get("source")))
    for p in before["postings"]:
        for s in p["segments"]:
            if s["state"] != "current":
                known.add((p["path"], p["lang"], s["state"], s.get("source"), s.get("old_source"), s.get("translation")))
    reported = defaultdict(list)
    for p in report["postings"]:
        for s in p["segments"]:
            if s["state"] != "current" and (p["path"], p["lang"], s["state"], s.get("source"), s.get("old_source"), s.get("translation")) not in known:
                reported[(p["path"], p["lang"])].append(s)

    # What each change should be reported as: (state set, v2 lines or None, v1 block text or None).
    expect = {}
    skeleton = Counter()
    for path, ch in files.items():
        for n, c in enumerate(ch):
            op = c["op"]
            if op == "reorder":
                continue
            if op == "edit":
                (a1, b1), (a2, b2) = c["v1_lines"], c["v2_lines"]
                old, new = lines(v1, path)[a1 - 1:b1], lines(v2, path)[a2 - 1:b2]
                t1 = t2 = False
                for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
                    if tag != "equal":
                        t1 |= i2 > i1 and covered(seg1.get(path), a1 + i1, a1 + i2 - 1)
                        t2 |= j2 > j1 and covered(seg2.get(path), a2 + j1, a2 + j2 - 1)
                if t1 and t2 and texts(seg1.get(path), a1, b1) == texts(seg2.get(path), a2, b2):
                    # The lines changed, the text of the segments on them did not: the edit
                    # is in markup beside them (a shortcode's text inside an HTML block left
                    # open, whose other words Markdown does not show as text).
                    skeleton[skeleton_kind("\n".join(new))] += 1
                elif t1 and t2:
                    expect[(path, n)] = ("edit", {"stale", "carried"}, (a2, b2), None)
                elif t2:
                    expect[(path, n)] = ("revealed", {"untranslated"}, (a2, b2), None)
                elif t1:
                    expect[(path, n)] = ("hidden", {"obsolete"}, None, norm("\n".join(old)))
                else:
                    skeleton[skeleton_kind("\n".join(new))] += 1
            elif op == "insert":
                a2, b2 = c["v2_lines"]
                if covered(seg2.get(path), a2, b2):
                    expect[(path, n)] = ("insert", {"untranslated"}, (a2, b2), None)
                else:
                    skeleton[skeleton_kind("\n".join(lines(v2, path)[a2 - 1:b2]))] += 1
            else:
                a1, b1 = c["v1_lines"]
                if covered(seg1.get(path), a1, b1):
                    expect[(path, n)] = ("delete", {"obsolete"}, None, norm("\n".join(lines(v1, path)[a1 - 1:b1])))
                else:
                    skeleton[skeleton_kind("\n".join(lines(v1, path)[a1 - 1:b1]))] += 1

    def moved_out_of_text(path, s):
        """Text the edit moved into markup (obsolete: found in today's English only where no
        segment is) or out of it (untranslated: found in the earlier English only there)."""
        text = norm(s.get("old_source") if s["state"] == "obsolete" else s.get("source"))
        if not text:
            return False
        # obsolete: hidden by the edit (in today's English, only where Markdown shows no text);
        # untranslated, or stale when paired with text the edit hid: brought out by the edit
        # (in the earlier English, only where Markdown showed no text).
        root, segs = (v2, seg2) if s["state"] == "obsolete" else (v1, seg1)
        ls = lines(root, path)
        hits = [k + 1 for k in range(len(ls)) if text[:40] in norm(" ".join(ls[k:k + 3])) and text[:40].split(" ")[0] in ls[k]]
        return bool(hits) and not any(covered(segs.get(path), h, h) for h in hits)

    truth, found, rep, ok = Counter(), Counter(), Counter(), Counter()
    moved, reorders, misses, wrong = Counter(), 0, [], []
    for path, ch in files.items():
        for lang in langs:
            segs = reported.get((path, lang), [])
            used = set()
            for n, c in enumerate(ch):
                if (path, n) not in expect:
                    continue
                what, states, v2_lines, old_text = expect[(path, n)]
                truth[what] += 1
                if what == "edit":
                    # A block with no translation before the edit has none after it either.
                    a1, b1 = c["v1_lines"]
                    block = norm("\n".join(lines(v1, path)[a1 - 1:b1]))
                    if any(t and t in block for t in untranslated_before.get((path, lang), ())):
                        states = states | {"untranslated"}
                hit = False
                for i, s in enumerate(segs):
                    if s["state"] not in states:
                        continue
                    if v2_lines and v2_lines[0] <= s["line"] <= v2_lines[1]:
                        hit = True
                        used.add(i)
                    elif old_text and norm(s.get("old_source")) and norm(s.get("old_source")) in old_text:
                        hit = True
                        used.add(i)
                if hit:
                    found[what] += 1
                else:
                    misses.append((what, path, lang, c))
            for i, s in enumerate(segs):
                rep[s["state"]] += 1
                if i in used:
                    ok[s["state"]] += 1
                elif s["state"] in ("obsolete", "untranslated", "stale") and moved_out_of_text(path, s):
                    ok[s["state"]] += 1
                    moved[s["state"]] += 1
                else:
                    wrong.append((path, lang, s))
                    if s["line"] and any(c["op"] == "reorder" and c["v2_lines"][0] <= s["line"] <= c["v2_lines"][1] for c in ch):
                        reorders += 1
    for (path, lang), segs in reported.items():
        if path not in files:
            for s in segs:
                rep[s["state"]] += 1
                wrong.append((path, lang, s))
    edits = ("edit", "insert", "delete")
    t = sum(truth[w] for w in truth)
    return {
        "recall": {w: found[w] / truth[w] if truth[w] else 1.0 for w in truth},
        "truth": dict(truth),
        "found": dict(found),
        "precision": sum(ok.values()) / sum(rep.values()) if rep else 1.0,
        "recall_all": sum(found.values()) / t if t else 1.0,
        "recall_edits": sum(found[w] for w in edits) / max(1, sum(truth[w] for w in edits)),
        "reported": dict(rep),
        "explained": dict(ok),
        "moved_out_of_text": dict(moved),
        "skeleton": dict(skeleton),
        "reorders_reported": reorders,
        "misses": misses,
        "wrong": wrong,
    }


def main():
    rep, bef, man, v1, v2, tolk = sys.argv[1:7]
    ws = sys.argv[7] if len(sys.argv) > 7 else None
    with open(rep) as a, open(bef) as b, open(man) as c:
        r = score(json.load(a), json.load(b), json.load(c), v1, v2, os.path.abspath(tolk), ws)
    for k in ("truth", "found", "recall", "precision", "reported", "explained", "moved_out_of_text", "skeleton", "reorders_reported"):
        print(f"{k}: {r[k]}")
    for m in r["misses"][:30]:
        print("missed", m[0], m[1], m[2], m[3].get("v2_lines") or m[3].get("v1_lines"))
    for path, lang, s in r["wrong"][:30]:
        print("not explained", path, lang, s["state"], s["key"], s["line"], (s.get("source") or s.get("old_source") or "")[:60])


if __name__ == "__main__":
    main()
