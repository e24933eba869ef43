from tests.volunteers.conftest import place, vnet  # noqa: F401  (the volunteers' fixtures)
