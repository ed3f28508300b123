"""The check of a folder dataset before training: what would make training fail or mislead.

Each file is read once (its bytes hashed, its pixels decoded at a reduced scale) into
FileFacts, which the caller keeps: the next check reads only files that are new or changed.
From the facts, the findings: unreadable files, exact duplicates (within a class and across
classes), near-duplicates across classes (a perceptual fingerprint: see _near_duplicates), classes
too small to hold out a validation split, strong class imbalance, images much smaller than the
input size, and grayscale mixed with colour. A finding names its files and, where it is safe, the fix: which
files to take out of the dataset.

Findings are data (a kind, files, classes, numbers), not sentences: the window words them
in the user's language.
"""
from __future__ import annotations

import math
import os
import threading
from dataclasses import dataclass, field

import numpy as np

from ..common.work import Progress, Ticker, map_until_cancelled
from .facts import FileFacts, inspect_file
from .folder import Listing

# kinds of finding
UNREADABLE = "unreadable"
DUPLICATES_WITHIN = "duplicates_within"  # extra copies of an image in its own class
DUPLICATE_ACROSS = "duplicate_across"  # one image in two or more classes
NEAR_DUPLICATES = "near_duplicates"  # look alike, in different classes
TOO_FEW_CLASSES = "too_few_classes"  # fewer than two classes with images to train on
EMPTY_CLASSES = "empty_classes"  # classes without a readable image
NO_VALIDATION = "no_validation"  # classes too small to hold out a validation image (or no val/ images)
NO_TRAINING = "no_training"  # classes with validation images only (train/ and val/ folders)
SMALL_CLASSES = "small_classes"  # so few that validation holds a single image of them
IMBALANCE = "imbalance"
SMALL_IMAGES = "small_images"
MIXED_COLOUR = "mixed_colour"

ERROR, WARNING = "error", "warning"
# fixes: both only take files out of the dataset (into .removed/), never change one
SKIP = "skip"  # leave the files out
KEEP_ONE = "keep_one"  # keep the first copy, take out the others

NEAR_CORRELATION = 0.99  # fingerprints this alike (1 = the same picture) are flagged
IMBALANCE_RATIO = 5.0  # largest class / smallest class
SMALL_IMAGE_FACTOR = 0.5  # shorter side under this share of the input size: blown up more than 2x


@dataclass
class Finding:
    kind: str
    severity: str
    files: list[str] = field(default_factory=list)
    classes: list[str] = field(default_factory=list)
    details: dict[str, str] = field(default_factory=dict)  # per file: why unreadable, "WxH", the kept copy
    counts: dict[str, int] = field(default_factory=dict)  # images per class, where the kind counts them
    numbers: dict[str, int] = field(default_factory=dict)  # MIXED_COLOUR: the "grayscale" and "colour" totals
    fix: str | None = None  # SKIP or KEEP_ONE, where taking files out is safe
    fix_files: list[str] = field(default_factory=list)  # the files the fix takes out


@dataclass
class CheckReport:
    findings: list[Finding]
    facts: dict[str, FileFacts]  # every file looked at, for the next check
    files: int  # image files in the dataset
    readable: int
    complete: bool = True  # False when cancelled: the facts gathered so far, no findings
    input_size: int = 96
    val_fraction: float = 0.1


# ---------------------------------------------------------------- the check


def check_dataset(listing: Listing, input_size: int = 96, val_fraction: float = 0.1,
                  known: dict[str, FileFacts] | None = None, progress: Progress | None = None,
                  cancel: threading.Event | None = None, workers: int | None = None) -> CheckReport:
    """Check every image file of `listing`. Files in `known` whose size and time are unchanged
    are not read again. Cancelled, it returns the facts gathered so far and no findings."""
    known = known or {}
    paths = [f for c in listing.classes for f in c.all_files]
    facts: dict[str, FileFacts] = {}
    to_read = []
    for path in paths:
        old = known.get(path)
        try:
            if old is not None and old.unchanged(os.stat(path)):
                facts[path] = old
                continue
        except OSError:
            pass
        to_read.append(path)

    ticker = Ticker(progress, len(paths), "checking images")
    ticker.done = len(paths) - len(to_read)  # known already
    if progress:
        progress(ticker.done, len(paths), ticker.message)
    for path, result in map_until_cancelled(inspect_file, to_read, cancel, workers):
        facts[path] = result
        ticker.tick()
    complete = cancel is None or not cancel.is_set()
    readable = sum(f.readable for f in facts.values())
    report = CheckReport([], facts, len(paths), readable, complete, input_size, val_fraction)
    if complete:
        report.findings = find_problems(listing, facts, input_size, val_fraction, cancel)
        report.complete = cancel is None or not cancel.is_set()
    return report


