"""Document-QA chat examples for pre-training the offline model.

Each example gives the model some passages (facts about rows of the train-split practice
databases, in sentences), a question, and the answer a careful reader would give:

- one sentence copied verbatim from the passages, the one that answers;
- two such sentences, from two passages, joined by a single space (in the order the prompt shows
  them) when the question needs two facts;
- "The passages do not contain the answer." when they do not (the entity or the attribute asked
  about is missing: retrieval is imperfect);
- "I don't know." when the prompt has no passages at all.

Prompts come in the many layouts learners write (headed sections, markdown, XML tags, numbered
passages, llama-index's template, context in the system message...), so the model learns the
task, not one template.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field

from course_utils.offline.corpus.facts import Entity, Fact

NOT_IN_PASSAGES = "The passages do not contain the answer."
NO_CONTEXT = "I don't know."

MAX_PROMPT_WORDS = 350

# How often each kind of example occurs (the rest answer one fact).
SHARES = {"two_facts": 0.10, "abstain": 0.25, "no_context": 0.10}

# How often a one-fact or abstaining example shows a table (its answer is then a table row).
TABLE_SHARE = 0.15


# ----------------------------------------------------------------------------------------
# The entities to draw from


class EntityPool:
    """Entities grouped by database and kind, and findable by name."""

    def __init__(self, entities: list[Entity]):
        self.entities = entities
        self.by_name = {e.name: e for e in entities}
        self.by_domain: dict[str, list[Entity]] = {}
        self.by_kind: dict[tuple[str, str], list[Entity]] = {}
        for e in entities:
            self.by_domain.setdefault(e.domain, []).append(e)
            self.by_kind.setdefault((e.domain, e.kind), []).append(e)
        self.domains = list(self.by_domain)
        self.tabular = [e for e in entities if len([f for f in e.facts if e.cell(f.key)]) >= 2]

    def pick(self, r: random.Random) -> Entity:
        """Any entity, spread evenly over databases and then over kinds."""
        domain = r.choice(self.domains)
        kinds = sorted({e.kind for e in self.by_domain[domain]})
        return r.choice(self.by_kind[(domain, r.choice(kinds))])

    def others(self, r: random.Random, near: Entity, k: int, avoid: set[str]) -> list[Entity]:
        """k distractors: mostly of the same kind, some from the same database, a few from elsewhere."""
        chosen: list[Entity] = []
        for _ in range(k * 6):
            if len(chosen) == k:
                break
            roll = r.random()
            if roll < 0.55:
                candidates = self.by_kind[(near.domain, near.kind)]
            elif roll < 0.85:
                candidates = self.by_domain[near.domain]
            else:
                candidates = self.entities
            candidate = r.choice(candidates)
            if candidate.name not in avoid and candidate not in chosen:
                chosen.append(candidate)
        return chosen


# ----------------------------------------------------------------------------------------
# Passages


@dataclass
class Passage:
    """Sentences about one entity, and which sentence carries which fact."""

    entity: Entity
    sentences: list[str]  # for a table: its lines (header, rule, one row per entity)
    carriers: dict[str, str] = field(default_factory=dict)  # fact key -> sentence (or table row)
    is_table: bool = False
    title: str | None = None

    @property
    def text(self) -> str:
        return "\n".join(self.sentences) if self.is_table else " ".join(self.sentences)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def make_passage(entity: Entity, r: random.Random, must: tuple[str, ...] = (),
                 drop: tuple[str, ...] = (), named: tuple[str, ...] = ()) -> Passage:
    """A few sentences about an entity.

    must: fact keys that have to be said; drop: fact keys that must not be; named: fact keys whose
    sentence names the entity (not "The hotel ..."), so that the sentence stands on its own.
    """
    facts = [f for f in entity.facts if f.key not in drop]
    required = [f for f in facts if f.key in must]
    optional = [f for f in facts if f.key not in must]
    r.shuffle(optional)
    extra = r.randint(1 if not required else 0, min(4, len(optional))) if optional else 0
    chosen = required + optional[:extra]
    r.shuffle(chosen)
    passage = Passage(entity, [])
    i = 0
    while i < len(chosen):
        group = [chosen[i]]
        if i + 1 < len(chosen) and r.random() < 0.25:
            group.append(chosen[i + 1])  # "X has 4 stars and 32 rooms."
        i += len(group)
        use_name = (not passage.sentences or r.random() < 0.5
                    or any(f.key in named for f in group))
        subject = entity.name if use_name else entity.reference
        predicates = " and ".join(r.choice(f.predicates) for f in group)
        sentence = f"{_capitalised(subject)} {predicates}."
        passage.sentences.append(sentence)
        for f in group:
            passage.carriers[f.key] = sentence
    return passage


def make_table(rows: list[Entity], keys: list[str], target: Entity | None) -> Passage:
    """A markdown table with one row per entity and one column per fact, as documents often have.

    The row of `target` carries its facts: a question about one of them is answered by that row.
    """
    first = rows[0]
    nouns = {f.key: f.noun for f in first.facts}
    header = f"| {_capitalised(first.kind)} | " + " | ".join(_capitalised(nouns[k]) for k in keys) + " |"
    rule = "|" + "---|" * (len(keys) + 1)
    lines = [f"| {_capitalised(e.name)} | " + " | ".join(e.cell(k) for k in keys) + " |" for e in rows]
    passage = Passage(target or first, [header, rule, *lines], is_table=True,
                      title=_capitalised(first.kind) + "s")
    if target is not None:
        row = lines[rows.index(target)]
        passage.carriers = {k: row for k in keys}
    return passage


def table_columns(rows: list[Entity], r: random.Random, must: str | None = None,
                  drop: str | None = None) -> list[str]:
    """Two to four facts every row has a cell for (always `must`, never `drop`)."""
    shared = [f.key for f in rows[0].facts if all(e.cell(f.key) is not None for e in rows)]
    others = [k for k in shared if k not in (must, drop)]
    r.shuffle(others)
    keys = ([must] if must else []) + others[: r.randint(1, 3)]
    return [k for k in shared if k in keys]  # in the kind's own order


# ----------------------------------------------------------------------------------------
# Questions

GENERIC_QUESTIONS = [
    "What is the {noun} of {e}?", "{e} - {noun}?", "Tell me the {noun} of {e}.", "{e}: {noun}?",
    "I need the {noun} for {e}.", "Could you give me the {noun} of {e}?", "what's the {noun} for {e}",
    "Do you know the {noun} of {e}?", "Look up the {noun} of {e}, please.",
    "Quick question: what is the {noun} of {e}?", "{noun} for {e}?", "Please find the {noun} of {e}.",
]

SAME_ATTRIBUTE_QUESTIONS = [
    "What is the {noun} of {a} and of {b}?", "Compare the {noun} of {a} and {b}.", "{a} vs {b}: {noun}?",
    "I need the {noun} for both {a} and {b}.", "Give me the {noun} of {a} and the {noun} of {b}.",
    "{noun} of {a} and {b}?", "What are the {noun} values for {a} and {b}?",
]

LINKED_QUESTIONS = [
    "What is the {noun} of the {role} of {e}?", "Find the {role} of {e} and tell me the {noun}.",
    "I need the {noun} for the {role} of {e}.", "{e}: who is the {role}, and what is the {noun}?",
    "Look up the {role} of {e}, then give me the {noun}.", "{e} -> {role} -> {noun}?",
]

TWO_QUESTION_JOINS = ["{q1} {q2}", "{q1} Also, {q2}", "Two questions: {q1} {q2}", "{q1} And {q2}",
                      "{q1}\n{q2}"]


def mention(name: str, r: random.Random) -> str:
    """How a question names an entity: usually as written, sometimes lower-case or shortened."""
    options = [name] * 5 + [name.lower()]
    if name.lower().startswith("the "):
        options += [name[4:]] * 2
    if name.startswith("Dr "):
        options += [name[3:]]
    return r.choice(options)


def _styled(question: str, r: random.Random, casual: bool = True) -> str:
    """Learners' punctuation: capitalised, sometimes all lower-case or without the question mark."""
    question = _capitalised(question)
    if casual and r.random() < 0.08:
        question = question.lower()
    if casual and r.random() < 0.08:
        question = question.rstrip("?")
    return question


