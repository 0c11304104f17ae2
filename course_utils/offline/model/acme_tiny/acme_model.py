"""acme-tiny: the course's small offline model, trained from scratch on the course's own data.

What it is, honestly: not a language model that writes free text. It is a small neural
network (835,401 weights) on top of the pretrained all-MiniLM-L6-v2 sentence
embedder. For a chat request it

1. reads the prompt into question, passages, labels and examples (reading/prompt_reader.py);
2. embeds them and computes simple overlap features (features.py);
3. scores every possible *start* of an answer (network below): quote sentence i of the
   passages, say "The passages do not contain the answer.", say "I don't know.", explain what
   it can do, or pick label k;
4. writes the answer word by word, each word's probability being the total probability of the
   answers that continue with it (section 3); after a quoted sentence it decides again whether
   to quote a second one or stop.

The scores are real logits from trained weights, so sampling (temperature, top_p, n, seed)
and logprobs are real too. Each technique helps it only through mechanism: no passages, no
quote; better passages, better quotes; label descriptions and examples change the label
scores; fine-tuning changes the weights (and learns a prototype per label it is trained on).

The network is a Hugging Face PreTrainedModel, saved with save_pretrained, so the same tools
(from_pretrained, PEFT) apply as for open models.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import numpy as np
import torch
from torch import nn
from transformers import PretrainedConfig, PreTrainedModel

from course_utils.models import choice_for
from course_utils.offline.model.acme_tiny.features import (GLOBAL_FEATURES, LABEL_FEATURES, MAX_LABELS, MAX_SENTENCES,
                                           SENTENCE_FEATURES, Embedder, Features, content_words, featurize)
from course_utils.offline.reading.prompt_reader import read_prompt
from course_utils.offline.api.protocol import Prompt
from course_utils.offline.sql.candidates import (MAX_CANDIDATES, SQL_FEATURES, Candidate, SeenQueries, SqlMemory,
                                            gather_candidates, source_vectors)
from course_utils.offline.sql.transfer import cached_view
from course_utils.offline.sql.adaptation import CodeMeaning, latest_date
from course_utils.offline.reading.sql_request import read_sql_request

MODEL_ID = choice_for("chat", "offline").default  # "acme-tiny", from the course's one registry
WEIGHTS_DIR = Path(__file__).resolve().parents[2] / "weights" / MODEL_ID  # course_utils/offline/weights/acme-tiny

# The fixed answers, in the order of the network's fixed head.
ABSTAIN = "The passages do not contain the answer."
DONT_KNOW = "I don't know."
CAPABILITY = (
    "I am acme-tiny, the course's small offline model. I can answer a question from passages you "
    "put in the prompt, and classify a text into labels you list. For anything else, switch to a "
    "larger model: set OPENAI_API_KEY, or COURSE_BASE_URL for an OpenAI-compatible server."
)
FIXED_ANSWERS = (ABSTAIN, DONT_KNOW, CAPABILITY)
N_FIXED = len(FIXED_ANSWERS)
CONTINUE_FEATURES = 6
STOP_FEATURES = 4
TRANSFER_HIDDEN = 32
NEG = -1e9  # the logit of an impossible token


# --------------------------------------------------------------------------------------
# 1. The network


class AcmeTinyConfig(PretrainedConfig):
    model_type = "acme_tiny"

    def __init__(self, embed_dim: int = 384, hidden: int = 96, label_slots: int = 64,
                 label_names: list[str] | None = None, sql_slots: int = 256,
                 sql_memory: list | None = None, sql_templates: list[str] | None = None,
                 sql_lexicon: list | None = None, sql_seen: dict | None = None, **kwargs):
        super().__init__(**kwargs)
        self.embed_dim = embed_dim  # size of the sentence embeddings (all-MiniLM-L6-v2: 384)
        self.hidden = hidden  # width of the scoring MLPs
        self.label_slots = label_slots  # how many label prototypes fine-tuning can learn
        self.label_names = list(label_names or [])  # the labels that own a prototype slot
        self.sql_slots = sql_slots  # how many query-template prototypes fine-tuning can learn
        self.sql_memory = [list(p) for p in sql_memory or []]  # [question, sql] pairs fine-tuned on
        self.sql_templates = list(sql_templates or [])  # the query templates that own a prototype slot
        self.sql_lexicon = [list(e) for e in sql_lexicon or []]  # [code, column, {word: weight}] learned
        # queries seen in pre-training: {"schemas": {database: schema text}, "pairs": [[q, sql, database]],
        # "said": [{table or table.column: how clearly q names it}]} (sql/transfer.said_in_question)
        self.sql_seen = sql_seen or {"schemas": {}, "pairs": [], "said": []}


def _mlp(inputs: int, hidden: int, outputs: int) -> nn.Sequential:
    return nn.Sequential(nn.Linear(inputs, hidden), nn.GELU(), nn.Linear(hidden, hidden), nn.GELU(),
                         nn.Linear(hidden, outputs))


class AcmeTinyNetwork(PreTrainedModel):
    """Scores answer starts: quote a sentence, a fixed answer, or a label."""

    config_class = AcmeTinyConfig

    def __init__(self, config: AcmeTinyConfig):
        super().__init__(config)
        d, h = config.embed_dim, config.hidden
        self.sentence_scorer = _mlp(3 * d + SENTENCE_FEATURES, h, 1)
        self.label_scorer = _mlp(3 * d + LABEL_FEATURES, h, 1)
        self.fixed_head = _mlp(d + GLOBAL_FEATURES, h, N_FIXED)
        self.continue_scorer = _mlp(CONTINUE_FEATURES, 32, 1)
        self.stop_head = _mlp(STOP_FEATURES, 32, 1)
        self.label_memory = nn.Embedding(config.label_slots, d)  # prototypes learned by fine-tuning
        self.memory_query = nn.Linear(d, d, bias=False)
        self.sql_scorer = _mlp(3 * d + SQL_FEATURES, h, 1)
        self.sql_prototypes = nn.Embedding(config.sql_slots, d)  # query templates learned by fine-tuning
        self.sql_query = nn.Linear(d, d, bias=False)
        # Carrying a query over from another database is its own skill, scored from the
        # features alone: few requests teach it, and question vectors would only be memorised.
        self.sql_transfer_scorer = _mlp(SQL_FEATURES, TRANSFER_HIDDEN, 1)
        # question vectors of the fine-tuned pairs: the memory fine-tuned models search
        self.register_buffer("sql_memory_keys", torch.zeros(len(config.sql_memory), d))
        # search keys of the queries seen in pre-training (sql/candidates.seen_key)
        self.register_buffer("sql_seen_keys", torch.zeros(len(config.sql_seen["pairs"]), 2 * d))
        self.post_init()
        nn.init.zeros_(self.label_memory.weight)  # the base model has learned no label yet
        nn.init.zeros_(self.sql_prototypes.weight)

    def _init_weights(self, module):
        if isinstance(module, nn.Linear):
            nn.init.xavier_uniform_(module.weight)
            if module.bias is not None:
                nn.init.zeros_(module.bias)

    @staticmethod
    def _pairs(question, candidates, features):
        """[q, c, q*c, features] for each candidate: (B, N, 3D + F)."""
        q = question.unsqueeze(1).expand_as(candidates)
        return torch.cat([q, candidates, q * candidates, features], dim=-1)

    def forward(self, question, sentences, sentence_features, sentence_mask, labels, label_features,
                label_mask, label_slots, global_features, task):
        """Logits of every answer start: (B, N_FIXED + MAX_SENTENCES + MAX_LABELS).

        task: (B,) 0 = question with passages, 1 = question without, 2 = classification.
        """
        sentence_logits = self.sentence_scorer(self._pairs(question, sentences, sentence_features)).squeeze(-1)
        label_logits = self.label_scorer(self._pairs(question, labels, label_features)).squeeze(-1)
        memory = self.label_memory(label_slots.clamp(min=0))  # (B, K, D)
        recalled = (memory * self.memory_query(question).unsqueeze(1)).sum(-1)
        label_logits = label_logits + recalled * (label_slots >= 0)
        fixed_logits = self.fixed_head(torch.cat([question, global_features], dim=-1))

        allowed_fixed = torch.stack([task == 0, task == 1, task == 1], dim=-1)
        fixed_logits = fixed_logits.masked_fill(~allowed_fixed, NEG)
        sentence_logits = sentence_logits.masked_fill(~(sentence_mask & (task == 0).unsqueeze(1)), NEG)
        label_logits = label_logits.masked_fill(~(label_mask & (task == 2).unsqueeze(1)), NEG)
        return torch.cat([fixed_logits, sentence_logits, label_logits], dim=-1)

    def sql_logits(self, question, sources, features, slots, mask, transfer):
        """Logits of candidate queries (B, N): from the source question, features and prototypes;
        requests answered by carrying queries over (transfer, (B,)) by the transfer scorer."""
        logits = self.sql_transfer_scorer(features).squeeze(-1)
        if not transfer.all():
            own = self.sql_scorer(self._pairs(question, sources, features)).squeeze(-1)
            prototypes = self.sql_prototypes(slots.clamp(min=0))
            recalled = (prototypes * self.sql_query(question).unsqueeze(1)).sum(-1)
            logits = torch.where(transfer.unsqueeze(1), logits, own + recalled * (slots >= 0))
        return logits.masked_fill(~mask, NEG)

    def next_sentence_logits(self, first_logits, continue_features, stop_features):
        """After quoting a sentence: logits of [stop, quote sentence j...] (1 + M,)."""
        more = self.continue_scorer(continue_features).squeeze(-1)
        stop = self.stop_head(stop_features)
        return torch.cat([stop, more])


# --------------------------------------------------------------------------------------
# 2. From a read prompt to tensors, and back


@dataclass
class Example:
    """One request, featurised, with the answer starts the network must score."""

    features: Features
    task: int  # 0 question with passages, 1 question without, 2 classification
    target: list[int] = field(default_factory=list)  # answer starts (indices into the logits)


def task_of(features: Features) -> int:
    if features.labels:
        return 2
    return 0 if features.sentences else 1


def batch_tensors(examples: Sequence[Example], config: AcmeTinyConfig) -> dict[str, torch.Tensor]:
    """Pad a list of examples into the network's input tensors."""
    b, d = len(examples), config.embed_dim
    t = {
        "question": torch.zeros(b, d),
        "sentences": torch.zeros(b, MAX_SENTENCES, d),
        "sentence_features": torch.zeros(b, MAX_SENTENCES, SENTENCE_FEATURES),
        "sentence_mask": torch.zeros(b, MAX_SENTENCES, dtype=torch.bool),
        "labels": torch.zeros(b, MAX_LABELS, d),
        "label_features": torch.zeros(b, MAX_LABELS, LABEL_FEATURES),
        "label_mask": torch.zeros(b, MAX_LABELS, dtype=torch.bool),
        "label_slots": torch.full((b, MAX_LABELS), -1, dtype=torch.long),
        "global_features": torch.zeros(b, GLOBAL_FEATURES),
        "task": torch.zeros(b, dtype=torch.long),
    }
    slot_of = {name.lower(): i for i, name in enumerate(config.label_names)}
    for i, ex in enumerate(examples):
        f = ex.features
        m, k = len(f.sentences), len(f.labels)
        t["question"][i] = torch.from_numpy(f.question)
        t["sentences"][i, :m] = torch.from_numpy(f.sentence_vectors)
        t["sentence_features"][i, :m] = torch.from_numpy(f.sentence_features)
        t["sentence_mask"][i, :m] = True
        t["labels"][i, :k] = torch.from_numpy(f.label_vectors)
        t["label_features"][i, :k] = torch.from_numpy(f.label_features)
        t["label_mask"][i, :k] = True
        t["label_slots"][i, :k] = torch.tensor([slot_of.get(n.lower(), -1) for n in f.labels])
        t["global_features"][i] = torch.from_numpy(f.global_features)
        t["task"][i] = ex.task
    return t


