"""Another user's opportunities, saved searches and preferences are never reachable.

Each area keeps its cross-user tests in its own `isolation_<area>.py` (named so that pytest
collects them only here); the URL names they cover are gathered for the coverage walker.
"""

from . import isolation_fit, isolation_listings, isolation_pipeline
from .isolation_fit import (
    alices_search,
    bobs_search,
    test_fit_another_users_opportunity_cannot_be_compared_or_weighed,
    test_fit_another_users_saved_search_is_not_found_through_the_api,
    test_fit_another_users_saved_search_page_is_not_found,
)
from .isolation_listings import (
    test_listing_imports_api_is_not_found_for_non_staff,
    test_listing_imports_pages_are_not_found_for_non_staff,
    test_listing_pages_are_public_and_read_only_for_another_user,
    test_listing_tracking_stays_in_the_callers_account,
)
from .isolation_pipeline import (
    test_alices_row_under_bobs_opportunity_is_not_found_pipeline,
    test_another_users_opportunity_is_not_found_in_the_api_pipeline,
    test_another_users_opportunity_page_is_not_found_pipeline,
)

CROSS_USER_URL_NAMES = [
    *isolation_pipeline.NAMES,
    *isolation_listings.NAMES,
    *isolation_fit.NAMES,
]

__all__ = [
    "alices_search",
    "bobs_search",
    "test_alices_row_under_bobs_opportunity_is_not_found_pipeline",
    "test_another_users_opportunity_is_not_found_in_the_api_pipeline",
    "test_another_users_opportunity_page_is_not_found_pipeline",
    "test_fit_another_users_opportunity_cannot_be_compared_or_weighed",
    "test_fit_another_users_saved_search_is_not_found_through_the_api",
    "test_fit_another_users_saved_search_page_is_not_found",
    "test_listing_imports_api_is_not_found_for_non_staff",
    "test_listing_imports_pages_are_not_found_for_non_staff",
    "test_listing_pages_are_public_and_read_only_for_another_user",
    "test_listing_tracking_stays_in_the_callers_account",
]
