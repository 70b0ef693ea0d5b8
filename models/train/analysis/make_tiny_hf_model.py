"""Builds a TINY text-classification model in the transformers.js folder layout, for testing the
@huggingface/transformers engine's real loading path offline (no real model can be downloaded here).
It is a hand-set bag-of-words scorer, not a trained model: cue words vote for j-hartmann emotion labels
(anger disgust fear joy neutral sadness surprise). Output: src/analysis/classifier/testdata/tiny-emotion/.
"""
import json
import os

import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "../../../src/analysis/classifier/testdata/tiny-emotion"))
LABELS = ["anger", "disgust", "fear", "joy", "neutral", "sadness", "surprise"]
CUES = {"anger": ["furious", "angry", "outrageous"], "disgust": ["disgusting"], "fear": ["scared", "worried", "afraid"],
        "joy": ["thank", "thanks", "great", "wonderful"], "sadness": ["died", "passed", "sad"], "surprise": ["wow"]}
VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "i", "am", "so", "you", "the", "my", "is", "this", "away"] + \
        [w for ws in CUES.values() for w in ws]


class BagOfWords(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(len(VOCAB), len(LABELS))
        with torch.no_grad():
            self.emb.weight.zero_()
            for label, words in CUES.items():
                for w in words:
                    self.emb.weight[VOCAB.index(w), LABELS.index(label)] = 4.0
        self.bias = nn.Parameter(torch.zeros(len(LABELS)))
        with torch.no_grad():
            self.bias[LABELS.index("neutral")] = 1.0

    def forward(self, input_ids, attention_mask, token_type_ids):
        m = attention_mask.unsqueeze(-1).float()
        return (self.emb(input_ids) * m).sum(1) + self.bias + 0.0 * token_type_ids.sum()


def main():
    os.makedirs(os.path.join(OUT, "onnx"), exist_ok=True)
    ids = torch.tensor([[2, 4, 5, 3]])
    torch.onnx.export(BagOfWords(), (ids, torch.ones_like(ids), torch.zeros_like(ids)), os.path.join(OUT, "onnx", "model.onnx"),
                      input_names=["input_ids", "attention_mask", "token_type_ids"], output_names=["logits"],
                      dynamic_axes={n: {0: "batch", 1: "seq"} for n in ["input_ids", "attention_mask", "token_type_ids"]} | {"logits": {0: "batch"}},
                      opset_version=13)
    config = {"model_type": "bert", "architectures": ["BertForSequenceClassification"],
              "id2label": {str(i): l for i, l in enumerate(LABELS)}, "label2id": {l: i for i, l in enumerate(LABELS)},
              "problem_type": "single_label_classification"}
    tokenizer = {
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": [{"id": i, "content": t, "single_word": False, "lstrip": False, "rstrip": False, "normalized": False, "special": True}
                         for i, t in enumerate(VOCAB[:4])],
        "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True, "strip_accents": None, "lowercase": True},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {"type": "TemplateProcessing",
                           "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
                           "pair": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "[SEP]", "type_id": 0}},
                                    {"Sequence": {"id": "B", "type_id": 1}}, {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
                           "special_tokens": {"[CLS]": {"id": "[CLS]", "ids": [2], "tokens": ["[CLS]"]}, "[SEP]": {"id": "[SEP]", "ids": [3], "tokens": ["[SEP]"]}}},
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##", "max_input_chars_per_word": 100,
                  "vocab": {t: i for i, t in enumerate(VOCAB)}},
    }
    tok_config = {"tokenizer_class": "BertTokenizer", "do_lower_case": True, "model_max_length": 64, "cls_token": "[CLS]",
                  "sep_token": "[SEP]", "pad_token": "[PAD]", "unk_token": "[UNK]"}
    for name, obj in (("config.json", config), ("tokenizer.json", tokenizer), ("tokenizer_config.json", tok_config)):
        with open(os.path.join(OUT, name), "w") as f:
            json.dump(obj, f, indent=1)
    with open(os.path.join(OUT, "README.md"), "w") as f:
        f.write("# tiny-emotion (test fixture)\n\nHand-set bag-of-words scorer in the transformers.js layout, made by "
                "`models/train/analysis/make_tiny_hf_model.py` to test the @huggingface/transformers engine offline. "
                "Not a trained model; never use it for analysis.\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
