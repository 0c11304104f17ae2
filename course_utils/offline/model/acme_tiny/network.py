"""acme-tiny's network: scores for every way an answer can start, from trained weights.

What acme-tiny is, honestly: not a language model that writes free text. It is a small neural
network (835,401 weights) on top of the pretrained all-MiniLM-L6-v2 sentence embedder. For a
chat request it

1. reads the prompt into question, passages, labels and examples (offline/reading/);
2. embeds them and computes simple overlap features (features.py);
3. scores every possible *start* of an answer (this network): quote sentence i of the
   passages, say "The passages do not contain the answer.", say "I don't know.", explain what
   it can do, or pick label k; for a text-to-SQL request, each candidate query (offline/sql/);
4. writes the answer word by word (chat_model.py); after a quoted sentence it decides again
   whether to quote a second one or stop.

The scores are real logits from trained weights, so sampling (temperature, top_p, n, seed)
and logprobs are real too. Each technique helps it only through mechanism: no passages, no
quote; better passages, better quotes; label descriptions and examples change the label
scores; fine-tuning changes the weights (and learns a prototype per label it is trained on).

The network is a Hugging Face PreTrainedModel, saved with save_pretrained, so the same tools
(from_pretrained, PEFT) apply as for open models.
"""

from __future__ import annotations

import torch
from torch import nn
from transformers import PretrainedConfig, PreTrainedModel

from course_utils.offline.model.acme_tiny.features import GLOBAL_FEATURES, LABEL_FEATURES, SENTENCE_FEATURES
from course_utils.offline.sql.candidates import SQL_FEATURES

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