def ask(entity: Entity, fact: Fact, r: random.Random, casual: bool = True) -> str:
    """One way to ask for a fact about an entity."""
    template = r.choice(fact.questions) if r.random() < 0.65 else r.choice(GENERIC_QUESTIONS)
    return _styled(template.format(e=mention(entity.name, r), noun=fact.noun), r, casual)


def ask_unrecorded(entity: Entity, noun: str, r: random.Random) -> str:
    """Ask for something about an entity that no database records (its manager, its website...)."""
    return _styled(r.choice(GENERIC_QUESTIONS).format(e=mention(entity.name, r), noun=noun), r)


# ----------------------------------------------------------------------------------------
# Prompt layouts: each turns passages and a question into chat messages


INSTRUCTIONS = [
    "Answer only from the context. If the answer is not there, say so.",
    f'Answer the question using only the passages. If they do not contain the answer, reply "{NOT_IN_PASSAGES}"',
    "Quote the sentence from the context that answers the question.",
    "You are a careful assistant. Base your answer strictly on the provided documents and do not use prior knowledge.",
    "Use the documents below to answer.",
    "Reply with the exact sentence from the sources that answers the question. If no source answers it, "
    "say that the passages do not contain the answer.",
    "Read the information and answer the question. Don't make anything up.",
    "You help staff look things up. Only use the retrieved notes; if they don't cover the question, say so.",
    "Answer the user's question based on the passages provided. Cite nothing that is not in them.",
    "Use the following pieces of context to answer the question at the end. If you don't know the answer, "
    "just say that you don't know, don't try to make up an answer.",
    "Answer briefly, using the context only.",
    "You are a question-answering assistant. The answer must come from the documents.",
]

