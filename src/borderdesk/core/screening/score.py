"""Scores one screened person against one listed entry, feature by feature, with a reason an officer can read.

The name gives the base score (best alias); date of birth, nationality, sex and documents move it up or
down, the way nomenklatura's logic-v2 treats secondary features as evidence for or against a name match.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from .model import IdentityDocument, PartialDate
from .names import name_tokens, phonetic_key, variant_ids

# Token pairs below this similarity are treated as different words, not as a weak match.
MIN_TOKEN_SIMILARITY = 0.6
# Share of an unmatched token's weight that counts against the name when the rest matches well
# (a middle name the list or the passport leaves out).
EXTRA_TOKEN_PENALTY = 0.2
# A weak alias ("Abu Duaa") alone is at most a possible match; with a matching date of birth, a hit.
WEAK_ALIAS_FACTOR = 0.82
MAX_ALIASES_ALIGNED = 4

DOB_EXACT_BONUS = 0.12
DOB_MONTH_BONUS = 0.07
DOB_YEAR_BONUS = 0.05
DOB_SWAPPED_BONUS = 0.0
DOB_NEAR_BONUS = 0.0
DOB_MISMATCH_PENALTY = -0.25
NATIONALITY_MATCH_BONUS = 0.02
NATIONALITY_MISMATCH_PENALTY = -0.05
SEX_MISMATCH_PENALTY = -0.1
DOCUMENT_MATCH_FLOOR = 0.97
# The most that date of birth and nationality can add to a name score.
MAX_BONUS = DOB_EXACT_BONUS + NATIONALITY_MATCH_BONUS
# Secondary features only add to a name that already looks like the listed one.
MIN_NAME_FOR_BONUS = 0.6


@dataclass(frozen=True, slots=True)
class Feature:
    score: float
    detail: str

    def to_dict(self) -> dict:
        return {"score": round(self.score, 3), "detail": self.detail}


@dataclass(frozen=True, slots=True)
class TokenPair:
    query: str
    listed: str
    similarity: float
    how: str


# Token-pair caches stay small: pairs rarely recur from one person to the next (the hits are within one
# screening), and a large cache of young objects makes the garbage collector's full passes long.
@lru_cache(maxsize=1 << 13)
def token_similarity(query: str, listed: str) -> tuple[float, str]:
    """How alike two name tokens are, and in what way (same, initial, spelling variant, sound, typo)."""
    return _token_similarity(query, listed)


def _token_similarity(query: str, listed: str) -> tuple[float, str]:
    if query == listed:
        return 1.0, "same"
    if len(query) == 1 or len(listed) == 1:
        return (0.8, "initial") if query[0] == listed[0] else (0.0, "different")
    if variant_ids(query) & variant_ids(listed):
        return 0.95, "spelling variant"
    edit = OSA.normalized_similarity(query, listed)
    key = phonetic_key(query)
    if key and key == phonetic_key(listed) and edit < 0.85:
        return 0.85, "sounds alike"
    return edit, "similar spelling" if edit >= MIN_TOKEN_SIMILARITY else "different"


def align_tokens(query: tuple[str, ...], listed: tuple[str, ...]) -> tuple[list[TokenPair], list[str], list[str]]:
    """Pair tokens one-to-one, best pairs first, in any order (names are written surname-first and last).

    Returns the pairs and the tokens of each side left unpaired.
    """
    scored = []
    for q_index, q_token in enumerate(query):
        for l_index, l_token in enumerate(listed):
            similarity, how = token_similarity(q_token, l_token)
            if similarity >= MIN_TOKEN_SIMILARITY:
                scored.append((-similarity, q_index, l_index, how))
    scored.sort()
    used_query, used_listed, pairs = set(), set(), []
    for negative, q_index, l_index, how in scored:
        if q_index in used_query or l_index in used_listed:
            continue
        used_query.add(q_index)
        used_listed.add(l_index)
        pairs.append(TokenPair(query[q_index], listed[l_index], -negative, how))
    unpaired_query = [token for index, token in enumerate(query) if index not in used_query]
    unpaired_listed = [token for index, token in enumerate(listed) if index not in used_listed]
    return pairs, unpaired_query, unpaired_listed


def _weight(token: str) -> float:
    # Longer tokens carry more identity; an initial carries little.
    return float(min(len(token), 10))


@dataclass(frozen=True, slots=True)
class Alignment:
    score: float
    pairs: list[TokenPair]
    unpaired_query: list[str]
    unpaired_listed: list[str]
    note: str

    def detail(self) -> str:
        if not self.pairs:
            return "no name part in common"
        parts = [
            pair.query if pair.how == "same" else f"{pair.query}~{pair.listed} ({pair.how})" for pair in self.pairs
        ]
        detail = "; ".join(parts)
        if self.unpaired_query:
            detail += "; only in screened name: " + " ".join(self.unpaired_query)
        if self.unpaired_listed:
            detail += "; only in listed name: " + " ".join(self.unpaired_listed)
        return detail + self.note


def aligned_name_score(query: tuple[str, ...], listed: tuple[str, ...]) -> Alignment:
    """Weighted share of the two names that pairs up, after joining parts one name writes as one word."""
    pairs, unpaired_query, unpaired_listed = align_tokens(query, listed)
    note = ""
    if _could_join(unpaired_query, unpaired_listed) or _could_join(unpaired_listed, unpaired_query):
        merged_query = _merge_compounds(query, unpaired_query, unpaired_listed)
        merged_listed = _merge_compounds(listed, unpaired_listed, unpaired_query)
        if (merged_query, merged_listed) != (query, listed):
            note = _joined_note(query, merged_query) + _joined_note(listed, merged_listed)
            pairs, unpaired_query, unpaired_listed = align_tokens(merged_query, merged_listed)
    matched_weight = matched_score = 0.0
    strong_pairs = 0
    for pair in pairs:
        weight = (_weight(pair.query) + _weight(pair.listed)) / 2
        matched_weight += weight
        matched_score += pair.similarity * weight
        strong_pairs += pair.similarity >= 0.8 and len(pair.query) > 1 and len(pair.listed) > 1
    extra = sum(map(_weight, unpaired_query)) + sum(map(_weight, unpaired_listed))
    # Parts left over on one side only are names the other side omits; left over on both sides, they
    # are different names ("Hussein al-Rawi" is not "Hussein al-Tikriti") and count in full.
    omitted = strong_pairs >= 2 and not (unpaired_query and unpaired_listed)
    total = matched_weight + (EXTRA_TOKEN_PENALTY if omitted else 1.0) * extra
    return Alignment(matched_score / total if total else 0.0, pairs, unpaired_query, unpaired_listed, note)


@lru_cache(maxsize=1 << 15)
def _token_score(query: str, listed: str) -> float:
    """`token_similarity` without the words, for the scoring path (a smaller cache entry)."""
    return _token_similarity(query, listed)[0]


def aligned_score(query: tuple[str, ...], listed: tuple[str, ...]) -> float:
    """`aligned_name_score(query, listed).score`, computed without building the explanation.

    The same greedy pairing and the same arithmetic in the same order, so the two always agree; this one
    runs for every candidate, the explained one only for reported matches.
    """
    score, unpaired_query, unpaired_listed = _pair_score(query, listed)
    # A side is merged only when it could be (where _could_join is false, merging leaves it unchanged).
    merged_query = (
        _merge_compounds(query, unpaired_query, unpaired_listed)
        if _could_join(unpaired_query, unpaired_listed)
        else query
    )
    merged_listed = (
        _merge_compounds(listed, unpaired_listed, unpaired_query)
        if _could_join(unpaired_listed, unpaired_query)
        else listed
    )
    merged = merged_query is not query or merged_listed is not listed
    if merged and (merged_query, merged_listed) != (query, listed):
        score = _pair_score(merged_query, merged_listed)[0]
    return score


def _pair_score(query: tuple[str, ...], listed: tuple[str, ...]) -> tuple[float, list[str], list[str]]:
    scored = []
    for q_index, q_token in enumerate(query):
        for l_index, l_token in enumerate(listed):
            similarity = _token_score(q_token, l_token)
            if similarity >= MIN_TOKEN_SIMILARITY:
                scored.append((-similarity, q_index, l_index))
    scored.sort()
    used_query = used_listed = 0  # bit sets of paired positions
    all_query, all_listed = (1 << len(query)) - 1, (1 << len(listed)) - 1
    matched_weight = matched_score = 0.0
    strong_pairs = 0
    for negative, q_index, l_index in scored:
        if used_query >> q_index & 1 or used_listed >> l_index & 1:
            continue
        used_query |= 1 << q_index
        used_listed |= 1 << l_index
        q_token, l_token = query[q_index], listed[l_index]
        # Weights are small whole numbers and halves: the float sums are exact, in any order.
        weight = (min(len(q_token), 10) + min(len(l_token), 10)) / 2
        matched_weight += weight
        matched_score += -negative * weight
        strong_pairs += -negative >= 0.8 and len(q_token) > 1 and len(l_token) > 1
        if used_query == all_query or used_listed == all_listed:
            break
    unpaired_query = [token for index, token in enumerate(query) if not used_query >> index & 1]
    unpaired_listed = [token for index, token in enumerate(listed) if not used_listed >> index & 1]
    extra = float(
        sum(min(len(token), 10) for token in unpaired_query) + sum(min(len(token), 10) for token in unpaired_listed)
    )
    omitted = strong_pairs >= 2 and not (unpaired_query and unpaired_listed)
    total = matched_weight + (EXTRA_TOKEN_PENALTY if omitted else 1.0) * extra
    return (matched_score / total if total else 0.0), unpaired_query, unpaired_listed


def _joined_note(before: tuple[str, ...], after: tuple[str, ...]) -> str:
    joined = [token for token in after if token not in before]
    return "".join(f"; {token} read as one word" for token in joined)


def _could_join(loose: list[str], targets: list[str]) -> bool:
    """Cheap test that two loose tokens are short enough together to be one of the targets."""
    if len(loose) < 2 or not targets:
        return False
    # A joined word starts with the first letter of its first part.
    if not {token[0] for token in loose} & {token[0] for token in targets}:
        return False
    first, second = sorted(map(len, loose))[:2]
    return first + second <= max(map(len, targets)) + 2


def _merge_compounds(tokens: tuple[str, ...], loose: list[str], targets: list[str]) -> tuple[str, ...]:
    """Join two unpaired tokens that the other name writes as one word ("abdul" + "rahman" ~ "abdulrahman")."""
    result = list(tokens)
    for target in targets:
        # Ordered pairs of loose tokens, in the order of itertools.permutations, pruned by first letter and
        # length before any string is built.
        initial, length = target[0], len(target)
        merged_one = False
        for first_at, first in enumerate(loose):
            if first[0] != initial:
                continue
            wanted = length - len(first)
            for second_at, second in enumerate(loose):
                if second_at == first_at or abs(len(second) - wanted) > 2:
                    continue
                merged = first + second
                if OSA.normalized_similarity(merged, target) >= 0.8 and first in result and second in result:
                    result.remove(second)
                    result[result.index(first)] = merged
                    loose = [token for token in loose if token not in (first, second)]
                    merged_one = True
                    break
            if merged_one:
                break
    return tuple(result)


def joined_name_score(query: tuple[str, ...], listed: tuple[str, ...]) -> float:
    """Similarity of the names written as one word: catches "Abu Bakr" / "Abubakar", "Xi Jin Ping" / "Xi Jinping".

    Also tried with the listed name's surname moved to the other end, since lists write it first.
    """
    query_text = "".join(query)
    orders = {listed, listed[1:] + listed[:1], listed[-1:] + listed[:-1]}
    return max(OSA.normalized_similarity(query_text, "".join(order)) for order in orders)


def compare_names(first: str, second: str, organization: bool = False) -> Feature:
    """Name-only similarity of two raw names, as the screener scores a name against one alias."""
    return name_feature(name_tokens(first, organization), name_tokens(second, organization))


def name_score(query: tuple[str, ...], listed: tuple[str, ...]) -> float:
    """`name_feature(query, listed).score` without the explanation: the scorer's path for every candidate."""
    if query == listed:
        return 1.0
    score = aligned_score(query, listed)
    if len(query) != len(listed) and score < 1.0:
        query_length, listed_length = sum(map(len, query)), sum(map(len, listed))
        # An edit similarity cannot exceed the ratio of the lengths: skip what cannot reach 0.85.
        if min(query_length, listed_length) >= 0.84 * max(query_length, listed_length):
            joined = joined_name_score(query, listed)
            if joined > score and joined >= 0.85:
                return joined
    return score


