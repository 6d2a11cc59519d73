"""The readability budget of lessons and guide sections, for readers with little schooling.

Rahnuma's readers often left school early and read on a small phone, so text must come in short
sentences and short paragraphs. The budget is deliberately simple, so an author can check it by
eye and a translator can keep to it::

    English:            a sentence has at most 30 words; a paragraph at most 5 sentences.
    Urdu, Punjabi:      a sentence has at most 40 words; a paragraph at most 5 sentences.

Urdu and Shahmukhi Punjabi get more words because they write postpositions and auxiliaries as
separate words ("کے لیے", "کر سکتے ہیں"): the same sentence has about a third more words than in
English. A paragraph is one translatable segment of the body (a paragraph, a list item, a heading,
a key fact, a picture's text) or the item's summary. Words are runs of letters or digits; a link
counts by its text, not its address.

Like the rest of ``course_packs`` this needs no Django: ``check_pack(pack)`` returns PackErrors,
so the validator or a test can report them with the file and line to fix::

    for problem in check_pack(read_pack("plugins/.../packs/saudi-arabia")):
        print(problem)
"""

import re
from dataclasses import dataclass

from course_packs.errors import PackError
from course_packs.messages import body_messages


@dataclass(frozen=True)
class Budget:
    sentence_words: int
    paragraph_sentences: int


ENGLISH_BUDGET = Budget(sentence_words=30, paragraph_sentences=5)
# Right-to-left languages written in the Perso-Arabic script; see the module docstring for why more words.
NASTALIQ_BUDGET = Budget(sentence_words=40, paragraph_sentences=5)
BUDGETS = {"en": ENGLISH_BUDGET, "ur": NASTALIQ_BUDGET, "pnb": NASTALIQ_BUDGET}

# Markdown that is not read out: [text](address) keeps its text; emphasis marks and bare addresses go.
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_ADDRESS = re.compile(r"(https?://|mailto:|tel:)\S+")
_EMPHASIS = re.compile(r"[*_`]+")
# Short forms whose full stop does not end a sentence.
_ABBREVIATIONS = ("e.g.", "i.e.", "Dr.", "Mr.", "Mrs.", "Ms.", "vs.", "approx.")
# A sentence ends at . ! ? or the Urdu full stop and question mark (U+06D4, U+061F), before a space. In Latin text
# the next sentence must also start with a capital or a digit, so "a.m. on" or "1.5 kg" do not split.
_LATIN_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]*[A-Z0-9])")
_ARABIC_SCRIPT_END = re.compile(r"(?<=[.!?۔؟])[\"')\]]*\s+")
_WORD = re.compile(r"[^\W_]", re.UNICODE)  # a token is a word when it holds a letter or digit
_PLACEHOLDER = "\u2060"  # stands for the full stop of an abbreviation while splitting


def budget_for(language: str) -> Budget:
    return BUDGETS.get(language, ENGLISH_BUDGET)


def plain_text(markdown: str) -> str:
    """The words a reader sees in an inline Markdown run."""
    text = _LINK.sub(r"\1", markdown)
    text = _ADDRESS.sub("link", text)
    return " ".join(_EMPHASIS.sub("", text).split())


def sentences(text: str, language: str) -> list[str]:
    """``text`` (plain, one paragraph) cut into sentences."""
    if language in ("ur", "pnb"):
        parts = _ARABIC_SCRIPT_END.split(text)
    else:
        protected = text
        for short in _ABBREVIATIONS:
            protected = protected.replace(short, short.replace(".", _PLACEHOLDER))
        parts = [part.replace(_PLACEHOLDER, ".") for part in _LATIN_END.split(protected)]
    return [part.strip() for part in parts if part.strip()]


def word_count(sentence: str) -> int:
    return sum(1 for token in sentence.split() if _WORD.search(token))


def paragraph_problems(markdown: str, language: str) -> list[str]:
    """What in one paragraph (inline Markdown) goes over the language's budget; empty when it fits."""
    budget = budget_for(language)
    found = sentences(plain_text(markdown), language)
    problems = []
    if len(found) > budget.paragraph_sentences:
        problems.append(f"a paragraph of {len(found)} sentences; the budget is {budget.paragraph_sentences}: split it")
    for sentence in found:
        words = word_count(sentence)
        if words > budget.sentence_words:
            problems.append(
                f"a sentence of {words} words; the budget is {budget.sentence_words}: {_shortened(sentence)!r}"
            )
    return problems


def _shortened(sentence: str, limit: int = 80) -> str:
    return sentence if len(sentence) <= limit else sentence[: limit - 1] + "…"


def check_pack(pack) -> list[PackError]:
    """Every paragraph of the pack's lessons and guide sections, in each language it carries, over budget.

    Translations are checked where the pack has them; an untranslated paragraph is the source
    text, already checked. Each problem names the file, the item's field and the source line.
    """
    problems = []
    source = pack.manifest.source_language
    for document in [*pack.sections.values(), *pack.lessons.values()]:
        texts = [(f"{document.key}:summary", document.meta.summary, document.path, None)]
        texts += [(m.context, m.msgid, m.file, m.line) for m in body_messages(document)]
        for context, text, file, line in texts:
            field = context.split(":", 1)[1]
            for problem in paragraph_problems(text, source):
                problems.append(PackError(file, f"{source}: {problem}", field, line))
            for language in pack.translation_languages:
                catalogue = pack.catalogues.get(language)
                translated = catalogue.get(context, text) if catalogue else None
                for problem in paragraph_problems(translated or "", language):
                    problems.append(PackError(file, f"{language}: {problem}", field, line))
    return problems
