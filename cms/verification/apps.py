from django.apps import AppConfig


class VerificationConfig(AppConfig):
    """Truthfulness: content whose facts are due for re-checking against their sources (issue 10)."""

    name = "cms.verification"
    label = "rahnuma_verification"
    verbose_name = "Rahnuma content verification"
