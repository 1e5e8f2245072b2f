"""Another user's contacts never appear in chains, common ground, latent ties or the map.

Each area keeps its cross-user tests in its own `isolation_<area>.py` (named so that pytest
collects them only here); the URL names they cover are gathered for the coverage walker.
"""

from . import isolation_ground, isolation_paths
from .isolation_ground import (
    test_ground_a_self_contact_cannot_be_recorded_as_a_latent_tie,
    test_ground_urls_answer_404_for_another_users_contact,
)
from .isolation_paths import (
    paths_fresh_graphs,
    test_paths_another_users_organization_is_not_found,
    test_paths_another_users_person_is_not_found,
)

CROSS_USER_URL_NAMES = [*isolation_paths.NAMES, *isolation_ground.NAMES]

__all__ = [
    "paths_fresh_graphs",
    "test_ground_a_self_contact_cannot_be_recorded_as_a_latent_tie",
    "test_ground_urls_answer_404_for_another_users_contact",
    "test_paths_another_users_organization_is_not_found",
    "test_paths_another_users_person_is_not_found",
]
