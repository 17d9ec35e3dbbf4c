"""Reuse Doctor demo: fine-tune a classifier the way many first attempts go.

Run it in the integrated terminal (python3 train.py). On a machine without the NLP stack it
fails at the first import; with it, the max_length setting below overflows BERT's 512 positions.
Either way, Reuse Doctor diagnoses the failure from the terminal.
"""
from transformers import AutoModelForSequenceClassification, AutoTokenizer

tokenizer = AutoTokenizer.from_pretrained("bert-base-uncased")
model = AutoModelForSequenceClassification.from_pretrained("bert-base-uncased", num_labels=2)

batch = tokenizer(["a very long review " * 400], padding="max_length", max_length=1024, return_tensors="pt")
print(model(**batch).logits)