LLAMA_INDEX_SYSTEM = (
    "You are an expert Q&A system that is trusted around the world.\n"
    "Always answer the query using the provided context information, and not prior knowledge.\n"
    "Some rules to follow:\n"
    "1. Never directly reference the given context in your answer.\n"
    "2. Avoid statements like 'Based on the context, ...' or 'The context information ...' "
    "or anything along those lines."
)

NO_CONTEXT_SYSTEMS = [
    None, None, "You are a helpful assistant.", "Answer the user's question.",
    "You are a concise assistant. Answer in one sentence.",
    "Answer only from the context. If the answer is not there, say so.",
    "You answer questions for the front desk team.",
]


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in text.lower()).strip("_")


def _titles(passages: list[Passage], r: random.Random) -> list[str]:
    """Document titles or ids, in one style per prompt."""
    style = r.choice(["name", "file", "number", "kind"])
    titles = []
    for i, p in enumerate(passages, start=1):
        e = p.entity
        name = p.title or _capitalised(e.name)
        titles.append({"name": name, "file": f"{e.domain}/{_slug(name)}.md",
                       "number": str(i), "kind": f"{e.kind}-{i:03d}"}[style])
    return titles


def _body(passage: Passage, one_per_line: bool) -> str:
    return "\n".join(passage.sentences) if one_per_line else passage.text


def _instruction(r: random.Random) -> str:
    return r.choice(INSTRUCTIONS)


