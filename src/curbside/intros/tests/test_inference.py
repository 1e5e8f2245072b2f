"""Inferred ties from shared schools, programs, employers, introductions and meetings."""

import pytest

from curbside.intros.inference import (
    AffiliationRecord,
    InferredKind,
    InferredTie,
    infer_from_affiliations,
    infer_from_co_participants,
    infer_from_introductions,
)

NOW = 2025
MERCY = (1, "Mercy Hospital", "hospital")
SUMMIT = (2, "Summit Orthopedics", "group_practice")
GRADY_RESIDENCY = (3, "Grady Internal Medicine Residency", "residency_program")
EMORY = (4, "Emory School of Medicine", "medical_school")
SOCIETY = (5, "American College of Physicians", "medical_society")


def record(person, organization, kind, start=None, end=None, role=""):
    organization_id, name, organization_kind = organization
    return AffiliationRecord(
        person, organization_id, name, organization_kind, kind, start, end, role
    )


def job(person, organization, start=None, end=None):
    return record(person, organization, "employment", start, end)


def infer(*records, max_peers=25):
    return infer_from_affiliations(records, current_year=NOW, max_peers=max_peers)


def pairs(ties):
    return {(t.person_a, t.person_b) for t in ties}


def test_overlapping_years_at_one_employer_means_they_worked_together():
    [tie] = infer(job(7, MERCY, 2015, 2019), job(3, MERCY, 2018, 2021))

    assert tie == InferredTie(
        3, 7, InferredKind.WORKED_TOGETHER, "worked together at Mercy Hospital 2018–2019", 2, 1
    )


def test_years_that_do_not_overlap_infer_nothing():
    assert infer(job(1, MERCY, 2010, 2012), job(2, MERCY, 2013, 2015)) == []


def test_sharing_a_single_year_is_enough_and_says_so():
    [tie] = infer(job(1, MERCY, 2010, 2013), job(2, MERCY, 2013, 2015))

    assert tie.evidence == "worked together at Mercy Hospital in 2013"


def test_a_long_overlap_in_a_big_place_is_a_stronger_guess_than_a_short_one():
    colleagues = [job(100 + i, MERCY, 2000, 2001) for i in range(25)]  # not a small group
    long_ties = infer(job(1, MERCY, 2000, 2010), job(2, MERCY, 2000, 2010), *colleagues)
    short_ties = infer(job(1, MERCY, 2010, 2012), job(2, MERCY, 2012, 2015), *colleagues)

    [long] = [t for t in long_ties if (t.person_a, t.person_b) == (1, 2)]
    [short] = [t for t in short_ties if (t.person_a, t.person_b) == (1, 2)]
    assert (long.strength, short.strength) == (2, 1)


def test_open_ended_current_jobs_overlap_up_to_the_current_year():
    ties = infer(job(1, SUMMIT, 2020), job(2, SUMMIT, 2024), job(3, SUMMIT, 2010, 2019))

    assert pairs(ties) == {(1, 2)}
    assert ties[0].evidence == "worked together at Summit Orthopedics since 2024"


def test_a_past_job_overlaps_a_current_one_until_it_ended():
    [tie] = infer(job(1, SUMMIT, 2020), job(2, SUMMIT, 2015, 2022))

    assert tie.evidence == "worked together at Summit Orthopedics 2020–2022"


def test_a_current_job_that_starts_after_this_year_infers_nothing():
    assert infer(job(1, SUMMIT, 2020), job(2, SUMMIT, NOW + 1)) == []


def test_jobs_without_years_count_as_current():
    [tie] = infer(job(1, SUMMIT), job(2, SUMMIT, 2021))

    assert tie.evidence == f"worked together at Summit Orthopedics since {NOW}"


def test_the_same_person_twice_at_one_place_is_not_a_tie_with_themselves():
    ties = infer(job(1, MERCY, 2010, 2014), job(1, MERCY, 2012, 2020), job(2, MERCY, 2013, 2013))

    assert pairs(ties) == {(1, 2)}
    assert len(ties) == 1


def test_different_organizations_with_the_same_years_infer_nothing():
    assert infer(job(1, MERCY, 2010, 2014), job(2, SUMMIT, 2010, 2014)) == []


def test_a_residency_program_means_they_trained_together():
    [tie] = infer(
        record(1, GRADY_RESIDENCY, "employment", 2016, 2019),
        record(2, GRADY_RESIDENCY, "training", 2017, 2020),
    )

    assert tie.kind is InferredKind.TRAINED_TOGETHER
    assert tie.evidence == "trained together at Grady Internal Medicine Residency 2017–2019"
    assert tie.strength == 4  # years side by side, in a small program


def test_training_anywhere_counts_as_training_together():
    [tie] = infer(
        record(1, MERCY, "training", 2016, 2019), record(2, MERCY, "training", 2019, 2022)
    )

    assert tie.kind is InferredKind.TRAINED_TOGETHER
    assert tie.evidence == "trained together at Mercy Hospital in 2019"