@dataclass
class SqlExample:
    """One text-to-SQL request, featurised: its candidate queries and which of them are right."""

    question: np.ndarray  # (D,) the question's vector
    sources: np.ndarray  # (N, D) vectors of the questions each candidate was adapted from
    features: np.ndarray  # (N, SQL_FEATURES)
    slots: list[int]  # each candidate's template prototype slot, -1 for none
    transfer: bool = False  # answered by carrying queries over from other databases
    target: list[int] = field(default_factory=list)  # indices of the right candidates (training only)


def sql_example(candidates: Sequence[Candidate], question: str, embed: Embedder) -> SqlExample:
    q_vec = embed([question])[0]
    sources = source_vectors(candidates, embed)
    return SqlExample(q_vec, sources, np.stack([c.features for c in candidates]),
                      [c.template_slot for c in candidates], any(c.origin == "transfer" for c in candidates))


def sql_batch_tensors(examples: Sequence[SqlExample], embed_dim: int) -> dict[str, torch.Tensor]:
    """Pad SQL examples into the inputs of AcmeTinyNetwork.sql_logits."""
    b = len(examples)
    t = {
        "question": torch.zeros(b, embed_dim),
        "sources": torch.zeros(b, MAX_CANDIDATES, embed_dim),
        "features": torch.zeros(b, MAX_CANDIDATES, SQL_FEATURES),
        "slots": torch.full((b, MAX_CANDIDATES), -1, dtype=torch.long),
        "mask": torch.zeros(b, MAX_CANDIDATES, dtype=torch.bool),
        "transfer": torch.tensor([ex.transfer for ex in examples], dtype=torch.bool),
    }
    for i, ex in enumerate(examples):
        n = len(ex.slots)
        t["question"][i] = torch.from_numpy(ex.question)
        t["sources"][i, :n] = torch.from_numpy(ex.sources)
        t["features"][i, :n] = torch.from_numpy(ex.features)
        t["slots"][i, :n] = torch.tensor(ex.slots, dtype=torch.long)
        t["mask"][i, :n] = True
    return t


