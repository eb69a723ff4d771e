"""Who a module is for: groups, regions named by a regional employment service or a region's
people, and the one definition of the age groups."""

from __future__ import annotations

import pytest

from corpus.audience import (
    OLDER_FROM,
    YOUNG_UNDER,
    age_group,
    audience_groups,
    audience_regions,
)


@pytest.mark.parametrize(
    ("audience", "regions"),
    [
        ("Personnes inscrites chez Actiris", {"Bruxelles"}),
        ("Résidents bruxellois uniquement", {"Bruxelles"}),
        ("Demandeuse d'emploi inscrite au FOREM", {"Wallonie"}),
        ("Habitants de la Wallonie", {"Wallonie"}),
        ("Werkzoekenden ingeschreven bij de VDAB", {"Vlaanderen"}),
        ("Inwoners van Vlaanderen", {"Vlaanderen"}),
        ("Inscrits chez Actiris ou au Forem", {"Bruxelles", "Wallonie"}),
        ("Chercheur d'emploi", set()),
        ("Tout public, y compris Actiris", set()),
        (None, set()),
    ],
)
def test_a_regional_audience_names_its_regions(audience: str | None, regions: set[str]) -> None:
    assert audience_regions(audience) == regions


def test_a_town_that_contains_a_region_word_is_not_a_region() -> None:
    # Only whole words count: "Forembourg" or "Vlaamsebaan" are not the Forem or Flanders.
    assert audience_regions("Habitants de Forembourg et Vlaamsebaan") == frozenset()


@pytest.mark.parametrize(
    ("age", "group"),
    [
        (14, None),
        (15, "young"),
        (YOUNG_UNDER - 1, "young"),
        (YOUNG_UNDER, None),
        (OLDER_FROM - 1, None),
        (OLDER_FROM, "over_45"),
        (70, "over_45"),
    ],
)
def test_the_age_groups_have_one_definition(age: int, group: str | None) -> None:
    assert age_group(age) == group


def test_groups_are_read_as_before() -> None:
    assert audience_groups("Jeunes de 18 à 25 ans") == {"young"}
    assert audience_groups("Chercheur d'emploi; Travailleur") == {"jobseeker", "worker"}
