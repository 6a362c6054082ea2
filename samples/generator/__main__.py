"""`python -m samples.generator`: write samples/pdf, samples/expected and samples/unseen."""

from .cli import main

raise SystemExit(main())
