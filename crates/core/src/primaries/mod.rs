//! Primaries: eligibility of candidates, ratings after the count, and branch quotas of list places.