def find_problems(listing: Listing, facts: dict[str, FileFacts], input_size: int = 96,
                  val_fraction: float = 0.1, cancel: threading.Event | None = None) -> list[Finding]:
    """The findings, errors first; `facts` holds every file of `listing`."""
    class_of = listing.class_of()
    good = [facts[f] for c in listing.classes for f in c.all_files if f in facts and facts[f].readable]
    findings = (_unreadable(listing, facts) + _class_sizes(listing, facts, val_fraction)
                + _duplicates(good, class_of, {f for c in listing.classes for f in c.val_files}) + _near_duplicates(good, class_of, cancel)
                + _imbalance(listing, facts) + _small_images(good, input_size, class_of)
                + _mixed_colour(good, class_of))
    return sorted(findings, key=lambda f: f.severity != ERROR)


def _unreadable(listing: Listing, facts: dict[str, FileFacts]) -> list[Finding]:
    bad = [facts[f] for c in listing.classes for f in c.all_files if f in facts and not facts[f].readable]
    if not bad:
        return []
    class_of = listing.class_of()
    files = [f.path for f in bad]
    return [Finding(UNREADABLE, ERROR, files, _classes_of(files, class_of), {f.path: f.error for f in bad},
                    fix=SKIP, fix_files=list(files))]


def _class_sizes(listing: Listing, facts: dict[str, FileFacts], val_fraction: float) -> list[Finding]:
    def readable(files: list[str]) -> int:
        return sum(1 for f in files if f in facts and facts[f].readable)

    train = {c.name: readable(c.files) for c in listing.classes}
    val = {c.name: readable(c.val_files) for c in listing.classes}
    found = []

    def add(kind: str, severity: str, counts: dict[str, int]) -> None:
        if counts:
            found.append(Finding(kind, severity, classes=sorted(counts), counts=counts))

    if sum(1 for n in train.values() if n) < 2:
        add(TOO_FEW_CLASSES, ERROR, dict(train))
    add(EMPTY_CLASSES, ERROR, {name: 0 for name in train if not train[name] and not val[name]})
    if listing.split:  # the validation images are given: each class needs some of both
        add(NO_VALIDATION, ERROR, {name: n for name, n in train.items() if n and not val[name]})
        add(NO_TRAINING, ERROR, {name: val[name] for name, n in train.items() if not n and val[name]})
        return found
    # core.data.sources holds out max(1, round(n * fraction)) images of a class, and none of a class of one
    add(NO_VALIDATION, ERROR, {name: n for name, n in train.items() if n == 1})
    enough = math.ceil(1 / val_fraction) if val_fraction > 0 else 2
    add(SMALL_CLASSES, WARNING, {name: n for name, n in train.items() if 2 <= n < enough})
    return found


def _duplicates(good: list[FileFacts], class_of: dict[str, str], val_files: set[str]) -> list[Finding]:
    groups: dict[str, list[FileFacts]] = {}
    for f in good:
        groups.setdefault(f.sha256, []).append(f)
    within = Finding(DUPLICATES_WITHIN, WARNING, fix=KEEP_ONE)
    across = []
    for copies in groups.values():
        if len(copies) < 2:
            continue
        # the copy kept: a training one before a validation one, then the shortest name (x.png, not x-2.png)
        files = sorted((f.path for f in copies), key=lambda p: (p in val_files, len(os.path.basename(p)), p))
        classes = _classes_of(files, class_of)
        if len(classes) == 1:
            within.files += files
            within.fix_files += files[1:]
            within.details.update({f: os.path.basename(files[0]) for f in files[1:]})
            within.counts[classes[0]] = within.counts.get(classes[0], 0) + len(files) - 1
        else:
            across.append(Finding(DUPLICATE_ACROSS, ERROR, files, classes, {f: class_of[f] for f in files}))
    within.classes = sorted(within.counts)
    return across + ([within] if within.files else [])