def memory_of(network: AcmeTinyNetwork) -> SqlMemory | None:
    """The fine-tuned pairs, their vectors, template slots and lexicon, as sql/candidates.py uses them."""
    config = network.config
    if not config.sql_memory and not config.sql_lexicon:
        return None
    return SqlMemory(
        pairs=[(q, sql) for q, sql in config.sql_memory],
        keys=network.sql_memory_keys.detach().numpy(),
        template_slots={t: i for i, t in enumerate(config.sql_templates)},
        lexicon=[CodeMeaning(code, column, dict(words)) for code, column, words in config.sql_lexicon],
        today=latest_date(sql for _, sql in config.sql_memory),
    )


def seen_of(network: AcmeTinyNetwork) -> SeenQueries | None:
    """The queries the base model saw in pre-training, as sql/candidates.py uses them."""
    seen = network.config.sql_seen
    if not seen["pairs"]:
        return None
    return SeenQueries(pairs=[tuple(p) for p in seen["pairs"]],
                       views={db: cached_view(text) for db, text in seen["schemas"].items()},
                       keys=network.sql_seen_keys.detach().numpy(), said=seen["said"])


def continuation_inputs(f: Features, first: int, logits: torch.Tensor):
    """Features for "quote another sentence after sentence `first`, or stop?"."""
    vectors = torch.from_numpy(f.sentence_vectors)
    scores = logits[N_FIXED:N_FIXED + len(f.sentences)].detach()
    words = [content_words(s) for s in f.sentences]
    covered = f.question_words & words[first]
    q_size = max(1, len(f.question_words))
    rows = []
    for j in range(len(f.sentences)):
        rows.append([
            float(scores[j] - scores[first]),
            float(vectors[j] @ vectors[first]),
            float(f.sentence_passage[j] == f.sentence_passage[first]),
            len((f.question_words & words[j]) - covered) / q_size,
            float(f.sentence_features[j, 0]),
            float(j == first),
        ])
    others = torch.cat([scores[:first], scores[first + 1:]])
    stop = [float(scores[first] - (others.max() if len(others) else scores[first] - 10)),
            len(covered) / q_size, float(f.sentence_features[first, 0]), min(len(f.sentences), 50) / 50]
    return torch.tensor(rows, dtype=torch.float32), torch.tensor(stop, dtype=torch.float32)


