from netwerkplatform.core import registry  # noqa: F401  (placeholder, replaced below)
