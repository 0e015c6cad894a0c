"""The pre-publish guards: each one reads the content about to become public
and returns the problems that must stop it, saying what, where and how to fix it.

Importing this package registers them with ``content_models.disclosure.publication``;
``PublishingConfig.ready()`` imports it.
"""

from content_models.disclosure.publication import register_check

from .accessibility import accessibility_check
from .personal_data import personal_data_check
from .spam import spam_check

for _check in (personal_data_check, spam_check, accessibility_check):
    register_check(_check)
