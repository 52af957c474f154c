from mentoring.ops.sentry import scrub


def test_the_scrubber_keeps_nothing_personal():
    event = {
        "request": {
            "url": "https://mentoring.example.org/mentorships/4/?q=salary",
            "data": {"body": "My manager is difficult"},
            "cookies": {"sessionid": "s"},
            "query_string": "q=salary",
            "headers": {
                "Cookie": "sessionid=s",
                "User-Agent": "Firefox",
                "Authorization": "Bearer t",
                "X-Request-ID": "r",
            },
            "env": {"REMOTE_ADDR": "10.0.0.1"},
        },
        "user": {"id": 7, "email": "ada@example.org", "username": "ada"},
        "extra": {"note": "private"},
        "breadcrumbs": {"values": [{"category": "query", "message": "SELECT 1", "data": {"params": ["ada"]}}]},
        "exception": {"values": [{"stacktrace": {"frames": [{"function": "f", "vars": {"body": "private"}}]}}]},
    }
    scrubbed = scrub(event, {})
    assert scrubbed["request"] == {
        "url": "https://mentoring.example.org/mentorships/4/",
        "headers": {"User-Agent": "Firefox", "X-Request-ID": "r"},
    }
    assert scrubbed["user"] == {"id": 7}
    assert "extra" not in scrubbed
    assert scrubbed["breadcrumbs"]["values"] == [{"category": "query", "message": "SELECT 1"}]
    assert scrubbed["exception"]["values"][0]["stacktrace"]["frames"] == [{"function": "f"}]
    assert "private" not in repr(scrubbed) and "ada@" not in repr(scrubbed)


def test_sentry_starts_with_pii_off_and_the_scrubber(monkeypatch):
    import sentry_sdk

    from mentoring.ops import sentry

    seen = {}
    monkeypatch.setattr(sentry_sdk, "init", lambda **options: seen.update(options))
    sentry.init(dsn="https://key@sentry.example.org/1", environment="test", release="", traces_sample_rate=0.0)
    assert seen["send_default_pii"] is False and seen["before_send"] is scrub
    assert seen["include_local_variables"] is False and seen["max_request_body_size"] == "never"
