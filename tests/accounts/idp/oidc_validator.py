from oauth2_provider.oauth2_validators import OAuth2Validator

UNVERIFIED = "unverified-email"


class Validator(OAuth2Validator):
    """The claims an organisation's directory would send; a member of the group UNVERIFIED has an address the
    provider never checked (email_verified: false)."""

    def get_additional_claims(self, request):
        user = request.user
        return {
            "email": user.email,
            "email_verified": not user.groups.filter(name=UNVERIFIED).exists(),
            "given_name": user.first_name,
            "family_name": user.last_name,
            "name": f"{user.first_name} {user.last_name}".strip(),
            "preferred_username": user.username,
        }
