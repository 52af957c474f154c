import pytest

from tests.programs.factories import CohortFactory, ProgramFactory


@pytest.fixture
def program(coordinator):
    return ProgramFactory(coordinators=[coordinator])


@pytest.fixture
def cohort(program):
    return CohortFactory(program=program)


def csv_bytes(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()