def second_step_logits(network: AcmeTinyNetwork, f: Features, first: int, logits: torch.Tensor) -> torch.Tensor:
    """Logits of [stop, quote sentence 0..M-1] after quoting `first`; the same one cannot repeat."""
    rows, stop = continuation_inputs(f, first, logits)
    out = network.next_sentence_logits(logits, rows, stop)
    out[1 + first] = NEG
    return out


# --------------------------------------------------------------------------------------
# 3. The served model: tokens in, logits out (course_utils.offline.api.protocol.ChatModel)
#
# Token ids: 0 ends the answer; then, for each possible answer segment s (fixed answers,
# sentences, labels), a token that starts it as the first segment, a token that starts it
# after another segment (with a leading space), and one token per following word.
#
# The network scores whole segments; the tokens are words. As in any language model, the
# probability of the next token is the total probability of every answer that could still
# follow from the tokens so far and continues with that token: two sentences that both start
# with "-" make one token "-" carrying both their probabilities, and the choice between them
# falls at the first word where they differ. So the alternatives at a position are distinct
# tokens, greedy decoding takes the most likely token at each step (not always the most
# likely whole answer, as with any LLM), and an answer's logprobs add up to its probability.

SQL_SEGMENTS = N_FIXED + MAX_SENTENCES + MAX_LABELS  # where candidate queries start
N_SEGMENTS = SQL_SEGMENTS + MAX_CANDIDATES
MAX_WORDS = 200  # words per segment; longer sentences are cut here
EOS = 0
FIRST_START = 1
LATER_START = FIRST_START + N_SEGMENTS
WORDS = LATER_START + N_SEGMENTS
VOCAB_SIZE = WORDS + N_SEGMENTS * (MAX_WORDS - 1)


