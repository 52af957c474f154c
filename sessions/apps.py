from django.apps import AppConfig


class SessionsConfig(AppConfig):
    name = "sessions"
    # "sessions" is django.contrib.sessions' label; ours must differ.
    label = "mentoring_sessions"
    verbose_name = "Meetings, agendas and goals"
