"""Settings for ILO Partners, read from the environment, split by concern.

Defaults are safe (DEBUG off, so a secret key is required); `make run` and the tests turn DEBUG on
for themselves. Production sets DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS (docs/operations.md).
"""

from ilopartners.settings.api import *  # noqa: F403
from ilopartners.settings.base import *  # noqa: F403
from ilopartners.settings.cache import *  # noqa: F403
from ilopartners.settings.database import *  # noqa: F403
from ilopartners.settings.logging import *  # noqa: F403
from ilopartners.settings.security import *  # noqa: F403
from ilopartners.settings.tasks import *  # noqa: F403