def layout_context_question(passages, question, r):
    lines = r.random() < 0.15
    context = "\n\n".join(_body(p, lines) for p in passages)
    user = f"Context:\n{context}\n\nQuestion: {question}"
    if r.random() < 0.7:
        return [{"role": "system", "content": _instruction(r)}, {"role": "user", "content": user}]
    return [{"role": "user", "content": f"{_instruction(r)}\n\n{user}"}]


def layout_markdown(passages, question, r):
    titles = _titles(passages, r)
    docs = "\n\n".join(f"### Document {i}: {t}\n{p.text}" if not t.isdigit() else f"### Document {t}\n{p.text}"
                       for i, (t, p) in enumerate(zip(titles, passages), start=1))
    heading = r.choice(["## Documents", "## Context", "## Sources"])
    return [{"role": "user", "content": f"{_instruction(r)}\n\n{heading}\n\n{docs}\n\n## Question\n{question}"}]


def layout_xml_context(passages, question, r):
    context = "\n\n".join(p.text for p in passages)
    user = f"<context>\n{context}\n</context>\n\n<question>{question}</question>"
    if r.random() < 0.5:
        return [{"role": "system", "content": _instruction(r)}, {"role": "user", "content": user}]
    return [{"role": "user", "content": f"{_instruction(r)}\n\n{user}"}]


def layout_xml_documents(passages, question, r):
    titles = _titles(passages, r)
    docs = "\n".join(f'<document id="{t}">\n{p.text}\n</document>' for t, p in zip(titles, passages))
    if r.random() < 0.5:
        docs = f"<documents>\n{docs}\n</documents>"
    return [{"role": "system", "content": _instruction(r)},
            {"role": "user", "content": f"{docs}\n\n<question>\n{question}\n</question>"}]


def layout_numbered(passages, question, r):
    numbered = "\n".join(f"[{i}] {p.text}" for i, p in enumerate(passages, start=1))
    head = r.choice(["", "Passages:\n", "Search results:\n", "Retrieved passages:\n"])
    ask_line = r.choice(["Question: ", "Q: ", "Query: "])
    return [{"role": "system", "content": _instruction(r) + r.choice(["", " Use the numbered passages."])},
            {"role": "user", "content": f"{head}{numbered}\n\n{ask_line}{question}"}]


def layout_labelled_list(passages, question, r):
    head = r.choice(["Passages:", "Sources:", "Here is some information:", "Reference material:",
                     "Retrieved documents:", "Background information:"])
    separator = r.choice(["\n\n", "\n---\n"])
    context = separator.join(p.text for p in passages)
    ask_line = r.choice(["Question: ", "User question: ", "Question:\n"])
    return [{"role": "user", "content": f"{_instruction(r)}\n\n{head}\n{context}\n\n{ask_line}{question}"}]


def layout_question_first(passages, question, r):
    context = "\n\n".join(p.text for p in passages)
    lead = r.choice([f"Question: {question}\n\n{_instruction(r)}\n\nContext:\n{context}",
                     f"{question}\n\nAnswer using these passages only:\n\nPassages:\n{context}",
                     f"Question: {question}\n\nSources:\n{context}"])
    return [{"role": "user", "content": lead}]


def layout_system_context(passages, question, r):
    context = "\n\n".join(p.text for p in passages)
    head = r.choice(["Context:", "Documents:", "Knowledge base excerpts:"])
    return [{"role": "system", "content": f"{_instruction(r)}\n\n{head}\n{context}"},
            {"role": "user", "content": question}]


def layout_llama_index(passages, question, r):
    """The shape llama-index's default text QA template gives a chat request."""
    titles = _titles(passages, r)
    if r.random() < 0.6:
        chunks = [f"file_path: data/{t if t.endswith('.md') else _slug(t) + '.md'}\n\n{p.text}"
                  for t, p in zip(titles, passages)]
    else:
        chunks = [p.text for p in passages]
    user = ("Context information is below.\n---------------------\n" + "\n\n".join(chunks)
            + "\n---------------------\nGiven the context information and not prior knowledge, "
            f"answer the query.\nQuery: {question}\nAnswer: ")
    return [{"role": "system", "content": LLAMA_INDEX_SYSTEM}, {"role": "user", "content": user}]


