"""System checks (`manage.py check`): every shipped lexicon file, the engine's and the plugins', must load."""

from django.core import checks

from search.lexicon import LexiconError, lexicon_files, load_file


@checks.register()
def check_lexicon_files(app_configs=None, **kwargs):
    errors = []
    for path in lexicon_files():
        try:
            load_file(path)
        except LexiconError as error:
            errors.append(
                checks.Error(str(error), hint="Fix the file or the plugin's `lexicons`.", id="rahnuma_search.E001")
            )
    return errors
