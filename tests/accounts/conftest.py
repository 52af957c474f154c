from tests.accounts.idp.oidc import oidc_provider  # noqa: F401  (the test OpenID Connect provider, a fixture)
