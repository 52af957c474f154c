from mentoring.accounts.second_factor import SecondFactorRequired, to_setup


class SecondFactorMiddleware:
    """Answers SecondFactorRequired, raised by a coordinator page: the person is sent to set up a second factor."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, SecondFactorRequired):
            return to_setup(request)
        return None