def name_feature(query: tuple[str, ...], listed: tuple[str, ...], explain: bool = True) -> Feature:
    """Name similarity with its explanation; ``explain=False`` skips writing the explanation."""
    if not explain:
        return Feature(name_score(query, listed), "")
    if query == listed:
        return Feature(1.0, "same name: " + " ".join(query) if explain else "")
    alignment = aligned_name_score(query, listed)
    if len(query) != len(listed):
        joined = joined_name_score(query, listed)
        if joined > alignment.score and joined >= 0.85:
            return Feature(joined, f"same letters written as {len(query)} and {len(listed)} words")
    return Feature(alignment.score, alignment.detail() if explain else "")


def best_alias(query: tuple[str, ...], aliases: tuple[tuple[str, ...], ...], weak_from: int) -> tuple[float, int]:
    """Score and position of the alias that matches best; aliases from ``weak_from`` on are weak, worth less."""
    best_score, best_index = -1.0, 0
    for index in _promising_aliases(query, aliases):
        score = name_score(query, aliases[index])
        if index >= weak_from:
            score *= WEAK_ALIAS_FACTOR
        if score > best_score:
            best_score, best_index = score, index
            if score >= 1.0:
                break  # no later alias can score higher
    return best_score, best_index


def alias_feature(query: tuple[str, ...], aliases: tuple[tuple[str, ...], ...], index: int, weak_from: int) -> Feature:
    """The name feature, explained, for one alias."""
    feature = name_feature(query, aliases[index])
    if index >= weak_from:
        return Feature(feature.score * WEAK_ALIAS_FACTOR, feature.detail + " (weak alias)")
    return feature


