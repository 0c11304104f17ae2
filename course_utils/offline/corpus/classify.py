"""Classification chat examples for pre-training the offline model.

The prompt lists the labels (a comma list, bullets with descriptions, a markdown table, JSON,
"Choose one of ...", numbered or in tags), sometimes with labelled examples (inline or as earlier
user/assistant turns), and the text to classify. The answer is exactly one label as the prompt
writes it: its name, its lower-case form, an UPPER_SNAKE form or a short code. Descriptions and
examples carry real information, so a model that reads them does better than one that only
sees cryptic codes.
"""

from __future__ import annotations

import json
import random

from course_utils.offline.corpus.classify_tasks import Label, Task, load_tasks

MAX_PROMPT_WORDS = 350

# How often each task is drawn (intent tasks share their weight).
TASK_WEIGHTS = {
    "hospital_department": 8, "vet_specialty": 6, "film_category": 7, "book_genre": 7,
    "course_department": 5, "dish_course": 4, "player_position": 5, "concert_genre": 4,
    "property_type": 4, "bike_status": 3, "review_sentiment": 8, "question_domain": 12, "intent": 30,
}

OTHER_NAMES = {"name": "Other", "lower": "other", "upper_snake": "OTHER", "code": "OTH", "title": "Other"}
OTHER_DESCRIPTION = "none of the other labels fits"

LABEL_HEADS = ["Labels:", "Categories:", "Classes:", "Possible labels:", "Allowed labels:", "Options:"]

INSTRUCTIONS = [
    "Classify the text into exactly one of the labels.",
    "You are a text classifier.",
    "Sort each incoming message into one category.",
    "Read the text and decide which label fits best.",
    "Your job is to tag texts with the right category.",
    "Assign one label to the input.",
]

ENDINGS = [
    "Answer with the label only.", "Reply with one label and nothing else.",
    "Respond with exactly one of the labels above.", "Output only the label.", "",
]


# ----------------------------------------------------------------------------------------
# How labels look in a prompt


def shown_name(label: Label, style: str) -> str:
    """A label as this prompt writes it."""
    if style == "code":
        return label.code
    if style == "lower":
        return label.name.lower()
    if style == "upper_snake":
        return "_".join(label.name.upper().replace("-", " ").split())
    if style == "title":
        return " ".join(word[:1].upper() + word[1:] for word in label.name.split())
    return label.name


def list_labels(shown: list[tuple[str, str]], layout: str, with_descriptions: bool, r: random.Random) -> str:
    """The label list in one of the layouts learners use. shown: (name as written, description)."""
    head = r.choice(LABEL_HEADS)
    names = [name for name, _ in shown]
    if layout == "comma":
        return f"{head} {', '.join(names)}"
    if layout == "choose":
        if r.random() < 0.5:
            return f"Choose one of: {' | '.join(names)}"
        return f"Answer with one of {', '.join(names[:-1])} or {names[-1]}."
    if layout == "json":
        if with_descriptions:
            return f"{head}\n{json.dumps(dict(shown), indent=2, ensure_ascii=False)}"
        return f"{head} {json.dumps(names, ensure_ascii=False)}"
    if layout == "table":
        if with_descriptions:
            rows = "\n".join(f"| {name} | {description} |" for name, description in shown)
            return f"{head}\n| Label | Description |\n|---|---|\n{rows}"
        return f"{head}\n| Label |\n|---|\n" + "\n".join(f"| {name} |" for name in names)
    separator = r.choice([": ", " - "])
    lines = [f"{name}{separator}{description}" if with_descriptions else name for name, description in shown]
    if layout == "numbered":
        return f"{head}\n" + "\n".join(f"{i}. {line}" for i, line in enumerate(lines, start=1))
    if layout == "xml":
        return "<labels>\n" + "\n".join(lines) + "\n</labels>"
    return f"{head}\n" + "\n".join(f"- {line}" for line in lines)  # bullets


LABEL_LAYOUTS = ["comma", "choose", "json", "table", "numbered", "xml", "bullets", "bullets"]


# ----------------------------------------------------------------------------------------
# How the text (and example texts) look


def text_block(text: str, task: Task, style: str) -> str:
    name = {"text": "Text", "message": "Message", "input": "Input", "what": task.what.capitalize()}
    if style == "quotes":
        return f'{name["text"]}:\n"""\n{text}\n"""'
    if style == "tag":
        return f"<text>\n{text}\n</text>"
    return f"{name[style]}: {text}"


TEXT_STYLES = ["text", "message", "input", "what", "quotes", "tag"]


def examples_block(examples: list[tuple[str, str]], task: Task, r: random.Random) -> str:
    """Labelled examples written inline: arrows, or text/label blocks."""
    style = r.choice(["arrow", "arrow_plain", "blocks"])
    if style == "arrow":
        return "Examples:\n" + "\n".join(f"Text: {t} -> {label}" for t, label in examples)
    if style == "arrow_plain":
        return "Examples:\n" + "\n".join(f"{t} => {label}" for t, label in examples)
    answer = r.choice(["Label", "Category", "Answer", "Output"])
    return "Examples:\n\n" + "\n\n".join(f"Input: {t}\n{answer}: {label}" for t, label in examples)