def layout_triple_quotes(passages, question, r):
    context = "\n\n".join(p.text for p in passages)
    return [{"role": "user", "content": "Answer the question based on the text delimited by triple quotes. "
             f'If the text does not answer it, say so.\n\n"""\n{context}\n"""\n\nQuestion: {question}'}]


def layout_bold_sources(passages, question, r):
    titles = _titles(passages, r)
    docs = "\n\n".join(f"**Source {i}** ({t})\n{p.text}"
                       for i, (t, p) in enumerate(zip(titles, passages), start=1))
    return [{"role": "system", "content": _instruction(r)},
            {"role": "user", "content": f"{docs}\n\n**Question:** {question}"}]


def layout_json(passages, question, r):
    titles = _titles(passages, r)
    docs = [{"id": t, "text": p.text} for t, p in zip(titles, passages)]
    return [{"role": "system", "content": _instruction(r)},
            {"role": "user", "content": f"Documents:\n{json.dumps(docs, indent=1, ensure_ascii=False)}"
                                        f"\n\nQuestion: {question}"}]


LAYOUTS = {
    "context_question": layout_context_question, "markdown": layout_markdown,
    "xml_context": layout_xml_context, "xml_documents": layout_xml_documents,
    "numbered": layout_numbered, "labelled_list": layout_labelled_list,
    "question_first": layout_question_first, "system_context": layout_system_context,
    "llama_index": layout_llama_index, "triple_quotes": layout_triple_quotes,
    "bold_sources": layout_bold_sources, "json": layout_json,
}


def no_context_messages(question: str, r: random.Random) -> list[dict]:
    """A question with no passages at all (the model has nothing to quote)."""
    system = r.choice(NO_CONTEXT_SYSTEMS)
    user = r.choice(["{q}", "{q}", "Question: {q}", "Please answer: {q}", "Q: {q}"]).format(q=question)
    return ([{"role": "system", "content": system}] if system else []) + [{"role": "user", "content": user}]


def words(messages: list[dict]) -> int:
    return sum(len(m["content"].split()) for m in messages)


# ----------------------------------------------------------------------------------------
# Examples


@dataclass
class Draft:
    """What an example needs before it gets a layout."""

    question: str
    answer_facts: list[tuple[Passage, str]]  # (passage, fact key) whose sentences answer, in any order
    passages: list[Passage]  # all passages, targets included, in prompt order


def _passage_count(r: random.Random) -> int:
    return r.choice([1, 2, 2, 3, 3, 3, 4, 4, 5, 6, 7, 8])


def _place(targets: list[Passage], distractors: list[Passage], r: random.Random) -> list[Passage]:
    passages = targets + distractors
    r.shuffle(passages)
    return passages


def _distractor_passages(pool, near, r, k, avoid) -> list[Passage]:
    return [make_passage(e, r) for e in pool.others(r, near, k, avoid)]


def draft_table(pool: EntityPool, r: random.Random, missing: str | None = None) -> Draft:
    """A table of entities of one kind (plus maybe prose passages) and a question about one of them.

    missing: None (the target's row answers), "entity" (no row for it) or "fact" (no column for it).
    """
    entity = r.choice(pool.tabular)
    peers = [e for e in pool.by_kind[(entity.domain, entity.kind)] if e is not entity and e.values]
    rows = r.sample(peers, min(len(peers), r.randint(2, 5)))
    fact = r.choice([f for f in entity.facts if entity.cell(f.key) is not None])
    if missing != "entity":
        rows.append(entity)
        r.shuffle(rows)
    keys = table_columns(rows, r, must=None if missing == "fact" else fact.key,
                         drop=fact.key if missing == "fact" else None)
    table = make_table(rows, keys, None if missing == "entity" else entity)
    others = _distractor_passages(pool, entity, r, r.choice([0, 0, 1, 2]), {e.name for e in rows} | {entity.name})
    answer = [] if missing else [(table, fact.key)]
    return Draft(ask(entity, fact, r), answer, _place([table], others, r))