def _promising_aliases(query: tuple[str, ...], aliases: tuple[tuple[str, ...], ...]) -> list[int]:
    # Some entries have hundreds of aliases; a quick C-level token-set ratio picks the few worth aligning.
    if len(aliases) <= MAX_ALIASES_ALIGNED:
        return list(range(len(aliases)))
    quick = process.cdist([" ".join(query)], _alias_texts(aliases), scorer=fuzz.token_set_ratio, dtype=np.float64)[0]
    # Best first, ties to the later alias (as heapq.nlargest over (score, index) pairs would order them).
    order = np.lexsort((-np.arange(len(aliases)), -quick))[:MAX_ALIASES_ALIGNED]
    return order.tolist()


@lru_cache(maxsize=4096)
def _alias_texts(aliases: tuple[tuple[str, ...], ...]) -> list[str]:
    return [" ".join(alias) for alias in aliases]


def birth_date_feature(query: PartialDate | None, listed: tuple[PartialDate, ...]) -> Feature | None:
    """Best agreement between the traveller's date of birth and any the list gives; None if either lacks one."""
    if query is None or not listed:
        return None
    return max((_compare_dates(query, date) for date in listed), key=lambda feature: feature.score)


def _compare_dates(query: PartialDate, listed: PartialDate) -> Feature:
    shown = format_date(listed)
    if listed.year_to is not None and listed.year_to != listed.year:
        if listed.year <= query.year <= listed.year_to:
            return Feature(DOB_YEAR_BONUS, f"born {query.year}, within listed range {shown}")
        return _near_or_mismatch(query, listed, shown)
    if query.year != listed.year:
        return _near_or_mismatch(query, listed, shown)
    if query.month is None or listed.month is None:
        return Feature(DOB_YEAR_BONUS, f"same year of birth {query.year} (listed {shown})")
    if query.month == listed.month:
        if query.day is None or listed.day is None:
            return Feature(DOB_MONTH_BONUS, f"same year and month of birth (listed {shown})")
        if query.day == listed.day:
            return Feature(DOB_EXACT_BONUS, f"same date of birth {shown}")
    if (query.day, query.month) == (listed.month, listed.day):
        return Feature(DOB_SWAPPED_BONUS, f"day and month swapped: {format_date(query)} vs listed {shown}")
    return Feature(DOB_YEAR_BONUS / 2, f"same year, different day: {format_date(query)} vs listed {shown}")


