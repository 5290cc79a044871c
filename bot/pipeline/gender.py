"""A person's gender, only when the text itself says it: 她/他 in their own attributed sentences, 女士/先生 after the name,
a leaders' page entry's field or pronoun."""
from __future__ import annotations

import re
from collections.abc import Iterable

from index.ingest.lexicon import TITLE_SUFFIXES
from index.ingest.profiles import profiles
from index.models import Document, Person

_FEMALE = re.compile(r"(她|女士)")
_MALE = re.compile(r"(?<![其])(他(?!们|人|山|乡|国)|先生)")


# A clause that opens with a pronoun: after a comma or semicolon, or after a dash that adds a note on the person just
# named ("还有市丙委副主任某某——她在基层当了十五年医生").
_CLAUSE_PRONOUN = re.compile(r"(?:[，,；;]|—{1,2}|－{1,2})\s*(她|他)(?!们|人)")


def gender_of(person: Person, documents: list[Document], others: Iterable[str] = ()) -> tuple[str, str]:
    """("女"|"男"|"", the word that says it) from the person's own sentences, how others address them, and a
    pronoun opening the sentence after one that names them and none of the others."""
    others = [n for n in others if n != person.name]
    called_as = called(person, others)
    female = male = 0
    word = {"女": "", "男": ""}
    for doc in documents:
        named_else = [n for n in [*others, *doc.genders] if n != person.name]  # the document's other people
        for entry in profiles(doc):
            if entry.name != person.name:
                continue
            # A profile says it in a field or the biography's opening ("张三，女，…"), or calls its person 她/他.
            told = [entry.sex] if entry.sex else [
                "女" if m.group(1) == "她" else "男" for p in doc.paragraphs() if entry.start <= p.start < entry.end
                and (m := re.search(r"(?:^|[。，,；;])\s*(?:其间|此后|后来|同年)?\s*(她|他)(?!们|人)", p.text))]
            for key in told:
                female, male = female + (key == "女"), male + (key == "男")
                word[key] = word[key] or (key if entry.sex else "她" if key == "女" else "他")
        for m in re.finditer(re.escape(person.name) + r"(女士|先生)", doc.body):
            key = "女" if m.group(1) == "女士" else "男"
            female, male = female + (key == "女"), male + (key == "男")
            word[key] = word[key] or m.group(1)
        previous = ""
        for _, _, sent in doc.sentences():
            before, previous = previous, sent.text
            at = sent.text.find(person.name)
            m = _CLAUSE_PRONOUN.search(sent.text, at + len(person.name)) if at >= 0 else None
            if m and not any(n in sent.text[at:m.start()] for n in others):
                # "副县长某某同志带队驻村，她在镇上一住就是18天": a clause that opens with a pronoun, after one
                # that names the person and nobody else, is about them.
                key = "女" if m.group(1) == "她" else "男"
                female, male = female + (key == "女"), male + (key == "男")
                word[key] = word[key] or m.group(1)
            if (sent.speaker is None or sent.speaker.name == person.name) and any(c in before for c in called_as) \
                    and not (sent.speaker is None and person.name in sent.text):
                # "下面请张三副局长介绍。她长期分管…": a sentence that opens with a pronoun is about the one person
                # the sentence before it named (the host's or the reporter's words alike).
                m = re.match(r"^[“\"]?(她|他)(?!们|人)", sent.text)
                if m and not any(n in before for n in others):
                    key = "女" if m.group(1) == "她" else "男"
                    female, male = female + (key == "女"), male + (key == "男")
                    word[key] = word[key] or m.group(1)
                    continue
            if sent.speaker is None or sent.speaker.name != person.name \
                    or any(n in before + sent.text for n in named_else):
                # "…负责人陈某交流时，她说起…": in the person's own words, a pronoun after someone else they name
                # is that one.
                continue
            # A pronoun in a sentence attributed to this person refers to them when it opens the sentence.
            head = sent.text[:6]
            if re.match(r"^[“\"]?(她)", head):
                female += 1
                word["女"] = word["女"] or "她"
            elif re.match(r"^[“\"]?(他)(?!们)", head):
                male += 1
                word["男"] = word["男"] or "他"
    if female > male:
        return "女", word["女"]
    if male > female:
        return "男", word["男"]
    return "", ""


# Title words, longest first ("副局长" before "局长"), sorted once.
_ROLES = sorted(TITLE_SUFFIXES, key=len, reverse=True)


def called(person: Person, others: list[str]) -> list[str]:
    """How the text may name the person in a host's or reporter's aside: the full name, and the surname with the post
    ("谢谢何局长。她刚才提到的…"; 副 is often dropped in address) when no one else named has that surname."""
    forms = [person.name]
    role = next((r for r in _ROLES if person.title.endswith(r)), "")
    if len(person.name) >= 2 and role and not any(n.startswith(person.name[0]) for n in others):
        forms.append(person.name[0] + role)
        if role.startswith("副") and len(role) > 2:
            forms.append(person.name[0] + role[1:])
    return forms