def _near_duplicates(good: list[FileFacts], class_of: dict[str, str],
                     cancel: threading.Event | None = None) -> list[Finding]:
    """Groups of different images that look alike and are in different classes (exact copies
    are the duplicates' findings).

    Two pictures look alike when their miniatures, less their mean and scaled to length 1,
    correlate at NEAR_CORRELATION or more. On Fashion-MNIST (28x28 products, hard: everything is
    centred on black) this catches 2x enlargements, JPEG re-encodes and brighter copies of an image
    and flags 0.1% of distinct images across classes; a 64-bit difference hash caught fewer
    copies and flagged 29%.

    Images with the same miniature are one group first, so a thousand copies cost one row; a
    group holds the class sets of its distinct contents ({"cat"}, or {"cat", "dog"} for one
    image copied into two classes). Two look-alike groups join when their images are not all of
    one and the same class."""
    by_miniature: dict[bytes, list[FileFacts]] = {}
    for f in good:
        by_miniature.setdefault(f.miniature, []).append(f)
    groups = list(by_miniature.values())
    if not groups:
        return []
    contents_of, label_of, mixed_alone = [], [], []
    labels: dict[frozenset, int] = {}
    for members in groups:
        contents: dict[str, set[str]] = {}
        for f in members:
            contents.setdefault(f.sha256, set()).add(class_of[f.path])
        sets = {frozenset(c) for c in contents.values()}
        contents_of.append(len(contents))
        label_of.append(labels.setdefault(next(iter(sets)), len(labels)))
        # one group alone can hold images of different classes (or one image in two classes)
        mixed_alone.append(len(sets) > 1 or any(len(c) > 1 for c in sets))
    label_of_a, mixed_a = np.array(label_of), np.array(mixed_alone)

    vectors = np.frombuffer(b"".join(by_miniature), dtype=np.uint8).reshape(len(groups), -1).astype(np.float32)
    vectors -= vectors.mean(axis=1, keepdims=True)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors /= np.where(norms > 0, norms, 1)  # a flat image matches nothing

    parent = list(range(len(groups)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    rows = max(1, 4_000_000 // len(groups))  # about 16 MB of correlations at a time
    for start in range(0, len(groups), rows):
        if cancel is not None and cancel.is_set():
            return []
        stop = min(start + rows, len(groups))
        near = vectors[start:stop] @ vectors[start:].T >= NEAR_CORRELATION
        near &= np.arange(start, len(groups))[None, :] > np.arange(start, stop)[:, None]  # each pair once
        near &= (mixed_a[start:stop, None] | mixed_a[None, start:]
                 | (label_of_a[start:stop, None] != label_of_a[None, start:]))
        for i, j in zip(*np.nonzero(near)):
            parent[root(int(i) + start)] = root(int(j) + start)
    clusters: dict[int, list[int]] = {}
    for i in range(len(groups)):
        clusters.setdefault(root(i), []).append(i)
    found = []
    for members in clusters.values():
        if len(members) == 1 and not (mixed_alone[members[0]] and contents_of[members[0]] > 1):
            continue
        files = [f.path for i in members for f in groups[i]]
        found.append(Finding(NEAR_DUPLICATES, WARNING, files, _classes_of(files, class_of),
                             {f: class_of[f] for f in files}))
    return found


def _imbalance(listing: Listing, facts: dict[str, FileFacts]) -> list[Finding]:
    counts = {c.name: sum(1 for f in c.all_files if f in facts and facts[f].readable) for c in listing.classes}
    present = {name: n for name, n in counts.items() if n}
    if len(present) < 2:
        return []
    largest, smallest = max(present.values()), min(present.values())
    if largest < IMBALANCE_RATIO * smallest:
        return []
    # the classes far below the largest, and the largest
    classes = sorted(name for name, n in present.items() if n * IMBALANCE_RATIO <= largest or n == largest)
    return [Finding(IMBALANCE, WARNING, classes=classes, counts=present)]


def _small_images(good: list[FileFacts], input_size: int, class_of: dict[str, str]) -> list[Finding]:
    small = [f for f in good if min(f.width, f.height) < input_size * SMALL_IMAGE_FACTOR]
    if not small:
        return []
    files = [f.path for f in small]
    return [Finding(SMALL_IMAGES, WARNING, files, _classes_of(files, class_of),
                    {f.path: f"{f.width}x{f.height}" for f in small}, _per_class(files, class_of))]


def _mixed_colour(good: list[FileFacts], class_of: dict[str, str]) -> list[Finding]:
    gray = [f.path for f in good if f.grayscale]
    colour = [f.path for f in good if not f.grayscale]
    if not gray or not colour:
        return []
    gray_set = set(gray)
    fewer = gray if len(gray) <= len(colour) else colour  # the odd ones out are listed
    per_class = {name: 0 for name in set(class_of[f.path] for f in good)}
    per_class.update(_per_class(gray, class_of))
    return [Finding(MIXED_COLOUR, WARNING, fewer, _classes_of(fewer, class_of),
                    {f: "grayscale" if f in gray_set else "colour" for f in fewer}, per_class,
                    numbers={"grayscale": len(gray), "colour": len(colour)})]


def _classes_of(files: list[str], class_of: dict[str, str]) -> list[str]:
    return sorted({class_of[f] for f in files if f in class_of})


def _per_class(files: list[str], class_of: dict[str, str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for f in files:
        counts[class_of[f]] = counts.get(class_of[f], 0) + 1
    return counts