def _near_or_mismatch(query: PartialDate, listed: PartialDate, shown: str) -> Feature:
    low, high = listed.year, listed.year_to or listed.year
    tolerance = 2 if listed.approximate else 1
    if low - tolerance <= query.year <= high + tolerance:
        return Feature(DOB_NEAR_BONUS, f"born {query.year}, close to listed {shown}")
    return Feature(DOB_MISMATCH_PENALTY, f"born {format_date(query)}, listed {shown}")


def format_date(date: PartialDate) -> str:
    text = f"{date.year:04d}"
    if date.month:
        text += f"-{date.month:02d}"
        if date.day:
            text += f"-{date.day:02d}"
    if date.year_to is not None and date.year_to != date.year:
        text += f" to {date.year_to}"
    if date.approximate:
        text = "about " + text
    return text


def nationality_feature(query: str | None, listed: tuple[str, ...]) -> Feature | None:
    if not query or not listed:
        return None
    wanted = query.strip().upper()
    if wanted in {code.strip().upper() for code in listed}:
        return Feature(NATIONALITY_MATCH_BONUS, f"same nationality {wanted}")
    return Feature(NATIONALITY_MISMATCH_PENALTY, f"nationality {wanted}, listed {', '.join(listed)}")


def sex_feature(query: str | None, listed: str | None) -> Feature | None:
    if not query or not listed:
        return None
    if query.upper() == listed.upper():
        return Feature(0.0, f"same sex {listed.upper()}")
    return Feature(SEX_MISMATCH_PENALTY, f"sex {query.upper()}, listed {listed.upper()}")