def draft_single(pool: EntityPool, r: random.Random) -> Draft:
    if r.random() < TABLE_SHARE:
        return draft_table(pool, r)
    entity = pool.pick(r)
    fact = r.choice(entity.facts)
    target = make_passage(entity, r, must=(fact.key,), named=(fact.key,) if r.random() < 0.75 else ())
    others = _distractor_passages(pool, entity, r, _passage_count(r) - 1, {entity.name})
    return Draft(ask(entity, fact, r), [(target, fact.key)], _place([target], others, r))


def draft_linked(pool: EntityPool, r: random.Random) -> Draft | None:
    """A question that needs a fact and then a fact about what it points to (the author's country)."""
    entity = pool.pick(r)
    links = [f for f in entity.facts if f.link and f.link in pool.by_name]
    if not links:
        return None
    link = r.choice(links)
    other = pool.by_name[link.link]
    wanted = r.choice(other.facts)
    first = make_passage(entity, r, must=(link.key,), named=(link.key,))
    second = make_passage(other, r, must=(wanted.key,), named=(wanted.key,))
    template = r.choice(LINKED_QUESTIONS)
    question = _styled(template.format(e=mention(entity.name, r), role=link.role, noun=wanted.noun), r, False)
    others = _distractor_passages(pool, entity, r, max(0, _passage_count(r) - 2), {entity.name, other.name})
    return Draft(question, [(first, link.key), (second, wanted.key)], _place([first, second], others, r))


def draft_same_attribute(pool: EntityPool, r: random.Random) -> Draft | None:
    """The same attribute of two entities of one kind (the star ratings of two hotels)."""
    a = pool.pick(r)
    peers = [e for e in pool.by_kind[(a.domain, a.kind)] if e is not a]
    if not peers:
        return None
    b = r.choice(peers)
    shared = [f for f in a.facts if any(g.key == f.key for g in b.facts)]
    if not shared:
        return None
    fact = r.choice(shared)
    first = make_passage(a, r, must=(fact.key,), named=(fact.key,))
    second = make_passage(b, r, must=(fact.key,), named=(fact.key,))
    template = r.choice(SAME_ATTRIBUTE_QUESTIONS)
    question = _styled(template.format(a=mention(a.name, r), b=mention(b.name, r), noun=fact.noun), r, False)
    others = _distractor_passages(pool, a, r, max(0, _passage_count(r) - 2), {a.name, b.name})
    return Draft(question, [(first, fact.key), (second, fact.key)], _place([first, second], others, r))


def draft_two_questions(pool: EntityPool, r: random.Random) -> Draft | None:
    """Two unrelated questions in one message."""
    a = pool.pick(r)
    b = pool.pick(r) if r.random() < 0.5 else r.choice(pool.by_domain[a.domain])
    if b is a:
        return None
    fa, fb = r.choice(a.facts), r.choice(b.facts)
    first = make_passage(a, r, must=(fa.key,), named=(fa.key,))
    second = make_passage(b, r, must=(fb.key,), named=(fb.key,))
    q1, q2 = ask(a, fa, r, casual=False), ask(b, fb, r, casual=False)
    if not q1.endswith((".", "?")):
        q1 += "?"
    join = r.choice(TWO_QUESTION_JOINS)
    if join in ("{q1} Also, {q2}", "{q1} And {q2}"):
        q2 = q2[:1].lower() + q2[1:] if not q2.startswith(b.name) else q2
    question = join.format(q1=q1, q2=q2)
    others = _distractor_passages(pool, a, r, max(0, _passage_count(r) - 2), {a.name, b.name})
    return Draft(question, [(first, fa.key), (second, fb.key)], _place([first, second], others, r))


