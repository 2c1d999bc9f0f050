"""Words for the word cloud: what people wrote, less the common English words."""

import re
from collections import Counter
from collections.abc import Iterable

# Common words that say nothing on their own in a cloud of reflections.
STOP_WORDS = frozenset("""
a about above after again against all also am an and any are aren't as at be because been
before being below between both but by can can't cannot could couldn't did didn't do does
doesn't doing don't down during each even ever every few for from further get gets getting
got had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself
him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself just
let's like lot lots made make many may me might more most much must mustn't my myself no nor
not now of off on once one only or other ought our ours ourselves out over own really same
say said shan't she she'd she'll she's should shouldn't so some such than that that's the
their theirs them themselves then there there's these they they'd they'll they're they've
thing things think this those though through to too under until up upon us very was wasn't
way we we'd we'll we're we've well were weren't what what's when when's where where's which
while who who's whom why why's will with won't would wouldn't yes yet you you'd you'll you're
you've your yours yourself yourselves
""".split())

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)
MIN_LENGTH = 2
MAX_WORD_LENGTH = 30


def cloud_words(text: str) -> list[str]:
    """The words of one text that count towards the cloud, in lower case, each once."""
    seen: list[str] = []
    for match in _WORD.finditer(text or ""):
        word = match.group(0).lower().replace("’", "'").removesuffix("'s")
        if len(word) < MIN_LENGTH or len(word) > MAX_WORD_LENGTH or word in STOP_WORDS:
            continue
        if word not in seen:
            seen.append(word)
    return seen


def word_counts(texts: Iterable[str], top: int = 40) -> list[tuple[str, int]]:
    """The most used words across texts (each text counts a word once), most used first."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(cloud_words(text))
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:top]
