"""The LoRA pieces: the loss masked to the answer, parameter counts, a training step that learns."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")
from peft import get_peft_model  # noqa: E402
from transformers import LlamaConfig, LlamaForCausalLM  # noqa: E402

from course_utils.lora import (ALL_LINEAR, ATTENTION, IGNORED, SMOLLM2_135M, architecture, collate,  # noqa: E402
                               lora_config, masked_example, parameter_counts, train_step)


def test_only_the_answer_is_learned():
    example = masked_example([5, 6, 7], [8, 9], max_length=10)
    assert example["input_ids"] == [5, 6, 7, 8, 9]
    assert example["labels"] == [IGNORED, IGNORED, IGNORED, 8, 9]


def test_the_end_of_turn_is_learned_with_the_answer():
    example = masked_example([5, 6], [8], max_length=4, end_ids=[2])
    assert example["input_ids"] == [5, 6, 8, 2] and example["labels"] == [IGNORED, IGNORED, 8, 2]


def test_a_long_example_loses_the_start_of_its_prompt_never_its_answer():
    example = masked_example(list(range(10)), [100, 101], max_length=5)
    assert example["input_ids"] == [7, 8, 9, 100, 101]
    assert example["labels"][-2:] == [100, 101]
    with pytest.raises(ValueError, match="max_length"):
        masked_example([1], [2, 3, 4], max_length=2)


def test_collate_pads_inputs_and_ignores_padding_in_the_loss():
    batch = collate([masked_example([1, 2], [3], 8), masked_example([1], [3], 8)], pad_id=0)
    assert batch["input_ids"].tolist() == [[1, 2, 3], [1, 3, 0]]
    assert batch["attention_mask"].tolist() == [[1, 1, 1], [1, 1, 0]]
    assert batch["labels"].tolist() == [[IGNORED, IGNORED, 3], [IGNORED, 3, IGNORED]]


def test_smollm2_shape_and_lora_counts_follow_the_formula():
    _, total = parameter_counts(architecture())
    assert total == 134_515_008  # SmolLM2-135M, input and output embeddings tied
    shape = SMOLLM2_135M
    d, kv = shape["hidden_size"], shape["hidden_size"] // shape["num_attention_heads"] * shape["num_key_value_heads"]
    ff = shape["intermediate_size"]
    sizes = {"q_proj": (d, d), "k_proj": (d, kv), "v_proj": (d, kv), "o_proj": (d, d),
             "gate_proj": (d, ff), "up_proj": (d, ff), "down_proj": (ff, d)}
    for rank, modules in ((16, ALL_LINEAR), (8, ATTENTION)):
        trainable, _ = parameter_counts(get_peft_model(architecture(), lora_config(rank, 2 * rank, modules)))
        # each adapted layer learns A (rank x in) and B (out x rank)
        assert trainable == shape["num_hidden_layers"] * sum(rank * sum(sizes[m]) for m in modules)


def test_a_training_step_moves_only_the_adapter_and_lowers_the_answer_loss():
    torch.manual_seed(0)
    # random weights with enough spread that their features can be adapted (the default 0.02 barely learns)
    model = LlamaForCausalLM(LlamaConfig(vocab_size=64, hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                                         num_attention_heads=4, num_key_value_heads=2, initializer_range=0.2))
    model = get_peft_model(model, lora_config(8, 16, ALL_LINEAR, dropout=0.0))
    frozen = {name: p.detach().clone() for name, p in model.named_parameters() if not p.requires_grad}
    batch = collate([masked_example([1 + i, 2, 3, 4], [10 + i, 20 + i], 16) for i in range(4)], pad_id=0)
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=1e-2)
    losses = [train_step(model, batch, optimizer) for _ in range(20)]
    assert losses[-1] < 0.5 * losses[0]
    assert all(torch.equal(frozen[name], p) for name, p in model.named_parameters() if name in frozen)


def test_recomputed_activations_give_the_same_gradients(monkeypatch):
    """A job recomputes long examples' activations (training/lora_job.py); that must change the memory,
    never the update. It sets transformers' per-layer switch: if that stopped working, recomputation would
    silently stop, so the recomputing function's calls are counted too."""
    import torch.utils.checkpoint

    from course_utils.lora import answer_loss
    from course_utils.offline.training.lora_job import recompute_activations

    calls = []
    real = torch.utils.checkpoint.checkpoint
    monkeypatch.setattr(torch.utils.checkpoint, "checkpoint", lambda *a, **k: calls.append(1) or real(*a, **k))
    torch.manual_seed(0)
    model = LlamaForCausalLM(LlamaConfig(vocab_size=64, hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                                         num_attention_heads=4, num_key_value_heads=2))
    model = get_peft_model(model, lora_config(4, 8, ALL_LINEAR, dropout=0.0))
    model.train()
    batch = collate([masked_example([1, 2, 3, 4, 5], [10, 20], 16)], pad_id=0)
    layers = model.get_base_model().get_decoder().layers

    def gradients(recompute: bool) -> list:
        model.zero_grad()
        recompute_activations(layers, recompute)
        answer_loss(model, batch)[0].backward()
        return [p.grad.clone() for p in model.parameters() if p.requires_grad]

    kept, recomputed = gradients(False), gradients(True)
    assert len(calls) == len(layers)  # every layer went through the recomputing function
    assert all(torch.allclose(a, b, atol=1e-6) for a, b in zip(kept, recomputed))
    gradients(False)
    assert len(calls) == len(layers)  # switched off again