@dataclass(frozen=True)
class Hypothesis:
    """An answer the tokens so far could still become, and its log-probability."""

    logprob: float
    first: int  # its first segment
    second: int | None  # its second segment, once it has started one
    emitted: int  # tokens of the current segment written so far


@dataclass
class PromptState:
    features: Features | None  # None for a text-to-SQL request
    task: int  # as task_of, or 3 for text-to-SQL
    logits: np.ndarray  # first-step logits over segments
    logits_tensor: torch.Tensor
    segment_words: list[list[str]]  # the words of each segment ([] where the segment is absent)
    second_steps: dict = field(default_factory=dict)  # first sentence -> second-step logprobs
    hypotheses: dict = field(default_factory=dict)  # tokens generated -> hypotheses still alive


class AcmeTinyChat:
    """acme-tiny (or a fine-tuned version of it) behind the ChatModel protocol."""

    vocab_size = VOCAB_SIZE
    eos_id = EOS
    context_length = 32_768  # prompt tokens it accepts; it reads MAX_SENTENCES candidate sentences of them

    def __init__(self, model_id: str, network: AcmeTinyNetwork, embed: Embedder):
        self.id = model_id
        self.network = network.eval()
        self.embed = embed
        self.memory = memory_of(network)
        self.seen = seen_of(network)

    def read_prompt(self, messages: Sequence[dict]) -> Prompt:
        request = read_sql_request(messages)
        if request is not None:
            return self._read_sql_request(request)
        read = read_prompt(messages)
        features = featurize(read, self.embed)
        task = task_of(features)
        with torch.no_grad():
            logits = self.network(**batch_tensors([Example(features, task)], self.network.config))[0]
        words = [answer.split() for answer in FIXED_ANSWERS]
        words += [s.split() for s in features.sentences] + [[]] * (MAX_SENTENCES - len(features.sentences))
        words += [[name] for name in features.labels] + [[]] * (MAX_LABELS - len(features.labels))
        words += [[]] * MAX_CANDIDATES  # no candidate queries in a passage or label request
        first_step = np.concatenate([logits.numpy(), np.full(MAX_CANDIDATES, NEG, dtype=np.float32)])
        state = PromptState(features, task, first_step, logits, [w[:MAX_WORDS] for w in words])
        return Prompt(n_tokens=self.embed.count_tokens(read.full_text), state=state)

    def _read_sql_request(self, request) -> Prompt:
        """Score candidate queries; each is a segment the answer may start with."""
        candidates = gather_candidates(request, self.embed, self.memory, seen=self.seen)
        example = sql_example(candidates, request.question, self.embed)
        with torch.no_grad():
            scores = self.network.sql_logits(**sql_batch_tensors([example], self.network.config.embed_dim))[0]
        logits = torch.full((N_SEGMENTS,), NEG)
        logits[SQL_SEGMENTS:] = scores
        words: list[list[str]] = [[] for _ in range(N_SEGMENTS)]
        for i, candidate in enumerate(candidates):
            words[SQL_SEGMENTS + i] = candidate.answer_text(request.reasoning).split(" ")[:MAX_WORDS]
        state = PromptState(None, 3, logits.numpy(), logits, words)
        return Prompt(n_tokens=self.embed.count_tokens(request.full_text), state=state)

    def _alive(self, prompt: Prompt, generated: Sequence[int]) -> list[Hypothesis]:
        """The answers still possible after `generated` (extended one token at a time, cached)."""
        state: PromptState = prompt.state
        if () not in state.hypotheses:
            logprobs = np.asarray(torch.log_softmax(torch.as_tensor(state.logits, dtype=torch.float64), 0))
            state.hypotheses[()] = [Hypothesis(float(logprobs[s]), s, None, 0) for s in range(N_SEGMENTS)
                                    if state.segment_words[s] and state.logits[s] > NEG / 2]
        done = len(generated)
        while tuple(generated[:done]) not in state.hypotheses:
            done -= 1
        for end in range(done + 1, len(generated) + 1):
            text = self.token_text(prompt, generated[end - 1])
            state.hypotheses[tuple(generated[:end])] = [
                after for h in state.hypotheses[tuple(generated[:end - 1])]
                for token, _, after in self._next_tokens(state, h)
                if after is not None and self.token_text(prompt, token) == text]
        return state.hypotheses[tuple(generated)]

    def _next_tokens(self, state: PromptState, h: Hypothesis) -> list[tuple[int, float, Hypothesis | None]]:
        """Where a hypothesis can go next: (token, log-probability, the hypothesis after it, or
        None when the token ends the answer)."""
        later = h.second is not None
        segment = h.second if later else h.first
        if h.emitted < len(state.segment_words[segment]):  # inside a segment: its next word
            if h.emitted == 0:
                token = (LATER_START if later else FIRST_START) + segment
            else:
                token = WORDS + segment * (MAX_WORDS - 1) + h.emitted - 1
            return [(token, h.logprob, Hypothesis(h.logprob, h.first, h.second, h.emitted + 1))]
        sentence = h.first - N_FIXED
        if later or state.task != 0 or not 0 <= sentence < len(state.features.sentences):
            return [(EOS, h.logprob, None)]
        # After a first quoted sentence: stop, or quote a second one.
        second = self._second_step(state, sentence)
        options = [(EOS, h.logprob + second[0], None)]
        for j, logprob in enumerate(second[1:]):
            if logprob > NEG / 2:
                segment = N_FIXED + j
                options.append((LATER_START + segment, h.logprob + logprob,
                                Hypothesis(h.logprob + logprob, h.first, segment, 1)))
        return options

    def _second_step(self, state: PromptState, sentence: int) -> np.ndarray:
        """Log-probabilities of [stop, quote sentence j...] after quoting `sentence` first."""
        if sentence not in state.second_steps:
            with torch.no_grad():
                logits = second_step_logits(self.network, state.features, sentence, state.logits_tensor)
            state.second_steps[sentence] = torch.log_softmax(logits.double(), 0).numpy()
        return state.second_steps[sentence]

    def next_token_logits(self, prompt: Prompt, generated: Sequence[int]) -> np.ndarray:
        """Log-probability of each next token: the answers that continue with it, summed."""
        out = np.full(VOCAB_SIZE, NEG, dtype=np.float64)
        by_text: dict[tuple, tuple[int, float]] = {}  # one token per distinct text
        for h in self._alive(prompt, generated):
            for token, logprob, _ in self._next_tokens(prompt.state, h):
                key = ("end",) if token == EOS else ("text", self.token_text(prompt, token))
                first_token, total = by_text.get(key, (token, -np.inf))
                by_text[key] = (min(first_token, token), np.logaddexp(total, logprob))
        for token, total in by_text.values():
            out[token] = total
        if not by_text:  # cannot happen for a prompt this model read; end rather than fail
            out[EOS] = 0.0
        return out

    def token_text(self, prompt: Prompt, token_id: int) -> str:
        words = prompt.state.segment_words
        if token_id == EOS:
            return ""
        if token_id < LATER_START:
            segment = words[token_id - FIRST_START]
            return segment[0] if segment else ""
        if token_id < WORDS:
            segment = words[token_id - LATER_START]
            return " " + segment[0] if segment else ""
        segment, position = divmod(token_id - WORDS, MAX_WORDS - 1)
        return " " + words[segment][position + 1] if position + 1 < len(words[segment]) else ""

    def count_tokens(self, text: str) -> int:
        return self.embed.count_tokens(text)


