"""The speaker registry: each person with titles, sections spoken in and statements in order."""
from __future__ import annotations

from index.ingest.names import titled_people
from index.models import Document, Person, Statement


def statements(doc: Document) -> list[Statement]:
    """Runs of consecutive sentences by one speaker inside one paragraph."""
    out: list[Statement] = []
    for section in doc.sections:
        for para in section.paragraphs:
            run: list = []
            for sent in para.sentences + [None]:
                if run and (sent is None or sent.speaker != run[0].speaker):
                    out.append(Statement(
                        speaker=run[0].speaker, doc_id=doc.doc_id, section=section.title,
                        paragraph=para.index, start=run[0].start, end=run[-1].end,
                        text=doc.body[run[0].start:run[-1].end],
                    ))
                    run = []
                if sent is not None and sent.speaker:
                    run.append(sent)
    return out


def build_registry(docs: list[Document]) -> list[Person]:
    """People in order of first appearance across the corpus."""
    people: dict[str, Person] = {}
    for doc in docs:
        for st in statements(doc):
            if not st.speaker.name:
                continue  # an unnamed official ("该局负责人"): a statement, but nobody to list
            person = people.setdefault(st.speaker.name, Person(name=st.speaker.name))
            person.gender = person.gender or doc.genders.get(person.name, "")
            if st.speaker.title and st.speaker.title not in person.titles:
                person.titles.append(st.speaker.title)
            if st.section not in person.sections:
                person.sections.append(st.section)
            person.statements.append(st)
    untitled = [p for p in people.values() if not p.titles]
    if untitled:
        # A speaker whose turns carry the bare name ("张三：…") and whose introduction the parser did not tie to
        # them: the post the text writes before their name anywhere ("——访市甲局副局长张三") is theirs.
        mentions = [sp for doc in docs for sp in titled_people(doc.body)]
        for person in untitled:
            person.titles.extend(dict.fromkeys(sp.title for sp in mentions if sp.name == person.name))
    return list(people.values())
