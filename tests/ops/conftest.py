from tests.volunteers.conftest import vnet  # noqa: F401  (the volunteers' network fixture)