# --------------------------------------------------------------------------------------
# 4. Loading


def load_network(folder: Path = WEIGHTS_DIR) -> AcmeTinyNetwork:
    if not (Path(folder) / "config.json").is_file():
        raise FileNotFoundError(
            f"No acme-tiny weights in {folder}. Train them with `python -m course_utils.offline.training.train_base`."
        )
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # no "Loading weights" bar in every notebook cell
    return AcmeTinyNetwork.from_pretrained(folder)



class AcmeTinyLoader:
    """Serves acme-tiny and its fine-tuned versions (course_utils.offline.api.protocol.ModelLoader)."""

    def __init__(self, embed: Embedder):
        self.embed = embed

    def base_model_ids(self) -> list[str]:
        return [MODEL_ID]

    def load_base(self, model_id: str) -> AcmeTinyChat:
        if model_id != MODEL_ID:
            raise KeyError(f"unknown base model {model_id!r}; the offline backend serves {MODEL_ID!r}")
        return AcmeTinyChat(MODEL_ID, load_network(), self.embed)

    def load_fine_tuned(self, model_id: str, folder: Path) -> AcmeTinyChat:
        return AcmeTinyChat(model_id, load_network(folder), self.embed)


_embedder: Embedder | None = None


def shared_embedder() -> Embedder:
    """One embedder (and its cache) for the whole process."""
    global _embedder
    if _embedder is None:
        _embedder = Embedder()
    return _embedder


def default_loader() -> AcmeTinyLoader:
    return AcmeTinyLoader(shared_embedder())


def default_trainer():
    from course_utils.offline.training.answers import AcmeTinyTrainer

    def base_network(model_id: str) -> AcmeTinyNetwork:
        if model_id != MODEL_ID:
            raise ValueError(f"acme-tiny fine-tunes from {MODEL_ID!r}; {model_id!r} cannot be a base yet.")
        return load_network()

    return AcmeTinyTrainer(shared_embedder(), base_network)