# ----------------------------------------------------------------------------------------
# One example


def _pick_labels(task: Task, gold: str, r: random.Random) -> tuple[list[Label], bool]:
    """The labels this prompt offers (sometimes a subset), and whether 'other' is the answer."""
    labels = list(task.labels)
    if len(labels) > 4 and r.random() < 0.3:
        others = [label for label in labels if label.name != gold]
        labels = [task.label(gold)] + r.sample(others, r.randint(2, len(others) - 1))
    other_is_answer = add_other = r.random() < 0.08  # an "other" option, last as usual
    if add_other and r.random() < 0.5 and len(labels) > 3:
        labels = [label for label in labels if label.name != gold]  # the right label is not offered
    else:
        other_is_answer = False
    r.shuffle(labels)
    if add_other:
        labels.append(Label("other", "OTH", OTHER_DESCRIPTION))
    return labels, other_is_answer


def _name_for(label: Label, style: str) -> str:
    return OTHER_NAMES[style] if label.name == "other" and label.code == "OTH" else shown_name(label, style)


def classify_example(task: Task, r: random.Random) -> dict:
    """One prompt for a task: instructions, labels, maybe examples, the text; the gold label last."""
    text, gold = r.choice(task.items)
    labels, other_is_answer = _pick_labels(task, gold, r)
    style = r.choices(["name", "lower", "upper_snake", "code", "title"], [5, 2, 2, 3, 1])[0]
    shown = {label.name: _name_for(label, style) for label in labels}
    if len(set(shown.values())) < len(shown):
        style, shown = "name", {label.name: _name_for(label, "name") for label in labels}
    with_descriptions = r.random() < (0.6 if style == "code" else 0.45)
    listing = list_labels([(shown[l.name], l.description) for l in labels], r.choice(LABEL_LAYOUTS),
                          with_descriptions, r)
    n_examples = 0 if r.random() < (0.4 if style == "code" else 0.55) else r.randint(1, 8)
    offered = [label.name for label in labels if label.name != "other"]
    pool = [(t, g) for t, g in task.items if g in offered and t != text]
    examples = [(t, shown[g]) for t, g in r.sample(pool, min(n_examples, len(pool)))]
    answer = shown["other"] if other_is_answer else shown[gold]
    text_style = r.choice(TEXT_STYLES)
    instruction = r.choice([r.choice(INSTRUCTIONS), task.question, f"{r.choice(INSTRUCTIONS)} {task.question}"])
    ending = r.choice(ENDINGS)
    layout = r.choice(["system_rules", "all_in_user", "text_first", "chat_examples"])
    while True:
        messages = _lay_out(layout, instruction, listing, ending, examples, text, task, text_style, r)
        if sum(len(m["content"].split()) for m in messages) <= MAX_PROMPT_WORDS or not examples:
            return {"messages": messages + [{"role": "assistant", "content": answer}]}
        examples = examples[:-1]


def _lay_out(layout, instruction, listing, ending, examples, text, task, text_style, r) -> list[dict]:
    """Messages for one of four layouts."""
    query = text_block(text, task, text_style)
    if layout == "chat_examples" and examples:
        system = "\n\n".join(part for part in (instruction, listing, ending) if part)
        turns = []
        for example_text, label in examples:
            turns += [{"role": "user", "content": text_block(example_text, task, text_style)},
                      {"role": "assistant", "content": label}]
        return [{"role": "system", "content": system}, *turns, {"role": "user", "content": query}]
    shots = examples_block(examples, task, r) if examples else ""
    if layout == "system_rules":
        system = "\n\n".join(part for part in (instruction, listing, shots, ending) if part)
        return [{"role": "system", "content": system}, {"role": "user", "content": query}]
    if layout == "text_first":  # (examples after the text would read as more texts: none here)
        user = "\n\n".join(part for part in (query, f"{task.question}\n{listing}", ending) if part)
        return [{"role": "user", "content": user}]
    user = "\n\n".join(part for part in (instruction, listing, shots, query, ending) if part)
    return [{"role": "user", "content": user}]


def build_classify(tasks: list[Task], n: int, r: random.Random) -> list[dict]:
    """n classification examples, tasks drawn by TASK_WEIGHTS."""
    weights = []
    n_intents = sum(task.name.startswith("intent_") for task in tasks)
    for task in tasks:
        key = "intent" if task.name.startswith("intent_") else task.name
        weights.append(TASK_WEIGHTS.get(key, 4) / (n_intents if key == "intent" else 1))
    chosen = r.choices(tasks, weights, k=n)
    return [classify_example(task, r) for task in chosen]


def tasks_for(r: random.Random, domains: list[str], entity_questions: list[tuple[str, str]]) -> list[Task]:
    return [task for task in load_tasks(r, domains, entity_questions) if task.items]