def normalize_document_number(number: str) -> str:
    return "".join(char for char in number.upper() if char.isalnum())


def document_feature(
    number: str | None, issuing_state: str | None, listed: tuple[IdentityDocument, ...]
) -> Feature | None:
    """A listed document number is decisive; a different one says little (lists know few of a person's papers)."""
    if not number or not listed:
        return None
    wanted = normalize_document_number(number)
    for document in listed:
        if normalize_document_number(document.number) != wanted or not wanted:
            continue
        if issuing_state and document.issuing_state and issuing_state.upper() != document.issuing_state.upper():
            continue
        issuer = f" issued by {document.issuing_state}" if document.issuing_state else ""
        return Feature(DOCUMENT_MATCH_FLOOR, f"listed {document.kind or 'document'} {document.number}{issuer}")
    return Feature(0.0, "document number not among the listed documents")


def combine(features: dict[str, Feature]) -> float:
    """Name score moved by the other features, clamped to [0, 1]; a listed document sets a floor."""
    name = features["name"].score
    total = name
    for key, feature in features.items():
        if key in ("name", "document"):
            continue
        if feature.score > 0 and name < MIN_NAME_FOR_BONUS:
            continue
        total += feature.score
    document = features.get("document")
    if document is not None and document.score >= DOCUMENT_MATCH_FLOOR:
        total = max(total, DOCUMENT_MATCH_FLOOR)
    return min(1.0, max(0.0, total))