def test_classmates_graduated_in_the_same_year_or_one_apart():
    ties = infer(
        record(1, EMORY, "education", 2015, 2019),
        record(2, EMORY, "education", 2016, 2020),
        record(3, EMORY, "education", 2015, 2019),
    )

    by_pair = {(t.person_a, t.person_b): t for t in ties}
    assert set(by_pair) == {(1, 2), (1, 3), (2, 3)}
    assert by_pair[1, 3].evidence == "classmates at Emory School of Medicine (class of 2019)"
    assert by_pair[1, 2].evidence == "classmates at Emory School of Medicine (class of 2019/2020)"
    assert by_pair[1, 3].strength > by_pair[1, 2].strength
    assert {t.kind for t in ties} == {InferredKind.CLASSMATES}


def test_classes_two_years_apart_are_not_classmates_even_if_their_years_overlap():
    assert (
        infer(record(1, EMORY, "education", 2015, 2019), record(2, EMORY, "education", 2017, 2021))
        == []
    )


def test_a_student_without_a_graduation_year_is_left_out():
    assert (
        infer(record(1, EMORY, "education", 2015), record(2, EMORY, "education", 2015, 2019)) == []
    )


def test_education_anywhere_is_judged_by_graduation_year():
    [tie] = infer(
        record(1, MERCY, "education", 2010, 2012), record(2, MERCY, "education", 2011, 2013)
    )

    assert tie.kind is InferredKind.CLASSMATES


def test_different_kinds_of_history_at_one_place_do_not_mix():
    # A student and a faculty member at the same school in the same years: not classmates,
    # and not colleagues either.
    assert infer(record(1, EMORY, "education", 2015, 2019), job(2, EMORY, 2015, 2019)) == []


def test_faculty_at_a_medical_school_worked_together():
    [tie] = infer(job(1, EMORY, 2015, 2019), job(2, EMORY, 2016, 2022))

    assert tie.kind is InferredKind.WORKED_TOGETHER


def test_membership_of_a_society_infers_nothing():
    assert (
        infer(
            record(1, SOCIETY, "membership", 2010, 2020),
            record(2, SOCIETY, "membership", 2010, 2020),
        )
        == []
    )


def test_two_overlapping_stints_give_one_tie_with_the_best_guess():
    ties = infer(job(1, MERCY, 2000, 2001), job(1, MERCY, 2010, 2015), job(2, MERCY, 2000, 2015))

    assert len(ties) == 1
    assert ties[0].evidence == "worked together at Mercy Hospital 2010–2015"


def test_worked_and_trained_together_at_different_places_are_two_ties():
    ties = infer(
        record(1, GRADY_RESIDENCY, "training", 2016, 2019),
        record(2, GRADY_RESIDENCY, "training", 2016, 2019),
        job(1, MERCY, 2020),
        job(2, MERCY, 2021),
    )

    assert [t.kind for t in ties] == [InferredKind.TRAINED_TOGETHER, InferredKind.WORKED_TOGETHER]


def test_a_giant_group_gives_each_person_at_most_max_peers_partners_nearest_first():
    records = [job(person, MERCY, 2000 + person % 20) for person in range(200)]

    ties = infer(*records, max_peers=5)

    # Each record pairs with the (at most) 5 that started just before it.
    assert len(ties) == sum(min(i, 5) for i in range(200))
    # The last to start (2019) is paired with others who started in 2019, not in 2000.
    last = [t for t in ties if 199 in (t.person_a, t.person_b)]
    assert {t.person_a for t in last} == {99, 119, 139, 159, 179}


def test_a_giant_group_of_classmates_is_capped_too():
    records = [record(person, EMORY, "education", 2010, 2014) for person in range(300)]

    ties = infer(*records, max_peers=10)

    assert len(ties) == sum(min(i, 10) for i in range(300))


def test_five_thousand_people_with_three_affiliations_give_a_linear_number_of_ties():
    organizations = [(i, f"Organization {i}", "group_practice") for i in range(400)]
    schools = [(1000 + i, f"School {i}", "medical_school") for i in range(20)]
    records = []
    for person in range(5000):
        start = 1990 + person % 30
        records.append(job(person, organizations[person % 400], start, start + 5))
        records.append(job(person, organizations[(person * 7) % 400], start + 6))
        records.append(record(person, schools[person % 20], "education", start - 4, start))

    ties = infer(*records)

    assert 5000 < len(ties) <= len(records) * 25
    assert all(t.person_a < t.person_b for t in ties)
    assert len({(t.person_a, t.person_b, t.kind, t.organization_id) for t in ties}) == len(ties)


def test_max_peers_must_be_positive():
    with pytest.raises(ValueError, match="max_peers"):
        infer(job(1, MERCY, 2000), max_peers=0)


def test_whoever_introduced_two_people_knows_the_one_they_introduced():
    ties = infer_from_introductions([(5, 2), (3, 9), (4, 4)], names={2: "Dr. Lee", 5: "Dr. Kim"})

    assert ties == [
        InferredTie(2, 5, InferredKind.INTRODUCED, "Dr. Lee introduced you to Dr. Kim", 3),
        InferredTie(3, 9, InferredKind.INTRODUCED, "one of them introduced you to the other", 3),
    ]


def test_people_in_the_same_interactions_met_together_and_more_often_is_stronger():
    ties = infer_from_co_participants([(1, 2), (2, 1), (3, 1), (4, 4)])

    assert ties == [
        InferredTie(1, 2, InferredKind.MET_TOGETHER, "together in 2 logged interactions", 3),
        InferredTie(1, 3, InferredKind.MET_TOGETHER, "together in 1 logged interaction", 2),
    ]