def draft_two_facts(pool: EntityPool, r: random.Random) -> Draft:
    while True:
        roll = r.random()
        maker = draft_linked if roll < 0.45 else draft_same_attribute if roll < 0.8 else draft_two_questions
        draft = maker(pool, r)
        if draft is not None:
            return draft


def draft_abstain(pool: EntityPool, r: random.Random) -> Draft:
    """Passages that do not answer: the fact is missing, the entity is missing, or nobody records it."""
    if r.random() < TABLE_SHARE:
        return draft_table(pool, r, missing=r.choice(["entity", "fact"]))
    entity = pool.pick(r)
    roll = r.random()
    if roll < 0.4 and len(entity.facts) > 1:  # the entity is there, the fact is not
        fact = r.choice(entity.facts)
        target = make_passage(entity, r, drop=(fact.key,))
        others = _distractor_passages(pool, entity, r, _passage_count(r) - 1, {entity.name})
        return Draft(ask(entity, fact, r), [], _place([target], others, r))
    if roll < 0.75:  # the entity is not there; its neighbours are
        fact = r.choice(entity.facts)
        others = _distractor_passages(pool, entity, r, max(1, _passage_count(r)), {entity.name})
        return Draft(ask(entity, fact, r), [], _place([], others, r))
    target = make_passage(entity, r)  # something no database records
    others = _distractor_passages(pool, entity, r, _passage_count(r) - 1, {entity.name})
    return Draft(ask_unrecorded(entity, r.choice(entity.unknown), r), [], _place([target], others, r))


def _answer(draft: Draft) -> str:
    """The answering sentences, in the order the prompt shows them, or the abstention."""
    if not draft.answer_facts:
        return NOT_IN_PASSAGES
    order = {id(p): i for i, p in enumerate(draft.passages)}
    ranked = sorted(draft.answer_facts, key=lambda pair: order[id(pair[0])])
    return " ".join(p.carriers[key] for p, key in ranked)


def render(draft: Draft, r: random.Random) -> list[dict]:
    """Lay a draft out as chat messages, dropping distractors until it fits the word budget."""
    layout = LAYOUTS[r.choice(sorted(LAYOUTS))]
    targets = {id(p) for p, _ in draft.answer_facts}
    while True:
        state = r.getstate()
        messages = layout(draft.passages, draft.question, r)
        spare = [p for p in draft.passages if id(p) not in targets]
        if words(messages) <= MAX_PROMPT_WORDS or len(spare) == (0 if targets else 1):
            return messages
        r.setstate(state)
        draft.passages.remove(spare[-1])


def qa_example(pool: EntityPool, case: str, r: random.Random) -> dict:
    """One chat example of the given case: single, two_facts, abstain or no_context."""
    if case == "no_context":
        entity = pool.pick(r)
        question = ask(entity, r.choice(entity.facts), r)
        return {"messages": no_context_messages(question, r) + [{"role": "assistant", "content": NO_CONTEXT}]}
    draft = {"single": draft_single, "two_facts": draft_two_facts, "abstain": draft_abstain}[case](pool, r)
    messages = render(draft, r)
    return {"messages": messages + [{"role": "assistant", "content": _answer(draft)}]}


def case_plan(n: int, r: random.Random) -> list[str]:
    """Exactly the target share of each case, in a shuffled order."""
    plan = []
    for case, share in SHARES.items():
        plan += [case] * round(n * share)
    plan += ["single"] * (n - len(plan))
    r.shuffle(plan)
    return plan


def build_qa(entities: list[Entity], n: int, r: random.Random) -> list[dict]:
    pool = EntityPool(entities)
    return [qa_example(pool, case, r) for case in case_plan(n, r)]
