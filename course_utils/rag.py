"""Retrieval-augmented generation over Acme's knowledge base, one measured rung at a time (lesson 03).

- `kb_documents`: the Markdown documents as llama-index Documents, their front matter as metadata;
- `build_index`: chunk them (size and overlap) and embed the chunks into a vector index;
- `PreferCurrentVersion` and `domain_filter`: reranking rules, as llama-index postprocessors and
  metadata filters;
- `RagRecipe` names one rung (chunking, top-k, rules, prompt); `RagKitchen` builds each index once;
  `rag_predictor` turns a recipe into a predictor for `course_utils.runner.evaluate`. Its predictions
  carry the documents of the passages they used, so one run gives answer accuracy and retrieval
  metrics together (`retrieval_metrics`, with llama-index's own hit rate, MRR, recall and precision);
- `qa_split`: the QA set split once into dev (to choose rungs on) and test (to report).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from course_utils.datasets import load_kb_docs, load_kb_qa
from course_utils.label_eval import first_label_in
from course_utils.predictors import Trace, TracedPrediction, classify_messages, qa_messages

# Front matter the embedder reads with each chunk (a title says what a chunk is about); the rest
# (dates, versions) is for rules and filters only.
EMBEDDED_METADATA = ("doc_id", "title")


def qa_split(seed: int = 0) -> tuple[list[dict], list[dict]]:
    """(dev, test): the knowledge-base questions split in two halves with a fixed seed, each with
    its share of unanswerable questions. Choose rungs on dev; report on test."""
    answerable = [q for q in load_kb_qa() if q["answer"] is not None]
    unanswerable = [q for q in load_kb_qa() if q["answer"] is None]
    dev, test = [], []
    for group in (answerable, unanswerable):
        group = list(group)
        random.Random(seed).shuffle(group)
        dev += group[: len(group) // 2]
        test += group[len(group) // 2:]
    order = {q["id"]: i for i, q in enumerate(load_kb_qa())}
    return sorted(dev, key=lambda q: order[q["id"]]), sorted(test, key=lambda q: order[q["id"]])


def kb_documents(current_only: bool = False) -> list:
    """The knowledge base as llama-index Documents with their front matter as metadata, and
    `superseded_by` set on documents a newer version replaces. current_only: leave those out."""
    from llama_index.core import Document

    docs = load_kb_docs()
    successor = {doc["supersedes"]: doc["id"] for doc in docs if doc.get("supersedes")}
    documents = []
    for doc in docs:
        if current_only and doc["id"] in successor:
            continue
        metadata = {"doc_id": doc["id"], "title": doc["title"], "domain": doc["domain"],
                    "effective_date": str(doc.get("effective_date", "")),
                    "superseded_by": successor.get(doc["id"], "")}
        documents.append(Document(text=doc["body"], id_=doc["id"], metadata=metadata,
                                  excluded_embed_metadata_keys=[k for k in metadata if k not in EMBEDDED_METADATA],
                                  excluded_llm_metadata_keys=list(metadata)))
    return documents


def build_index(documents, chunk_size: int | None = None, chunk_overlap: int | None = None):
    """A VectorStoreIndex of the documents cut into chunks of at most chunk_size tokens (tiktoken's),
    chunk_overlap of them shared by neighbours; None: llama-index's Settings (configure_llama_index)."""
    from llama_index.core import Settings, VectorStoreIndex
    from llama_index.core.node_parser import SentenceSplitter

    size = chunk_size or Settings.chunk_size
    overlap = min(Settings.chunk_overlap, size // 5) if chunk_overlap is None else chunk_overlap
    splitter = SentenceSplitter(chunk_size=size, chunk_overlap=overlap)
    return VectorStoreIndex(splitter.get_nodes_from_documents(documents))


# ---------------------------------------------------------------------------------------------
# Reranking rules

def _prefer_current_class():
    from llama_index.core.postprocessor.types import BaseNodePostprocessor

    class PreferCurrentVersion(BaseNodePostprocessor):
        """Drop chunks of documents that a newer version supersedes ("prefer the most recent")."""

        def _postprocess_nodes(self, nodes, query_bundle=None):
            return [hit for hit in nodes if not hit.node.metadata.get("superseded_by")]

    return PreferCurrentVersion


def prefer_current_version():
    """A llama-index node postprocessor that drops chunks of superseded documents."""
    return _prefer_current_class()()


DOMAINS = {
    "policy": "Acme's rules: returns, refunds, warranty, shipping, privacy, membership terms, business accounts.",
    "product": "Acme's products: specifications, prices, sizes, materials, care, the catalog and its SKUs.",
    "howto": "Step-by-step procedures for support agents: refunds, damaged or wrong items, escalations.",
    "faq": "Short answers to customers' common questions about orders, accounts and services.",
    "release_notes": "What changed in Acme's app and website, release by release.",
}


def domain_filter(domain: str):
    """llama-index MetadataFilters that keep the chunks of one domain (see DOMAINS)."""
    from llama_index.core.vector_stores import ExactMatchFilter, MetadataFilters

    if domain not in DOMAINS:
        raise ValueError(f"Unknown domain {domain!r}; the domains are {', '.join(DOMAINS)}")
    return MetadataFilters(filters=[ExactMatchFilter(key="domain", value=domain)])


# ---------------------------------------------------------------------------------------------
# A tool: product facts from the database

NOT_IN_DOCUMENTS = "The passages do not contain the answer."
_FACT_WORDS = {"price": ("price", "cost"), "warranty": ("warranty",),
               "availability": ("discontinued", "still buy", "still available", "in the catalog")}


class ProductFacts:
    """Acme's product table as a tool: find the product a question names, expand the question with
    its SKU and category (query expansion), and answer questions about its price, warranty or
    availability with a read-only SQL query instead of from the documents."""

    QUERY = ("SELECT p.prd_nm, p.sku_cd, c.cat_nm, p.lst_prc, p.wrnty_yrs, p.dscntd_flg "
             "FROM prd_mstr p JOIN cat_ref c ON c.cat_cd = p.cat_cd")

    def __init__(self, db_path=None):
        from course_utils.datasets import ACME_DB
        from course_utils.sql import run_sql

        rows = run_sql(db_path or ACME_DB, self.QUERY)
        # Longest names first, so "Basecamp 65 Backpack" wins over a shorter name inside it.
        self.products = sorted(rows, key=lambda row: -len(row[0]))

    def named_in(self, question: str):
        """The product row the question names (name or SKU), or None."""
        text = question.lower()
        return next((row for row in self.products if row[0].lower() in text or row[1].lower() in text), None)

    def expand(self, question: str) -> str:
        row = self.named_in(question)
        return f"{question} ({row[1]}, {row[2]})" if row else question

    def answer(self, question: str) -> str | None:
        """The fact the question asks for, as a sentence, or None when it is not a fact question."""
        row = self.named_in(question)
        asked = [fact for fact, words in _FACT_WORDS.items() if any(w in question.lower() for w in words)]
        if row is None or len(asked) != 1:
            return None
        name, sku, _, price, warranty_years, discontinued = row
        if asked[0] == "price":
            return f"The {name} ({sku}) costs ${price:.2f}."
        if asked[0] == "warranty":
            return f"The {name} has a warranty of {warranty_years} year{'s' * (warranty_years != 1)}."
        return f"The {name} is {'discontinued' if discontinued == 'Y' else 'available'}."


# ---------------------------------------------------------------------------------------------
# Recipes

@dataclass(frozen=True)
class RagRecipe:
    """The ingredients of one rung of the RAG ladder."""

    chunk_size: int | None = None  # tokens per chunk; None: Settings.chunk_size (fits the embedder)
    chunk_overlap: int | None = None  # tokens shared by neighbouring chunks; None: Settings' (capped)
    top_k: int = 3  # passages given to the model
    current_only: bool = False  # drop chunks of superseded documents (prefer the most recent)
    candidates: int | None = None  # retrieve this many before the rules cut to top_k; None: top_k
    sources: bool = False  # show each passage's title and date above it in the prompt
    min_score: float | None = None  # best passage less similar than this: say "not in the docs", no call
    expand_products: bool = False  # add a named product's SKU and category to the search query
    product_facts: bool = False  # answer price, warranty and availability questions from the database
    by_domain: bool = False  # ask the chat model for the question's domain, search only that domain


@dataclass
class RagKitchen:
    """What every recipe draws on: the client, the chat model, and one index per chunking."""

    client: object  # an openai.OpenAI client
    model: str  # the chat model that answers
    indexes: dict = field(default_factory=dict)  # (chunk_size, chunk_overlap) -> VectorStoreIndex
    products: ProductFacts = field(default_factory=ProductFacts)

    def index(self, recipe: RagRecipe):
        key = (recipe.chunk_size, recipe.chunk_overlap)
        if key not in self.indexes:
            self.indexes[key] = build_index(kb_documents(), recipe.chunk_size, recipe.chunk_overlap)
        return self.indexes[key]

    def domain_of(self, question: str) -> str:
        """The domain (DOMAINS) the chat model names for the question; "policy" when it names none."""
        response = self.client.chat.completions.create(
            model=self.model, messages=classify_messages(question, list(DOMAINS), DOMAINS), temperature=0, max_tokens=10)
        return first_label_in(response.choices[0].message.content or "", DOMAINS) or "policy"

    def passages(self, recipe: RagRecipe, question: str) -> list:
        """The chunks (llama-index NodeWithScore) the recipe puts in the prompt, best first."""
        filters = domain_filter(self.domain_of(question)) if recipe.by_domain else None
        retriever = self.index(recipe).as_retriever(similarity_top_k=recipe.candidates or recipe.top_k,
                                                    filters=filters)
        hits = retriever.retrieve(self.products.expand(question) if recipe.expand_products else question)
        if recipe.current_only:
            hits = prefer_current_version().postprocess_nodes(hits)
        return hits[: recipe.top_k]


def passage_text(hit, sources: bool = False) -> str:
    """A chunk's text for the prompt; with sources, its document's title and date above it."""
    text = hit.node.get_content()
    if not sources:
        return text
    meta = hit.node.metadata
    return f"[{meta['title']}, {meta['doc_id']}, effective {meta['effective_date']}]\n{text}"


@dataclass
class RagPrediction(TracedPrediction):
    doc_ids: list = field(default_factory=list)  # the documents of the passages, in rank order
    passages: list = field(default_factory=list)  # the passages' texts as the model saw them
    tool: str = ""  # what answered instead of the chat model, if anything


def rag_predictor(recipe: RagRecipe, kitchen: RagKitchen, **params):
    """A predictor: retrieve the recipe's passages for item["question"], answer from them."""

    def predict(item: dict) -> RagPrediction:
        fact = kitchen.products.answer(item["question"]) if recipe.product_facts else None
        if fact:
            return RagPrediction(text=fact, prompt_tokens=0, completion_tokens=0, cost_usd=0.0, tool="product facts")
        hits = kitchen.passages(recipe, item["question"])
        passages = [passage_text(hit, recipe.sources) for hit in hits]
        if recipe.min_score is not None and (not hits or (hits[0].score or 0.0) < recipe.min_score):
            return RagPrediction(text=NOT_IN_DOCUMENTS, prompt_tokens=0, completion_tokens=0, cost_usd=0.0,
                                 doc_ids=[hit.node.metadata["doc_id"] for hit in hits], passages=passages,
                                 tool="below min_score")
        trace = Trace(kitchen.client)
        answer = trace.chat(kitchen.model, qa_messages(item["question"], passages), **params)
        return RagPrediction(**vars(trace.prediction(answer)), doc_ids=[hit.node.metadata["doc_id"] for hit in hits],
                             passages=passages)

    return predict


# ---------------------------------------------------------------------------------------------
# Retrieval metrics

RETRIEVAL_METRICS = ("hit_rate", "mrr", "recall", "precision")


def retrieval_metrics(expected_ids, retrieved_ids) -> dict:
    """llama-index's hit rate, MRR, recall and precision of one question's retrieved document ids
    (rank order; repeats of a document count once, at its best rank) against its gold documents."""
    from llama_index.core.evaluation.retrieval.metrics import resolve_metrics

    retrieved = list(dict.fromkeys(retrieved_ids))
    if not expected_ids or not retrieved:
        return {name: 0.0 for name in RETRIEVAL_METRICS} if expected_ids else {}
    return {metric.metric_name: metric.compute(expected_ids=list(expected_ids), retrieved_ids=retrieved).score
            for metric in (cls() for cls in resolve_metrics(list(RETRIEVAL_METRICS)))}


def rag_scorer():
    """A scorer for `evaluate`: the answer as `qa_scorer` grades it, plus the retrieval metrics of
    the passages' documents for questions that have gold documents."""
    from course_utils.qa_eval import score_answer

    def score(item: dict, prediction) -> dict:
        answered = score_answer(prediction.text, item["answer"])
        if getattr(prediction, "tool", "") == "product facts":  # no retrieval ran
            return answered
        return answered | retrieval_metrics(item["doc_ids"], getattr(prediction, "doc_ids", []))

    return score


def rag_summary(run) -> dict:
    """One row for a run of `rag_predictor`: answer accuracy (all questions), the mean retrieval
    metrics (answerable questions), prompt tokens per question and median latency in ms."""
    results = run.results
    answerable = [r for r in results if "hit_rate" in r]
    row = {"accuracy": run.metrics["accuracy"]}
    row |= {name: sum(r[name] for r in answerable) / len(answerable) if answerable else None
            for name in RETRIEVAL_METRICS}
    row["prompt tokens"] = run.metrics["prompt_tokens"] / len(results)
    row["p50 ms"] = 1000 * run.metrics["latency_p50_s"]
    return row
