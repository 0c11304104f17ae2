"""Turn a read prompt into numbers: sentence-embedder vectors plus a few simple features.

The pretrained all-MiniLM-L6-v2 embedder links words to passages and labels (its cosine
similarity says "this sentence is about rooms"); the lexical features below add what
embeddings blur: does the sentence contain the very name or number the question mentions?
The trained network (network.py) decides from these.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from course_utils.offline.model.embedder import Embedder, cosines
from course_utils.offline.reading.prompt_reader import ReadPrompt
from course_utils.offline.reading.words import content_words

MAX_SENTENCES = 96  # candidate sentences kept per prompt (the most similar to the question)
MAX_LABELS = 32  # labels read per prompt
SENTENCE_FEATURES = 9
LABEL_FEATURES = 8
GLOBAL_FEATURES = 10

_NUMERIC_QUESTION = re.compile(r"\b(how (many|much|long|old|far|big)|what (is|are) the (price|cost|fee)|"
                               r"when|which year|what year|what date|how soon|number of|cost)\b", re.I)
_WH_START = re.compile(r"^\s*(what|which|who|whom|whose|when|where|why|how|is|are|do|does|can|"
                       r"could|will|would|should|did|was|were|has|have)\b", re.I)


def numbers_in(text: str) -> set[str]:
    return set(re.findall(r"\d+(?:[.,]\d+)?", text))


@dataclass
class Features:
    """Everything the network sees of one request."""

    question: np.ndarray  # (D,) embedding of the question / text to classify
    sentences: list[str]  # candidate sentences, at most MAX_SENTENCES
    sentence_vectors: np.ndarray  # (M, D)
    sentence_features: np.ndarray  # (M, SENTENCE_FEATURES)
    sentence_passage: np.ndarray  # (M,) index of the passage each sentence came from
    labels: list[str]  # label names as written in the prompt
    label_vectors: np.ndarray  # (K, D) embedding of "name: description"
    label_features: np.ndarray  # (K, LABEL_FEATURES)
    global_features: np.ndarray  # (GLOBAL_FEATURES,)
    question_words: set[str]


def _question_text(read: ReadPrompt) -> str:
    return read.question or read.full_text[-500:]


def _described(read: ReadPrompt) -> list[str]:
    return [f"{l.name}: {l.description}" if l.description else l.name for l in read.labels[:MAX_LABELS]]


def _sentences_with_context(read: ReadPrompt) -> list[tuple[str, int, str]]:
    """(sentence, passage index, text to embed): a sentence is embedded with its heading."""
    return [(sentence, i, f"{context}: {sentence}" if context else sentence)
            for i, passage in enumerate(read.passages)
            for sentence, context in zip(passage.sentences, passage.contexts)]


def texts_to_embed(read: ReadPrompt) -> list[str]:
    """Every text `featurize` embeds, so that many prompts can be embedded in one batch first."""
    return ([_question_text(read)] + [t for _, _, t in _sentences_with_context(read)]
            + [l.name for l in read.labels[:MAX_LABELS]]
            + _described(read) + [text for text, _ in read.examples])


def featurize(read: ReadPrompt, embed: Embedder) -> Features:
    """Embed and describe the question, its candidate sentences and its labels."""
    question = _question_text(read)
    q_vec = embed([question])[0]
    q_words, q_numbers = content_words(question), numbers_in(question)
    numeric_question = float(bool(_NUMERIC_QUESTION.search(question)))

    # Candidate sentences: all of them, or the MAX_SENTENCES most similar to the question.
    triples = _sentences_with_context(read)
    vectors = embed([text for _, _, text in triples])
    cos = cosines(vectors, q_vec)
    keep = np.sort(np.argsort(-cos, kind="stable")[:MAX_SENTENCES])
    triples, vectors, cos = [triples[i] for i in keep], vectors[keep], cos[keep]
    sentences = [s for s, _, _ in triples]
    best = float(cos.max()) if len(cos) else 0.0
    rank = np.argsort(np.argsort(-cos, kind="stable"), kind="stable") if len(cos) else np.zeros(0)
    # Question words that few sentences share say what is asked ("manager"); words every sentence
    # shares (the entity's name) say little. Weight each question word by 1 / (1 + sentences with it).
    sentence_words = [content_words(in_context) for _, _, in_context in triples]
    weight = {w: 1.0 / (1 + sum(w in words for words in sentence_words)) for w in q_words}
    total_weight = sum(weight.values()) or 1.0
    passage_words = set().union(*sentence_words) if sentence_words else set()
    rows = []
    for k, (sentence, _, in_context) in enumerate(triples):
        words = sentence_words[k]
        rows.append([
            cos[k],
            cos[k] - best,
            len(q_words & words) / max(1, len(q_words)),  # how much of the question it covers
            len(q_words & words) / max(1, len(words)),  # how focused it is on the question
            float(bool(q_numbers & numbers_in(sentence))),
            numeric_question * float(bool(numbers_in(sentence))),
            1.0 / (1.0 + rank[k]),
            min(len(words), 40) / 40,
            sum(weight[w] for w in q_words & words) / total_weight,  # covers the telling words?
        ])
    sentence_features = np.array(rows, dtype=np.float32).reshape(-1, SENTENCE_FEATURES)

    # Labels: embed "name: description" (or the name alone), plus evidence from examples.
    labels = [label.name for label in read.labels][:MAX_LABELS]
    label_vectors = embed(_described(read))
    name_cos = cosines(embed(labels), q_vec)
    full_cos = cosines(label_vectors, q_vec)
    example_texts = [text for text, _ in read.examples]
    example_labels = [label.lower() for _, label in read.examples]
    example_cos = cosines(embed(example_texts), q_vec)
    nearest = np.argsort(-example_cos, kind="stable")[:5] if len(example_cos) else []
    rows = []
    for k, label in enumerate(read.labels[:MAX_LABELS]):
        mine = [example_cos[i] for i, name in enumerate(example_labels) if name == label.name.lower()]
        votes = sum(1 for i in nearest if example_labels[i] == label.name.lower())
        rows.append([
            name_cos[k],
            full_cos[k],
            float(bool(label.description)),
            max(mine) if mine else 0.0,
            float(np.mean(sorted(mine)[-2:])) if mine else 0.0,
            votes / max(1, len(nearest)),
            float(bool(mine)),
            len(q_words & content_words(label.name + " " + label.description)) / max(1, len(q_words)),
        ])
    label_features = np.array(rows, dtype=np.float32).reshape(-1, LABEL_FEATURES)

    top = np.sort(sentence_features[:, 0])[::-1] if len(sentences) else np.zeros(0)
    global_features = np.array([
        float(bool(read.passages)),
        float(bool(labels)),
        best,
        float(top[0] - top[1]) if len(top) > 1 else 0.0,
        float(sentence_features[:, 2].max()) if len(sentences) else 0.0,
        float(question.strip().endswith("?") or bool(_WH_START.match(question))),
        numeric_question,
        min(len(sentences), 50) / 50,
        len(q_words - passage_words) / max(1, len(q_words)),  # question words found nowhere in the passages
        float(sentence_features[:, 8].max()) if len(sentences) else 0.0,
    ], dtype=np.float32)
    return Features(q_vec, sentences, vectors.reshape(-1, len(q_vec)), sentence_features,
                    np.array([i for _, i, _ in triples], dtype=np.int64), labels,
                    label_vectors.reshape(-1, len(q_vec)), label_features, global_features, q_words)
