"""Convert NorNE bokmål CoNLL-U to spaCy DocBins (train.spacy, dev.spacy, test.spacy).

Usage: python training/ner/convert_norne.py [NORNE_DIR] [OUT_DIR] [--merge-gpe] [--limit N]

Labels stay NorNE's eight types (PER, ORG, LOC, GPE_LOC, GPE_ORG, PROD, EVT, DRV); MISC -> O.
--merge-gpe maps GPE_LOC -> LOC and GPE_ORG -> ORG instead. The output holds NorNE text: keep it
out of the repository (training/ner/.gitignore ignores corpus/ and output/).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from vedtak.nlp import ner_training


def main() -> None:
    """Parse arguments and convert the three splits."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("norne_dir", nargs="?", type=Path, default=ner_training.default_norne_dir())
    parser.add_argument("out_dir", nargs="?", type=Path, default=Path(__file__).parent / "corpus")
    parser.add_argument("--merge-gpe", action="store_true", help="GPE_LOC -> LOC, GPE_ORG -> ORG")
    parser.add_argument("--limit", type=int, default=0, help="first N sentences of each split")
    parser.add_argument("--per-doc", type=int, default=10, help="sentences per Doc (like spacy convert -n)")
    args = parser.parse_args()
    label_map = ner_training.MERGED_LABELS if args.merge_gpe else {}
    for split in ner_training.SPLITS:
        target = ner_training.convert_split(
            args.norne_dir, split, args.out_dir, limit=args.limit, per_doc=args.per_doc, label_map=label_map
        )
        print(target)


if __name__ == "__main__":
    main()
